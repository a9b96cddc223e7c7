/* test_store — SQLite migrations (fresh, idempotent, upgrade from an older schema, refusal of a
 * newer one), writes with transactions and constraints, and loading the world back (names, codes,
 * token hashes, left_ms) on an in-memory database and on a temporary file across a reopen. */
#include "unit.h"
#include "tmpdb.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ERR_SIZE 512


/* ---- helpers ---- */
static int count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
    int n = -1;
    if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return n;
}

static void exec_ok(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        char copy[256];
        snprintf(copy, sizeof copy, "%s", msg ? msg : "?");
        sqlite3_free(msg);
        fail_msg("%s: %s", sql, copy);
    }
}

static int has_table(sqlite3 *db, const char *name)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?", -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return n == 1;
}

static int has_column(sqlite3 *db, const char *table, const char *column)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s') WHERE name='%s'", table, column);
    return count_rows(db, sql) == 1;
}

static void mk_hash(unsigned char h[SC_TOKEN_HASH_LEN], unsigned char tag, unsigned n)
{
    for (size_t i = 0; i < SC_TOKEN_HASH_LEN; i++) h[i] = (unsigned char)(tag + i * 13 + n * 101);
    h[0] = tag;
    memcpy(h + 1, &n, sizeof n);
}

static const char *mk_id(char buf[SC_ID_LEN + 1], char tag, unsigned n)
{
    snprintf(buf, SC_ID_LEN + 1, "%c%c%c%c%c%c%c%c-0000-4000-8000-%012u", tag, tag, tag, tag, tag, tag, tag, tag, n % 1000000u);
    return buf;
}

/* A session struct to hand to store_insert_session (the store only reads it). */
static sc_session mk_session(unsigned n, const char *code, const char *name)
{
    sc_session s;
    memset(&s, 0, sizeof s);
    mk_id(s.id, 's', n);
    snprintf(s.code, sizeof s.code, "%s", code);
    snprintf(s.name, sizeof s.name, "%s", name);
    mk_hash(s.facilitator_token_hash, 'F', n);
    s.created_ms = FAKE_CLOCK_START_MS + n;
    return s;
}

static const char *const all_tables[] = {
    "schema_version", "sessions", "participants", "rounds", "rooms", "room_members",
    "broadcasts", "help_requests", "feedback", "drafts", "followups",
};

/* ---- migrations ---- */
static void test_open_memory_migrates(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    if (!st) fail_msg("store_open: %s", err);
    sqlite3 *db = store_db(st);
    assert_int_equal(store_schema_version(db), STORE_SCHEMA_VERSION);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM schema_version"), 1);
    for (size_t i = 0; i < ARRAY_LEN(all_tables); i++)
        if (!has_table(db, all_tables[i])) fail_msg("table %s missing", all_tables[i]);
    assert_true(has_column(db, "participants", "therapist_count"));
    assert_int_equal(count_rows(db, "PRAGMA foreign_keys"), 1);
    store_close(st);
}

static void test_migrate_is_idempotent(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    assert_non_null(st);
    sqlite3 *db = store_db(st);
    int objects = count_rows(db, "SELECT count(*) FROM sqlite_master");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(store_migrate(db, err, sizeof err), 0);
        assert_int_equal(store_schema_version(db), STORE_SCHEMA_VERSION);
        assert_int_equal(count_rows(db, "SELECT count(*) FROM schema_version"), 1);
        assert_int_equal(count_rows(db, "SELECT count(*) FROM sqlite_master"), objects);
    }
    store_close(st);
}

/* store_migrate on a bare database; store_schema_version of a database without the table is 0. */
static void test_migrate_bare_database(void **state)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(store_schema_version(db), 0);
    char err[ERR_SIZE] = "";
    if (store_migrate(db, err, sizeof err) != 0) fail_msg("migrate: %s", err);
    assert_int_equal(store_schema_version(db), STORE_SCHEMA_VERSION);
    for (size_t i = 0; i < ARRAY_LEN(all_tables); i++) assert_true(has_table(db, all_tables[i]));
    sqlite3_close(db);
}

/* A database at schema version 1 (as an early softclose wrote it, with a row in it) is upgraded in
 * place, keeping its data. */
