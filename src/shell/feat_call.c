/* feat_call — every open room is a call: call_join, call_signal (offer/answer/ICE relayed to one
 * named peer), call_state (muted, camera, speaking), call_leave, call_ice (fresh TURN
 * credentials) and room chat (call_chat). Media never touches the server: it relays signalling
 * between peers of the same call of an open room, authorized at that moment (core call.c), and
 * stores none of it. Call presence lives in memory; after a restart clients join again. Room chat
 * is saved before it is announced and deleted when the room closes. */
#include "app.h"
#include "metrics.h"
#include "call.h"
#include "call_signal.h"
#include "ice.h"
#include "registry.h"
#include "reply.h"
#include "store_chat.h"
#include "text.h"
#include "token.h"
#include <libwebsockets.h>
#include <string.h>

#define SIGNALS_PER_WINDOW 120     /* a mesh of five trickles ~15 candidates each way, plus offers */
#define SIGNAL_WINDOW_MS 10000
#define CHAT_PER_WINDOW 10
#define CHAT_WINDOW_MS 10000
#define CHAT_MAX_CHARS 500
#define CHAT_MAX_PER_ROOM 500

/* ---- views and sending ------------------------------------------------------------------ */

static json_t *view_peer(const sc_room *room, const call_peer *peer)
{
    return json_pack("{s:s, s:o, s:s, s:s, s:b, s:b, s:b, s:b}", "peer", peer->id,
                     "participant", peer->p ? json_string(peer->p->id) : json_null(),
                     "name", peer->p ? peer->p->name : "Facilitator", "role", call_role_name(room, peer),
                     "facilitator", peer->p == NULL, "muted", peer->muted, "camera", peer->camera, "speaking", peer->speaking);
}

static void send_to_peer(const call_peer *peer, json_t *m) { conn_send((conn *)peer->conn, m); }

/* Sends m to every peer of the room's call but `except`; drops m. */
static void send_to_call(sc_room *room, const call_peer *except, json_t *m)
{
    for (size_t i = 0; i < call_count(room); i++) {
        call_peer *peer = call_peer_at(room, i);
        if (peer != except) send_to_peer(peer, m);
    }
    json_decref(m);
}

static void announce_peer(sc_room *room, const call_peer *peer, const char *type)
{
    send_to_call(room, peer, json_pack("{s:s, s:s, s:o}", "type", type, "room", room->id, "peer", view_peer(room, peer)));
}

/* Takes peer out of the call: it hears `reason` (unless NULL), the others hear it left. */
static void end_peer(sc_room *room, call_peer *peer, const char *reason)
{
    conn *pc = (conn *)peer->conn;
    char id[CALL_PEER_ID_LEN + 1];
    memcpy(id, peer->id, sizeof id);
    if (reason) {
        json_t *m = json_pack("{s:s, s:s, s:s}", "type", "call_ended", "room", room->id, "reason", reason);
        conn_send(pc, m);
        json_decref(m);
    }
    pc->call_room = NULL;
    pc->call_peer[0] = '\0';
    call_remove(room, peer);
    send_to_call(room, NULL, json_pack("{s:s, s:s, s:s}", "type", "call_peer_left", "room", room->id, "peer", id));
}

static json_t *ice_for(conn *c, int64_t now)
{
    char who[SC_ID_LEN + 3];
    if (c->participant) snprintf(who, sizeof who, "%s", c->participant->id);
    else snprintf(who, sizeof who, "f-%s", c->session->id);
    return ice_view(app->cfg, who, now);
}

static proto_error call_error(call_status st)
{
    switch (st) {
    case CALL_ERR_NOT_MEMBER: return ERR_FORBIDDEN;
    case CALL_ERR_NO_PEER: return ERR_NOT_FOUND;
    case CALL_ERR_NOMEM: return ERR_INTERNAL;
    default: return ERR_CONFLICT;
    }
}

/* ---- call_join ---------------------------------------------------------------------------- */

/* The room a call_join names: a participant's own room (naming another is forbidden, a room
 * not in the session not_found); the facilitator must name an open room of their session. */
static sc_room *room_to_join(conn *c, proto_request *r)
{
    const char *room_id = NULL;
    if (req_string(c, r, "room", c->actor == ACTOR_FACILITATOR, &room_id, NULL) < 0) return NULL;
    sc_room *named = room_id ? rounds_find_room(c->session, room_id) : NULL;
    if (room_id && !named) {
        reply_error(c, r, ERR_NOT_FOUND, "No room with that id in this session's current round.");
        return NULL;
    }
    if (c->actor == ACTOR_FACILITATOR) return named;
    sc_room *mine = c->participant->room;
    if (!mine) reply_error(c, r, ERR_CONFLICT, "You are not in a room now; the call starts when you are placed in one.");
    else if (named && named != mine) { reply_error(c, r, ERR_FORBIDDEN, "%s", call_status_message(CALL_ERR_NOT_MEMBER)); return NULL; }
    return mine;
}

