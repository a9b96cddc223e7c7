/* test_followup — the rules of the way back (src/core/followup.h): who may write to whom (former
 * room mates in any round, including people who moved out mid-round; never strangers, other
 * sessions, oneself or a deleted account; never the facilitator), who may write to a room, finding
 * one's own rooms by id, the per-sender rate limit on a fake clock, the retention cutoff and the
 * client-id rule. Worlds are built with rounds_plan/rounds_attach and a deterministic room-id
 * generator, as in test_rounds. */
#include "unit.h"
#include "auth.h"
#include "followup.h"
#include "rounds.h"
#include <stdio.h>

#define SEC 1000
#define MIN (60 * SEC)
#define DAY (INT64_C(24) * 3600 * 1000)

static const timeline_shape S3 = { 3, 5 * MIN, 2 * MIN, 3 * MIN, 30 * SEC };

#include "world_fixture.h"

static sc_round *fx_launch(fixture *f, sc_session *s, uint64_t seed)
{
    sc_round *r = NULL;
    int rc = rounds_plan(s, &S3, GROUPING_POLICY_FOURS, seed, "Practise open questions", f->clock.now_ms, new_room_id, &f->ids, &r);
    if (rc != 0) fail_msg("rounds_plan: %d (%s)", rc, rounds_error_message(rc));
    assert_non_null(r);
    rounds_attach(&f->w, s, r);
    return r;
}

/* Ends every room of the current round (end now, then let the soft close run out). */
static void fx_close_round(fixture *f, sc_session *s)
{
    sc_round *r = rounds_current(s);
    for (size_t k = 0; k < r->n_rooms; k++) {
        timeline_end_now(&r->rooms[k]->clock, &r->shape, f->clock.now_ms);
        rounds_clock_changed(&f->w, r->rooms[k]);
    }
    fake_clock_advance(&f->clock, r->shape.soften_ms);
    sc_room *changed[16];
    while (rounds_advance_due(&f->w, f->clock.now_ms, changed, ARRAY_LEN(changed)) > 0) {}
    assert_false(rounds_running(s));
}

static void fx_move(sc_participant *p, sc_room *to, int64_t now)
{
    rounds_seat_change c;
    assert_int_equal(rounds_plan_move(p, to, now, &c), 0);
    rounds_apply_seat_change(p, &c);
}

static int in_members(const sc_room *room, const sc_participant *p)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == p) return 1;
    return 0;
}

/* An oracle independent of per-person history: scans every room of every round of the session. */
static int oracle_shared(const sc_participant *a, const sc_participant *b)
{
    if (a->session != b->session) return 0;
    const sc_session *s = a->session;
    for (size_t i = 0; i < s->n_rounds; i++)
        for (size_t k = 0; k < s->rounds[i]->n_rooms; k++)
            if (in_members(s->rounds[i]->rooms[k], a) && in_members(s->rounds[i]->rooms[k], b)) return 1;
    return 0;
}

/* Every ordered pair of the world agrees with the oracle (and the relation is symmetric). */
static void assert_all_pairs_match_oracle(const sc_world *w)
{
    for (size_t i = 0; i < w->n_sessions; i++)
        for (size_t j = 0; j < w->n_sessions; j++)
            for (size_t a = 0; a < w->sessions[i]->n_people; a++)
                for (size_t b = 0; b < w->sessions[j]->n_people; b++) {
                    const sc_participant *pa = w->sessions[i]->people[a], *pb = w->sessions[j]->people[b];
                    followup_status want = pa == pb ? FOLLOWUP_ERR_SELF
                                         : oracle_shared(pa, pb) ? FOLLOWUP_OK : FOLLOWUP_ERR_STRANGER;
                    followup_status got = followup_may_write(pa, pb);
                    if (got != want)
                        fail_msg("%s -> %s: want %d, got %d", pa->name, pb->name, (int)want, (int)got);
                    assert_int_equal(followup_shared_room(pa, pb), oracle_shared(pa, pb));
                    assert_int_equal(followup_shared_room(pa, pb), followup_shared_room(pb, pa));
                }
}

