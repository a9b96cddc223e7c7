/* feat_followup_marks — what happens to a follow-up once it is stored: followup_ack (the
 * recipient's client has it: delivered), followup_read and followup_delete (the sender withdraws
 * it). Each mark is a group-commit job (followup_jobs.h); the ok and the receipts or the
 * withdrawal go out after it committed, and only for marks that were new. */
#include "app.h"
#include "followup_jobs.h"
#include "followup_notify.h"
#include "registry.h"
#include "reply.h"
#include "store_followup.h"
#include "writer.h"
#include <stdio.h>
#include <string.h>

static int req_followup_ids(conn *c, proto_request *r, json_t **ids)
{
    *ids = json_object_get(r->root, "followups");
    if (!json_is_array(*ids) || json_array_size(*ids) < 1 || json_array_size(*ids) > FOLLOWUP_PAGE_MAX) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"followups\" must be a list of 1 to %d message ids.", FOLLOWUP_PAGE_MAX);
        return -1;
    }
    size_t i;
    json_t *v;
    json_array_foreach(*ids, i, v) {
        if (!json_is_string(v)) {
            reply_error(c, r, ERR_BAD_REQUEST, "\"followups\" must hold message ids (strings).");
            return -1;
        }
    }
    return 0;
}

/* Submits a mark job; a full queue or no memory is answered here. */
static void submit_mark(conn *c, proto_request *r, followup_mark_job *j, writer_done_fn done)
{
    j->base.done = done;
    j->base.c = c;
    j->base.re = json_incref(r->id);
    j->session = c->session;
    if (writer_submit(&j->base) == 0) return;
    followup_mark_job_free(j);
    reply_rate_limited(c, r, 500, "The server is saving many messages right now; try again in a moment.");
}

/* ok to the client; or internal if the marks could not be saved (nothing is announced). */
static int answer_mark(writer_job *job, int ok)
{
    proto_request r = { .id = job->re };
    if (job->c && ok) reply_ok(job->c, &r);
    else if (job->c) reply_error(job->c, &r, ERR_INTERNAL, "Could not record that; try again.");
    return ok;
}

static void acked_done(writer_job *job, int ok)
{
    followup_mark_job *j = (followup_mark_job *)job;
    if (answer_mark(job, ok))
        for (size_t i = 0; i < j->n; i++)
            if (j->items[i].changed)
                followup_notify_receipt(followup_notify_find(j->session, j->items[i].from_pid), j->items[i].id, FOLLOWUP_DELIVERED, j->at_ms);
    followup_mark_job_free(j);
}

static void h_followup_ack(conn *c, proto_request *r, int64_t now)
{
    json_t *ids, *v;
    size_t i;
    if (req_followup_ids(c, r, &ids) < 0) return;
    followup_mark_job *j = followup_mark_job_new(FOLLOWUP_MARK_DELIVERED, now);
    if (!j) { reply_error(c, r, ERR_INTERNAL, "Could not record that; try again."); return; }
    json_array_foreach(ids, i, v) {
        store_followup_row f;
        if (store_followup_get(app->store, c->session, json_string_value(v), &f) != 0) continue;
        /* not theirs, or delivered already: acknowledging it changes nothing */
        if (f.to.pid == c->participant->pid && f.state == FOLLOWUP_SENT && j->n < FOLLOWUP_PAGE_MAX) {
            followup_mark_item *it = &j->items[j->n++];
            snprintf(it->id, sizeof it->id, "%s", f.id);
            it->from_pid = f.from.pid;
            it->to_pid = f.to.pid;
        }
        store_followup_row_free(&f);
    }
    submit_mark(c, r, j, acked_done);
}

