/* call — see call.h. */
#include "call.h"
#include <stdlib.h>
#include <string.h>

const char *call_status_message(call_status st)
{
    switch (st) {
    case CALL_OK: return "OK.";
    case CALL_ERR_NOT_MEMBER: return "You can only join the call of the room you are in now.";
    case CALL_ERR_CLOSED: return "This room has closed; its call has ended. Your follow-ups are open.";
    case CALL_ERR_FULL: return "This call is full; ask the facilitator.";
    case CALL_ERR_EXTERNAL: return "This session uses another call system: use your room's call link.";
    case CALL_ERR_NOT_IN_CALL: return "Join your room's call first.";
    case CALL_ERR_NO_PEER: return "Nobody with that peer id is in your call.";
    case CALL_ERR_NOMEM: return "Out of memory; try again.";
    }
    return "The call refused that.";
}

static sc_member *present_member(sc_room *room, const sc_participant *p)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == p && !room->members[i].gone_ms) return &room->members[i];
    return NULL;
}

call_status call_may_join(const sc_room *room, const sc_participant *p, int external_calls)
{
    if (room->clock.phase == PHASE_CLOSED) return CALL_ERR_CLOSED;
    if (external_calls) return CALL_ERR_EXTERNAL;
    if (p && (p->room != room || !present_member((sc_room *)room, p))) return CALL_ERR_NOT_MEMBER;
    if (room->call && room->call->n >= CALL_MAX_PEERS) return CALL_ERR_FULL;
    return CALL_OK;
}

call_peer *call_add(sc_room *room, const char *id, sc_participant *p, const void *conn, int muted, int camera,
                    int64_t now_ms)
{
    if (!room->call && !(room->call = calloc(1, sizeof *room->call))) return NULL;
    sc_call *call = room->call;
    if (call->n >= CALL_MAX_PEERS) return NULL;
    call_peer *peer = &call->peers[call->n++];
    memset(peer, 0, sizeof *peer);
    strncpy(peer->id, id, CALL_PEER_ID_LEN);
    peer->p = p;
    peer->conn = conn;
    peer->muted = !!muted;
    peer->camera = !!camera;
    peer->joined_ms = now_ms;
    return peer;
}

static void mark_speaking(sc_room *room, const call_peer *peer, int speaking)
{
    if (!peer->p) return;   /* a visiting facilitator does not hold the room open */
    sc_member *m = present_member(room, peer->p);
    if (m) m->speaking = speaking;
}

void call_remove(sc_room *room, call_peer *peer)
{
    sc_call *call = room->call;
    if (!call || peer < call->peers || peer >= call->peers + call->n) return;
    mark_speaking(room, peer, 0);
    size_t i = (size_t)(peer - call->peers);
    memmove(&call->peers[i], &call->peers[i + 1], (call->n - i - 1) * sizeof *peer);
    call->n--;
}

void call_clear(sc_room *room)
{
    while (room->call && room->call->n) call_remove(room, &room->call->peers[room->call->n - 1]);
}

size_t call_count(const sc_room *room) { return room->call ? room->call->n : 0; }

call_peer *call_peer_at(sc_room *room, size_t i) { return room->call && i < room->call->n ? &room->call->peers[i] : NULL; }

call_peer *call_find(sc_room *room, const char *id)
{
    for (size_t i = 0; i < call_count(room); i++)
        if (!strcmp(room->call->peers[i].id, id)) return &room->call->peers[i];
    return NULL;
}

call_peer *call_find_by_conn(sc_room *room, const void *conn)
{
    for (size_t i = 0; i < call_count(room); i++)
        if (room->call->peers[i].conn == conn) return &room->call->peers[i];
    return NULL;
}

call_peer *call_find_participant(sc_room *room, const sc_participant *p)
{
    for (size_t i = 0; i < call_count(room); i++)
        if (room->call->peers[i].p == p) return &room->call->peers[i];
    return NULL;
}

call_status call_may_signal(sc_room *room, const void *conn, const char *to, call_peer **from, call_peer **to_peer)
{
    if (!room || !(*from = call_find_by_conn(room, conn))) return CALL_ERR_NOT_IN_CALL;
    if (room->clock.phase == PHASE_CLOSED) return CALL_ERR_CLOSED;
    *to_peer = call_find(room, to);
    if (!*to_peer || *to_peer == *from) return CALL_ERR_NO_PEER;
    return CALL_OK;
}

void call_set_state(sc_room *room, call_peer *peer, int muted, int camera, int speaking)
{
    if (muted >= 0) peer->muted = !!muted;
    if (camera >= 0) peer->camera = !!camera;
    if (speaking >= 0) {
        peer->speaking = !!speaking;
        mark_speaking(room, peer, peer->speaking);
    }
}

const char *call_role_name(const sc_room *room, const call_peer *peer)
{
    if (!peer->p) return "facilitator";
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == peer->p && !room->members[i].gone_ms)
            return grouping_role_name(rounds_member_role(room, &room->members[i]));
    return "observer";
}
