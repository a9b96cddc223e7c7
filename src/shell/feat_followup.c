/* feat_followup — the way back: followup_send, followup_ack, followup_read, followup_delete and
 * inbox; and for a welcomed participant "Your rooms", the unread count and every follow-up not
 * yet delivered. Texts live in the store; every reply that confirms a follow-up is sent after its
 * row is committed; delivery is pushed to every open connection of the recipient and repeated on
 * their next hello until their client acknowledges it. */
#include "app.h"
#include "registry.h"
#include "followup.h"
#include "hints_view.h"
#include "reply.h"
#include "store_feedback.h"
#include "store_followup.h"
#include "text.h"
#include "token.h"
#include <string.h>

static sc_participant *by_pid(const sc_session *s, int64_t pid)
{
    for (size_t i = 0; i < s->n_people; i++)
        if (s->people[i]->pid == pid) return s->people[i];
    return NULL;
}

static void receipt(sc_participant *sender, const char *id, const char *status, int64_t at)
{
    if (!sender || !sender->shell_conns) return;
    json_t *m = json_pack("{s:s, s:s, s:s, s:I}", "type", "followup_receipt", "followup", id, "status", status, "at", (json_int_t)at);
    send_to_participant(sender, m);
    json_decref(m);
}

/* Pushes one follow-up to its recipient's open connections. It counts as delivered only when
 * their client acknowledges it (followup_ack or followup_read); until then every hello pushes it
 * again, so a connection that died unnoticed loses nothing. */
static void deliver(const sc_session *s, json_t *f, sc_participant *to, int64_t now)
{
    (void)s;
    (void)now;
    if (!to->shell_conns) return;
    json_t *m = json_pack("{s:s, s:O}", "type", "followup", "followup", f);
    send_to_participant(to, m);
    json_decref(m);
}

static void h_followup_ack(conn *c, proto_request *r, int64_t now)
{
    json_t *ids = json_object_get(r->root, "followups");
    if (!json_is_array(ids) || json_array_size(ids) < 1 || json_array_size(ids) > FOLLOWUP_PAGE_MAX) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"followups\" must be a list of 1 to %d message ids.", FOLLOWUP_PAGE_MAX);
        return;
    }
    size_t i;
    json_t *v;
    json_array_foreach(ids, i, v) {
        if (!json_is_string(v)) {
            reply_error(c, r, ERR_BAD_REQUEST, "\"followups\" must hold message ids (strings).");
            return;
        }
    }
    json_array_foreach(ids, i, v) {
        const char *id = json_string_value(v);
        int64_t sender, recipient, read_ms, withdrawn_ms;
        if (store_followup_parties(app->store, c->session, id, &sender, &recipient, &read_ms, &withdrawn_ms) != 0 ||
            recipient != c->participant->pid)
            continue;   /* not theirs: acknowledging it changes nothing */
        json_t *f = store_followup_json(app->store, id, c->participant);
        int fresh = f && !strcmp(json_string_value(json_object_get(f, "status")), "sent");
        json_decref(f);
        if (fresh && store_followup_mark(app->store, id, "delivered_ms", now) == 0) receipt(by_pid(c->session, sender), id, "delivered", now);
    }
    reply_ok(c, r);
}

static void refuse_unsoftened(conn *c, proto_request *r)
{
    reply_needs_softening(c, r, "This message has hints on phrasing that may land hard; look at them, then revise it or send it as written.");
}

