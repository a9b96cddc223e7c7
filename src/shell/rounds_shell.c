/* rounds_shell — see rounds_shell.h. Each handler validates, changes the core on a copy or
 * with an undo, commits to the store, and only then announces. */
#include "rounds_shell.h"
#include "after_fanout.h"
#include "app.h"
#include "feedback_shell.h"
#include "followup_shell.h"
#include "handlers.h"
#include "rounds_view.h"
#include "store_rounds.h"
#include "text.h"
#include "token.h"
#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>

#define BROADCAST_HISTORY 50
#define REARM_MAX_MS 1000

static lws_sorted_usec_list_t deadline_sul;
static int64_t armed_for = INT64_MAX;

/* ---- announcing ----------------------------------------------------------------------- */

static void send_and_free(sc_participant *p, json_t *m)
{
    send_to_participant(p, m);
    json_decref(m);
}

/* Each message serialised once per room (view_room_text writes only the member's own role). */
void rounds_announce_members(sc_room *room, int64_t now, int with_room)
{
    room_text_shared shared = { 0 };
    if (with_room && view_room_shared(room, &shared) != 0) with_room = 0;   /* out of memory: the phase still goes */
    json_t *phase = view_phase(room, now);
    char *phase_text = phase ? json_dumps(phase, JSON_COMPACT) : NULL;
    json_decref(phase);
    size_t phase_len = phase_text ? strlen(phase_text) : 0;
    for (size_t i = 0; i < room->n_members; i++) {
        sc_member *m = &room->members[i];
        if (m->gone_ms || !m->p->shell_conns) continue;
        size_t len;
        const char *text = with_room ? view_room_text(room, m->p, &shared, &len) : NULL;
        if (text) send_text_to_participant(m->p, text, len);
        if (phase_text) send_text_to_participant(m->p, phase_text, phase_len);
    }
    free(phase_text);
    view_room_shared_free(&shared);
}

void rounds_announce(sc_room *room, int64_t now, int with_room)
{
    rounds_announce_members(room, now, with_room);
    rounds_announce_overview(room, now);
}

static int by_session(const void *a, const void *b)
{
    const sc_session *x = (*(sc_room *const *)a)->session, *y = (*(sc_room *const *)b)->session;
    return x < y ? -1 : x > y;
}

/* The facilitator's half of announce_many, run once participants are served (after_fanout.c). */
typedef struct { size_t n; sc_room *rooms[]; } changed_rooms;

static void send_rooms_updates_of(sc_room **rooms, size_t n, int64_t now)
{
    qsort(rooms, n, sizeof *rooms, by_session);
    for (size_t i = 0; i < n;) {
        sc_session *s = rooms[i]->session;
        size_t j = i;
        for (; j < n && rooms[j]->session == s; j++) {}
        if (s->shell_facilitator_conns) {
            json_t *list = json_array();
            for (size_t k = i; k < j; k++) json_array_append_new(list, view_room_overview(rooms[k], now));
            json_t *m = json_pack("{s:s, s:o, s:I}", "type", "rooms_update", "rooms", list, "server_time", (json_int_t)now);
            send_to_facilitator(s, m);
            json_decref(m);
        }
        i = j;
    }
}

static void send_rooms_updates(void *ctx, int64_t now)
{
    changed_rooms *cr = ctx;
    send_rooms_updates_of(cr->rooms, cr->n, now);
}

/* Many rooms changed at once (a shared deadline, "pause all"): members hear about their room at
 * once; each facilitator gets ONE `rooms_update` rather than a message per room (at 3,333 rooms
 * a message per room kept the service loop busy for seconds), built once the members' messages
 * are written. */
static void announce_many(sc_room **rooms, size_t n, int64_t now)
{
    for (size_t i = 0; i < n; i++) {
        int new_turn = rooms[i]->clock.phase == PHASE_PRACTICE && rooms[i]->clock.turn > 0;   /* new roles */
        rounds_announce_members(rooms[i], now, new_turn);
    }
    changed_rooms *cr = malloc(sizeof *cr + n * sizeof *rooms);
    if (!cr) {   /* no memory to defer it: send it now */
        send_rooms_updates_of(rooms, n, now);
        return;
    }
    cr->n = n;
    memcpy(cr->rooms, rooms, n * sizeof *rooms);
    after_fanout_add(send_rooms_updates, cr, free);
}

