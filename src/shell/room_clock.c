/* room_clock — see room_clock.h. */
#include "room_clock.h"
#include "app.h"
#include "metrics.h"
#include "registry.h"
#include "room_announce.h"
#include "staged.h"
#include "store_async.h"
#include "store_rounds.h"
#include <libwebsockets.h>
#include <stdint.h>
#include <stdlib.h>

#define REARM_MAX_MS 1000

static lws_sorted_usec_list_t deadline_sul;
static int64_t armed_for = INT64_MAX;
static int startup_pass;   /* room_clock_start's pass over rooms that fell due while the server was down */

/* Rooms that reached `closed` on this pass: every feature hears of it (the call ends gently). */
static void announce_closed(sc_room **rooms, size_t n, int64_t now)
{
    for (size_t i = 0; i < n; i++)
        if (rooms[i]->clock.phase == PHASE_CLOSED) registry_room_event(ROOM_CLOSED, rooms[i], NULL, now);
}

typedef struct { sc_room *const *rooms; size_t n; } clocks_to_save;

/* The helper thread's transaction (store_async.c: SQLite only, reads the rooms' clocks). */
static int save_clocks(store *st, void *ctx)
{
    const clocks_to_save *job = ctx;
    return store_save_clocks(st, job->rooms, job->n);
}

/* Every changed room's messages, built while its clock is saved; NULL items when out of memory
 * (they are then built and sent the ordinary way, after the commit). */
static int stage_changed(sc_room **rooms, size_t n, int64_t now, staged *st)
{
    for (size_t i = 0; i < n; i++)
        if (stage_room_members(rooms[i], now, room_turn_began(rooms[i]), st) != 0) return -1;
    return 0;
}

static void on_deadline(lws_sorted_usec_list_t *sul);

/* A retry in delay_ms, instead of the timer for the next deadline. */
static void retry_in(int64_t delay_ms)
{
    armed_for = INT64_MIN;
    if (app->lws) lws_sul_schedule(app->lws, 0, &deadline_sul, on_deadline, (lws_usec_t)delay_ms * LWS_US_PER_MS);
}

static void on_deadline(lws_sorted_usec_list_t *sul)
{
    (void)sul;
    armed_for = INT64_MAX;
    room_clock_run_due(app_now_ms());
}

int room_clock_run_due(int64_t now)
{
    sc_world *w = &app->world;
    /* Snapshot every due room's clock first, so that a failed commit leaves memory as it was
     * and nobody is told about a phase the store does not have; the timer then tries again. */
    size_t n_due = 0;
    for (size_t i = 0; i < w->n_live_rooms; i++) n_due += timeline_due(&w->live_rooms[i]->clock, now) != 0;
    if (!n_due) { room_clock_reschedule(now); return 0; }
    sc_room **due = malloc(n_due * sizeof *due), **changed = malloc(n_due * sizeof *changed);
    timeline_clock *saved = malloc(n_due * sizeof *saved);
    if (!due || !changed || !saved) {
        free(due); free(changed); free(saved);
        retry_in(100);
        return -1;
    }
    size_t k = 0;
    int64_t lateness_ms = 0;
    for (size_t i = 0; i < w->n_live_rooms && k < n_due; i++)
        if (timeline_due(&w->live_rooms[i]->clock, now)) { due[k] = w->live_rooms[i]; saved[k++] = w->live_rooms[i]->clock; }
    /* how late this pass runs after the first deadline it serves (not the start-up pass: those
     * deadlines passed while the server was down) */
    for (size_t i = 0; i < k; i++)
        if (now - saved[i].deadline_ms > lateness_ms) lateness_ms = now - saved[i].deadline_ms;
    if (!startup_pass && k) metrics_observe(MH_TIMER_LATENESS, (double)lateness_ms / 1000.0);
    size_t n = rounds_advance_due(w, now, changed, n_due);
    /* Save the new clocks on the helper thread while this one builds everyone's messages, as the
     * launch does; nothing is queued until the commit succeeded. */
    double t0 = app_elapsed_ms();
    clocks_to_save job = { changed, n };
    store_async save;
    store_async_begin(&save, app->store, save_clocks, &job);
    staged msgs = { 0 };
    int staged_ok = stage_changed(changed, n, now, &msgs) == 0;
    double t1 = app_elapsed_ms();
    int failed = store_async_end(&save) != 0;
    double t2 = app_elapsed_ms();
    if (save.commit_s > 0) metrics_observe(MH_COMMIT, save.commit_s);
    if (save.commit_failed) metrics_inc(MC_COMMIT_FAILURES);
    if (failed) {
        lwsl_err("could not save room clocks (%s); retrying in 1 s\n", save.error);
        staged_free(&msgs);
        for (size_t i = 0; i < k; i++) { due[i]->clock = saved[i]; rounds_clock_changed(w, due[i]); }
        retry_in(1000);
    } else {
        if (staged_ok) staged_queue(&msgs);
        else for (size_t i = 0; i < n; i++) announce_room_members(changed[i], now, room_turn_began(changed[i]));
        staged_free(&msgs);
        announce_rooms_overview_later(changed, n, now);
        announce_closed(changed, n, now);
        room_clock_reschedule(now);
        /* where a shared deadline's time goes (bench/run-floor.sh compares it with a bare server) */
        if (n >= 100)
            lwsl_notice("deadline: %zu rooms advanced %lld ms after their deadline (messages built in %.1f ms while "
                        "saving, commit done %.1f ms later, queued %.1f ms after that)\n",
                        n, (long long)lateness_ms, t1 - t0, t2 - t1, app_elapsed_ms() - t2);
    }
    free(due);
    free(changed);
    free(saved);
    return failed ? -1 : (int)(n > INT32_MAX ? INT32_MAX : n);
}

void room_clock_reschedule(int64_t now)
{
    if (!app || !app->lws) return;
    int64_t next = rounds_next_deadline(&app->world);
    if (next == armed_for) return;
    armed_for = next;
    if (next == INT64_MAX) {
        lws_sul_cancel(&deadline_sul);
        return;
    }
    /* Measure from the clock now, not from when the handler began: a launch of 10,000 people
     * takes a noticeable time, and lws counts the delay from this call. Wake at most
     * REARM_MAX_MS ahead: poll() may overrun long sleeps by 0.1 %, so a far deadline is
     * approached in steps and hit within a few ms. */
    (void)now;
    int64_t wait_ms = next - app_now_ms();
    if (wait_ms < 0) wait_ms = 0;
    if (wait_ms > REARM_MAX_MS) { wait_ms = REARM_MAX_MS; armed_for = INT64_MIN; }
    lws_sul_schedule(app->lws, 0, &deadline_sul, on_deadline, (lws_usec_t)wait_ms * LWS_US_PER_MS);
}

void room_clock_start(int64_t now)
{
    if (app->lws) {
        armed_for = INT64_MAX;
        startup_pass = 1;
        room_clock_run_due(app_now_ms());
        startup_pass = 0;   /* the restart rule: overdue rooms advance once, now */
    }
    room_clock_reschedule(now);
}

void room_clock_stop(void)
{
    if (app && app->lws) lws_sul_cancel(&deadline_sul);
    armed_for = INT64_MAX;
}
