/* test_timeline — phases, deadlines, pause/resume/extend/end-now, soft-close grace, the restart rule
 * and the earliest deadline across rooms, all on a fake clock. */
#include "unit.h"
#include "timeline.h"

#define SEC 1000
#define MIN (60 * SEC)

static const timeline_shape shape3 = { 3, 5 * MIN, 2 * MIN, 3 * MIN, 30 * SEC };

/* ---- names and shape limits ---- */
static void test_phase_names(void **state)
{
    static const struct { timeline_phase p; const char *name; } cases[] = {
        { PHASE_PRACTICE, "practice" }, { PHASE_FEEDBACK, "feedback" }, { PHASE_SOFTEN, "soften" }, { PHASE_CLOSED, "closed" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        timeline_phase got = PHASE_CLOSED;
        assert_string_equal(timeline_phase_name(cases[i].p), cases[i].name);
        assert_int_equal(timeline_parse_phase(cases[i].name, &got), TIMELINE_OK);
        assert_int_equal(got, cases[i].p);
    }
    static const char *const bad[] = { "", "Practice", "practice ", "grace", "closedx", NULL };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        timeline_phase got = PHASE_FEEDBACK;
        assert_int_equal(timeline_parse_phase(bad[i], &got), TIMELINE_ERR_UNKNOWN_PHASE);
        assert_int_equal(got, PHASE_FEEDBACK);
    }
}