static sc_member *member_at(sc_room *room, size_t i)
{
    assert_true(i < room->n_members);
    return &room->members[i];
}

/* A world used by several tests: session A has 9 online (three triads r1, r2, r3) and one person
 * offline at launch (never placed); session B has 3 online (one triad). In A, `mover` (of r1)
 * moves into r2 half-way through the practice. */
typedef struct {
    fixture f;
    sc_session *a, *b;
    sc_room *r1, *r2, *r3, *b1;
    sc_participant *me, *mate, *mover, *r2_person, *r3_person, *lobby, *other_session;
} world_fx;

static void wfx_init(world_fx *x)
{
    memset(x, 0, sizeof *x);
    fx_init(&x->f);
    x->a = fx_session(&x->f, 1, "ABCDEF");
    x->b = fx_session(&x->f, 2, "GHJKMN");
    fx_people(&x->f, x->a, "ooooooooo-");
    fx_people(&x->f, x->b, "ooo");
    sc_round *ra = fx_launch(&x->f, x->a, 7);
    sc_round *rb = fx_launch(&x->f, x->b, 7);
    assert_int_equal(ra->n_rooms, 3);
    assert_int_equal(rb->n_rooms, 1);
    x->r1 = ra->rooms[0];
    x->r2 = ra->rooms[1];
    x->r3 = ra->rooms[2];
    x->b1 = rb->rooms[0];
    assert_int_equal(x->r1->n_members, 3);
    x->me = member_at(x->r1, 0)->p;
    x->mate = member_at(x->r1, 1)->p;
    x->mover = member_at(x->r1, 2)->p;
    x->r2_person = member_at(x->r2, 0)->p;
    x->r3_person = member_at(x->r3, 0)->p;
    x->lobby = x->a->people[9];
    assert_null(x->lobby->room);
    assert_int_equal(x->lobby->n_history, 0);
    x->other_session = member_at(x->b1, 0)->p;
    fake_clock_advance(&x->f.clock, 2 * MIN);
    fx_move(x->mover, x->r2, x->f.clock.now_ms);
    assert_ptr_equal(x->mover->room, x->r2);
    assert_null(rounds_find_member(x->r1, x->mover));   /* really moved out of r1 */
}

/* ---- who may write to whom ---- */
static void test_may_write_table(void **state)
{
    world_fx x;
    wfx_init(&x);
    const struct { const char *what; const sc_participant *from, *to; followup_status want; } rows[] = {
        { "former room mate", x.me, x.mate, FOLLOWUP_OK },
        { "room mate, the other way", x.mate, x.me, FOLLOWUP_OK },
        { "moved out of my room mid-round: we shared it", x.me, x.mover, FOLLOWUP_OK },
        { "the mover writes back to the old room", x.mover, x.me, FOLLOWUP_OK },
        { "the mover writes to the room moved into", x.mover, x.r2_person, FOLLOWUP_OK },
        { "the mover's new room mate writes to the mover", x.r2_person, x.mover, FOLLOWUP_OK },
        { "same session, never shared a room (r2)", x.me, x.r2_person, FOLLOWUP_ERR_STRANGER },
        { "same session, never shared a room (r3)", x.me, x.r3_person, FOLLOWUP_ERR_STRANGER },
        { "the mover never was in r3", x.mover, x.r3_person, FOLLOWUP_ERR_STRANGER },
        { "someone in the lobby, never placed", x.me, x.lobby, FOLLOWUP_ERR_STRANGER },
        { "from the lobby to a placed person", x.lobby, x.me, FOLLOWUP_ERR_STRANGER },
        { "another session's participant", x.me, x.other_session, FOLLOWUP_ERR_STRANGER },
        { "from another session", x.other_session, x.me, FOLLOWUP_ERR_STRANGER },
        { "oneself", x.me, x.me, FOLLOWUP_ERR_SELF },
        { "oneself, from the lobby", x.lobby, x.lobby, FOLLOWUP_ERR_SELF },
        { "NULL recipient", x.me, NULL, FOLLOWUP_ERR_STRANGER },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        followup_status got = followup_may_write(rows[i].from, rows[i].to);
        if (got != rows[i].want) fail_msg("%s: want %d, got %d", rows[i].what, (int)rows[i].want, (int)got);
        /* every refusal has its own sentence for the person */
        if (got != FOLLOWUP_OK) assert_string_not_equal(followup_status_message(got), followup_status_message(FOLLOWUP_OK));
    }
    assert_all_pairs_match_oracle(&x.f.w);
    world_free(&x.f.w);
}

