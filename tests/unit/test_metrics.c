/* test_metrics — the /metrics registry and the log line format: every route's type has its own
 * label (not "other"); an error reply counts under its code; histogram buckets are cumulative and
 * end with +Inf, _sum and _count; connections move between roles; a JSON log line names its event
 * and escapes the message. */
#include "unit.h"
#include "log.h"
#include "metrics.h"
#include "registry.h"
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>

/* The features of registry.c (a new feature must be added here and to metrics.c's known types). */
extern const feature feat_identity, feat_rounds, feat_launch, feat_feedback, feat_followup, feat_account,
    feat_session_admin, feat_call, feat_export;
static const feature *const all[] = {
    &feat_identity, &feat_rounds, &feat_launch, &feat_feedback, &feat_followup, &feat_account, &feat_session_admin, &feat_call,
    &feat_export,
};

static void test_every_route_type_is_known(void **state)
{
    (void)state;
    for (size_t f = 0; f < ARRAY_LEN(all); f++)
        for (size_t i = 0; i < all[f]->n_routes; i++)
            if (!metrics_known_type(all[f]->routes[i].type))
                fail_msg("route %s (feature %s) is not in metrics.c's known_types: it would count as \"other\"",
                         all[f]->routes[i].type, all[f]->name);
    assert_false(metrics_known_type("no_such_type"));
    assert_false(metrics_known_type(""));
}

static char *render(void)
{
    metrics_gauges g = { .followups_pending = 3, .database_bytes = 4096, .sqlite_memory_bytes = 123456, .sessions = 2 };
    size_t len = 0;
    char *text = metrics_render(&g, &len);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    return text;
}

static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)); p += n)
        if ((p == text || p[-1] == '\n') && p[n] == '\n') return 1;
    return 0;
}

static void test_messages_and_errors_are_counted_by_label(void **state)
{
    (void)state;
    metrics_reset();
    const char err[] = "{\"type\":\"error\",\"code\":\"rate_limited\",\"message\":\"slow down\"}";
    const char pong[] = "{\"type\":\"pong\",\"t0\":1}";
    metrics_msg_out(err, strlen(err));
    metrics_msg_out(err, strlen(err));
    metrics_msg_out(pong, strlen(pong));
    metrics_msg_out("[1]", 3);
    metrics_msg_in("ping");
    metrics_msg_in("made_up");
    metrics_msg_in(NULL);
    char *text = render();
    assert_true(has_line(text, "softclose_errors_total{code=\"rate_limited\"} 2"));
    assert_true(has_line(text, "softclose_errors_total{code=\"internal\"} 0"));
    assert_true(has_line(text, "softclose_messages_sent_total{type=\"error\"} 2"));
    assert_true(has_line(text, "softclose_messages_sent_total{type=\"pong\"} 1"));
    assert_true(has_line(text, "softclose_messages_sent_total{type=\"other\"} 1"));
    assert_true(has_line(text, "softclose_messages_received_total{type=\"ping\"} 1"));
    assert_true(has_line(text, "softclose_messages_received_total{type=\"other\"} 2"));
    assert_true(has_line(text, "softclose_followups_pending 3"));
    assert_true(has_line(text, "softclose_database_bytes 4096"));
    assert_true(has_line(text, "softclose_sqlite_memory_bytes 123456"));
    free(text);
}

static void test_histogram_is_cumulative(void **state)
{
    (void)state;
    metrics_reset();
    metrics_observe(MH_COMMIT, 0.0002);   /* first bucket */
    metrics_observe(MH_COMMIT, 0.003);    /* le 0.005 */
    metrics_observe(MH_COMMIT, 0.005);    /* le 0.005: bounds are inclusive */
    metrics_observe(MH_COMMIT, 7);        /* only +Inf */
    char *text = render();
    assert_true(has_line(text, "# TYPE softclose_commit_duration_seconds histogram"));
    assert_true(has_line(text, "softclose_commit_duration_seconds_bucket{le=\"0.0005\"} 1"));
    assert_true(has_line(text, "softclose_commit_duration_seconds_bucket{le=\"0.0025\"} 1"));
    assert_true(has_line(text, "softclose_commit_duration_seconds_bucket{le=\"0.005\"} 3"));
    assert_true(has_line(text, "softclose_commit_duration_seconds_bucket{le=\"1\"} 3"));
    assert_true(has_line(text, "softclose_commit_duration_seconds_bucket{le=\"+Inf\"} 4"));
    assert_true(has_line(text, "softclose_commit_duration_seconds_count 4"));
    assert_non_null(strstr(text, "softclose_commit_duration_seconds_sum 7.008"));
    free(text);
}

static void test_connections_move_between_roles(void **state)
{
    (void)state;
    metrics_reset();
    metrics_conn_role(-1, 0);   /* opened */
    metrics_conn_role(-1, 0);
    metrics_conn_role(0, 2);    /* signed in as a participant */
    metrics_conn_role(0, 1);    /* as the facilitator */
    metrics_conn_role(1, 0);    /* signed out */
    metrics_conn_role(0, -1);   /* closed */
    metrics_queue_bytes(100);
    metrics_queue_bytes(-40);
    char *text = render();
    assert_true(has_line(text, "softclose_connections{role=\"anonymous\"} 0"));
    assert_true(has_line(text, "softclose_connections{role=\"facilitator\"} 0"));
    assert_true(has_line(text, "softclose_connections{role=\"participant\"} 1"));
    assert_true(has_line(text, "softclose_queue_bytes 60"));
    free(text);
}

static void test_log_lines(void **state)
{
    (void)state;
    char out[512];
    const long long t = INT64_C(1795000000123);
    log_format_line(out, sizeof out, LLL_NOTICE, "launch: round 2: 9 people\n", t, 1);
    assert_string_equal(out, "{\"ts\":\"2026-11-18T11:06:40.123Z\",\"level\":\"notice\",\"event\":\"launch\",\"msg\":\"round 2: 9 people\"}\n");
    log_format_line(out, sizeof out, LLL_WARN, "lws_x: a \"quoted\"\tthing\\\x01\n", t, 1);
    assert_string_equal(out, "{\"ts\":\"2026-11-18T11:06:40.123Z\",\"level\":\"warn\",\"msg\":\"lws_x: a \\\"quoted\\\"\\tthing\\\\\\u0001\"}\n");
    log_format_line(out, sizeof out, LLL_ERR, "commit_failed: disk I/O error\n", t, 0);
    assert_string_equal(out, "2026-11-18T11:06:40.123Z E: commit_failed: disk I/O error\n");
    /* a line longer than the buffer is cut, still one line */
    char long_msg[2000];
    memset(long_msg, 'x', sizeof long_msg - 1);
    long_msg[sizeof long_msg - 1] = '\0';
    int n = log_format_line(out, sizeof out, LLL_NOTICE, long_msg, t, 1);
    assert_true(n > 0 && n < (int)sizeof out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_type_is_known),
        cmocka_unit_test(test_messages_and_errors_are_counted_by_label),
        cmocka_unit_test(test_histogram_is_cumulative),
        cmocka_unit_test(test_connections_move_between_roles),
        cmocka_unit_test(test_log_lines),
    };
    return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
