/* followup_notify — what the way back pushes to people who are online: a follow-up to its
 * recipient, a receipt (delivered, read) to its sender, a withdrawal to its recipient. Shared by
 * the sending feature and the marking feature (acknowledge, read, delete). */
#ifndef SOFTCLOSE_FOLLOWUP_NOTIFY_H
#define SOFTCLOSE_FOLLOWUP_NOTIFY_H
#include <jansson.h>
#include "session.h"
#include "store_followup.h"

/* The person with this pid in s, or NULL. */
sc_participant *followup_notify_find(const sc_session *s, int64_t pid);
/* Pushes one follow-up (f, as `to` sees it) to its recipient's open connections. It counts as
 * delivered only when their client acknowledges it (followup_ack or followup_read); until then
 * every hello pushes it again, so a connection that died unnoticed loses nothing. */
void followup_notify_deliver(json_t *f, sc_participant *to);
/* A delivered or read receipt to the sender's open connections (sender may be NULL). */
void followup_notify_receipt(sc_participant *sender, const char *id, followup_state state, int64_t at_ms);
/* The recipient's copy of a withdrawn message goes (to may be NULL). */
void followup_notify_withdrawn(sc_participant *to, const char *id);
#endif
