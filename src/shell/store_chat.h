/* store_chat — SQLite persistence of the call side of a room: room chat (kept until the room
 * closes, so a refresh shows it again) and the session's link to another call system. */
#ifndef SOFTCLOSE_STORE_CHAT_H
#define SOFTCLOSE_STORE_CHAT_H
#include "rounds.h"
#include "store.h"

typedef struct {
    const char *id, *author_id, *author_name, *text;   /* valid during the callback */
    int facilitator;
    int64_t at_ms;
} chat_row;

int store_chat_insert(store *st, const sc_room *room, const char *id, int64_t author_pid, const char *author_id,
                      const char *author_name, int facilitator, const char *text, int64_t at_ms);
int store_chat_count(store *st, const sc_room *room);   /* -1 on error */
/* Calls fn for each message of the room, oldest first. 0, or -1. */
int store_chat_each(store *st, const sc_room *room, void (*fn)(const chat_row *row, void *ctx), void *ctx);
int store_chat_delete_room(store *st, const sc_room *room);
int store_set_call_link(store *st, const sc_session *s, const char *link);
#endif
