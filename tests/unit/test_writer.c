/* test_writer — group commit (writer.c) with a real thread on a real database file: jobs finish in
 * the order they were submitted, after their batch committed; a job that fails is rolled back
 * alone (its savepoint) while the rest of its batch lands; a closing connection's jobs still land
 * with no one to answer; a queued job can be updated until the writer takes it; the queue is
 * bounded; and without the thread a job is applied and finished at once. */
#include "unit.h"
#include "tmpdb.h"
#include "app.h"
#include "store.h"
#include "writer.h"
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>

typedef struct {
    writer_job base;
    int value;            /* inserted into t(v) */
    int fail_after;       /* insert, then fail: the savepoint must undo the insert */
    int block;            /* wait on the gate before writing (keeps the writer busy) */
    int replaced;         /* set by the update test */
} test_job;

static int finished[16384], n_finished, finished_ok[16384];
static const conn *finished_conn[16384];
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int gate_open, writer_blocked;

static int apply_insert(store *st, writer_job *job)
{
    test_job *j = (test_job *)job;
    if (j->block) {
        pthread_mutex_lock(&gate_lock);
        writer_blocked = 1;
        pthread_cond_broadcast(&gate_cond);
        while (!gate_open) pthread_cond_wait(&gate_cond, &gate_lock);
        pthread_mutex_unlock(&gate_lock);
    }
    char sql[64];
    snprintf(sql, sizeof sql, "INSERT INTO t(v) VALUES (%d)", j->value);
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, NULL) != SQLITE_OK) return -1;
    return j->fail_after ? -1 : 0;
}

static void done_record(writer_job *job, int ok)
{
    test_job *j = (test_job *)job;
    finished[n_finished] = j->value;
    finished_ok[n_finished] = ok;
    finished_conn[n_finished] = job->c;
    n_finished++;
    free(j);
}

static test_job *mk(int value)
{
    test_job *j = calloc(1, sizeof *j);
    assert_non_null(j);
    j->base.apply = apply_insert;
    j->base.done = done_record;
    j->value = value;
    return j;
}

static int count_rows(const char *where)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM t WHERE %s", where);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(store_db(app->store), sql, -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int n = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return n;
}

static app_t the_app;
static tmpdb db;

static int setup(void **state)
{
    char err[256];
    tmpdb_make(&db);
    memset(&the_app, 0, sizeof the_app);
    app = &the_app;
    app->store = store_open(db.path, err, sizeof err);
    assert_non_null(app->store);
    assert_int_equal(sqlite3_exec(store_db(app->store), "CREATE TABLE t(v INTEGER UNIQUE)", NULL, NULL, NULL), SQLITE_OK);
    n_finished = 0;
    gate_open = writer_blocked = 0;
    return 0;
}

static int teardown(void **state)
{
    writer_stop();
    store_close(app->store);
    app = NULL;
    tmpdb_remove(&db);
    return 0;
}

static void start(void)
{
    char err[256];
    assert_int_equal(writer_start(db.path, err, sizeof err), 0);
}

static void open_gate(void)
{
    pthread_mutex_lock(&gate_lock);
    gate_open = 1;
    pthread_cond_broadcast(&gate_cond);
    pthread_mutex_unlock(&gate_lock);
}

static void wait_until_writer_blocked(void)
{
    pthread_mutex_lock(&gate_lock);
    while (!writer_blocked) pthread_cond_wait(&gate_cond, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
}

static void test_jobs_finish_in_order_after_commit(void **state)
{
    start();
    for (int i = 1; i <= 50; i++) assert_int_equal(writer_submit(&mk(i)->base), 0);
    writer_flush();
    assert_int_equal(n_finished, 50);
    for (int i = 0; i < 50; i++) {
        assert_int_equal(finished[i], i + 1);
        assert_true(finished_ok[i]);
    }
    assert_int_equal(count_rows("1"), 50);   /* visible to the service thread's own connection */
    assert_int_equal(writer_pending(), 0);
}

static void test_failed_job_rolls_back_alone(void **state)
{
    start();
    test_job *blocker = mk(100);
    blocker->block = 1;   /* the next three gather into one batch behind it */
    assert_int_equal(writer_submit(&blocker->base), 0);
    wait_until_writer_blocked();
    test_job *bad = mk(2);
    bad->fail_after = 1;
    test_job *dup = mk(1);   /* the UNIQUE constraint refuses it: fails in its savepoint */
    assert_int_equal(writer_submit(&mk(1)->base), 0);
    assert_int_equal(writer_submit(&bad->base), 0);
    assert_int_equal(writer_submit(&dup->base), 0);
    assert_int_equal(writer_submit(&mk(3)->base), 0);
    open_gate();
    writer_flush();
    static const int want_value[] = { 100, 1, 2, 1, 3 }, want_ok[] = { 1, 1, 0, 0, 1 };
    assert_int_equal(n_finished, 5);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(finished[i], want_value[i]);
        assert_int_equal(finished_ok[i], want_ok[i]);
    }
    assert_int_equal(count_rows("v = 2"), 0);
    assert_int_equal(count_rows("v IN (1, 3, 100)"), 3);
}

