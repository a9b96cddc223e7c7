/* test_conn — a connection's outbound queue without a socket: several small messages framed into
 * one send (conn_take_batch) at the batch boundaries, order kept; the count of participant
 * connections with something queued (what after-fan-out work waits for); and the cull of a
 * connection that would queue past its limit. */
#include "unit.h"
#include "conn.h"
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>

/* Reads one unmasked final text frame from p; returns its total length. */
static size_t read_frame(const unsigned char *p, size_t avail, const unsigned char **payload, size_t *len)
{
    assert_true(avail >= 2);
    assert_int_equal(p[0], 0x81);
    size_t h = 2;
    *len = p[1] & 0x7F;
    if (*len == 126) { *len = ((size_t)p[2] << 8) | p[3]; h = 4; }
    else if (*len == 127) { *len = 0; for (int i = 0; i < 8; i++) *len = (*len << 8) | p[2 + i]; h = 10; }
    assert_true(h + *len <= avail);
    *payload = p + h;
    return h + *len;
}

/* Message i is `len` bytes of the letter 'a' + i % 26, so order and content can be checked. */
static void queue_sized(conn *c, size_t i, size_t len)
{
    char *text = malloc(len ? len : 1);
    assert_non_null(text);
    memset(text, 'a' + (int)(i % 26), len);
    conn_send_raw(c, text, len);
    free(text);
}

static void assert_payload(const unsigned char *payload, size_t len, size_t i, size_t want_len)
{
    if (len != want_len) fail_msg("message %zu: %zu bytes, want %zu", i, len, want_len);
    for (size_t k = 0; k < len; k++)
        if (payload[k] != 'a' + (int)(i % 26)) fail_msg("message %zu byte %zu is '%c'", i, k, payload[k]);
}

#define CAP 4096
#define MAX_MSGS 16

static void test_batches_at_the_boundaries(void **state)
{
    /* sizes queued; then, per take, how many messages the batch holds (0 = write the head alone) */
    static const struct { const char *what; size_t sizes[MAX_MSGS]; size_t n; size_t takes[MAX_MSGS]; size_t n_takes; } cases[] = {
        { "a lone message is not batched", { 10 }, 1, { 0 }, 1 },
        { "two small ones share a send", { 10, 20 }, 2, { 2 }, 1 },
        { "room + phase for three tabs' worth", { 400, 300, 400, 300 }, 4, { 4 }, 1 },
        { "a head too large for the batch goes alone", { CAP, 10 }, 2, { 0, 0 }, 2 },
        { "small then large: the small one goes alone", { 10, CAP - 12 }, 2, { 0, 0 }, 2 },
        /* the fit is judged with the largest header (10 bytes) for every message */
        { "exactly full: (10+10) + (4066+10) = 4096", { 10, CAP - 30 }, 2, { 2 }, 1 },
        { "one byte over: the second does not fit", { 10, CAP - 29 }, 2, { 0, 0 }, 2 },
        { "many: as many as fit, the rest in the next", { 1000, 1000, 1000, 1000, 1000, 1000 }, 6, { 4, 2 }, 2 },
        { "a 126-byte message takes a 4-byte header", { 126, 126 }, 2, { 2 }, 1 },
        { "empty messages", { 0, 0, 0 }, 3, { 3 }, 1 },
    };
    unsigned char *buf = malloc(CAP);
    assert_non_null(buf);
    for (size_t ci = 0; ci < ARRAY_LEN(cases); ci++) {
        conn c;
        conn_init(&c, NULL, "127.0.0.1");
        for (size_t i = 0; i < cases[ci].n; i++) queue_sized(&c, i, cases[ci].sizes[i]);
        size_t next = 0;
        for (size_t t = 0; t < cases[ci].n_takes; t++) {
            size_t used = conn_take_batch(&c, buf, CAP);
            size_t want = cases[ci].takes[t];
            if (want == 0) {
                if (used != 0) fail_msg("case %zu (%s), take %zu: batched %zu bytes, want the head alone", ci, cases[ci].what, t, used);
                out_msg *m = conn_pop(&c);
                assert_non_null(m);
                assert_payload(m->data + LWS_PRE, m->len, next, cases[ci].sizes[next]);
                next++;
                free(m);
                continue;
            }
            if (used == 0 || used > CAP) fail_msg("case %zu (%s), take %zu: used %zu", ci, cases[ci].what, t, used);
            size_t at = 0, got = 0;
            while (at < used) {
                const unsigned char *payload;
                size_t len;
                at += read_frame(buf + at, used - at, &payload, &len);
                assert_payload(payload, len, next, cases[ci].sizes[next]);
                next++;
                got++;
            }
            if (got != want) fail_msg("case %zu (%s), take %zu: %zu messages in the batch, want %zu", ci, cases[ci].what, t, got, want);
        }
        if (next != cases[ci].n || c.head || c.queued_count || c.queued_bytes)
            fail_msg("case %zu (%s): %zu of %zu taken, %zu left queued", ci, cases[ci].what, next, cases[ci].n, c.queued_count);
        assert_int_equal(conn_take_batch(&c, buf, CAP), 0);
        conn_release(&c);
    }
    free(buf);
}

