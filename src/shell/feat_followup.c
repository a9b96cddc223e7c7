/* feat_followup — the way back: followup_send and inbox (acknowledging, reading and deleting are
 * feat_followup_marks.c); and for a welcomed participant "Your rooms", the unread count and every follow-up not
 * yet delivered. Texts live in the store; every reply that confirms a follow-up is sent after its
 * row is committed; delivery is pushed to every open connection of the recipient and repeated on
 * their next hello until their client acknowledges it. Decisions are taken on the store's typed
 * rows; followup_view turns rows into JSON. */
#include "app.h"
#include "followup.h"
#include "followup_jobs.h"
#include "followup_notify.h"
#include "followup_view.h"
#include "hints_view.h"
#include "registry.h"
#include "reply.h"
#include "store_feedback.h"
#include "store_followup.h"
#include "text_request.h"
#include "writer.h"
#include <string.h>

#define MAX_RECIPIENTS FOLLOWUP_SEND_MAX_RECIPIENTS

static const text_limits followup_text = { "message", FOLLOWUP_MAX_CHARS, FOLLOWUP_MAX_BYTES };

/* ---- followup_send: read the request, answer a resend, resolve recipients, store, announce ---- */

typedef struct {
    const char *to_id, *room_id, *text, *client_id, *draft_room, *draft_key;
    size_t len;
    int ack;                  /* acknowledge_hints */
} send_request;

typedef struct {
    sc_room *room;            /* NULL for a message to one person */
    sc_participant *to[MAX_RECIPIENTS];
    char ids[MAX_RECIPIENTS][SC_ID_LEN + 1];
    size_t n;
} send_plan;

static int req_send(conn *c, proto_request *r, send_request *q)
{
    size_t cid_len;
    memset(q, 0, sizeof *q);
    if (req_string(c, r, "to", 0, &q->to_id, NULL) < 0 || req_string(c, r, "room", 0, &q->room_id, NULL) < 0 ||
        req_string(c, r, "text", 1, &q->text, &q->len) < 0 || req_string(c, r, "client_id", 1, &q->client_id, &cid_len) < 0 ||
        req_string(c, r, "draft_room", 0, &q->draft_room, NULL) < 0 || req_string(c, r, "draft_key", 0, &q->draft_key, NULL) < 0 ||
        req_bool(c, r, "acknowledge_hints", &q->ack) < 0)
        return -1;
    if (!q->to_id == !q->room_id) {
        reply_error(c, r, ERR_BAD_REQUEST, "Give exactly one of \"to\" (a person) or \"room\" (everyone in a room you shared).");
        return -1;
    }
    if (!followup_valid_client_id(q->client_id, cid_len)) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"client_id\" must be 1 to %d characters of letters, digits, '-' and '_'.", FOLLOWUP_CLIENT_ID_MAX);
        return -1;
    }
    return req_check_text(c, r, &followup_text, q->text, q->len);
}

/* A resend after a reconnect: acknowledge what was stored the first time, store nothing (1). */
static int same_send(const writer_job *job, const void *arg)
{
    const followup_send_job *j = (const followup_send_job *)job;
    const followup_send_job *want = arg;
    return job->done == want->base.done && j->from == want->from && !strcmp(j->client_id, want->client_id);
}

static void sent_done(writer_job *job, int ok);

static int answered_as_resend(conn *c, proto_request *r, const char *client_id)
{
    followup_send_job want = { .base.done = sent_done, .from = c->participant };
    snprintf(want.client_id, sizeof want.client_id, "%s", client_id);
    if (writer_find_pending(same_send, &want)) writer_flush();   /* the first send is still being saved */
    store_followup_list earlier;
    store_followups_by_client_id(app->store, c->participant, client_id, &earlier);   /* empty on failure */
    int resend = earlier.n > 0;
    if (resend)
        reply(c, r, json_pack("{s:s, s:o, s:b}", "type", "followup_sent", "followups", view_followups(&earlier, c->participant),
                              "duplicate", 1));
    store_followup_list_free(&earlier);
    return resend;
}

