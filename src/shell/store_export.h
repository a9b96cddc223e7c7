/* store_export — the facilitator's export of a session's history, read from the store as typed
 * rows (the view, export_view, turns them into CSV or JSON): rounds, rooms with their feedback
 * counts, seats (who sat where, when they came and went) and help requests.
 * Never the text of feedback, drafts, follow-ups or room chat: those columns are not selected. */
#ifndef SOFTCLOSE_STORE_EXPORT_H
#define SOFTCLOSE_STORE_EXPORT_H
#include <stddef.h>
#include <stdint.h>
#include "rounds.h"
#include "store.h"
#include "store_rows.h"

typedef struct {
    unsigned number;
    unsigned turns;
    int64_t practice_ms, feedback_ms, soften_ms, grace_ms;
    int64_t launched_ms;
} store_export_round;

typedef struct {
    char id[SC_ID_LEN + 1];
    unsigned round, number;
    size_t rotation_size;        /* seats that rotate roles (after any closing of ranks) */
    timeline_phase phase;        /* now: closed once the room is over */
    unsigned turn;               /* the turn the room is in (or ended in) */
    unsigned feedback_sent, feedback_softened;   /* first messages only, as the overview counts them */
} store_export_room;

/* One seat: a person in a room from joined_ms until gone_ms (0: still there, or there until the
 * room closed). A person moved from room A to room B has a seat in each. */
typedef struct {
    char room_id[SC_ID_LEN + 1];
    store_person who;
    size_t slot;                 /* >= the room's rotation_size: an extra observer */
    int64_t joined_ms, gone_ms;
} store_export_seat;

typedef struct {
    char id[SC_ID_LEN + 1];
    char room_id[SC_ID_LEN + 1];
    store_person who;
    char *text;                  /* owned; what the person wrote to the facilitator */
    int64_t at_ms, acked_ms;     /* acked_ms 0: not acknowledged */
} store_export_help;

typedef struct {
    store_export_round *rounds;  size_t n_rounds, cap_rounds;    /* by number */
    store_export_room *rooms;    size_t n_rooms, cap_rooms;      /* by round, then number */
    store_export_seat *seats;    size_t n_seats, cap_seats;      /* by room (as rooms), then joined */
    store_export_help *help;     size_t n_help, cap_help;        /* by time */
} store_export;

/* Reads session s's history. 0, or -1 (out is then empty). */
int store_export_load(store *st, const sc_session *s, store_export *out);
void store_export_free(store_export *e);
#endif
