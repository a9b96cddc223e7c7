/* feat_feedback — the feedback messages: feedback_check (hints while typing), feedback_draft
 * (drafts saved as people type; also the "still typing" signal for the soft close),
 * feedback_send, feedback_amend (amend, appreciation, replace) and feedback_list; and, for a
 * welcomed participant, their feedback in the current room and their unsent drafts. Decisions are
 * taken on the store's typed rows; feedback_view turns rows into JSON. */
#include "app.h"
#include "feedback.h"
#include "feedback_jobs.h"
#include "feedback_view.h"
#include "followup.h"
#include "hints_view.h"
#include "registry.h"
#include "reply.h"
#include "room_announce.h"
#include "store_feedback.h"
#include "text_request.h"
#include "token.h"
#include "writer.h"
#include <stdio.h>
#include <string.h>

static const text_limits feedback_text = { "feedback", FEEDBACK_MAX_CHARS, FEEDBACK_MAX_BYTES };

/* What feedback_send and feedback_amend both carry besides their target. */
typedef struct {
    const char *text, *draft_key;
    size_t len, flags;        /* flags: the hints the text has (refuse_unsoftened) */
    int ack;                  /* acknowledge_hints */
} feedback_body;

/* Reads text (not empty) and acknowledge_hints; -1 after replying. */
static int req_body(conn *c, proto_request *r, feedback_body *b)
{
    b->ack = 0;
    if (req_text(c, r, "text", &feedback_text, 0, &b->text, &b->len) < 0) return -1;
    return req_bool(c, r, "acknowledge_hints", &b->ack) < 0 ? -1 : 0;
}

/* Counts the body's hints; a text with hints that were not acknowledged is refused (1). */
static int refuse_unsoftened(conn *c, proto_request *r, feedback_body *b)
{
    b->flags = hints_count(b->text, b->len, SOFTEN_CONTEXT_FEEDBACK);
    if (feedback_check_hints(b->flags, b->ack) == FEEDBACK_OK) return 0;
    reply_needs_softening(c, r, feedback_status_message(FEEDBACK_ERR_NEEDS_SOFTENING));
    return 1;
}

static void reply_refusal(conn *c, proto_request *r, feedback_status st)
{
    proto_error e = st == FEEDBACK_ERR_PHASE ? ERR_CONFLICT : st == FEEDBACK_ERR_SELF ? ERR_BAD_REQUEST : ERR_FORBIDDEN;
    reply_error(c, r, e, "%s", feedback_status_message(st));
}

/* The room a request names (one this person is or was in: drafts outlive rooms) or, when it names
 * none, the room they are in now; NULL after replying. */
static sc_room *named_or_current_room(conn *c, proto_request *r, const char *room_id, const char *not_in_room)
{
    sc_participant *p = c->participant;
    sc_room *room = room_id ? followup_find_my_room(p, room_id) : p->room;
    if (!room)
        reply_error(c, r, room_id ? ERR_NOT_FOUND : ERR_CONFLICT, "%s", room_id ? "You were never in a room with that id." : not_in_room);
    return room;
}

static void h_feedback_check(conn *c, proto_request *r, int64_t now)
{
    const char *text;
    size_t len;
    const char *context = NULL;
    if (req_text(c, r, "text", &feedback_text, 1, &text, &len) < 0 || req_string(c, r, "context", 0, &context, NULL) < 0)
        return;
    if (context && strcmp(context, "feedback") != 0 && strcmp(context, "followup") != 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"context\" must be \"feedback\" or \"followup\".");
        return;
    }
    const soften_result *res;
    soften_status sst = hints_check(text, len, context && strcmp(context, "followup") == 0 ? SOFTEN_CONTEXT_FOLLOWUP
                                                                                           : SOFTEN_CONTEXT_FEEDBACK, &res);
    if (sst != SOFTEN_OK) {
        reply_error(c, r, sst == SOFTEN_TOO_LARGE ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s", soften_status_message(sst));
        return;
    }
    reply(c, r, view_feedback_hints(res));
}