static void test_shape_validate_table(void **state)
{
    static const struct { timeline_shape s; const char *field; } cases[] = {
        { { 3, 5 * MIN, 2 * MIN, 3 * MIN, 30 * SEC }, NULL },
        { { 1, 10 * SEC, 0, 10 * SEC, 0 }, NULL },                               /* every minimum */
        { { 10, 120 * MIN, 60 * MIN, 30 * MIN, 5 * MIN }, NULL },                /* every maximum */
        { { 0, 5 * MIN, 0, 3 * MIN, 0 }, "Turns" },
        { { 11, 5 * MIN, 0, 3 * MIN, 0 }, "Turns" },
        { { 3, 10 * SEC - 1, 0, 3 * MIN, 0 }, "Practice" },
        { { 3, 120 * MIN + 1, 0, 3 * MIN, 0 }, "Practice" },
        { { 3, 5 * MIN, 1, 3 * MIN, 0 }, "Feedback" },
        { { 3, 5 * MIN, 10 * SEC - 1, 3 * MIN, 0 }, "Feedback" },
        { { 3, 5 * MIN, 60 * MIN + 1, 3 * MIN, 0 }, "Feedback" },
        { { 3, 5 * MIN, -1, 3 * MIN, 0 }, "Feedback" },
        { { 3, 5 * MIN, 0, 10 * SEC - 1, 0 }, "Soften" },
        { { 3, 5 * MIN, 0, 30 * MIN + 1, 0 }, "Soften" },
        { { 3, 5 * MIN, 0, 3 * MIN, -1 }, "Grace" },
        { { 3, 5 * MIN, 0, 3 * MIN, 5 * MIN + 1 }, "Grace" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *why = "unset";
        int rc = timeline_shape_validate(&cases[i].s, &why);
        if (!cases[i].field) {
            assert_int_equal(rc, TIMELINE_OK);
            assert_null(why);
        } else {
            assert_int_equal(rc, TIMELINE_ERR_RANGE);
            assert_non_null(strstr(why, cases[i].field));
        }
    }
    assert_int_equal(timeline_shape_validate(&cases[3].s, NULL), TIMELINE_ERR_RANGE);
}

/* ---- the walk through a round ---- */
typedef struct { timeline_phase phase; unsigned turn; } step;

/* Drives a clock from start to closed, jumping the fake clock to each deadline (plus `late_ms`),
 * and checks every step and each new deadline: the old deadline + the new phase's length when the
 * step is on time (late by at most TIMELINE_ON_TIME_MS: the schedule announced ahead holds), now +
 * the full length when later. Before each step, timeline_peek_next must predict it exactly when it
 * is certain (practice and feedback) and decline otherwise. */
static void walk(const timeline_shape *s, const step *want, size_t n_want, int64_t late_ms)
{
    fake_clock fc = fake_clock_new();
    timeline_clock c;
    timeline_start(&c, s, fc.now_ms);
    assert_int_equal(c.phase, PHASE_PRACTICE);
    assert_int_equal(c.turn, 0);
    assert_int_equal(c.deadline_ms, fc.now_ms + s->practice_ms);
    for (size_t i = 0; i < n_want; i++) {
        timeline_clock peek;
        int certain = timeline_peek_next(&c, s, &peek);
        assert_int_equal(certain, c.phase == PHASE_PRACTICE || c.phase == PHASE_FEEDBACK);
        int64_t old_deadline = c.deadline_ms;
        int leaving_soften = c.phase == PHASE_SOFTEN;   /* never announced: always from now */
        fake_clock_advance(&fc, c.deadline_ms - fc.now_ms - 1);
        assert_false(timeline_due(&c, fc.now_ms));
        assert_int_equal(timeline_advance(&c, s, fc.now_ms, 0), 0);        /* 1 ms early: nothing */
        fake_clock_advance(&fc, 1 + late_ms);
        assert_true(timeline_due(&c, fc.now_ms));
        assert_int_equal(timeline_advance(&c, s, fc.now_ms, 0), 1);
        assert_int_equal(c.phase, want[i].phase);
        assert_int_equal(c.turn, want[i].turn);
        int64_t len = c.phase == PHASE_PRACTICE ? s->practice_ms : c.phase == PHASE_FEEDBACK ? s->feedback_ms
                    : c.phase == PHASE_SOFTEN ? s->soften_ms : 0;
        int on_time = late_ms <= TIMELINE_ON_TIME_MS && !leaving_soften;
        assert_int_equal(c.deadline_ms, (on_time ? old_deadline : fc.now_ms) + len);
        assert_int_equal(timeline_remaining(&c, fc.now_ms), c.phase == PHASE_CLOSED ? 0 : on_time ? len - late_ms : len);
        if (certain) {
            assert_int_equal(peek.phase, c.phase);
            assert_int_equal(peek.turn, c.turn);
            assert_int_equal(peek.paused, 0);
            if (on_time) assert_int_equal(peek.deadline_ms, c.deadline_ms);
        }
    }
    assert_int_equal(c.phase, PHASE_CLOSED);
    assert_false(timeline_due(&c, fc.now_ms + 10 * MIN));
    assert_int_equal(timeline_advance(&c, s, fc.now_ms + 10 * MIN, 1), 0);
}

static void test_every_transition(void **state)
{
    static const step three_with_feedback[] = {
        { PHASE_FEEDBACK, 0 }, { PHASE_PRACTICE, 1 }, { PHASE_FEEDBACK, 1 }, { PHASE_PRACTICE, 2 },
        { PHASE_FEEDBACK, 2 }, { PHASE_SOFTEN, 2 }, { PHASE_CLOSED, 2 },
    };
    static const step two_without_feedback[] = { { PHASE_PRACTICE, 1 }, { PHASE_SOFTEN, 1 }, { PHASE_CLOSED, 1 } };
    static const step one_with_feedback[] = { { PHASE_FEEDBACK, 0 }, { PHASE_SOFTEN, 0 }, { PHASE_CLOSED, 0 } };
    static const step one_without_feedback[] = { { PHASE_SOFTEN, 0 }, { PHASE_CLOSED, 0 } };
    const timeline_shape two = { 2, 4 * MIN, 0, 2 * MIN, 0 }, one = { 1, 10 * SEC, 10 * SEC, 10 * SEC, 0 },
                         one_nf = { 1, 20 * SEC, 0, 15 * SEC, 5 * SEC };
    /* on time, a timer firing late but within the schedule, and one later than that */
    static const int64_t lates[] = { 0, TIMELINE_ON_TIME_MS, TIMELINE_ON_TIME_MS + 1, 5 * SEC };
    for (size_t k = 0; k < ARRAY_LEN(lates); k++) {
        int64_t late = lates[k];
        walk(&shape3, three_with_feedback, ARRAY_LEN(three_with_feedback), late);
        walk(&two, two_without_feedback, ARRAY_LEN(two_without_feedback), late);
        walk(&one, one_with_feedback, ARRAY_LEN(one_with_feedback), late);
        walk(&one_nf, one_without_feedback, ARRAY_LEN(one_without_feedback), late);
    }
}

/* Reach soften on shape3 at the fake clock's time. */
static timeline_clock clock_in_soften(fake_clock *fc)
{
    timeline_clock c;
    timeline_start(&c, &shape3, fc->now_ms);
    assert_int_equal(timeline_end_now(&c, &shape3, fc->now_ms), TIMELINE_OK);
    return c;
}

/* ---- soft close grace ---- */
static void test_grace_rule(void **state)
{
    static const struct { int64_t grace_ms; int typing_at_soften_end, typing_at_grace_end; int want_grace; int64_t late_ms; } cases[] = {
        { 30 * SEC, 1, 1, 1, 0 },   /* typing: one grace, then closed even if still typing */
        { 30 * SEC, 1, 0, 1, 0 },
        { 30 * SEC, 0, 0, 0, 0 },   /* nobody typing: straight to closed */
        { 0, 1, 1, 0, 0 },          /* no grace configured */
        { 1 * SEC, 1, 1, 1, 1500 }, /* a late timer: the grace still gets its full second from now */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        timeline_shape s = shape3;
        s.grace_ms = cases[i].grace_ms;
        fake_clock fc = fake_clock_new();
        timeline_clock c;
        timeline_start(&c, &s, fc.now_ms);
        timeline_end_now(&c, &s, fc.now_ms);
        fake_clock_advance(&fc, s.soften_ms + cases[i].late_ms);
        assert_int_equal(timeline_advance(&c, &s, fc.now_ms, cases[i].typing_at_soften_end), 1);
        if (!cases[i].want_grace) { assert_int_equal(c.phase, PHASE_CLOSED); continue; }
        assert_int_equal(c.phase, PHASE_SOFTEN);
        assert_true(c.in_grace);
        assert_int_equal(c.deadline_ms, fc.now_ms + s.grace_ms);
        fake_clock_advance(&fc, s.grace_ms - 1);
        assert_int_equal(timeline_advance(&c, &s, fc.now_ms, 1), 0);
        fake_clock_advance(&fc, 1);
        assert_int_equal(timeline_advance(&c, &s, fc.now_ms, cases[i].typing_at_grace_end), 1);
        assert_int_equal(c.phase, PHASE_CLOSED);
        assert_false(c.in_grace);
        assert_int_equal(timeline_remaining(&c, fc.now_ms), 0);
    }
}

/* ---- pause and resume ---- */
static void test_pause_resume(void **state)
{
    fake_clock fc = fake_clock_new();
    timeline_clock c;
    timeline_start(&c, &shape3, fc.now_ms);
    fake_clock_advance(&fc, 2 * MIN);
    assert_int_equal(timeline_pause(&c, fc.now_ms), TIMELINE_OK);
    assert_int_equal(timeline_pause(&c, fc.now_ms), TIMELINE_ERR_PAUSED);
    assert_int_equal(c.remaining_ms, 3 * MIN);
    fake_clock_advance(&fc, 60 * MIN);                          /* time passes; the room's clock does not */
    assert_false(timeline_due(&c, fc.now_ms));
    assert_int_equal(timeline_advance(&c, &shape3, fc.now_ms, 0), 0);
    assert_int_equal(timeline_remaining(&c, fc.now_ms), 3 * MIN);
    assert_int_equal(timeline_resume(&c, fc.now_ms), TIMELINE_OK);
    assert_int_equal(timeline_resume(&c, fc.now_ms), TIMELINE_ERR_NOT_PAUSED);
    assert_int_equal(c.deadline_ms, fc.now_ms + 3 * MIN);
    assert_int_equal(c.phase, PHASE_PRACTICE);

    /* Paused after the deadline passed but before the shell advanced: nothing left, due on resume. */
    fake_clock_advance(&fc, 4 * MIN);
    assert_int_equal(timeline_pause(&c, fc.now_ms), TIMELINE_OK);
    assert_int_equal(c.remaining_ms, 0);
    assert_int_equal(timeline_resume(&c, fc.now_ms), TIMELINE_OK);
    assert_true(timeline_due(&c, fc.now_ms));

    /* Pausing in grace keeps grace. */
    c = clock_in_soften(&fc);
    fake_clock_advance(&fc, shape3.soften_ms);
    timeline_advance(&c, &shape3, fc.now_ms, 1);
    assert_int_equal(timeline_pause(&c, fc.now_ms + 10 * SEC), TIMELINE_OK);
    assert_true(c.in_grace);
    assert_int_equal(c.remaining_ms, 20 * SEC);

    timeline_clock closed = { .phase = PHASE_CLOSED };
    assert_int_equal(timeline_pause(&closed, fc.now_ms), TIMELINE_ERR_CLOSED);
    assert_int_equal(timeline_resume(&closed, fc.now_ms), TIMELINE_ERR_NOT_PAUSED);
}

/* ---- extend ---- */
static void test_extend_table(void **state)
{
    enum { RUNNING, PAUSED, SOFTEN, GRACE, OVERDUE, CLOSED };
    static const struct { int where; int64_t add_ms; int want_rc; int64_t want_left; } cases[] = {
        { RUNNING, 60 * SEC, TIMELINE_OK, 4 * MIN },    /* 3 min left + 1 min */
        { RUNNING, 1 * SEC, TIMELINE_OK, 3 * MIN + SEC },
        { RUNNING, 60 * MIN, TIMELINE_OK, 63 * MIN },
        { RUNNING, 999, TIMELINE_ERR_RANGE, 3 * MIN },
        { RUNNING, 60 * MIN + 1, TIMELINE_ERR_RANGE, 3 * MIN },
        { RUNNING, -5 * SEC, TIMELINE_ERR_RANGE, 3 * MIN },
        { PAUSED, 2 * MIN, TIMELINE_OK, 5 * MIN },
        { SOFTEN, 30 * SEC, TIMELINE_OK, 3 * MIN + 30 * SEC },
        { GRACE, 2 * MIN, TIMELINE_OK, 2 * MIN + 30 * SEC },   /* grace left + extra, as a plain soften */
        { OVERDUE, 1 * MIN, TIMELINE_OK, 1 * MIN },     /* a passed deadline counts as now */
        { CLOSED, 1 * MIN, TIMELINE_ERR_CLOSED, 0 },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        fake_clock fc = fake_clock_new();
        timeline_clock c;
        timeline_start(&c, &shape3, fc.now_ms);
        fake_clock_advance(&fc, 2 * MIN);                      /* 3 minutes of practice left */
        switch (cases[i].where) {
        case PAUSED: timeline_pause(&c, fc.now_ms); break;
        case SOFTEN: timeline_end_now(&c, &shape3, fc.now_ms); break;
        case GRACE:
            timeline_end_now(&c, &shape3, fc.now_ms);
            fake_clock_advance(&fc, shape3.soften_ms);
            timeline_advance(&c, &shape3, fc.now_ms, 1);
            assert_true(c.in_grace);
            break;
        case OVERDUE: fake_clock_advance(&fc, 10 * MIN); break;
        case CLOSED: c.phase = PHASE_CLOSED; break;
        default: break;
        }
        timeline_phase before = c.phase;
        assert_int_equal(timeline_extend(&c, cases[i].add_ms, fc.now_ms), cases[i].want_rc);
        assert_int_equal(timeline_remaining(&c, fc.now_ms), cases[i].want_left);
        assert_int_equal(c.phase, before);
        if (cases[i].want_rc == TIMELINE_OK) {
            assert_false(c.in_grace);
            assert_int_equal(c.paused, cases[i].where == PAUSED);
            if (!c.paused) assert_int_equal(c.deadline_ms, fc.now_ms + cases[i].want_left);
        }
    }
}

static void test_extend_has_a_ceiling(void **state)
{
    fake_clock fc = fake_clock_new();
    timeline_clock c;
    timeline_start(&c, &shape3, fc.now_ms);
    int ok = 0;
    while (timeline_extend(&c, 60 * MIN, fc.now_ms) == TIMELINE_OK) ok++;
    assert_int_equal(ok, 23);                                   /* 5 min + 23 h < 24 h; one more would pass it */
    assert_true(timeline_remaining(&c, fc.now_ms) <= TIMELINE_MAX_REMAINING_MS);
}

/* ---- end now ---- */
static void test_end_now(void **state)
{
    fake_clock fc = fake_clock_new();
    timeline_clock c;
    timeline_start(&c, &shape3, fc.now_ms);
    fake_clock_advance(&fc, shape3.practice_ms);
    timeline_advance(&c, &shape3, fc.now_ms, 0);                /* feedback, turn 0 */
    fake_clock_advance(&fc, 10 * SEC);
    assert_int_equal(timeline_end_now(&c, &shape3, fc.now_ms), TIMELINE_OK);
    assert_int_equal(c.phase, PHASE_SOFTEN);                    /* never straight to closed */
    assert_int_equal(c.deadline_ms, fc.now_ms + shape3.soften_ms);
    assert_int_equal(timeline_end_now(&c, &shape3, fc.now_ms + SEC), TIMELINE_NOTHING_TO_DO); /* no-op */
    assert_int_equal(c.deadline_ms, fc.now_ms + shape3.soften_ms);

    timeline_start(&c, &shape3, fc.now_ms);                     /* paused: the soft close still runs */
    timeline_pause(&c, fc.now_ms);
    assert_int_equal(timeline_end_now(&c, &shape3, fc.now_ms), TIMELINE_OK);
    assert_false(c.paused);
    assert_int_equal(timeline_remaining(&c, fc.now_ms), shape3.soften_ms);

    timeline_clock closed = { .phase = PHASE_CLOSED, .deadline_ms = 7 };
    assert_int_equal(timeline_end_now(&closed, &shape3, fc.now_ms), TIMELINE_NOTHING_TO_DO);
    assert_int_equal(closed.phase, PHASE_CLOSED);
    assert_int_equal(closed.deadline_ms, 7);
}

/* ---- the restart rule ---- */
static void test_restart_advances_once(void **state)
{
    static const int64_t downtime[] = { 1, 10 * MIN, 26 * 3600 * SEC };
    for (size_t i = 0; i < ARRAY_LEN(downtime); i++) {
        fake_clock fc = fake_clock_new();
        timeline_clock c;
        timeline_start(&c, &shape3, fc.now_ms);
        fake_clock_advance(&fc, shape3.practice_ms + downtime[i]);   /* server was down past the deadline */
        int steps = 0;
        while (timeline_advance(&c, &shape3, fc.now_ms, 0)) steps++;  /* what start-up does */
        assert_int_equal(steps, 1);
        assert_int_equal(c.phase, PHASE_FEEDBACK);
        assert_int_equal(c.turn, 0);
        /* a restart within TIMELINE_ON_TIME_MS keeps the schedule; a longer one gives the full length */
        int64_t from = downtime[i] <= TIMELINE_ON_TIME_MS ? fc.now_ms - downtime[i] : fc.now_ms;
        assert_int_equal(c.deadline_ms, from + shape3.feedback_ms);
    }
}

/* ---- the step announced ahead ---- */
static void test_peek_next_declines(void **state)
{
    fake_clock fc = fake_clock_new();
    timeline_clock c, next = { .phase = PHASE_PRACTICE, .turn = 7 };
    timeline_start(&c, &shape3, fc.now_ms);
    assert_int_equal(timeline_pause(&c, fc.now_ms + SEC), TIMELINE_OK);
    assert_int_equal(timeline_peek_next(&c, &shape3, &next), 0);      /* paused: no deadline to keep */
    assert_int_equal(next.turn, 7);                                   /* and *next untouched */
    assert_int_equal(timeline_resume(&c, fc.now_ms + 2 * SEC), TIMELINE_OK);
    assert_int_equal(timeline_peek_next(&c, &shape3, &next), 1);
    assert_int_equal(next.phase, PHASE_FEEDBACK);
    assert_int_equal(next.deadline_ms, c.deadline_ms + shape3.feedback_ms);
    timeline_clock before = c;
    assert_memory_equal(&before, &c, sizeof c);                       /* peeking changes nothing */
    /* soften: grace depends on who types at the end, so never announced ahead (with or without grace) */
    for (int64_t grace = 0; grace <= 30 * SEC; grace += 30 * SEC) {
        timeline_shape s = shape3;
        s.grace_ms = grace;
        timeline_clock soft = clock_in_soften(&fc);
        assert_int_equal(timeline_peek_next(&soft, &s, &next), 0);
    }
    timeline_clock closed = clock_in_soften(&fc);
    timeline_advance(&closed, &shape3, closed.deadline_ms, 0);
    assert_int_equal(closed.phase, PHASE_CLOSED);
    assert_int_equal(timeline_peek_next(&closed, &shape3, &next), 0);
}

/* ---- remaining and the next deadline across rooms ---- */
static void test_remaining_never_negative(void **state)
{
    fake_clock fc = fake_clock_new();
    timeline_clock c;
    timeline_start(&c, &shape3, fc.now_ms);
    assert_int_equal(timeline_remaining(&c, fc.now_ms), 5 * MIN);
    assert_int_equal(timeline_remaining(&c, fc.now_ms + 5 * MIN + 1), 0);
    assert_int_equal(timeline_remaining(&c, fc.now_ms + 99 * MIN), 0);
}

static void test_next_deadline(void **state)
{
    fake_clock fc = fake_clock_new();
    timeline_clock a, b, paused, closed;
    timeline_start(&a, &shape3, fc.now_ms);                       /* + 5 min */
    timeline_start(&b, &shape3, fc.now_ms);
    timeline_end_now(&b, &shape3, fc.now_ms + MIN);               /* + 1 min + 3 min = + 4 min */
    timeline_start(&paused, &shape3, fc.now_ms - 10 * MIN);       /* would be the earliest, but paused */
    timeline_pause(&paused, fc.now_ms);
    closed = (timeline_clock){ .phase = PHASE_CLOSED, .deadline_ms = fc.now_ms - 1 };

    const timeline_clock *all[] = { &a, NULL, &paused, &b, &closed };
    assert_int_equal(timeline_next_deadline(all, ARRAY_LEN(all)), fc.now_ms + 4 * MIN);
    assert_int_equal(timeline_next_deadline(all, 1), fc.now_ms + 5 * MIN);
    const timeline_clock *idle[] = { &paused, &closed, NULL };
    assert_int_equal(timeline_next_deadline(idle, ARRAY_LEN(idle)), INT64_MAX);
    assert_int_equal(timeline_next_deadline(NULL, 0), INT64_MAX);
    timeline_resume(&paused, fc.now_ms);                          /* nothing was left when paused: due now */
    assert_int_equal(timeline_next_deadline(all, ARRAY_LEN(all)), fc.now_ms);
}

static void test_error_messages(void **state)
{
    static const int codes[] = { TIMELINE_OK, TIMELINE_NOTHING_TO_DO, TIMELINE_ERR_CLOSED, TIMELINE_ERR_PAUSED, TIMELINE_ERR_NOT_PAUSED,
                                 TIMELINE_ERR_RANGE, TIMELINE_ERR_UNKNOWN_PHASE, -99 };
    for (size_t i = 0; i < ARRAY_LEN(codes); i++) assert_true(strlen(timeline_error_message(codes[i])) > 4);
    assert_string_not_equal(timeline_error_message(TIMELINE_ERR_PAUSED), timeline_error_message(TIMELINE_ERR_NOT_PAUSED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phase_names),
        cmocka_unit_test(test_shape_validate_table),
        cmocka_unit_test(test_every_transition),
        cmocka_unit_test(test_grace_rule),
        cmocka_unit_test(test_pause_resume),
        cmocka_unit_test(test_extend_table),
        cmocka_unit_test(test_extend_has_a_ceiling),
        cmocka_unit_test(test_end_now),
        cmocka_unit_test(test_restart_advances_once),
        cmocka_unit_test(test_peek_next_declines),
        cmocka_unit_test(test_remaining_never_negative),
        cmocka_unit_test(test_next_deadline),
        cmocka_unit_test(test_error_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
