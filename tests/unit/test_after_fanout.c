/* test_after_fanout — facilitator work that waits for participants: with a real (non-listening)
 * lws context, a job waits while any participant connection has something queued, runs on the
 * pass after the last queue empties (in the order jobs were added, a job adding a job included), runs
 * anyway once AFTER_FANOUT_MAX_MS has passed, and runs on the next service pass when nobody is
 * waiting. Without a service loop (the fuzzer) jobs run at once. Shutdown drops and frees jobs. */
#include "unit.h"
#include "after_fanout.h"
#include "app.h"
#include "conn.h"
#include <libwebsockets.h>
#include <stdlib.h>
#include <time.h>

static char ran[64];
static size_t n_ran;
static int freed;
static double ran_at_ms;

static double mono_ms(void);
static void record(void *ctx, int64_t now_ms)
{
    (void)now_ms;
    if (n_ran < sizeof ran - 1) ran[n_ran++] = *(const char *)ctx;
    ran[n_ran] = '\0';
    ran_at_ms = mono_ms();
}

static void record_and_add(void *ctx, int64_t now_ms)
{
    record(ctx, now_ms);
    static const char c = 'c';
    after_fanout_add(record, (void *)&c, NULL);   /* queued from inside a job */
}

static void count_free(void *ctx) { (void)ctx; freed++; }

static void reset(void) { n_ran = 0; ran[0] = '\0'; freed = 0; }

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A context with nothing else to do would sleep in poll() long after our timer: a 5 ms tick
 * keeps each lws_service call short. */
static lws_sorted_usec_list_t tick;
static void on_tick(lws_sorted_usec_list_t *sul) { (void)sul; }

/* Services the context until `until_ran` jobs ran or `ms` have passed. */
static void service_for(struct lws_context *ctx, double ms, const size_t *until_ran)
{
    double end = mono_ms() + ms;
    while (mono_ms() < end && (!until_ran || n_ran < *until_ran)) {
        lws_sul_schedule(ctx, 0, &tick, on_tick, 5 * LWS_US_PER_MS);
        lws_service(ctx, 0);
    }
    lws_sul_cancel(&tick);
}

static app_t the_app;

static int setup(void **state)
{
    lws_set_log_level(LLL_ERR, NULL);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = CONTEXT_PORT_NO_LISTEN;
    the_app.lws = lws_create_context(&info);
    if (!the_app.lws) return -1;
    app = &the_app;
    return 0;
}

static int teardown(void **state)
{
    after_fanout_shutdown();
    lws_context_destroy(the_app.lws);
    app = NULL;
    return 0;
}

static void test_waits_for_the_last_queue_to_empty(void **state)
{
    reset();
    conn a, b;
    conn_init(&a, NULL, "");
    conn_init(&b, NULL, "");
    conn_send_raw(&a, "x", 1);
    conn_send_raw(&b, "y", 1);
    static const char j1 = 'a', j2 = 'b';
    after_fanout_add(record, (void *)&j1, NULL);
    after_fanout_add(record_and_add, (void *)&j2, NULL);
    after_fanout_poll();
    assert_int_equal(n_ran, 0);
    free(conn_pop(&a));
    after_fanout_poll();
    assert_int_equal(n_ran, 0);   /* b still waits */
    free(conn_pop(&b));
    after_fanout_poll();
    assert_int_equal(n_ran, 0);        /* not inside this pass: the rest of it is written first */
    double t0 = mono_ms();
    size_t want = 3;
    service_for(the_app.lws, 10 * AFTER_FANOUT_MAX_MS, &want);
    assert_string_equal(ran, "abc");   /* in order; the job a job added ran in the same go */
    if (ran_at_ms - t0 > AFTER_FANOUT_MAX_MS - 50) fail_msg("took %.0f ms after the queues emptied", ran_at_ms - t0);
    conn_release(&a);
    conn_release(&b);
}

static void test_runs_anyway_after_the_deadline(void **state)
{
    reset();
    conn stuck;
    conn_init(&stuck, NULL, "");
    conn_send_raw(&stuck, "x", 1);   /* never written */
    static const char j = 'd';
    double t0 = mono_ms();
    after_fanout_add(record, (void *)&j, count_free);
    size_t want = 1;
    service_for(the_app.lws, 10 * AFTER_FANOUT_MAX_MS, &want);
    double waited = ran_at_ms - t0;
    assert_string_equal(ran, "d");
    assert_int_equal(freed, 1);
    if (waited > 10.0 * AFTER_FANOUT_MAX_MS) fail_msg("ran after %.0f ms", waited);
    if (waited < AFTER_FANOUT_MAX_MS - 5) fail_msg("ran after %.0f ms, before the %d ms deadline", waited, AFTER_FANOUT_MAX_MS);
    conn_release(&stuck);
}

static void test_nobody_waiting_runs_on_the_next_pass(void **state)
{
    reset();
    static const char j = 'e';
    double t0 = mono_ms();
    after_fanout_add(record, (void *)&j, NULL);
    assert_int_equal(n_ran, 0);   /* not inside the caller: its reply goes first */
    size_t want = 1;
    service_for(the_app.lws, 3 * AFTER_FANOUT_MAX_MS, &want);
    assert_string_equal(ran, "e");
    if (ran_at_ms - t0 > AFTER_FANOUT_MAX_MS - 50) fail_msg("took %.0f ms with nobody waiting", ran_at_ms - t0);
}

static void test_shutdown_drops_and_frees(void **state)
{
    reset();
    conn c;
    conn_init(&c, NULL, "");
    conn_send_raw(&c, "x", 1);
    static const char j = 'f';
    after_fanout_add(record, (void *)&j, count_free);
    after_fanout_add(record, (void *)&j, count_free);
    after_fanout_shutdown();
    assert_int_equal(n_ran, 0);
    assert_int_equal(freed, 2);
    free(conn_pop(&c));
    after_fanout_poll();
    assert_int_equal(n_ran, 0);
    conn_release(&c);
}

static void test_without_a_service_loop_jobs_run_at_once(void **state)
{
    reset();
    app = NULL;   /* as in the fuzzer */
    static const char j = 'g';
    after_fanout_add(record, (void *)&j, count_free);
    assert_string_equal(ran, "g");
    assert_int_equal(freed, 1);
    app = &the_app;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waits_for_the_last_queue_to_empty),
        cmocka_unit_test(test_runs_anyway_after_the_deadline),
        cmocka_unit_test(test_nobody_waiting_runs_on_the_next_pass),
        cmocka_unit_test(test_shutdown_drops_and_frees),
        cmocka_unit_test(test_without_a_service_loop_jobs_run_at_once),
    };
    return cmocka_run_group_tests_name("after_fanout", tests, setup, teardown);
}
