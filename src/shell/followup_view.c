/* followup_view — see followup_view.h. */
#include "followup_view.h"
#include "timeline.h"

const char *followup_state_name(followup_state s)
{
    switch (s) {
    case FOLLOWUP_READ: return "read";
    case FOLLOWUP_DELIVERED: return "delivered";
    case FOLLOWUP_SENT: break;
    }
    return "sent";
}

json_t *view_followup(const store_followup_row *f, const sc_participant *viewer)
{
    int withdrawn = f->withdrawn_ms != 0;
    json_t *o = json_pack("{s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:I, s:s, s:b}", "id", f->id,
                          "from", "id", f->from.id, "name", f->from.name, "to", "id", f->to.id, "name", f->to.name,
                          "text", withdrawn ? "" : f->text, "sent_at", (json_int_t)f->sent_ms,
                          "status", followup_state_name(f->state), "withdrawn", withdrawn);
    if (!o) return NULL;
    json_object_set_new(o, "room", f->room_id[0] ? json_string(f->room_id) : json_null());
    if (viewer && viewer->pid == f->from.pid) json_object_set_new(o, "client_id", json_string(f->client_id));
    if (f->read_ms) json_object_set_new(o, "read_at", json_integer(f->read_ms));
    return o;
}

json_t *view_followups(const store_followup_list *l, const sc_participant *viewer)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++) json_array_append_new(a, view_followup(&l->rows[i], viewer));
    return a;
}

json_t *view_followup_event(json_t *f)
{
    return json_pack("{s:s, s:O}", "type", "followup", "followup", f);
}

json_t *view_followup_receipt(const char *id, followup_state s, int64_t at_ms)
{
    return json_pack("{s:s, s:s, s:s, s:I}", "type", "followup_receipt", "followup", id, "status", followup_state_name(s),
                     "at", (json_int_t)at_ms);
}

json_t *view_followup_withdrawn(const char *id)
{
    return json_pack("{s:s, s:s}", "type", "followup_withdrawn", "followup", id);
}

json_t *view_inbox(const store_followup_list *page, const sc_participant *viewer, int unread)
{
    return json_pack("{s:s, s:o, s:b, s:i}", "type", "inbox", "followups", view_followups(page, viewer), "more", page->more,
                     "unread", unread);
}

/* Everyone else who was in room, once each. */
static json_t *view_room_mates(const sc_room *room, const sc_participant *p)
{
    json_t *members = json_array();
    for (size_t k = 0; k < room->n_members; k++) {
        const sc_participant *m = room->members[k].p;
        int dup = 0;
        for (size_t x = 0; x < k; x++) dup |= room->members[x].p == m;
        if (m != p && !dup)
            json_array_append_new(members, json_pack("{s:s, s:s, s:b}", "id", m->id, "name", m->name, "reachable", !m->deleted_ms));
    }
    return members;
}

json_t *view_my_rooms(const sc_session *s, const sc_participant *p, int unread)
{
    json_t *a = json_array();
    sc_room *const *rooms;
    size_t n = rounds_history(p, &rooms);
    for (size_t i = n; i-- > 0;) {
        const sc_room *room = rooms[i];
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:I, s:s, s:o}", "id", room->id, "number", (json_int_t)room->number,
                                           "round", (json_int_t)room->round->number, "launched_at", (json_int_t)room->round->launched_ms,
                                           "phase", timeline_phase_name(room->clock.phase), "members", view_room_mates(room, p)));
    }
    return json_pack("{s:s, s:o, s:i, s:I, s:I}", "type", "my_rooms", "rooms", a, "unread", unread,
                     "retention_days", (json_int_t)s->retention_days, "session_ended_at", (json_int_t)s->ended_ms);
}