/* A room mate who deleted their account cannot be reached; the rule looks at deleted_ms. */
static void test_may_write_gone(void **state)
{
    world_fx x;
    wfx_init(&x);
    assert_int_equal(followup_may_write(x.me, x.mate), FOLLOWUP_OK);
    x.mate->deleted_ms = x.f.clock.now_ms;
    assert_int_equal(followup_may_write(x.me, x.mate), FOLLOWUP_ERR_GONE);
    assert_int_equal(followup_may_write(x.mover, x.mate), FOLLOWUP_ERR_GONE);
    /* they still shared the room: only the deletion stops it */
    assert_true(followup_shared_room(x.me, x.mate));
    x.mover->deleted_ms = x.f.clock.now_ms;
    assert_int_equal(followup_may_write(x.me, x.mover), FOLLOWUP_ERR_GONE);
    x.mate->deleted_ms = 0;
    assert_int_equal(followup_may_write(x.me, x.mate), FOLLOWUP_OK);
    /* someone who left the session can no longer sign in: a message would never be read */
    x.mate->left_ms = x.f.clock.now_ms;
    assert_int_equal(followup_may_write(x.me, x.mate), FOLLOWUP_ERR_GONE);
    x.mate->left_ms = 0;
    assert_string_not_equal(followup_status_message(FOLLOWUP_ERR_GONE), followup_status_message(FOLLOWUP_ERR_STRANGER));
    world_free(&x.f.w);
}

/* Shared a room in round 1 but not in round 2: still allowed; and round 2's new mates too. */
static void test_may_write_across_rounds(void **state)
{
    fixture f;
    fx_init(&f);
    sc_session *s = fx_session(&f, 1, "ABCDEF");
    fx_people(&f, s, "oooooo");
    sc_round *one = fx_launch(&f, s, 3);
    assert_int_equal(one->n_rooms, 2);
    fx_close_round(&f, s);
    sc_round *two = fx_launch(&f, s, 4);
    assert_int_equal(two->n_rooms, 2);
    assert_ptr_equal(rounds_current(s), two);

    /* find: a pair from round 1 now in different rooms; a pair new in round 2; a pair never together */
    const sc_participant *split_a = NULL, *split_b = NULL, *new_a = NULL, *new_b = NULL, *never_a = NULL, *never_b = NULL;
    for (size_t i = 0; i < s->n_people; i++)
        for (size_t j = i + 1; j < s->n_people; j++) {
            sc_participant *p = s->people[i], *q = s->people[j];
            int in1 = p->history[0] == q->history[0];
            int in2 = p->room == q->room;
            if (in1 && !in2 && !split_a) { split_a = p; split_b = q; }
            if (!in1 && in2 && !new_a) { new_a = p; new_b = q; }
            if (!in1 && !in2 && !never_a) { never_a = p; never_b = q; }
        }
    assert_non_null(split_a);
    assert_non_null(new_a);
    assert_non_null(never_a);
    /* the round-1 room is no longer "current", but they shared it */
    assert_null(rounds_find_room(s, split_a->history[0]->id));
    assert_int_equal(followup_may_write(split_a, split_b), FOLLOWUP_OK);
    assert_int_equal(followup_may_write(split_b, split_a), FOLLOWUP_OK);
    assert_int_equal(followup_may_write(new_a, new_b), FOLLOWUP_OK);
    assert_int_equal(followup_may_write(never_a, never_b), FOLLOWUP_ERR_STRANGER);
    assert_int_equal(followup_may_write(never_b, never_a), FOLLOWUP_ERR_STRANGER);
    /* each person's history holds both rounds' rooms */
    for (size_t i = 0; i < s->n_people; i++) assert_int_equal(s->people[i]->n_history, 2);
    assert_all_pairs_match_oracle(&f.w);
    world_free(&f.w);
}

