/* store — see store.h. Statements are prepared once and kept; migrations are a list of SQL
 * scripts, each applied in its own transaction together with the schema_version update. */
#include "store.h"
#include "metrics.h"
#include <libwebsockets.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store {
    sqlite3 *db;
    int wal_pages;   /* frames in the WAL after the last commit (from the WAL hook) */
    sqlite3_stmt *ins_session, *ins_participant, *upd_left;
};

static const char *const migrations[] = {
    /* 1: sessions and participants */
    "CREATE TABLE sessions ("
    "  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
    "  facilitator_token_hash BLOB NOT NULL UNIQUE, created_ms INTEGER NOT NULL);"
    "CREATE TABLE participants ("
    "  pid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
    "  session_id TEXT NOT NULL REFERENCES sessions(id), name TEXT NOT NULL,"
    "  token_hash BLOB NOT NULL UNIQUE, joined_ms INTEGER NOT NULL, left_ms INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX participants_session ON participants(session_id);",
    /* 2: rounds, rooms, seats, room clocks, broadcasts, help requests */
    "ALTER TABLE participants ADD COLUMN therapist_count INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE rounds ("
    "  session_id TEXT NOT NULL REFERENCES sessions(id), number INTEGER NOT NULL,"
    "  turns INTEGER NOT NULL, practice_ms INTEGER NOT NULL, feedback_ms INTEGER NOT NULL,"
    "  soften_ms INTEGER NOT NULL, grace_ms INTEGER NOT NULL, policy INTEGER NOT NULL, seed INTEGER NOT NULL,"
    "  scenario TEXT NOT NULL, launched_ms INTEGER NOT NULL, PRIMARY KEY (session_id, number));"
    "CREATE TABLE rooms ("
    "  id TEXT PRIMARY KEY, session_id TEXT NOT NULL, round INTEGER NOT NULL, number INTEGER NOT NULL,"
    "  rotation_size INTEGER NOT NULL, phase INTEGER NOT NULL, turn INTEGER NOT NULL,"
    "  deadline_ms INTEGER NOT NULL, remaining_ms INTEGER NOT NULL, paused INTEGER NOT NULL, in_grace INTEGER NOT NULL,"
    "  FOREIGN KEY (session_id, round) REFERENCES rounds(session_id, number));"
    "CREATE TABLE room_members ("
    "  room_id TEXT NOT NULL REFERENCES rooms(id), pid INTEGER NOT NULL REFERENCES participants(pid),"
    "  slot INTEGER NOT NULL, joined_ms INTEGER NOT NULL, gone_ms INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX room_members_room ON room_members(room_id);"
    "CREATE TABLE broadcasts ("
    "  id INTEGER PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), room_id TEXT,"
    "  text TEXT NOT NULL, at_ms INTEGER NOT NULL);"
    "CREATE INDEX broadcasts_room ON broadcasts(room_id);"
    "CREATE TABLE help_requests ("
    "  id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), room_id TEXT NOT NULL,"
    "  pid INTEGER NOT NULL, text TEXT NOT NULL, at_ms INTEGER NOT NULL, acked_ms INTEGER NOT NULL DEFAULT 0);",
    /* 3: feedback, amendments and drafts */
    "CREATE TABLE feedback ("
    "  id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), room_id TEXT NOT NULL REFERENCES rooms(id),"
    "  turn INTEGER NOT NULL, author_pid INTEGER NOT NULL, recipient_pid INTEGER NOT NULL, kind TEXT NOT NULL,"
    "  text TEXT NOT NULL, original_text TEXT, flags INTEGER NOT NULL, acknowledged INTEGER NOT NULL,"
    "  softened INTEGER NOT NULL, amends TEXT, sent_ms INTEGER NOT NULL, revised_ms INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX feedback_room ON feedback(room_id);"
    "CREATE TABLE drafts ("
    "  author_pid INTEGER NOT NULL, room_id TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL,"
    "  max_flags INTEGER NOT NULL DEFAULT 0, updated_ms INTEGER NOT NULL, PRIMARY KEY (author_pid, room_id, key));",
    /* 4: follow-ups, retention, ending a session, deleting an account */
    "ALTER TABLE sessions ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 30;"
    "ALTER TABLE sessions ADD COLUMN ended_ms INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE participants ADD COLUMN deleted_ms INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE followups ("
    "  id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  sender_pid INTEGER NOT NULL, recipient_pid INTEGER NOT NULL, room_id TEXT, client_id TEXT NOT NULL,"
    "  text TEXT NOT NULL, sent_ms INTEGER NOT NULL, delivered_ms INTEGER NOT NULL DEFAULT 0,"
    "  read_ms INTEGER NOT NULL DEFAULT 0, withdrawn_ms INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE (sender_pid, client_id, recipient_pid));"
    "CREATE INDEX followups_recipient ON followups(recipient_pid, sent_ms);"
    "CREATE INDEX followups_sender ON followups(sender_pid, sent_ms);",
    /* 5: calls — the session's link to another call system, and room chat (kept until the room closes) */
    "ALTER TABLE sessions ADD COLUMN call_link TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE room_chat ("
    "  id TEXT PRIMARY KEY, room_id TEXT NOT NULL, author_pid INTEGER NOT NULL DEFAULT 0,"
    "  author_id TEXT NOT NULL, author_name TEXT NOT NULL, facilitator INTEGER NOT NULL DEFAULT 0,"
    "  text TEXT NOT NULL, at_ms INTEGER NOT NULL);"
    "CREATE INDEX room_chat_room ON room_chat(room_id, at_ms);",
};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int store_schema_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(db, "SELECT version FROM schema_version", -1, &st, NULL) != SQLITE_OK) return 0;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int store_migrate(sqlite3 *db, char *err, size_t err_size)
{
    char *msg = NULL;
    if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"
                         "INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version);",
                     NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, err_size, "cannot create schema_version: %s", msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    int v = store_schema_version(db);
    if (v > N_MIGRATIONS) {
        snprintf(err, err_size, "the database has schema version %d but this softclose knows only up to %d; "
                 "run a newer softclose or point --data-dir elsewhere", v, N_MIGRATIONS);
        return -1;
    }
    for (int i = v; i < N_MIGRATIONS; i++) {
        char bump[64];
        snprintf(bump, sizeof bump, "UPDATE schema_version SET version = %d;", i + 1);
        if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, migrations[i], NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, bump, NULL, NULL, &msg) != SQLITE_OK ||
            sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
            snprintf(err, err_size, "migration %d failed: %s", i + 1, msg ? msg : "?");
            sqlite3_free(msg);
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}

