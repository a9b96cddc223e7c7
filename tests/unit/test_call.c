/* test_call — who may join a room's call, who may signal whom, and speaking holding the soft
 * close open like typing. Fake clock, no sockets: connections are opaque handles. */
#include "unit.h"
#include "call.h"
#include "feedback.h"
#include "rounds.h"
#include <stdio.h>

#define SEC 1000
#define MIN (60 * SEC)

static const timeline_shape S3 = { 3, 5 * MIN, 2 * MIN, 3 * MIN, 30 * SEC };

#include "world_fixture.h"

static sc_round *launch(fixture *f, sc_session *s)
{
    sc_round *r = NULL;
    assert_int_equal(rounds_plan(s, &S3, GROUPING_POLICY_FOURS, 5, "", f->clock.now_ms, new_room_id, &f->ids, &r), 0);
    rounds_attach(&f->w, s, r);
    return r;
}

typedef struct { fixture f; sc_session *s, *other; sc_round *r; sc_room *a, *b; int conns[8]; } world;

/* Six people in session 1 (two triads), three in session 2 (one triad). */
static void world_setup(world *x)
{
    fx_init(&x->f);
    x->s = fx_session(&x->f, 1, "ABCDEF");
    fx_people(&x->f, x->s, "oooooo");
    x->r = launch(&x->f, x->s);
    assert_int_equal(x->r->n_rooms, 2);
    x->a = x->r->rooms[0];
    x->b = x->r->rooms[1];
    x->other = fx_session(&x->f, 2, "GHJKMN");
    fx_people(&x->f, x->other, "ooo");
    launch(&x->f, x->other);
}

static sc_participant *member(sc_room *room, size_t i) { return room->members[i].p; }

static void test_who_may_join(void **state)
{
    world x;
    world_setup(&x);
    sc_room *other_room = x.other->rounds[0]->rooms[0];
    const struct { const char *what; sc_room *room; sc_participant *p; int external; call_status want; } rows[] = {
        { "a member of the room", x.a, member(x.a, 0), 0, CALL_OK },
        { "the facilitator visiting", x.a, NULL, 0, CALL_OK },
        { "a member of another room", x.a, member(x.b, 0), 0, CALL_ERR_NOT_MEMBER },
        { "someone of another session", x.a, member(other_room, 0), 0, CALL_ERR_NOT_MEMBER },
        { "another call system in use", x.a, member(x.a, 1), 1, CALL_ERR_EXTERNAL },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        call_status got = call_may_join(rows[i].room, rows[i].p, rows[i].external);
        if (got != rows[i].want) fail_msg("%s: got %d, want %d", rows[i].what, got, rows[i].want);
    }
    /* someone who moved out is not a member any more */
    x.a->members[2].gone_ms = x.f.clock.now_ms;
    assert_int_equal(call_may_join(x.a, member(x.a, 2), 0), CALL_ERR_NOT_MEMBER);
    /* a closed room has no call */
    timeline_end_now(&x.a->clock, &S3, x.f.clock.now_ms);
    rounds_clock_changed(&x.f.w, x.a);
    fake_clock_advance(&x.f.clock, S3.soften_ms);
    sc_room *changed[4];
    rounds_advance_due(&x.f.w, x.f.clock.now_ms, changed, 4);
    assert_int_equal(x.a->clock.phase, PHASE_CLOSED);
    assert_int_equal(call_may_join(x.a, member(x.a, 0), 0), CALL_ERR_CLOSED);
    world_free(&x.f.w);
}

static void test_signal_only_within_one_call(void **state)
{
    world x;
    world_setup(&x);
    call_peer *p0 = call_add(x.a, "peer-0", member(x.a, 0), &x.conns[0], 0, 1, x.f.clock.now_ms);
    call_add(x.a, "peer-1", member(x.a, 1), &x.conns[1], 0, 1, x.f.clock.now_ms);
    call_add(x.b, "peer-b", member(x.b, 0), &x.conns[2], 0, 1, x.f.clock.now_ms);
    call_peer *from, *to;
    const struct { const char *what; sc_room *room; void *conn; const char *to; call_status want; } rows[] = {
        { "to a peer in the same call", x.a, &x.conns[0], "peer-1", CALL_OK },
        { "to a peer in another room's call", x.a, &x.conns[0], "peer-b", CALL_ERR_NO_PEER },
        { "to oneself", x.a, &x.conns[0], "peer-0", CALL_ERR_NO_PEER },
        { "to a made-up id", x.a, &x.conns[0], "nobody", CALL_ERR_NO_PEER },
        { "from a connection not in the call", x.a, &x.conns[5], "peer-1", CALL_ERR_NOT_IN_CALL },
        { "from no call at all", NULL, &x.conns[0], "peer-1", CALL_ERR_NOT_IN_CALL },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        call_status got = call_may_signal(rows[i].room, rows[i].conn, rows[i].to, &from, &to);
        if (got != rows[i].want) fail_msg("%s: got %d, want %d", rows[i].what, got, rows[i].want);
    }
    assert_int_equal(call_may_signal(x.a, &x.conns[0], "peer-1", &from, &to), CALL_OK);
    assert_ptr_equal(from, p0);
    assert_string_equal(to->id, "peer-1");
    /* a peer who left cannot be reached; the next peer moves into its slot */
    call_remove(x.a, call_find(x.a, "peer-1"));
    assert_int_equal(call_may_signal(x.a, &x.conns[0], "peer-1", &from, &to), CALL_ERR_NO_PEER);
    assert_int_equal(call_count(x.a), 1);
    world_free(&x.f.w);
}

