/* store_followup — SQLite persistence of follow-ups and receipts, the account and session
 * changes of the way back (revoke a link, delete an account, retention, end a session), and the
 * retention purge. Follow-up texts are read from the store when needed, never kept in memory. */
#ifndef SOFTCLOSE_STORE_FOLLOWUP_H
#define SOFTCLOSE_STORE_FOLLOWUP_H
#include <jansson.h>
#include "followup.h"
#include "store.h"

/* Inserts one follow-up row (a room message is one row per recipient, same client_id). */
int store_insert_followup(store *st, const sc_session *s, const char *id, const sc_participant *from,
                          const sc_participant *to, const sc_room *room, const char *client_id, const char *text,
                          int64_t sent_ms);
/* Ids of the rows an earlier send with this client id created (an idempotent resend). */
json_t *store_followups_by_client_id(store *st, const sc_participant *from, const char *client_id);
json_t *store_followup_json(store *st, const char *id, const sc_participant *viewer);
/* Sender and recipient pids of a follow-up in session s; 0 or -1 if none. */
int store_followup_parties(store *st, const sc_session *s, const char *id, int64_t *sender, int64_t *recipient,
                           int64_t *read_ms, int64_t *withdrawn_ms);
int store_followup_mark(store *st, const char *id, const char *column, int64_t at_ms);   /* delivered_ms / read_ms */
int store_followup_withdraw(store *st, const char *id, int64_t at_ms);
/* Ids of follow-ups to p not yet delivered, oldest first. */
json_t *store_followups_undelivered(store *st, const sc_participant *p);
/* A page of p's follow-ups (sent and received), newest first, sent before `before` (0: now). */
json_t *store_followup_page(store *st, const sc_participant *p, int64_t before, int limit, int *more);
int store_followup_unread(store *st, const sc_participant *p);
/* Counts for the facilitator: sent and read follow-ups in the session. */
int store_followup_counts(store *st, const sc_session *s, int64_t *sent, int64_t *read);

int store_replace_token(store *st, int64_t pid, const unsigned char hash[32]);
/* Deletes a participant's content: follow-ups sent and received, feedback written, drafts;
 * renames them "(deleted)" and marks them left. */
int store_delete_participant(store *st, int64_t pid, int64_t now_ms);
int store_set_retention(store *st, const sc_session *s, int days);
int store_end_session(store *st, const sc_session *s, int64_t now_ms);
/* Purges follow-ups and drafts past each session's retention. Returns rows purged, or -1. */
long store_purge_expired(store *st, int64_t now_ms);
#endif
