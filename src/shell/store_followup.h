/* store_followup — SQLite persistence of follow-ups and receipts, the account and session
 * changes of the way back (revoke a link, delete an account, retention, end a session), and the
 * retention purge. Follow-up texts are read from the store when needed, never kept in memory. */
#ifndef SOFTCLOSE_STORE_FOLLOWUP_H
#define SOFTCLOSE_STORE_FOLLOWUP_H
#include "followup.h"
#include "store.h"
#include "store_rows.h"

/* Where a follow-up is on its way to its recipient: stored, acknowledged by their client, read. */
typedef enum { FOLLOWUP_SENT, FOLLOWUP_DELIVERED, FOLLOWUP_READ } followup_state;

/* One follow-up as stored. The view decides what a viewer sees (a withdrawn text is never shown,
 * the client id only to the sender); the row holds everything. */
typedef struct {
    char id[SC_ID_LEN + 1];
    char room_id[SC_ID_LEN + 1];                 /* "" for a message to one person */
    char client_id[FOLLOWUP_CLIENT_ID_MAX + 1];
    char *text;                                  /* owned: store_followup_row_free; "" once withdrawn */
    store_person from, to;
    int64_t sent_ms, delivered_ms, read_ms, withdrawn_ms;   /* 0: not (yet) */
    followup_state state;                        /* from delivered_ms and read_ms */
} store_followup_row;

typedef struct {
    store_followup_row *rows;
    size_t n, cap;
    int more;                                    /* store_followup_page: there is an older page */
} store_followup_list;

void store_followup_row_free(store_followup_row *f);
void store_followup_list_free(store_followup_list *l);

/* Inserts one follow-up row (a room message is one row per recipient, same client_id). */
int store_insert_followup(store *st, const sc_session *s, const char *id, const sc_participant *from,
                          const sc_participant *to, const sc_room *room, const char *client_id, const char *text,
                          int64_t sent_ms);
/* One follow-up by id, in session s (NULL: any session). 0, or -1 if there is none (or on error). */
int store_followup_get(store *st, const sc_session *s, const char *id, store_followup_row *out);
/* The rows an earlier send with this client id created (an idempotent resend), oldest first. */
int store_followups_by_client_id(store *st, const sc_participant *from, const char *client_id, store_followup_list *out);
/* Records the first delivery (FOLLOWUP_DELIVERED) or reading (FOLLOWUP_READ, which also counts as
 * delivered) of a follow-up; a later mark of the same kind changes nothing. */
int store_followup_mark(store *st, const char *id, followup_state mark, int64_t at_ms);
int store_followup_withdraw(store *st, const char *id, int64_t at_ms);
/* Follow-ups to p not yet delivered (nor withdrawn), oldest first. */
int store_followups_undelivered(store *st, const sc_participant *p, store_followup_list *out);
/* A position in a person's follow-ups, newest first: the last row of the previous page. */
#define STORE_FOLLOWUP_CURSOR_MAX (19 + 1 + SC_ID_LEN)
typedef struct { int64_t sent_ms; char id[SC_ID_LEN + 1]; } store_followup_cursor;
/* A page of p's follow-ups (sent and received), newest first, after `after` (NULL: from the
 * newest); out->more says whether there is another page. */
int store_followup_page(store *st, const sc_participant *p, const store_followup_cursor *after, int limit,
                        store_followup_list *out);
int store_followup_cursor_parse(const char *text, size_t len, store_followup_cursor *out);   /* 0 or -1 */
void store_followup_cursor_format(const store_followup_row *last, char out[STORE_FOLLOWUP_CURSOR_MAX + 1]);
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
