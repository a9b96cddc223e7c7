/* test_rounds — planning a round from the online roster (room sizes, distinct roles, who is left
 * out, errors), attaching it (rooms, therapist counts, live list), finding rooms only in the
 * session's current round, moves and seat hand-over, and the live-room clock: advancing due rooms
 * one step, the earliest running deadline, closed rooms leaving the live list. Fake clock, and a
 * deterministic room-id generator. */
#include "unit.h"
#include "rounds.h"
#include <stdio.h>

#define SEC 1000
#define MIN (60 * SEC)

/* Plan-then-apply, as the shell does it (it commits in between); returns the room left and the
 * member who inherited the seat, so the assertions below read naturally. */
static int rounds_move(sc_participant *p, sc_room *to, int64_t now, sc_room **from, sc_member **heir)
{
    rounds_seat_change c;
    *from = NULL;
    *heir = NULL;
    int rc = rounds_plan_move(p, to, now, &c);
    if (rc) return rc;
    rounds_apply_seat_change(p, &c);
    *from = c.from;
    *heir = c.from && c.heir != SIZE_MAX ? &c.from->members[c.heir] : NULL;
    return 0;
}

static void rounds_vacate(sc_participant *p, int64_t now, sc_room **from, sc_member **heir)
{
    rounds_seat_change c;
    rounds_plan_vacate(p, now, &c);
    rounds_apply_seat_change(p, &c);
    *from = c.from;
    *heir = c.from && c.heir != SIZE_MAX ? &c.from->members[c.heir] : NULL;
}

static const timeline_shape S3 = { 3, 5 * MIN, 2 * MIN, 3 * MIN, 30 * SEC };

#include "world_fixture.h"

static sc_round *fx_plan(fixture *f, sc_session *s, uint64_t seed)
{
    sc_round *r = NULL;
    int rc = rounds_plan(s, &S3, GROUPING_POLICY_FOURS, seed, "Practise open questions", f->clock.now_ms, new_room_id, &f->ids, &r);
    if (rc != 0) fail_msg("rounds_plan: %d (%s)", rc, rounds_error_message(rc));
    assert_non_null(r);
    return r;
}

static sc_round *fx_launch(fixture *f, sc_session *s, uint64_t seed)
{
    sc_round *r = fx_plan(f, s, seed);
    rounds_attach(&f->w, s, r);
    return r;
}

static size_t live_count_of(const sc_world *w, const sc_room *room)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_live_rooms; i++) n += w->live_rooms[i] == room;
    return n;
}

/* The live list is consistent: every entry's live_index points back at it; no closed room in it. */
static void assert_live_list_ok(const sc_world *w)
{
    for (size_t i = 0; i < w->n_live_rooms; i++) {
        assert_int_equal(w->live_rooms[i]->live_index, i);
        assert_int_not_equal(w->live_rooms[i]->clock.phase, PHASE_CLOSED);
    }
}

/* Every placed person exactly once; rooms' sizes as given; distinct rotation slots 0..size-1. */
static void assert_round_shape(const sc_session *s, const sc_round *r, const size_t *sizes, size_t n_rooms)
{
    assert_int_equal(r->n_rooms, n_rooms);
    unsigned char seen[256] = { 0 };
    assert_true(s->n_people <= sizeof seen);
    for (size_t k = 0; k < r->n_rooms; k++) {
        const sc_room *room = r->rooms[k];
        assert_int_equal(room->n_members, sizes[k]);
        assert_int_equal(room->rotation_size, sizes[k]);
        assert_int_equal(room->number, k + 1);
        assert_ptr_equal(room->round, r);
        assert_ptr_equal(room->session, s);
        unsigned slots = 0;
        for (size_t i = 0; i < room->n_members; i++) {
            const sc_member *m = &room->members[i];
            assert_true(m->slot < room->rotation_size);
            assert_int_equal(slots & (1u << m->slot), 0);
            slots |= 1u << m->slot;
            assert_int_equal(m->gone_ms, 0);
            assert_ptr_equal(m->p->session, s);
            assert_int_equal(seen[m->p->index], 0);
            seen[m->p->index] = 1;
        }
    }
}

/* ---- planning ---- */
static void test_plan_nine_gives_three_triads(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooooooooo");
    sc_round *r = fx_plan(&f, s, 1);
    static const size_t sizes[] = { 3, 3, 3 };
    assert_round_shape(s, r, sizes, 3);
    assert_int_equal(r->number, 1);
    assert_int_equal(r->launched_ms, f.clock.now_ms);
    assert_string_equal(r->scenario, "Practise open questions");
    assert_int_equal(r->shape.turns, 3);
    /* Distinct roles in every room, in every turn; ids from the generator, all different. */
    for (size_t k = 0; k < r->n_rooms; k++) {
        sc_room *room = r->rooms[k];
        for (size_t j = 0; j < k; j++) assert_string_not_equal(room->id, r->rooms[j]->id);
        assert_int_equal(strlen(room->id), SC_ID_LEN);
        unsigned roles = 0;
        for (size_t i = 0; i < room->n_members; i++) roles |= 1u << rounds_member_role(room, &room->members[i]);
        assert_int_equal(roles, (1u << ROLE_THERAPIST) | (1u << ROLE_CLIENT) | (1u << ROLE_OBSERVER));
        for (unsigned t = 0; t < S3.turns; t++) {
            unsigned rt = 0;
            for (size_t i = 0; i < room->n_members; i++) rt |= 1u << grouping_role_for(room->rotation_size, t, room->members[i].slot);
            assert_int_equal(rt, 7u);
        }
        /* The clock runs from now. */
        assert_int_equal(room->clock.phase, PHASE_PRACTICE);
        assert_int_equal(room->clock.turn, 0);
        assert_int_equal(room->clock.deadline_ms, f.clock.now_ms + S3.practice_ms);
        assert_false(room->clock.paused);
    }
    /* Planned but detached: the session has not changed yet. */
    assert_int_equal(s->n_rounds, 0);
    assert_null(rounds_current(s));
    assert_int_equal(f.w.n_live_rooms, 0);
    for (size_t i = 0; i < s->n_people; i++) {
        assert_null(s->people[i]->room);
        assert_int_equal(s->people[i]->therapist_count, 0);
    }
    rounds_free_round(r);
    world_free(&f.w);
}

