/* feedback_jobs — the feedback writes as group-commit jobs (writer.h): a draft save, a message
 * sent, and an amendment (amend, appreciation, replace). A job holds copies of the request's text
 * and ids; its apply runs on the writer thread and touches only its store and the job. World
 * objects it points at (session, room, people) are read only for their identity (id, pid), which is
 * set when they are created and never changes; they are never freed while the server runs.
 * The handlers in feat_feedback.c build the jobs and own their `done`. */
#ifndef SOFTCLOSE_FEEDBACK_JOBS_H
#define SOFTCLOSE_FEEDBACK_JOBS_H
#include "feedback.h"
#include "store_feedback.h"
#include "writer.h"

typedef struct {
    writer_job base;
    int64_t author_pid, saved_at;
    char room_id[SC_ID_LEN + 1], key[FEEDBACK_DRAFT_KEY_MAX + 1];
    char *text;                   /* owned; NULL in a job that only waits (its text went to a queued job) */
    size_t flags;                 /* the most hints any text saved into this job had */
} feedback_draft_job;

/* A new draft job (text copied), or NULL when out of memory. Its apply is set; its done is the
 * caller's. */
feedback_draft_job *feedback_draft_job_new(int64_t author_pid, const char *room_id, const char *key, const char *text,
                                           size_t flags, int64_t now_ms);
/* If a save of the same draft is queued and not yet taken by the writer, it takes j's text (j keeps
 * none, and only waits for the batch). 1 if so. */
int feedback_draft_job_merge(feedback_draft_job *j);
void feedback_draft_job_free(feedback_draft_job *j);

typedef enum { FEEDBACK_WRITE_NEW, FEEDBACK_WRITE_REPLACE } feedback_write_mode;

typedef struct {
    writer_job base;
    feedback_write_mode mode;
    const sc_session *session;
    store_feedback_new row;       /* row.text and row.amends point into the copies below */
    char *text;                   /* owned */
    char amends[SC_ID_LEN + 1];   /* the message amended or replaced, or "" */
    char draft_room[SC_ID_LEN + 1], draft_key[FEEDBACK_DRAFT_KEY_MAX + 1];   /* the draft it came from, or "" */
    int mark_original_softened;   /* an amendment or replacement softens the original */
    /* results, set by apply */
    size_t draft_max_flags;       /* the most hints the draft ever had */
    int original_newly_softened;  /* the original was not softened before */
} feedback_write_job;

/* A job for row (text and amends copied; row.id must be set, row.softened is decided by apply from
 * the draft). NULL when out of memory. */
feedback_write_job *feedback_write_job_new(feedback_write_mode mode, const sc_session *s, const store_feedback_new *row,
                                           const char *draft_room, const char *draft_key);
void feedback_write_job_free(feedback_write_job *j);
#endif
