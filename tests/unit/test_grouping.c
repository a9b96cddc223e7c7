/* test_grouping — room-size plan, placement, role rotation, repeat avoidance and role balance.
 * Small cases are checked against an exhaustive search so "minimal repeats" is proven, not hoped. */
#include "unit.h"
#include "grouping.h"
#include <stdlib.h>

#define ID(i) ((uint32_t)(500 + 7 * (i)))          /* ids deliberately not 0..n-1 */
#define IDX(id) ((size_t)(((id) - 500) / 7))

static grouping_person *people_new(size_t n)
{
    grouping_person *p = calloc(n ? n : 1, sizeof *p);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) p[i].id = ID(i);
    return p;
}

static size_t room_size(const grouping_result *r, size_t k) { return r->room_start[k + 1] - r->room_start[k]; }

/* Everyone placed exactly once, rooms exactly as the plan says (so never a room of 1). */
static void assert_valid(const grouping_result *r, size_t n, grouping_policy policy)
{
    size_t sizes[1000];
    size_t rooms = grouping_room_sizes(n, policy, sizes, ARRAY_LEN(sizes));
    assert_int_equal(r->n_rooms, rooms);
    assert_int_equal(r->room_start[0], 0);
    assert_int_equal(r->room_start[r->n_rooms], n);
    if (rooms <= ARRAY_LEN(sizes))
        for (size_t k = 0; k < r->n_rooms; k++) assert_int_equal(room_size(r, k), sizes[k]);
    unsigned char *seen = calloc(n, 1);
    assert_non_null(seen);
    for (size_t k = 0; k < r->n_rooms; k++) {
        assert_true(room_size(r, k) >= 2 && room_size(r, k) <= 4);
        for (size_t i = r->room_start[k]; i < r->room_start[k + 1]; i++) {
            size_t idx = IDX(r->members[i]);
            assert_true(idx < n);
            assert_int_equal(seen[idx], 0);
            seen[idx] = 1;
        }
    }
    free(seen);
}

/* ---- the size plan ---- */
static void test_room_sizes_table(void **state)
{
    static const struct { size_t n; grouping_policy pol; size_t rooms; size_t sizes[6]; } cases[] = {
        { 0, GROUPING_POLICY_FOURS, 0, { 0 } },      { 1, GROUPING_POLICY_FOURS, 0, { 0 } },
        { 2, GROUPING_POLICY_FOURS, 1, { 2 } },      { 3, GROUPING_POLICY_FOURS, 1, { 3 } },
        { 4, GROUPING_POLICY_FOURS, 1, { 4 } },      { 5, GROUPING_POLICY_FOURS, 2, { 3, 2 } },
        { 7, GROUPING_POLICY_FOURS, 2, { 3, 4 } },   { 8, GROUPING_POLICY_FOURS, 2, { 4, 4 } },
        { 11, GROUPING_POLICY_FOURS, 3, { 3, 4, 4 } },
        { 0, GROUPING_POLICY_PAIRS, 0, { 0 } },      { 1, GROUPING_POLICY_PAIRS, 0, { 0 } },
        { 2, GROUPING_POLICY_PAIRS, 1, { 2 } },      { 4, GROUPING_POLICY_PAIRS, 1, { 4 } },
        { 5, GROUPING_POLICY_PAIRS, 2, { 3, 2 } },   { 8, GROUPING_POLICY_PAIRS, 3, { 3, 3, 2 } },
        { 10, GROUPING_POLICY_PAIRS, 3, { 3, 3, 4 } },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        size_t sizes[6] = { 0 };
        assert_int_equal(grouping_room_sizes(cases[c].n, cases[c].pol, sizes, 6), cases[c].rooms);
        for (size_t k = 0; k < cases[c].rooms; k++) assert_int_equal(sizes[k], cases[c].sizes[k]);
    }
    /* It reports the full count even when the caller's array is too short. */
    assert_int_equal(grouping_room_sizes(30, GROUPING_POLICY_FOURS, NULL, 0), 10);
}

