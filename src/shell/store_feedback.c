/* store_feedback — see store_feedback.h. */
#include "store_feedback.h"
#include "soften.h"
#include <stdio.h>
#include <string.h>

int store_insert_feedback(store *st, const sc_session *s, const store_feedback_row *f)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO feedback(id, session_id, room_id, turn, author_pid, recipient_pid, kind, text,"
                               " flags, acknowledged, softened, amends, sent_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, f->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, f->room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, (int)f->turn);
    sqlite3_bind_int64(q, 5, f->author->pid);
    sqlite3_bind_int64(q, 6, f->recipient->pid);
    sqlite3_bind_text(q, 7, feedback_kind_name(f->kind), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, f->text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 9, (sqlite3_int64)f->flags);
    sqlite3_bind_int(q, 10, f->acknowledged);
    sqlite3_bind_int(q, 11, f->softened);
    if (f->amends) sqlite3_bind_text(q, 12, f->amends, -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, 12);
    sqlite3_bind_int64(q, 13, f->sent_ms);
    return store_finish(q);
}

int store_replace_feedback(store *st, const char *id, const char *text, size_t flags, int64_t now_ms)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE feedback SET original_text = COALESCE(original_text, text), text = ?, flags = ?,"
                               " revised_ms = ? WHERE id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)flags);
    sqlite3_bind_int64(q, 3, now_ms);
    sqlite3_bind_text(q, 4, id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_mark_softened(store *st, const char *id)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE feedback SET softened = 1 WHERE id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_feedback_owner(store *st, const char *id, int64_t *author_pid, char room_id[SC_ID_LEN + 1], int *softened)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT author_pid, room_id, softened FROM feedback WHERE id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = -1;
    if (sqlite3_step(q) == SQLITE_ROW) {
        *author_pid = sqlite3_column_int64(q, 0);
        snprintf(room_id, SC_ID_LEN + 1, "%s", (const char *)sqlite3_column_text(q, 1));
        *softened = sqlite3_column_int(q, 2);
        rc = 0;
    }
    sqlite3_finalize(q);
    return rc;
}

int store_save_draft(store *st, int64_t author_pid, const char *room_id, const char *key, const char *text,
                     size_t flags, int64_t now_ms, size_t *max_flags)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO drafts(author_pid, room_id, key, text, max_flags, updated_ms) VALUES (?,?,?,?,?,?)"
                               " ON CONFLICT(author_pid, room_id, key) DO UPDATE SET text = excluded.text,"
                               " max_flags = MAX(max_flags, excluded.max_flags), updated_ms = excluded.updated_ms"
                               " RETURNING max_flags");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, author_pid);
    sqlite3_bind_text(q, 2, room_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)flags);
    sqlite3_bind_int64(q, 6, now_ms);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW && max_flags) *max_flags = (size_t)sqlite3_column_int64(q, 0);
    if (rc == SQLITE_ROW) rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_delete_draft(store *st, int64_t author_pid, const char *room_id, const char *key)
{
    sqlite3_stmt *q = store_prepare(st, "DELETE FROM drafts WHERE author_pid = ? AND room_id = ? AND key = ?");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, author_pid);
    sqlite3_bind_text(q, 2, room_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, key, -1, SQLITE_STATIC);
    return store_finish(q);
}

/* The hints a text has now: the engine is deterministic, so hints are recomputed, not stored. */
static json_t *hints_json(const char *text)
{
    static soften_result res;   /* large; the service thread is the only caller */
    json_t *a = json_array();
    if (soften_check(text, strlen(text), &res) != SOFTEN_OK) return a;
    for (size_t i = 0; i < res.n_flags; i++) {
        const soften_flag *f = &res.flags[i];
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:s, s:s}", "rule", f->rule, "start", (json_int_t)f->start,
                                           "end", (json_int_t)f->end, "why", f->why, "suggestion", f->suggestion));
    }
    return a;
}

#define FEEDBACK_COLUMNS \
    "SELECT f.id, f.room_id, f.turn, f.kind, f.text, f.original_text, f.flags, f.softened, f.amends, f.sent_ms, f.revised_ms," \
    " a.id, a.name, r.id, r.name, f.author_pid FROM feedback f JOIN participants a ON a.pid = f.author_pid" \
    " JOIN participants r ON r.pid = f.recipient_pid"

static json_t *row_json(sqlite3_stmt *q, const sc_participant *viewer)
{
#define TXT(i) ((const char *)sqlite3_column_text(q, i))
    int is_author = viewer && viewer->pid == sqlite3_column_int64(q, 15);
    json_t *o = json_pack("{s:s, s:s, s:I, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:I, s:b}", "id", TXT(0), "room", TXT(1),
                          "turn", (json_int_t)sqlite3_column_int(q, 2), "kind", TXT(3), "text", TXT(4),
                          "from", "id", TXT(11), "name", TXT(12), "to", "id", TXT(13), "name", TXT(14),
                          "sent_at", (json_int_t)sqlite3_column_int64(q, 9), "revised", sqlite3_column_int64(q, 10) != 0);
    if (sqlite3_column_int64(q, 10)) json_object_set_new(o, "revised_at", json_integer(sqlite3_column_int64(q, 10)));
    if (TXT(8)) json_object_set_new(o, "amends", json_string(TXT(8)));
    if (is_author) {
        /* only the author sees the text they replaced, and the hints their message has */
        if (TXT(5)) json_object_set_new(o, "original_text", json_string(TXT(5)));
        json_object_set_new(o, "hints", hints_json(TXT(4)));
        json_object_set_new(o, "softened", json_boolean(sqlite3_column_int(q, 7)));
    }
    return o;
#undef TXT
}

