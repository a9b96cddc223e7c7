/* ratelimit — "at most N per window" for one thing being limited (a connection, an address, a
 * sender), as a token bucket kept in one number (the generic cell-rate algorithm):
 * up to N events at once, then one more every window/N. Over any long stretch that is N per
 * window; the wait it returns is exact, so a client that waits that long is let through.
 * Owns: the arithmetic only. Time comes in as now_ms. */
#ifndef SOFTCLOSE_RATELIMIT_H
#define SOFTCLOSE_RATELIMIT_H
#include <stdint.h>

typedef struct {
    int64_t tat_ms;   /* "theoretical arrival time": when the bucket would be full again; 0 = full */
} ratelimit_window;

/* Records one event if allowed. Returns 0 when allowed, otherwise the milliseconds to wait
 * until the next event will be allowed (>= 1). A limit or window of 0 allows nothing. */
int64_t ratelimit_take(ratelimit_window *w, uint32_t limit, int64_t window_ms, int64_t now_ms);
#endif
