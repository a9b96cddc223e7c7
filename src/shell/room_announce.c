/* room_announce — see room_announce.h. */
#include "room_announce.h"
#include "after_fanout.h"
#include "conn.h"
#include "rounds_view.h"
#include <stdlib.h>
#include <string.h>

void send_and_free(sc_participant *p, json_t *m)
{
    send_to_participant(p, m);
    json_decref(m);
}

/* Each message serialised once per room (view_room_text writes only the member's own role). If the
 * room text cannot be built the phase still goes; -1 when the phase could not be built or staging
 * ran out of memory. */
int stage_room_members(const sc_room *room, int64_t now, int with_room, staged *st)
{
    room_text_shared shared = { 0 };
    if (with_room && view_room_shared(room, &shared) != 0) with_room = 0;   /* out of memory: the phase still goes */
    json_t *phase = view_phase(room, now);
    char *phase_text = phase ? json_dumps(phase, JSON_COMPACT) : NULL;
    json_decref(phase);
    size_t phase_len = phase_text ? strlen(phase_text) : 0;
    int rc = phase_text ? 0 : -1;   /* out of memory: the caller falls back (or queues what it has) */
    for (size_t i = 0; rc == 0 && i < room->n_members; i++) {
        const sc_member *m = &room->members[i];
        if (m->gone_ms || !m->p->shell_conns) continue;
        size_t len;
        const char *text = with_room ? view_room_text(room, m->p, &shared, &len) : NULL;
        if (text) rc = staged_add(st, m->p, text, len);
        if (rc == 0) rc = staged_add(st, m->p, phase_text, phase_len);
    }
    free(phase_text);
    view_room_shared_free(&shared);
    return rc;
}

void announce_room_members(sc_room *room, int64_t now, int with_room)
{
    staged st = { 0 };
    stage_room_members(room, now, with_room, &st);
    staged_queue(&st);   /* what could be staged goes, even after running out of memory */
    staged_free(&st);
}

void announce_room(sc_room *room, int64_t now, int with_room)
{
    announce_room_members(room, now, with_room);
    announce_room_overview(room, now);
}

static int by_session(const void *a, const void *b)
{
    const sc_session *x = (*(sc_room *const *)a)->session, *y = (*(sc_room *const *)b)->session;
    return x < y ? -1 : x > y;
}

/* The facilitator's half of announce_many, run once participants are served (after_fanout.c). */
typedef struct { size_t n; sc_room *rooms[]; } changed_rooms;

static void send_rooms_updates_of(sc_room **rooms, size_t n, int64_t now)
{
    qsort(rooms, n, sizeof *rooms, by_session);
    for (size_t i = 0; i < n;) {
        sc_session *s = rooms[i]->session;
        size_t j = i;
        for (; j < n && rooms[j]->session == s; j++) {}
        if (s->shell_facilitator_conns) {
            json_t *list = json_array();
            for (size_t k = i; k < j; k++) json_array_append_new(list, view_room_overview(rooms[k], now));
            json_t *m = json_pack("{s:s, s:o, s:I}", "type", "rooms_update", "rooms", list, "server_time", (json_int_t)now);
            send_to_facilitator(s, m);
            json_decref(m);
        }
        i = j;
    }
}

static void send_rooms_updates(void *ctx, int64_t now)
{
    changed_rooms *cr = ctx;
    send_rooms_updates_of(cr->rooms, cr->n, now);
}

/* Many rooms changed at once (a shared deadline, "pause all"): members hear about their room at
 * once; each facilitator gets ONE `rooms_update` rather than a message per room (at 3,333 rooms
 * a message per room kept the service loop busy for seconds), built once the members' messages
 * are written. */
void announce_rooms_many(sc_room **rooms, size_t n, int64_t now)
{
    for (size_t i = 0; i < n; i++) announce_room_members(rooms[i], now, room_turn_began(rooms[i]));
    announce_rooms_overview_later(rooms, n, now);
}

int room_turn_began(const sc_room *room)
{
    return room->clock.phase == PHASE_PRACTICE && room->clock.turn > 0;   /* new roles */
}

void announce_rooms_overview_later(sc_room **rooms, size_t n, int64_t now)
{
    changed_rooms *cr = malloc(sizeof *cr + n * sizeof *rooms);
    if (!cr) {   /* no memory to defer it: send it now */
        send_rooms_updates_of(rooms, n, now);
        return;
    }
    cr->n = n;
    memcpy(cr->rooms, rooms, n * sizeof *rooms);
    after_fanout_add(send_rooms_updates, cr, free);
}

void announce_room_overview(sc_room *room, int64_t now)
{
    if (!room->session->shell_facilitator_conns) return;
    json_t *u = json_pack("{s:s, s:o, s:I}", "type", "room_update", "room", view_room_overview(room, now),
                          "server_time", (json_int_t)now);
    send_to_facilitator(room->session, u);
    json_decref(u);
}