static void test_room_sizes_follow_policy(void **state)
{
    for (int pol = 0; pol < 2; pol++)
        for (size_t n = 2; n <= 300; n++) {
            size_t sizes[120], count[5] = { 0 }, sum = 0;
            size_t rooms = grouping_room_sizes(n, (grouping_policy)pol, sizes, ARRAY_LEN(sizes));
            for (size_t k = 0; k < rooms; k++) { assert_true(sizes[k] >= 2 && sizes[k] <= 4); count[sizes[k]]++; sum += sizes[k]; }
            assert_int_equal(sum, n);
            size_t want4 = n % 3 == 1 ? 1 : (n % 3 == 2 && pol == GROUPING_POLICY_FOURS && n >= 8) ? 2 : 0;
            size_t want2 = n % 3 == 2 && (pol == GROUPING_POLICY_PAIRS || n < 8) ? 1 : 0;
            assert_int_equal(count[4], want4);
            assert_int_equal(count[2], want2);
        }
}

/* ---- placement for every small n ---- */
static void test_everyone_placed_once_1_to_40(void **state)
{
    for (int pol = 0; pol < 2; pol++)
        for (size_t n = 0; n <= 40; n++) {
            grouping_person *p = people_new(n);
            grouping_result r;
            int rc = grouping_make_rooms(p, n, NULL, 0, (grouping_policy)pol, 3, 42 + n, &r);
            if (n == 1) {
                assert_int_equal(rc, GROUPING_ERR_TOO_FEW);
                assert_int_equal(r.n_rooms, 0);
            } else {
                assert_int_equal(rc, GROUPING_OK);
                assert_valid(&r, n, (grouping_policy)pol);
            }
            grouping_result_free(&r);
            free(p);
        }
}

/* ---- roles ---- */
static void test_role_for_table(void **state)
{
    static const struct { size_t size; unsigned turn; size_t slot; grouping_role want; } cases[] = {
        { 3, 0, 0, ROLE_THERAPIST }, { 3, 0, 1, ROLE_CLIENT }, { 3, 0, 2, ROLE_OBSERVER },
        { 3, 1, 0, ROLE_OBSERVER },  { 3, 1, 1, ROLE_THERAPIST }, { 3, 1, 2, ROLE_CLIENT },
        { 3, 2, 0, ROLE_CLIENT },    { 3, 2, 1, ROLE_OBSERVER }, { 3, 2, 2, ROLE_THERAPIST },
        { 3, 3, 0, ROLE_THERAPIST }, { 3, 0, 3, ROLE_OBSERVER },  /* slot 3: moved in later */
        { 2, 0, 0, ROLE_THERAPIST }, { 2, 0, 1, ROLE_CLIENT }, { 2, 1, 0, ROLE_CLIENT }, { 2, 1, 1, ROLE_THERAPIST },
        { 4, 0, 3, ROLE_OBSERVER },  { 4, 2, 3, ROLE_CLIENT }, { 4, 3, 3, ROLE_THERAPIST }, { 4, 3, 0, ROLE_CLIENT },
        { 4, 1, 0, ROLE_OBSERVER },  { 0, 0, 0, ROLE_OBSERVER }, { 1, 5, 0, ROLE_THERAPIST },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++)
        assert_int_equal(grouping_role_for(cases[c].size, cases[c].turn, cases[c].slot), cases[c].want);
    assert_string_equal(grouping_role_name(ROLE_THERAPIST), "therapist");
    assert_string_equal(grouping_role_name(ROLE_CLIENT), "client");
    assert_string_equal(grouping_role_name(ROLE_OBSERVER), "observer");
}

/* In every triad made, three turns give each member each role exactly once; in every turn of every
 * room there is exactly one therapist and one client. */
static void test_rotation_in_made_rooms(void **state)
{
    for (size_t n = 2; n <= 40; n++) {
        grouping_person *p = people_new(n);
        grouping_result r;
        assert_int_equal(grouping_make_rooms(p, n, NULL, 0, GROUPING_POLICY_FOURS, 3, n, &r), GROUPING_OK);
        for (size_t k = 0; k < r.n_rooms; k++) {
            size_t size = room_size(&r, k);
            unsigned roles[4][3] = { { 0 } };
            for (unsigned turn = 0; turn < 3; turn++) {
                unsigned per_turn[3] = { 0 };
                for (size_t slot = 0; slot < size; slot++) {
                    grouping_role role = grouping_role_for(size, turn, slot);
                    roles[slot][role]++;
                    per_turn[role]++;
                }
                assert_int_equal(per_turn[ROLE_THERAPIST], 1);
                assert_int_equal(per_turn[ROLE_CLIENT], 1);
            }
            if (size == 3)
                for (size_t slot = 0; slot < 3; slot++)
                    for (int role = 0; role < 3; role++) assert_int_equal(roles[slot][role], 1);
        }
        grouping_result_free(&r);
        free(p);
    }
}

