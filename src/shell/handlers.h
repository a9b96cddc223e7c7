/* handlers — turns one parsed request from one connection into core calls, store writes and
 * messages. Owns: the dispatch table (type -> required actor, allowed fields, handler), the
 * per-connection message rate limit, and the order "validate, commit, apply, announce". */
#ifndef SOFTCLOSE_HANDLERS_H
#define SOFTCLOSE_HANDLERS_H
#include <stddef.h>
#include <stdint.h>
#include "conn.h"
#include "protocol.h"

#define HANDLERS_MSG_PER_WINDOW 200
#define HANDLERS_MSG_WINDOW_MS 10000
#define ROSTER_LIVE_MAX 300   /* participants see names and live updates up to this many people */

/* Handles one complete message (already reassembled, at most PROTO_MAX_MESSAGE_BYTES). */
void handlers_dispatch(conn *c, const char *buf, size_t len, int64_t now_ms);
/* Called when a connection closes: presence update to the facilitator and room mates. */
void handlers_on_close(conn *c, int64_t now_ms);

/* Shared helpers for the handler files. */
typedef void (*handler_fn)(conn *c, proto_request *r, int64_t now_ms);
void reply(conn *c, proto_request *r, json_t *msg);                 /* steals msg */
void reply_error(conn *c, proto_request *r, proto_error e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void reply_ok(conn *c, proto_request *r);
json_t *json_session(const sc_session *s);
json_t *json_roster_entry(const sc_participant *p, int for_facilitator);
void send_roster(conn *c);
void send_to_facilitator_roster(sc_session *s);   /* the full roster again, to every facilitator connection */
void announce_presence(sc_participant *p, int left);
/* Sends signed_out {reason} to every connection of p but `self` and unbinds them (and `self`
 * too when self_too): used by leave, delete_me and revoke_link. */
void sign_out(sc_participant *p, conn *self, const char *reason, int self_too);
#endif