static void test_plan_sizes_table(void **state)
{
    static const struct { const char *roster; size_t rooms; size_t sizes[6]; const char *what; } cases[] = {
        { "oooooooooo", 3, { 3, 3, 4 }, "10 online: 3,3,4" },
        { "ooooooooooo", 3, { 3, 4, 4 }, "11 online: 3,4,4" },
        { "oo", 1, { 2 }, "two: one pair" },
        { "ooo", 1, { 3 }, "three: one triad" },
        { "oooo", 1, { 4 }, "four: one room of 4" },
        { "ooooo", 2, { 3, 2 }, "five: a triad and a pair" },
        { "o-o-o-o-o-o-", 2, { 3, 3 }, "offline people are not placed" },
        { "ooo---LLLooo", 2, { 3, 3 }, "people who left are not placed, even if flagged online" },
        { "-o-L-o", 1, { 2 }, "two of six" },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        fixture f;
        fx_init(&f);
        sc_session *s = fx_session(&f, 1, "ABCDEF");
        fx_people(&f, s, cases[c].roster);
        sc_round *r = fx_plan(&f, s, 42 + c);
        print_message("%s\n", cases[c].what);
        assert_round_shape(s, r, cases[c].sizes, cases[c].rooms);
        /* Exactly the eligible people are placed. */
        size_t placed = 0;
        for (size_t k = 0; k < r->n_rooms; k++)
            for (size_t i = 0; i < r->rooms[k]->n_members; i++) {
                const sc_participant *p = r->rooms[k]->members[i].p;
                assert_true(p->online && !p->left_ms);
                placed++;
            }
        size_t eligible = 0;
        for (const char *ch = cases[c].roster; *ch; ch++) eligible += *ch == 'o';
        assert_int_equal(placed, eligible);
        rounds_free_round(r);
        world_free(&f.w);
    }
}

static void test_plan_too_few(void **state)
{
    static const char *const rosters[] = { "", "o", "-", "o---", "L", "oL", "LLL--o-" };
    for (size_t c = 0; c < ARRAY_LEN(rosters); c++) {
        fixture f;
        fx_init(&f);
        sc_session *s = fx_session(&f, 1, "ABCDEF");
        fx_people(&f, s, rosters[c]);
        sc_round *r = (sc_round *)&f;   /* poisoned: must be set to NULL */
        int rc = rounds_plan(s, &S3, GROUPING_POLICY_FOURS, 1, NULL, f.clock.now_ms, new_room_id, &f.ids, &r);
        if (rc != ROUNDS_ERR_TOO_FEW) fail_msg("roster \"%s\": want ROUNDS_ERR_TOO_FEW got %d", rosters[c], rc);
        assert_null(r);
        assert_int_equal(f.ids.next, 1);   /* no ids used up */
        world_free(&f.w);
    }
    assert_true(strlen(rounds_error_message(ROUNDS_ERR_TOO_FEW)) > 10);
}

/* PAIRS policy: n % 3 == 2 gives one pair; n % 3 == 1 gives a room of 4 whose rotation is a triad plus
 * a lone extra observer (never therapist or client). */
static void test_plan_pairs_policy(void **state)
{
    static const struct { const char *roster; size_t rooms; size_t sizes[4]; size_t rotation[4]; } cases[] = {
        { "oooooooo", 3, { 3, 3, 2 }, { 3, 3, 2 } },
        { "ooooooo", 2, { 3, 4 }, { 3, 3 } },
        { "oooo", 1, { 4 }, { 3 } },
    };
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        fixture f;
        fx_init(&f);
        sc_session *s = fx_session(&f, 1, "ABCDEF");
        fx_people(&f, s, cases[c].roster);
        sc_round *r = NULL;
        assert_int_equal(rounds_plan(s, &S3, GROUPING_POLICY_PAIRS, 5, NULL, f.clock.now_ms, new_room_id, &f.ids, &r), 0);
        assert_int_equal(r->n_rooms, cases[c].rooms);
        for (size_t k = 0; k < r->n_rooms; k++) {
            sc_room *room = r->rooms[k];
            assert_int_equal(room->n_members, cases[c].sizes[k]);
            assert_int_equal(room->rotation_size, cases[c].rotation[k]);
            size_t extras = 0;
            for (size_t i = 0; i < room->n_members; i++) {
                size_t slot = room->members[i].slot;
                if (slot >= room->rotation_size) {
                    extras++;
                    for (unsigned t = 0; t < S3.turns; t++) assert_int_equal(grouping_role_for(room->rotation_size, t, slot), ROLE_OBSERVER);
                }
            }
            assert_int_equal(extras, room->n_members - room->rotation_size);
        }
        rounds_attach(&f.w, s, r);
        unsigned sum = 0;
        for (size_t i = 0; i < s->n_people; i++) sum += s->people[i]->therapist_count;
        assert_int_equal(sum, r->n_rooms * S3.turns);   /* one therapist per room per turn, extras none */
        world_free(&f.w);
    }
}

