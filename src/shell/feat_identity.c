/* feat_identity — who a connection is: create_session (becomes the facilitator), join (a new
 * participant), hello (resume with a token after a refresh, reconnect or restart), ping (clock
 * sync) and leave. After a welcome it asks every feature for what the person should see now. */
#include "app.h"
#include "registry.h"
#include "ice.h"
#include "iplimit.h"
#include "joincode.h"
#include "presence.h"
#include "reply.h"
#include "seat.h"
#include "store.h"
#include "text.h"
#include "token.h"
#include <stdio.h>
#include <string.h>

#define JOIN_WINDOW_MS 60000

/* Join and hello both guess at secrets (a code, a token): both count toward the same limits. */
static int take_join_attempt(conn *c, proto_request *r, int64_t now)
{
    int64_t wait = ratelimit_take(&c->join_window, (uint32_t)app->cfg->join_per_minute, JOIN_WINDOW_MS, now);
    if (!wait) wait = iplimit_take(c->ip, (uint32_t)app->cfg->join_per_minute_ip, JOIN_WINDOW_MS, now);
    if (!wait) return 0;
    char buf[160];
    snprintf(buf, sizeof buf, "Too many join attempts; wait %lld seconds and try again.", (long long)(wait + 999) / 1000);
    reply_rate_limited(c, r, wait, buf);
    return -1;
}

static int clean_name(conn *c, proto_request *r, const char *field, size_t max_chars, char *out, size_t out_size)
{
    const char *v;
    size_t len;
    if (req_string(c, r, field, 1, &v, &len) != 0) return -1;
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
    /* how this person's browser reaches room mates in a call: STUN, and TURN with a fresh credential */
    char who[SC_ID_LEN + 3];
    snprintf(who, sizeof who, "%s%s", c->participant ? "" : "f-", c->participant ? c->participant->id : c->session->id);
    json_object_set_new(m, "ice", ice_view(app->cfg, who, now));
    if (c->participant)
        json_object_set_new(m, "participant", json_pack("{s:s, s:s}", "id", c->participant->id, "name", c->participant->name));
    return m;
}

static void h_join(conn *c, proto_request *r, int64_t now)
{
    if (take_join_attempt(c, r, now) != 0) return;
    const char *code_in;
    size_t code_len;
    char code[JOINCODE_LEN + 1];
    if (req_string(c, r, "code", 1, &code_in, &code_len) != 0) return;
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
    registry_send_state(c, now);
    announce_presence(p, 0);
}

static void h_hello(conn *c, proto_request *r, int64_t now)
{
    if (take_join_attempt(c, r, now) != 0) return;
    const char *tok;
    size_t len;
    if (req_string(c, r, "token", 1, &tok, &len) != 0) return;
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
    registry_send_state(c, now);
    if (came_online) announce_presence(p, 0);
}

static void h_ping(conn *c, proto_request *r, int64_t now)
{
    json_int_t t0 = 0;
    int rc = req_int(c, r, "t0", 0, INT64_MIN, INT64_MAX, &t0);
    if (rc < 0) return;
    json_t *m = json_pack("{s:s, s:I}", "type", "pong", "server_time", (json_int_t)now);
    if (rc == 0) json_object_set_new(m, "t0", json_integer(t0));
    reply(c, r, m);
}

static void h_leave(conn *c, proto_request *r, int64_t now)
{
    sc_participant *p = c->participant;
    rounds_seat_change seat;
    int ok = store_begin(app->store) == 0 && store_mark_left(app->store, p->pid, now) == 0 &&
             seat_leave_save(p, now, &seat) == 0;
    if (store_end(app->store, ok) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not record that you left; try again.");
        return;
    }
    seat_leave_apply(p, &seat, now);
    world_mark_left(&app->world, p, now);
    reply_ok(c, r);
    sign_out(p, c, "left", 1);   /* every connection of this person, this one included */
    announce_presence(p, 1);
}

static const route routes[] = {
    { "ping", ACTION_PING, FIELDS("t0"), h_ping },
    { "create_session", ACTION_CREATE_SESSION, FIELDS("name"), h_create_session },
    { "join", ACTION_JOIN, FIELDS("code", "name"), h_join },
    { "hello", ACTION_HELLO, FIELDS("token"), h_hello },
    { "leave", ACTION_LEAVE, NO_FIELDS, h_leave },
};

const feature feat_identity = { .name = "identity", ROUTES(routes) };