static void test_call_is_bounded(void **state)
{
    world x;
    world_setup(&x);
    for (int i = 0; i < CALL_MAX_PEERS; i++) {
        char id[16];
        snprintf(id, sizeof id, "fac-%d", i);
        assert_int_equal(call_may_join(x.a, NULL, 0), CALL_OK);
        assert_non_null(call_add(x.a, id, NULL, &x.conns[i % 8], 0, 1, 0));
    }
    assert_int_equal(call_may_join(x.a, member(x.a, 0), 0), CALL_ERR_FULL);
    assert_null(call_add(x.a, "one-more", member(x.a, 0), &x.conns[0], 0, 1, 0));
    call_clear(x.a);
    assert_int_equal(call_count(x.a), 0);
    world_free(&x.f.w);
}

/* Speaking at the end of the soft close holds the room open for its grace, like typing. */
static void test_speaking_grants_grace(void **state)
{
    for (int speaking = 0; speaking <= 1; speaking++) {
        world x;
        world_setup(&x);
        call_peer *peer = call_add(x.a, "peer-1", member(x.a, 1), &x.conns[1], 0, 1, x.f.clock.now_ms);
        call_add(x.a, "fac", NULL, &x.conns[7], 0, 1, x.f.clock.now_ms);
        timeline_end_now(&x.a->clock, &S3, x.f.clock.now_ms);
        rounds_clock_changed(&x.f.w, x.a);
        fake_clock_advance(&x.f.clock, S3.soften_ms - 10 * SEC);   /* nobody typed for 10 s */
        call_set_state(x.a, peer, -1, -1, speaking);
        call_set_state(x.a, call_find(x.a, "fac"), -1, -1, 1);      /* a visiting facilitator never holds it */
        fake_clock_advance(&x.f.clock, 10 * SEC);
        sc_room *changed[4];
        rounds_advance_due(&x.f.w, x.f.clock.now_ms, changed, 4);
        assert_int_equal(x.a->clock.phase, speaking ? PHASE_SOFTEN : PHASE_CLOSED);
        assert_int_equal(x.a->clock.in_grace, speaking);
        const sc_member *waiting[4];
        size_t n = feedback_typing_members(x.a, x.f.clock.now_ms, waiting, 4);
        assert_int_equal(n, (size_t)speaking);
        if (speaking) assert_ptr_equal(waiting[0]->p, member(x.a, 1));
        /* leaving the call stops holding the room */
        call_remove(x.a, peer);
        assert_false(rounds_someone_typing(x.a, x.f.clock.now_ms));
        world_free(&x.f.w);
    }
}

static void test_roles_and_state(void **state)
{
    world x;
    world_setup(&x);
    call_peer *peer = call_add(x.a, "p", member(x.a, 0), &x.conns[0], 1, 0, 0);
    call_peer *fac = call_add(x.a, "f", NULL, &x.conns[1], 0, 1, 0);
    assert_true(peer->muted);
    assert_false(peer->camera);
    assert_string_equal(call_role_name(x.a, fac), "facilitator");
    assert_string_equal(call_role_name(x.a, peer), grouping_role_name(rounds_member_role(x.a, &x.a->members[0])));
    call_set_state(x.a, peer, 0, -1, -1);
    assert_false(peer->muted);
    assert_false(peer->camera);
    assert_ptr_equal(call_find_participant(x.a, member(x.a, 0)), peer);
    assert_ptr_equal(call_find_by_conn(x.a, &x.conns[1]), fac);
    assert_null(call_find_participant(x.a, member(x.a, 1)));
    for (call_status st = CALL_OK; st <= CALL_ERR_NOMEM; st++) assert_true(strlen(call_status_message(st)) > 2);
    world_free(&x.f.w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_may_join),
        cmocka_unit_test(test_signal_only_within_one_call),
        cmocka_unit_test(test_call_is_bounded),
        cmocka_unit_test(test_speaking_grants_grace),
        cmocka_unit_test(test_roles_and_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
