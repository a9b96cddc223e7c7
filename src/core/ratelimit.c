/* ratelimit — see ratelimit.h.
 * Each event costs one interval (window / limit). The bucket tolerates `window - interval` of
 * debt: an event at now is allowed while tat - tolerance <= now. */
#include "ratelimit.h"

int64_t ratelimit_take(ratelimit_window *w, uint32_t limit, int64_t window_ms, int64_t now_ms)
{
    if (window_ms <= 0 || limit == 0) return window_ms > 0 ? window_ms : 1;
    int64_t interval = window_ms / limit;
    if (interval < 1) interval = 1;
    int64_t tolerance = window_ms - interval;
    int64_t tat = w->tat_ms > now_ms ? w->tat_ms : now_ms;
    int64_t allowed_at = tat - tolerance;
    if (now_ms < allowed_at) return allowed_at - now_ms;
    w->tat_ms = tat + interval;
    return 0;
}
