/* ratelimit — see ratelimit.h. */
#include "ratelimit.h"

static void roll(ratelimit_window *w, int64_t window_ms, int64_t now_ms)
{
    if (w->bucket_start_ms == 0 && w->current == 0 && w->previous == 0) {
        w->bucket_start_ms = now_ms;
        return;
    }
    int64_t elapsed = now_ms - w->bucket_start_ms;
    if (elapsed < window_ms) return;
    if (elapsed < 2 * window_ms) {
        w->previous = w->current;
        w->bucket_start_ms += window_ms;
    } else {
        w->previous = 0;
        w->bucket_start_ms = now_ms;
    }
    w->current = 0;
}

/* Estimated events in the last window_ms: all of the current bucket plus the part of the
 * previous bucket that still overlaps the window. */
static double estimate(const ratelimit_window *w, int64_t window_ms, int64_t now_ms)
{
    double into = (double)(now_ms - w->bucket_start_ms) / (double)window_ms;
    if (into > 1.0) into = 1.0;
    return (double)w->current + (double)w->previous * (1.0 - into);
}

int64_t ratelimit_take(ratelimit_window *w, uint32_t limit, int64_t window_ms, int64_t now_ms)
{
    if (window_ms <= 0 || limit == 0) return window_ms > 0 ? window_ms : 1;
    roll(w, window_ms, now_ms);
    if (estimate(w, window_ms, now_ms) + 1.0 <= (double)limit) {
        w->current++;
        return 0;
    }
    /* Refused: find when the estimate first drops to limit - 1. */
    int64_t bucket_end = w->bucket_start_ms + window_ms;
    int64_t at;
    if (w->current + 1 > limit) {
        /* The current bucket alone is full. Once it becomes "previous" it still weighs fully at
         * its start, so wait until enough of it has slid out:
         * current * (1 - into) <= limit - 1  <=>  into >= 1 - (limit - 1) / current */
        double into = 1.0 - ((double)limit - 1.0) / (double)w->current;
        at = bucket_end + (int64_t)(into * (double)window_ms) + 1;
    } else {
        /* current + previous * (1 - into) <= limit - 1  <=>  into >= 1 - (limit - 1 - current) / previous */
        double into = 1.0 - ((double)limit - 1.0 - (double)w->current) / (double)w->previous;
        at = w->bucket_start_ms + (int64_t)(into * (double)window_ms) + 1;
    }
    int64_t wait = at - now_ms;
    return wait < 1 ? 1 : wait;
}
