/* handlers — see handlers.h. This file holds the dispatch table and the identity messages
 * (create_session, join, hello, ping, leave); round and feedback messages live beside it. */
#include "handlers.h"
#include "app.h"
#include "auth.h"
#include "iplimit.h"
#include "joincode.h"
#include "token.h"
#include "text.h"
#include "rounds.h"
#include "rounds_shell.h"
#include "feedback_shell.h"
#include "followup_shell.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define JOIN_WINDOW_MS 60000

/* ---- reply helpers -------------------------------------------------------------------- */

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

json_t *json_session(const sc_session *s)
{
    return json_pack("{s:s, s:s, s:s, s:I}", "id", s->id, "code", s->code, "name", s->name,
                     "created_at", (json_int_t)s->created_ms);
}

json_t *json_roster_entry(const sc_participant *p, int for_facilitator)
{
    json_t *o = json_pack("{s:s, s:s, s:b}", "id", p->id, "name", p->name, "online", p->online > 0);
    if (for_facilitator) {
        json_object_set_new(o, "joined_at", json_integer(p->joined_ms));
        json_object_set_new(o, "room", p->room ? json_integer(p->room->number) : json_null());
    }
    return o;
}

void sign_out(sc_participant *p, conn *self, const char *reason, int self_too)
{
    json_t *bye = json_pack("{s:s, s:s}", "type", "signed_out", "reason", reason);
    for (conn *o = p->shell_conns, *next; o; o = next) {
        next = o->peer_next;
        if (o == self) {
            if (self_too) conn_unbind(o);   /* it got its reply; no need to tell it twice */
            continue;
        }
        conn_send(o, bye);
        conn_unbind(o);
    }
    json_decref(bye);
}

void send_to_facilitator_roster(sc_session *s)
{
    for (conn *c = s->shell_facilitator_conns; c; c = c->peer_next) send_roster(c);
}

/* The full roster for one connection: everyone present for the facilitator; names for
 * participants while the session is small enough for a list of names to be useful. */
void send_roster(conn *c)
{
    sc_session *s = c->session;
    int fac = c->actor == ACTOR_FACILITATOR;
    json_t *list = json_array();
    if (fac || s->n_present <= ROSTER_LIVE_MAX)
        for (size_t i = 0; i < s->n_people; i++)
            if (!s->people[i]->left_ms) json_array_append_new(list, json_roster_entry(s->people[i], fac));
    json_t *m = json_pack("{s:s, s:o, s:I, s:b}", "type", "roster", "participants", list,
                          "count", (json_int_t)s->n_present, "names_included", fac || s->n_present <= ROSTER_LIVE_MAX);
    conn_send(c, m);
    json_decref(m);
}

/* Tells the facilitator (and, in small sessions, everyone present) that p joined, came online,
 * went offline or left. */
void announce_presence(sc_participant *p, int left)
{
    sc_session *s = p->session;
    json_t *fe = json_roster_entry(p, 1);
    if (left) json_object_set_new(fe, "left", json_true());
    json_t *fm = json_pack("{s:s, s:o, s:I}", "type", "roster_update", "participant", fe, "count", (json_int_t)s->n_present);
    send_to_facilitator(s, fm);
    json_decref(fm);
    if (s->n_present > ROSTER_LIVE_MAX) return;
    json_t *pe = json_roster_entry(p, 0);
    if (left) json_object_set_new(pe, "left", json_true());
    json_t *pm = json_pack("{s:s, s:o, s:I}", "type", "roster_update", "participant", pe, "count", (json_int_t)s->n_present);
    for (size_t i = 0; i < s->n_people; i++)
        if (s->people[i] != p && !s->people[i]->left_ms) send_to_participant(s->people[i], pm);
    json_decref(pm);
}

/* ---- identity ------------------------------------------------------------------------- */