static int valid_key(const char *k, size_t len)
{
    if (len < 1 || len > FEEDBACK_DRAFT_KEY_MAX) return 0;
    for (size_t i = 0; i < len; i++)
        if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || strchr(":_-.", k[i]))) return 0;
    return 1;
}

/* A draft's save committed (or not): draft_saved, or internal with the text kept in the box. */
static void draft_done(writer_job *job, int ok)
{
    feedback_draft_job *j = (feedback_draft_job *)job;
    proto_request r = { .id = job->re };
    if (job->c && ok) reply(job->c, &r, json_pack("{s:s, s:s, s:I}", "type", "draft_saved", "key", j->key, "saved_at", (json_int_t)j->saved_at));
    else if (job->c) reply_error(job->c, &r, ERR_INTERNAL, "Could not save your draft; keep the text and try again.");
    feedback_draft_job_free(j);
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
    if (req_text(c, r, "text", &feedback_text, 1, &text, &len) < 0) return;
    sc_participant *p = c->participant;
    sc_room *room = named_or_current_room(c, r, room_id, "You are not in a room; name the room the draft belongs to.");
    if (!room) return;
    size_t flags = len ? hints_count(text, len, SOFTEN_CONTEXT_FEEDBACK) : 0;
    feedback_draft_job *j = writer_pending() < WRITER_QUEUE_MAX ? feedback_draft_job_new(p->pid, room->id, key, text, flags, now) : NULL;
    if (!j) {
        reply_rate_limited(c, r, 500, "The server is saving many drafts right now; your text is kept, it is saved in a moment.");
        return;
    }
    if (len && room == p->room) feedback_note_typing(room, p, now);
    j->base.done = draft_done;
    j->base.c = c;
    j->base.re = json_incref(r->id);
    feedback_draft_job_merge(j);   /* a queued save of the same draft takes this text */
    if (writer_submit(&j->base) != 0) {
        feedback_draft_job_free(j);
        reply_rate_limited(c, r, 500, "The server is saving many drafts right now; your text is kept, it is saved in a moment.");
    }
}

/* After a commit: the author's reply (`reply_type`, when their connection is still open) and the
 * recipient's event, both from the stored row, then the facilitator's counts. */
static void announce_feedback(const feedback_write_job *j, const char *reply_type, const char *event)
{
    sc_participant *p = (sc_participant *)j->row.author, *to = (sc_participant *)j->row.recipient;
    const char *id = j->mode == FEEDBACK_WRITE_REPLACE ? j->amends : j->row.id;
    store_feedback_row row;
    int found = store_feedback_get(app->store, j->session, id, &row) == 0;
    proto_request r = { .id = j->base.re };
    if (j->base.c) reply(j->base.c, &r, view_feedback_message(reply_type, found ? &row : NULL, p));
    if (found && to != p) {
        json_t *m = view_feedback_message(event, &row, to);
        send_to_participant(to, m);
        json_decref(m);
    }
    store_feedback_row_free(&row);
    announce_room_overview((sc_room *)j->row.room, app_now_ms());
}

/* Queues the write; its done answers. A full queue is answered here (the text stays in the box). */
static void submit_write(conn *c, proto_request *r, feedback_write_mode mode, const store_feedback_new *row,
                         const char *draft_key, writer_done_fn done)
{
    feedback_write_job *j = feedback_write_job_new(mode, c->session, row, row->room->id, draft_key);
    if (!j) { reply_error(c, r, ERR_INTERNAL, "Could not send your feedback; it is still in the box, try again."); return; }
    j->base.done = done;
    j->base.c = c;
    j->base.re = json_incref(r->id);
    if (writer_submit(&j->base) == 0) return;
    feedback_write_job_free(j);
    reply_rate_limited(c, r, 500, "The server is saving many messages right now; your text is still in the box, send it again in a moment.");
}

static int write_failed(writer_job *job, int ok)
{
    if (ok) return 0;
    proto_request r = { .id = job->re };
    if (job->c) reply_error(job->c, &r, ERR_INTERNAL, "Could not save; your text is still in the box, try again.");
    feedback_write_job_free((feedback_write_job *)job);
    return 1;
}

