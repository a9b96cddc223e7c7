/* rounds — rounds, rooms and membership of a session: the domain side of "launch a round".
 * Owns: planning a round (grouping the online people into rooms and seats), attaching it to the
 * session (who sits where, therapist counts), each room's clock (through timeline), moves, help
 * requests, the list of live rooms and the earliest deadline the shell must wake up for.
 * Pure: ids come from a caller-supplied generator, time comes in as now_ms. */
#ifndef SOFTCLOSE_ROUNDS_H
#define SOFTCLOSE_ROUNDS_H
#include <stddef.h>
#include <stdint.h>
#include "grouping.h"
#include "session.h"
#include "timeline.h"

#define ROUNDS_SCENARIO_MAX_CHARS 1000
#define ROUNDS_SCENARIO_MAX_BYTES (ROUNDS_SCENARIO_MAX_CHARS * 4)
#define ROUNDS_HELP_MAX_CHARS 300
#define ROUNDS_HELP_MAX_BYTES (ROUNDS_HELP_MAX_CHARS * 4)
#define ROUNDS_BROADCAST_MAX_CHARS 500
#define ROUNDS_TYPING_WINDOW_MS 5000     /* a draft saved this recently means "still typing" */

typedef struct {
    sc_participant *p;
    size_t slot;          /* rotation slot; >= room->rotation_size means an extra observer */
    int64_t joined_ms;
    int64_t gone_ms;      /* moved out or left; 0 while in the room. Kept: they still shared the room */
    int64_t last_typing_ms; /* last draft saved in this room (the soft close waits for typists) */
    int speaking;           /* speaking in the room's call now (call.c): the soft close waits for them too */
} sc_member;

typedef struct sc_room {
    char id[SC_ID_LEN + 1];
    unsigned number;                /* 1-based within the round, shown to people */
    struct sc_round *round;
    sc_session *session;
    sc_member *members;
    size_t n_members, cap_members;
    size_t rotation_size;           /* seats that rotate roles: the room's size at launch */
    timeline_clock clock;
    unsigned n_feedback, n_softened; /* counts for the facilitator: never the content */
    size_t live_index;              /* position in world->live_rooms, or SIZE_MAX once closed */
    struct sc_call *call;           /* who is in the room's call (call.c); NULL before anyone joined */
} sc_room;

typedef struct sc_round {
    unsigned number;                /* 1-based within the session */
    timeline_shape shape;
    grouping_policy policy;
    uint64_t seed;
    char scenario[ROUNDS_SCENARIO_MAX_BYTES + 1];
    int64_t launched_ms;
    sc_room **rooms;
    size_t n_rooms;
} sc_round;

typedef struct sc_help {
    char id[SC_ID_LEN + 1];
    sc_room *room;
    sc_participant *p;
    char text[ROUNDS_HELP_MAX_BYTES + 1];
    int64_t at_ms, acked_ms;
} sc_help;

typedef void (*rounds_new_id_fn)(char out[SC_ID_LEN + 1], void *ctx);

#define ROUNDS_ERR_TOO_FEW   (-101)  /* fewer than two people online */
#define ROUNDS_ERR_RUNNING   (-102)  /* the previous round still has open rooms */
#define ROUNDS_ERR_NOMEM     (-103)
#define ROUNDS_ERR_SAME_ROOM (-104)  /* move into the room they are already in */
#define ROUNDS_ERR_CLOSED    (-105)  /* the target room is closed */

const char *rounds_error_message(int code);
void rounds_install(sc_world *w);    /* lets world_free release rounds and help requests */

/* The current round (the latest), or NULL. */
sc_round *rounds_current(const sc_session *s);
/* 1 while the current round has a room that is not closed. */
int rounds_running(const sc_session *s);
/* A room of the current round of s, by id; rooms of other sessions or earlier rounds are invisible. */
sc_room *rounds_find_room(const sc_session *s, const char *room_id);
grouping_role rounds_member_role(const sc_room *r, const sc_member *m);
/* m's role in another turn of this room, as the rotation stands now (for `phase.next`). */
grouping_role rounds_member_role_at(const sc_room *r, const sc_member *m, unsigned turn);
sc_member *rounds_find_member(sc_room *r, const sc_participant *p);
size_t rounds_present_count(const sc_room *r);

