/* followup — see followup.h. */
#include "followup.h"
#include <string.h>

const char *followup_status_message(followup_status st)
{
    switch (st) {
    case FOLLOWUP_OK: return "OK.";
    case FOLLOWUP_ERR_SELF: return "You cannot send a follow-up to yourself.";
    case FOLLOWUP_ERR_STRANGER: return "You can write only to people you shared a room with in this session.";
    case FOLLOWUP_ERR_GONE: return "That person has left the session or deleted their account; messages cannot reach them.";
    case FOLLOWUP_ERR_NOT_MEMBER: return "You were not in that room, so you cannot write to it.";
    }
    return "This follow-up cannot be sent.";
}

static int in_room(const sc_room *room, const sc_participant *p)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == p) return 1;
    return 0;
}

int followup_shared_room(const sc_participant *a, const sc_participant *b)
{
    if (!a || !b || a->session != b->session) return 0;
    sc_room *const *rooms;
    size_t n = rounds_history(a, &rooms);   /* a handful of rooms, not every room of the session */
    for (size_t i = 0; i < n; i++)
        if (in_room(rooms[i], b)) return 1;
    return 0;
}

followup_status followup_may_write(const sc_participant *from, const sc_participant *to)
{
    if (!to || !from || from->session != to->session) return FOLLOWUP_ERR_STRANGER;
    if (from == to) return FOLLOWUP_ERR_SELF;
    /* strangers first: a stranger must not learn whether someone left or deleted their account */
    if (!followup_shared_room(from, to)) return FOLLOWUP_ERR_STRANGER;
    /* people who left can no longer sign in: a message would never be read */
    if (to->deleted_ms || to->left_ms) return FOLLOWUP_ERR_GONE;
    return FOLLOWUP_OK;
}

followup_status followup_may_write_room(const sc_participant *from, const sc_room *room)
{
    if (!room || !from || room->session != from->session || !in_room(room, from)) return FOLLOWUP_ERR_NOT_MEMBER;
    return FOLLOWUP_OK;
}

sc_room *followup_find_my_room(const sc_participant *from, const char *room_id)
{
    sc_room *const *rooms;
    size_t n = rounds_history(from, &rooms);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rooms[i]->id, room_id)) return rooms[i];
    return NULL;
}

int64_t followup_rate_take(sc_participant *from, int64_t now_ms)
{
    return ratelimit_take(&from->followup_window, FOLLOWUP_PER_MINUTE, 60000, now_ms);
}

int64_t followup_retention_cutoff(int retention_days, int64_t now_ms)
{
    if (retention_days < FOLLOWUP_RETENTION_MIN_DAYS) retention_days = FOLLOWUP_RETENTION_MIN_DAYS;
    return now_ms - (int64_t)retention_days * 24 * 3600 * 1000;
}

int followup_valid_client_id(const char *id, size_t len)
{
    if (len < 1 || len > FOLLOWUP_CLIENT_ID_MAX) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return 0;
    }
    return 1;
}