static void test_upgrade_from_version_1(void **state)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    exec_ok(db,
            "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);"
            "CREATE TABLE sessions ("
            "  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
            "  facilitator_token_hash BLOB NOT NULL UNIQUE, created_ms INTEGER NOT NULL);"
            "CREATE TABLE participants ("
            "  pid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
            "  session_id TEXT NOT NULL REFERENCES sessions(id), name TEXT NOT NULL,"
            "  token_hash BLOB NOT NULL UNIQUE, joined_ms INTEGER NOT NULL, left_ms INTEGER NOT NULL DEFAULT 0);"
            "CREATE INDEX participants_session ON participants(session_id);"
            "INSERT INTO sessions VALUES ('old-session', 'ABCDEF', 'Old', zeroblob(32), 5);"
            "INSERT INTO participants(id, session_id, name, token_hash, joined_ms) VALUES ('old-p', 'old-session', 'Olga', randomblob(32), 6);");
    assert_int_equal(store_schema_version(db), 1);
    char err[ERR_SIZE] = "";
    if (store_migrate(db, err, sizeof err) != 0) fail_msg("migrate: %s", err);
    assert_int_equal(store_schema_version(db), STORE_SCHEMA_VERSION);
    assert_true(has_column(db, "participants", "therapist_count"));
    assert_true(has_table(db, "rounds"));
    assert_true(has_table(db, "feedback"));
    assert_int_equal(count_rows(db, "SELECT count(*) FROM participants WHERE name='Olga' AND therapist_count=0"), 1);
    assert_int_equal(count_rows(db, "SELECT count(*) FROM sessions"), 1);
    sqlite3_close(db);
}

/* A database written by a newer softclose is refused, with the version in the message, and left alone. */
static void test_newer_schema_refused(void **state)
{
    tmpdb t;
    tmpdb_make(&t);
    char err[ERR_SIZE] = "";
    store *st = store_open(t.path, err, sizeof err);
    if (!st) { tmpdb_remove(&t); fail_msg("store_open: %s", err); }
    store_close(st);

    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(t.path, &db), SQLITE_OK);
    exec_ok(db, "UPDATE schema_version SET version=999");
    sqlite3_close(db);

    err[0] = '\0';
    st = store_open(t.path, err, sizeof err);
    int refused = st == NULL;
    if (st) store_close(st);
    char copy[ERR_SIZE];
    snprintf(copy, sizeof copy, "%s", err);

    assert_int_equal(sqlite3_open(t.path, &db), SQLITE_OK);
    int v_before = store_schema_version(db);
    /* store_migrate itself refuses too, and changes nothing. */
    char err2[ERR_SIZE] = "";
    int rc = store_migrate(db, err2, sizeof err2);
    int v_after = store_schema_version(db);
    sqlite3_close(db);
    tmpdb_remove(&t);

    assert_true(refused);
    if (!strstr(copy, "999")) fail_msg("error does not mention the version: \"%s\"", copy);
    assert_int_equal(v_before, 999);       /* store_open did not downgrade it */
    assert_int_equal(v_after, 999);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err2, "999"));
}

static void test_open_bad_path(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open("/nonexistent-dir-softclose/x/y.db", err, sizeof err);
    if (st) { store_close(st); fail_msg("opened a database in a missing directory"); }
    assert_true(strlen(err) > 0);
    assert_non_null(strstr(err, "/nonexistent-dir-softclose/x/y.db"));
}

/* ---- writes and loading the world ---- */
typedef struct { unsigned n; const char *name; int leaves; } person_row;

static const person_row people_a[] = {
    { 1, "Ada", 0 },
    { 2, "Zoë Ñandú", 1 },
    { 3, "\xF0\x9F\x98\x80 smile", 0 },
    { 4, "Grace", 1 },
    { 5, "Линус", 0 },
};
static const person_row people_b[] = {
    { 11, "Bob", 0 },
};

