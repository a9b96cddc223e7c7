/* store_async — one store transaction on a helper thread while the service thread prepares what
 * it will announce once the transaction has committed. Used by the launch (saving 13,000 rows for
 * 10,000 people, and the fsync, takes about as long as building everyone's messages) and by the
 * shared deadline (3,333 rooms' clocks): the two need not wait for each other — only the sending
 * must wait for the commit.
 *
 * The rules that make this safe (there is no locking anywhere else):
 *   - between store_async_begin and store_async_end the caller does not touch the store, and does
 *     not change anything fn reads (both threads may read the same domain data);
 *   - the helper thread calls SQLite only — never lws, never the world's mutating functions;
 *   - store_async_end joins the thread before the handler returns, so lws never runs meanwhile.
 * If the thread cannot be started, fn runs on the calling thread (same result, no overlap). */
#ifndef SOFTCLOSE_STORE_ASYNC_H
#define SOFTCLOSE_STORE_ASYNC_H
#include <pthread.h>
#include "store.h"

/* The body of the transaction: returns 0 to commit, non-zero to roll back. */
typedef int (*store_async_fn)(store *st, void *ctx);

typedef struct {
    pthread_t thread;
    int threaded;
    store *st;
    store_async_fn fn;
    void *ctx;
    int rc;
    double commit_s;   /* how long the COMMIT took (0 when it was not reached); read after the join */
    int commit_failed; /* the COMMIT itself failed */
    char error[160];   /* SQLite's message when it was rolled back; read after the join */
} store_async;

/* BEGIN; fn; COMMIT (or ROLLBACK), started on a helper thread. */
void store_async_begin(store_async *a, store *st, store_async_fn fn, void *ctx);
/* Waits for it. Returns 0 if the transaction committed, -1 if it was rolled back. */
int store_async_end(store_async *a);
#endif
