/* test_feedback — the rules of the feedback step and the soft close (src/core/feedback.h): who may
 * send what to whom in which phase (the room is moved through its phases with the timeline on a
 * fake clock), the self-reflection rule, people who moved out, amendments, the hints rule, what
 * counts as softened, and who is still typing (agreeing with rounds_someone_typing). */
#include "unit.h"
#include "feedback.h"
#include "rounds.h"
#include "world_fixture.h"
#include <stdio.h>

#define SEC 1000
#define MIN (60 * SEC)

/* 2 turns: practice, feedback, practice, feedback, soften (+ grace), closed. */
static const timeline_shape S2 = { 2, 5 * MIN, 2 * MIN, 3 * MIN, 30 * SEC };

/* ---- fixtures (the shared world fixture, plus the rooms and people these tests use) ---- */
typedef struct {
    sc_world w;
    idgen ids;
    fake_clock clock;
    unsigned next_person;
    sc_session *s, *other;
    sc_room *r1, *r2, *o1;
    sc_participant *a, *b, *c;   /* the three people of r1 */
    sc_participant *d;           /* someone in r2 */
    sc_participant *stranger;    /* a person of another session */
} fb_fixture;

static void fb_people(fb_fixture *f, sc_session *s, size_t n_online)
{
    for (size_t i = 0; i < n_online; i++) fx_add_person(&f->w, s, f->next_person++, f->clock.now_ms)->online = 1;
}

static sc_round *fb_launch(fb_fixture *f, sc_session *s, uint64_t seed)
{
    sc_round *r = NULL;
    int rc = rounds_plan(s, &S2, GROUPING_POLICY_FOURS, seed, "Practise open questions", f->clock.now_ms, new_room_id, &f->ids, &r);
    if (rc != 0) fail_msg("rounds_plan: %d (%s)", rc, rounds_error_message(rc));
    rounds_attach(&f->w, s, r);
    return r;
}

/* Session s: six people in two triads r1 {a,b,c} and r2 {d,…}; session other: one triad. */
static void fb_init(fb_fixture *f)
{
    memset(f, 0, sizeof *f);
    world_init(&f->w, 0);
    rounds_install(&f->w);
    f->ids.next = 1;
    f->clock = fake_clock_new();
    f->s = fx_add_session(&f->w, 1, "ABCDEF", f->clock.now_ms);
    f->other = fx_add_session(&f->w, 2, "GHJKMN", f->clock.now_ms);
    fb_people(f, f->s, 6);
    fb_people(f, f->other, 3);
    sc_round *r = fb_launch(f, f->s, 5);
    sc_round *o = fb_launch(f, f->other, 5);
    assert_int_equal(r->n_rooms, 2);
    assert_int_equal(o->n_rooms, 1);
    f->r1 = r->rooms[0];
    f->r2 = r->rooms[1];
    f->o1 = o->rooms[0];
    assert_int_equal(f->r1->n_members, 3);
    f->a = f->r1->members[0].p;
    f->b = f->r1->members[1].p;
    f->c = f->r1->members[2].p;
    f->d = f->r2->members[0].p;
    f->stranger = f->o1->members[0].p;
}

/* Moves the fake clock to r1's deadline and lets every due room advance once (rooms launched
 * together move in step; a room ended early reaches its deadline on its own). */
static void fb_next_phase(fb_fixture *f)
{
    assert_int_not_equal(f->r1->clock.phase, PHASE_CLOSED);
    assert_false(f->r1->clock.paused);
    assert_true(f->r1->clock.deadline_ms >= f->clock.now_ms);
    f->clock.now_ms = f->r1->clock.deadline_ms;
    sc_room *changed[8];
    size_t n = rounds_advance_due(&f->w, f->clock.now_ms, changed, ARRAY_LEN(changed));
    int r1_changed = 0;
    for (size_t i = 0; i < n; i++) r1_changed |= changed[i] == f->r1;
    assert_true(r1_changed);
}

static void fb_move(sc_participant *p, sc_room *to, int64_t now)
{
    rounds_seat_change c;
    assert_int_equal(rounds_plan_move(p, to, now, &c), 0);
    rounds_apply_seat_change(p, &c);
}