/* Same people, same seed: the same rooms. */
static void test_plan_deterministic(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oooooooooooooo");
    sc_round *a = fx_plan(&f, s, 99), *b = fx_plan(&f, s, 99);
    assert_int_equal(a->n_rooms, b->n_rooms);
    for (size_t k = 0; k < a->n_rooms; k++) {
        assert_int_equal(a->rooms[k]->n_members, b->rooms[k]->n_members);
        for (size_t i = 0; i < a->rooms[k]->n_members; i++) {
            assert_ptr_equal(a->rooms[k]->members[i].p, b->rooms[k]->members[i].p);
            assert_int_equal(a->rooms[k]->members[i].slot, b->rooms[k]->members[i].slot);
        }
    }
    rounds_free_round(a);
    rounds_free_round(b);
    world_free(&f.w);
}

/* ---- attaching ---- */
static void test_attach(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oooooooooo--");   /* 10 online: 3,3,4; two in the lobby */
    sc_round *r = fx_launch(&f, s, 5);
    assert_int_equal(s->n_rounds, 1);
    assert_ptr_equal(rounds_current(s), r);
    assert_true(rounds_running(s));
    assert_int_equal(f.w.n_live_rooms, 3);
    assert_live_list_ok(&f.w);
    unsigned total_therapist = 0;
    for (size_t k = 0; k < r->n_rooms; k++) {
        sc_room *room = r->rooms[k];
        assert_int_equal(live_count_of(&f.w, room), 1);
        for (size_t i = 0; i < room->n_members; i++) {
            sc_member *m = &room->members[i];
            assert_ptr_equal(m->p->room, room);
            assert_ptr_equal(rounds_find_member(room, m->p), m);
            /* Therapist turns: with 3 turns, slots 0..2 are therapist once, slot 3 of a room of 4 never. */
            unsigned want = m->slot < 3 ? 1 : 0;
            assert_int_equal(m->p->therapist_count, want);
            total_therapist += m->p->therapist_count;
        }
        assert_int_equal(rounds_present_count(room), room->n_members);
    }
    assert_int_equal(total_therapist, 9);
    assert_null(s->people[10]->room);
    assert_null(s->people[11]->room);
    assert_int_equal(s->people[10]->therapist_count, 0);
    world_free(&f.w);
}

/* A pair rotates therapist and client: with 3 turns, slot 0 is therapist twice, slot 1 once. */
static void test_attach_pair_therapist_counts(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oo");
    sc_round *r = fx_launch(&f, s, 3);
    assert_int_equal(r->n_rooms, 1);
    sc_room *room = r->rooms[0];
    for (size_t i = 0; i < room->n_members; i++)
        assert_int_equal(room->members[i].p->therapist_count, room->members[i].slot == 0 ? 2 : 1);
    world_free(&f.w);
}

/* Round 2 uses round 1: no repeat partners for 9 people, and therapist turns go to whoever had fewest. */
static void test_second_round_uses_history(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oooooooooo");   /* 10: the one in slot 3 of the room of 4 gets no therapist turn */
    sc_round *r1 = fx_launch(&f, s, 11);
    for (size_t k = 0; k < r1->n_rooms; k++) {
        timeline_end_now(&r1->rooms[k]->clock, &S3, f.clock.now_ms);
        rounds_clock_changed(&f.w, r1->rooms[k]);
    }
    fake_clock_advance(&f.clock, S3.soften_ms);
    sc_room *changed[8];
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 3);
    assert_false(rounds_running(s));
    sc_round *r2 = fx_launch(&f, s, 12);
    assert_int_equal(r2->number, 2);
    assert_ptr_equal(rounds_current(s), r2);
    unsigned min = 99, max = 0, sum = 0;
    for (size_t i = 0; i < s->n_people; i++) {
        unsigned t = s->people[i]->therapist_count;
        min = t < min ? t : min;
        max = t > max ? t : max;
        sum += t;
    }
    assert_int_equal(sum, 18);
    assert_int_equal(min, 1);
    assert_int_equal(max, 2);
    world_free(&f.w);

    /* 9 people: an affine plane allows a second round where nobody meets anyone again. */
    fx_init(&f);
    s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooooooooo");
    r1 = fx_launch(&f, s, 21);
    int met[9][9] = { { 0 } };
    for (size_t k = 0; k < r1->n_rooms; k++)
        for (size_t a = 0; a < r1->rooms[k]->n_members; a++)
            for (size_t b = 0; b < r1->rooms[k]->n_members; b++)
                met[r1->rooms[k]->members[a].p->index][r1->rooms[k]->members[b].p->index] = 1;
    for (size_t k = 0; k < r1->n_rooms; k++) {
        timeline_end_now(&r1->rooms[k]->clock, &S3, f.clock.now_ms);
        rounds_clock_changed(&f.w, r1->rooms[k]);
    }
    fake_clock_advance(&f.clock, S3.soften_ms);
    while (rounds_advance_due(&f.w, f.clock.now_ms, changed, 8)) {}
    r2 = fx_launch(&f, s, 22);
    for (size_t k = 0; k < r2->n_rooms; k++)
        for (size_t a = 0; a < r2->rooms[k]->n_members; a++)
            for (size_t b = a + 1; b < r2->rooms[k]->n_members; b++)
                if (met[r2->rooms[k]->members[a].p->index][r2->rooms[k]->members[b].p->index])
                    fail_msg("round 2 room %zu repeats a pair from round 1", k + 1);
    world_free(&f.w);
}

