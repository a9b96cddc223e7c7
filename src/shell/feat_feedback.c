/* feat_feedback — the feedback messages: feedback_check (hints while typing), feedback_draft
 * (drafts saved as people type; also the "still typing" signal for the soft close),
 * feedback_send, feedback_amend (amend, appreciation, replace) and feedback_list; and, for a
 * welcomed participant, their feedback in the current room and their unsent drafts. */
#include "app.h"
#include "feedback.h"
#include "registry.h"
#include "followup.h"
#include "hints_view.h"
#include "reply.h"
#include "room_announce.h"
#include "store_feedback.h"
#include "text.h"
#include "token.h"
#include <string.h>

/* Reads and checks a feedback text field; on failure replies and returns -1. */
static int get_text(conn *c, proto_request *r, const char *field, int allow_empty, const char **text, size_t *len)
{
    if (req_string(c, r, field, 1, text, len) < 0) return -1;
    if (*len == 0 && allow_empty) return 0;
    text_status ts = *len > FEEDBACK_MAX_BYTES ? TEXT_TOO_LONG : text_check_message(*text, *len, FEEDBACK_MAX_CHARS);
    if (ts != TEXT_OK) {
        char msg[200];
        reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                    text_status_message(ts, "feedback", FEEDBACK_MAX_CHARS, msg, sizeof msg));
        return -1;
    }
    return 0;
}

static void h_feedback_check(conn *c, proto_request *r, int64_t now)
{
    const char *text;
    size_t len;
    if (get_text(c, r, "text", 1, &text, &len) < 0) return;
    const soften_result *res;
    soften_status sst = hints_check(text, len, &res);
    if (sst != SOFTEN_OK) {
        reply_error(c, r, sst == SOFTEN_TOO_LARGE ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s", soften_status_message(sst));
        return;
    }
    reply(c, r, json_pack("{s:s, s:o, s:s, s:o, s:I}", "type", "feedback_hints", "flags", view_hint_flags(res),
                          "verdict", res->verdict == SOFTEN_VERDICT_KIND ? "kind" : "could_soften",
                          "markers", view_hint_markers(res), "chars", (json_int_t)res->n_chars));
}

static int valid_key(const char *k, size_t len)
{
    if (len < 1 || len > FEEDBACK_DRAFT_KEY_MAX) return 0;
    for (size_t i = 0; i < len; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || strchr(":_-.", k[i]))) return 0;
    return 1;
}

/* A room this participant is or was in, by id (drafts outlive rooms: follow-ups use them). */
static sc_room *room_of(const sc_participant *p, const char *id)
{
    return followup_find_my_room(p, id);
}

static void h_feedback_draft(conn *c, proto_request *r, int64_t now)
{
    const char *room_id = NULL, *key, *text;
    size_t key_len, len;
    if (req_string(c, r, "room", 0, &room_id, NULL) < 0 || req_string(c, r, "key", 1, &key, &key_len) < 0) return;
    if (!valid_key(key, key_len)) {
        reply_error(c, r, ERR_BAD_REQUEST, "The draft \"key\" must be 1 to %d characters of a-z, 0-9, ':', '_', '-', '.'.", FEEDBACK_DRAFT_KEY_MAX);
        return;
    }
    if (get_text(c, r, "text", 1, &text, &len) < 0) return;
    sc_participant *p = c->participant;
    sc_room *room = room_id ? room_of(p, room_id) : p->room;
    if (!room) {
        reply_error(c, r, room_id ? ERR_NOT_FOUND : ERR_CONFLICT, "%s",
                    room_id ? "You were never in a room with that id." : "You are not in a room; name the room the draft belongs to.");
        return;
    }
    size_t flags = len ? hints_count(text, len) : 0, max_flags = 0;
    if (store_save_draft(app->store, p->pid, room->id, key, text, flags, now, &max_flags) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not save your draft; keep the text and try again.");
        return;
    }
    if (len && room == p->room) feedback_note_typing(room, p, now);
    reply(c, r, json_pack("{s:s, s:s, s:I}", "type", "draft_saved", "key", key, "saved_at", (json_int_t)now));
}

static int get_ack(conn *c, proto_request *r, int *ack)
{
    *ack = 0;
    return req_bool(c, r, "acknowledge_hints", ack) < 0 ? -1 : 0;
}

static void refuse_unsoftened(conn *c, proto_request *r)
{
    reply_needs_softening(c, r, feedback_status_message(FEEDBACK_ERR_NEEDS_SOFTENING));
}

