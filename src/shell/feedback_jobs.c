/* feedback_jobs — see feedback_jobs.h. */
#include "feedback_jobs.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int apply_draft(store *st, writer_job *job)
{
    feedback_draft_job *j = (feedback_draft_job *)job;
    return store_save_draft(st, j->author_pid, j->room_id, j->key, j->text, j->flags, j->saved_at, NULL);
}

feedback_draft_job *feedback_draft_job_new(int64_t author_pid, const char *room_id, const char *key, const char *text,
                                           size_t flags, int64_t now_ms)
{
    feedback_draft_job *j = calloc(1, sizeof *j);
    if (!j || !(j->text = strdup(text))) { free(j); return NULL; }
    j->base.apply = apply_draft;
    j->author_pid = author_pid;
    j->saved_at = now_ms;
    snprintf(j->room_id, sizeof j->room_id, "%s", room_id);
    snprintf(j->key, sizeof j->key, "%s", key);
    j->flags = flags;
    return j;
}

static int same_draft(const writer_job *queued, const void *arg)
{
    const feedback_draft_job *a = (const feedback_draft_job *)queued, *b = arg;
    return queued->apply == apply_draft && a->author_pid == b->author_pid && !strcmp(a->key, b->key) &&
           !strcmp(a->room_id, b->room_id);
}

/* The queued job takes the newer text; "the most hints it had" keeps the older text's count, so a
 * draft softened between two saves that were merged still counts as softened. */
static void take_text(writer_job *queued, const void *arg)
{
    feedback_draft_job *a = (feedback_draft_job *)queued, *b = (feedback_draft_job *)arg;
    free(a->text);
    a->text = b->text;
    b->text = NULL;
    if (b->flags > a->flags) a->flags = b->flags;
    a->saved_at = b->saved_at;
}

int feedback_draft_job_merge(feedback_draft_job *j)
{
    if (!writer_update_queued(same_draft, j, take_text)) return 0;
    j->base.apply = NULL;   /* nothing of its own to write: it waits for the batch */
    return 1;
}

void feedback_draft_job_free(feedback_draft_job *j)
{
    if (!j) return;
    json_decref(j->base.re);
    free(j->text);
    free(j);
}

/* The draft a message came from: its highest hint count says whether the writer softened it; the
 * draft is gone once the message is stored. */
static int take_draft(store *st, feedback_write_job *j)
{
    if (!*j->draft_key) return 0;
    if (store_save_draft(st, j->row.author->pid, j->draft_room, j->draft_key, "", j->row.flags, j->row.sent_ms,
                         &j->draft_max_flags) != 0)
        return -1;
    return store_delete_draft(st, j->row.author->pid, j->draft_room, j->draft_key);
}

static int apply_write(store *st, writer_job *job)
{
    feedback_write_job *j = (feedback_write_job *)job;
    if (take_draft(st, j) != 0) return -1;
    if (j->mode == FEEDBACK_WRITE_REPLACE) {
        if (store_replace_feedback(st, j->amends, j->row.text, j->row.flags, j->row.sent_ms) != 0) return -1;
    } else {
        j->row.softened = feedback_counts_as_softened(j->draft_max_flags, j->row.flags);
        if (store_insert_feedback(st, j->session, &j->row) != 0) return -1;
    }
    if (j->mark_original_softened) {
        if (store_mark_softened(st, j->amends) != 0) return -1;
        j->original_newly_softened = sqlite3_changes(store_db(st)) > 0;
    }
    return 0;
}

feedback_write_job *feedback_write_job_new(feedback_write_mode mode, const sc_session *s, const store_feedback_new *row,
                                           const char *draft_room, const char *draft_key)
{
    feedback_write_job *j = calloc(1, sizeof *j);
    if (!j || !(j->text = strdup(row->text))) { free(j); return NULL; }
    j->base.apply = apply_write;
    j->mode = mode;
    j->session = s;
    j->row = *row;
    j->row.text = j->text;
    if (row->amends) {
        snprintf(j->amends, sizeof j->amends, "%s", row->amends);
        j->row.amends = j->amends;
        j->mark_original_softened = 1;
    }
    if (draft_room && draft_key) {
        snprintf(j->draft_room, sizeof j->draft_room, "%s", draft_room);
        snprintf(j->draft_key, sizeof j->draft_key, "%s", draft_key);
    }
    return j;
}

void feedback_write_job_free(feedback_write_job *j)
{
    if (!j) return;
    json_decref(j->base.re);
    free(j->text);
    free(j);
}