/* Someone who moved out of a room shares it with the people who came after they left, too:
 * "ever in the same room" is about the room, not about overlapping in time. */
static void test_may_write_moved_in_after_other_left(void **state)
{
    world_fx x;
    wfx_init(&x);
    /* r3_person moves into r1 after mover left r1: they were in r1 at different times */
    fake_clock_advance(&x.f.clock, MIN);
    fx_move(x.r3_person, x.r1, x.f.clock.now_ms);
    assert_int_equal(followup_may_write(x.r3_person, x.me), FOLLOWUP_OK);
    assert_int_equal(followup_may_write(x.r3_person, x.mover), FOLLOWUP_OK);
    assert_int_equal(followup_may_write(x.mover, x.r3_person), FOLLOWUP_OK);
    assert_all_pairs_match_oracle(&x.f.w);
    world_free(&x.f.w);
}

/* Defence in depth: even if a store restored someone of another session into a room (a corrupt
 * row), the two sessions stay apart — for people and for the room. */
static void test_may_write_never_across_sessions(void **state)
{
    world_fx x;
    wfx_init(&x);
    assert_int_equal(rounds_restore_member(x.r1, x.other_session, 9, x.f.clock.now_ms, x.f.clock.now_ms), 0);
    assert_true(in_members(x.r1, x.other_session));
    assert_int_equal(followup_may_write(x.me, x.other_session), FOLLOWUP_ERR_STRANGER);
    assert_int_equal(followup_may_write(x.other_session, x.me), FOLLOWUP_ERR_STRANGER);
    assert_false(followup_shared_room(x.other_session, x.me));
    assert_false(followup_shared_room(x.me, x.other_session));
    assert_int_equal(followup_may_write_room(x.other_session, x.r1), FOLLOWUP_ERR_NOT_MEMBER);
    /* their own session's room still works */
    assert_int_equal(followup_may_write(x.other_session, member_at(x.b1, 1)->p), FOLLOWUP_OK);
    assert_int_equal(followup_may_write_room(x.other_session, x.b1), FOLLOWUP_OK);
    world_free(&x.f.w);
}

/* The facilitator is not a participant: the shell never lets a facilitator token reach these rules. */
static void test_facilitator_may_not_follow_up(void **state)
{
    assert_int_equal(auth_check(ACTOR_FACILITATOR, ACTION_FOLLOWUP), AUTH_FORBIDDEN);
    assert_int_equal(auth_check(ACTOR_PARTICIPANT, ACTION_FOLLOWUP), AUTH_OK);
    assert_int_equal(auth_check(ACTOR_NONE, ACTION_FOLLOWUP), AUTH_UNAUTHORIZED);
}

/* ---- writing to a room ---- */
static void test_may_write_room(void **state)
{
    world_fx x;
    wfx_init(&x);
    const struct { const char *what; const sc_participant *from; const sc_room *room; followup_status want; } rows[] = {
        { "member of the room", x.me, x.r1, FOLLOWUP_OK },
        { "another member", x.mate, x.r1, FOLLOWUP_OK },
        { "moved out of it: was a member", x.mover, x.r1, FOLLOWUP_OK },
        { "moved into it", x.mover, x.r2, FOLLOWUP_OK },
        { "never in that room", x.me, x.r2, FOLLOWUP_ERR_NOT_MEMBER },
        { "never in that room (r3)", x.mover, x.r3, FOLLOWUP_ERR_NOT_MEMBER },
        { "in the lobby", x.lobby, x.r1, FOLLOWUP_ERR_NOT_MEMBER },
        { "room of another session", x.me, x.b1, FOLLOWUP_ERR_NOT_MEMBER },
        { "into my session's room from another session", x.other_session, x.r1, FOLLOWUP_ERR_NOT_MEMBER },
        { "NULL room", x.me, NULL, FOLLOWUP_ERR_NOT_MEMBER },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        followup_status got = followup_may_write_room(rows[i].from, rows[i].room);
        if (got != rows[i].want) fail_msg("%s: want %d, got %d", rows[i].what, (int)rows[i].want, (int)got);
    }
    world_free(&x.f.w);
}

