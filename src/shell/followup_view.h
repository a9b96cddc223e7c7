/* followup_view — how follow-ups, receipts, the inbox and "Your rooms" look on the wire (JSON
 * builders from the typed rows of store_followup and the rooms in memory). A withdrawn text is
 * never shown; the client id only to the sender. */
#ifndef SOFTCLOSE_FOLLOWUP_VIEW_H
#define SOFTCLOSE_FOLLOWUP_VIEW_H
#include <jansson.h>
#include "rounds.h"
#include "store_followup.h"

const char *followup_state_name(followup_state s);        /* "sent", "delivered", "read" */
json_t *view_followup(const store_followup_row *f, const sc_participant *viewer);
json_t *view_followups(const store_followup_list *l, const sc_participant *viewer);   /* [F, …] */
json_t *view_followup_event(json_t *f);                    /* {type: followup, followup: f}; f borrowed */
json_t *view_followup_receipt(const char *id, followup_state s, int64_t at_ms);
json_t *view_followup_withdrawn(const char *id);
/* The inbox reply: a page of viewer's follow-ups, newest first. */
json_t *view_inbox(const store_followup_list *page, const sc_participant *viewer, int unread);
/* The my_rooms event: every room p was in, newest first, with everyone else who was in it. */
json_t *view_my_rooms(const sc_session *s, const sc_participant *p, int unread);
#endif
