/* auth — who may do what. Owns the table of actions and the rule for each kind of actor.
 * A connection starts anonymous; create_session makes it a facilitator, join/hello makes it a
 * participant (or a facilitator, by token kind). Room-scoped checks (does this room belong to the
 * facilitator's session?) live with the rooms; this module answers "may this kind act at all". */
#ifndef SOFTCLOSE_AUTH_H
#define SOFTCLOSE_AUTH_H
#include <stddef.h>

typedef enum { ACTOR_NONE = 0, ACTOR_FACILITATOR, ACTOR_PARTICIPANT } auth_actor;

typedef enum {
    ACTION_PING = 0,
    ACTION_CREATE_SESSION,  /* anonymous only */
    ACTION_JOIN,            /* anonymous only */
    ACTION_HELLO,           /* anonymous only */
    ACTION_LEAVE,           /* participant */
    ACTION_HELP,            /* participant */
    ACTION_FEEDBACK,        /* participant: check, draft, send, amend */
    ACTION_FOLLOWUP,        /* participant */
    ACTION_CALL,            /* participant or facilitator: the room's call (join, signal, state, leave, chat, ice) */
    ACTION_FACILITATE,      /* facilitator: launch_round, pause, resume, extend, end_round, broadcast, move, help_ack, place */
    ACTION_COUNT
} auth_action;

typedef enum {
    AUTH_OK = 0,
    AUTH_UNAUTHORIZED,   /* not signed in: join or hello first */
    AUTH_FORBIDDEN,      /* signed in as the wrong kind of person */
    AUTH_ALREADY_SIGNED_IN /* create_session/join/hello on a connection that already has an identity */
} auth_result;

auth_result auth_check(auth_actor actor, auth_action action);

/* Compares two equal-length secrets in time that depends only on the length. */
int auth_equal_secret(const unsigned char *a, const unsigned char *b, size_t len);
#endif
