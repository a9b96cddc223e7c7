/* app — the one process-wide context the lws callbacks and handlers share: settings, the domain
 * world, the store and the lws context. libwebsockets runs a single service thread, so nothing
 * here is locked; only lws_cancel_service() is ever called from elsewhere (the signal handler). */
#ifndef SOFTCLOSE_APP_H
#define SOFTCLOSE_APP_H
#include <stdint.h>
#include "config.h"
#include "session.h"
#include "store.h"

struct lws_context;
typedef struct {
    config *cfg;
    sc_world world;
    store *store;
    struct lws_context *lws;
    int64_t started_ms;
    uint64_t messages_in, messages_out, culled;
} app_t;

extern app_t *app;
int64_t app_now_ms(void);   /* wall clock, server time in ms since the Unix epoch */
/* Monotonic ms from an arbitrary origin: only for measuring how long something took (logs,
 * metrics), never for server time. Safe on any thread. */
double app_elapsed_ms(void);
extern int64_t (*app_clock)(void);
#endif