/* ---- phases ---- */
static void test_may_send_over_phases(void **state)
{
    fb_fixture f;
    fb_init(&f);
    const struct { timeline_phase phase; unsigned turn; int in_grace; feedback_status want; const char *what; } steps[] = {
        { PHASE_PRACTICE, 0, 0, FEEDBACK_ERR_PHASE, "practice, turn 1" },
        { PHASE_FEEDBACK, 0, 0, FEEDBACK_OK, "feedback, turn 1" },
        { PHASE_PRACTICE, 1, 0, FEEDBACK_ERR_PHASE, "practice, turn 2" },
        { PHASE_FEEDBACK, 1, 0, FEEDBACK_OK, "feedback, turn 2" },
        { PHASE_SOFTEN, 1, 0, FEEDBACK_OK, "soften" },
        { PHASE_SOFTEN, 1, 1, FEEDBACK_OK, "soften, grace" },
        { PHASE_CLOSED, 1, 0, FEEDBACK_ERR_PHASE, "closed" },
    };
    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        if (i > 0) {
            /* someone typing as the soft close ends gives the room its grace period */
            if (steps[i].in_grace) feedback_note_typing(f.r1, f.a, f.clock.now_ms + S2.soften_ms - SEC);
            fb_next_phase(&f);
        }
        const timeline_clock *clk = &f.r1->clock;
        if (clk->phase != steps[i].phase || clk->turn != steps[i].turn || clk->in_grace != steps[i].in_grace)
            fail_msg("step %s: the room is in phase %d turn %u grace %d", steps[i].what, clk->phase, clk->turn, clk->in_grace);
        feedback_status got = feedback_may_send(f.r1, f.a, f.b, FEEDBACK_KIND_FEEDBACK);
        if (got != steps[i].want) fail_msg("%s: want %d, got %d", steps[i].what, (int)steps[i].want, (int)got);
        /* a self-reflection follows the same phases */
        assert_int_equal(feedback_may_send(f.r1, f.a, f.a, FEEDBACK_KIND_SELF), steps[i].want);
        assert_int_equal(feedback_may_send(f.r1, f.c, f.a, FEEDBACK_KIND_OBSERVER), steps[i].want);
        assert_int_equal(feedback_may_send(f.r1, f.b, f.a, FEEDBACK_KIND_APPRECIATION), steps[i].want);
    }
    world_free(&f.w);
}

/* "End now" in practice goes to the soft close: feedback opens; a paused feedback phase is still feedback. */
static void test_may_send_end_now_and_pause(void **state)
{
    fb_fixture f;
    fb_init(&f);
    assert_int_equal(feedback_may_send(f.r1, f.a, f.b, FEEDBACK_KIND_FEEDBACK), FEEDBACK_ERR_PHASE);
    assert_int_equal(timeline_end_now(&f.r1->clock, &S2, f.clock.now_ms), TIMELINE_OK);
    rounds_clock_changed(&f.w, f.r1);
    assert_int_equal(f.r1->clock.phase, PHASE_SOFTEN);
    assert_int_equal(feedback_may_send(f.r1, f.a, f.b, FEEDBACK_KIND_FEEDBACK), FEEDBACK_OK);
    /* r2 was not ended: still practice there */
    assert_int_equal(feedback_may_send(f.r2, f.d, f.r2->members[1].p, FEEDBACK_KIND_FEEDBACK), FEEDBACK_ERR_PHASE);
    /* paused in practice: still practice */
    assert_int_equal(timeline_pause(&f.r2->clock, f.clock.now_ms), TIMELINE_OK);
    assert_int_equal(feedback_may_send(f.r2, f.d, f.r2->members[1].p, FEEDBACK_KIND_FEEDBACK), FEEDBACK_ERR_PHASE);
    world_free(&f.w);
}

