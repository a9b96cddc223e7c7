/* room_clock — the one deadline timer: a single lws_sul armed for the earliest deadline across
 * all live rooms. When it fires, every due room advances (core); the new clocks are committed in
 * one transaction on a helper thread while the members' messages are built (store_async, staged),
 * and only after the commit are members, facilitators and (for rooms that closed) the features
 * told. A failed commit restores the clocks in memory, tells nobody and retries in 1 s. */
#ifndef SOFTCLOSE_ROOM_CLOCK_H
#define SOFTCLOSE_ROOM_CLOCK_H
#include <stdint.h>

/* At start-up, after loading: advance rooms whose deadline passed while the server was down
 * (once each) and arm the timer. */
void room_clock_start(int64_t now_ms);
/* Re-arms the timer for the earliest deadline (after any clock change). */
void room_clock_reschedule(int64_t now_ms);
/* What the timer does when it fires (also callable without lws, from tests): advances every due
 * room, saves the clocks while building the members' messages, and queues them once saved.
 * Returns the number of rooms advanced, or -1 when nothing was saved (memory restored; with lws,
 * retried shortly). */
int room_clock_run_due(int64_t now_ms);
/* Cancels the timer before the context goes away. */
void room_clock_stop(void);
#endif