/* The draft this message came from: its highest flag count says whether the writer softened it. */
static size_t draft_max_flags(sc_participant *p, sc_room *room, const char *key, size_t sent_flags)
{
    if (!key) return 0;
    size_t max_flags = 0;
    store_save_draft(app->store, p->pid, room->id, key, "", sent_flags, app_now_ms(), &max_flags);
    store_delete_draft(app->store, p->pid, room->id, key);
    return max_flags;
}

static void deliver(sc_session *s, const char *id, sc_participant *author, sc_participant *recipient, const char *event)
{
    json_t *fb = store_feedback_json(app->store, s, id, recipient);
    if (!fb) return;
    if (recipient != author) {
        json_t *m = json_pack("{s:s, s:o}", "type", event, "feedback", fb);
        send_to_participant(recipient, m);
        json_decref(m);
    } else {
        json_decref(fb);
    }
}

static void h_feedback_send(conn *c, proto_request *r, int64_t now)
{
    const char *to_id, *kind_s = NULL, *draft_key = NULL, *text;
    size_t len;
    int ack;
    if (req_string(c, r, "to", 1, &to_id, NULL) < 0 || req_string(c, r, "kind", 0, &kind_s, NULL) < 0 ||
        req_string(c, r, "draft_key", 0, &draft_key, NULL) < 0)
        return;
    if (get_text(c, r, "text", 0, &text, &len) < 0 || get_ack(c, r, &ack) < 0) return;
    feedback_kind kind = FEEDBACK_KIND_FEEDBACK;
    if (kind_s && (feedback_parse_kind(kind_s, &kind) != 0 || kind == FEEDBACK_KIND_AMENDMENT || kind == FEEDBACK_KIND_APPRECIATION)) {
        reply_error(c, r, ERR_BAD_REQUEST, "The field \"kind\" must be feedback, observer or self_reflection (amendments use feedback_amend).");
        return;
    }
    sc_participant *p = c->participant;
    sc_room *room = p->room;
    sc_participant *to = world_find_participant(&app->world, c->session, to_id);
    feedback_status st = feedback_may_send(room, p, to, kind);
    if (st != FEEDBACK_OK) {
        proto_error e = st == FEEDBACK_ERR_PHASE ? ERR_CONFLICT : st == FEEDBACK_ERR_SELF ? ERR_BAD_REQUEST : ERR_FORBIDDEN;
        reply_error(c, r, e, "%s", feedback_status_message(st));
        return;
    }
    size_t flags = hints_count(text, len);
    if (feedback_check_hints(flags, ack) != FEEDBACK_OK) { refuse_unsoftened(c, r); return; }
    store_feedback_row row = { .room = room, .turn = room->clock.turn, .author = p, .recipient = to, .kind = kind,
                               .text = text, .flags = flags, .acknowledged = ack, .sent_ms = now };
    token_new_uuid(row.id);
    int ok = store_begin(app->store) == 0;
    row.softened = feedback_counts_as_softened(ok ? draft_max_flags(p, room, draft_key, flags) : 0, flags);
    if (ok) ok = store_insert_feedback(app->store, c->session, &row) == 0;
    if (store_end(app->store, ok) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not send your feedback; it is still in the box, try again.");
        return;
    }
    room->n_feedback++;
    room->n_softened += row.softened;
    json_t *mine = store_feedback_json(app->store, c->session, row.id, p);
    reply(c, r, json_pack("{s:s, s:o}", "type", "feedback_sent", "feedback", mine ? mine : json_null()));
    deliver(c->session, row.id, p, to, "feedback");
    announce_room_overview(room, now);   /* the facilitator's counts */
}

