/* test_launch — the launch handler end to end without sockets (the fuzzer's way: handlers driven
 * directly, connections without a wsi): the facilitator's reply comes first, then every placed
 * person has `room` then `phase`, then the facilitator's overview and roster; and when the
 * round's transaction fails (a trigger refuses the write), the facilitator gets `internal`, nobody
 * is told anything, no round exists, and a later launch works. The shared deadline the same way
 * (room_clock_run_due): a failed save of the clocks tells nobody and leaves every clock as it
 * was; a saved one gives every member the new turn's `room` then its `phase`, which matches what
 * the previous `phase.next` announced. */
#include "unit.h"
#include "app_fixture.h"
#include "conn.h"
#include "dispatch.h"
#include "room_clock.h"
#include "rounds.h"
#include "store.h"
#include <jansson.h>
#include <libwebsockets.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#define N_PEOPLE 7

static app_t the_app;
static config cfg;
static int64_t fake_now = FAKE_CLOCK_START_MS;
static int64_t test_clock(void) { return fake_now; }
static conn fac, people[N_PEOPLE];

static void send_json(conn *c, const char *json) { dispatch_message(c, json, strlen(json), fake_now); }

/* Pops everything queued on c into an array of parsed messages (caller decrefs). */
static json_t *take_all(conn *c)
{
    json_t *all = json_array();
    out_msg *m;
    while ((m = conn_pop(c))) {
        json_error_t e;
        json_t *j = json_loadb((const char *)m->data + LWS_PRE, m->len, 0, &e);
        if (!j) fail_msg("queued message is not JSON: %s", e.text);
        json_array_append_new(all, j);
        free(m);
    }
    return all;
}

static const char *type_at(json_t *msgs, size_t i)
{
    return json_string_value(json_object_get(json_array_get(msgs, i), "type"));
}

static int setup(void **state)
{
    if (app_fixture_open(&the_app, &cfg, test_clock) != 0) return -1;
    conn_init(&fac, NULL, "127.0.0.1");
    send_json(&fac, "{\"type\":\"create_session\",\"name\":\"Launch\"}");
    if (!fac.session) return -1;
    for (int i = 0; i < N_PEOPLE; i++) {
        char buf[128];
        conn_init(&people[i], NULL, "127.0.0.2");
        snprintf(buf, sizeof buf, "{\"type\":\"join\",\"code\":\"%s\",\"name\":\"P%d\"}", fac.session->code, i);
        send_json(&people[i], buf);
        if (!people[i].participant) return -1;
    }
    json_decref(take_all(&fac));
    for (int i = 0; i < N_PEOPLE; i++) json_decref(take_all(&people[i]));
    return 0;
}

static int teardown(void **state)
{
    for (int i = 0; i < N_PEOPLE; i++) conn_release(&people[i]);
    conn_release(&fac);
    store_close(app->store);
    world_free(&app->world);
    app = NULL;
    return 0;
}

static const char LAUNCH[] = "{\"type\":\"launch_round\",\"id\":\"L\",\"turns\":1,\"practice_s\":60,\"feedback_s\":0,\"soften_s\":30}";

static void test_failed_commit_tells_nobody(void **state)
{
    /* the store refuses the round's rooms, as a full disk or an I/O error would */
    sqlite3 *db = store_db(app->store);
    assert_int_equal(sqlite3_exec(db, "CREATE TEMP TRIGGER refuse_rooms BEFORE INSERT ON main.rooms"
                                      " BEGIN SELECT RAISE(ABORT, 'the test refuses this write'); END;", NULL, NULL, NULL), SQLITE_OK);

    fake_now += 1000;
    send_json(&fac, LAUNCH);
    json_t *f = take_all(&fac);
    assert_int_equal(json_array_size(f), 1);
    assert_string_equal(type_at(f, 0), "error");
    assert_string_equal(json_string_value(json_object_get(json_array_get(f, 0), "code")), "internal");
    json_decref(f);
    for (int i = 0; i < N_PEOPLE; i++) {
        assert_int_equal(people[i].queued_count, 0);   /* built, but never queued */
        assert_null(people[i].participant->room);
    }
    assert_int_equal(fac.session->n_rounds, 0);
    assert_int_equal(app->world.n_live_rooms, 0);

    assert_int_equal(sqlite3_exec(db, "DROP TRIGGER temp.refuse_rooms", NULL, NULL, NULL), SQLITE_OK);
}

static void test_reply_then_rooms_then_overview(void **state)
{
    fake_now += 1000;
    send_json(&fac, LAUNCH);
    json_t *f = take_all(&fac);
    /* the reply first; the overview and roster after the participants' messages were queued
     * (with no service loop, after-fan-out work runs at once, still after them) */
    assert_true(json_array_size(f) >= 3);
    assert_string_equal(type_at(f, 0), "round_launched");
    assert_string_equal(type_at(f, 1), "rooms");
    assert_string_equal(type_at(f, 2), "roster");
    json_t *rooms = json_object_get(json_array_get(f, 1), "rooms");
    assert_int_equal(json_array_size(rooms), 2);   /* 7 people: a triad and a room of four */
    assert_int_equal(fac.session->n_rounds, 1);
    for (int i = 0; i < N_PEOPLE; i++) {
        json_t *m = take_all(&people[i]);
        assert_true(json_array_size(m) >= 2);
        assert_string_equal(type_at(m, 0), "room");
        assert_string_equal(type_at(m, 1), "phase");
        json_t *room = json_array_get(m, 0), *phase = json_array_get(m, 1);
        const char *room_id = json_string_value(json_object_get(json_object_get(room, "room"), "id"));
        assert_string_equal(room_id, people[i].participant->room->id);
        assert_string_equal(json_string_value(json_object_get(phase, "room")), room_id);
        assert_string_equal(json_string_value(json_object_get(phase, "phase")), "practice");
        /* my own entry in the members list carries the role `you` says */
        const char *my_role = json_string_value(json_object_get(json_object_get(room, "you"), "role"));
        json_t *members = json_object_get(json_object_get(room, "room"), "members"), *me = NULL;
        for (size_t k = 0; k < json_array_size(members); k++)
            if (!strcmp(json_string_value(json_object_get(json_array_get(members, k), "id")), people[i].participant->id))
                me = json_array_get(members, k);
        assert_non_null(me);
        assert_string_equal(json_string_value(json_object_get(me, "role")), my_role);
        json_decref(m);
    }
    json_decref(f);
}