/* ---- repeat partners ---- */
typedef struct { grouping_pair *pairs; size_t n, cap; } met_list;

static void met_add_rooms(met_list *m, const grouping_result *r)
{
    for (size_t k = 0; k < r->n_rooms; k++)
        for (size_t i = r->room_start[k]; i < r->room_start[k + 1]; i++)
            for (size_t j = i + 1; j < r->room_start[k + 1]; j++) {
                if (m->n == m->cap) {
                    m->cap = m->cap ? 2 * m->cap : 64;
                    m->pairs = realloc(m->pairs, m->cap * sizeof *m->pairs);
                    assert_non_null(m->pairs);
                }
                m->pairs[m->n++] = (grouping_pair){ r->members[i], r->members[j] };
            }
}

/* Times each pair of indices met, for n <= 16: a plain matrix, independent of the module's hashing. */
typedef struct { unsigned w[16][16]; } met_matrix;

static unsigned weighted_repeats(const grouping_result *r, const met_matrix *mm)
{
    unsigned cost = 0;
    for (size_t k = 0; k < r->n_rooms; k++)
        for (size_t i = r->room_start[k]; i < r->room_start[k + 1]; i++)
            for (size_t j = i + 1; j < r->room_start[k + 1]; j++) cost += mm->w[IDX(r->members[i])][IDX(r->members[j])];
    return cost;
}

/* Exhaustive minimum of the weighted repeat count over all ways to fill rooms of these sizes. */
typedef struct { const met_matrix *mm; size_t n, rooms, sizes[8], fill[8]; int room_of[16]; unsigned best; } search;

static void search_from(search *s, size_t i, unsigned cost)
{
    if (cost >= s->best) return;
    if (i == s->n) { s->best = cost; return; }
    int tried_empty[5] = { 0 };     /* empty rooms of one size are interchangeable: try one */
    for (size_t k = 0; k < s->rooms; k++) {
        if (s->fill[k] == s->sizes[k]) continue;
        if (s->fill[k] == 0) { if (tried_empty[s->sizes[k]]) continue; tried_empty[s->sizes[k]] = 1; }
        unsigned add = 0;
        for (size_t j = 0; j < i; j++) if (s->room_of[j] == (int)k) add += s->mm->w[i][j];
        s->room_of[i] = (int)k; s->fill[k]++;
        search_from(s, i + 1, cost + add);
        s->fill[k]--; s->room_of[i] = -1;
    }
}

static unsigned search_minimum(const met_matrix *mm, size_t n, grouping_policy pol)
{
    search s = { .mm = mm, .n = n, .best = UINT32_MAX };
    s.rooms = grouping_room_sizes(n, pol, s.sizes, 8);
    for (size_t i = 0; i < 16; i++) s.room_of[i] = -1;
    search_from(&s, 0, 0);
    return s.best;
}

/* For n = 2..10, both policies, several seeds and six rounds (each fed the earlier rounds' rooms):
 * the weighted repeat count equals the exhaustive optimum every time. */
static void test_repeats_match_exhaustive_optimum(void **state)
{
    for (int pol = 0; pol < 2; pol++)
        for (size_t n = 2; n <= 10; n++)
            for (uint64_t seed = 1; seed <= 4; seed++) {
                grouping_person *p = people_new(n);
                met_list m = { 0 };
                met_matrix mm;
                memset(&mm, 0, sizeof mm);
                for (unsigned round = 0; round < 6; round++) {
                    grouping_result r;
                    assert_int_equal(grouping_make_rooms(p, n, m.pairs, m.n, (grouping_policy)pol, 3, seed * 100 + round, &r), 0);
                    assert_int_equal(weighted_repeats(&r, &mm), search_minimum(&mm, n, (grouping_policy)pol));
                    met_add_rooms(&m, &r);
                    for (size_t k = 0; k < r.n_rooms; k++)
                        for (size_t i = r.room_start[k]; i < r.room_start[k + 1]; i++)
                            for (size_t j = i + 1; j < r.room_start[k + 1]; j++) {
                                mm.w[IDX(r.members[i])][IDX(r.members[j])]++;
                                mm.w[IDX(r.members[j])][IDX(r.members[i])]++;
                            }
                    grouping_result_free(&r);
                }
                free(m.pairs);
                free(p);
            }
}