/* Writes two sessions with people (some of whom leave) and returns their row ids. */
static void write_fixture(store *st, int64_t pid_a[], int64_t pid_b[])
{
    sc_session a = mk_session(1, "ABCDEF", "Monday triads");
    sc_session b = mk_session(2, "K2M3N4", "Tuesday");
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_insert_session(st, &a), 0);
    assert_int_equal(store_insert_session(st, &b), 0);
    char id[SC_ID_LEN + 1];
    unsigned char h[SC_TOKEN_HASH_LEN];
    for (size_t i = 0; i < ARRAY_LEN(people_a); i++) {
        mk_hash(h, 'P', people_a[i].n);
        assert_int_equal(store_insert_participant(st, a.id, mk_id(id, 'p', people_a[i].n), people_a[i].name, h,
                                                  FAKE_CLOCK_START_MS + 1000 * people_a[i].n, &pid_a[i]), 0);
        assert_true(pid_a[i] > 0);
        for (size_t j = 0; j < i; j++) assert_int_not_equal(pid_a[i], pid_a[j]);
    }
    for (size_t i = 0; i < ARRAY_LEN(people_b); i++) {
        mk_hash(h, 'P', people_b[i].n);
        assert_int_equal(store_insert_participant(st, b.id, mk_id(id, 'p', people_b[i].n), people_b[i].name, h,
                                                  FAKE_CLOCK_START_MS, &pid_b[i]), 0);
    }
    for (size_t i = 0; i < ARRAY_LEN(people_a); i++)
        if (people_a[i].leaves) assert_int_equal(store_mark_left(st, pid_a[i], FAKE_CLOCK_START_MS + 99000 + (int64_t)i), 0);
    assert_int_equal(store_commit(st), 0);
}

static void check_loaded(sc_world *w, const int64_t pid_a[], const int64_t pid_b[])
{
    assert_int_equal(w->n_sessions, 2);
    sc_session *a = world_find_session_by_code(w, "ABCDEF");
    sc_session *b = world_find_session_by_code(w, "K2M3N4");
    assert_non_null(a);
    assert_non_null(b);
    sc_session ea = mk_session(1, "ABCDEF", "Monday triads"), eb = mk_session(2, "K2M3N4", "Tuesday");
    assert_string_equal(a->id, ea.id);
    assert_string_equal(a->name, "Monday triads");
    assert_int_equal(a->created_ms, ea.created_ms);
    assert_memory_equal(a->facilitator_token_hash, ea.facilitator_token_hash, SC_TOKEN_HASH_LEN);
    assert_string_equal(b->name, "Tuesday");
    assert_ptr_equal(world_find_session_by_id(w, eb.id), b);
    sc_session *fs = NULL;
    assert_int_equal(world_find_by_token(w, ea.facilitator_token_hash, &fs, NULL), TOKEN_FACILITATOR);
    assert_ptr_equal(fs, a);

    assert_int_equal(a->n_people, ARRAY_LEN(people_a));
    size_t present = 0;
    char id[SC_ID_LEN + 1];
    unsigned char h[SC_TOKEN_HASH_LEN];
    for (size_t i = 0; i < ARRAY_LEN(people_a); i++) {
        sc_participant *p = world_find_participant(w, a, mk_id(id, 'p', people_a[i].n));
        if (!p) fail_msg("participant %s not restored", people_a[i].name);
        assert_ptr_equal(a->people[i], p);          /* join order kept */
        assert_int_equal(p->index, i);
        assert_string_equal(p->name, people_a[i].name);
        assert_int_equal(p->pid, pid_a[i]);
        assert_int_equal(p->joined_ms, FAKE_CLOCK_START_MS + 1000 * people_a[i].n);
        mk_hash(h, 'P', people_a[i].n);
        assert_memory_equal(p->token_hash, h, SC_TOKEN_HASH_LEN);
        assert_int_equal(p->online, 0);
        sc_participant *tp = NULL;
        if (people_a[i].leaves) {
            assert_int_equal(p->left_ms, FAKE_CLOCK_START_MS + 99000 + (int64_t)i);
            assert_int_equal(world_find_by_token(w, h, NULL, &tp), TOKEN_NONE);
        } else {
            present++;
            assert_int_equal(p->left_ms, 0);
            assert_int_equal(world_find_by_token(w, h, NULL, &tp), TOKEN_PARTICIPANT);
            assert_ptr_equal(tp, p);
        }
    }
    assert_int_equal(a->n_present, present);
    assert_int_equal(b->n_people, 1);
    assert_int_equal(b->n_present, 1);
    sc_participant *bob = world_find_participant(w, b, mk_id(id, 'p', 11));
    assert_non_null(bob);
    assert_int_equal(bob->pid, pid_b[0]);
    assert_null(world_find_participant(w, a, bob->id));
}