/* ---- membership and the self-reflection rule (in the feedback phase) ---- */
static void test_may_send_table(void **state)
{
    fb_fixture f;
    fb_init(&f);
    fb_next_phase(&f);
    assert_int_equal(f.r1->clock.phase, PHASE_FEEDBACK);
    assert_int_equal(f.o1->clock.phase, PHASE_FEEDBACK);
    const struct { const char *what; const sc_room *room; const sc_participant *from, *to; feedback_kind kind; feedback_status want; } rows[] = {
        { "room mate, feedback", f.r1, f.a, f.b, FEEDBACK_KIND_FEEDBACK, FEEDBACK_OK },
        { "room mate, observer form", f.r1, f.c, f.a, FEEDBACK_KIND_OBSERVER, FEEDBACK_OK },
        { "room mate, appreciation", f.r1, f.b, f.c, FEEDBACK_KIND_APPRECIATION, FEEDBACK_OK },
        { "room mate, amendment", f.r1, f.b, f.c, FEEDBACK_KIND_AMENDMENT, FEEDBACK_OK },
        { "self-reflection to oneself", f.r1, f.a, f.a, FEEDBACK_KIND_SELF, FEEDBACK_OK },
        { "feedback to oneself", f.r1, f.a, f.a, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_SELF },
        { "observer form to oneself", f.r1, f.b, f.b, FEEDBACK_KIND_OBSERVER, FEEDBACK_ERR_SELF },
        { "appreciation to oneself", f.r1, f.b, f.b, FEEDBACK_KIND_APPRECIATION, FEEDBACK_ERR_SELF },
        { "self-reflection to someone else", f.r1, f.a, f.b, FEEDBACK_KIND_SELF, FEEDBACK_ERR_SELF },
        { "author not a member of the room", f.r1, f.d, f.a, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_NOT_MEMBER },
        { "author from another session", f.r1, f.stranger, f.a, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_NOT_MEMBER },
        { "self-reflection in a room one is not in", f.r1, f.d, f.d, FEEDBACK_KIND_SELF, FEEDBACK_ERR_NOT_MEMBER },
        { "no room", NULL, f.a, f.b, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_NOT_MEMBER },
        { "recipient in another room", f.r1, f.a, f.d, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_RECIPIENT },
        { "recipient in another session", f.r1, f.a, f.stranger, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_RECIPIENT },
        { "no recipient", f.r1, f.a, NULL, FEEDBACK_KIND_FEEDBACK, FEEDBACK_ERR_RECIPIENT },
        { "unknown kind", f.r1, f.a, f.b, FEEDBACK_KIND_COUNT, FEEDBACK_ERR_KIND },
        { "the other session's own room works", f.o1, f.stranger, f.o1->members[1].p, FEEDBACK_KIND_FEEDBACK, FEEDBACK_OK },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        feedback_status got = feedback_may_send(rows[i].room, rows[i].from, rows[i].to, rows[i].kind);
        if (got != rows[i].want) fail_msg("%s: want %d, got %d", rows[i].what, (int)rows[i].want, (int)got);
        assert_string_not_equal(feedback_status_message(got), "");
    }
    world_free(&f.w);
}

/* Someone who moved out of the room may no longer send in it, nor receive there; in the room they
 * moved into they can. */
static void test_may_send_moved_out(void **state)
{
    fb_fixture f;
    fb_init(&f);
    fb_next_phase(&f);
    assert_int_equal(feedback_may_send(f.r1, f.b, f.a, FEEDBACK_KIND_FEEDBACK), FEEDBACK_OK);
    fb_move(f.b, f.r2, f.clock.now_ms);
    assert_int_equal(feedback_may_send(f.r1, f.b, f.a, FEEDBACK_KIND_FEEDBACK), FEEDBACK_ERR_NOT_MEMBER);
    assert_int_equal(feedback_may_send(f.r1, f.b, f.b, FEEDBACK_KIND_SELF), FEEDBACK_ERR_NOT_MEMBER);
    assert_int_equal(feedback_may_send(f.r1, f.a, f.b, FEEDBACK_KIND_FEEDBACK), FEEDBACK_ERR_RECIPIENT);
    assert_int_equal(feedback_may_send(f.r1, f.a, f.c, FEEDBACK_KIND_FEEDBACK), FEEDBACK_OK);
    assert_int_equal(feedback_may_send(f.r2, f.b, f.d, FEEDBACK_KIND_FEEDBACK), FEEDBACK_OK);
    assert_int_equal(feedback_may_send(f.r2, f.d, f.b, FEEDBACK_KIND_FEEDBACK), FEEDBACK_OK);
    /* moved back: a member again (a new, present record) */
    fb_move(f.b, f.r1, f.clock.now_ms + SEC);
    assert_int_equal(feedback_may_send(f.r1, f.b, f.a, FEEDBACK_KIND_FEEDBACK), FEEDBACK_OK);
    assert_int_equal(feedback_may_send(f.r2, f.b, f.d, FEEDBACK_KIND_FEEDBACK), FEEDBACK_ERR_NOT_MEMBER);
    world_free(&f.w);
}