static void test_plan_while_running(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oooooo");
    sc_round *r1 = fx_launch(&f, s, 1);
    sc_round *r = (sc_round *)&f;
    assert_int_equal(rounds_plan(s, &S3, GROUPING_POLICY_FOURS, 2, NULL, f.clock.now_ms, new_room_id, &f.ids, &r), ROUNDS_ERR_RUNNING);
    assert_null(r);
    /* One room closes: still running while the other is open. */
    timeline_end_now(&r1->rooms[0]->clock, &S3, f.clock.now_ms);
    rounds_clock_changed(&f.w, r1->rooms[0]);
    fake_clock_advance(&f.clock, S3.soften_ms);
    sc_room *changed[4];
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 4), 1);
    assert_int_equal(r1->rooms[0]->clock.phase, PHASE_CLOSED);
    assert_true(rounds_running(s));
    assert_int_equal(rounds_plan(s, &S3, GROUPING_POLICY_FOURS, 2, NULL, f.clock.now_ms, new_room_id, &f.ids, &r), ROUNDS_ERR_RUNNING);
    /* The last one closes: a new round may be planned. */
    timeline_end_now(&r1->rooms[1]->clock, &S3, f.clock.now_ms);
    rounds_clock_changed(&f.w, r1->rooms[1]);
    fake_clock_advance(&f.clock, S3.soften_ms);
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 4), 1);
    assert_false(rounds_running(s));
    assert_int_equal(rounds_plan(s, &S3, GROUPING_POLICY_FOURS, 2, NULL, f.clock.now_ms, new_room_id, &f.ids, &r), 0);
    assert_int_equal(r->number, 2);
    rounds_free_round(r);
    world_free(&f.w);
}

/* ---- finding rooms ---- */
static void test_find_room_scoped(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *a = fx_session(&f, 1, "ABCDEF");
    sc_session *b = fx_session(&f, 2, "GHJKMN");
    fx_people(&f, a, "oooooo");
    fx_people(&f, b, "oooooo");
    assert_null(rounds_find_room(a, "anything"));          /* no round yet */
    sc_round *ra = fx_launch(&f, a, 1);
    sc_round *rb = fx_launch(&f, b, 2);
    for (size_t k = 0; k < ra->n_rooms; k++) assert_ptr_equal(rounds_find_room(a, ra->rooms[k]->id), ra->rooms[k]);
    for (size_t k = 0; k < rb->n_rooms; k++) {
        assert_ptr_equal(rounds_find_room(b, rb->rooms[k]->id), rb->rooms[k]);
        assert_null(rounds_find_room(a, rb->rooms[k]->id));   /* another session's room */
    }
    assert_null(rounds_find_room(a, NULL));
    assert_null(rounds_find_room(a, ""));
    assert_null(rounds_find_room(a, "rrrrrrrr-0000-4000-8000-000000009999"));
    /* After a second round in a, rooms of the first are invisible. */
    char old_id[SC_ID_LEN + 1];
    snprintf(old_id, sizeof old_id, "%s", ra->rooms[0]->id);
    for (size_t k = 0; k < ra->n_rooms; k++) {
        timeline_end_now(&ra->rooms[k]->clock, &S3, f.clock.now_ms);
        rounds_clock_changed(&f.w, ra->rooms[k]);
    }
    fake_clock_advance(&f.clock, S3.soften_ms);
    sc_room *changed[8];
    while (rounds_advance_due(&f.w, f.clock.now_ms, changed, 8) == 8) {}
    sc_round *ra2 = fx_launch(&f, a, 3);
    assert_null(rounds_find_room(a, old_id));
    assert_ptr_equal(rounds_find_room(a, ra2->rooms[0]->id), ra2->rooms[0]);
    world_free(&f.w);
}

/* ---- moves ---- */
static sc_member *member_in_slot(sc_room *room, size_t slot)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (!room->members[i].gone_ms && room->members[i].slot == slot) return &room->members[i];
    return NULL;
}