static void test_backlog_counts_participant_connections_with_something_queued(void **state)
{
    size_t base = conn_backlog();
    conn a, b, f;
    conn_init(&a, NULL, "");
    conn_init(&b, NULL, "");
    conn_init(&f, NULL, "");
    f.actor = ACTOR_FACILITATOR;   /* the facilitator's big views are not what after-fan-out waits for */
    queue_sized(&f, 0, 10);
    assert_int_equal(conn_backlog(), base);
    queue_sized(&a, 0, 10);
    queue_sized(&a, 1, 10);
    assert_int_equal(conn_backlog(), base + 1);
    queue_sized(&b, 0, 10);
    assert_int_equal(conn_backlog(), base + 2);
    free(conn_pop(&a));
    assert_int_equal(conn_backlog(), base + 2);   /* a still has one */
    free(conn_pop(&a));
    assert_int_equal(conn_backlog(), base + 1);
    unsigned char buf[64];
    queue_sized(&a, 0, 5);
    queue_sized(&a, 1, 5);
    assert_int_equal(conn_backlog(), base + 2);
    assert_true(conn_take_batch(&a, buf, sizeof buf) > 0);   /* a batch that empties the queue */
    assert_int_equal(conn_backlog(), base + 1);
    conn_release(&b);   /* closed with something queued */
    assert_int_equal(conn_backlog(), base);
    conn_release(&a);
    conn_release(&f);
    assert_int_equal(conn_backlog(), base);
}

static void test_cull_past_the_message_limit(void **state)
{
    size_t base = conn_backlog();
    conn c;
    conn_init(&c, NULL, "");
    for (size_t i = 0; i < CONN_QUEUE_MAX_MESSAGES; i++) queue_sized(&c, i, 1);
    assert_false(c.culled);
    assert_int_equal(c.queued_count, CONN_QUEUE_MAX_MESSAGES);
    queue_sized(&c, 0, 1);
    assert_true(c.culled);
    assert_int_equal(c.queued_count, CONN_QUEUE_MAX_MESSAGES);   /* nothing more was queued */
    conn_queue(&c, conn_msg_new("x", 1));                        /* freed, not queued (ASan checks the leak) */
    assert_int_equal(c.queued_count, CONN_QUEUE_MAX_MESSAGES);
    conn_release(&c);
    assert_int_equal(conn_backlog(), base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_batches_at_the_boundaries),
        cmocka_unit_test(test_backlog_counts_participant_connections_with_something_queued),
        cmocka_unit_test(test_cull_past_the_message_limit),
    };
    return cmocka_run_group_tests_name("conn", tests, NULL, NULL);
}
