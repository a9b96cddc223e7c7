/* store_rounds — see store_rounds.h. Statements are prepared per call and reused inside loops;
 * a launch of 10,000 people is one transaction of about 13,000 rows. */
#include "store_rounds.h"
#include <stdio.h>
#include <string.h>

static void bind_clock(sqlite3_stmt *q, int at, const timeline_clock *c)
{
    sqlite3_bind_int(q, at, (int)c->phase);
    sqlite3_bind_int(q, at + 1, (int)c->turn);
    sqlite3_bind_int64(q, at + 2, c->deadline_ms);
    sqlite3_bind_int64(q, at + 3, c->remaining_ms);
    sqlite3_bind_int(q, at + 4, c->paused);
    sqlite3_bind_int(q, at + 5, c->in_grace);
}

int store_insert_member(store *st, const sc_room *room, const sc_member *m)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO room_members(room_id, pid, slot, joined_ms, gone_ms) VALUES (?,?,?,?,?)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, m->p->pid);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)m->slot);
    sqlite3_bind_int64(q, 4, m->joined_ms);
    sqlite3_bind_int64(q, 5, m->gone_ms);
    int rc = store_step_reset(q);
    sqlite3_finalize(q);
    return rc;
}

int store_insert_round(store *st, const sc_session *s, const sc_round *r)
{
    sqlite3_stmt *qr = store_prepare(st, "INSERT INTO rounds(session_id, number, turns, practice_ms, feedback_ms, soften_ms, grace_ms,"
                                " policy, seed, scenario, launched_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    sqlite3_stmt *qm = store_prepare(st, "INSERT INTO rooms(id, session_id, round, number, rotation_size, phase, turn, deadline_ms,"
                                " remaining_ms, paused, in_grace) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    sqlite3_stmt *qs = store_prepare(st, "INSERT INTO room_members(room_id, pid, slot, joined_ms, gone_ms) VALUES (?,?,?,?,0)");
    sqlite3_stmt *qt = store_prepare(st, "UPDATE participants SET therapist_count = therapist_count + ? WHERE pid = ?");
    int rc = -1;
    if (!qr || !qm || !qs || !qt) goto out;
    sqlite3_bind_text(qr, 1, s->id, -1, SQLITE_STATIC);
    sqlite3_bind_int(qr, 2, (int)r->number);
    sqlite3_bind_int(qr, 3, (int)r->shape.turns);
    sqlite3_bind_int64(qr, 4, r->shape.practice_ms);
    sqlite3_bind_int64(qr, 5, r->shape.feedback_ms);
    sqlite3_bind_int64(qr, 6, r->shape.soften_ms);
    sqlite3_bind_int64(qr, 7, r->shape.grace_ms);
    sqlite3_bind_int(qr, 8, (int)r->policy);
    sqlite3_bind_int64(qr, 9, (sqlite3_int64)(r->seed & 0x7FFFFFFFFFFFFFFFULL));
    sqlite3_bind_text(qr, 10, r->scenario, -1, SQLITE_STATIC);
    sqlite3_bind_int64(qr, 11, r->launched_ms);
    if (store_step_reset(qr)) goto out;
    for (size_t i = 0; i < r->n_rooms; i++) {
        const sc_room *room = r->rooms[i];
        sqlite3_bind_text(qm, 1, room->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(qm, 2, s->id, -1, SQLITE_STATIC);
        sqlite3_bind_int(qm, 3, (int)r->number);
        sqlite3_bind_int(qm, 4, (int)room->number);
        sqlite3_bind_int64(qm, 5, (sqlite3_int64)room->rotation_size);
        bind_clock(qm, 6, &room->clock);
        if (store_step_reset(qm)) goto out;
        for (size_t k = 0; k < room->n_members; k++) {
            const sc_member *m = &room->members[k];
            sqlite3_bind_text(qs, 1, room->id, -1, SQLITE_STATIC);
            sqlite3_bind_int64(qs, 2, m->p->pid);
            sqlite3_bind_int64(qs, 3, (sqlite3_int64)m->slot);
            sqlite3_bind_int64(qs, 4, m->joined_ms);
            if (store_step_reset(qs)) goto out;
            int therapist_turns = 0;
            for (unsigned t = 0; t < r->shape.turns; t++)
                therapist_turns += grouping_role_for(room->rotation_size, t, m->slot) == ROLE_THERAPIST;
            if (therapist_turns) {
                sqlite3_bind_int(qt, 1, therapist_turns);
                sqlite3_bind_int64(qt, 2, m->p->pid);
                if (store_step_reset(qt)) goto out;
            }
        }
    }
    rc = 0;
out:
    sqlite3_finalize(qr);
    sqlite3_finalize(qm);
    sqlite3_finalize(qs);
    sqlite3_finalize(qt);
    return rc;
}

int store_save_clocks(store *st, sc_room *const *rooms, size_t n)
{
    /* one prepared statement for all: at a shared deadline 3,333 rooms change at once */
    sqlite3_stmt *q = store_prepare(st, "UPDATE rooms SET phase=?, turn=?, deadline_ms=?, remaining_ms=?, paused=?, in_grace=? WHERE id=?");
    if (!q) return -1;
    int rc = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        bind_clock(q, 1, &rooms[i]->clock);
        sqlite3_bind_text(q, 7, rooms[i]->id, -1, SQLITE_STATIC);
        rc = store_step_reset(q);
    }
    sqlite3_finalize(q);
    return rc;
}

int store_update_member(store *st, const sc_room *room, const sc_member *m)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE room_members SET slot=?, gone_ms=? WHERE room_id=? AND pid=? AND joined_ms=?");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, (sqlite3_int64)m->slot);
    sqlite3_bind_int64(q, 2, m->gone_ms);
    sqlite3_bind_text(q, 3, room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, m->p->pid);
    sqlite3_bind_int64(q, 5, m->joined_ms);
    int rc = store_step_reset(q);
    sqlite3_finalize(q);
    return rc;
}

int store_save_seat_change(store *st, const sc_participant *p, const rounds_seat_change *c)
{
    if (c->from && c->leaver != SIZE_MAX) {
        sc_member leaver = c->from->members[c->leaver];
        leaver.gone_ms = c->now_ms;
        if (store_update_member(st, c->from, &leaver)) return -1;
        if (c->heir != SIZE_MAX) {
            sc_member heir = c->from->members[c->heir];
            heir.slot = c->heir_slot;
            if (store_update_member(st, c->from, &heir)) return -1;
        }
        for (size_t i = 0; i < c->n_reseat; i++) {
            sc_member moved = c->from->members[c->reseat_member[i]];
            moved.slot = c->reseat_slot[i];
            if (store_update_member(st, c->from, &moved)) return -1;
        }
        if (c->new_rotation_size != c->from->rotation_size) {
            sqlite3_stmt *q = store_prepare(st, "UPDATE rooms SET rotation_size=? WHERE id=?");
            if (!q) return -1;
            sqlite3_bind_int64(q, 1, (sqlite3_int64)c->new_rotation_size);
            sqlite3_bind_text(q, 2, c->from->id, -1, SQLITE_STATIC);
            if (store_finish(q)) return -1;
        }
    }
    if (c->to) {
        sc_member joined = { .p = (sc_participant *)p, .slot = c->to_slot, .joined_ms = c->now_ms };
        if (store_insert_member(st, c->to, &joined)) return -1;
    }
    return 0;
}

int store_insert_broadcast(store *st, const sc_session *s, const sc_room *room, const char *text, int64_t at_ms)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO broadcasts(session_id, room_id, text, at_ms) VALUES (?,?,?,?)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    if (room) sqlite3_bind_text(q, 2, room->id, -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, 2);
    sqlite3_bind_text(q, 3, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, at_ms);
    int rc = store_step_reset(q);
    sqlite3_finalize(q);
    return rc;
}

