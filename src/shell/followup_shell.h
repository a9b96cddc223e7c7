/* followup_shell — the way back: followup_send, followup_read, followup_delete, inbox,
 * revoke_link, delete_me; the facilitator's session_settings, end_session and stats; what a
 * returning participant receives (their rooms, undelivered follow-ups); the retention timer. */
#ifndef SOFTCLOSE_FOLLOWUP_SHELL_H
#define SOFTCLOSE_FOLLOWUP_SHELL_H
#include <stdint.h>
#include "conn.h"
#include "protocol.h"

#define FOLLOWUP_PURGE_EVERY_MS (3600 * 1000)

void h_followup_send(conn *c, proto_request *r, int64_t now_ms);
void h_followup_read(conn *c, proto_request *r, int64_t now_ms);
void h_followup_ack(conn *c, proto_request *r, int64_t now_ms);
void h_followup_delete(conn *c, proto_request *r, int64_t now_ms);
void h_inbox(conn *c, proto_request *r, int64_t now_ms);
void h_revoke_link(conn *c, proto_request *r, int64_t now_ms);
void h_delete_me(conn *c, proto_request *r, int64_t now_ms);
void h_session_settings(conn *c, proto_request *r, int64_t now_ms);
void h_end_session(conn *c, proto_request *r, int64_t now_ms);
void h_stats(conn *c, proto_request *r, int64_t now_ms);

/* After welcome: "Your rooms", unread count, and every follow-up not yet delivered. */
void followup_send_state(conn *c, int64_t now_ms);
/* Purges expired follow-ups now and every FOLLOWUP_PURGE_EVERY_MS (one lws_sul). */
void followup_start_purge(int64_t now_ms);
void followup_shutdown(void);

#define FOLLOWUP_ROUTES \
    { "followup_send", ACTION_FOLLOWUP, FIELDS("to", "room", "text", "client_id", "acknowledge_hints", "draft_room", "draft_key"), h_followup_send }, \
    { "followup_read", ACTION_FOLLOWUP, FIELDS("followup"), h_followup_read }, \
    { "followup_ack", ACTION_FOLLOWUP, FIELDS("followups"), h_followup_ack }, \
    { "followup_delete", ACTION_FOLLOWUP, FIELDS("followup"), h_followup_delete }, \
    { "inbox", ACTION_FOLLOWUP, FIELDS("before", "limit"), h_inbox }, \
    { "revoke_link", ACTION_FOLLOWUP, FIELDS(NULL), h_revoke_link }, \
    { "delete_me", ACTION_FOLLOWUP, FIELDS("confirm"), h_delete_me }, \
    { "session_settings", ACTION_FACILITATE, FIELDS("retention_days"), h_session_settings }, \
    { "end_session", ACTION_FACILITATE, FIELDS(NULL), h_end_session }, \
    { "stats", ACTION_FACILITATE, FIELDS(NULL), h_stats },
#endif
