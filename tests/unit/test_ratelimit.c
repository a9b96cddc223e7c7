/* test_ratelimit — the sliding-window counter on a fake clock: N allowed then a positive wait, the
 * wait is honest (after it, an event is allowed), the previous bucket is weighted by overlap, idle
 * windows reset, refusals are not counted, and degenerate limits refuse. */
#include "unit.h"
#include "ratelimit.h"
#include <stdio.h>

#define W 1000   /* window length used in most tests */

static ratelimit_window fresh(void) { ratelimit_window w = { 0, 0, 0 }; return w; }

/* Takes `n` events at now; asserts each is allowed. */
static void take_allowed(ratelimit_window *w, uint32_t limit, int64_t now, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        int64_t r = ratelimit_take(w, limit, W, now);
        if (r != 0) fail_msg("event %u of %u at +%lld refused (wait %lld)", i + 1, n, (long long)(now - FAKE_CLOCK_START_MS), (long long)r);
    }
}

static void test_limit_then_refused(void **state)
{
    static const uint32_t limits[] = { 1, 2, 5, 10, 100 };
    for (size_t k = 0; k < ARRAY_LEN(limits); k++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = fresh();
        take_allowed(&w, limits[k], c.now_ms, limits[k]);
        int64_t wait = ratelimit_take(&w, limits[k], W, c.now_ms);
        assert_true(wait >= 1);
        assert_true(wait <= 2 * W + 1);
        /* Still refused a little later, with a shorter wait. */
        fake_clock_advance(&c, 100);
        int64_t wait2 = ratelimit_take(&w, limits[k], W, c.now_ms);
        assert_true(wait2 >= 1);
        assert_true(wait2 <= wait - 100 + 1);
    }
}

/* A refusal records nothing: the window is unchanged, however often one knocks. */
static void test_refusals_are_not_counted(void **state)
{
    fake_clock c = fake_clock_new();
    ratelimit_window w = fresh();
    take_allowed(&w, 3, c.now_ms, 3);
    ratelimit_window before = w;
    for (int i = 0; i < 1000; i++) assert_true(ratelimit_take(&w, 3, W, c.now_ms) >= 1);
    assert_memory_equal(&before, &w, sizeof w);
}

/* Checks that after a refusal with wait `wait` at `now`, an event at now + wait is allowed, and one
 * at now + wait - 2 is not (the wait is not grossly pessimistic). Works on copies. */
static void check_wait_honest(const ratelimit_window *w, uint32_t limit, int64_t now, int64_t wait, const char *what)
{
    assert_true(wait >= 1);
    ratelimit_window at = *w;
    int64_t r = ratelimit_take(&at, limit, W, now + wait);
    if (r != 0) fail_msg("%s: told to wait %lld ms, but at that time it is refused again (wait %lld more)", what, (long long)wait, (long long)r);
    if (wait >= 3) {
        ratelimit_window early = *w;
        r = ratelimit_take(&early, limit, W, now + wait - 2);
        if (r == 0) fail_msg("%s: told to wait %lld ms, but already allowed 2 ms earlier", what, (long long)wait);
    }
}

