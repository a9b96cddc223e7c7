/* feat_rounds — the round and room messages after the launch: pause, resume, extend and
 * end_round (one room or all), broadcast, move, help and help_ack; and what a welcomed person
 * sees of rounds (their room, phase and broadcasts, or the lobby; the facilitator's overview and
 * open help requests). Each handler validates, changes the core on a copy or with an undo,
 * commits to the store, and only then announces. */
#include "app.h"
#include "registry.h"
#include "presence.h"
#include "reply.h"
#include "room_announce.h"
#include "room_clock.h"
#include "rounds_view.h"
#include "store_rounds.h"
#include "text.h"
#include "token.h"
#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>

#define BROADCAST_HISTORY 50

static void send_broadcast_item(const char *text, int64_t at_ms, void *ctx)
{
    conn *c = ctx;
    json_t *m = json_pack("{s:s, s:s, s:I, s:b}", "type", "broadcast", "text", text, "at", (json_int_t)at_ms, "replay", 1);
    if (c->participant && c->participant->room) json_object_set_new(m, "room", json_string(c->participant->room->id));
    conn_send(c, m);
    json_decref(m);
}

static void rounds_send_state(conn *c, int64_t now)
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
    const char *room_id = NULL;
    if (req_string(c, r, "room", 0, &room_id, NULL) < 0) return;
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
    int ok = store_begin(app->store) == 0 && store_save_clocks(app->store, changed, n_changed) == 0;
    if (store_end(app->store, ok) != 0) {
        for (size_t i = 0; i < n_changed; i++) changed[i]->clock = before[i];
        reply_error(c, r, ERR_INTERNAL, "Could not save the change; nothing was changed. Try again.");
        goto out;
    }
    for (size_t i = 0; i < n_changed; i++) rounds_clock_changed(&app->world, changed[i]);
    if (n_changed == 1) announce_room(changed[0], now, 0);
    else announce_rooms_many(changed, n_changed, now);
    reply(c, r, json_pack("{s:s, s:I}", "type", "ok", "rooms_changed", (json_int_t)n_changed));
    room_clock_reschedule(now);
out:
    free(before);
    free(changed);
}

static void h_pause(conn *c, proto_request *r, int64_t now) { apply_clock_op(c, r, now, op_pause, 0); }
static void h_resume(conn *c, proto_request *r, int64_t now) { apply_clock_op(c, r, now, op_resume, 0); }
static void h_end_round(conn *c, proto_request *r, int64_t now) { apply_clock_op(c, r, now, op_end, 0); }

static void h_extend(conn *c, proto_request *r, int64_t now)
{
    json_int_t seconds;
    if (req_int(c, r, "seconds", 1, 1, 3600, &seconds) < 0) return;
    apply_clock_op(c, r, now, op_extend, seconds);
}

/* ---- broadcast, move, help ------------------------------------------------------------ */

static void h_broadcast(conn *c, proto_request *r, int64_t now)
{
    const char *text, *room_id = NULL;
    size_t len;
    if (req_string(c, r, "text", 1, &text, &len) < 0 || req_string(c, r, "room", 0, &room_id, NULL) < 0) return;
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
    if (store_end(app->store, ok) != 0) {
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

static void h_move(conn *c, proto_request *r, int64_t now)
{
    const char *pid_s, *room_id;
    if (req_string(c, r, "participant", 1, &pid_s, NULL) < 0 || req_string(c, r, "room", 1, &room_id, NULL) < 0) return;
    sc_session *s = c->session;
    sc_participant *p = world_find_participant(&app->world, s, pid_s);
    if (!p || p->left_ms) { reply_error(c, r, ERR_NOT_FOUND, "No participant with that id is in this session."); return; }
    sc_room *to = rounds_find_room(s, room_id);
    if (!to) { reply_error(c, r, ERR_NOT_FOUND, "No room with that id in this session's current round."); return; }
    rounds_seat_change change;
    int rc = rounds_plan_move(p, to, now, &change);
    if (rc) { reply_error(c, r, rc == ROUNDS_ERR_NOMEM ? ERR_INTERNAL : ERR_CONFLICT, "%s", rounds_error_message(rc)); return; }
    if (store_end(app->store, store_begin(app->store) == 0 && store_save_seat_change(app->store, p, &change) == 0) != 0) {
        lwsl_err("move not saved: %s\n", store_last_error(app->store));
        reply_error(c, r, ERR_INTERNAL, "Could not save the move; nobody was moved. Try again.");
        return;
    }
    rounds_apply_seat_change(p, &change);
    reply_ok(c, r);
    if (change.from) announce_room(change.from, now, 1);
    announce_room(to, now, 1);
    if (change.from) registry_room_event(ROOM_MEMBER_MOVED, change.from, p, now);
    /* only the moved person's line of the facilitator's roster changed */
    json_t *u = json_pack("{s:s, s:o, s:I}", "type", "roster_update", "participant", json_roster_entry(p, 1),
                          "count", (json_int_t)s->n_present);
    send_to_facilitator(s, u);
    json_decref(u);
}

static void h_help(conn *c, proto_request *r, int64_t now)
{
    const char *text = "";
    size_t len = 0;
    if (req_string(c, r, "text", 0, &text, &len) < 0) return;
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

static void h_help_ack(conn *c, proto_request *r, int64_t now)
{
    const char *id;
    if (req_string(c, r, "help", 1, &id, NULL) < 0) return;
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

static const route routes[] = {
    { "pause", ACTION_FACILITATE, FIELDS("room"), h_pause },
    { "resume", ACTION_FACILITATE, FIELDS("room"), h_resume },
    { "extend", ACTION_FACILITATE, FIELDS("seconds", "room"), h_extend },
    { "end_round", ACTION_FACILITATE, FIELDS("room"), h_end_round },
    { "broadcast", ACTION_FACILITATE, FIELDS("text", "room"), h_broadcast },
    { "move", ACTION_FACILITATE, FIELDS("participant", "room"), h_move },
    { "help_ack", ACTION_FACILITATE, FIELDS("help"), h_help_ack },
    { "help", ACTION_HELP, FIELDS("text"), h_help },
};

static void rounds_stop(void) { room_clock_stop(); }

const feature feat_rounds = {
    .name = "rounds", ROUTES(routes), .send_state = rounds_send_state,
    .start = room_clock_start, .stop = rounds_stop,
};
