/* followup — the rules of the way back: follow-up messages between people who shared a room.
 * Owns: who may write to whom (only former room mates, never across sessions, never to oneself
 * or to someone who deleted their account), the per-sender rate limit, the text and client-id
 * limits, and the retention cutoff. Pure: the texts live in the store; time comes in as now_ms. */
#ifndef SOFTCLOSE_FOLLOWUP_H
#define SOFTCLOSE_FOLLOWUP_H
#include <stddef.h>
#include <stdint.h>
#include "rounds.h"

#define FOLLOWUP_MAX_CHARS 4000
#define FOLLOWUP_MAX_BYTES 16000
#define FOLLOWUP_PER_MINUTE 30
#define FOLLOWUP_CLIENT_ID_MAX 64
#define FOLLOWUP_RETENTION_MIN_DAYS 1
#define FOLLOWUP_RETENTION_MAX_DAYS 3650
#define FOLLOWUP_PAGE_DEFAULT 50
#define FOLLOWUP_PAGE_MAX 100

typedef enum {
    FOLLOWUP_OK = 0,
    FOLLOWUP_ERR_SELF,        /* writing to oneself */
    FOLLOWUP_ERR_STRANGER,    /* never shared a room (or another session, or no such person) */
    FOLLOWUP_ERR_GONE,        /* the recipient left the session or deleted their account */
    FOLLOWUP_ERR_NOT_MEMBER   /* writing to a room one was never in */
} followup_status;

const char *followup_status_message(followup_status st);
/* 1 if a and b were ever in the same room (any round, including people who moved out later). */
int followup_shared_room(const sc_participant *a, const sc_participant *b);
followup_status followup_may_write(const sc_participant *from, const sc_participant *to);
followup_status followup_may_write_room(const sc_participant *from, const sc_room *room);
/* The room (any round of from's session) with that id that `from` was in, or NULL. */
sc_room *followup_find_my_room(const sc_participant *from, const char *room_id);
/* 0 if allowed now (and counted), else ms to wait. */
int64_t followup_rate_take(sc_participant *from, int64_t now_ms);
/* Messages sent before this instant are past retention. */
int64_t followup_retention_cutoff(int retention_days, int64_t now_ms);
/* A client id is 1..64 characters of [A-Za-z0-9_-]. */
int followup_valid_client_id(const char *id, size_t len);
#endif