/* Plans round number n_rounds+1 for everyone present and online. The result is detached: nothing
 * in the session changes until rounds_attach (so the shell can commit it first). */
int rounds_plan(const sc_session *s, const timeline_shape *shape, grouping_policy policy, uint64_t seed,
                const char *scenario, int64_t now_ms, rounds_new_id_fn new_id, void *ctx, sc_round **out);
void rounds_attach(sc_world *w, sc_session *s, sc_round *r);
void rounds_free_round(sc_round *r);

/* Restores a round from the store (rooms and members are added with the functions below). */
sc_round *rounds_restore_round(sc_session *s, unsigned number, const timeline_shape *shape, grouping_policy policy,
                               uint64_t seed, const char *scenario, int64_t launched_ms);
sc_room *rounds_restore_room(sc_world *w, sc_session *s, sc_round *r, const char *id, unsigned number,
                             size_t rotation_size, const timeline_clock *clock);
int rounds_restore_member(sc_room *room, sc_participant *p, size_t slot, int64_t joined_ms, int64_t gone_ms);

/* A change of seats, planned without touching anything so the shell can commit it first:
 * p leaves `from` (if any) and, for a move, joins `to` as an extra observer in `to_slot`.
 * If p held a rotation seat, the room keeps its therapist and client:
 *   - the room's first extra observer (`heir`) takes p's seat and role; or, with none,
 *   - the room closes ranks: its rotation shrinks to the members left in it (`new_rotation_size`),
 *     and they are re-seated (`reseat_*`) so that this turn's therapist and client keep their
 *     roles and a vacated role goes to this turn's first observer. A room left with one person
 *     in its rotation keeps the empty seat (one person cannot practise; the facilitator moves them). */
#define ROUNDS_MAX_RESEAT 8
typedef struct {
    sc_room *from;        /* NULL: p is in the lobby */
    size_t leaver;        /* index of p's member record in from->members */
    size_t heir;          /* index of the heir in from->members, or SIZE_MAX */
    size_t heir_slot;     /* the seat the heir takes (p's old slot) */
    size_t new_rotation_size;                 /* from->rotation_size when ranks do not close */
    size_t n_reseat;
    size_t reseat_member[ROUNDS_MAX_RESEAT];  /* indexes in from->members */
    size_t reseat_slot[ROUNDS_MAX_RESEAT];
    sc_room *to;          /* NULL: vacate only */
    size_t to_slot;
    int64_t now_ms;
} rounds_seat_change;

/* Plans moving p (from a room of the current round or from the lobby) into `to`. Reserves memory
 * so that applying cannot fail. Returns 0 or a ROUNDS_ERR_*. */
int rounds_plan_move(const sc_participant *p, sc_room *to, int64_t now_ms, rounds_seat_change *out);
/* Plans p leaving their room (they left the session or deleted their account). */
void rounds_plan_vacate(const sc_participant *p, int64_t now_ms, rounds_seat_change *out);
void rounds_apply_seat_change(sc_participant *p, const rounds_seat_change *c);

/* Every room p was ever in, oldest first (kept per participant: "Your rooms", who may write to whom). */
size_t rounds_history(const sc_participant *p, sc_room *const **rooms);

/* Called after a room's clock changed: keeps the live list right (closed rooms leave it). */
void rounds_clock_changed(sc_world *w, sc_room *r);
/* Advances every live room whose deadline has come, one step each. Writes up to max changed rooms
 * into changed and returns how many changed (call again if it returned max). */
size_t rounds_advance_due(sc_world *w, int64_t now_ms, sc_room **changed, size_t max);
int rounds_someone_typing(const sc_room *room, int64_t now_ms);
/* The earliest running deadline among live rooms, or INT64_MAX. */
int64_t rounds_next_deadline(const sc_world *w);

/* Help requests: add (returns the record) and find by id within a session. */
sc_help *rounds_add_help(sc_session *s, const char *id, sc_room *room, sc_participant *p, const char *text,
                         int64_t at_ms, int64_t acked_ms);
sc_help *rounds_find_help(const sc_session *s, const char *id);
#endif