/* ---- amendments ---- */
static void test_may_amend(void **state)
{
    fb_fixture f;
    fb_init(&f);
    /* practice: not yet */
    assert_int_equal(feedback_may_amend(f.r1, f.a, f.a), FEEDBACK_ERR_PHASE);
    assert_int_equal(feedback_may_amend(f.r1, f.a, f.b), FEEDBACK_ERR_NOT_AUTHOR);
    fb_next_phase(&f);                          /* feedback */
    const struct { const char *what; const sc_room *room; const sc_participant *author, *original; feedback_status want; } rows[] = {
        { "own message", f.r1, f.a, f.a, FEEDBACK_OK },
        { "someone else's message", f.r1, f.a, f.b, FEEDBACK_ERR_NOT_AUTHOR },
        { "someone else's, from another room", f.r1, f.d, f.a, FEEDBACK_ERR_NOT_AUTHOR },
        { "own, but not in that room", f.r1, f.d, f.d, FEEDBACK_ERR_NOT_MEMBER },
        { "no original author", f.r1, f.a, NULL, FEEDBACK_ERR_NOT_AUTHOR },
        { "no room", NULL, f.a, f.a, FEEDBACK_ERR_NOT_MEMBER },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        feedback_status got = feedback_may_amend(rows[i].room, rows[i].author, rows[i].original);
        if (got != rows[i].want) fail_msg("%s: want %d, got %d", rows[i].what, (int)rows[i].want, (int)got);
    }
    fb_next_phase(&f);                          /* practice, turn 2 */
    assert_int_equal(feedback_may_amend(f.r1, f.a, f.a), FEEDBACK_ERR_PHASE);
    fb_next_phase(&f);                          /* feedback, turn 2 */
    fb_next_phase(&f);                          /* soften: the point of amending */
    assert_int_equal(f.r1->clock.phase, PHASE_SOFTEN);
    assert_int_equal(feedback_may_amend(f.r1, f.a, f.a), FEEDBACK_OK);
    /* moved out during the soft close: no longer */
    fb_move(f.c, f.r2, f.clock.now_ms);
    assert_int_equal(feedback_may_amend(f.r1, f.c, f.c), FEEDBACK_ERR_NOT_MEMBER);
    fb_next_phase(&f);                          /* closed (nobody typing) */
    assert_int_equal(f.r1->clock.phase, PHASE_CLOSED);
    assert_int_equal(feedback_may_amend(f.r1, f.a, f.a), FEEDBACK_ERR_PHASE);
    world_free(&f.w);
}

/* ---- hints and "softened" ---- */
static void test_check_hints(void **state)
{
    const struct { size_t flags; int ack; feedback_status want; } rows[] = {
        { 0, 0, FEEDBACK_OK },
        { 0, 1, FEEDBACK_OK },
        { 1, 0, FEEDBACK_ERR_NEEDS_SOFTENING },
        { 1, 1, FEEDBACK_OK },
        { 7, 0, FEEDBACK_ERR_NEEDS_SOFTENING },
        { 7, 1, FEEDBACK_OK },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++)
        if (feedback_check_hints(rows[i].flags, rows[i].ack) != rows[i].want)
            fail_msg("flags %zu ack %d: want %d", rows[i].flags, rows[i].ack, (int)rows[i].want);
}

static void test_counts_as_softened(void **state)
{
    const struct { size_t max_draft, sent; int want; const char *what; } rows[] = {
        { 0, 0, 0, "never had hints" },
        { 0, 1, 0, "draft never flagged (sent with hints is not softening)" },
        { 1, 0, 1, "one hint, removed" },
        { 3, 2, 1, "fewer hints than at worst" },
        { 3, 0, 1, "all hints removed" },
        { 2, 2, 0, "sent as flagged as at worst" },
        { 1, 3, 0, "more hints than the draft had" },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++)
        if (!feedback_counts_as_softened(rows[i].max_draft, rows[i].sent) != !rows[i].want)
            fail_msg("%s: want %d", rows[i].what, rows[i].want);
}