static void test_roundtrip_memory(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    assert_non_null(st);
    int64_t pid_a[ARRAY_LEN(people_a)], pid_b[ARRAY_LEN(people_b)];
    write_fixture(st, pid_a, pid_b);
    sc_world w;
    world_init(&w, 0);
    if (store_load_world(st, &w, err, sizeof err) != 0) fail_msg("load: %s", err);
    check_loaded(&w, pid_a, pid_b);
    world_free(&w);
    store_close(st);
}

/* The real restart: write, close, reopen the file, load into a fresh world. */
static void test_roundtrip_file_reopen(void **state)
{
    tmpdb t;
    tmpdb_make(&t);
    char err[ERR_SIZE] = "";
    store *st = store_open(t.path, err, sizeof err);
    if (!st) { tmpdb_remove(&t); fail_msg("open: %s", err); }
    int64_t pid_a[ARRAY_LEN(people_a)], pid_b[ARRAY_LEN(people_b)];
    write_fixture(st, pid_a, pid_b);
    store_close(st);

    st = store_open(t.path, err, sizeof err);
    if (!st) { tmpdb_remove(&t); fail_msg("reopen: %s", err); }
    assert_int_equal(store_schema_version(store_db(st)), STORE_SCHEMA_VERSION);
    sc_world w;
    world_init(&w, 0);
    int rc = store_load_world(st, &w, err, sizeof err);
    store_close(st);
    tmpdb_remove(&t);
    if (rc != 0) { world_free(&w); fail_msg("load: %s", err); }
    check_loaded(&w, pid_a, pid_b);
    world_free(&w);
}

/* People already in the store are restored even beyond the cap; the cap still applies afterwards. */
static void test_load_ignores_cap_for_existing_people(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    assert_non_null(st);
    sc_session s = mk_session(1, "ABCDEF", "Big");
    assert_int_equal(store_insert_session(st, &s), 0);
    char id[SC_ID_LEN + 1];
    unsigned char h[SC_TOKEN_HASH_LEN];
    for (unsigned i = 0; i < 5; i++) {
        int64_t pid;
        mk_hash(h, 'P', i);
        assert_int_equal(store_insert_participant(st, s.id, mk_id(id, 'p', i), "P", h, 1, &pid), 0);
    }
    sc_world w;
    world_init(&w, 2);
    if (store_load_world(st, &w, err, sizeof err) != 0) fail_msg("load: %s", err);
    sc_session *ls = world_find_session_by_code(&w, "ABCDEF");
    assert_non_null(ls);
    assert_int_equal(ls->n_present, 5);
    assert_int_equal(w.max_participants, 2);
    assert_int_equal(world_can_join(&w, ls), SC_ERR_FULL);
    world_free(&w);
    store_close(st);
}

static void test_rollback_discards(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    assert_non_null(st);
    sc_session a = mk_session(1, "ABCDEF", "Kept"), b = mk_session(2, "GHJKMN", "Rolled back");
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_insert_session(st, &a), 0);
    assert_int_equal(store_commit(st), 0);
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(store_insert_session(st, &b), 0);
    store_rollback(st);
    sc_world w;
    world_init(&w, 0);
    assert_int_equal(store_load_world(st, &w, err, sizeof err), 0);
    assert_int_equal(w.n_sessions, 1);
    assert_non_null(world_find_session_by_code(&w, "ABCDEF"));
    assert_null(world_find_session_by_code(&w, "GHJKMN"));
    world_free(&w);
    store_close(st);
}

/* The schema's constraints hold: a second session with the same code or facilitator token, a
 * participant of an unknown session, a reused participant id or token are refused. */