/* Called by SQLite after every commit with the WAL's size. SQLite's own auto-checkpoint would
 * copy the WAL back into the database inside whichever commit crossed 1,000 pages — at a launch
 * of 10,000 people, that is the launch's commit, which everybody is waiting on. Instead the
 * shell checkpoints from its service loop once participants are served (store_checkpoint). */
static int on_wal_commit(void *ctx, sqlite3 *db, const char *name, int pages)
{
    (void)db;
    (void)name;
    ((store *)ctx)->wal_pages = pages;
    return SQLITE_OK;
}

int store_checkpoint_due(const store *st) { return st->wal_pages >= STORE_CHECKPOINT_PAGES; }

int store_checkpoint(store *st)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    if (rc != SQLITE_OK) return -1;
    st->wal_pages = log > done ? log - done : 0;   /* the WAL restarts from its start on the next commit */
    return 0;
}

static int prepare(store *st, sqlite3_stmt **out, const char *sql)
{
    return sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) == SQLITE_OK ? 0 : -1;
}

store *store_open(const char *path, char *err, size_t err_size)
{
    store *st = calloc(1, sizeof *st);
    if (!st) { snprintf(err, err_size, "out of memory"); return NULL; }
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(err, err_size, "cannot open database %s: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
        store_close(st);
        return NULL;
    }
    sqlite3_busy_timeout(st->db, 5000);
    char *msg = NULL;
    /* cache_size: up to 64 MiB of pages (SQLite's default is 2 MiB). A launch of 10,000 people
     * writes about 13,000 rows into indexes keyed by random UUIDs; with the default cache its
     * inserts spilled and took about a third longer. Memory is only used as pages are touched. */
    if (sqlite3_exec(st->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, err_size, "cannot configure database %s: %s", path, msg ? msg : "?");
        sqlite3_free(msg);
        store_close(st);
        return NULL;
    }
    if (store_migrate(st->db, err, err_size) != 0) { store_close(st); return NULL; }
    sqlite3_wal_hook(st->db, on_wal_commit, st);   /* replaces the automatic checkpoint */
    if (prepare(st, &st->ins_session, "INSERT INTO sessions(id, code, name, facilitator_token_hash, created_ms) VALUES (?,?,?,?,?)") ||
        prepare(st, &st->ins_participant, "INSERT INTO participants(id, session_id, name, token_hash, joined_ms) VALUES (?,?,?,?,?)") ||
        prepare(st, &st->upd_left, "UPDATE participants SET left_ms = ? WHERE pid = ?")) {
        snprintf(err, err_size, "cannot prepare statements: %s", sqlite3_errmsg(st->db));
        store_close(st);
        return NULL;
    }
    return st;
}

void store_close(store *st)
{
    if (!st) return;
    sqlite3_finalize(st->ins_session);
    sqlite3_finalize(st->ins_participant);
    sqlite3_finalize(st->upd_left);
    if (st->db) sqlite3_close_v2(st->db);
    free(st);
}

sqlite3 *store_db(store *st) { return st->db; }
const char *store_last_error(store *st) { return sqlite3_errmsg(st->db); }

