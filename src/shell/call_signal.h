/* call_signal — what a relayed WebRTC signal may look like. The server never reads SDP; it only
 * checks the envelope so that a relay carries one of three known shapes of bounded size:
 *   {kind:"offer"|"answer", sdp:"…"}
 *   {kind:"candidate", candidate:{candidate, sdpMid?, sdpMLineIndex?, usernameFragment?} | null}
 * Anything else is refused before it reaches a peer. */
#ifndef SOFTCLOSE_CALL_SIGNAL_H
#define SOFTCLOSE_CALL_SIGNAL_H
#include <jansson.h>
#include <stddef.h>
#include "protocol.h"

#define CALL_SIGNAL_MAX_BYTES (12 * 1024)   /* one signal, serialised */

/* ERR_COUNT when the signal is acceptable; otherwise the error and a sentence in why. */
proto_error call_signal_check(json_t *signal, char *why, size_t why_size);
#endif
