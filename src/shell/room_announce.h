/* room_announce — telling people about a room: `room` and `phase` to its members, `room_update`
 * to the facilitator, and for many rooms at once one `rooms_update` per facilitator, built after
 * the members' messages are written (after_fanout.c). Each message is serialised once per room. */
#ifndef SOFTCLOSE_ROOM_ANNOUNCE_H
#define SOFTCLOSE_ROOM_ANNOUNCE_H
#include <jansson.h>
#include <stdint.h>
#include "rounds.h"
#include "staged.h"

/* `room` (if with_room) and `phase` to every member present, and room_update to the facilitator. */
void announce_room(sc_room *room, int64_t now_ms, int with_room);
/* `room` (if with_room) and `phase` to every member present; nothing to the facilitator. */
void announce_room_members(sc_room *room, int64_t now_ms, int with_room);
/* The same messages, staged to be queued later (after a commit); 0, or -1 when out of memory. */
int stage_room_members(const sc_room *room, int64_t now_ms, int with_room, staged *st);
/* 1 when the room's clock just entered a new turn's practice: members need `room` (new roles). */
int room_turn_began(const sc_room *room);
/* room_update for one room, to the facilitator only. */
void announce_room_overview(sc_room *room, int64_t now_ms);
/* Many rooms changed at once: members now (with `room` when a new turn began), facilitators one
 * rooms_update each once participants are served. */
void announce_rooms_many(sc_room **rooms, size_t n, int64_t now_ms);
/* The facilitators' half of announce_rooms_many: one rooms_update each, after the fan-out. */
void announce_rooms_overview_later(sc_room **rooms, size_t n, int64_t now_ms);
void send_and_free(sc_participant *p, json_t *m);   /* sends m to every connection of p, drops m */
#endif
