/* registry — see registry.h. The list below is the only place that names every feature; the
 * order is the order a welcomed person receives their state in (rooms before feedback before
 * follow-ups before the call). */
#include "registry.h"
#include <string.h>

extern const feature feat_identity, feat_rounds, feat_launch, feat_feedback, feat_followup, feat_followup_marks, feat_account,
    feat_session_admin, feat_call, feat_export;

static const feature *const all[] = {
    &feat_identity, &feat_rounds, &feat_launch, &feat_feedback, &feat_followup, &feat_followup_marks, &feat_account, &feat_session_admin, &feat_call,
    &feat_export,
};
#define N_FEATURES (sizeof all / sizeof all[0])

const route *registry_find_route(const char *type)
{
    for (size_t f = 0; f < N_FEATURES; f++)
        for (size_t i = 0; i < all[f]->n_routes; i++)
            if (!strcmp(all[f]->routes[i].type, type)) return &all[f]->routes[i];
    return NULL;
}

void registry_send_state(conn *c, int64_t now)
{
    for (size_t f = 0; f < N_FEATURES; f++)
        if (all[f]->send_state) all[f]->send_state(c, now);
}

void registry_on_close(conn *c, int64_t now)
{
    for (size_t f = 0; f < N_FEATURES; f++)
        if (all[f]->on_close) all[f]->on_close(c, now);
}

void registry_room_event(room_event ev, sc_room *room, sc_participant *p, int64_t now)
{
    for (size_t f = 0; f < N_FEATURES; f++)
        if (all[f]->on_room_event) all[f]->on_room_event(ev, room, p, now);
}

void registry_start(int64_t now)
{
    for (size_t f = 0; f < N_FEATURES; f++)
        if (all[f]->start) all[f]->start(now);
}

void registry_stop(void)
{
    for (size_t f = N_FEATURES; f-- > 0;)
        if (all[f]->stop) all[f]->stop();
}
