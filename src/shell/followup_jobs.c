/* followup_jobs — see followup_jobs.h. */
#include "followup_jobs.h"
#include "store_feedback.h"
#include "store_followup.h"
#include "token.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int apply_send(store *st, writer_job *job)
{
    followup_send_job *j = (followup_send_job *)job;
    for (size_t i = 0; i < j->n; i++)
        if (store_insert_followup(st, j->session, j->ids[i], j->from, j->to[i], j->room, j->client_id, j->text, j->sent_ms) != 0)
            return -1;
    if (*j->draft_key && store_delete_draft(st, j->from->pid, j->draft_room, j->draft_key) != 0) return -1;
    return 0;
}

followup_send_job *followup_send_job_new(const sc_session *s, const sc_participant *from, const sc_room *room,
                                         sc_participant *const *to, size_t n, const char *client_id, const char *text,
                                         int64_t sent_ms, const char *draft_room, const char *draft_key)
{
    if (n > FOLLOWUP_SEND_MAX_RECIPIENTS) n = FOLLOWUP_SEND_MAX_RECIPIENTS;
    followup_send_job *j = calloc(1, sizeof *j);
    if (!j || !(j->text = strdup(text))) { free(j); return NULL; }
    j->base.apply = apply_send;
    j->session = s;
    j->from = from;
    j->room = room;
    j->n = n;
    for (size_t i = 0; i < n; i++) {
        j->to[i] = to[i];
        token_new_uuid(j->ids[i]);
    }
    snprintf(j->client_id, sizeof j->client_id, "%s", client_id);
    j->sent_ms = sent_ms;
    if (draft_room && draft_key) {
        snprintf(j->draft_room, sizeof j->draft_room, "%s", draft_room);
        snprintf(j->draft_key, sizeof j->draft_key, "%s", draft_key);
    }
    return j;
}

void followup_send_job_free(followup_send_job *j)
{
    if (!j) return;
    json_decref(j->base.re);
    free(j->text);
    free(j);
}

/* Each mark says whether it was new (a second acknowledgement changes nothing and sends no
 * receipt). */
static int apply_mark(store *st, writer_job *job)
{
    followup_mark_job *j = (followup_mark_job *)job;
    for (size_t i = 0; i < j->n; i++) {
        followup_mark_item *it = &j->items[i];
        int rc = j->kind == FOLLOWUP_MARK_WITHDRAWN ? store_followup_withdraw(st, it->id, j->at_ms)
                 : store_followup_mark(st, it->id, j->kind == FOLLOWUP_MARK_READ ? FOLLOWUP_READ : FOLLOWUP_DELIVERED, j->at_ms);
        if (rc != 0) return -1;
        it->changed = sqlite3_changes(store_db(st)) > 0;
    }
    return 0;
}

followup_mark_job *followup_mark_job_new(followup_mark_kind kind, int64_t at_ms)
{
    followup_mark_job *j = calloc(1, sizeof *j);
    if (!j) return NULL;
    j->base.apply = apply_mark;
    j->kind = kind;
    j->at_ms = at_ms;
    return j;
}

void followup_mark_job_free(followup_mark_job *j)
{
    if (!j) return;
    json_decref(j->base.re);
    free(j);
}