/* Everyone still here from the room, once each, but the sender. */
static void room_recipients(const sc_participant *p, sc_room *room, send_plan *plan)
{
    for (size_t i = 0; i < room->n_members && plan->n < MAX_RECIPIENTS; i++) {
        sc_participant *m = room->members[i].p;
        int seen = 0;
        for (size_t k = 0; k < plan->n; k++) seen |= plan->to[k] == m;
        if (m != p && !m->deleted_ms && !m->left_ms && !seen) plan->to[plan->n++] = m;
    }
}

static int resolve_recipients(conn *c, proto_request *r, const send_request *q, send_plan *plan)
{
    sc_participant *p = c->participant;
    plan->n = 0;
    plan->room = NULL;
    if (q->to_id) {
        sc_participant *to = world_find_participant(&app->world, c->session, q->to_id);
        followup_status st = followup_may_write(p, to);
        if (st != FOLLOWUP_OK) {
            reply_error(c, r, st == FOLLOWUP_ERR_SELF ? ERR_BAD_REQUEST : ERR_FORBIDDEN, "%s", followup_status_message(st));
            return -1;
        }
        plan->to[plan->n++] = to;
        return 0;
    }
    plan->room = followup_find_my_room(p, q->room_id);
    if (followup_may_write_room(p, plan->room) != FOLLOWUP_OK) {
        reply_error(c, r, ERR_FORBIDDEN, "%s", followup_status_message(FOLLOWUP_ERR_NOT_MEMBER));
        return -1;
    }
    room_recipients(p, plan->room, plan);
    if (plan->n) return 0;
    reply_error(c, r, ERR_CONFLICT, "Nobody else from that room can receive messages.");
    return -1;
}

/* Hints not acknowledged, or too many messages this minute: -1 after replying. */
static int refuse_now(conn *c, proto_request *r, const send_request *q, int64_t now)
{
    if (hints_count(q->text, q->len, SOFTEN_CONTEXT_FOLLOWUP) && !q->ack) {
        reply_needs_softening(c, r, "This message has hints on phrasing that may land hard; look at them, then revise it or send it as written.");
        return -1;
    }
    int64_t wait = followup_rate_take(c->participant, now);
    if (!wait) return 0;
    reply_rate_limited(c, r, wait, "You have sent many messages in the last minute; wait a moment and send again.");
    return -1;
}

/* After the commit: the sender's reply, each recipient's message, and the message on the sender's
 * other devices. */
static void announce_send(const followup_send_job *j)
{
    sc_participant *p = (sc_participant *)j->from;
    json_t *mine[MAX_RECIPIENTS] = { 0 }, *sent = json_array();
    for (size_t i = 0; i < j->n; i++) {
        store_followup_row f;
        if (store_followup_get(app->store, NULL, j->ids[i], &f) != 0) continue;
        mine[i] = view_followup(&f, p);
        json_t *theirs = view_followup(&f, (sc_participant *)j->to[i]);
        store_followup_row_free(&f);
        if (mine[i]) json_array_append(sent, mine[i]);
        if (theirs) { followup_notify_deliver(theirs, (sc_participant *)j->to[i]); json_decref(theirs); }
    }
    proto_request r = { .id = j->base.re };
    if (j->base.c) reply(j->base.c, &r, json_pack("{s:s, s:o}", "type", "followup_sent", "followups", sent));
    else json_decref(sent);
    for (conn *o = p->shell_conns; o; o = o->peer_next)
        if (o != j->base.c)
            for (size_t i = 0; i < j->n; i++)
                if (mine[i]) { json_t *m = view_followup_event(mine[i]); conn_send(o, m); json_decref(m); }
    for (size_t i = 0; i < j->n; i++) json_decref(mine[i]);
}

static void sent_done(writer_job *job, int ok)
{
    followup_send_job *j = (followup_send_job *)job;
    proto_request r = { .id = job->re };
    if (ok) announce_send(j);
    else if (job->c) reply_error(job->c, &r, ERR_INTERNAL, "Could not send your message; it is still in the box, try again.");
    followup_send_job_free(j);
}

