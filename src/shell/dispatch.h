/* dispatch — one complete message from one connection, from bytes to a feature's handler.
 * Owns: the envelope (parse, `id`), the per-connection message rate limit, finding the route,
 * the authorization check (auth.c) and refusing unknown fields. Then the feature's handler runs;
 * it owns "validate, commit, apply, announce". */
#ifndef SOFTCLOSE_DISPATCH_H
#define SOFTCLOSE_DISPATCH_H
#include <stddef.h>
#include <stdint.h>
#include "conn.h"

#define DISPATCH_MSG_PER_WINDOW 200
#define DISPATCH_MSG_WINDOW_MS 10000

/* Handles one complete message (already reassembled, at most PROTO_MAX_MESSAGE_BYTES). */
void dispatch_message(conn *c, const char *buf, size_t len, int64_t now_ms);
/* A connection closes: every feature hears of it, then presence is updated. */
void dispatch_on_close(conn *c, int64_t now_ms);
#endif