void rounds_announce_overview(sc_room *room, int64_t now)
{
    if (!room->session->shell_facilitator_conns) return;
    json_t *u = json_pack("{s:s, s:o, s:I}", "type", "room_update", "room", view_room_overview(room, now),
                          "server_time", (json_int_t)now);
    send_to_facilitator(room->session, u);
    json_decref(u);
}

static void send_broadcast_item(const char *text, int64_t at_ms, void *ctx)
{
    conn *c = ctx;
    json_t *m = json_pack("{s:s, s:s, s:I, s:b}", "type", "broadcast", "text", text, "at", (json_int_t)at_ms, "replay", 1);
    if (c->participant && c->participant->room) json_object_set_new(m, "room", json_string(c->participant->room->id));
    conn_send(c, m);
    json_decref(m);
}

void rounds_send_state(conn *c, int64_t now)
{
    sc_session *s = c->session;
    if (c->actor == ACTOR_FACILITATOR) {
        json_t *m = view_rooms(s, now);
        conn_send(c, m);
        json_decref(m);
        json_t *list = json_array();
        for (size_t i = 0; i < s->n_help; i++)
            if (!s->help[i]->acked_ms) json_array_append_new(list, view_help(s->help[i]));
        m = json_pack("{s:s, s:o}", "type", "help_list", "requests", list);
        conn_send(c, m);
        json_decref(m);
        return;
    }
    sc_participant *p = c->participant;
    if (p->room) {
        room_text_shared shared;
        size_t len;
        const char *text = view_room_shared(p->room, &shared) == 0 ? view_room_text(p->room, p, &shared, &len) : NULL;
        if (text) conn_send_raw(c, text, len);
        view_room_shared_free(&shared);
        json_t *m = view_phase(p->room, now);
        conn_send(c, m);
        json_decref(m);
        store_each_broadcast(app->store, s, p->room, BROADCAST_HISTORY, send_broadcast_item, c);
        feedback_send_state(c);
        followup_send_state(c, now);
        return;
    }
    if (rounds_running(s)) {
        json_t *m = json_pack("{s:s, s:b, s:s}", "type", "lobby", "round_active", 1, "message",
                              "A round is under way. The facilitator can see you are waiting and will place you in a room, "
                              "or you will join the next round.");
        conn_send(c, m);
        json_decref(m);
    }
    store_each_broadcast(app->store, s, NULL, BROADCAST_HISTORY, send_broadcast_item, c);
    feedback_send_state(c);
    followup_send_state(c, now);
}

/* ---- the one timer -------------------------------------------------------------------- */

static void on_deadline(lws_sorted_usec_list_t *sul)
{
    (void)sul;
    armed_for = INT64_MAX;
    int64_t now = app_now_ms();
    sc_world *w = &app->world;
    /* Snapshot every due room's clock first, so that a failed commit leaves memory as it was
     * and nobody is told about a phase the store does not have; the timer then tries again. */
    size_t n_due = 0;
    for (size_t i = 0; i < w->n_live_rooms; i++) n_due += timeline_due(&w->live_rooms[i]->clock, now) != 0;
    if (!n_due) { rounds_reschedule(now); return; }
    sc_room **due = malloc(n_due * sizeof *due), **changed = malloc(n_due * sizeof *changed);
    timeline_clock *saved = malloc(n_due * sizeof *saved);
    if (!due || !changed || !saved) {
        free(due); free(changed); free(saved);
        lws_sul_schedule(app->lws, 0, &deadline_sul, on_deadline, 100 * LWS_US_PER_MS);
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < w->n_live_rooms && k < n_due; i++)
        if (timeline_due(&w->live_rooms[i]->clock, now)) { due[k] = w->live_rooms[i]; saved[k++] = w->live_rooms[i]->clock; }
    size_t n = rounds_advance_due(w, now, changed, n_due);
    int ok = store_begin(app->store) == 0;
    if (ok) ok = store_save_clocks(app->store, changed, n) == 0;
    if (ok) ok = store_commit(app->store) == 0;
    if (!ok) {
        store_rollback(app->store);
        lwsl_err("could not save room clocks (%s); retrying in 1 s\n", store_last_error(app->store));
        for (size_t i = 0; i < k; i++) { due[i]->clock = saved[i]; rounds_clock_changed(w, due[i]); }
        lws_sul_schedule(app->lws, 0, &deadline_sul, on_deadline, 1000 * LWS_US_PER_MS);
        armed_for = INT64_MIN;
    } else {
        announce_many(changed, n, now);
        rounds_reschedule(now);
    }
    free(due);
    free(changed);
    free(saved);
}