/* Known optima, proven by hand (count of distinct repeated pairs, rounds 1..k):
 * 9 people: an affine plane gives four rounds with no repeat; in round 5 everyone has met everyone (9).
 * 6 people: two old triads into two new ones, each new triad holds two from one old room (2).
 * 7 people (4 + 3): the room of 4 takes 2 + 2 and the triad 2 + 1 from the old rooms (3).
 * 5 people (3 + 2): 1. 4 people: one room, every pair again (6).
 * Triads only, 12 or more: round 2 can always be transversal (0). */
static void test_repeats_known_optima(void **state)
{
    static const struct { size_t n; grouping_policy pol; unsigned rounds; size_t want[5]; } cases[] = {
        { 9, GROUPING_POLICY_FOURS, 5, { 0, 0, 0, 0, 9 } },
        { 6, GROUPING_POLICY_FOURS, 2, { 0, 2 } },
        { 7, GROUPING_POLICY_FOURS, 2, { 0, 3 } },
        { 5, GROUPING_POLICY_FOURS, 2, { 0, 1 } },
        { 4, GROUPING_POLICY_PAIRS, 2, { 0, 6 } },
        { 12, GROUPING_POLICY_FOURS, 2, { 0, 0 } },
        { 15, GROUPING_POLICY_FOURS, 3, { 0, 0, 0 } },
        { 21, GROUPING_POLICY_FOURS, 3, { 0, 0, 0 } },
        { 30, GROUPING_POLICY_PAIRS, 3, { 0, 0, 0 } },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++)
        for (uint64_t seed = 1; seed <= 5; seed++) {
            grouping_person *p = people_new(cases[c].n);
            met_list m = { 0 };
            for (unsigned round = 0; round < cases[c].rounds; round++) {
                grouping_result r;
                size_t repeats = 99;
                assert_int_equal(grouping_make_rooms(p, cases[c].n, m.pairs, m.n, cases[c].pol, 3, seed + 10 * round, &r), 0);
                assert_int_equal(grouping_count_repeats(&r, m.pairs, m.n, &repeats), 0);
                assert_int_equal(repeats, cases[c].want[round]);
                met_add_rooms(&m, &r);
                grouping_result_free(&r);
            }
            free(m.pairs);
            free(p);
        }
}

/* Round 2 (after one round) never needs a repeat from 12 people on, under either policy. */
static void test_second_round_no_repeats_12_to_40(void **state)
{
    for (int pol = 0; pol < 2; pol++)
        for (size_t n = 12; n <= 40; n++) {
            grouping_person *p = people_new(n);
            met_list m = { 0 };
            for (unsigned round = 0; round < 2; round++) {
                grouping_result r;
                size_t repeats = 99;
                assert_int_equal(grouping_make_rooms(p, n, m.pairs, m.n, (grouping_policy)pol, 3, n + round, &r), 0);
                assert_valid(&r, n, (grouping_policy)pol);
                assert_int_equal(grouping_count_repeats(&r, m.pairs, m.n, &repeats), 0);
                assert_int_equal(repeats, 0);
                met_add_rooms(&m, &r);
                grouping_result_free(&r);
            }
            free(m.pairs);
            free(p);
        }
}

/* A pair listed twice met twice: with {1,2,3,4} all acquainted and {1,2} three times over, the best
 * split of six into two triads parts 1 and 2. Pairs naming absent people or one person are ignored. */
static void test_met_weights_and_strays(void **state)
{
    grouping_person *p = people_new(6);
    grouping_pair met[] = {
        { ID(0), ID(1) }, { ID(0), ID(1) }, { ID(1), ID(0) }, { ID(0), ID(2) }, { ID(0), ID(3) },
        { ID(1), ID(2) }, { ID(1), ID(3) }, { ID(2), ID(3) }, { ID(4), 99999 }, { ID(5), ID(5) },
    };
    for (uint64_t seed = 0; seed < 20; seed++) {
        grouping_result r;
        assert_int_equal(grouping_make_rooms(p, 6, met, ARRAY_LEN(met), GROUPING_POLICY_FOURS, 3, seed, &r), 0);
        assert_valid(&r, 6, GROUPING_POLICY_FOURS);
        size_t room_of[6];
        for (size_t k = 0; k < r.n_rooms; k++)
            for (size_t i = r.room_start[k]; i < r.room_start[k + 1]; i++) room_of[IDX(r.members[i])] = k;
        assert_int_not_equal(room_of[0], room_of[1]);
        size_t repeats;
        assert_int_equal(grouping_count_repeats(&r, met, ARRAY_LEN(met), &repeats), 0);
        assert_int_equal(repeats, 2);
        grouping_result_free(&r);
    }
    free(p);
}