/* Moving a therapist with nobody to inherit: they become an extra observer in the new room. */
static void test_move_therapist(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooooooooo");
    sc_round *r = fx_launch(&f, s, 7);
    sc_room *r1 = r->rooms[0], *r2 = r->rooms[1];
    sc_participant *t = member_in_slot(r1, 0)->p;
    assert_int_equal(rounds_member_role(r1, member_in_slot(r1, 0)), ROLE_THERAPIST);
    fake_clock_advance(&f.clock, 30 * SEC);
    sc_room *from = NULL;
    sc_member *heir = (sc_member *)&f;
    assert_int_equal(rounds_move(t, r2, f.clock.now_ms, &from, &heir), 0);
    assert_ptr_equal(from, r1);
    assert_null(heir);                                   /* room 1 had no extra observer */
    assert_ptr_equal(t->room, r2);
    assert_null(rounds_find_member(r1, t));
    sc_member *m = rounds_find_member(r2, t);
    assert_non_null(m);
    assert_true(m->slot >= r2->rotation_size);
    assert_int_equal(m->joined_ms, f.clock.now_ms);
    for (unsigned turn = 0; turn < S3.turns; turn++) assert_int_equal(grouping_role_for(r2->rotation_size, turn, m->slot), ROLE_OBSERVER);
    assert_int_equal(rounds_member_role(r2, m), ROLE_OBSERVER);
    assert_int_equal(rounds_present_count(r1), 2);
    assert_int_equal(rounds_present_count(r2), 4);
    assert_int_equal(r2->rotation_size, 3);              /* the rotation does not grow */
    assert_int_equal(r1->rotation_size, 2);              /* room 1 closed ranks: a pair */
    /* The old membership is kept (they shared the room), marked gone. */
    int kept = 0;
    for (size_t i = 0; i < r1->n_members; i++)
        if (r1->members[i].p == t) { kept = 1; assert_int_equal(r1->members[i].gone_ms, f.clock.now_ms); }
    assert_true(kept);
    /* Moving into the room one is in is refused; nothing changes. */
    size_t n2 = r2->n_members;
    assert_int_equal(rounds_move(t, r2, f.clock.now_ms, &from, &heir), ROUNDS_ERR_SAME_ROOM);
    assert_int_equal(r2->n_members, n2);
    assert_ptr_equal(t->room, r2);
    world_free(&f.w);
}

/* The old room's first extra observer (lowest extra slot) inherits the leaver's rotation seat. */
static void test_move_heir_inherits_slot(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooooooooo");
    sc_round *r = fx_launch(&f, s, 8);
    sc_room *ra = r->rooms[0], *rb = r->rooms[1], *rc = r->rooms[2];
    sc_room *from;
    sc_member *heir;
    /* Two extra observers arrive in room A: x from B (B's observer), then y from C (C's observer). */
    sc_participant *x = member_in_slot(rb, 2)->p, *y = member_in_slot(rc, 2)->p;
    fake_clock_advance(&f.clock, SEC);
    assert_int_equal(rounds_move(x, ra, f.clock.now_ms, &from, &heir), 0);
    assert_ptr_equal(from, rb);
    assert_null(heir);                                   /* B's observer seat: nobody to inherit it */
    fake_clock_advance(&f.clock, SEC);
    assert_int_equal(rounds_move(y, ra, f.clock.now_ms, &from, &heir), 0);
    size_t xslot = rounds_find_member(ra, x)->slot, yslot = rounds_find_member(ra, y)->slot;
    assert_int_equal(xslot, 3);
    assert_int_equal(yslot, 4);
    /* A's therapist (slot 0) moves to B: x, the first extra observer, takes slot 0. */
    sc_participant *t = member_in_slot(ra, 0)->p;
    fake_clock_advance(&f.clock, SEC);
    assert_int_equal(rounds_move(t, rb, f.clock.now_ms, &from, &heir), 0);
    assert_ptr_equal(from, ra);
    assert_non_null(heir);
    assert_ptr_equal(heir->p, x);
    assert_int_equal(heir->slot, 0);
    assert_ptr_equal(member_in_slot(ra, 0)->p, x);
    assert_int_equal(rounds_member_role(ra, heir), ROLE_THERAPIST);
    assert_int_equal(rounds_find_member(ra, y)->slot, 4);
    sc_member *tm = rounds_find_member(rb, t);
    assert_true(tm->slot >= rb->rotation_size);
    /* A's client (slot 1) leaves the session: y takes slot 1. */
    sc_participant *c = member_in_slot(ra, 1)->p;
    fake_clock_advance(&f.clock, SEC);
    rounds_vacate(c, f.clock.now_ms, &from, &heir);
    assert_ptr_equal(from, ra);
    assert_non_null(heir);
    assert_ptr_equal(heir->p, y);
    assert_int_equal(heir->slot, 1);
    assert_null(c->room);
    assert_null(rounds_find_member(ra, c));
    /* Room A's rotation is whole again: slots 0,1,2 are held by present members. */
    for (size_t slot = 0; slot < ra->rotation_size; slot++) assert_non_null(member_in_slot(ra, slot));
    assert_int_equal(rounds_present_count(ra), 3);
    /* An extra observer moving out hands nothing over. */
    sc_participant *extra = t;   /* extra observer in B */
    assert_int_equal(rounds_move(extra, rc, f.clock.now_ms, &from, &heir), 0);
    assert_ptr_equal(from, rb);
    assert_null(heir);
    world_free(&f.w);
}

/* With no extra observer to inherit a rotation seat, the room closes ranks: every turn of a triad
 * and of a room of four, every seat leaving. This turn's therapist and client keep their roles if
 * they stay; a vacated role goes to this turn's first observer (in seat order); the rotation is
 * the people left, in seats 0..n-1. */
