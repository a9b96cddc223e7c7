/* feedback_view — see feedback_view.h. */
#include "feedback_view.h"
#include "hints_view.h"

json_t *view_feedback(const store_feedback_row *f, const sc_participant *viewer)
{
    json_t *o = json_pack("{s:s, s:s, s:I, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:I, s:b}", "id", f->id,
                          "room", f->room_id, "turn", (json_int_t)f->turn, "kind", feedback_kind_name(f->kind),
                          "text", f->text, "from", "id", f->from.id, "name", f->from.name, "to", "id", f->to.id,
                          "name", f->to.name, "sent_at", (json_int_t)f->sent_ms, "revised", f->revised_ms != 0);
    if (!o) return NULL;
    if (f->revised_ms) json_object_set_new(o, "revised_at", json_integer(f->revised_ms));
    if (f->amends[0]) json_object_set_new(o, "amends", json_string(f->amends));
    if (viewer && viewer->pid == f->from.pid) {
        /* only the author sees the text they replaced, and the hints their message has now (the
         * engine is deterministic, so hints are recomputed, not stored) */
        if (f->original_text) json_object_set_new(o, "original_text", json_string(f->original_text));
        json_object_set_new(o, "hints", view_hints_of_text(f->text));
        json_object_set_new(o, "softened", json_boolean(f->softened));
    }
    return o;
}

json_t *view_feedback_message(const char *type, const store_feedback_row *f, const sc_participant *viewer)
{
    json_t *fb = f ? view_feedback(f, viewer) : NULL;
    return json_pack("{s:s, s:o}", "type", type, "feedback", fb ? fb : json_null());
}

json_t *view_feedback_list(const sc_room *room, const store_feedback_list *l, const sc_participant *viewer)
{
    json_t *sent = json_array(), *received = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const store_feedback_row *f = &l->rows[i];
        json_array_append_new(f->from.pid == viewer->pid ? sent : received, view_feedback(f, viewer));
    }
    return json_pack("{s:s, s:s, s:o, s:o}", "type", "feedback_list", "room", room->id, "sent", sent, "received", received);
}

json_t *view_drafts(const store_draft_list *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const store_draft_row *d = &l->rows[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I}", "room", d->room_id, "key", d->key, "text", d->text,
                                           "updated_at", (json_int_t)d->updated_ms));
    }
    return json_pack("{s:s, s:o}", "type", "drafts", "drafts", a);
}

json_t *view_feedback_hints(const soften_result *res)
{
    return json_pack("{s:s, s:o, s:s, s:o, s:I}", "type", "feedback_hints", "flags", view_hint_flags(res),
                     "verdict", res->verdict == SOFTEN_VERDICT_KIND ? "kind" : "could_soften",
                     "markers", view_hint_markers(res), "chars", (json_int_t)res->n_chars);
}
