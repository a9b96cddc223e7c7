/* call — who is in a room's call, and who may reach whom. A room's call is a WebRTC mesh between
 * browsers; the server only relays signalling, so the domain side is membership: who joined (a
 * present member of the open room, or the session's facilitator visiting), their state (muted,
 * camera, speaking), and the rule that a signal goes only between two peers of the same call of
 * an open room. Speaking counts like typing when the soft close ends (rounds_someone_typing).
 * Pure: peer ids come from the caller, connections are opaque handles. Nothing here is stored:
 * after a restart clients join again. */
#ifndef SOFTCLOSE_CALL_H
#define SOFTCLOSE_CALL_H
#include <stddef.h>
#include <stdint.h>
#include "rounds.h"

#define CALL_MAX_PEERS 10
#define CALL_PEER_ID_LEN 36

typedef enum {
    CALL_OK = 0,
    CALL_ERR_NOT_MEMBER,   /* a participant naming a room that is not theirs now */
    CALL_ERR_CLOSED,       /* the room is closed */
    CALL_ERR_FULL,         /* CALL_MAX_PEERS already */
    CALL_ERR_EXTERNAL,     /* the session uses another call system */
    CALL_ERR_NOT_IN_CALL,  /* the sender is in no call on this connection */
    CALL_ERR_NO_PEER,      /* no such peer in the sender's call (never existed, or left) */
    CALL_ERR_NOMEM,
} call_status;

typedef struct {
    char id[CALL_PEER_ID_LEN + 1];
    sc_participant *p;      /* NULL: the session's facilitator, visiting */
    const void *conn;       /* the shell's connection handle */
    int muted, camera, speaking;
    int64_t joined_ms;
} call_peer;

typedef struct sc_call {
    call_peer peers[CALL_MAX_PEERS];
    size_t n;
} sc_call;

const char *call_status_message(call_status st);

/* May p (NULL: the facilitator) join this room's call now? */
call_status call_may_join(const sc_room *room, const sc_participant *p, int external_calls);
/* Adds a peer (the caller checked call_may_join). Returns it, or NULL (full or out of memory). */
call_peer *call_add(sc_room *room, const char *id, sc_participant *p, const void *conn, int muted, int camera,
                    int64_t now_ms);
/* Removes a peer; clears its speaking mark on the room. */
void call_remove(sc_room *room, call_peer *peer);
/* Removes every peer (the room closed). */
void call_clear(sc_room *room);
size_t call_count(const sc_room *room);
call_peer *call_peer_at(sc_room *room, size_t i);
call_peer *call_find(sc_room *room, const char *id);
call_peer *call_find_by_conn(sc_room *room, const void *conn);
call_peer *call_find_participant(sc_room *room, const sc_participant *p);
/* May the peer on `conn` in `room` signal peer `to`? Fills *from and *to_peer on CALL_OK. */
call_status call_may_signal(sc_room *room, const void *conn, const char *to, call_peer **from, call_peer **to_peer);
/* Sets a peer's state (each of muted/camera/speaking: -1 leaves it). Speaking marks the member
 * as holding the soft close open (sc_member.speaking). */
void call_set_state(sc_room *room, call_peer *peer, int muted, int camera, int speaking);
const char *call_role_name(const sc_room *room, const call_peer *peer);
#endif
