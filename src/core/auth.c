/* auth — see auth.h. One table: a row per action, saying which actor kinds may perform it. */
#include "auth.h"

enum { ANON = 1 << ACTOR_NONE, FAC = 1 << ACTOR_FACILITATOR, PART = 1 << ACTOR_PARTICIPANT };

static const unsigned allowed[ACTION_COUNT] = {
    [ACTION_PING] = ANON | FAC | PART,
    [ACTION_CREATE_SESSION] = ANON,
    [ACTION_JOIN] = ANON,
    [ACTION_HELLO] = ANON,
    [ACTION_LEAVE] = PART,
    [ACTION_HELP] = PART,
    [ACTION_CALL] = FAC | PART,
    [ACTION_FEEDBACK] = PART,
    [ACTION_FOLLOWUP] = PART,
    [ACTION_FACILITATE] = FAC,
};

auth_result auth_check(auth_actor actor, auth_action action)
{
    if ((unsigned)action >= ACTION_COUNT) return AUTH_FORBIDDEN;
    unsigned who = 1u << actor;
    if (allowed[action] & who) return AUTH_OK;
    if (allowed[action] == ANON) return AUTH_ALREADY_SIGNED_IN;
    if (actor == ACTOR_NONE) return AUTH_UNAUTHORIZED;
    return AUTH_FORBIDDEN;
}

int auth_equal_secret(const unsigned char *a, const unsigned char *b, size_t len)
{
    volatile unsigned char diff = 0;
    for (size_t i = 0; i < len; i++) diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}