static void h_followup_send(conn *c, proto_request *r, int64_t now)
{
    const char *to_id = NULL, *room_id = NULL, *text, *client_id, *draft_room = NULL, *draft_key = NULL;
    size_t len, cid_len;
    int ack = 0;
    if (req_string(c, r, "to", 0, &to_id, NULL) < 0 || req_string(c, r, "room", 0, &room_id, NULL) < 0 ||
        req_string(c, r, "text", 1, &text, &len) < 0 || req_string(c, r, "client_id", 1, &client_id, &cid_len) < 0 ||
        req_string(c, r, "draft_room", 0, &draft_room, NULL) < 0 || req_string(c, r, "draft_key", 0, &draft_key, NULL) < 0 ||
        req_bool(c, r, "acknowledge_hints", &ack) < 0)
        return;
    if (!to_id == !room_id) {
        reply_error(c, r, ERR_BAD_REQUEST, "Give exactly one of \"to\" (a person) or \"room\" (everyone in a room you shared).");
        return;
    }
    if (!followup_valid_client_id(client_id, cid_len)) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"client_id\" must be 1 to %d characters of letters, digits, '-' and '_'.", FOLLOWUP_CLIENT_ID_MAX);
        return;
    }
    text_status ts = len > FOLLOWUP_MAX_BYTES ? TEXT_TOO_LONG : text_check_message(text, len, FOLLOWUP_MAX_CHARS);
    if (ts != TEXT_OK) {
        char msg[200];
        reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                    text_status_message(ts, "message", FOLLOWUP_MAX_CHARS, msg, sizeof msg));
        return;
    }
    sc_participant *p = c->participant;
    sc_session *s = c->session;
    /* A resend after a reconnect: acknowledge what was stored the first time, store nothing. */
    json_t *earlier = store_followups_by_client_id(app->store, p, client_id);
    if (json_array_size(earlier)) {
        reply(c, r, json_pack("{s:s, s:o, s:b}", "type", "followup_sent", "followups", earlier, "duplicate", 1));
        return;
    }
    json_decref(earlier);
    sc_participant *recipients[64];
    size_t n_to = 0;
    sc_room *room = NULL;
    if (to_id) {
        sc_participant *to = world_find_participant(&app->world, s, to_id);
        followup_status st = followup_may_write(p, to);
        if (st != FOLLOWUP_OK) {
            reply_error(c, r, st == FOLLOWUP_ERR_SELF ? ERR_BAD_REQUEST : ERR_FORBIDDEN, "%s", followup_status_message(st));
            return;
        }
        recipients[n_to++] = to;
    } else {
        room = followup_find_my_room(p, room_id);
        if (followup_may_write_room(p, room) != FOLLOWUP_OK) {
            reply_error(c, r, ERR_FORBIDDEN, "%s", followup_status_message(FOLLOWUP_ERR_NOT_MEMBER));
            return;
        }
        for (size_t i = 0; i < room->n_members && n_to < 64; i++) {
            sc_participant *m = room->members[i].p;
            int seen = 0;
            for (size_t k = 0; k < n_to; k++) seen |= recipients[k] == m;
            if (m != p && !m->deleted_ms && !m->left_ms && !seen) recipients[n_to++] = m;
        }
        if (!n_to) { reply_error(c, r, ERR_CONFLICT, "Nobody else from that room can receive messages."); return; }
    }
    if (hints_count(text, len) && !ack) { refuse_unsoftened(c, r); return; }
    int64_t wait = followup_rate_take(p, now);
    if (wait) {
        reply_rate_limited(c, r, wait, "You have sent many messages in the last minute; wait a moment and send again.");
        return;
    }
    char ids[64][SC_ID_LEN + 1];
    int ok = store_begin(app->store) == 0;
    for (size_t i = 0; ok && i < n_to; i++) {
        token_new_uuid(ids[i]);
        ok = store_insert_followup(app->store, s, ids[i], p, recipients[i], room, client_id, text, now) == 0;
    }
    if (ok && draft_key) {
        sc_room *dr = draft_room ? followup_find_my_room(p, draft_room) : NULL;
        if (dr) store_delete_draft(app->store, p->pid, dr->id, draft_key);
    }
    if (store_end(app->store, ok) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not send your message; it is still in the box, try again.");
        return;
    }
    json_t *mine = json_array();
    for (size_t i = 0; i < n_to; i++) {
        json_t *f = store_followup_json(app->store, ids[i], p);
        if (f) json_array_append_new(mine, f);
    }
    reply(c, r, json_pack("{s:s, s:o}", "type", "followup_sent", "followups", mine));
    for (size_t i = 0; i < n_to; i++) {
        json_t *f = store_followup_json(app->store, ids[i], recipients[i]);
        if (f) { deliver(s, f, recipients[i], now); json_decref(f); }
    }
    /* the sender's other devices see the message too */
    for (conn *o = p->shell_conns; o; o = o->peer_next)
        if (o != c)
            for (size_t i = 0; i < n_to; i++) {
                json_t *f = store_followup_json(app->store, ids[i], p);
                json_t *m = json_pack("{s:s, s:o}", "type", "followup", "followup", f);
                conn_send(o, m);
                json_decref(m);
            }
}

static int get_followup(conn *c, proto_request *r, const char **id, int64_t *sender, int64_t *recipient,
                        int64_t *read_ms, int64_t *withdrawn_ms)
{
    if (req_string(c, r, "followup", 1, id, NULL) < 0) return -1;
    if (store_followup_parties(app->store, c->session, *id, sender, recipient, read_ms, withdrawn_ms) != 0 ||
        (*sender != c->participant->pid && *recipient != c->participant->pid)) {
        reply_error(c, r, ERR_NOT_FOUND, "No message with that id for you.");
        return -1;
    }
    return 0;
}