/* ---- typing ---- */
static void assert_typing_agrees(const sc_room *room, int64_t now)
{
    const sc_member *out[8];
    size_t n = feedback_typing_members(room, now, out, ARRAY_LEN(out));
    assert_int_equal(n > 0, rounds_someone_typing(room, now) != 0);
}

static void test_typing_window(void **state)
{
    fb_fixture f;
    fb_init(&f);
    fb_next_phase(&f);
    int64_t t = f.clock.now_ms;
    const sc_member *out[4] = { NULL };
    assert_int_equal(feedback_typing_members(f.r1, t, out, ARRAY_LEN(out)), 0);
    assert_false(rounds_someone_typing(f.r1, t));

    feedback_note_typing(f.r1, f.b, t);
    const struct { int64_t after; size_t want; } rows[] = {
        { 0, 1 }, { 1, 1 }, { FEEDBACK_TYPING_WINDOW_MS - 1, 1 }, { FEEDBACK_TYPING_WINDOW_MS, 1 },
        { FEEDBACK_TYPING_WINDOW_MS + 1, 0 }, { 60 * SEC, 0 },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        fake_clock c = { t };
        fake_clock_advance(&c, rows[i].after);
        memset(out, 0, sizeof out);
        size_t n = feedback_typing_members(f.r1, c.now_ms, out, ARRAY_LEN(out));
        if (n != rows[i].want) fail_msg("%lld ms after the draft: want %zu typing, got %zu", (long long)rows[i].after, rows[i].want, n);
        if (n) assert_ptr_equal(out[0]->p, f.b);
        assert_int_equal(rounds_someone_typing(f.r1, c.now_ms) != 0, rows[i].want > 0);
    }
    assert_int_equal(FEEDBACK_TYPING_WINDOW_MS, 5 * SEC);
    /* only that room: r2 has nobody typing */
    assert_int_equal(feedback_typing_members(f.r2, t, out, ARRAY_LEN(out)), 0);
    world_free(&f.w);
}

static void test_typing_members_several(void **state)
{
    fb_fixture f;
    fb_init(&f);
    fb_next_phase(&f);
    fake_clock *clk = &f.clock;
    feedback_note_typing(f.r1, f.a, clk->now_ms);
    fake_clock_advance(clk, 2 * SEC);
    feedback_note_typing(f.r1, f.c, clk->now_ms);
    /* a person not in the room typing "there" changes nothing */
    feedback_note_typing(f.r1, f.d, clk->now_ms);
    feedback_note_typing(f.r1, f.stranger, clk->now_ms);
    const sc_member *out[4] = { NULL };
    assert_int_equal(feedback_typing_members(f.r1, clk->now_ms, out, ARRAY_LEN(out)), 2);
    assert_true((out[0]->p == f.a && out[1]->p == f.c) || (out[0]->p == f.c && out[1]->p == f.a));
    assert_false(rounds_someone_typing(f.r2, clk->now_ms));
    /* max smaller than the count: the count is still right, only max written */
    const sc_member *sentinel = (const sc_member *)&f;
    const sc_member *one[2] = { NULL, sentinel };
    assert_int_equal(feedback_typing_members(f.r1, clk->now_ms, one, 1), 2);
    assert_non_null(one[0]);
    assert_ptr_equal(one[1], sentinel);
    assert_int_equal(feedback_typing_members(f.r1, clk->now_ms, NULL, 0), 2);
    /* a's draft ages out first */
    fake_clock_advance(clk, 3 * SEC + 1);
    assert_int_equal(feedback_typing_members(f.r1, clk->now_ms, out, ARRAY_LEN(out)), 1);
    assert_ptr_equal(out[0]->p, f.c);
    assert_typing_agrees(f.r1, clk->now_ms);
    /* c moves out: no longer typing in r1, and typing in r2 counts only after a new draft there */
    fb_move(f.c, f.r2, clk->now_ms);
    assert_int_equal(feedback_typing_members(f.r1, clk->now_ms, out, ARRAY_LEN(out)), 0);
    assert_false(rounds_someone_typing(f.r1, clk->now_ms));
    assert_int_equal(feedback_typing_members(f.r2, clk->now_ms, out, ARRAY_LEN(out)), 0);
    const sc_member *old = NULL;
    for (size_t i = 0; i < f.r1->n_members; i++)
        if (f.r1->members[i].p == f.c) old = &f.r1->members[i];
    assert_non_null(old);
    assert_true(old->gone_ms != 0);
    int64_t old_typing = old->last_typing_ms;
    fake_clock_advance(clk, 1);
    feedback_note_typing(f.r1, f.c, clk->now_ms);      /* the old record is not revived */
    assert_int_equal(old->last_typing_ms, old_typing);
    assert_int_equal(feedback_typing_members(f.r1, clk->now_ms, out, ARRAY_LEN(out)), 0);
    feedback_note_typing(f.r2, f.c, clk->now_ms);
    assert_int_equal(feedback_typing_members(f.r2, clk->now_ms, out, ARRAY_LEN(out)), 1);
    assert_ptr_equal(out[0]->p, f.c);
    assert_typing_agrees(f.r2, clk->now_ms);
    world_free(&f.w);
}

