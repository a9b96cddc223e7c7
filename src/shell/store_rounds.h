/* store_rounds — SQLite persistence of rounds, rooms, seats, room clocks, broadcasts and help
 * requests, and their loading at start. Callers wrap related writes in store_begin/commit. */
#ifndef SOFTCLOSE_STORE_ROUNDS_H
#define SOFTCLOSE_STORE_ROUNDS_H
#include "rounds.h"
#include "store.h"

int store_insert_round(store *st, const sc_session *s, const sc_round *r);   /* round, rooms, seats, therapist counts */
int store_save_clocks(store *st, sc_room *const *rooms, size_t n);   /* inside the caller's transaction */
int store_insert_member(store *st, const sc_room *room, const sc_member *m);
int store_update_member(store *st, const sc_room *room, const sc_member *m); /* slot and gone_ms */
/* Writes a planned change of seats (the leaver's gone_ms, the heir's seat, the new seat). */
int store_save_seat_change(store *st, const sc_participant *p, const rounds_seat_change *c);
int store_insert_broadcast(store *st, const sc_session *s, const sc_room *room, const char *text, int64_t at_ms);
int store_insert_help(store *st, const sc_session *s, const sc_help *h);
int store_ack_help(store *st, const sc_help *h);

/* Calls fn for each broadcast of a room (room == NULL: lobby broadcasts of the session), oldest
 * first, at most `limit` most recent. */
int store_each_broadcast(store *st, const sc_session *s, const sc_room *room, int limit,
                         void (*fn)(const char *text, int64_t at_ms, void *ctx), void *ctx);

/* Loads rounds, rooms, seats and help requests into the already loaded sessions. */
int store_load_rounds(store *st, sc_world *w, char *err, size_t err_size);
#endif