static void test_vacate_closes_ranks(void **state)
{
    static const struct { const char *roster; size_t room_size; } shapes[] = {
        { "ooooooooo", 3 },    /* three triads: room 0 is a triad */
        { "oooooooooo", 4 },   /* 3 + 3 + 4 (fours policy): the room of four */
    };
    int bad = 0;
    for (size_t si = 0; si < ARRAY_LEN(shapes); si++)
        for (unsigned turn = 0; turn < 3; turn++)
            for (size_t leaving = 0; leaving < shapes[si].room_size; leaving++) {
                fixture f;
                fx_init(&f);
                sc_session *s = fx_session(&f, 1, "ABCDEF");
                fx_people(&f, s, shapes[si].roster);
                sc_round *r = fx_launch(&f, s, 11);
                sc_room *room = NULL;
                for (size_t k = 0; k < r->n_rooms; k++)
                    if (r->rooms[k]->rotation_size == shapes[si].room_size) room = r->rooms[k];
                assert_non_null(room);
                size_t R = room->rotation_size;
                room->clock.turn = turn;   /* as if the room had rotated this far */
                sc_participant *by_seat[8], *therapist = NULL, *client = NULL, *observers[8];
                size_t n_obs = 0;
                for (size_t seat = 0; seat < R; seat++) {
                    by_seat[seat] = member_in_slot(room, seat)->p;
                    grouping_role role = grouping_role_for(R, turn, seat);
                    if (seat == leaving) continue;
                    if (role == ROLE_THERAPIST) therapist = by_seat[seat];
                    else if (role == ROLE_CLIENT) client = by_seat[seat];
                    else observers[n_obs++] = by_seat[seat];
                }
                size_t next = 0;
                if (!therapist) therapist = observers[next++];
                if (!client) client = observers[next++];
                sc_room *from;
                sc_member *heir;
                rounds_vacate(by_seat[leaving], f.clock.now_ms, &from, &heir);
                assert_ptr_equal(from, room);
                assert_null(heir);
                if (room->rotation_size != R - 1) { print_error("R %zu turn %u seat %zu: rotation %zu\n", R, turn, leaving, room->rotation_size); bad++; }
                sc_member *tm = rounds_find_member(room, therapist), *cm = rounds_find_member(room, client);
                if (!tm || rounds_member_role(room, tm) != ROLE_THERAPIST || !cm || rounds_member_role(room, cm) != ROLE_CLIENT) {
                    print_error("R %zu turn %u seat %zu: this turn's therapist/client not as expected\n", R, turn, leaving);
                    bad++;
                }
                for (size_t seat = 0; seat < room->rotation_size; seat++)
                    if (!member_in_slot(room, seat)) { print_error("R %zu turn %u seat %zu: seat %zu empty\n", R, turn, leaving, seat); bad++; }
                assert_int_equal(rounds_present_count(room), R - 1);
                assert_null(rounds_find_member(room, by_seat[leaving]));
                world_free(&f.w);
            }
    assert_int_equal(bad, 0);
}

/* A pair that loses one person keeps the empty seat (one person cannot practise); a triad that
 * loses two in turn becomes a pair, then keeps its last seat empty. */
static void test_vacate_pair_keeps_empty_seat(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooo");
    sc_round *r = fx_launch(&f, s, 3);
    sc_room *room = r->rooms[0];
    assert_int_equal(room->rotation_size, 3);
    sc_room *from;
    sc_member *heir;
    sc_participant *client = member_in_slot(room, 1)->p, *observer = member_in_slot(room, 2)->p;
    rounds_vacate(member_in_slot(room, 0)->p, f.clock.now_ms, &from, &heir);   /* the therapist leaves */
    assert_int_equal(room->rotation_size, 2);
    assert_int_equal(rounds_member_role(room, rounds_find_member(room, client)), ROLE_CLIENT);
    assert_int_equal(rounds_member_role(room, rounds_find_member(room, observer)), ROLE_THERAPIST);
    rounds_vacate(client, f.clock.now_ms, &from, &heir);
    assert_int_equal(room->rotation_size, 2);                     /* unchanged */
    assert_int_equal(rounds_present_count(room), 1);
    assert_int_equal(rounds_member_role(room, rounds_find_member(room, observer)), ROLE_THERAPIST);
    world_free(&f.w);
}

/* From the lobby (was offline at launch) into a room; into a closed room is refused. */
static void test_move_from_lobby_and_into_closed(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oooooo--");
    sc_round *r = fx_launch(&f, s, 9);
    sc_participant *late = s->people[6], *later = s->people[7];
    assert_null(late->room);
    late->online = 1;
    later->online = 1;
    sc_room *from = (sc_room *)&f;
    sc_member *heir = (sc_member *)&f;
    assert_int_equal(rounds_move(late, r->rooms[0], f.clock.now_ms, &from, &heir), 0);
    assert_null(from);
    assert_null(heir);
    assert_ptr_equal(late->room, r->rooms[0]);
    assert_int_equal(rounds_find_member(r->rooms[0], late)->slot, 3);
    assert_int_equal(rounds_move(later, r->rooms[0], f.clock.now_ms, &from, &heir), 0);
    assert_int_equal(rounds_find_member(r->rooms[0], later)->slot, 4);
    /* Room 2 closes. */
    sc_room *closing = r->rooms[1];
    timeline_end_now(&closing->clock, &S3, f.clock.now_ms);
    rounds_clock_changed(&f.w, closing);
    fake_clock_advance(&f.clock, S3.soften_ms);
    sc_room *changed[4];
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 4), 1);
    assert_int_equal(closing->clock.phase, PHASE_CLOSED);
    size_t n = closing->n_members;
    assert_int_equal(rounds_move(late, closing, f.clock.now_ms, &from, &heir), ROUNDS_ERR_CLOSED);
    assert_ptr_equal(late->room, r->rooms[0]);
    assert_non_null(rounds_find_member(r->rooms[0], late));
    assert_int_equal(closing->n_members, n);
    assert_true(strlen(rounds_error_message(ROUNDS_ERR_CLOSED)) > 10);
    world_free(&f.w);
}