static void sent_done(writer_job *job, int ok)
{
    feedback_write_job *j = (feedback_write_job *)job;
    if (write_failed(job, ok)) return;
    sc_room *room = (sc_room *)j->row.room;
    room->n_feedback++;
    room->n_softened += j->row.softened;
    announce_feedback(j, "feedback_sent", "feedback");
    feedback_write_job_free(j);
}

static void amended_done(writer_job *job, int ok)
{
    feedback_write_job *j = (feedback_write_job *)job;
    if (write_failed(job, ok)) return;
    if (j->original_newly_softened) ((sc_room *)j->row.room)->n_softened++;
    int replaced = j->mode == FEEDBACK_WRITE_REPLACE;
    announce_feedback(j, replaced ? "feedback_revised" : "feedback_sent", replaced ? "feedback_revised" : "feedback");
    feedback_write_job_free(j);
}

/* "kind": absent is feedback; amendments and appreciations go through feedback_amend. */
static int parse_send_kind(conn *c, proto_request *r, const char *kind_s, feedback_kind *kind)
{
    *kind = FEEDBACK_KIND_FEEDBACK;
    if (!kind_s || (feedback_parse_kind(kind_s, kind) == 0 && *kind != FEEDBACK_KIND_AMENDMENT && *kind != FEEDBACK_KIND_APPRECIATION))
        return 0;
    reply_error(c, r, ERR_BAD_REQUEST, "The field \"kind\" must be feedback, observer or self_reflection (amendments use feedback_amend).");
    return -1;
}

static void h_feedback_send(conn *c, proto_request *r, int64_t now)
{
    const char *to_id, *kind_s = NULL;
    feedback_body b = { 0 };
    feedback_kind kind;
    if (req_string(c, r, "to", 1, &to_id, NULL) < 0 || req_string(c, r, "kind", 0, &kind_s, NULL) < 0 ||
        req_string(c, r, "draft_key", 0, &b.draft_key, NULL) < 0 || req_body(c, r, &b) < 0 || parse_send_kind(c, r, kind_s, &kind) < 0)
        return;
    sc_participant *p = c->participant;
    sc_room *room = p->room;
    sc_participant *to = world_find_participant(&app->world, c->session, to_id);
    feedback_status st = feedback_may_send(room, p, to, kind);
    if (st != FEEDBACK_OK) { reply_refusal(c, r, st); return; }
    if (refuse_unsoftened(c, r, &b)) return;
    store_feedback_new row = { .room = room, .turn = room->clock.turn, .author = p, .recipient = to, .kind = kind,
                               .text = b.text, .flags = b.flags, .acknowledged = b.ack, .sent_ms = now };
    token_new_uuid(row.id);
    submit_write(c, r, FEEDBACK_WRITE_NEW, &row, b.draft_key, sent_done);
}

typedef enum { AMEND_ADD, AMEND_APPRECIATION, AMEND_REPLACE } amend_mode;

typedef struct {
    const char *fid;          /* the message amended */
    amend_mode mode;
    feedback_body body;
} amend_request;

/* The message amended, as far as the amendment needs it. */
typedef struct {
    sc_room *room;            /* the room it was sent in, which its author is in now */
    sc_participant *to;
} amend_target;

static int req_amend(conn *c, proto_request *r, amend_request *a)
{
    const char *mode;
    if (req_string(c, r, "feedback", 1, &a->fid, NULL) < 0 || req_string(c, r, "mode", 1, &mode, NULL) < 0 ||
        req_string(c, r, "draft_key", 0, &a->body.draft_key, NULL) < 0)
        return -1;
    if (!strcmp(mode, "amend")) a->mode = AMEND_ADD;
    else if (!strcmp(mode, "appreciation")) a->mode = AMEND_APPRECIATION;
    else if (!strcmp(mode, "replace")) a->mode = AMEND_REPLACE;
    else {
        reply_error(c, r, ERR_BAD_REQUEST, "The field \"mode\" must be amend, appreciation or replace.");
        return -1;
    }
    return req_body(c, r, &a->body);
}

