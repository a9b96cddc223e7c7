/* presence — see presence.h. */
#include "presence.h"
#include "rounds.h"

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