/* One row per recipient and the draft it came from gone, in one job. */
static void submit_send(conn *c, proto_request *r, const send_request *q, const send_plan *plan, int64_t now)
{
    sc_participant *p = c->participant;
    sc_room *dr = q->draft_key && q->draft_room ? followup_find_my_room(p, q->draft_room) : NULL;
    followup_send_job *j = followup_send_job_new(c->session, p, plan->room, plan->to, plan->n, q->client_id, q->text, now,
                                                 dr ? dr->id : NULL, dr ? q->draft_key : NULL);
    if (!j) { reply_error(c, r, ERR_INTERNAL, "Could not send your message; it is still in the box, try again."); return; }
    j->base.done = sent_done;
    j->base.c = c;
    j->base.re = json_incref(r->id);
    if (writer_submit(&j->base) == 0) return;
    followup_send_job_free(j);
    reply_rate_limited(c, r, 500, "The server is saving many messages right now; your message is still in the box, send it again in a moment.");
}

static void h_followup_send(conn *c, proto_request *r, int64_t now)
{
    send_request q;
    send_plan plan;
    if (req_send(c, r, &q) < 0 || answered_as_resend(c, r, q.client_id) || resolve_recipients(c, r, &q, &plan) < 0 ||
        refuse_now(c, r, &q, now) < 0)
        return;
    submit_send(c, r, &q, &plan, now);
}

/* ---- inbox ---- */

/* Where a page starts: after `cursor` (the `next` of the previous page), or — the older form —
 * strictly before the millisecond `before`, or from the newest. */
static int req_inbox_start(conn *c, proto_request *r, store_followup_cursor *at, int *from_newest)
{
    const char *cursor;
    size_t len;
    json_int_t before = 0;
    int rc = req_string(c, r, "cursor", 0, &cursor, &len);
    if (rc < 0 || req_int(c, r, "before", 0, 0, INT64_MAX, &before) < 0) return -1;
    if (rc == 0 && before) { reply_error(c, r, ERR_BAD_REQUEST, "Give \"cursor\" or \"before\", not both."); return -1; }
    if (rc == 0 && store_followup_cursor_parse(cursor, len, at) != 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"cursor\" must be the \"next\" of an earlier inbox page.");
        return -1;
    }
    if (rc != 0) *at = (store_followup_cursor){ .sent_ms = before, .id = "" };
    *from_newest = rc != 0 && !before;
    return 0;
}

static void h_inbox(conn *c, proto_request *r, int64_t now)
{
    json_int_t limit = FOLLOWUP_PAGE_DEFAULT;
    store_followup_cursor at;
    int from_newest;
    if (req_inbox_start(c, r, &at, &from_newest) < 0 || req_int(c, r, "limit", 0, 1, FOLLOWUP_PAGE_MAX, &limit) < 0) return;
    store_followup_list page;
    store_followup_page(app->store, c->participant, from_newest ? NULL : &at, (int)limit, &page);   /* empty on failure */
    json_t *m = view_inbox(&page, c->participant, store_followup_unread(app->store, c->participant));
    char next[STORE_FOLLOWUP_CURSOR_MAX + 1];
    if (m && page.more && page.n) {
        store_followup_cursor_format(&page.rows[page.n - 1], next);
        json_object_set_new(m, "next", json_string(next));
    } else if (m) {
        json_object_set_new(m, "next", json_null());
    }
    reply(c, r, m);
    store_followup_list_free(&page);
}

static void followup_send_state(conn *c, int64_t now)
{
    sc_participant *p = c->participant;
    if (!p) return;
    json_t *m = view_my_rooms(c->session, p, store_followup_unread(app->store, p));
    conn_send(c, m);
    json_decref(m);
    store_followup_list pending;
    store_followups_undelivered(app->store, p, &pending);   /* empty on failure */
    for (size_t i = 0; i < pending.n; i++) {
        json_t *f = view_followup(&pending.rows[i], p);
        if (f) { followup_notify_deliver(f, p); json_decref(f); }
    }
    store_followup_list_free(&pending);
}

static const route routes[] = {
    { "followup_send", ACTION_FOLLOWUP, FIELDS("to", "room", "text", "client_id", "acknowledge_hints", "draft_room", "draft_key"),
      h_followup_send },
    { "inbox", ACTION_FOLLOWUP, FIELDS("cursor", "before", "limit"), h_inbox },
};

const feature feat_followup = { .name = "followup", ROUTES(routes), .send_state = followup_send_state };
