/* ice — the ICE servers a browser uses to reach its room mates: STUN URLs as configured, and TURN
 * URLs with a credential minted for one person in the "TURN REST API" form that coturn's
 * use-auth-secret checks: username "<expiry unix seconds>:<who>", credential
 * base64(HMAC-SHA1(secret, username)). The secret stays here; only minted credentials leave. */
#ifndef SOFTCLOSE_ICE_H
#define SOFTCLOSE_ICE_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "config.h"

#define ICE_CREDENTIAL_LEN 28   /* base64 of a 20-byte SHA-1 HMAC */

/* Writes the credential for username into out (ICE_CREDENTIAL_LEN + 1 bytes). 0, or -1. */
int ice_turn_credential(const char *secret, const char *username, char out[ICE_CREDENTIAL_LEN + 1]);
/* {ice_servers:[{urls:[…], username?, credential?}], expires_at} for the person `who` (a
 * participant id, or "f-<session id>" for a facilitator); expires_at is null without TURN. */
json_t *ice_view(const config *cfg, const char *who, int64_t now_ms);
#endif