static void test_constraints(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    assert_non_null(st);
    sc_session a = mk_session(1, "ABCDEF", "A");
    assert_int_equal(store_insert_session(st, &a), 0);
    sc_session same_code = mk_session(2, "ABCDEF", "B");
    assert_int_equal(store_insert_session(st, &same_code), -1);
    sc_session same_token = mk_session(3, "GHJKMN", "C");
    memcpy(same_token.facilitator_token_hash, a.facilitator_token_hash, SC_TOKEN_HASH_LEN);
    assert_int_equal(store_insert_session(st, &same_token), -1);
    assert_int_equal(store_insert_session(st, &a), -1);    /* same id */

    char id[SC_ID_LEN + 1];
    unsigned char h1[SC_TOKEN_HASH_LEN], h2[SC_TOKEN_HASH_LEN], h3[SC_TOKEN_HASH_LEN];
    mk_hash(h1, 'P', 1);
    mk_hash(h2, 'P', 2);
    mk_hash(h3, 'P', 3);
    int64_t pid = -7;
    assert_int_equal(store_insert_participant(st, a.id, mk_id(id, 'p', 1), "One", h1, 1, &pid), 0);
    int64_t first = pid;
    assert_int_equal(store_insert_participant(st, "no-such-session", mk_id(id, 'p', 2), "Two", h2, 1, &pid), -1);
    assert_int_equal(store_insert_participant(st, a.id, mk_id(id, 'p', 1), "Dup id", h3, 1, &pid), -1);
    assert_int_equal(store_insert_participant(st, a.id, mk_id(id, 'p', 4), "Dup token", h1, 1, &pid), -1);
    /* After failures the prepared statements still work. */
    assert_int_equal(store_insert_participant(st, a.id, mk_id(id, 'p', 5), "Five", h3, 1, &pid), 0);
    assert_true(pid > first);
    assert_int_equal(count_rows(store_db(st), "SELECT count(*) FROM participants"), 2);
    assert_int_equal(count_rows(store_db(st), "SELECT count(*) FROM sessions"), 1);
    store_close(st);
}

/* The longest legal name (80 four-byte characters) survives the round trip byte for byte. */
static void test_long_unicode_names(void **state)
{
    char err[ERR_SIZE] = "";
    store *st = store_open(":memory:", err, sizeof err);
    assert_non_null(st);
    char name[TEXT_NAME_MAX_BYTES + 1];
    for (size_t i = 0; i < TEXT_SESSION_NAME_MAX_CHARS; i++) memcpy(name + 4 * i, "\xF0\x9F\x8C\xB1", 4);
    name[TEXT_NAME_MAX_BYTES] = '\0';
    sc_session s = mk_session(1, "ABCDEF", name);
    assert_int_equal(store_insert_session(st, &s), 0);
    char pname[TEXT_NAME_MAX_CHARS * 4 + 1];
    for (size_t i = 0; i < TEXT_NAME_MAX_CHARS; i++) memcpy(pname + 4 * i, "\xF0\x9F\x8C\xB2", 4);
    pname[TEXT_NAME_MAX_CHARS * 4] = '\0';
    char id[SC_ID_LEN + 1];
    unsigned char h[SC_TOKEN_HASH_LEN];
    mk_hash(h, 'P', 1);
    int64_t pid;
    assert_int_equal(store_insert_participant(st, s.id, mk_id(id, 'p', 1), pname, h, 1, &pid), 0);
    sc_world w;
    world_init(&w, 0);
    assert_int_equal(store_load_world(st, &w, err, sizeof err), 0);
    sc_session *ls = world_find_session_by_code(&w, "ABCDEF");
    assert_non_null(ls);
    assert_string_equal(ls->name, name);
    assert_int_equal(ls->n_people, 1);
    assert_string_equal(ls->people[0]->name, pname);
    world_free(&w);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_memory_migrates),
        cmocka_unit_test(test_migrate_is_idempotent),
        cmocka_unit_test(test_migrate_bare_database),
        cmocka_unit_test(test_upgrade_from_version_1),
        cmocka_unit_test(test_newer_schema_refused),
        cmocka_unit_test(test_open_bad_path),
        cmocka_unit_test(test_roundtrip_memory),
        cmocka_unit_test(test_roundtrip_file_reopen),
        cmocka_unit_test(test_load_ignores_cap_for_existing_people),
        cmocka_unit_test(test_rollback_discards),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_long_unicode_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
