/* registry — the registry of feature handlers and the bus between them. A feature (feat_*.c)
 * owns a group of message types and exports one `feature` value: its routes and the hooks it
 * wants called. No feature includes another's header: when something happens that other
 * features care about (a person is welcomed, a connection closes, a room closes, someone moves
 * out of a room), the code where it happens calls the registry_* fan-out below, which asks each
 * feature in turn, in the order of the list in features.c. */
#ifndef SOFTCLOSE_REGISTRY_H
#define SOFTCLOSE_REGISTRY_H
#include <stddef.h>
#include <stdint.h>
#include "auth.h"
#include "conn.h"
#include "protocol.h"
#include "rounds.h"

typedef void (*handler_fn)(conn *c, proto_request *r, int64_t now_ms);

/* One message type: who may send it, which fields it may carry, and its handler. */
typedef struct {
    const char *type;
    auth_action action;
    const char *const *fields;   /* NULL-terminated; "type" and "id" are always allowed */
    handler_fn fn;
} route;
#define FIELDS(...) (const char *const[]){ __VA_ARGS__, NULL }
#define NO_FIELDS FIELDS(NULL)

typedef enum {
    ROOM_CLOSED,          /* the room's clock reached `closed` (p is NULL) */
    ROOM_MEMBER_MOVED,    /* p was moved out of the room by the facilitator */
    ROOM_MEMBER_LEFT,     /* p left the session (or deleted their account) */
    ROOM_CALL_LINK_SET,   /* the session switched to (or from) another call system (p is NULL) */
} room_event;

typedef struct {
    const char *name;
    const route *routes;
    size_t n_routes;
    /* After welcome: send c what this feature shows now (may be NULL). */
    void (*send_state)(conn *c, int64_t now_ms);
    /* c is closing; it is still bound to its person (may be NULL). */
    void (*on_close)(conn *c, int64_t now_ms);
    /* Something happened to a room, after it was saved and announced (may be NULL). */
    void (*on_room_event)(room_event ev, sc_room *room, sc_participant *p, int64_t now_ms);
    void (*start)(int64_t now_ms);   /* after the world is loaded and the server listens */
    void (*stop)(void);              /* before the lws context goes away: cancel timers */
} feature;

#define ROUTES(list) .routes = list, .n_routes = sizeof list / sizeof list[0]

const route *registry_find_route(const char *type);
void registry_send_state(conn *c, int64_t now_ms);
void registry_on_close(conn *c, int64_t now_ms);
void registry_room_event(room_event ev, sc_room *room, sc_participant *p, int64_t now_ms);
void registry_start(int64_t now_ms);
void registry_stop(void);
#endif