/* The follow-up a request names, if this person sent or received it; -1 after replying. */
static int req_followup(conn *c, proto_request *r, store_followup_row *f)
{
    const char *id;
    memset(f, 0, sizeof *f);
    if (req_string(c, r, "followup", 1, &id, NULL) < 0) return -1;
    if (store_followup_get(app->store, c->session, id, f) == 0 &&
        (f->from.pid == c->participant->pid || f->to.pid == c->participant->pid))
        return 0;
    store_followup_row_free(f);
    reply_error(c, r, ERR_NOT_FOUND, "No message with that id for you.");
    return -1;
}

static void read_done(writer_job *job, int ok)
{
    followup_mark_job *j = (followup_mark_job *)job;
    const followup_mark_item *it = &j->items[0];
    if (answer_mark(job, ok) && it->changed) {
        sc_participant *sender = followup_notify_find(j->session, it->from_pid);
        if (!it->was_delivered) followup_notify_receipt(sender, it->id, FOLLOWUP_DELIVERED, j->at_ms);   /* read counts as delivered */
        followup_notify_receipt(sender, it->id, FOLLOWUP_READ, j->at_ms);
    }
    followup_mark_job_free(j);
}

static void mark_read(conn *c, proto_request *r, const store_followup_row *f, int64_t now)
{
    if (f->to.pid != c->participant->pid) { reply_error(c, r, ERR_FORBIDDEN, "Only the recipient marks a message as read."); return; }
    if (f->read_ms) { reply_ok(c, r); return; }
    followup_mark_job *j = followup_mark_job_new(FOLLOWUP_MARK_READ, now);
    if (!j) { reply_error(c, r, ERR_INTERNAL, "Could not record that; try again."); return; }
    followup_mark_item *it = &j->items[j->n++];
    snprintf(it->id, sizeof it->id, "%s", f->id);
    it->from_pid = f->from.pid;
    it->to_pid = f->to.pid;
    it->was_delivered = f->state != FOLLOWUP_SENT;
    submit_mark(c, r, j, read_done);
}

static void h_followup_read(conn *c, proto_request *r, int64_t now)
{
    store_followup_row f;
    if (req_followup(c, r, &f) < 0) return;
    mark_read(c, r, &f, now);
    store_followup_row_free(&f);
}

static void withdrawn_done(writer_job *job, int ok)
{
    followup_mark_job *j = (followup_mark_job *)job;
    const followup_mark_item *it = &j->items[0];
    if (answer_mark(job, ok) && it->changed) {
        followup_notify_withdrawn(followup_notify_find(j->session, it->to_pid), it->id);
    }
    followup_mark_job_free(j);
}

static void withdraw(conn *c, proto_request *r, const store_followup_row *f, int64_t now)
{
    if (f->from.pid != c->participant->pid) { reply_error(c, r, ERR_FORBIDDEN, "Only the sender can delete a message."); return; }
    if (f->withdrawn_ms) { reply_ok(c, r); return; }
    followup_mark_job *j = followup_mark_job_new(FOLLOWUP_MARK_WITHDRAWN, now);
    if (!j) { reply_error(c, r, ERR_INTERNAL, "Could not delete it; try again."); return; }
    followup_mark_item *it = &j->items[j->n++];
    snprintf(it->id, sizeof it->id, "%s", f->id);
    it->from_pid = f->from.pid;
    it->to_pid = f->to.pid;
    submit_mark(c, r, j, withdrawn_done);
}

static void h_followup_delete(conn *c, proto_request *r, int64_t now)
{
    store_followup_row f;
    if (req_followup(c, r, &f) < 0) return;
    withdraw(c, r, &f, now);
    store_followup_row_free(&f);
}

static const route routes[] = {
    { "followup_read", ACTION_FOLLOWUP, FIELDS("followup"), h_followup_read },
    { "followup_ack", ACTION_FOLLOWUP, FIELDS("followups"), h_followup_ack },
    { "followup_delete", ACTION_FOLLOWUP, FIELDS("followup"), h_followup_delete },
};

const feature feat_followup_marks = { .name = "followup_marks", ROUTES(routes) };
