/* rounds_view — see rounds_view.h. */
#include "rounds_view.h"
#include "call_link.h"
#include "feedback.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *policy_name(grouping_policy p) { return p == GROUPING_POLICY_PAIRS ? "pairs" : "fours"; }

json_t *view_round(const sc_round *r)
{
    if (!r) return json_null();
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:s, s:s, s:I}", "number", (json_int_t)r->number,
                     "turns", (json_int_t)r->shape.turns, "practice_s", (json_int_t)(r->shape.practice_ms / 1000),
                     "feedback_s", (json_int_t)(r->shape.feedback_ms / 1000), "soften_s", (json_int_t)(r->shape.soften_ms / 1000),
                     "grace_s", (json_int_t)(r->shape.grace_ms / 1000), "policy", policy_name(r->policy),
                     "scenario", r->scenario, "launched_at", (json_int_t)r->launched_ms);
}

json_t *view_members(const sc_room *room)
{
    json_t *a = json_array();
    for (size_t i = 0; i < room->n_members; i++) {
        const sc_member *m = &room->members[i];
        if (m->gone_ms) continue;
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b}", "id", m->p->id, "name", m->p->name,
                                           "role", grouping_role_name(rounds_member_role(room, m)), "online", m->p->online > 0));
    }
    return a;
}

json_t *view_room_call(const sc_room *room)
{
    const sc_session *s = room->session;
    char url[CALL_LINK_EXPANDED_MAX];
    if (!*s->call_link ||
        call_link_expand(s->call_link, s->code, room->round->number, room->number, room->id, url, sizeof url) != 0)
        return json_pack("{s:s}", "mode", "builtin");
    return json_pack("{s:s, s:s}", "mode", "external", "url", url);
}