void rounds_reschedule(int64_t now)
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

void rounds_start(int64_t now)
{
    if (app->lws) {
        armed_for = INT64_MAX;
        on_deadline(&deadline_sul);   /* the restart rule: overdue rooms advance once, now */
    }
    rounds_reschedule(now);
}

void rounds_shutdown(void)
{
    if (app && app->lws) lws_sul_cancel(&deadline_sul);
    armed_for = INT64_MAX;
}

/* ---- clock controls ------------------------------------------------------------------- */

typedef int (*clock_op)(sc_room *room, json_int_t arg, int64_t now);

static int op_pause(sc_room *room, json_int_t arg, int64_t now) { (void)arg; return timeline_pause(&room->clock, now); }
static int op_resume(sc_room *room, json_int_t arg, int64_t now) { (void)arg; return timeline_resume(&room->clock, now); }
static int op_extend(sc_room *room, json_int_t arg, int64_t now) { return timeline_extend(&room->clock, arg * 1000, now); }
static int op_end(sc_room *room, json_int_t arg, int64_t now)
{
    (void)arg;
    if (room->clock.phase == PHASE_CLOSED) return TIMELINE_ERR_CLOSED;
    if (room->clock.phase == PHASE_SOFTEN) return 1;   /* already closing softly: nothing to do */
    return timeline_end_now(&room->clock, &room->round->shape, now);
}

