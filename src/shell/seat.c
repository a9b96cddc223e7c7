/* seat — see seat.h. */
#include "seat.h"
#include "app.h"
#include "registry.h"
#include "room_announce.h"
#include "store_rounds.h"

int seat_leave_save(sc_participant *p, int64_t now, rounds_seat_change *c)
{
    rounds_plan_vacate(p, now, c);
    return store_save_seat_change(app->store, p, c);
}

void seat_leave_apply(sc_participant *p, const rounds_seat_change *c, int64_t now)
{
    rounds_apply_seat_change(p, c);
    if (c->from) announce_room(c->from, now, 1);
    if (c->from) registry_room_event(ROOM_MEMBER_LEFT, c->from, p, now);
}