/* Everyone in a room: their last queued `phase` (and the `room` before it, if any). */
static json_t *last_of_type(json_t *msgs, const char *type)
{
    json_t *found = NULL;
    for (size_t i = 0; i < json_array_size(msgs); i++)
        if (!strcmp(type_at(msgs, i), type)) found = json_array_get(msgs, i);
    return found;
}

static void test_deadline_saved_before_told(void **state)
{
    /* a new round of two turns: practice 10 s, no feedback, so the deadline starts turn 2 */
    send_json(&fac, "{\"type\":\"end_round\"}");
    for (int step = 0; step < 3; step++) {   /* soften, grace (nobody types), closed */
        json_decref(take_all(&fac));   /* drained first: a message queued 30 s ago marks a laggard */
        for (int i = 0; i < N_PEOPLE; i++) json_decref(take_all(&people[i]));
        fake_now += 10 * 60 * 1000;
        room_clock_run_due(fake_now);
    }
    json_decref(take_all(&fac));
    for (int i = 0; i < N_PEOPLE; i++) json_decref(take_all(&people[i]));
    assert_int_equal(rounds_running(fac.session), 0);
    fake_now += 1000;
    send_json(&fac, "{\"type\":\"launch_round\",\"turns\":2,\"practice_s\":10,\"feedback_s\":0,\"soften_s\":30}");
    json_decref(take_all(&fac));
    json_t *before[N_PEOPLE];
    for (int i = 0; i < N_PEOPLE; i++) {
        before[i] = take_all(&people[i]);
        assert_non_null(people[i].participant->room);
    }
    json_t *announced = json_object_get(last_of_type(before[0], "phase"), "next");
    assert_non_null(announced);
    int64_t deadline = people[0].participant->room->clock.deadline_ms;

    /* the store refuses the clocks: nobody hears of turn 2, memory keeps turn 1 */
    sqlite3 *db = store_db(app->store);
    assert_int_equal(sqlite3_exec(db, "CREATE TEMP TRIGGER refuse_clocks BEFORE UPDATE ON main.rooms"
                                      " BEGIN SELECT RAISE(ABORT, 'the test refuses this write'); END;", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(room_clock_run_due(deadline + 5), -1);
    for (int i = 0; i < N_PEOPLE; i++) {
        assert_int_equal(people[i].queued_count, 0);
        assert_int_equal(people[i].participant->room->clock.turn, 0);
        assert_int_equal(people[i].participant->room->clock.deadline_ms, deadline);
    }
    assert_int_equal(fac.queued_count, 0);
    assert_int_equal(sqlite3_exec(db, "DROP TRIGGER temp.refuse_clocks", NULL, NULL, NULL), SQLITE_OK);

    /* saved: every member gets `room` (new roles) then `phase`, as announced ahead */
    assert_int_equal(room_clock_run_due(deadline + 5), 2);   /* 7 people: two rooms */
    for (int i = 0; i < N_PEOPLE; i++) {
        json_t *m = take_all(&people[i]);
        assert_int_equal(json_array_size(m), 2);
        assert_string_equal(type_at(m, 0), "room");
        assert_string_equal(type_at(m, 1), "phase");
        json_t *ph = json_array_get(m, 1), *next = json_object_get(last_of_type(before[i], "phase"), "next");
        assert_int_equal(json_integer_value(json_object_get(ph, "turn")), 1);
        assert_string_equal(json_string_value(json_object_get(ph, "phase")), "practice");
        assert_int_equal(json_integer_value(json_object_get(ph, "deadline")), json_integer_value(json_object_get(next, "deadline")));
        /* my role in the new room message is the one announced for me */
        const char *role = json_string_value(json_object_get(json_object_get(json_array_get(m, 0), "you"), "role"));
        json_t *roles = json_object_get(next, "roles");
        const char *want = NULL;
        for (size_t k = 0; k < json_array_size(roles); k++)
            if (!strcmp(json_string_value(json_object_get(json_array_get(roles, k), "id")), people[i].participant->id))
                want = json_string_value(json_object_get(json_array_get(roles, k), "role"));
        assert_non_null(want);
        assert_string_equal(role, want);
        json_decref(m);
        json_decref(before[i]);
    }
    json_t *f = take_all(&fac);   /* one rooms_update for both rooms, after the members */
    assert_int_equal(json_array_size(f), 1);
    assert_string_equal(type_at(f, 0), "rooms_update");
    json_decref(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_failed_commit_tells_nobody),
        cmocka_unit_test(test_reply_then_rooms_then_overview),
        cmocka_unit_test(test_deadline_saved_before_told),
    };
    return cmocka_run_group_tests_name("launch", tests, setup, teardown);
}
