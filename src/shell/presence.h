/* presence — who is here, as others see it: the session object, roster entries, the full
 * roster, presence updates (joined, online, offline, left) and signing a person out of every
 * connection. Used by the identity, account and launch features; knows nothing of rounds. */
#ifndef SOFTCLOSE_PRESENCE_H
#define SOFTCLOSE_PRESENCE_H
#include <jansson.h>
#include "conn.h"

#define ROSTER_LIVE_MAX 300   /* participants see names and live updates up to this many people */

json_t *json_session(const sc_session *s);
json_t *json_roster_entry(const sc_participant *p, int for_facilitator);
void send_roster(conn *c);
void send_to_facilitator_roster(sc_session *s);   /* the full roster again, to every facilitator connection */
/* Tells the facilitator (and, in small sessions, everyone present) that p joined, came online,
 * went offline or left. */
void announce_presence(sc_participant *p, int left);
/* Sends signed_out {reason} to every connection of p but `self` and unbinds them (and `self`
 * too when self_too): used by leave, delete_me and revoke_link. */
void sign_out(sc_participant *p, conn *self, const char *reason, int self_too);
#endif