/* followup_find_my_room finds only rooms the person was in (any round, including left ones). */
static void test_find_my_room(void **state)
{
    world_fx x;
    wfx_init(&x);
    assert_ptr_equal(followup_find_my_room(x.me, x.r1->id), x.r1);
    assert_null(followup_find_my_room(x.me, x.r2->id));
    assert_null(followup_find_my_room(x.me, x.r3->id));
    assert_null(followup_find_my_room(x.me, x.b1->id));        /* another session's room */
    assert_null(followup_find_my_room(x.me, "no-such-room"));
    assert_null(followup_find_my_room(x.me, ""));
    assert_ptr_equal(followup_find_my_room(x.mover, x.r1->id), x.r1);   /* moved out, still theirs */
    assert_ptr_equal(followup_find_my_room(x.mover, x.r2->id), x.r2);
    assert_null(followup_find_my_room(x.mover, x.r3->id));
    assert_null(followup_find_my_room(x.lobby, x.r1->id));
    assert_ptr_equal(followup_find_my_room(x.other_session, x.b1->id), x.b1);
    assert_null(followup_find_my_room(x.other_session, x.r1->id));
    /* After a second round the first round's room is still found (not current any more). */
    fx_close_round(&x.f, x.a);
    sc_round *two = fx_launch(&x.f, x.a, 8);
    assert_null(rounds_find_room(x.a, x.r1->id));
    assert_ptr_equal(followup_find_my_room(x.me, x.r1->id), x.r1);
    assert_ptr_equal(followup_find_my_room(x.me, x.me->room->id), x.me->room);
    for (size_t k = 0; k < two->n_rooms; k++) {
        sc_room *room = two->rooms[k];
        sc_room *want = in_members(room, x.me) ? room : NULL;
        assert_ptr_equal(followup_find_my_room(x.me, room->id), want);
    }
    world_free(&x.f.w);
}

/* ---- rate limit ---- */
static void test_rate_take(void **state)
{
    world_fx x;
    wfx_init(&x);
    fake_clock *clk = &x.f.clock;
    int64_t t0 = clk->now_ms;
    for (int i = 0; i < FOLLOWUP_PER_MINUTE; i++)
        if (followup_rate_take(x.me, t0) != 0) fail_msg("message %d of %d at one instant was refused", i + 1, FOLLOWUP_PER_MINUTE);
    int64_t wait = followup_rate_take(x.me, t0);
    assert_true(wait > 0);
    assert_true(wait <= 60 * SEC);
    /* refused while the wait is not over, and refusals do not lengthen it */
    assert_int_equal(followup_rate_take(x.me, t0 + wait - 1), 1);
    assert_int_equal(followup_rate_take(x.me, t0), wait);
    /* another sender is not affected */
    assert_int_equal(followup_rate_take(x.mate, t0), 0);
    /* after exactly the wait: allowed, once */
    fake_clock_advance(clk, wait);
    assert_int_equal(followup_rate_take(x.me, clk->now_ms), 0);
    assert_true(followup_rate_take(x.me, clk->now_ms) > 0);
    /* after a quiet minute the full burst is available again */
    fake_clock_advance(clk, 60 * SEC);
    for (int i = 0; i < FOLLOWUP_PER_MINUTE; i++) assert_int_equal(followup_rate_take(x.me, clk->now_ms), 0);
    assert_true(followup_rate_take(x.me, clk->now_ms) > 0);
    world_free(&x.f.w);
}

