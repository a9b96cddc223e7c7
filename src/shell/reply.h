/* reply — the one direct answer every request gets, and reading a request's fields with that
 * answer built in. Owns: `reply`, `reply_ok`, `reply_error` (with the request id echoed as `re`),
 * `reply_rate_limited`, and the `req_*` readers: each reads one field and, if it is missing when
 * required, mistyped or out of range, replies bad_request naming the field and returns -1 — so a
 * handler reads a field in one line and returns on -1. */
#ifndef SOFTCLOSE_REPLY_H
#define SOFTCLOSE_REPLY_H
#include <stddef.h>
#include <stdint.h>
#include "conn.h"
#include "protocol.h"

void reply(conn *c, proto_request *r, json_t *msg);                 /* steals msg; NULL -> internal */
void reply_error(conn *c, proto_request *r, proto_error e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void reply_ok(conn *c, proto_request *r);
/* rate_limited with retry_after_ms = wait. */
void reply_rate_limited(conn *c, proto_request *r, int64_t wait_ms, const char *message);

/* Field readers: 0 when read, 1 when absent and not required (out untouched, or NULL/0 for
 * strings), -1 after replying bad_request. */
int req_string(conn *c, proto_request *r, const char *key, int required, const char **out, size_t *len);
int req_int(conn *c, proto_request *r, const char *key, int required, json_int_t min, json_int_t max, json_int_t *out);
int req_bool(conn *c, proto_request *r, const char *key, int *out);
#endif