int store_insert_help(store *st, const sc_session *s, const sc_help *h)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO help_requests(id, session_id, room_id, pid, text, at_ms) VALUES (?,?,?,?,?,?)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, h->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, h->room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, h->p->pid);
    sqlite3_bind_text(q, 5, h->text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, h->at_ms);
    int rc = store_step_reset(q);
    sqlite3_finalize(q);
    return rc;
}

int store_ack_help(store *st, const sc_help *h)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE help_requests SET acked_ms=? WHERE id=?");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, h->acked_ms);
    sqlite3_bind_text(q, 2, h->id, -1, SQLITE_STATIC);
    int rc = store_step_reset(q);
    sqlite3_finalize(q);
    return rc;
}

int store_each_broadcast(store *st, const sc_session *s, const sc_room *room, int limit,
                         void (*fn)(const char *text, int64_t at_ms, void *ctx), void *ctx)
{
    sqlite3_stmt *q = store_prepare(st, room
        ? "SELECT text, at_ms FROM (SELECT id, text, at_ms FROM broadcasts WHERE room_id=?2 ORDER BY id DESC LIMIT ?3) ORDER BY id"
        : "SELECT text, at_ms FROM (SELECT id, text, at_ms FROM broadcasts WHERE session_id=?1 AND room_id IS NULL ORDER BY id DESC LIMIT ?3) ORDER BY id");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    if (room) sqlite3_bind_text(q, 2, room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, limit);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) fn((const char *)sqlite3_column_text(q, 0), sqlite3_column_int64(q, 1), ctx);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

static sc_participant *find_by_pid(sc_session *s, int64_t pid)
{
    /* people are loaded in pid order, so a binary search finds them */
    size_t lo = 0, hi = s->n_people;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->people[mid]->pid < pid) lo = mid + 1;
        else hi = mid;
    }
    return lo < s->n_people && s->people[lo]->pid == pid ? s->people[lo] : NULL;
}