int store_begin(store *st) { return sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1; }
int store_commit(store *st) { return sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1; }
void store_rollback(store *st) { sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL); }

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Service thread only (the launch's helper thread commits with store_commit, see store_async.c). */
int store_end(store *st, int ok)
{
    if (ok) {
        double t0 = seconds_now();
        int rc = store_commit(st);
        metrics_observe(MH_COMMIT, seconds_now() - t0);
        if (rc == 0) return 0;
        metrics_inc(MC_COMMIT_FAILURES);
        lwsl_err("commit_failed: %s\n", sqlite3_errmsg(st->db));
    }
    store_rollback(st);   /* harmless when BEGIN itself failed: there is nothing to roll back */
    return -1;
}

/* Steps a statement. A write outside BEGIN … COMMIT commits by itself (with its fsync): that is
 * timed as a commit too. Inside a transaction (the only way the launch's helper thread writes)
 * nothing is recorded here. */
static int step(sqlite3_stmt *q)
{
    if (!sqlite3_get_autocommit(sqlite3_db_handle(q)) || sqlite3_stmt_readonly(q)) return sqlite3_step(q);
    double t0 = seconds_now();
    int rc = sqlite3_step(q);
    metrics_observe(MH_COMMIT, seconds_now() - t0);
    return rc;
}

/* Runs a prepared statement that returns no rows, then resets it for reuse. */
static int run(sqlite3_stmt *s)
{
    int rc = step(s);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_insert_session(store *st, const sc_session *s)
{
    sqlite3_stmt *q = st->ins_session;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, s->name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 4, s->facilitator_token_hash, SC_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(q, 5, s->created_ms);
    return run(q);
}

int store_insert_participant(store *st, const char *session_id, const char *id, const char *name,
                             const unsigned char token_hash[32], int64_t joined_ms, int64_t *pid)
{
    sqlite3_stmt *q = st->ins_participant;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, session_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, name, -1, SQLITE_STATIC);
    sqlite3_bind_blob(q, 4, token_hash, SC_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(q, 5, joined_ms);
    if (run(q) != 0) return -1;
    *pid = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int store_mark_left(store *st, int64_t pid, int64_t left_ms)
{
    sqlite3_bind_int64(st->upd_left, 1, left_ms);
    sqlite3_bind_int64(st->upd_left, 2, pid);
    return run(st->upd_left);
}

static void copy_text(char *dst, size_t size, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(dst, size, "%s", t ? (const char *)t : "");
}

int store_load_world(store *st, sc_world *w, char *err, size_t err_size)
{
    sqlite3_stmt *q;
    int rc = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT id, code, name, facilitator_token_hash, created_ms, retention_days, ended_ms, call_link FROM sessions ORDER BY created_ms",
                           -1, &q, NULL) != SQLITE_OK) goto fail;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char id[SC_ID_LEN + 1], code[JOINCODE_LEN + 1], name[TEXT_NAME_MAX_BYTES + 1];
        copy_text(id, sizeof id, q, 0);
        copy_text(code, sizeof code, q, 1);
        copy_text(name, sizeof name, q, 2);
        if (sqlite3_column_bytes(q, 3) != SC_TOKEN_HASH_LEN) continue;
        sc_session *s = NULL;
        if (world_add_session(w, id, code, name, sqlite3_column_blob(q, 3), sqlite3_column_int64(q, 4), &s) != SC_OK) {
            sqlite3_finalize(q);
            snprintf(err, err_size, "cannot load session %s", id);
            return -1;
        }
        s->retention_days = sqlite3_column_int(q, 5);
        s->ended_ms = sqlite3_column_int64(q, 6);
        copy_text(s->call_link, sizeof s->call_link, q, 7);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail;
    if (sqlite3_prepare_v2(st->db, "SELECT pid, id, session_id, name, token_hash, joined_ms, left_ms, therapist_count, deleted_ms FROM participants ORDER BY pid",
                           -1, &q, NULL) != SQLITE_OK) goto fail;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char id[SC_ID_LEN + 1], sid[SC_ID_LEN + 1], name[TEXT_NAME_MAX_BYTES + 1];
        copy_text(id, sizeof id, q, 1);
        copy_text(sid, sizeof sid, q, 2);
        copy_text(name, sizeof name, q, 3);
        sc_session *s = world_find_session_by_id(w, sid);
        if (!s || sqlite3_column_bytes(q, 4) != SC_TOKEN_HASH_LEN) continue;
        /* The cap applies to new joins; people already in the store are always restored. */
        size_t cap = w->max_participants;
        w->max_participants = (size_t)-1;
        sc_participant *p = NULL;
        sc_status ss = world_add_participant(w, s, sqlite3_column_int64(q, 0), id, name, sqlite3_column_blob(q, 4),
                                             sqlite3_column_int64(q, 5), sqlite3_column_int64(q, 6), &p);
        w->max_participants = cap;
        if (p) {
            p->therapist_count = (unsigned)sqlite3_column_int(q, 7);
            p->deleted_ms = sqlite3_column_int64(q, 8);
        }
        if (ss != SC_OK) {
            sqlite3_finalize(q);
            snprintf(err, err_size, "cannot load participant %s", id);
            return -1;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail;
    return 0;
fail:
    snprintf(err, err_size, "cannot read the database: %s", sqlite3_errmsg(st->db));
    return -1;
}

sqlite3_stmt *store_prepare(store *st, const char *sql)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return NULL;
    return q;
}

int store_finish(sqlite3_stmt *q)
{
    int rc = q ? step(q) : SQLITE_ERROR;
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_step_reset(sqlite3_stmt *q)
{
    int rc = step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? 0 : -1;
}
