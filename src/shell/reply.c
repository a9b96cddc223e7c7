/* reply — see reply.h. */
#include "reply.h"
#include <stdarg.h>
#include <stdio.h>

void reply(conn *c, proto_request *r, json_t *msg)
{
    if (!msg) {   /* a builder failed (out of memory): the request still gets exactly one reply */
        reply_error(c, r, ERR_INTERNAL, "The server could not build its answer; try again.");
        return;
    }
    conn_send(c, proto_with_re(msg, r ? r->id : NULL));
    json_decref(msg);
}

void reply_error(conn *c, proto_request *r, proto_error e, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    json_t *m = proto_error_reply(r ? r->id : NULL, e, buf);
    conn_send(c, m);
    json_decref(m);
}

void reply_ok(conn *c, proto_request *r) { reply(c, r, json_pack("{s:s}", "type", "ok")); }

void reply_rate_limited(conn *c, proto_request *r, int64_t wait_ms, const char *message)
{
    json_t *m = proto_error_reply(r ? r->id : NULL, ERR_RATE_LIMITED, message);
    json_object_set_new(m, "retry_after_ms", json_integer(wait_ms));
    conn_send(c, m);
    json_decref(m);
}

int req_string(conn *c, proto_request *r, const char *key, int required, const char **out, size_t *len)
{
    char why[200];
    if (!json_object_get(r->root, key) && !required) { *out = NULL; if (len) *len = 0; return 1; }
    if (proto_get_string(r->root, key, required, out, len, why, sizeof why) == 0) return 0;
    reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
    return -1;
}

int req_int(conn *c, proto_request *r, const char *key, int required, json_int_t min, json_int_t max, json_int_t *out)
{
    char why[200];
    int rc = proto_get_int(r->root, key, required, min, max, out, why, sizeof why);
    if (rc >= 0) return rc;
    reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
    return -1;
}

int req_bool(conn *c, proto_request *r, const char *key, int *out)
{
    char why[200];
    int rc = proto_get_bool(r->root, key, out, why, sizeof why);
    if (rc >= 0) return rc;
    reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
    return -1;
}