static void test_forgotten_connection_still_written(void **state)
{
    start();
    conn a, b;
    test_job *blocker = mk(100);
    blocker->block = 1;
    assert_int_equal(writer_submit(&blocker->base), 0);
    wait_until_writer_blocked();
    test_job *ja = mk(1), *jb = mk(2);
    ja->base.c = &a;
    jb->base.c = &b;
    assert_int_equal(writer_submit(&ja->base), 0);
    assert_int_equal(writer_submit(&jb->base), 0);
    writer_forget(&a);
    open_gate();
    writer_flush();
    assert_int_equal(n_finished, 3);
    assert_null(finished_conn[1]);
    assert_ptr_equal(finished_conn[2], &b);
    assert_int_equal(count_rows("v IN (1, 2)"), 2);
}

static int match_value(const writer_job *job, const void *arg) { return ((const test_job *)job)->value == *(const int *)arg; }
static void bump(writer_job *job, const void *arg) { ((test_job *)job)->value += 1000; ((test_job *)job)->replaced = 1; }

static void test_update_reaches_only_queued_jobs(void **state)
{
    start();
    test_job *blocker = mk(100);
    blocker->block = 1;
    assert_int_equal(writer_submit(&blocker->base), 0);
    wait_until_writer_blocked();
    assert_int_equal(writer_submit(&mk(5)->base), 0);
    int five = 5, hundred = 100;
    assert_int_equal(writer_update_queued(match_value, &hundred, bump), 0);   /* taken by the writer already */
    assert_int_equal(writer_update_queued(match_value, &five, bump), 1);
    assert_non_null(writer_find_pending(match_value, &hundred));
    open_gate();
    writer_flush();
    assert_null(writer_find_pending(match_value, &hundred));
    assert_int_equal(count_rows("v = 1005"), 1);
    assert_int_equal(count_rows("v = 5"), 0);
}

static void test_queue_is_bounded(void **state)
{
    start();
    test_job *blocker = mk(-1);
    blocker->block = 1;
    assert_int_equal(writer_submit(&blocker->base), 0);
    wait_until_writer_blocked();
    for (int i = 1; i < WRITER_QUEUE_MAX; i++) assert_int_equal(writer_submit(&mk(i)->base), 0);
    test_job *extra = mk(WRITER_QUEUE_MAX + 1);
    assert_int_equal(writer_submit(&extra->base), -1);   /* refused: nothing taken */
    free(extra);
    open_gate();
    writer_flush();
    assert_int_equal(n_finished, WRITER_QUEUE_MAX);
    assert_int_equal(count_rows("1"), WRITER_QUEUE_MAX);
    assert_int_equal(writer_submit(&mk(WRITER_QUEUE_MAX + 2)->base), 0);   /* room again */
    writer_flush();
}

static void test_without_thread_applies_at_once(void **state)
{
    assert_int_equal(writer_running(), 0);
    assert_int_equal(writer_submit(&mk(7)->base), 0);
    assert_int_equal(n_finished, 1);   /* done already, before submit returned */
    assert_true(finished_ok[0]);
    test_job *bad = mk(8);
    bad->fail_after = 1;
    assert_int_equal(writer_submit(&bad->base), 0);
    assert_int_equal(n_finished, 2);
    assert_false(finished_ok[1]);
    assert_int_equal(count_rows("v = 8"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_jobs_finish_in_order_after_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_job_rolls_back_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forgotten_connection_still_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_reaches_only_queued_jobs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_queue_is_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_thread_applies_at_once, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
