/* app_fixture — the process-wide app for driving message handlers without sockets (the fuzzer
 * and test_launch): join limits out of the way, the given fake clock, an in-memory store, no lws
 * context (so after-fan-out work runs at once). No cmocka here: the fuzzer includes it too. */
#ifndef SOFTCLOSE_APP_FIXTURE_H
#define SOFTCLOSE_APP_FIXTURE_H
#include "app.h"
#include "rounds.h"
#include "store.h"
#include <stdio.h>
#include <string.h>

/* Points the global `app` at a, set up as above. Returns 0, or -1 with the reason on stderr. */
static inline int app_fixture_open(app_t *a, config *cfg, int64_t (*clock)(void))
{
    char err[256];
    memset(cfg, 0, sizeof *cfg);
    cfg->join_per_minute = 1000000;
    cfg->join_per_minute_ip = 1000000;
    cfg->max_participants = 100;
    app = a;
    app_clock = clock;
    app->cfg = cfg;
    world_init(&app->world, 100);
    rounds_install(&app->world);
    app->store = store_open(":memory:", err, sizeof err);
    if (!app->store) { fprintf(stderr, "app_fixture: %s\n", err); return -1; }
    return 0;
}
#endif
