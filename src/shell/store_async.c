/* store_async — see store_async.h. */
#include "store_async.h"
#include <stdio.h>
#include <time.h>

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run_transaction(void *arg)
{
    store_async *a = arg;
    a->rc = -1;
    if (store_begin(a->st) != 0) {
        snprintf(a->error, sizeof a->error, "%s", store_last_error(a->st));
        return NULL;
    }
    if (a->fn(a->st, a->ctx) == 0) {
        double t0 = seconds_now();   /* timed here, reported by the caller after the join: no shared counters */
        int rc = store_commit(a->st);
        a->commit_s = seconds_now() - t0;
        a->commit_failed = rc != 0;
        if (rc == 0) { a->rc = 0; return NULL; }
    }
    snprintf(a->error, sizeof a->error, "%s", store_last_error(a->st));   /* ROLLBACK clears it */
    store_rollback(a->st);
    return NULL;
}

void store_async_begin(store_async *a, store *st, store_async_fn fn, void *ctx)
{
    *a = (store_async){ .st = st, .fn = fn, .ctx = ctx, .rc = -1 };
    a->threaded = pthread_create(&a->thread, NULL, run_transaction, a) == 0;
    if (!a->threaded) run_transaction(a);
}

int store_async_end(store_async *a)
{
    if (a->threaded && pthread_join(a->thread, NULL) != 0) return -1;   /* cannot happen for a joinable thread */
    a->threaded = 0;
    return a->rc;
}
