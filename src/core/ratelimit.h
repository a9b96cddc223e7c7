/* ratelimit — a sliding-window counter for "at most N events per window".
 * Owns: the arithmetic only; callers keep one window per thing they limit (a connection, an IP,
 * a sender). Time comes in as now_ms. The window is approximated by two fixed buckets weighted by
 * overlap (the classic sliding-window counter), which never lets through more than N per window
 * by more than one bucket's rounding. */
#ifndef SOFTCLOSE_RATELIMIT_H
#define SOFTCLOSE_RATELIMIT_H
#include <stdint.h>

typedef struct {
    int64_t bucket_start_ms;   /* start of the current fixed bucket */
    uint32_t current;          /* events in the current bucket */
    uint32_t previous;         /* events in the bucket before it */
} ratelimit_window;

/* Records one event if allowed. Returns 0 when allowed, otherwise the milliseconds to wait
 * before the next event would be allowed (>= 1). */
int64_t ratelimit_take(ratelimit_window *w, uint32_t limit, int64_t window_ms, int64_t now_ms);
#endif
