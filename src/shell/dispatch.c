/* dispatch — see dispatch.h. */
#include "dispatch.h"
#include "app.h"
#include "registry.h"
#include "presence.h"
#include "reply.h"
#include "metrics.h"

static int authorize(conn *c, proto_request *r, const route *rt)
{
    switch (auth_check(c->actor, rt->action)) {
    case AUTH_OK: return 0;
    case AUTH_UNAUTHORIZED:
        reply_error(c, r, ERR_UNAUTHORIZED, "Join a session or say hello with your token first.");
        return -1;
    case AUTH_FORBIDDEN:
        reply_error(c, r, ERR_FORBIDDEN, "Only the %s can do that.", c->actor == ACTOR_PARTICIPANT ? "facilitator" : "participants");
        return -1;
    case AUTH_ALREADY_SIGNED_IN:
        reply_error(c, r, ERR_CONFLICT, "This connection is already signed in; open a new connection to sign in again.");
        return -1;
    }
    return -1;
}

void dispatch_message(conn *c, const char *buf, size_t len, int64_t now)
{
    if (app) app->messages_in++;
    proto_request r;
    proto_error e;
    char why[300];
    int parsed = proto_parse(buf, len, &r, &e, why, sizeof why);
    metrics_msg_in(parsed == 0 ? r.type : NULL);
    int64_t wait = ratelimit_take(&c->msg_window, DISPATCH_MSG_PER_WINDOW, DISPATCH_MSG_WINDOW_MS, now);
    const route *rt = NULL;
    if (wait) reply_rate_limited(c, &r, wait, "Too many messages; slow down for a few seconds.");
    else if (parsed != 0) reply_error(c, &r, e, "%s", why);
    else if (!(rt = registry_find_route(r.type)))
        reply_error(c, &r, ERR_UNKNOWN_TYPE, "Unknown message type \"%.40s\" (see docs/PROTOCOL.md).", r.type);
    else if (authorize(c, &r, rt) != 0) {}
    else if (proto_check_fields(r.root, rt->fields, why, sizeof why) != 0) reply_error(c, &r, ERR_BAD_REQUEST, "%s", why);
    else rt->fn(c, &r, now);
    json_decref(r.root);
}

void dispatch_on_close(conn *c, int64_t now)
{
    registry_on_close(c, now);
    sc_participant *p = c->participant;
    if (conn_unbind(c) && p && !p->left_ms) announce_presence(p, 0);
}
