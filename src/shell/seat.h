/* seat — a participant giving up their seat for good (leave, delete_me): inside the caller's
 * transaction, plan and write the hand-over of their seat; after the commit, apply it, tell the
 * room and let every feature hear that they left it. */
#ifndef SOFTCLOSE_SEAT_H
#define SOFTCLOSE_SEAT_H
#include <stdint.h>
#include "rounds.h"

int seat_leave_save(sc_participant *p, int64_t now_ms, rounds_seat_change *c);
void seat_leave_apply(sc_participant *p, const rounds_seat_change *c, int64_t now_ms);
#endif
