/* rounds_view — how rooms, phases and help requests look on the wire (JSON builders). */
#ifndef SOFTCLOSE_ROUNDS_VIEW_H
#define SOFTCLOSE_ROUNDS_VIEW_H
#include <jansson.h>
#include <stdint.h>
#include "rounds.h"

json_t *view_round(const sc_round *r);
json_t *view_members(const sc_room *room);
/* The `room` event, as JSON text. What is the same for every member of a room (members and
 * scenario) is serialised once into room_text_shared; view_room_text then writes one member's
 * message into the shared buffer and returns it (valid until the next call; NULL on failure). */
typedef struct { char *members, *scenario, *call, *buf; size_t buf_size; } room_text_shared;
int view_room_shared(const sc_room *room, room_text_shared *out);   /* 0, or -1 out of memory */
void view_room_shared_free(room_text_shared *t);
const char *view_room_text(const sc_room *room, const sc_participant *p, room_text_shared *t, size_t *len);
json_t *view_phase(const sc_room *room, int64_t now_ms);              /* the `phase` event */
json_t *view_room_overview(const sc_room *room, int64_t now_ms);      /* R in `rooms` / `room_update` */
json_t *view_rooms(const sc_session *s, int64_t now_ms);              /* the `rooms` event */
json_t *view_help(const sc_help *h);
/* How the room's call is reached: {mode:"builtin"} or {mode:"external", url}. */
json_t *view_room_call(const sc_room *room);
#endif