static void h_call_join(conn *c, proto_request *r, int64_t now)
{
    int muted = 0, camera = 1;
    if (req_bool(c, r, "muted", &muted) < 0 || req_bool(c, r, "camera", &camera) < 0) return;
    sc_room *room = room_to_join(c, r);
    if (!room) return;
    if (c->call_room) { reply_error(c, r, ERR_CONFLICT, "This window is already in a call; leave it first."); return; }
    call_status st = call_may_join(room, c->participant, c->session->call_link[0] != '\0');
    if (st != CALL_OK) { reply_error(c, r, call_error(st), "%s", call_status_message(st)); return; }
    call_peer *earlier = c->participant ? call_find_participant(room, c->participant) : NULL;
    if (earlier) end_peer(room, earlier, "elsewhere");   /* the same person from another window */
    char id[CALL_PEER_ID_LEN + 1];
    token_new_uuid(id);
    call_peer *me = call_add(room, id, c->participant, c, muted, camera, now);
    if (!me) { reply_error(c, r, ERR_INTERNAL, "%s", call_status_message(CALL_ERR_NOMEM)); return; }
    c->call_room = room;
    memcpy(c->call_peer, id, sizeof id);
    json_t *others = json_array();
    for (size_t i = 0; i < call_count(room); i++)
        if (call_peer_at(room, i) != me) json_array_append_new(others, view_peer(room, call_peer_at(room, i)));
    reply(c, r, json_pack("{s:s, s:s, s:s, s:o, s:o}", "type", "call_joined", "room", room->id, "peer", id, "peers", others,
                          "ice", ice_for(c, now)));
    announce_peer(room, me, "call_peer_joined");
}

/* ---- call_signal, call_state, call_leave, call_ice ------------------------------------------- */

static void h_call_signal(conn *c, proto_request *r, int64_t now)
{
    const char *to;
    if (req_string(c, r, "to", 1, &to, NULL) < 0) return;
    int64_t wait = ratelimit_take(&c->signal_window, SIGNALS_PER_WINDOW, SIGNAL_WINDOW_MS, now);
    if (wait) { reply_rate_limited(c, r, wait, "Too many call signals; slow down for a moment."); return; }
    json_t *signal = json_object_get(r->root, "signal");
    char why[200];
    proto_error e = call_signal_check(signal, why, sizeof why);
    if (e != ERR_COUNT) { reply_error(c, r, e, "%s", why); return; }
    call_peer *from, *peer;
    call_status st = call_may_signal(c->call_room, c, to, &from, &peer);
    if (st != CALL_OK) { reply_error(c, r, call_error(st), "%s", call_status_message(st)); return; }
    json_t *m = json_pack("{s:s, s:s, s:s, s:O}", "type", "call_signal", "room", c->call_room->id, "from", from->id, "signal", signal);
    send_to_peer(peer, m);
    json_decref(m);
    metrics_inc(MC_SIGNALS_RELAYED);
    reply_ok(c, r);
}

static void h_call_state(conn *c, proto_request *r, int64_t now)
{
    int muted = -1, camera = -1, speaking = -1;
    if (req_bool(c, r, "muted", &muted) < 0 || req_bool(c, r, "camera", &camera) < 0 || req_bool(c, r, "speaking", &speaking) < 0)
        return;
    if (muted < 0 && camera < 0 && speaking < 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "Give at least one of \"muted\", \"camera\" or \"speaking\".");
        return;
    }
    call_peer *me = c->call_room ? call_find_by_conn(c->call_room, c) : NULL;
    if (!me) { reply_error(c, r, ERR_CONFLICT, "%s", call_status_message(CALL_ERR_NOT_IN_CALL)); return; }
    call_set_state(c->call_room, me, muted, camera, speaking);
    reply_ok(c, r);
    announce_peer(c->call_room, me, "call_peer");
}

static void h_call_leave(conn *c, proto_request *r, int64_t now)
{
    call_peer *me = c->call_room ? call_find_by_conn(c->call_room, c) : NULL;
    if (!me) { reply_error(c, r, ERR_CONFLICT, "%s", call_status_message(CALL_ERR_NOT_IN_CALL)); return; }
    end_peer(c->call_room, me, NULL);
    reply_ok(c, r);
}

static void h_call_ice(conn *c, proto_request *r, int64_t now)
{
    reply(c, r, json_pack("{s:s, s:o}", "type", "call_ice", "ice", ice_for(c, now)));
}

/* ---- room chat ------------------------------------------------------------------------------ */

static json_t *view_chat(const chat_row *row)
{
    return json_pack("{s:s, s:{s:s, s:s, s:b}, s:s, s:I}", "id", row->id, "from", "id", row->author_id, "name", row->author_name,
                     "facilitator", row->facilitator, "text", row->text, "at", (json_int_t)row->at_ms);
}