int view_room_shared(const sc_room *room, room_text_shared *out)
{
    *out = (room_text_shared){ 0 };
    json_t *members = view_members(room), *scenario = json_string(room->round->scenario), *call = view_room_call(room);
    out->members = members ? json_dumps(members, JSON_COMPACT) : NULL;
    out->scenario = scenario ? json_dumps(scenario, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
    out->call = call ? json_dumps(call, JSON_COMPACT) : NULL;
    json_decref(members);
    json_decref(scenario);
    json_decref(call);
    if (out->members && out->scenario && out->call) {
        /* room id, role name, five integers and the fixed keys are well under 300 bytes */
        out->buf_size = strlen(out->members) + strlen(out->scenario) + strlen(out->call) + 300;
        out->buf = malloc(out->buf_size);
    }
    if (!out->members || !out->scenario || !out->call || !out->buf) {
        view_room_shared_free(out);
        return -1;
    }
    return 0;
}

void view_room_shared_free(room_text_shared *t)
{
    free(t->members);
    free(t->scenario);
    free(t->call);
    free(t->buf);
    *t = (room_text_shared){ 0 };
}

/* Text rather than a json_t: a launch of 10,000 people serialises the members once per room
 * instead of once per member. The room id is a UUID and role names are fixed words, so only the
 * members and the scenario need escaping, and json_dumps did that. */
const char *view_room_text(const sc_room *room, const sc_participant *p, room_text_shared *t, size_t *len)
{
    const sc_member *me = NULL;
    for (size_t i = 0; i < room->n_members && !me; i++)
        if (room->members[i].p == p && !room->members[i].gone_ms) me = &room->members[i];
    int n = snprintf(t->buf, t->buf_size,
                     "{\"type\":\"room\",\"room\":{\"id\":\"%s\",\"number\":%u,\"round\":%u,\"turns\":%u,\"members\":%s},"
                     "\"you\":{\"role\":\"%s\"},\"turn\":%u,\"scenario\":%s,\"call\":%s}",
                     room->id, room->number, room->round->number, room->round->shape.turns, t->members,
                     me ? grouping_role_name(rounds_member_role(room, me)) : "observer", room->clock.turn, t->scenario, t->call);
    if (n < 0 || (size_t)n >= t->buf_size) return NULL;   /* cannot happen with the size above */
    *len = (size_t)n;
    return t->buf;
}

static void add_clock(json_t *o, const sc_room *room, int64_t now_ms)
{
    const timeline_clock *c = &room->clock;
    json_object_set_new(o, "phase", json_string(timeline_phase_name(c->phase)));
    json_object_set_new(o, "turn", json_integer(c->turn));
    json_object_set_new(o, "turns", json_integer(room->round->shape.turns));
    int running = !c->paused && c->phase != PHASE_CLOSED;
    json_object_set_new(o, "deadline", running ? json_integer(c->deadline_ms) : json_null());
    json_object_set_new(o, "remaining_ms", json_integer(timeline_remaining(c, now_ms)));
    json_object_set_new(o, "paused", json_boolean(c->paused));
    json_object_set_new(o, "grace", json_boolean(c->in_grace));
    json_object_set_new(o, "server_time", json_integer(now_ms));
    if (c->in_grace) {
        /* "waiting for Ana to finish": the people whose typing holds the room open */
        const sc_member *typing[8];
        size_t n = feedback_typing_members(room, now_ms, typing, 8);
        json_t *names = json_array();
        for (size_t i = 0; i < n && i < 8; i++) json_array_append_new(names, json_string(typing[i]->p->name));
        json_object_set_new(o, "waiting_for", names);
    }
}

/* The step at the deadline, when it is certain now (timeline_peek_next): browsers switch to it on
 * their own clock at the deadline, and the server's `phase` then confirms it. A new turn brings
 * new roles, so those come along. */
static json_t *view_next(const sc_room *room)
{
    timeline_clock next;
    if (!timeline_peek_next(&room->clock, &room->round->shape, &next)) return NULL;
    json_t *o = json_pack("{s:s, s:I, s:I}", "phase", timeline_phase_name(next.phase), "turn", (json_int_t)next.turn,
                          "deadline", (json_int_t)next.deadline_ms);
    if (o && next.turn != room->clock.turn) {
        json_t *roles = json_array();
        for (size_t i = 0; i < room->n_members; i++) {
            const sc_member *m = &room->members[i];
            if (m->gone_ms) continue;
            json_array_append_new(roles, json_pack("{s:s, s:s}", "id", m->p->id, "role",
                                                   grouping_role_name(rounds_member_role_at(room, m, next.turn))));
        }
        json_object_set_new(o, "roles", roles);
    }
    return o;
}

json_t *view_phase(const sc_room *room, int64_t now_ms)
{
    json_t *o = json_pack("{s:s, s:s}", "type", "phase", "room", room->id);
    add_clock(o, room, now_ms);
    json_t *next = view_next(room);
    if (next) json_object_set_new(o, "next", next);   /* last: the fields above keep their place */
    return o;
}

json_t *view_room_overview(const sc_room *room, int64_t now_ms)
{
    json_t *o = json_pack("{s:s, s:I, s:o, s:{s:I, s:I}}", "id", room->id, "number", (json_int_t)room->number,
                          "members", view_members(room), "feedback", "sent", (json_int_t)room->n_feedback,
                          "softened", (json_int_t)room->n_softened);
    add_clock(o, room, now_ms);
    return o;
}

json_t *view_rooms(const sc_session *s, int64_t now_ms)
{
    const sc_round *r = rounds_current(s);
    json_t *a = json_array();
    for (size_t i = 0; r && i < r->n_rooms; i++) json_array_append_new(a, view_room_overview(r->rooms[i], now_ms));
    return json_pack("{s:s, s:o, s:o, s:I}", "type", "rooms", "round", view_round(r), "rooms", a, "server_time", (json_int_t)now_ms);
}

json_t *view_help(const sc_help *h)
{
    return json_pack("{s:s, s:s, s:I, s:{s:s, s:s}, s:s, s:I, s:b}", "id", h->id, "room", h->room->id,
                     "number", (json_int_t)h->room->number, "participant", "id", h->p->id, "name", h->p->name,
                     "text", h->text, "at", (json_int_t)h->at_ms, "acked", h->acked_ms != 0);
}
