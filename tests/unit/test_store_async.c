/* test_store_async — a store transaction on the helper thread: it commits (and what it wrote is
 * there afterwards), a body that fails or a constraint that fails rolls everything back, and the
 * calling thread's own work in between changes nothing. Also the checkpoint rule that goes with
 * it (store.c): SQLite's automatic checkpoint is off, store_checkpoint_due says when the WAL has
 * passed STORE_CHECKPOINT_PAGES, and store_checkpoint empties it. */
#include "unit.h"
#include "tmpdb.h"
#include "store.h"
#include "store_async.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define ERR_SIZE 512


static sc_session mk_session(unsigned n)
{
    sc_session s;
    memset(&s, 0, sizeof s);
    snprintf(s.id, sizeof s.id, "ssssssss-0000-4000-8000-%012u", n);
    /* codes must differ: six letters from n in base 26 */
    for (int i = 5, v = (int)n; i >= 0; i--, v /= 26) s.code[i] = (char)('A' + v % 26);
    s.code[6] = '\0';
    snprintf(s.name, sizeof s.name, "Session %u", n);
    s.facilitator_token_hash[0] = 'F';
    memcpy(s.facilitator_token_hash + 1, &n, sizeof n);
    s.created_ms = FAKE_CLOCK_START_MS + n;
    return s;
}

static int count_sessions(store *st)
{
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM sessions", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return n;
}

/* The body of the transaction: inserts sessions first..first+count-1, then returns `result`.
 * Records the thread it ran on. */
typedef struct { unsigned first, count; int result; pthread_t ran_on; } insert_job;

static int insert_sessions(store *st, void *ctx)
{
    insert_job *j = ctx;
    j->ran_on = pthread_self();
    for (unsigned i = 0; i < j->count; i++) {
        sc_session s = mk_session(j->first + i);
        if (store_insert_session(st, &s) != 0) return -1;
    }
    return j->result;
}

static void test_commits_on_the_helper_thread(void **state)
{
    tmpdb t;
    tmpdb_make(&t);
    char err[ERR_SIZE] = "";
    store *st = store_open(t.path, err, sizeof err);
    assert_non_null(st);
    insert_job job = { 1, 500, 0, pthread_self() };
    store_async a;
    store_async_begin(&a, st, insert_sessions, &job);
    assert_true(a.threaded);
    /* the calling thread works meanwhile (without the store), as the launch does */
    volatile unsigned long sum = 0;
    for (unsigned long i = 0; i < 1000000; i++) sum += i;
    assert_int_equal(store_async_end(&a), 0);
    assert_false(pthread_equal(job.ran_on, pthread_self()));   /* it really ran on another thread */
    assert_int_equal(count_sessions(st), 500);
    store_close(st);
    /* it was committed, not just visible to this connection */
    st = store_open(t.path, err, sizeof err);
    assert_non_null(st);
    assert_int_equal(count_sessions(st), 500);
    store_close(st);
    tmpdb_remove(&t);
}

static void test_failures_roll_back_everything(void **state)
{
    static const struct { const char *why; insert_job job; } cases[] = {
        { "the body reports failure after writing", { 10, 50, -1, 0 } },
        { "a constraint fails part-way (session 5 already exists)", { 1, 20, 0, 0 } },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char err[ERR_SIZE] = "";
        store *st = store_open(":memory:", err, sizeof err);
        assert_non_null(st);
        sc_session existing = mk_session(5);
        assert_int_equal(store_insert_session(st, &existing), 0);
        store_async a;
        insert_job job = cases[i].job;
        store_async_begin(&a, st, insert_sessions, &job);
        if (store_async_end(&a) != -1) fail_msg("case %zu (%s): the transaction committed", i, cases[i].why);
        if (count_sessions(st) != 1) fail_msg("case %zu (%s): %d sessions, want only the one from before", i, cases[i].why, count_sessions(st));
        /* the store is usable afterwards: no transaction left open */
        assert_int_equal(store_begin(st), 0);
        assert_int_equal(store_commit(st), 0);
        store_close(st);
    }
}

static void test_checkpoint_waits_for_the_shell(void **state)
{
    tmpdb t;
    tmpdb_make(&t);
    char err[ERR_SIZE] = "";
    store *st = store_open(t.path, err, sizeof err);
    assert_non_null(st);
    assert_false(store_checkpoint_due(st));
    /* one commit per session: each appends a few pages to the WAL */
    unsigned n = 0;
    while (!store_checkpoint_due(st) && n < 5000) {
        insert_job job = { 1000 + n, 1, 0, 0 };
        assert_int_equal(store_begin(st), 0);
        assert_int_equal(insert_sessions(st, &job), 0);
        assert_int_equal(store_commit(st), 0);
        n++;
    }
    assert_true(store_checkpoint_due(st));
    /* SQLite did not checkpoint on its own: every frame since the start is still in the WAL (an
     * automatic checkpoint would have restarted it, leaving only the frames since) */
    int log = -1, done = -1;
    assert_int_equal(sqlite3_wal_checkpoint_v2(store_db(st), NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done), SQLITE_OK);
    assert_true(log >= STORE_CHECKPOINT_PAGES);
    assert_int_equal(done, log);
    assert_int_equal(store_checkpoint(st), 0);
    assert_false(store_checkpoint_due(st));
    /* the next commit starts the WAL over: due stays false for a while */
    insert_job job = { 9000, 1, 0, 0 };
    assert_int_equal(store_begin(st), 0);
    assert_int_equal(insert_sessions(st, &job), 0);
    assert_int_equal(store_commit(st), 0);
    assert_false(store_checkpoint_due(st));
    assert_int_equal(count_sessions(st), (int)n + 1);
    store_close(st);
    tmpdb_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commits_on_the_helper_thread),
        cmocka_unit_test(test_failures_roll_back_everything),
        cmocka_unit_test(test_checkpoint_waits_for_the_shell),
    };
    return cmocka_run_group_tests_name("store_async", tests, NULL, NULL);
}