/* ---- the live-room clock ---- */
static void test_advance_due_and_next_deadline(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooooooooo");
    int64_t t0 = f.clock.now_ms;
    sc_round *r = fx_launch(&f, s, 4);
    sc_room *r1 = r->rooms[0], *r2 = r->rooms[1], *r3 = r->rooms[2];
    sc_room *changed[8];
    assert_int_equal(rounds_next_deadline(&f.w), t0 + S3.practice_ms);
    /* Nothing is due early. */
    fake_clock_advance(&f.clock, S3.practice_ms - 1);
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 0);
    /* Room 2 paused, room 3 extended by a minute. */
    assert_int_equal(timeline_pause(&r2->clock, f.clock.now_ms), TIMELINE_OK);
    rounds_clock_changed(&f.w, r2);
    assert_int_equal(timeline_extend(&r3->clock, MIN, f.clock.now_ms), TIMELINE_OK);
    rounds_clock_changed(&f.w, r3);
    assert_int_equal(f.w.n_live_rooms, 3);    /* paused rooms stay live */
    assert_live_list_ok(&f.w);
    assert_int_equal(rounds_next_deadline(&f.w), t0 + S3.practice_ms);   /* room 1; paused room 2 ignored */
    /* At the deadline only room 1 advances, one step. */
    fake_clock_advance(&f.clock, 1);
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 1);
    assert_ptr_equal(changed[0], r1);
    assert_int_equal(r1->clock.phase, PHASE_FEEDBACK);
    assert_int_equal(r1->clock.deadline_ms, f.clock.now_ms + S3.feedback_ms);
    assert_int_equal(r2->clock.phase, PHASE_PRACTICE);
    assert_int_equal(r3->clock.phase, PHASE_PRACTICE);
    /* Next: room 3 (t0 + 6 min) before room 1's feedback end (t0 + 7 min). */
    assert_int_equal(rounds_next_deadline(&f.w), t0 + S3.practice_ms + MIN);
    /* Calling again at the same time changes nothing. */
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 0);
    /* A long stall: every running room advances exactly one step, the paused one none. */
    fake_clock_advance(&f.clock, 60 * MIN);
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 2);
    assert_int_equal(r1->clock.phase, PHASE_PRACTICE);
    assert_int_equal(r1->clock.turn, 1);
    assert_int_equal(r3->clock.phase, PHASE_FEEDBACK);
    assert_int_equal(r3->clock.turn, 0);
    assert_int_equal(r2->clock.phase, PHASE_PRACTICE);
    assert_true(r2->clock.paused);
    assert_int_equal(rounds_next_deadline(&f.w), f.clock.now_ms + S3.feedback_ms);   /* r3's feedback; r1 practice is later */
    /* Everyone paused: no deadline. */
    timeline_pause(&r1->clock, f.clock.now_ms);
    timeline_pause(&r3->clock, f.clock.now_ms);
    assert_int_equal(rounds_next_deadline(&f.w), INT64_MAX);
    fake_clock_advance(&f.clock, 600 * MIN);
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 0);
    world_free(&f.w);
}

/* `max` bounds one call; the caller calls again for the rest. */
static void test_advance_due_batches(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooooooooooooooo");   /* 5 triads */
    sc_round *r = fx_launch(&f, s, 4);
    assert_int_equal(r->n_rooms, 5);
    fake_clock_advance(&f.clock, S3.practice_ms);
    sc_room *changed[2];
    size_t total = 0, n;
    int calls = 0;
    while ((n = rounds_advance_due(&f.w, f.clock.now_ms, changed, 2)) > 0) {
        assert_true(n <= 2);
        total += n;
        calls++;
        assert_true(calls < 10);
    }
    assert_int_equal(total, 5);
    for (size_t k = 0; k < r->n_rooms; k++) assert_int_equal(r->rooms[k]->clock.phase, PHASE_FEEDBACK);
    world_free(&f.w);
}

/* Rooms leave the live list when they close, from any position in it, across sessions; the
 * earliest deadline follows. */