json_t *store_feedback_json(store *st, const sc_session *s, const char *id, const sc_participant *viewer)
{
    sqlite3_stmt *q = store_prepare(st, FEEDBACK_COLUMNS " WHERE f.id = ? AND f.session_id = ?");
    if (!q) return NULL;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    json_t *o = sqlite3_step(q) == SQLITE_ROW ? row_json(q, viewer) : NULL;
    sqlite3_finalize(q);
    return o;
}

json_t *store_feedback_for(store *st, const sc_session *s, const sc_room *room, const sc_participant *p)
{
    json_t *sent = json_array(), *received = json_array();
    sqlite3_stmt *q = store_prepare(st, FEEDBACK_COLUMNS " WHERE f.room_id = ? AND (f.author_pid = ? OR f.recipient_pid = ?) ORDER BY f.sent_ms, f.rowid");
    if (q) {
        sqlite3_bind_text(q, 1, room->id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 2, p->pid);
        sqlite3_bind_int64(q, 3, p->pid);
        while (sqlite3_step(q) == SQLITE_ROW) {
            int mine = sqlite3_column_int64(q, 15) == p->pid;
            json_array_append_new(mine ? sent : received, row_json(q, p));
        }
        sqlite3_finalize(q);
    }
    (void)s;
    return json_pack("{s:o, s:o}", "sent", sent, "received", received);
}

json_t *store_drafts_of(store *st, const sc_participant *p)
{
    json_t *a = json_array();
    sqlite3_stmt *q = store_prepare(st, "SELECT room_id, key, text, updated_ms FROM drafts WHERE author_pid = ? AND text <> ''"
                               " ORDER BY updated_ms DESC LIMIT 100");
    if (!q) return a;
    sqlite3_bind_int64(q, 1, p->pid);
    while (sqlite3_step(q) == SQLITE_ROW)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I}", "room", (const char *)sqlite3_column_text(q, 0),
                                           "key", (const char *)sqlite3_column_text(q, 1), "text", (const char *)sqlite3_column_text(q, 2),
                                           "updated_at", (json_int_t)sqlite3_column_int64(q, 3)));
    sqlite3_finalize(q);
    return a;
}

int store_load_feedback_counts(store *st, sc_world *w)
{
    for (size_t i = 0; i < w->n_sessions; i++)
        for (size_t j = 0; j < w->sessions[i]->n_rounds; j++)
            for (size_t k = 0; k < w->sessions[i]->rounds[j]->n_rooms; k++)
                w->sessions[i]->rounds[j]->rooms[k]->n_feedback = w->sessions[i]->rounds[j]->rooms[k]->n_softened = 0;
    sqlite3_stmt *q = store_prepare(st, "SELECT f.room_id, r.session_id, r.round, COUNT(*), SUM(f.softened) FROM feedback f"
                               " JOIN rooms r ON r.id = f.room_id WHERE f.amends IS NULL GROUP BY f.room_id");
    if (!q) return -1;
    while (sqlite3_step(q) == SQLITE_ROW) {
        sc_session *s = world_find_session_by_id(w, (const char *)sqlite3_column_text(q, 1));
        unsigned round_no = (unsigned)sqlite3_column_int(q, 2);
        if (!s || !round_no || round_no > s->n_rounds) continue;
        sc_round *r = s->rounds[round_no - 1];
        for (size_t i = 0; i < r->n_rooms; i++)
            if (!strcmp(r->rooms[i]->id, (const char *)sqlite3_column_text(q, 0))) {
                r->rooms[i]->n_feedback = (unsigned)sqlite3_column_int(q, 3);
                r->rooms[i]->n_softened = (unsigned)sqlite3_column_int(q, 4);
            }
    }
    sqlite3_finalize(q);
    return 0;
}

int store_load_typing(store *st, sc_world *w)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT d.author_pid, d.room_id, r.session_id, MAX(d.updated_ms) FROM drafts d"
                                        " JOIN rooms r ON r.id = d.room_id WHERE r.phase <> ? GROUP BY d.author_pid, d.room_id");
    if (!q) return -1;
    sqlite3_bind_int(q, 1, (int)PHASE_CLOSED);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sc_session *s = world_find_session_by_id(w, (const char *)sqlite3_column_text(q, 2));
        sc_room *room = s ? rounds_find_room(s, (const char *)sqlite3_column_text(q, 1)) : NULL;
        if (!room) continue;   /* a room of an earlier round: it closed long ago */
        int64_t pid = sqlite3_column_int64(q, 0), at = sqlite3_column_int64(q, 3);
        for (size_t i = 0; i < room->n_members; i++) {
            sc_member *m = &room->members[i];
            if (!m->gone_ms && m->p->pid == pid && at > m->last_typing_ms) m->last_typing_ms = at;
        }
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}