int store_load_rounds(store *st, sc_world *w, char *err, size_t err_size)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT session_id, number, turns, practice_ms, feedback_ms, soften_ms, grace_ms, policy, seed,"
                               " scenario, launched_ms FROM rounds ORDER BY session_id, number");
    int rc;
    if (!q) goto fail;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sc_session *s = world_find_session_by_id(w, (const char *)sqlite3_column_text(q, 0));
        if (!s) continue;
        timeline_shape shape = { (unsigned)sqlite3_column_int(q, 2), sqlite3_column_int64(q, 3), sqlite3_column_int64(q, 4),
                                 sqlite3_column_int64(q, 5), sqlite3_column_int64(q, 6) };
        if (!rounds_restore_round(s, (unsigned)sqlite3_column_int(q, 1), &shape, (grouping_policy)sqlite3_column_int(q, 7),
                                  (uint64_t)sqlite3_column_int64(q, 8), (const char *)sqlite3_column_text(q, 9),
                                  sqlite3_column_int64(q, 10))) { sqlite3_finalize(q); goto nomem; }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail;

    q = store_prepare(st, "SELECT id, session_id, round, number, rotation_size, phase, turn, deadline_ms, remaining_ms, paused, in_grace"
                 " FROM rooms ORDER BY session_id, round, number");
    if (!q) goto fail;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sc_session *s = world_find_session_by_id(w, (const char *)sqlite3_column_text(q, 1));
        unsigned round_no = (unsigned)sqlite3_column_int(q, 2);
        if (!s || round_no == 0 || round_no > s->n_rounds) continue;
        timeline_clock c = { (timeline_phase)sqlite3_column_int(q, 5), (unsigned)sqlite3_column_int(q, 6),
                             sqlite3_column_int64(q, 7), sqlite3_column_int64(q, 8), sqlite3_column_int(q, 9),
                             sqlite3_column_int(q, 10) };
        if (!rounds_restore_room(w, s, s->rounds[round_no - 1], (const char *)sqlite3_column_text(q, 0),
                                 (unsigned)sqlite3_column_int(q, 3), (size_t)sqlite3_column_int64(q, 4), &c)) {
            sqlite3_finalize(q);
            goto nomem;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail;

    q = store_prepare(st, "SELECT m.room_id, r.session_id, r.round, m.pid, m.slot, m.joined_ms, m.gone_ms FROM room_members m"
                 " JOIN rooms r ON r.id = m.room_id ORDER BY m.rowid");
    if (!q) goto fail;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sc_session *s = world_find_session_by_id(w, (const char *)sqlite3_column_text(q, 1));
        unsigned round_no = (unsigned)sqlite3_column_int(q, 2);
        if (!s || round_no == 0 || round_no > s->n_rounds) continue;
        sc_round *r = s->rounds[round_no - 1];
        const char *room_id = (const char *)sqlite3_column_text(q, 0);
        sc_room *room = NULL;
        for (size_t i = 0; i < r->n_rooms && !room; i++)
            if (!strcmp(r->rooms[i]->id, room_id)) room = r->rooms[i];
        sc_participant *p = find_by_pid(s, sqlite3_column_int64(q, 3));
        if (!room || !p) continue;
        if (rounds_restore_member(room, p, (size_t)sqlite3_column_int64(q, 4), sqlite3_column_int64(q, 5),
                                  p->left_ms ? (sqlite3_column_int64(q, 6) ? sqlite3_column_int64(q, 6) : p->left_ms)
                                             : sqlite3_column_int64(q, 6))) { sqlite3_finalize(q); goto nomem; }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail;

    q = store_prepare(st, "SELECT h.id, h.session_id, h.room_id, h.pid, h.text, h.at_ms, h.acked_ms FROM help_requests h ORDER BY h.at_ms");
    if (!q) goto fail;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sc_session *s = world_find_session_by_id(w, (const char *)sqlite3_column_text(q, 1));
        if (!s) continue;
        sc_room *room = NULL;
        for (size_t i = 0; i < s->n_rounds && !room; i++)
            for (size_t j = 0; j < s->rounds[i]->n_rooms && !room; j++)
                if (!strcmp(s->rounds[i]->rooms[j]->id, (const char *)sqlite3_column_text(q, 2))) room = s->rounds[i]->rooms[j];
        sc_participant *p = find_by_pid(s, sqlite3_column_int64(q, 3));
        if (!room || !p) continue;
        if (!rounds_add_help(s, (const char *)sqlite3_column_text(q, 0), room, p, (const char *)sqlite3_column_text(q, 4),
                             sqlite3_column_int64(q, 5), sqlite3_column_int64(q, 6))) { sqlite3_finalize(q); goto nomem; }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) goto fail;
    return 0;
nomem:
    snprintf(err, err_size, "out of memory while loading rounds");
    return -1;
fail:
    snprintf(err, err_size, "cannot read rounds from the database: %s", sqlite3_errmsg(store_db(st)));
    return -1;
}