/* Over a long stretch a steady sender gets 30 a minute, not more. */
static void test_rate_take_sustained(void **state)
{
    world_fx x;
    wfx_init(&x);
    fake_clock *clk = &x.f.clock;
    int64_t start = clk->now_ms;
    int sent = 0;
    while (clk->now_ms < start + 10 * MIN) {
        if (followup_rate_take(x.me, clk->now_ms) == 0) sent++;
        fake_clock_advance(clk, 100);
    }
    /* a burst of 30, then one every 2 s for 10 minutes */
    assert_true(sent >= 10 * FOLLOWUP_PER_MINUTE);
    assert_true(sent <= 11 * FOLLOWUP_PER_MINUTE);
    world_free(&x.f.w);
}

/* ---- retention ---- */
static void test_retention_cutoff(void **state)
{
    const int64_t now = FAKE_CLOCK_START_MS;
    const struct { int days; int64_t now; int64_t want; } rows[] = {
        { 30, now, now - 30 * DAY },
        { SC_DEFAULT_RETENTION_DAYS, now, now - 30 * DAY },
        { 1, now, now - DAY },
        { 2, now + 5, now + 5 - 2 * DAY },
        { 0, now, now - DAY },                 /* below the minimum: one day */
        { -7, now, now - DAY },
        { FOLLOWUP_RETENTION_MAX_DAYS, now, now - 3650 * DAY },
        { 365, 0, -365 * DAY },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        int64_t got = followup_retention_cutoff(rows[i].days, rows[i].now);
        if (got != rows[i].want)
            fail_msg("days %d: want %lld, got %lld", rows[i].days, (long long)rows[i].want, (long long)got);
    }
}

/* ---- client ids ---- */
static void test_valid_client_id(void **state)
{
    char max[FOLLOWUP_CLIENT_ID_MAX + 2];
    memset(max, 'a', sizeof max);
    max[sizeof max - 1] = 0;
    const struct { const char *what; const char *id; size_t len; int want; } rows[] = {
        { "empty", "", 0, 0 },
        { "one character", "x", 1, 1 },
        { "64 characters", max, FOLLOWUP_CLIENT_ID_MAX, 1 },
        { "65 characters", max, FOLLOWUP_CLIENT_ID_MAX + 1, 0 },
        { "letters, digits, - and _", "Az09-_zA", 8, 1 },
        { "a uuid", "0f8e2c1a-6b7d-4e1f-9a3b-1c2d3e4f5a6b", 36, 1 },
        { "a space", "ab cd", 5, 0 },
        { "leading space", " abc", 4, 0 },
        { "a dot", "a.b", 3, 0 },
        { "a slash", "a/b", 3, 0 },
        { "a quote", "a'b", 3, 0 },
        { "non-ASCII (e acute in UTF-8)", "caf\xc3\xa9", 5, 0 },
        { "a high byte alone", "\xff", 1, 0 },
        { "an embedded NUL", "ab\0cd", 5, 0 },
        { "a tab", "a\tb", 3, 0 },
        { "only the first len bytes count", "abc def", 3, 1 },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        int got = followup_valid_client_id(rows[i].id, rows[i].len);
        if (!got != !rows[i].want) fail_msg("%s: want %d, got %d", rows[i].what, rows[i].want, got);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_may_write_table),
        cmocka_unit_test(test_may_write_gone),
        cmocka_unit_test(test_may_write_across_rounds),
        cmocka_unit_test(test_may_write_moved_in_after_other_left),
        cmocka_unit_test(test_may_write_never_across_sessions),
        cmocka_unit_test(test_facilitator_may_not_follow_up),
        cmocka_unit_test(test_may_write_room),
        cmocka_unit_test(test_find_my_room),
        cmocka_unit_test(test_rate_take),
        cmocka_unit_test(test_rate_take_sustained),
        cmocka_unit_test(test_retention_cutoff),
        cmocka_unit_test(test_valid_client_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