/* Loads the message amended and checks that its author may amend it now; -1 after replying. */
static int load_amend_target(conn *c, proto_request *r, const char *fid, amend_target *t)
{
    sc_participant *p = c->participant;
    store_feedback_row orig;
    if (store_feedback_get(app->store, c->session, fid, &orig) != 0) {
        reply_error(c, r, ERR_NOT_FOUND, "No feedback with that id in this session.");
        return -1;
    }
    t->room = p->room && !strcmp(p->room->id, orig.room_id) ? p->room : NULL;
    feedback_status st = orig.from.pid != p->pid ? FEEDBACK_ERR_NOT_AUTHOR : feedback_may_amend(t->room, p, p);
    t->to = st == FEEDBACK_OK ? world_find_participant(&app->world, c->session, orig.to.id) : NULL;
    store_feedback_row_free(&orig);
    if (st != FEEDBACK_OK) { reply_refusal(c, r, st); return -1; }
    if (!t->to) { reply_error(c, r, ERR_NOT_FOUND, "The person that feedback went to has left the session."); return -1; }
    return 0;
}

/* An amendment or appreciation is a new message attached to the original; a replacement rewrites
 * the original. Either softens the original. */
static void submit_amendment(conn *c, proto_request *r, const amend_request *a, const amend_target *t, int64_t now)
{
    const feedback_body *b = &a->body;
    store_feedback_new row = { .room = t->room, .turn = t->room->clock.turn, .author = c->participant, .recipient = t->to,
                               .kind = a->mode == AMEND_APPRECIATION ? FEEDBACK_KIND_APPRECIATION : FEEDBACK_KIND_AMENDMENT,
                               .text = b->text, .flags = b->flags, .acknowledged = b->ack, .amends = a->fid, .sent_ms = now };
    token_new_uuid(row.id);
    submit_write(c, r, a->mode == AMEND_REPLACE ? FEEDBACK_WRITE_REPLACE : FEEDBACK_WRITE_NEW, &row, b->draft_key, amended_done);
}

static void h_feedback_amend(conn *c, proto_request *r, int64_t now)
{
    amend_request a = { 0 };
    amend_target t;
    if (req_amend(c, r, &a) < 0 || load_amend_target(c, r, a.fid, &t) < 0 || refuse_unsoftened(c, r, &a.body)) return;
    submit_amendment(c, r, &a, &t, now);
}

static void send_list(conn *c, proto_request *r, sc_room *room)
{
    store_feedback_list l;
    store_feedback_in_room(app->store, room, c->participant, &l);   /* empty on failure */
    json_t *m = view_feedback_list(room, &l, c->participant);
    store_feedback_list_free(&l);
    if (r) reply(c, r, m);
    else { conn_send(c, m); json_decref(m); }
}

static void h_feedback_list(conn *c, proto_request *r, int64_t now)
{
    const char *room_id = NULL;
    if (req_string(c, r, "room", 0, &room_id, NULL) < 0) return;
    sc_room *room = named_or_current_room(c, r, room_id, "You are not in a room now.");
    if (room) send_list(c, r, room);
}

static void feedback_send_state(conn *c, int64_t now)
{
    sc_participant *p = c->participant;
    if (!p) return;
    if (p->room) send_list(c, NULL, p->room);
    store_draft_list drafts;
    writer_flush();   /* queued saves first */
    store_drafts_of(app->store, p, &drafts);   /* empty on failure */
    json_t *m = view_drafts(&drafts);
    store_draft_list_free(&drafts);
    conn_send(c, m);
    json_decref(m);
}

static const route routes[] = {
    { "feedback_check", ACTION_FEEDBACK, FIELDS("text", "context"), h_feedback_check },
    { "feedback_draft", ACTION_FEEDBACK, FIELDS("room", "key", "text"), h_feedback_draft },
    { "feedback_send", ACTION_FEEDBACK, FIELDS("to", "text", "kind", "acknowledge_hints", "draft_key"), h_feedback_send },
    { "feedback_amend", ACTION_FEEDBACK, FIELDS("feedback", "mode", "text", "acknowledge_hints", "draft_key"), h_feedback_amend },
    { "feedback_list", ACTION_FEEDBACK, FIELDS("room"), h_feedback_list },
};

const feature feat_feedback = { .name = "feedback", ROUTES(routes), .send_state = feedback_send_state };