/* Present members of the room and facilitators in its call. */
static void send_to_room(sc_room *room, json_t *m)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (!room->members[i].gone_ms) send_to_participant(room->members[i].p, m);
    for (size_t i = 0; i < call_count(room); i++)
        if (!call_peer_at(room, i)->p) send_to_peer(call_peer_at(room, i), m);
    json_decref(m);
}

static int read_chat_text(conn *c, proto_request *r, const char **text, size_t *len)
{
    if (req_string(c, r, "text", 1, text, len) < 0) return -1;
    text_status ts = *len > CHAT_MAX_CHARS * 4 ? TEXT_TOO_LONG : text_check_message(*text, *len, CHAT_MAX_CHARS);
    if (ts == TEXT_OK) return 0;
    char msg[200];
    reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                text_status_message(ts, "chat message", CHAT_MAX_CHARS, msg, sizeof msg));
    return -1;
}

static void h_call_chat(conn *c, proto_request *r, int64_t now)
{
    const char *text;
    size_t len;
    if (read_chat_text(c, r, &text, &len) < 0) return;
    sc_room *room = c->participant ? c->participant->room : c->call_room;
    if (!room || room->clock.phase == PHASE_CLOSED) {
        reply_error(c, r, ERR_CONFLICT, "%s", c->participant ? "You are not in an open room." : "Join a room's call to chat in it.");
        return;
    }
    int64_t wait = ratelimit_take(&c->chat_window, CHAT_PER_WINDOW, CHAT_WINDOW_MS, now);
    if (wait) { reply_rate_limited(c, r, wait, "You are chatting fast; wait a moment and send again."); return; }
    if (store_chat_count(app->store, room) >= CHAT_MAX_PER_ROOM) {
        reply_error(c, r, ERR_CONFLICT, "This room's chat is full (%d messages).", CHAT_MAX_PER_ROOM);
        return;
    }
    char id[SC_ID_LEN + 1];
    token_new_uuid(id);
    sc_participant *p = c->participant;
    chat_row row = { id, p ? p->id : c->session->id, p ? p->name : "Facilitator", text, p == NULL, now };
    if (store_chat_insert(app->store, room, id, p ? p->pid : 0, row.author_id, row.author_name, row.facilitator, text, now) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not send your message; it is still in the box, try again.");
        return;
    }
    reply(c, r, json_pack("{s:s, s:s}", "type", "ok", "message", id));
    send_to_room(room, json_pack("{s:s, s:s, s:o}", "type", "call_chat", "room", room->id, "message", view_chat(&row)));
}

static void append_chat(const chat_row *row, void *ctx) { json_array_append_new(ctx, view_chat(row)); }

/* ---- hooks ---------------------------------------------------------------------------------- */

static void call_send_state(conn *c, int64_t now)
{
    sc_room *room = c->participant ? c->participant->room : NULL;
    if (!room || room->clock.phase == PHASE_CLOSED) return;
    json_t *list = json_array();
    store_chat_each(app->store, room, append_chat, list);
    json_t *m = json_pack("{s:s, s:s, s:o}", "type", "call_chat_history", "room", room->id, "messages", list);
    conn_send(c, m);
    json_decref(m);
}

static void call_on_close(conn *c, int64_t now)
{
    call_peer *me = c->call_room ? call_find_by_conn(c->call_room, c) : NULL;
    if (me) end_peer(c->call_room, me, NULL);
}

static void end_call(sc_room *room, const char *reason)
{
    while (call_count(room)) end_peer(room, call_peer_at(room, call_count(room) - 1), reason);
}

static void call_on_room_event(room_event ev, sc_room *room, sc_participant *p, int64_t now)
{
    if (ev == ROOM_CLOSED) {
        end_call(room, "room_closed");
        if (store_chat_delete_room(app->store, room) != 0)
            lwsl_warn("room chat of room %s not deleted: %s\n", room->id, store_last_error(app->store));
    } else if (ev == ROOM_CALL_LINK_SET) {
        if (room->session->call_link[0]) end_call(room, "external");
    } else {
        call_peer *peer = call_find_participant(room, p);
        if (peer) end_peer(room, peer, ev == ROOM_MEMBER_MOVED ? "moved" : "left");
    }
}

static const route routes[] = {
    { "call_join", ACTION_CALL, FIELDS("room", "muted", "camera"), h_call_join },
    { "call_signal", ACTION_CALL, FIELDS("to", "signal"), h_call_signal },
    { "call_state", ACTION_CALL, FIELDS("muted", "camera", "speaking"), h_call_state },
    { "call_leave", ACTION_CALL, NO_FIELDS, h_call_leave },
    { "call_ice", ACTION_CALL, NO_FIELDS, h_call_ice },
    { "call_chat", ACTION_CALL, FIELDS("text"), h_call_chat },
};

const feature feat_call = {
    .name = "call", ROUTES(routes), .send_state = call_send_state, .on_close = call_on_close,
    .on_room_event = call_on_room_event,
};
