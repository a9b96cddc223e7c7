/* followup_jobs — the follow-up writes as group-commit jobs (writer.h): a message sent (one row per
 * recipient, and the draft it came from removed), and marks on stored messages (delivered, read,
 * withdrawn). A job holds copies of the text and ids; its apply runs on the writer thread and
 * touches only its store and the job. World objects it points at are read only for their identity
 * (id, pid), which never changes; they are never freed while the server runs. The handlers in
 * feat_followup.c build the jobs and own their `done`. */
#ifndef SOFTCLOSE_FOLLOWUP_JOBS_H
#define SOFTCLOSE_FOLLOWUP_JOBS_H
#include "feedback.h"
#include "followup.h"
#include "writer.h"

#define FOLLOWUP_SEND_MAX_RECIPIENTS 64   /* a room message goes to at most this many people */

typedef struct {
    writer_job base;
    const sc_session *session;
    const sc_participant *from;
    const sc_room *room;                  /* NULL for a message to one person */
    const sc_participant *to[FOLLOWUP_SEND_MAX_RECIPIENTS];
    char ids[FOLLOWUP_SEND_MAX_RECIPIENTS][SC_ID_LEN + 1];   /* set by followup_send_job_new */
    size_t n;
    char client_id[FOLLOWUP_CLIENT_ID_MAX + 1];
    char *text;                           /* owned */
    int64_t sent_ms;
    char draft_room[SC_ID_LEN + 1], draft_key[FEEDBACK_DRAFT_KEY_MAX + 1];   /* "" when none */
} followup_send_job;

/* A job for text from `from` to the n people in `to` (copied; each row gets a new id). NULL when out
 * of memory. Its apply is set; its done is the caller's. */
followup_send_job *followup_send_job_new(const sc_session *s, const sc_participant *from, const sc_room *room,
                                         sc_participant *const *to, size_t n, const char *client_id, const char *text,
                                         int64_t sent_ms, const char *draft_room, const char *draft_key);
void followup_send_job_free(followup_send_job *j);

typedef enum { FOLLOWUP_MARK_DELIVERED, FOLLOWUP_MARK_READ, FOLLOWUP_MARK_WITHDRAWN } followup_mark_kind;

typedef struct {
    char id[SC_ID_LEN + 1];
    int64_t from_pid, to_pid;             /* sender and recipient, for the receipts */
    int was_delivered;                    /* as read before the job was queued */
    int changed;                          /* set by apply: this mark was new */
} followup_mark_item;

typedef struct {
    writer_job base;
    followup_mark_kind kind;
    const sc_session *session;            /* for the receipts (set by the handler) */
    int64_t at_ms;
    size_t n;
    followup_mark_item items[FOLLOWUP_PAGE_MAX];
} followup_mark_job;

followup_mark_job *followup_mark_job_new(followup_mark_kind kind, int64_t at_ms);
void followup_mark_job_free(followup_mark_job *j);
#endif