/* ---- role balance ---- */
static void credit_therapist_turns(grouping_person *p, const grouping_result *r, unsigned turns)
{
    for (size_t k = 0; k < r->n_rooms; k++)
        for (unsigned t = 0; t < turns; t++)
            for (size_t slot = 0; slot < room_size(r, k); slot++)
                if (grouping_role_for(room_size(r, k), t, slot) == ROLE_THERAPIST)
                    p[IDX(r->members[r->room_start[k] + slot])].therapist_count++;
}

/* Over six rounds, therapist counts never differ by more than one (turns 1..4 keep every slot's
 * therapist turns within one of each other, so the numbers allow it). */
static void test_therapist_balance_over_rounds(void **state)
{
    static const size_t ns[] = { 2, 5, 7, 8, 10, 11, 13, 31, 301 };
    for (int pol = 0; pol < 2; pol++)
        for (unsigned turns = 1; turns <= 4; turns++)
            for (size_t c = 0; c < ARRAY_LEN(ns); c++) {
                size_t n = ns[c];
                grouping_person *p = people_new(n);
                met_list m = { 0 };
                for (unsigned round = 0; round < 6; round++) {
                    grouping_result r;
                    assert_int_equal(grouping_make_rooms(p, n, m.pairs, m.n, (grouping_policy)pol, turns, 77 + round, &r), 0);
                    credit_therapist_turns(p, &r, turns);
                    met_add_rooms(&m, &r);
                    grouping_result_free(&r);
                    uint32_t lo = UINT32_MAX, hi = 0;
                    for (size_t i = 0; i < n; i++) {
                        if (p[i].therapist_count < lo) lo = p[i].therapist_count;
                        if (p[i].therapist_count > hi) hi = p[i].therapist_count;
                    }
                    assert_true(hi - lo <= 1);
                }
                free(m.pairs);
                free(p);
            }
}

/* Inside a room, the fewest therapist turns come first; with one turn per round, the two people
 * who never had one are both therapists now, in different rooms. */
static void test_low_counts_get_early_slots(void **state)
{
    grouping_person three[] = { { 10, 5 }, { 11, 0 }, { 12, 2 } };
    grouping_result r;
    assert_int_equal(grouping_make_rooms(three, 3, NULL, 0, GROUPING_POLICY_FOURS, 3, 1, &r), 0);
    assert_int_equal(r.members[0], 11);
    assert_int_equal(r.members[1], 12);
    assert_int_equal(r.members[2], 10);
    grouping_result_free(&r);

    grouping_person *p = people_new(6);
    for (size_t i = 0; i < 6; i++) p[i].therapist_count = i < 2 ? 0 : 1;
    for (uint64_t seed = 0; seed < 10; seed++) {
        assert_int_equal(grouping_make_rooms(p, 6, NULL, 0, GROUPING_POLICY_FOURS, 1, seed, &r), 0);
        assert_int_equal(p[IDX(r.members[0])].therapist_count, 0);
        assert_int_equal(p[IDX(r.members[3])].therapist_count, 0);
        grouping_result_free(&r);
    }
    free(p);
}

/* ---- determinism ---- */
static int results_equal(const grouping_result *a, const grouping_result *b, size_t n)
{
    return a->n_rooms == b->n_rooms && !memcmp(a->room_start, b->room_start, (a->n_rooms + 1) * sizeof *a->room_start)
           && !memcmp(a->members, b->members, n * sizeof *a->members);
}

static void test_deterministic_by_seed(void **state)
{
    for (size_t n = 2; n <= 40; n++) {
        grouping_person *p = people_new(n);
        grouping_result a, b, c;
        assert_int_equal(grouping_make_rooms(p, n, NULL, 0, GROUPING_POLICY_FOURS, 3, 1234, &a), 0);
        assert_int_equal(grouping_make_rooms(p, n, NULL, 0, GROUPING_POLICY_FOURS, 3, 1234, &b), 0);
        assert_int_equal(grouping_make_rooms(p, n, NULL, 0, GROUPING_POLICY_FOURS, 3, 1235, &c), 0);
        assert_true(results_equal(&a, &b, n));
        if (n >= 6) assert_false(results_equal(&a, &c, n));
        grouping_result_free(&a);
        grouping_result_free(&b);
        grouping_result_free(&c);
        free(p);
    }
}

