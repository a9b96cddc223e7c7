/* rounds_shell — the round and room messages (launch_round, pause, resume, extend, end_round,
 * broadcast, move, help, help_ack), what a person sees about their room, and the one deadline
 * timer: a single lws_sul armed for the earliest deadline across all live rooms. */
#ifndef SOFTCLOSE_ROUNDS_SHELL_H
#define SOFTCLOSE_ROUNDS_SHELL_H
#include <stdint.h>
#include "conn.h"
#include "protocol.h"
#include "rounds.h"
#include "launch_shell.h"

/* After welcome: everything this person should see now (room, phase, history; or the overview). */
void rounds_send_state(conn *c, int64_t now_ms);
/* A participant leaves the session (or deletes their account): inside the caller's transaction,
 * plan and write the hand-over of their seat; after the commit, apply it and tell the room. */
int rounds_leave_save(sc_participant *p, int64_t now_ms, rounds_seat_change *c);
void rounds_leave_apply(sc_participant *p, const rounds_seat_change *c, int64_t now_ms);
/* At start-up, after loading: advance rooms whose deadline passed while the server was down
 * (once each) and arm the timer. */
void rounds_start(int64_t now_ms);
/* Re-arms the timer for the earliest deadline (after any clock change). */
void rounds_reschedule(int64_t now_ms);
/* Cancels the deadline timer before the context goes away. */
void rounds_shutdown(void);
/* Sends `room` (if with_room) and `phase` to every member present, and room_update to the facilitator. */
void rounds_announce(sc_room *room, int64_t now_ms, int with_room);
/* Sends `room` (if with_room) and `phase` to every member present, and nothing to the facilitator. */
void rounds_announce_members(sc_room *room, int64_t now_ms, int with_room);
/* Sends room_update for one room to the facilitator only. */
void rounds_announce_overview(sc_room *room, int64_t now_ms);

void h_pause(conn *c, proto_request *r, int64_t now_ms);
void h_resume(conn *c, proto_request *r, int64_t now_ms);
void h_extend(conn *c, proto_request *r, int64_t now_ms);
void h_end_round(conn *c, proto_request *r, int64_t now_ms);
void h_broadcast(conn *c, proto_request *r, int64_t now_ms);
void h_move(conn *c, proto_request *r, int64_t now_ms);
void h_help(conn *c, proto_request *r, int64_t now_ms);
void h_help_ack(conn *c, proto_request *r, int64_t now_ms);

#define ROUNDS_ROUTES \
    { "launch_round", ACTION_FACILITATE, FIELDS("turns", "practice_s", "feedback_s", "soften_s", "grace_s", "policy", "scenario", "seed"), h_launch_round }, \
    { "pause", ACTION_FACILITATE, FIELDS("room"), h_pause }, \
    { "resume", ACTION_FACILITATE, FIELDS("room"), h_resume }, \
    { "extend", ACTION_FACILITATE, FIELDS("seconds", "room"), h_extend }, \
    { "end_round", ACTION_FACILITATE, FIELDS("room"), h_end_round }, \
    { "broadcast", ACTION_FACILITATE, FIELDS("text", "room"), h_broadcast }, \
    { "move", ACTION_FACILITATE, FIELDS("participant", "room"), h_move }, \
    { "help_ack", ACTION_FACILITATE, FIELDS("help"), h_help_ack }, \
    { "help", ACTION_HELP, FIELDS("text"), h_help },
#endif
