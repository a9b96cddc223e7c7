/* store_export — see store_export.h. Four reads on the service thread, one after the other with
 * no write between them (nothing else runs on this thread meanwhile), so they agree. */
#include "store_export.h"
#include <stdlib.h>
#include <string.h>

#define GROW(e, arr, n, cap) \
    ((tmp = store_rows_grow((e)->arr, (e)->n, &(e)->cap, sizeof *(e)->arr)) ? ((e)->arr = tmp, 1) : 0)

static int read_rounds(store *st, const sc_session *s, store_export *e)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT number, turns, practice_ms, feedback_ms, soften_ms, grace_ms, launched_ms"
                                        " FROM rounds WHERE session_id = ? ORDER BY number");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    int rc;
    void *tmp;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!GROW(e, rounds, n_rounds, cap_rounds)) { rc = SQLITE_NOMEM; break; }
        store_export_round *r = &e->rounds[e->n_rounds++];
        r->number = (unsigned)sqlite3_column_int(q, 0);
        r->turns = (unsigned)sqlite3_column_int(q, 1);
        r->practice_ms = sqlite3_column_int64(q, 2);
        r->feedback_ms = sqlite3_column_int64(q, 3);
        r->soften_ms = sqlite3_column_int64(q, 4);
        r->grace_ms = sqlite3_column_int64(q, 5);
        r->launched_ms = sqlite3_column_int64(q, 6);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

/* Feedback counts as the overview has them (store_load_feedback_counts): first messages only,
 * additions ("what I meant was…") are not counted again. No text column is read. */
static int read_rooms(store *st, const sc_session *s, store_export *e)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT r.id, r.round, r.number, r.rotation_size, r.phase, r.turn,"
                                        " (SELECT COUNT(*) FROM feedback f WHERE f.room_id = r.id AND f.amends IS NULL),"
                                        " (SELECT COALESCE(SUM(f.softened), 0) FROM feedback f WHERE f.room_id = r.id AND f.amends IS NULL)"
                                        " FROM rooms r WHERE r.session_id = ? ORDER BY r.round, r.number");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    int rc;
    void *tmp;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!GROW(e, rooms, n_rooms, cap_rooms)) { rc = SQLITE_NOMEM; break; }
        store_export_room *r = &e->rooms[e->n_rooms++];
        store_column_copy(q, 0, r->id, sizeof r->id);
        r->round = (unsigned)sqlite3_column_int(q, 1);
        r->number = (unsigned)sqlite3_column_int(q, 2);
        r->rotation_size = (size_t)sqlite3_column_int64(q, 3);
        int phase = sqlite3_column_int(q, 4);
        r->phase = phase >= PHASE_PRACTICE && phase <= PHASE_CLOSED ? (timeline_phase)phase : PHASE_CLOSED;
        r->turn = (unsigned)sqlite3_column_int(q, 5);
        r->feedback_sent = (unsigned)sqlite3_column_int(q, 6);
        r->feedback_softened = (unsigned)sqlite3_column_int(q, 7);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int read_seats(store *st, const sc_session *s, store_export *e)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT m.room_id, m.slot, m.joined_ms, m.gone_ms, p.pid, p.id, p.name"
                                        " FROM room_members m JOIN rooms r ON r.id = m.room_id JOIN participants p ON p.pid = m.pid"
                                        " WHERE r.session_id = ? ORDER BY r.round, r.number, m.joined_ms, m.slot, m.rowid");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    int rc;
    void *tmp;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!GROW(e, seats, n_seats, cap_seats)) { rc = SQLITE_NOMEM; break; }
        store_export_seat *m = &e->seats[e->n_seats++];
        store_column_copy(q, 0, m->room_id, sizeof m->room_id);
        m->slot = (size_t)sqlite3_column_int64(q, 1);
        m->joined_ms = sqlite3_column_int64(q, 2);
        m->gone_ms = sqlite3_column_int64(q, 3);
        store_column_person(q, 4, &m->who);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static int read_help(store *st, const sc_session *s, store_export *e)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT h.id, h.room_id, h.text, h.at_ms, h.acked_ms, p.pid, p.id, p.name"
                                        " FROM help_requests h JOIN participants p ON p.pid = h.pid"
                                        " WHERE h.session_id = ? ORDER BY h.at_ms, h.rowid");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    int rc, oom = 0;
    void *tmp;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!GROW(e, help, n_help, cap_help)) { rc = SQLITE_NOMEM; break; }
        store_export_help *h = &e->help[e->n_help];
        store_column_copy(q, 0, h->id, sizeof h->id);
        store_column_copy(q, 1, h->room_id, sizeof h->room_id);
        if (!(h->text = store_column_dup(q, 2, 0, &oom))) { rc = SQLITE_NOMEM; break; }
        e->n_help++;
        h->at_ms = sqlite3_column_int64(q, 3);
        h->acked_ms = sqlite3_column_int64(q, 4);
        store_column_person(q, 5, &h->who);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_export_load(store *st, const sc_session *s, store_export *out)
{
    memset(out, 0, sizeof *out);
    if (read_rounds(st, s, out) == 0 && read_rooms(st, s, out) == 0 && read_seats(st, s, out) == 0 &&
        read_help(st, s, out) == 0)
        return 0;
    store_export_free(out);
    return -1;
}

void store_export_free(store_export *e)
{
    for (size_t i = 0; i < e->n_help; i++) free(e->help[i].text);
    free(e->rounds);
    free(e->rooms);
    free(e->seats);
    free(e->help);
    memset(e, 0, sizeof *e);
}