/* ---- large groups ---- */
static void test_large_groups(void **state)
{
    static const size_t ns[] = { 1000, 10007 };
    for (size_t c = 0; c < ARRAY_LEN(ns); c++) {
        size_t n = ns[c];
        grouping_person *p = people_new(n);
        met_list m = { 0 };
        for (unsigned round = 0; round < 3; round++) {
            grouping_result r;
            size_t repeats = 99;
            assert_int_equal(grouping_make_rooms(p, n, m.pairs, m.n, GROUPING_POLICY_FOURS, 3, 5 + round, &r), 0);
            assert_valid(&r, n, GROUPING_POLICY_FOURS);
            assert_int_equal(grouping_count_repeats(&r, m.pairs, m.n, &repeats), 0);
            assert_int_equal(repeats, 0);
            credit_therapist_turns(p, &r, 3);
            met_add_rooms(&m, &r);
            grouping_result_free(&r);
        }
        free(m.pairs);
        free(p);
    }
}

/* ---- errors ---- */
static void test_errors(void **state)
{
    grouping_person two[] = { { 1, 0 }, { 1, 0 } };
    grouping_result r;
    assert_int_equal(grouping_make_rooms(two, 2, NULL, 0, GROUPING_POLICY_FOURS, 3, 0, &r), GROUPING_ERR_DUPLICATE);
    assert_int_equal(r.n_rooms, 0);
    assert_null(r.members);
    grouping_result_free(&r);
    assert_int_equal(grouping_make_rooms(two, 2, NULL, 0, GROUPING_POLICY_FOURS, 0, 0, &r), GROUPING_ERR_INVALID);
    assert_int_equal(grouping_make_rooms(NULL, 2, NULL, 0, GROUPING_POLICY_FOURS, 3, 0, &r), GROUPING_ERR_INVALID);
    assert_int_equal(grouping_make_rooms(two, 2, NULL, 5, GROUPING_POLICY_FOURS, 3, 0, &r), GROUPING_ERR_INVALID);
    assert_int_equal(grouping_make_rooms(two, 2, NULL, 0, GROUPING_POLICY_FOURS, 3, 0, NULL), GROUPING_ERR_INVALID);
    assert_int_equal(grouping_make_rooms(two, (size_t)GROUPING_MAX_PEOPLE + 1, NULL, 0, GROUPING_POLICY_FOURS, 3, 0, &r),
                     GROUPING_ERR_TOO_MANY);
    assert_int_equal(grouping_make_rooms(two, 1, NULL, 0, GROUPING_POLICY_FOURS, 3, 0, &r), GROUPING_ERR_TOO_FEW);
    assert_int_equal(grouping_make_rooms(NULL, 0, NULL, 0, GROUPING_POLICY_FOURS, 3, 0, &r), GROUPING_OK);
    assert_int_equal(r.n_rooms, 0);
    assert_int_equal(r.room_start[0], 0);
    grouping_result_free(&r);
    grouping_result_free(NULL);
    static const int codes[] = { GROUPING_OK, GROUPING_ERR_TOO_FEW, GROUPING_ERR_INVALID, GROUPING_ERR_DUPLICATE,
                                 GROUPING_ERR_TOO_MANY, GROUPING_ERR_NOMEM, -99 };
    for (size_t i = 0; i < ARRAY_LEN(codes); i++) assert_true(strlen(grouping_error_message(codes[i])) > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_room_sizes_table),
        cmocka_unit_test(test_room_sizes_follow_policy),
        cmocka_unit_test(test_everyone_placed_once_1_to_40),
        cmocka_unit_test(test_role_for_table),
        cmocka_unit_test(test_rotation_in_made_rooms),
        cmocka_unit_test(test_repeats_match_exhaustive_optimum),
        cmocka_unit_test(test_repeats_known_optima),
        cmocka_unit_test(test_second_round_no_repeats_12_to_40),
        cmocka_unit_test(test_met_weights_and_strays),
        cmocka_unit_test(test_therapist_balance_over_rounds),
        cmocka_unit_test(test_low_counts_get_early_slots),
        cmocka_unit_test(test_deterministic_by_seed),
        cmocka_unit_test(test_large_groups),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