/* Applies op to one room (`room` field) or to every open room of the current round. */
static void apply_clock_op(conn *c, proto_request *r, int64_t now, clock_op op, json_int_t arg)
{
    char why[200];
    const char *room_id = NULL;
    if (proto_get_string(r->root, "room", 0, &room_id, NULL, why, sizeof why) < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    sc_session *s = c->session;
    sc_round *round = rounds_current(s);
    sc_room *one = NULL;
    if (room_id && !(one = rounds_find_room(s, room_id))) {
        reply_error(c, r, ERR_NOT_FOUND, "No room with that id in this session's current round.");
        return;
    }
    if (!round || (!one && !rounds_running(s))) {
        reply_error(c, r, ERR_CONFLICT, "No round is running; launch one first.");
        return;
    }
    size_t n = one ? 1 : round->n_rooms;
    sc_room **rooms = one ? &one : round->rooms;
    timeline_clock *before = malloc(n * sizeof *before);
    sc_room **changed = malloc(n * sizeof *changed);
    if (!before || !changed) { free(before); free(changed); reply_error(c, r, ERR_INTERNAL, "Out of memory; try again."); return; }
    size_t n_changed = 0;
    int first_err = 0;
    for (size_t i = 0; i < n; i++) {
        sc_room *room = rooms[i];
        if (!one && room->clock.phase == PHASE_CLOSED) continue;
        timeline_clock saved = room->clock;
        int rc = op(room, arg, now);
        if (rc < 0 && !first_err) first_err = rc;
        if (rc == 0) { before[n_changed] = saved; changed[n_changed++] = room; }
    }
    if (!n_changed && first_err) {
        reply_error(c, r, ERR_CONFLICT, "%s", timeline_error_message(first_err));
        goto out;
    }
    int ok = store_begin(app->store) == 0;
    if (ok) ok = store_save_clocks(app->store, changed, n_changed) == 0;
    if (ok) ok = store_commit(app->store) == 0;
    if (!ok) {
        store_rollback(app->store);
        for (size_t i = 0; i < n_changed; i++) changed[i]->clock = before[i];
        reply_error(c, r, ERR_INTERNAL, "Could not save the change; nothing was changed. Try again.");
        goto out;
    }
    for (size_t i = 0; i < n_changed; i++) rounds_clock_changed(&app->world, changed[i]);
    if (n_changed == 1) rounds_announce(changed[0], now, 0);
    else announce_many(changed, n_changed, now);
    reply(c, r, json_pack("{s:s, s:I}", "type", "ok", "rooms_changed", (json_int_t)n_changed));
    rounds_reschedule(now);
out:
    free(before);
    free(changed);
}

void h_pause(conn *c, proto_request *r, int64_t now) { apply_clock_op(c, r, now, op_pause, 0); }
void h_resume(conn *c, proto_request *r, int64_t now) { apply_clock_op(c, r, now, op_resume, 0); }
void h_end_round(conn *c, proto_request *r, int64_t now) { apply_clock_op(c, r, now, op_end, 0); }

void h_extend(conn *c, proto_request *r, int64_t now)
{
    char why[200];
    json_int_t seconds;
    if (proto_get_int(r->root, "seconds", 1, 1, 3600, &seconds, why, sizeof why) < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    apply_clock_op(c, r, now, op_extend, seconds);
}

/* ---- broadcast, move, help ------------------------------------------------------------ */

void h_broadcast(conn *c, proto_request *r, int64_t now)
{
    char why[200];
    const char *text, *room_id = NULL;
    size_t len;
    if (proto_get_string(r->root, "text", 1, &text, &len, why, sizeof why) < 0 ||
        proto_get_string(r->root, "room", 0, &room_id, NULL, why, sizeof why) < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    text_status ts = len > ROUNDS_BROADCAST_MAX_CHARS * 4 ? TEXT_TOO_LONG : text_check_message(text, len, ROUNDS_BROADCAST_MAX_CHARS);
    if (ts != TEXT_OK) {
        char msg[200];
        reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                    text_status_message(ts, "broadcast", ROUNDS_BROADCAST_MAX_CHARS, msg, sizeof msg));
        return;
    }
    sc_session *s = c->session;
    sc_room *one = NULL;
    if (room_id && !(one = rounds_find_room(s, room_id))) {
        reply_error(c, r, ERR_NOT_FOUND, "No room with that id in this session's current round.");
        return;
    }
    sc_round *round = rounds_current(s);
    int to_rooms = one || rounds_running(s);
    int ok = store_begin(app->store) == 0;
    if (one) ok = ok && store_insert_broadcast(app->store, s, one, text, now) == 0;
    else if (to_rooms)
        for (size_t i = 0; ok && i < round->n_rooms; i++)
            if (round->rooms[i]->clock.phase != PHASE_CLOSED) ok = store_insert_broadcast(app->store, s, round->rooms[i], text, now) == 0;
    if (ok && !one) ok = store_insert_broadcast(app->store, s, NULL, text, now) == 0;   /* lobby copy for people waiting */
    if (ok) ok = store_commit(app->store) == 0;
    if (!ok) {
        store_rollback(app->store);
        reply_error(c, r, ERR_INTERNAL, "Could not save the broadcast; try again.");
        return;
    }
    for (size_t i = 0; i < s->n_people; i++) {
        sc_participant *p = s->people[i];
        if (p->left_ms || !p->shell_conns) continue;
        if (one && p->room != one) continue;
        json_t *m = json_pack("{s:s, s:s, s:I}", "type", "broadcast", "text", text, "at", (json_int_t)now);
        if (p->room) json_object_set_new(m, "room", json_string(p->room->id));
        send_and_free(p, m);
    }
    reply_ok(c, r);
}

void h_move(conn *c, proto_request *r, int64_t now)
{
    char why[200];
    const char *pid_s, *room_id;
    if (proto_get_string(r->root, "participant", 1, &pid_s, NULL, why, sizeof why) < 0 ||
        proto_get_string(r->root, "room", 1, &room_id, NULL, why, sizeof why) < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    sc_session *s = c->session;
    sc_participant *p = world_find_participant(&app->world, s, pid_s);
    if (!p || p->left_ms) { reply_error(c, r, ERR_NOT_FOUND, "No participant with that id is in this session."); return; }
    sc_room *to = rounds_find_room(s, room_id);
    if (!to) { reply_error(c, r, ERR_NOT_FOUND, "No room with that id in this session's current round."); return; }
    rounds_seat_change change;
    int rc = rounds_plan_move(p, to, now, &change);
    if (rc) { reply_error(c, r, rc == ROUNDS_ERR_NOMEM ? ERR_INTERNAL : ERR_CONFLICT, "%s", rounds_error_message(rc)); return; }
    if (store_begin(app->store) != 0 || store_save_seat_change(app->store, p, &change) != 0 || store_commit(app->store) != 0) {
        store_rollback(app->store);
        lwsl_err("move not saved: %s\n", store_last_error(app->store));
        reply_error(c, r, ERR_INTERNAL, "Could not save the move; nobody was moved. Try again.");
        return;
    }
    rounds_apply_seat_change(p, &change);
    reply_ok(c, r);
    if (change.from) rounds_announce(change.from, now, 1);
    rounds_announce(to, now, 1);
    /* only the moved person's line of the facilitator's roster changed */
    json_t *u = json_pack("{s:s, s:o, s:I}", "type", "roster_update", "participant", json_roster_entry(p, 1),
                          "count", (json_int_t)s->n_present);
    send_to_facilitator(s, u);
    json_decref(u);
}

void h_help(conn *c, proto_request *r, int64_t now)
{
    char why[200];
    const char *text = "";
    size_t len = 0;
    if (proto_get_string(r->root, "text", 0, &text, &len, why, sizeof why) < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    if (!text) text = "";
    if (len) {
        text_status ts = len > ROUNDS_HELP_MAX_BYTES ? TEXT_TOO_LONG : text_check_message(text, len, ROUNDS_HELP_MAX_CHARS);
        if (ts != TEXT_OK && ts != TEXT_EMPTY) {
            char msg[200];
            reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                        text_status_message(ts, "help text", ROUNDS_HELP_MAX_CHARS, msg, sizeof msg));
            return;
        }
    }
    sc_participant *p = c->participant;
    if (!p->room || p->room->clock.phase == PHASE_CLOSED) {
        reply_error(c, r, ERR_CONFLICT, "You are not in an open room; help requests go to the facilitator from a room.");
        return;
    }
    char id[SC_ID_LEN + 1];
    token_new_uuid(id);
    sc_help tmp = { .room = p->room, .p = p, .at_ms = now };
    snprintf(tmp.id, sizeof tmp.id, "%s", id);
    snprintf(tmp.text, sizeof tmp.text, "%s", text);
    if (store_insert_help(app->store, c->session, &tmp) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not send your request; try again.");
        return;
    }
    sc_help *h = rounds_add_help(c->session, id, p->room, p, text, now, 0);
    if (!h) { reply_error(c, r, ERR_INTERNAL, "Out of memory; try again."); return; }
    reply(c, r, json_pack("{s:s, s:s}", "type", "ok", "help", h->id));
    json_t *m = json_pack("{s:s, s:o}", "type", "help_requested", "help", view_help(h));
    send_to_facilitator(c->session, m);
    json_decref(m);
}

void h_help_ack(conn *c, proto_request *r, int64_t now)
{
    char why[200];
    const char *id;
    if (proto_get_string(r->root, "help", 1, &id, NULL, why, sizeof why) < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    sc_help *h = rounds_find_help(c->session, id);
    if (!h) { reply_error(c, r, ERR_NOT_FOUND, "No help request with that id in this session."); return; }
    if (h->acked_ms) { reply_ok(c, r); return; }
    h->acked_ms = now;
    if (store_ack_help(app->store, h) != 0) {
        h->acked_ms = 0;
        reply_error(c, r, ERR_INTERNAL, "Could not save the acknowledgement; try again.");
        return;
    }
    reply_ok(c, r);
    json_t *m = json_pack("{s:s, s:o}", "type", "help_acked", "help", view_help(h));
    send_to_facilitator(c->session, m);
    json_decref(m);
    m = json_pack("{s:s, s:s}", "type", "help_acknowledged", "help", h->id);
    send_and_free(h->p, m);
}

int rounds_leave_save(sc_participant *p, int64_t now, rounds_seat_change *c)
{
    rounds_plan_vacate(p, now, c);
    return store_save_seat_change(app->store, p, c);
}

void rounds_leave_apply(sc_participant *p, const rounds_seat_change *c, int64_t now)
{
    rounds_apply_seat_change(p, c);
    if (c->from) rounds_announce(c->from, now, 1);
}
