/* rounds_view — how rooms, phases and help requests look on the wire (JSON builders). */
#ifndef SOFTCLOSE_ROUNDS_VIEW_H
#define SOFTCLOSE_ROUNDS_VIEW_H
#include <jansson.h>
#include <stdint.h>
#include "rounds.h"

json_t *view_round(const sc_round *r);
json_t *view_members(const sc_room *room);
json_t *view_room_for(const sc_room *room, const sc_participant *p);   /* the `room` event */
json_t *view_phase(const sc_room *room, int64_t now_ms);              /* the `phase` event */
json_t *view_room_overview(const sc_room *room, int64_t now_ms);      /* R in `rooms` / `room_update` */
json_t *view_rooms(const sc_session *s, int64_t now_ms);              /* the `rooms` event */
json_t *view_help(const sc_help *h);
#endif
