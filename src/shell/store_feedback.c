/* store_feedback — see store_feedback.h. */
#include "store_feedback.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_insert_feedback(store *st, const sc_session *s, const store_feedback_new *f)
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
    sqlite3_stmt *q = store_prepare(st, "UPDATE feedback SET softened = 1 WHERE id = ? AND softened = 0");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    return store_finish(q);
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

#define FEEDBACK_COLUMNS \
    "SELECT f.id, f.room_id, f.amends, f.turn, f.kind, f.text, f.original_text, f.softened, f.sent_ms, f.revised_ms," \
    " f.author_pid, a.id, a.name, f.recipient_pid, r.id, r.name FROM feedback f" \
    " JOIN participants a ON a.pid = f.author_pid JOIN participants r ON r.pid = f.recipient_pid"

static int read_row(sqlite3_stmt *q, store_feedback_row *f)
{
    int oom = 0;
    memset(f, 0, sizeof *f);
    store_column_copy(q, 0, f->id, sizeof f->id);
    store_column_copy(q, 1, f->room_id, sizeof f->room_id);
    store_column_copy(q, 2, f->amends, sizeof f->amends);
    f->turn = (unsigned)sqlite3_column_int(q, 3);
    if (feedback_parse_kind((const char *)sqlite3_column_text(q, 4), &f->kind) != 0) f->kind = FEEDBACK_KIND_FEEDBACK;
    f->text = store_column_dup(q, 5, 0, &oom);
    f->original_text = store_column_dup(q, 6, 1, &oom);
    f->softened = sqlite3_column_int(q, 7) != 0;
    f->sent_ms = sqlite3_column_int64(q, 8);
    f->revised_ms = sqlite3_column_int64(q, 9);
    store_column_person(q, 10, &f->from);
    store_column_person(q, 13, &f->to);
    return oom ? -1 : 0;
}

void store_feedback_row_free(store_feedback_row *f)
{
    if (!f) return;
    free(f->text);
    free(f->original_text);
    f->text = f->original_text = NULL;
}

void store_feedback_list_free(store_feedback_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) store_feedback_row_free(&l->rows[i]);
    free(l->rows);
    l->rows = NULL;
    l->n = l->cap = 0;
}

void store_draft_list_free(store_draft_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->rows[i].text);
    free(l->rows);
    l->rows = NULL;
    l->n = l->cap = 0;
}

int store_feedback_get(store *st, const sc_session *s, const char *id, store_feedback_row *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_prepare(st, FEEDBACK_COLUMNS " WHERE f.id = ? AND f.session_id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q) == SQLITE_ROW ? read_row(q, out) : -1;
    sqlite3_finalize(q);
    if (rc) store_feedback_row_free(out);
    return rc;
}

int store_feedback_in_room(store *st, const sc_room *room, const sc_participant *p, store_feedback_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_prepare(st, FEEDBACK_COLUMNS " WHERE f.room_id = ? AND (f.author_pid = ? OR f.recipient_pid = ?)"
                                        " ORDER BY f.sent_ms, f.rowid");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, p->pid);
    sqlite3_bind_int64(q, 3, p->pid);
    int rc = 0;
    while (!rc && sqlite3_step(q) == SQLITE_ROW) {
        store_feedback_row *rows = store_rows_grow(out->rows, out->n, &out->cap, sizeof *rows);
        if (!rows) { rc = -1; break; }
        out->rows = rows;
        if (read_row(q, &rows[out->n]) != 0) { store_feedback_row_free(&rows[out->n]); rc = -1; break; }
        out->n++;
    }
    sqlite3_finalize(q);
    if (rc) store_feedback_list_free(out);
    return rc;
}

int store_drafts_of(store *st, const sc_participant *p, store_draft_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_prepare(st, "SELECT room_id, key, text, updated_ms FROM drafts WHERE author_pid = ? AND text <> ''"
                                        " ORDER BY updated_ms DESC LIMIT ?");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, p->pid);
    sqlite3_bind_int(q, 2, STORE_DRAFTS_MAX);
    int rc = 0, oom = 0;
    while (!rc && sqlite3_step(q) == SQLITE_ROW) {
        store_draft_row *rows = store_rows_grow(out->rows, out->n, &out->cap, sizeof *rows);
        if (!rows) { rc = -1; break; }
        out->rows = rows;
        store_draft_row *d = &rows[out->n];
        store_column_copy(q, 0, d->room_id, sizeof d->room_id);
        store_column_copy(q, 1, d->key, sizeof d->key);
        d->updated_ms = sqlite3_column_int64(q, 3);
        if (!(d->text = store_column_dup(q, 2, 0, &oom))) { rc = -1; break; }
        out->n++;
    }
    sqlite3_finalize(q);
    if (rc) store_draft_list_free(out);
    return rc;
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