/* Join and hello both guess at secrets (a code, a token): both count toward the same limits. */
static int take_join_attempt(conn *c, proto_request *r, int64_t now)
{
    int64_t wait = ratelimit_take(&c->join_window, (uint32_t)app->cfg->join_per_minute, JOIN_WINDOW_MS, now);
    if (!wait) wait = iplimit_take(c->ip, (uint32_t)app->cfg->join_per_minute_ip, JOIN_WINDOW_MS, now);
    if (!wait) return 0;
    json_t *m = proto_error_reply(r->id, ERR_RATE_LIMITED, "");
    char buf[160];
    snprintf(buf, sizeof buf, "Too many join attempts; wait %lld seconds and try again.", (long long)(wait + 999) / 1000);
    json_object_set_new(m, "message", json_string(buf));
    json_object_set_new(m, "retry_after_ms", json_integer(wait));
    conn_send(c, m);
    json_decref(m);
    return -1;
}

static int clean_name(conn *c, proto_request *r, const char *field, size_t max_chars, char *out, size_t out_size)
{
    const char *v;
    size_t len;
    char why[200];
    if (proto_get_string(r->root, field, 1, &v, &len, why, sizeof why) != 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return -1;
    }
    if (len > TEXT_NAME_MAX_BYTES) {
        reply_error(c, r, ERR_BAD_REQUEST, "The %s is too long; use at most %zu characters.",
                    !strcmp(field, "name") && max_chars == TEXT_NAME_MAX_CHARS ? "name" : "session name", max_chars);
        return -1;
    }
    text_status st = text_clean_name(v, len, max_chars, out, out_size);
    if (st != TEXT_OK) {
        char msg[200];
        reply_error(c, r, ERR_BAD_REQUEST, "%s",
                    text_status_message(st, max_chars == TEXT_NAME_MAX_CHARS ? "name" : "session name", max_chars, msg, sizeof msg));
        return -1;
    }
    return 0;
}

static void h_create_session(conn *c, proto_request *r, int64_t now)
{
    char name[TEXT_NAME_MAX_BYTES + 1];
    if (clean_name(c, r, "name", TEXT_SESSION_NAME_MAX_CHARS, name, sizeof name) != 0) return;
    char id[37], code[JOINCODE_LEN + 1], token[TOKEN_TEXT_LEN + 1];
    unsigned char hash[TOKEN_HASH_LEN];
    token_new_uuid(id);
    token_new('f', token);
    token_hash(token, strlen(token), hash);
    int tries = 0;
    do {   /* 31^6 ≈ 887 million codes: a collision is rare, retry a few times */
        unsigned char rnd[32];
        token_random_bytes(rnd, sizeof rnd);
        if (joincode_make(rnd, sizeof rnd, code) != 0) continue;
        if (!world_find_session_by_code(&app->world, code)) break;
    } while (++tries < 20);
    if (tries >= 20) { reply_error(c, r, ERR_INTERNAL, "Could not find a free join code; try again."); return; }
    sc_session tmp;
    memset(&tmp, 0, sizeof tmp);
    memcpy(tmp.id, id, sizeof id);
    memcpy(tmp.code, code, sizeof code);
    snprintf(tmp.name, sizeof tmp.name, "%s", name);
    memcpy(tmp.facilitator_token_hash, hash, sizeof hash);
    tmp.created_ms = now;
    if (store_insert_session(app->store, &tmp) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not save the session; try again.");
        return;
    }
    sc_session *s;
    if (world_add_session(&app->world, id, code, name, hash, now, &s) != SC_OK) {
        reply_error(c, r, ERR_INTERNAL, "Could not create the session; try again.");
        return;
    }
    conn_bind_facilitator(c, s);
    reply(c, r, json_pack("{s:s, s:o, s:s, s:I}", "type", "session_created", "session", json_session(s),
                          "facilitator_token", token, "server_time", (json_int_t)now));
    send_roster(c);
}

static json_t *welcome_for(conn *c, const char *token, int64_t now)
{
    json_t *m = json_pack("{s:s, s:s, s:o, s:I}", "type", "welcome",
                          "role", c->actor == ACTOR_FACILITATOR ? "facilitator" : "participant",
                          "session", json_session(c->session), "server_time", (json_int_t)now);
    if (token) json_object_set_new(m, "token", json_string(token));
    if (c->participant)
        json_object_set_new(m, "participant", json_pack("{s:s, s:s}", "id", c->participant->id, "name", c->participant->name));
    return m;
}