static void test_closed_rooms_leave_live_list(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *a = fx_session(&f, 1, "ABCDEF");
    sc_session *b = fx_session(&f, 2, "GHJKMN");
    fx_people(&f, a, "ooooooooo");
    fx_people(&f, b, "oooooo");
    sc_round *ra = fx_launch(&f, a, 1);
    fake_clock_advance(&f.clock, 10 * SEC);
    sc_round *rb = fx_launch(&f, b, 2);
    assert_int_equal(f.w.n_live_rooms, 5);
    assert_live_list_ok(&f.w);
    /* End the middle room of a: it reaches soften now and closes after soften_ms. */
    timeline_end_now(&ra->rooms[1]->clock, &S3, f.clock.now_ms);
    rounds_clock_changed(&f.w, ra->rooms[1]);
    assert_int_equal(rounds_next_deadline(&f.w), f.clock.now_ms + S3.soften_ms);
    fake_clock_advance(&f.clock, S3.soften_ms);
    sc_room *changed[8];
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 8), 1);
    assert_ptr_equal(changed[0], ra->rooms[1]);
    assert_int_equal(ra->rooms[1]->clock.phase, PHASE_CLOSED);
    assert_int_equal(ra->rooms[1]->live_index, SIZE_MAX);
    assert_int_equal(f.w.n_live_rooms, 4);
    assert_int_equal(live_count_of(&f.w, ra->rooms[1]), 0);
    assert_live_list_ok(&f.w);
    /* A closed room stays out even if told its clock changed. */
    rounds_clock_changed(&f.w, ra->rooms[1]);
    assert_int_equal(f.w.n_live_rooms, 4);
    /* Run everything to the end, always waking at the earliest deadline. */
    int steps = 0;
    while (f.w.n_live_rooms) {
        int64_t next = rounds_next_deadline(&f.w);
        assert_true(next != INT64_MAX);
        assert_true(next >= f.clock.now_ms);
        fake_clock_advance(&f.clock, next - f.clock.now_ms);
        size_t n = rounds_advance_due(&f.w, f.clock.now_ms, changed, 8);
        assert_true(n >= 1);
        assert_live_list_ok(&f.w);
        assert_true(++steps < 200);
    }
    assert_int_equal(rounds_next_deadline(&f.w), INT64_MAX);
    assert_false(rounds_running(a));
    assert_false(rounds_running(b));
    for (size_t k = 0; k < rb->n_rooms; k++) {
        assert_int_equal(rb->rooms[k]->clock.phase, PHASE_CLOSED);
        assert_int_equal(rb->rooms[k]->live_index, SIZE_MAX);
    }
    world_free(&f.w);
}

/* Someone still typing when soften ends: the room gets its grace period instead of closing. */
static void test_typing_grants_grace(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "ooo");
    sc_round *r = fx_launch(&f, s, 1);
    sc_room *room = r->rooms[0];
    timeline_end_now(&room->clock, &S3, f.clock.now_ms);
    rounds_clock_changed(&f.w, room);
    fake_clock_advance(&f.clock, S3.soften_ms - 2 * SEC);
    room->members[1].last_typing_ms = f.clock.now_ms;     /* a draft saved 2 s before the end */
    fake_clock_advance(&f.clock, 2 * SEC);
    assert_true(rounds_someone_typing(room, f.clock.now_ms));
    sc_room *changed[2];
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 2), 1);
    assert_int_equal(room->clock.phase, PHASE_SOFTEN);
    assert_true(room->clock.in_grace);
    assert_int_equal(f.w.n_live_rooms, 1);
    assert_int_equal(rounds_next_deadline(&f.w), f.clock.now_ms + S3.grace_ms);
    fake_clock_advance(&f.clock, S3.grace_ms);
    assert_int_equal(rounds_advance_due(&f.w, f.clock.now_ms, changed, 2), 1);
    assert_int_equal(room->clock.phase, PHASE_CLOSED);
    assert_int_equal(f.w.n_live_rooms, 0);
    /* Typing counts only within the window, and only for people still in the room. */
    assert_false(rounds_someone_typing(room, f.clock.now_ms));
    room->members[0].last_typing_ms = f.clock.now_ms;
    assert_true(rounds_someone_typing(room, f.clock.now_ms + ROUNDS_TYPING_WINDOW_MS));
    assert_false(rounds_someone_typing(room, f.clock.now_ms + ROUNDS_TYPING_WINDOW_MS + 1));
    room->members[0].gone_ms = f.clock.now_ms;
    assert_false(rounds_someone_typing(room, f.clock.now_ms));
    world_free(&f.w);
}

/* Help requests belong to their session. */
static void test_help_requests(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *a = fx_session(&f, 1, "ABCDEF");
    sc_session *b = fx_session(&f, 2, "GHJKMN");
    fx_people(&f, a, "ooo");
    sc_round *r = fx_launch(&f, a, 1);
    sc_help *h = rounds_add_help(a, "help-1", r->rooms[0], a->people[0], "We are stuck", f.clock.now_ms, 0);
    assert_non_null(h);
    assert_string_equal(h->text, "We are stuck");
    assert_ptr_equal(rounds_find_help(a, "help-1"), h);
    assert_null(rounds_find_help(b, "help-1"));
    assert_null(rounds_find_help(a, "help-2"));
    world_free(&f.w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_nine_gives_three_triads),
        cmocka_unit_test(test_plan_sizes_table),
        cmocka_unit_test(test_plan_too_few),
        cmocka_unit_test(test_plan_pairs_policy),
        cmocka_unit_test(test_plan_deterministic),
        cmocka_unit_test(test_attach),
        cmocka_unit_test(test_attach_pair_therapist_counts),
        cmocka_unit_test(test_second_round_uses_history),
        cmocka_unit_test(test_plan_while_running),
        cmocka_unit_test(test_find_room_scoped),
        cmocka_unit_test(test_move_therapist),
        cmocka_unit_test(test_move_heir_inherits_slot),
        cmocka_unit_test(test_vacate_closes_ranks),
        cmocka_unit_test(test_vacate_pair_keeps_empty_seat),
        cmocka_unit_test(test_move_from_lobby_and_into_closed),
        cmocka_unit_test(test_advance_due_and_next_deadline),
        cmocka_unit_test(test_advance_due_batches),
        cmocka_unit_test(test_closed_rooms_leave_live_list),
        cmocka_unit_test(test_typing_grants_grace),
        cmocka_unit_test(test_help_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