static void h_followup_read(conn *c, proto_request *r, int64_t now)
{
    const char *id;
    int64_t sender, recipient, read_ms, withdrawn_ms;
    if (get_followup(c, r, &id, &sender, &recipient, &read_ms, &withdrawn_ms) < 0) return;
    if (recipient != c->participant->pid) { reply_error(c, r, ERR_FORBIDDEN, "Only the recipient marks a message as read."); return; }
    if (read_ms) { reply_ok(c, r); return; }
    int64_t delivered_before = 1;
    {
        json_t *f = store_followup_json(app->store, id, c->participant);
        delivered_before = f && strcmp(json_string_value(json_object_get(f, "status")), "sent");
        json_decref(f);
    }
    if (store_followup_mark(app->store, id, "read_ms", now) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not record that; try again.");
        return;
    }
    reply_ok(c, r);
    if (!delivered_before) receipt(by_pid(c->session, sender), id, "delivered", now);
    receipt(by_pid(c->session, sender), id, "read", now);
}

static void h_followup_delete(conn *c, proto_request *r, int64_t now)
{
    const char *id;
    int64_t sender, recipient, read_ms, withdrawn_ms;
    if (get_followup(c, r, &id, &sender, &recipient, &read_ms, &withdrawn_ms) < 0) return;
    if (sender != c->participant->pid) { reply_error(c, r, ERR_FORBIDDEN, "Only the sender can delete a message."); return; }
    if (!withdrawn_ms && store_followup_withdraw(app->store, id, now) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not delete it; try again.");
        return;
    }
    reply_ok(c, r);
    sc_participant *to = by_pid(c->session, recipient);
    if (to) {
        json_t *m = json_pack("{s:s, s:s}", "type", "followup_withdrawn", "followup", id);
        send_to_participant(to, m);
        json_decref(m);
    }
}

static void h_inbox(conn *c, proto_request *r, int64_t now)
{
    json_int_t before = 0, limit = FOLLOWUP_PAGE_DEFAULT;
    if (req_int(c, r, "before", 0, 0, INT64_MAX, &before) < 0 || req_int(c, r, "limit", 0, 1, FOLLOWUP_PAGE_MAX, &limit) < 0)
        return;
    int more = 0;
    json_t *page = store_followup_page(app->store, c->participant, before, (int)limit, &more);
    reply(c, r, json_pack("{s:s, s:o, s:b, s:i}", "type", "inbox", "followups", page, "more", more,
                          "unread", store_followup_unread(app->store, c->participant)));
}

/* "Your rooms": every room this person was in, newest first, with everyone who was in it. */
static json_t *my_rooms(const sc_participant *p)
{
    json_t *a = json_array();
    sc_room *const *rooms;
    size_t n = rounds_history(p, &rooms);
    for (size_t i = n; i-- > 0;) {
        const sc_room *room = rooms[i];
        json_t *members = json_array();
        for (size_t k = 0; k < room->n_members; k++) {
            const sc_participant *m = room->members[k].p;
            int dup = 0;
            for (size_t x = 0; x < k; x++) dup |= room->members[x].p == m;
            if (m != p && !dup)
                json_array_append_new(members, json_pack("{s:s, s:s, s:b}", "id", m->id, "name", m->name, "reachable", !m->deleted_ms));
        }
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:I, s:s, s:o}", "id", room->id, "number", (json_int_t)room->number,
                                           "round", (json_int_t)room->round->number, "launched_at", (json_int_t)room->round->launched_ms,
                                           "phase", timeline_phase_name(room->clock.phase), "members", members));
    }
    return a;
}

static void followup_send_state(conn *c, int64_t now)
{
    sc_participant *p = c->participant;
    if (!p) return;
    sc_session *s = c->session;
    json_t *m = json_pack("{s:s, s:o, s:i, s:I, s:I}", "type", "my_rooms", "rooms", my_rooms(p),
                          "unread", store_followup_unread(app->store, p), "retention_days", (json_int_t)s->retention_days,
                          "session_ended_at", (json_int_t)s->ended_ms);
    conn_send(c, m);
    json_decref(m);
    json_t *pending = store_followups_undelivered(app->store, p);
    size_t i;
    json_t *f;
    json_array_foreach(pending, i, f) deliver(s, f, p, now);
    json_decref(pending);
}

static const route routes[] = {
    { "followup_send", ACTION_FOLLOWUP, FIELDS("to", "room", "text", "client_id", "acknowledge_hints", "draft_room", "draft_key"),
      h_followup_send },
    { "followup_read", ACTION_FOLLOWUP, FIELDS("followup"), h_followup_read },
    { "followup_ack", ACTION_FOLLOWUP, FIELDS("followups"), h_followup_ack },
    { "followup_delete", ACTION_FOLLOWUP, FIELDS("followup"), h_followup_delete },
    { "inbox", ACTION_FOLLOWUP, FIELDS("before", "limit"), h_inbox },
};

const feature feat_followup = { .name = "followup", ROUTES(routes), .send_state = followup_send_state };
