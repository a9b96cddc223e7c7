/* checkpoint — see checkpoint.h. */
#include "checkpoint.h"
#include "after_fanout.h"
#include "app.h"
#include <libwebsockets.h>

static lws_sorted_usec_list_t tick_sul;
static int queued;

static void run_checkpoint(void *ctx, int64_t now_ms)
{
    (void)ctx;
    (void)now_ms;
    queued = 0;
    if (store_checkpoint_due(app->store) && store_checkpoint(app->store) != 0)
        lwsl_warn("checkpoint failed: %s (retrying in %d ms)\n", store_last_error(app->store), CHECKPOINT_EVERY_MS);
}

static void on_tick(lws_sorted_usec_list_t *sul)
{
    if (!queued && store_checkpoint_due(app->store)) {
        queued = 1;
        after_fanout_add(run_checkpoint, NULL, NULL);
    }
    lws_sul_schedule(app->lws, 0, sul, on_tick, (lws_usec_t)CHECKPOINT_EVERY_MS * LWS_US_PER_MS);
}

void checkpoint_start(void)
{
    if (app && app->lws) lws_sul_schedule(app->lws, 0, &tick_sul, on_tick, (lws_usec_t)CHECKPOINT_EVERY_MS * LWS_US_PER_MS);
}

void checkpoint_shutdown(void)
{
    if (app && app->lws) lws_sul_cancel(&tick_sul);
    queued = 0;
}
