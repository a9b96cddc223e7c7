/* after_fanout — see after_fanout.h. */
#include "after_fanout.h"
#include "app.h"
#include "conn.h"
#include <libwebsockets.h>
#include <stdlib.h>

typedef struct job {
    struct job *next;
    after_fanout_fn fn;
    void *ctx;
    void (*free_ctx)(void *);
} job;

static job *head, *tail;
static lws_sorted_usec_list_t deadline_sul;
static int running;
static int due_now;   /* the timer is armed to fire on the next pass (participants are served) */

static void on_deadline(lws_sorted_usec_list_t *sul)
{
    (void)sul;
    after_fanout_run_all();
}

void after_fanout_add(after_fanout_fn fn, void *ctx, void (*free_ctx)(void *))
{
    /* no service loop to defer to (the fuzzer drives handlers directly): run at once */
    job *j = app && app->lws ? malloc(sizeof *j) : NULL;
    if (!j) {
        fn(ctx, app_now_ms());
        if (free_ctx) free_ctx(ctx);
        return;
    }
    *j = (job){ NULL, fn, ctx, free_ctx };
    int first = !head;
    if (tail) tail->next = j; else head = j;
    tail = j;
    if (first) {
        /* nobody waiting for anything: run on the next service pass, after the caller's reply */
        due_now = !conn_backlog();
        lws_usec_t wait = due_now ? 0 : (lws_usec_t)AFTER_FANOUT_MAX_MS * LWS_US_PER_MS;
        lws_sul_schedule(app->lws, 0, &deadline_sul, on_deadline, wait);
    }
}

void after_fanout_run_all(void)
{
    if (running) return;   /* a job that queues another: that one runs in this same loop */
    running = 1;
    if (app && app->lws) lws_sul_cancel(&deadline_sul);
    while (head) {
        job *j = head;
        head = j->next;
        if (!head) tail = NULL;
        j->fn(j->ctx, app_now_ms());
        if (j->free_ctx) j->free_ctx(j->ctx);
        free(j);
    }
    if (app && app->lws) lws_sul_cancel(&deadline_sul);   /* a job may have armed it again */
    due_now = 0;
    running = 0;
}

void after_fanout_poll(void)
{
    /* Participants are served: run on the next pass rather than here, so that the rest of this
     * pass (the facilitator's own reply, say) is written before a large overview is built. */
    if (!head || due_now || conn_backlog()) return;
    due_now = 1;
    lws_sul_schedule(app->lws, 0, &deadline_sul, on_deadline, 0);
}

void after_fanout_shutdown(void)
{
    if (app && app->lws) lws_sul_cancel(&deadline_sul);
    while (head) {
        job *j = head;
        head = j->next;
        if (j->free_ctx) j->free_ctx(j->ctx);
        free(j);
    }
    tail = NULL;
    due_now = 0;
}

