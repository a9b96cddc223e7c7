/* app — the process-wide context and the server clock (see app.h). */
#include "app.h"
#include <time.h>

app_t *app;

static int64_t wall_clock_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Replaceable so the fuzzer and tests can drive time; the server never changes it. */
int64_t (*app_clock)(void) = wall_clock_ms;

int64_t app_now_ms(void) { return app_clock(); }

double app_elapsed_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
