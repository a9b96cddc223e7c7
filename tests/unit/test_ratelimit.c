/* test_ratelimit — the token bucket behind every "N per window" limit, with a fake clock. */
#include "unit.h"
#include "ratelimit.h"

typedef struct { uint32_t limit; int64_t window_ms; } shape;
static const shape shapes[] = { { 1, 1000 }, { 3, 60000 }, { 5, 1000 }, { 30, 60000 }, { 200, 10000 }, { 600, 60000 } };

/* A burst of exactly `limit` is allowed at once; the next is refused with a positive wait. */
static void test_burst_then_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(shapes); i++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = { 0 };
        for (uint32_t k = 0; k < shapes[i].limit; k++) assert_int_equal(ratelimit_take(&w, shapes[i].limit, shapes[i].window_ms, c.now_ms), 0);
        int64_t wait = ratelimit_take(&w, shapes[i].limit, shapes[i].window_ms, c.now_ms);
        assert_true(wait > 0);
        assert_true(wait <= shapes[i].window_ms);
    }
}

/* The returned wait is honest: 1 ms earlier is still refused, at the wait it is allowed. */
static void test_wait_is_exact(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(shapes); i++) {
        fake_clock c = fake_clock_new();
        ratelimit_window w = { 0 };
        for (int round = 0; round < 5; round++) {
            int64_t wait;
            while ((wait = ratelimit_take(&w, shapes[i].limit, shapes[i].window_ms, c.now_ms)) == 0) {}
            ratelimit_window probe = w;
            if (wait > 1) assert_true(ratelimit_take(&probe, shapes[i].limit, shapes[i].window_ms, c.now_ms + wait - 1) > 0);
            fake_clock_advance(&c, wait);
            assert_int_equal(ratelimit_take(&w, shapes[i].limit, shapes[i].window_ms, c.now_ms), 0);
        }
    }
}

/* 3 per minute: a burst of 3, then one every 20 s. */
static void test_refill_is_even(void **state)
{
    (void)state;
    fake_clock c = fake_clock_new();
    ratelimit_window w = { 0 };
    for (int k = 0; k < 3; k++) assert_int_equal(ratelimit_take(&w, 3, 60000, c.now_ms), 0);
    assert_int_equal(ratelimit_take(&w, 3, 60000, c.now_ms), 20000);
    fake_clock_advance(&c, 20000);
    assert_int_equal(ratelimit_take(&w, 3, 60000, c.now_ms), 0);
    assert_int_equal(ratelimit_take(&w, 3, 60000, c.now_ms), 20000);
}

/* Refusals are not counted: hammering does not push the next allowed time further out. */
static void test_refusals_not_counted(void **state)
{
    (void)state;
    fake_clock c = fake_clock_new();
    ratelimit_window w = { 0 };
    assert_int_equal(ratelimit_take(&w, 1, 1000, c.now_ms), 0);
    for (int k = 0; k < 100; k++) assert_int_equal(ratelimit_take(&w, 1, 1000, c.now_ms), 1000);
    fake_clock_advance(&c, 1000);
    assert_int_equal(ratelimit_take(&w, 1, 1000, c.now_ms), 0);
}

/* After a long idle the whole burst is available again. */
static void test_idle_refills(void **state)
{
    (void)state;
    fake_clock c = fake_clock_new();
    ratelimit_window w = { 0 };
    for (int k = 0; k < 30; k++) assert_int_equal(ratelimit_take(&w, 30, 60000, c.now_ms), 0);
    assert_true(ratelimit_take(&w, 30, 60000, c.now_ms) > 0);
    fake_clock_advance(&c, 3600 * 1000);
    for (int k = 0; k < 30; k++) assert_int_equal(ratelimit_take(&w, 30, 60000, c.now_ms), 0);
    assert_true(ratelimit_take(&w, 30, 60000, c.now_ms) > 0);
}

/* Over a long stretch at full speed the average is limit per window (plus the one burst). */
static void test_long_run_average(void **state)
{
    (void)state;
    fake_clock c = fake_clock_new();
    ratelimit_window w = { 0 };
    int allowed = 0;
    for (int ms = 0; ms < 10 * 60000; ms += 100, fake_clock_advance(&c, 100))
        while (ratelimit_take(&w, 30, 60000, c.now_ms) == 0) allowed++;
    assert_in_range(allowed, 10 * 30, 10 * 30 + 30);
}

static void test_windows_independent(void **state)
{
    (void)state;
    fake_clock c = fake_clock_new();
    ratelimit_window a = { 0 }, b = { 0 };
    assert_int_equal(ratelimit_take(&a, 1, 1000, c.now_ms), 0);
    assert_true(ratelimit_take(&a, 1, 1000, c.now_ms) > 0);
    assert_int_equal(ratelimit_take(&b, 1, 1000, c.now_ms), 0);
}

static void test_degenerate(void **state)
{
    (void)state;
    ratelimit_window w = { 0 };
    assert_true(ratelimit_take(&w, 0, 1000, FAKE_CLOCK_START_MS) > 0);
    assert_true(ratelimit_take(&w, 5, 0, FAKE_CLOCK_START_MS) > 0);
    /* more events than milliseconds in the window: the interval never drops below 1 ms, so the
     * effective limit is one per millisecond */
    ratelimit_window v = { 0 };
    for (int k = 0; k < 1000; k++) assert_int_equal(ratelimit_take(&v, 2000, 1000, FAKE_CLOCK_START_MS), 0);
    assert_true(ratelimit_take(&v, 2000, 1000, FAKE_CLOCK_START_MS) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_burst_then_refused), cmocka_unit_test(test_wait_is_exact),
        cmocka_unit_test(test_refill_is_even),     cmocka_unit_test(test_refusals_not_counted),
        cmocka_unit_test(test_idle_refills),       cmocka_unit_test(test_long_run_average),
        cmocka_unit_test(test_windows_independent), cmocka_unit_test(test_degenerate),
    };
    return cmocka_run_group_tests_name("ratelimit", tests, NULL, NULL);
}
