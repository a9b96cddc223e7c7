/* grouping — who sits in which breakout room, and in what rotation order.
 * Owns: the room-size plan (triads, plus rooms of 4 or one pair for the leftovers), the placement
 * of people into rooms so that few pairs meet again, the order of members inside a room (which
 * decides who is therapist in which turn) and the role-rotation rule itself.
 * Pure and deterministic: the same people, met list, policy, turns and seed give the same rooms.
 * Limits: at most GROUPING_MAX_PEOPLE people and GROUPING_MAX_MET met pairs per call. */
#ifndef SOFTCLOSE_GROUPING_H
#define SOFTCLOSE_GROUPING_H
#include <stddef.h>
#include <stdint.h>

typedef enum { ROLE_THERAPIST = 0, ROLE_CLIENT = 1, ROLE_OBSERVER = 2 } grouping_role;

/* FOURS (default): n % 3 == 1 -> one room of 4; n % 3 == 2 -> two rooms of 4 (n=2 -> one pair,
 * n=5 -> a triad + a pair).
 * PAIRS: n % 3 == 2 -> one pair with no observer; n % 3 == 1 -> one room of 4 (a lone person is an
 * extra observer).
 * Never a room of 1: n == 1 -> zero rooms (GROUPING_ERR_TOO_FEW); n == 0 -> zero rooms (returns 0).
 * In the plan, triads come first and the odd rooms (4s or the pair) last. */
typedef enum { GROUPING_POLICY_FOURS = 0, GROUPING_POLICY_PAIRS = 1 } grouping_policy;

typedef struct { uint32_t id; uint32_t therapist_count; } grouping_person; /* therapist_count: times as therapist in earlier rounds */
typedef struct { uint32_t a, b; } grouping_pair;                          /* two people who already shared a room */

typedef struct {
    size_t n_rooms;
    size_t *room_start;   /* n_rooms + 1 offsets into members */
    uint32_t *members;    /* person ids, room by room, in ROTATION ORDER (slot 0, 1, 2, ...) */
} grouping_result;

#define GROUPING_OK              0
#define GROUPING_ERR_TOO_FEW    (-1)  /* exactly one person: nobody to practise with */
#define GROUPING_ERR_INVALID    (-2)  /* NULL pointer where data is needed, or turns == 0 */
#define GROUPING_ERR_DUPLICATE  (-3)  /* the same person id appears twice in people */
#define GROUPING_ERR_TOO_MANY   (-4)  /* n > GROUPING_MAX_PEOPLE or n_met > GROUPING_MAX_MET */
#define GROUPING_ERR_NOMEM      (-5)

#define GROUPING_MAX_PEOPLE 1000000u  /* a session is planned for up to 10,000; this is headroom */
#define GROUPING_MAX_MET    2000000u  /* twenty rounds' worth of pairs for 100,000 people */

/* Places people into rooms. `met` may repeat a pair (met twice counts double) and may name ids that
 * are not in `people` (people who left): those pairs are ignored. `turns` (>= 1) is how many turns
 * the round has: it decides who gets therapist turns, so that people with the lowest
 * therapist_count get them first. On success returns 0 and fills *out (free it with
 * grouping_result_free). On error returns a negative GROUPING_ERR_* and leaves *out empty (zero
 * rooms, NULL arrays) — still safe to free. n == 0 succeeds with zero rooms. */
int grouping_make_rooms(const grouping_person *people, size_t n, const grouping_pair *met, size_t n_met,
                        grouping_policy policy, unsigned turns, uint64_t seed, grouping_result *out);
void grouping_result_free(grouping_result *r);

/* Role of the member in rotation slot `slot` during turn `turn` (0-based) of a room whose rotation
 * has `rotation_size` slots. therapist = turn % rotation_size, client = (turn + 1) % rotation_size,
 * everyone else observer. Slots >= rotation_size (people moved in later) are always observers. For
 * a pair: one therapist, one client, swapping. */
grouping_role grouping_role_for(size_t rotation_size, unsigned turn, size_t slot);
const char *grouping_role_name(grouping_role r); /* "therapist", "client", "observer" */

/* The size plan for n people: writes up to max_rooms sizes into `sizes` (may be NULL when max_rooms
 * is 0) and returns how many rooms the plan has, even if that is more than max_rooms. */
size_t grouping_room_sizes(size_t n, grouping_policy policy, size_t *sizes, size_t max_rooms);

/* How many pairs sharing a room in `r` appear in `met` (each such pair counted once, however often
 * it met). For reports, tests and the benchmark. Returns 0, or GROUPING_ERR_NOMEM. */
int grouping_count_repeats(const grouping_result *r, const grouping_pair *met, size_t n_met, size_t *repeats);

/* A sentence a person can act on, for any GROUPING_* code. */
const char *grouping_error_message(int code);
#endif