static void h_join(conn *c, proto_request *r, int64_t now)
{
    if (take_join_attempt(c, r, now) != 0) return;
    const char *code_in;
    size_t code_len;
    char why[200], code[JOINCODE_LEN + 1];
    if (proto_get_string(r->root, "code", 1, &code_in, &code_len, why, sizeof why) != 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    char name[TEXT_NAME_MAX_BYTES + 1];
    if (clean_name(c, r, "name", TEXT_NAME_MAX_CHARS, name, sizeof name) != 0) return;
    sc_session *s = NULL;
    if (joincode_parse(code_in, code_len, code) == 0) s = world_find_session_by_code(&app->world, code);
    if (!s) {
        reply_error(c, r, ERR_NOT_FOUND, "No session has that join code; check the %d characters with your facilitator.", JOINCODE_LEN);
        return;
    }
    if (s->ended_ms) {
        reply_error(c, r, ERR_CONFLICT, "This session has ended; ask your facilitator for the code of a new one.");
        return;
    }
    if (world_can_join(&app->world, s) != SC_OK) {
        reply_error(c, r, ERR_CONFLICT, "This session is full (%zu people); ask the facilitator.", app->world.max_participants);
        return;
    }
    char id[37], token[TOKEN_TEXT_LEN + 1];
    unsigned char hash[TOKEN_HASH_LEN];
    token_new_uuid(id);
    token_new('p', token);
    token_hash(token, strlen(token), hash);
    int64_t pid;
    if (store_insert_participant(app->store, s->id, id, name, hash, now, &pid) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not save your place; try again.");
        return;
    }
    sc_participant *p;
    if (world_add_participant(&app->world, s, pid, id, name, hash, now, 0, &p) != SC_OK) {
        reply_error(c, r, ERR_INTERNAL, "Could not add you to the session; try again.");
        return;
    }
    conn_bind_participant(c, p);
    reply(c, r, welcome_for(c, token, now));
    send_roster(c);
    rounds_send_state(c, now);
    announce_presence(p, 0);
}

static void h_hello(conn *c, proto_request *r, int64_t now)
{
    if (take_join_attempt(c, r, now) != 0) return;
    const char *tok;
    size_t len;
    char why[200];
    if (proto_get_string(r->root, "token", 1, &tok, &len, why, sizeof why) != 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", why);
        return;
    }
    unsigned char hash[TOKEN_HASH_LEN];
    sc_session *s = NULL;
    sc_participant *p = NULL;
    sc_token_kind kind = TOKEN_NONE;
    if (token_hash(tok, len, hash) == 0) kind = world_find_by_token(&app->world, hash, &s, &p);
    if (kind == TOKEN_NONE) {
        reply_error(c, r, ERR_UNAUTHORIZED, "This link is not valid any more (it was revoked, or you left the session); join again with the code.");
        return;
    }
    if (kind == TOKEN_FACILITATOR && s->facilitator_online >= CONN_FACILITATORS_PER_SESSION) {
        reply_error(c, r, ERR_CONFLICT, "This session already has %d facilitator windows open; close one and try again.",
                    CONN_FACILITATORS_PER_SESSION);
        return;
    }
    int came_online = 0;
    if (kind == TOKEN_FACILITATOR) conn_bind_facilitator(c, s);
    else came_online = conn_bind_participant(c, p);
    reply(c, r, welcome_for(c, NULL, now));
    send_roster(c);
    rounds_send_state(c, now);
    if (came_online) announce_presence(p, 0);
}

static void h_ping(conn *c, proto_request *r, int64_t now)
{
    json_int_t t0 = 0;
    char why[200];
    int rc = proto_get_int(r->root, "t0", 0, INT64_MIN, INT64_MAX, &t0, why, sizeof why);
    if (rc < 0) { reply_error(c, r, ERR_BAD_REQUEST, "%s", why); return; }
    json_t *m = json_pack("{s:s, s:I}", "type", "pong", "server_time", (json_int_t)now);
    if (rc == 0) json_object_set_new(m, "t0", json_integer(t0));
    reply(c, r, m);
}

static void h_leave(conn *c, proto_request *r, int64_t now)
{
    sc_participant *p = c->participant;
    rounds_seat_change seat;
    if (store_begin(app->store) != 0 || store_mark_left(app->store, p->pid, now) != 0 ||
        rounds_leave_save(p, now, &seat) != 0 || store_commit(app->store) != 0) {
        store_rollback(app->store);
        reply_error(c, r, ERR_INTERNAL, "Could not record that you left; try again.");
        return;
    }
    rounds_leave_apply(p, &seat, now);
    world_mark_left(&app->world, p, now);
    reply_ok(c, r);
    sign_out(p, c, "left", 1);   /* every connection of this person, this one included */
    announce_presence(p, 1);
}

/* ---- dispatch ------------------------------------------------------------------------- */

typedef struct {
    const char *type;
    auth_action action;
    const char *const *fields;
    handler_fn fn;
} route;

#define FIELDS(...) (const char *const[]){ __VA_ARGS__, NULL }
static const route routes[] = {
    { "ping", ACTION_PING, FIELDS("t0"), h_ping },
    { "create_session", ACTION_CREATE_SESSION, FIELDS("name"), h_create_session },
    { "join", ACTION_JOIN, FIELDS("code", "name"), h_join },
    { "hello", ACTION_HELLO, FIELDS("token"), h_hello },
    { "leave", ACTION_LEAVE, FIELDS(NULL), h_leave },
    ROUNDS_ROUTES
    FEEDBACK_ROUTES
    FOLLOWUP_ROUTES
};
#define N_ROUTES (sizeof routes / sizeof routes[0])

void handlers_dispatch(conn *c, const char *buf, size_t len, int64_t now)
{
    if (app) app->messages_in++;
    proto_request r;
    proto_error e;
    char why[300];
    int parsed = proto_parse(buf, len, &r, &e, why, sizeof why);
    int64_t wait = ratelimit_take(&c->msg_window, HANDLERS_MSG_PER_WINDOW, HANDLERS_MSG_WINDOW_MS, now);
    if (wait) {
        json_t *m = proto_error_reply(r.id, ERR_RATE_LIMITED, "Too many messages; slow down for a few seconds.");
        json_object_set_new(m, "retry_after_ms", json_integer(wait));
        conn_send(c, m);
        json_decref(m);
        goto done;
    }
    if (parsed != 0) {
        reply_error(c, &r, e, "%s", why);
        goto done;
    }
    const route *rt = NULL;
    for (size_t i = 0; i < N_ROUTES && !rt; i++)
        if (!strcmp(routes[i].type, r.type)) rt = &routes[i];
    if (!rt) {
        reply_error(c, &r, ERR_UNKNOWN_TYPE, "Unknown message type \"%.40s\" (see docs/PROTOCOL.md).", r.type);
        goto done;
    }
    switch (auth_check(c->actor, rt->action)) {
    case AUTH_OK: break;
    case AUTH_UNAUTHORIZED:
        reply_error(c, &r, ERR_UNAUTHORIZED, "Join a session or say hello with your token first.");
        goto done;
    case AUTH_FORBIDDEN:
        reply_error(c, &r, ERR_FORBIDDEN, "Only the %s can do that.", c->actor == ACTOR_PARTICIPANT ? "facilitator" : "participants");
        goto done;
    case AUTH_ALREADY_SIGNED_IN:
        reply_error(c, &r, ERR_CONFLICT, "This connection is already signed in; open a new connection to sign in again.");
        goto done;
    }
    if (proto_check_fields(r.root, rt->fields, why, sizeof why) != 0) {
        reply_error(c, &r, ERR_BAD_REQUEST, "%s", why);
        goto done;
    }
    rt->fn(c, &r, now);
done:
    json_decref(r.root);
}

void handlers_on_close(conn *c, int64_t now_ms)
{
    sc_participant *p = c->participant;
    if (conn_unbind(c) && p && !p->left_ms) announce_presence(p, 0);
}
