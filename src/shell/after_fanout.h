/* after_fanout — facilitator work that waits until the participants have been served.
 * Owns a small queue of jobs (build and send the facilitator's overview and roster after a launch,
 * the `rooms_update` after a shared deadline). A job runs on the service pass after the one in
 * which the last participant connection emptied its queue (server.c polls after each write), or
 * AFTER_FANOUT_MAX_MS after it was added, whichever comes first: at 10,000 people the facilitator's overview of 3,333 rooms takes
 * longer to build than every participant's room card, and the people waiting to start practising
 * come first. A job builds its message when it runs, from the state at that moment, so what the
 * facilitator sees is never older than what was current when it was sent. The backlog counted is
 * every participant connection's, in every session: a stalled client anywhere makes jobs wait
 * the full AFTER_FANOUT_MAX_MS (the age cull closes such a client after 30 s). */
#ifndef SOFTCLOSE_AFTER_FANOUT_H
#define SOFTCLOSE_AFTER_FANOUT_H
#include <stddef.h>
#include <stdint.h>

#define AFTER_FANOUT_MAX_MS 250

typedef void (*after_fanout_fn)(void *ctx, int64_t now_ms);

/* Queues fn(ctx); free_ctx (may be NULL) is called on ctx after the job ran or was dropped at
 * shutdown. Without a service loop (the fuzzer), or if memory is short, runs the job at once. */
void after_fanout_add(after_fanout_fn fn, void *ctx, void (*free_ctx)(void *));
/* If no participant has anything queued, arms the queued jobs for the next service pass. Cheap
 * when there is nothing to do. */
void after_fanout_poll(void);
/* Runs every queued job now, whatever the backlog (the fallback timer does this). */
void after_fanout_run_all(void);
void after_fanout_shutdown(void);   /* cancels the timer and drops queued jobs */
#endif