static void h_feedback_amend(conn *c, proto_request *r, int64_t now)
{
    const char *fid, *mode, *draft_key = NULL, *text;
    size_t len;
    int ack;
    if (req_string(c, r, "feedback", 1, &fid, NULL) < 0 || req_string(c, r, "mode", 1, &mode, NULL) < 0 ||
        req_string(c, r, "draft_key", 0, &draft_key, NULL) < 0)
        return;
    int replace = !strcmp(mode, "replace");
    feedback_kind kind = !strcmp(mode, "appreciation") ? FEEDBACK_KIND_APPRECIATION : FEEDBACK_KIND_AMENDMENT;
    if (!replace && strcmp(mode, "amend") && strcmp(mode, "appreciation")) {
        reply_error(c, r, ERR_BAD_REQUEST, "The field \"mode\" must be amend, appreciation or replace.");
        return;
    }
    if (get_text(c, r, "text", 0, &text, &len) < 0 || get_ack(c, r, &ack) < 0) return;
    sc_participant *p = c->participant;
    int64_t author_pid;
    char room_id[SC_ID_LEN + 1];
    int was_softened;
    json_t *orig = NULL;
    if (store_feedback_owner(app->store, fid, &author_pid, room_id, &was_softened) != 0 ||
        !(orig = store_feedback_json(app->store, c->session, fid, p))) {
        reply_error(c, r, ERR_NOT_FOUND, "No feedback with that id in this session.");
        return;
    }
    sc_room *room = p->room && !strcmp(p->room->id, room_id) ? p->room : NULL;
    feedback_status st = author_pid != p->pid ? FEEDBACK_ERR_NOT_AUTHOR : feedback_may_amend(room, p, p);
    if (st != FEEDBACK_OK) {
        json_decref(orig);
        reply_error(c, r, st == FEEDBACK_ERR_PHASE ? ERR_CONFLICT : ERR_FORBIDDEN, "%s", feedback_status_message(st));
        return;
    }
    sc_participant *to = world_find_participant(&app->world, c->session, json_string_value(json_object_get(json_object_get(orig, "to"), "id")));
    json_decref(orig);
    if (!to) { reply_error(c, r, ERR_NOT_FOUND, "The person that feedback went to has left the session."); return; }
    size_t flags = hints_count(text, len);
    if (feedback_check_hints(flags, ack) != FEEDBACK_OK) { refuse_unsoftened(c, r); return; }
    store_feedback_row row = { .room = room, .turn = room->clock.turn, .author = p, .recipient = to, .kind = kind,
                               .text = text, .flags = flags, .acknowledged = ack, .amends = fid, .sent_ms = now };
    int ok = store_begin(app->store) == 0;
    if (ok && draft_key) draft_max_flags(p, room, draft_key, flags);
    if (replace) {
        if (ok) ok = store_replace_feedback(app->store, fid, text, flags, now) == 0;
    } else {
        token_new_uuid(row.id);
        if (ok) ok = store_insert_feedback(app->store, c->session, &row) == 0;
    }
    /* amending or replacing in the feedback step or the soft close is softening the original */
    if (ok && !was_softened) ok = store_mark_softened(app->store, fid) == 0;
    if (store_end(app->store, ok) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not save; your text is still in the box, try again.");
        return;
    }
    if (!was_softened) room->n_softened++;
    const char *id = replace ? fid : row.id;
    json_t *mine = store_feedback_json(app->store, c->session, id, p);
    reply(c, r, json_pack("{s:s, s:o}", "type", replace ? "feedback_revised" : "feedback_sent", "feedback", mine ? mine : json_null()));
    deliver(c->session, id, p, to, replace ? "feedback_revised" : "feedback");
    announce_room_overview(room, now);   /* the facilitator's counts */
}

static void send_list(conn *c, proto_request *r, sc_room *room)
{
    json_t *lists = store_feedback_for(app->store, c->session, room, c->participant);
    json_t *m = json_pack("{s:s, s:s, s:O, s:O}", "type", "feedback_list", "room", room->id,
                          "sent", json_object_get(lists, "sent"), "received", json_object_get(lists, "received"));
    json_decref(lists);
    if (r) reply(c, r, m);
    else { conn_send(c, m); json_decref(m); }
}

static void h_feedback_list(conn *c, proto_request *r, int64_t now)
{
    const char *room_id = NULL;
    if (req_string(c, r, "room", 0, &room_id, NULL) < 0) return;
    sc_room *room = room_id ? room_of(c->participant, room_id) : c->participant->room;
    if (!room) {
        reply_error(c, r, room_id ? ERR_NOT_FOUND : ERR_CONFLICT, "%s",
                    room_id ? "You were never in a room with that id." : "You are not in a room now.");
        return;
    }
    send_list(c, r, room);
}

static void feedback_send_state(conn *c, int64_t now)
{
    sc_participant *p = c->participant;
    if (!p) return;
    if (p->room) send_list(c, NULL, p->room);
    json_t *m = json_pack("{s:s, s:o}", "type", "drafts", "drafts", store_drafts_of(app->store, p));
    conn_send(c, m);
    json_decref(m);
}

static const route routes[] = {
    { "feedback_check", ACTION_FEEDBACK, FIELDS("text"), h_feedback_check },
    { "feedback_draft", ACTION_FEEDBACK, FIELDS("room", "key", "text"), h_feedback_draft },
    { "feedback_send", ACTION_FEEDBACK, FIELDS("to", "text", "kind", "acknowledge_hints", "draft_key"), h_feedback_send },
    { "feedback_amend", ACTION_FEEDBACK, FIELDS("feedback", "mode", "text", "acknowledge_hints", "draft_key"), h_feedback_amend },
    { "feedback_list", ACTION_FEEDBACK, FIELDS("room"), h_feedback_list },
};

const feature feat_feedback = { .name = "feedback", ROUTES(routes), .send_state = feedback_send_state };
