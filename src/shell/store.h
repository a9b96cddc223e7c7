/* store — SQLite persistence: schema migrations, writes, and loading the world at start.
 * Owns: every SQL statement. WAL mode with synchronous=FULL, because a reply that
 * confirms something is sent only after its data is committed, and "committed" must survive a
 * power cut, not only a crash of this process. */
#ifndef SOFTCLOSE_STORE_H
#define SOFTCLOSE_STORE_H
#include <sqlite3.h>
#include <stdint.h>
#include "session.h"

#define STORE_SCHEMA_VERSION 5

typedef struct store store;

/* Opens (creating if missing) the database at path (":memory:" for tests) and migrates it.
 * On failure returns NULL and writes a sentence into err. A database written by a newer
 * softclose is refused, never downgraded. */
store *store_open(const char *path, char *err, size_t err_size);
void store_close(store *st);
sqlite3 *store_db(store *st);

/* Applies every migration newer than the database's schema_version. Returns 0 or -1 (err set). */
int store_migrate(sqlite3 *db, char *err, size_t err_size);
int store_schema_version(sqlite3 *db);

/* Checkpoints: the WAL is copied back into the database by the shell between bursts of work,
 * not inside a commit (see on_wal_commit in store.c). */
#define STORE_CHECKPOINT_PAGES 1000
int store_checkpoint_due(const store *st);
int store_checkpoint(store *st);   /* PASSIVE; 0 or -1 */

/* One transaction: begin; do the writes, folding their results into `ok`; then store_end commits
 * when ok (rolling back if the commit fails) or rolls back when not. Returns 0 once committed:
 *     int ok = store_begin(st) == 0 && write_a(st) == 0 && write_b(st) == 0;
 *     if (store_end(st, ok) != 0) { reply_error(... ERR_INTERNAL ...); return; } */
int store_begin(store *st);
int store_end(store *st, int ok);
int store_commit(store *st);
void store_rollback(store *st);

int store_insert_session(store *st, const sc_session *s);
/* Inserts a participant and returns its row id in *pid. */
int store_insert_participant(store *st, const char *session_id, const char *id, const char *name,
                             const unsigned char token_hash[32], int64_t joined_ms, int64_t *pid);
int store_mark_left(store *st, int64_t pid, int64_t left_ms);

/* Loads every session and participant into w. Returns 0 or -1. */
int store_load_world(store *st, sc_world *w, char *err, size_t err_size);
const char *store_last_error(store *st);

/* Helpers for the per-feature store files. */
sqlite3_stmt *store_prepare(store *st, const char *sql);   /* NULL on error */
int store_finish(sqlite3_stmt *q);      /* steps once, finalizes; 0 if the statement completed */
int store_step_reset(sqlite3_stmt *q);  /* steps once, resets for reuse; 0 if it completed */
#endif