/* The headline promise: after waiting the returned milliseconds, an event is allowed. */
static void test_wait_then_allowed_burst(void **state)
{
    static const struct { uint32_t limit; int64_t burst_at; const char *what; } cases[] = {
        { 5, 0, "5 at once" },
        { 5, 999, "1 event, then 4 in the last millisecond of its bucket" },
        { 5, 400, "1 event, then 4 mid-bucket" },
        { 1, 0, "limit 1" },
        { 10, 0, "10 at once" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = fresh();
        take_allowed(&w, cases[i].limit, c.now_ms, 1);
        fake_clock_advance(&c, cases[i].burst_at);
        take_allowed(&w, cases[i].limit, c.now_ms, cases[i].limit - 1);
        int64_t wait = ratelimit_take(&w, cases[i].limit, W, c.now_ms);
        check_wait_honest(&w, cases[i].limit, c.now_ms, wait, cases[i].what);
    }
}

/* A refusal mid-bucket after a slow start, and one that depends on the previous bucket's weight. */
static void test_wait_then_allowed_spread(void **state)
{
    fake_clock c = fake_clock_new();
    ratelimit_window w = fresh();
    take_allowed(&w, 4, c.now_ms, 1);
    fake_clock_advance(&c, 600);
    take_allowed(&w, 4, c.now_ms, 3);
    int64_t wait = ratelimit_take(&w, 4, W, c.now_ms);
    check_wait_honest(&w, 4, c.now_ms, wait, "4 spread over the bucket");

    /* Previous bucket full (10), then half a window into the next: 5 more fit, the 6th waits. */
    c = fake_clock_new();
    w = fresh();
    take_allowed(&w, 10, c.now_ms, 10);
    fake_clock_advance(&c, W + W / 2);
    take_allowed(&w, 10, c.now_ms, 5);
    wait = ratelimit_take(&w, 10, W, c.now_ms);
    assert_true(wait >= 1 && wait < W / 2);
    check_wait_honest(&w, 10, c.now_ms, wait, "previous bucket weighted");
}

/* Repeatedly: take until refused, wait exactly as told, take again. Must never be refused right
 * after waiting, over many windows and several limits. */
static void test_wait_honest_property(void **state)
{
    static const uint32_t limits[] = { 1, 3, 7, 20 };
    for (size_t k = 0; k < ARRAY_LEN(limits); k++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = fresh();
        uint64_t lcg = 12345 + k;
        for (int step = 0; step < 2000; step++) {
            int64_t r = ratelimit_take(&w, limits[k], W, c.now_ms);
            if (r) {
                char what[64];
                snprintf(what, sizeof what, "limit %u, step %d", limits[k], step);
                check_wait_honest(&w, limits[k], c.now_ms, r, what);
                fake_clock_advance(&c, r);
                assert_int_equal(ratelimit_take(&w, limits[k], W, c.now_ms), 0);
            }
            lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
            fake_clock_advance(&c, (int64_t)((lcg >> 33) % 150));
        }
    }
}

/* The previous bucket counts by its overlap with the sliding window. */
static void test_window_slides(void **state)
{
    static const struct { int64_t at; unsigned allowed; } cases[] = {
        /* 10 events at t0 fill bucket [t0, t0+W). At t0+W + x, the previous 10 count 10*(1 - x/W). */
        { W, 0 },           /* previous weighs fully */
        { W + 100, 1 },     /* 9 remain counted: one more fits */
        { W + W / 2, 5 },
        { W + 900, 9 },
        { W + W - 1, 9 },   /* 10 * 0.001 = 0.01 still counted: 9 + 0.01 + 1 > 10 after nine */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = fresh();
        take_allowed(&w, 10, c.now_ms, 10);
        fake_clock_advance(&c, cases[i].at);
        unsigned n = 0;
        while (n < 100 && ratelimit_take(&w, 10, W, c.now_ms) == 0) n++;
        if (n != cases[i].allowed) fail_msg("at +%lld: want %u allowed, got %u", (long long)cases[i].at, cases[i].allowed, n);
    }
}

/* After two idle windows nothing of the past counts. */
static void test_idle_resets(void **state)
{
    static const int64_t idle[] = { 2 * W, 2 * W + 1, 5 * W + 123, 1000 * W };
    for (size_t i = 0; i < ARRAY_LEN(idle); i++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = fresh();
        take_allowed(&w, 5, c.now_ms, 5);
        fake_clock_advance(&c, idle[i]);
        take_allowed(&w, 5, c.now_ms, 5);
        assert_true(ratelimit_take(&w, 5, W, c.now_ms) >= 1);
    }
}

/* Hammering once per millisecond for many windows lets through about `limit` (at least limit - 1)
 * per window, and no
 * window of W ms ever holds more than twice the limit. */
static void test_steady_rate(void **state)
{
    enum { LIMIT = 20, WINDOWS = 50 };
    fake_clock c = fake_clock_new();
    ratelimit_window w = fresh();
    static int64_t times[LIMIT * (WINDOWS + 2) * 2];
    size_t n = 0;
    int64_t end = c.now_ms + (int64_t)WINDOWS * W;
    for (; c.now_ms < end; fake_clock_advance(&c, 1))
        if (ratelimit_take(&w, LIMIT, W, c.now_ms) == 0) {
            assert_true(n < ARRAY_LEN(times));
            times[n++] = c.now_ms;
        }
    /* The estimate + 1 <= limit rule settles at about limit - 1 per window under constant pressure. */
    assert_true(n >= (size_t)(LIMIT - 1) * (WINDOWS - 1));
    assert_true(n <= (size_t)LIMIT * (WINDOWS + 1));
    for (size_t i = 0, j = 0; i < n; i++) {
        while (times[j] <= times[i] - W) j++;
        assert_true(i - j + 1 <= 2 * LIMIT);
    }
}

/* Separate windows do not share state. */
static void test_windows_are_independent(void **state)
{
    fake_clock c = fake_clock_new();
    ratelimit_window a = fresh(), b = fresh();
    take_allowed(&a, 2, c.now_ms, 2);
    assert_true(ratelimit_take(&a, 2, W, c.now_ms) >= 1);
    take_allowed(&b, 2, c.now_ms, 2);
}

/* A limit of 0 or a non-positive window never allows, and still returns a positive wait. */
static void test_degenerate_limits(void **state)
{
    fake_clock c = fake_clock_new();
    ratelimit_window w = fresh();
    for (int i = 0; i < 3; i++) assert_true(ratelimit_take(&w, 0, W, c.now_ms) >= 1);
    assert_true(ratelimit_take(&w, 5, 0, c.now_ms) >= 1);
    assert_true(ratelimit_take(&w, 5, -10, c.now_ms) >= 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_limit_then_refused),
        cmocka_unit_test(test_refusals_are_not_counted),
        cmocka_unit_test(test_wait_then_allowed_burst),
        cmocka_unit_test(test_wait_then_allowed_spread),
        cmocka_unit_test(test_wait_honest_property),
        cmocka_unit_test(test_window_slides),
        cmocka_unit_test(test_idle_resets),
        cmocka_unit_test(test_steady_rate),
        cmocka_unit_test(test_windows_are_independent),
        cmocka_unit_test(test_degenerate_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