/* Over a sweep of instants the two views of "typing" always agree, and the soft close grants
 * grace exactly when someone is typing as it ends. */
static void test_typing_agrees_and_grace(void **state)
{
    fb_fixture f;
    fb_init(&f);
    fb_next_phase(&f);
    int64_t t = f.clock.now_ms;
    feedback_note_typing(f.r1, f.a, t);
    feedback_note_typing(f.r1, f.b, t + 3 * SEC);
    for (int64_t dt = -SEC; dt <= 12 * SEC; dt += 250) assert_typing_agrees(f.r1, t + dt);

    /* to the soft close; a draft 4 s before its end: grace */
    timeline_end_now(&f.r1->clock, &S2, f.clock.now_ms);
    timeline_end_now(&f.r2->clock, &S2, f.clock.now_ms);
    rounds_clock_changed(&f.w, f.r1);
    rounds_clock_changed(&f.w, f.r2);
    feedback_note_typing(f.r1, f.c, f.clock.now_ms + S2.soften_ms - 4 * SEC);
    fb_next_phase(&f);
    assert_int_equal(f.r1->clock.phase, PHASE_SOFTEN);
    assert_true(f.r1->clock.in_grace);
    assert_int_equal(f.r2->clock.phase, PHASE_CLOSED);       /* nobody typing in r2 */
    /* sending is still allowed in grace */
    assert_int_equal(feedback_may_send(f.r1, f.c, f.a, FEEDBACK_KIND_APPRECIATION), FEEDBACK_OK);
    /* grace is granted once, even if they keep typing */
    feedback_note_typing(f.r1, f.c, f.clock.now_ms + S2.grace_ms - SEC);
    fb_next_phase(&f);
    assert_int_equal(f.r1->clock.phase, PHASE_CLOSED);
    assert_int_equal(feedback_may_send(f.r1, f.c, f.a, FEEDBACK_KIND_APPRECIATION), FEEDBACK_ERR_PHASE);
    world_free(&f.w);
}

/* ---- kinds ---- */
static void test_kind_names(void **state)
{
    for (int k = 0; k < FEEDBACK_KIND_COUNT; k++) {
        feedback_kind back = FEEDBACK_KIND_COUNT;
        assert_int_equal(feedback_parse_kind(feedback_kind_name((feedback_kind)k), &back), 0);
        assert_int_equal(back, k);
    }
    feedback_kind out = FEEDBACK_KIND_FEEDBACK;
    assert_int_equal(feedback_parse_kind("self_reflection", &out), 0);
    assert_int_equal(out, FEEDBACK_KIND_SELF);
    assert_int_not_equal(feedback_parse_kind("self", &out), 0);
    assert_int_not_equal(feedback_parse_kind("", &out), 0);
    assert_int_not_equal(feedback_parse_kind(NULL, &out), 0);
    assert_int_not_equal(feedback_parse_kind("Feedback", &out), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_may_send_over_phases),
        cmocka_unit_test(test_may_send_end_now_and_pause),
        cmocka_unit_test(test_may_send_table),
        cmocka_unit_test(test_may_send_moved_out),
        cmocka_unit_test(test_may_amend),
        cmocka_unit_test(test_check_hints),
        cmocka_unit_test(test_counts_as_softened),
        cmocka_unit_test(test_typing_window),
        cmocka_unit_test(test_typing_members_several),
        cmocka_unit_test(test_typing_agrees_and_grace),
        cmocka_unit_test(test_kind_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
