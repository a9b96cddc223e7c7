/* test_export — the facilitator's export: CSV fields (RFC 4180 quoting, formula cells defused),
 * the CSV and JSON built from hand-made rows (roles per turn the room reached, moves, help, counts,
 * the size ceiling), and end to end through the handler on an in-memory store: only the
 * facilitator gets it, the rows are the session's, and no feedback or draft text is in it. */
#include "unit.h"
#include "app_fixture.h"
#include "conn.h"
#include "dispatch.h"
#include "export_view.h"
#include "store_export.h"
#include <jansson.h>
#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- fields ---- */

static void expect_field(const char *in, const char *want)
{
    char *got = export_csv_field(in);
    assert_non_null(got);
    if (strcmp(got, want)) fail_msg("field %s: got %s, want %s", in, got, want);
    free(got);
}

static void test_csv_fields(void **state)
{
    expect_field("", "");
    expect_field("Ana", "Ana");
    expect_field("Ben, Jr.", "\"Ben, Jr.\"");
    expect_field("Cy \"the quiet\"", "\"Cy \"\"the quiet\"\"\"");
    expect_field("\"", "\"\"\"\"");
    expect_field("two\r\nlines", "\"two\r\nlines\"");
    expect_field("one\nline", "\"one\nline\"");
    /* formula injection: = + - @ (and tab, CR) at the start get an apostrophe */
    expect_field("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect_field("=1+1", "'=1+1");
    expect_field("+49 30", "'+49 30");
    expect_field("-Fay", "'-Fay");
    expect_field("@Dee", "'@Dee");
    expect_field("\tx", "'\tx");
    expect_field("a=b", "a=b");          /* only the first character counts */
    expect_field("Zoë 😀", "Zoë 😀");     /* UTF-8 passes through */
}

static void test_iso_time(void **state)
{
    char b[32];
    export_iso_time(0, b);
    assert_string_equal(b, "");
    export_iso_time(INT64_C(1795000000123), b);
    assert_string_equal(b, "2026-11-18T11:06:40.123Z");
    char name[96];
    sc_session s = { .code = "BKSKBB" };
    export_filename(&s, INT64_C(1795000000123), "csv", name, sizeof name);
    assert_string_equal(name, "softclose-BKSKBB-20261118-1106.csv");
}

/* ---- from hand-made rows ---- */

#define T0 INT64_C(1795000000000)

/* Round 1 (3 turns): room 1 (rotation 3, in turn 1) with Ana, Ben, Cy and Dee moved in as an
 * extra observer from room 2, where she sat in slot 0 until T0+60 s; a help request from Ben.
 * Room 2 (rotation 2 after closing ranks, ended early in turn 0). */
static void sample(store_export *e)
{
    memset(e, 0, sizeof *e);
    static store_export_round rounds[1];
    static store_export_room rooms[2];
    static store_export_seat seats[6];
    static store_export_help help[1];
    rounds[0] = (store_export_round){ .number = 1, .turns = 3, .practice_ms = 480000, .feedback_ms = 180000,
                                      .soften_ms = 60000, .grace_ms = 30000, .launched_ms = T0 };
    rooms[0] = (store_export_room){ .id = "room-1", .round = 1, .number = 1, .rotation_size = 3, .phase = PHASE_FEEDBACK,
                                    .turn = 1, .feedback_sent = 4, .feedback_softened = 2 };
    rooms[1] = (store_export_room){ .id = "room-2", .round = 1, .number = 2, .rotation_size = 2, .phase = PHASE_CLOSED,
                                    .turn = 0, .feedback_sent = 0, .feedback_softened = 0 };
    seats[0] = (store_export_seat){ .room_id = "room-1", .who = { 1, "p-ana", "Ana" }, .slot = 0, .joined_ms = T0 };
    seats[1] = (store_export_seat){ .room_id = "room-1", .who = { 2, "p-ben", "Ben, Jr." }, .slot = 1, .joined_ms = T0 };
    seats[2] = (store_export_seat){ .room_id = "room-2", .who = { 4, "p-dee", "=Dee" }, .slot = 0, .joined_ms = T0,
                                    .gone_ms = T0 + 60000 };
    seats[3] = (store_export_seat){ .room_id = "room-1", .who = { 3, "p-cy", "Cy" }, .slot = 2, .joined_ms = T0 };
    seats[4] = (store_export_seat){ .room_id = "room-1", .who = { 4, "p-dee", "=Dee" }, .slot = 3, .joined_ms = T0 + 60000 };
    seats[5] = (store_export_seat){ .room_id = "room-2", .who = { 5, "p-eve", "Eve" }, .slot = 1, .joined_ms = T0 };
    help[0] = (store_export_help){ .id = "h-1", .room_id = "room-1", .who = { 2, "p-ben", "Ben, Jr." }, .text = "Need you",
                                   .at_ms = T0 + 5000 };
    e->rounds = rounds; e->n_rounds = 1;
    e->rooms = rooms; e->n_rooms = 2;
    e->seats = seats; e->n_seats = 6;
    e->help = help; e->n_help = 1;
}

static const char CSV_WANT[] =
    "\xEF\xBB\xBF"
    "record,round,room,room_id,participant_id,participant,role_turn_1,role_turn_2,role_turn_3,"
    "joined_at,gone_at,help_at,help_acked_at,help_text,feedback_sent,feedback_softened,phase\r\n"
    "room,1,1,room-1,,,,,,,,,,,4,2,feedback\r\n"
    "seat,1,1,room-1,p-ana,Ana,therapist,observer,,2026-11-18T11:06:40.000Z,,,,,,,\r\n"
    "seat,1,1,room-1,p-ben,\"Ben, Jr.\",client,therapist,,2026-11-18T11:06:40.000Z,,,,,,,\r\n"
    "seat,1,1,room-1,p-cy,Cy,observer,client,,2026-11-18T11:06:40.000Z,,,,,,,\r\n"
    "seat,1,1,room-1,p-dee,'=Dee,observer,observer,,2026-11-18T11:07:40.000Z,,,,,,,\r\n"
    "help,1,1,room-1,p-ben,\"Ben, Jr.\",,,,,,2026-11-18T11:06:45.000Z,,Need you,,,\r\n"
    "room,1,2,room-2,,,,,,,,,,,0,0,closed\r\n"
    "seat,1,2,room-2,p-dee,'=Dee,therapist,,,2026-11-18T11:06:40.000Z,2026-11-18T11:07:40.000Z,,,,,,\r\n"
    "seat,1,2,room-2,p-eve,Eve,client,,,2026-11-18T11:06:40.000Z,,,,,,,\r\n";

static void test_csv_from_rows(void **state)
{
    store_export e;
    sample(&e);
    sc_session s = { .id = "s-1", .code = "BKSKBB", .name = "Week 3" };
    char *csv = NULL;
    size_t len = 0;
    assert_int_equal(export_csv(&s, &e, 1 << 20, &csv, &len), EXPORT_OK);
    assert_int_equal(len, strlen(csv));
    if (strcmp(csv, CSV_WANT)) fail_msg("CSV:\n%s\nwanted:\n%s", csv, CSV_WANT);
    free(csv);

    /* the ceiling: nothing half-written comes back */
    assert_int_equal(export_csv(&s, &e, 200, &csv, &len), EXPORT_TOO_LARGE);
    assert_null(csv);
    assert_int_equal(len, 0);
    assert_int_equal(export_csv(&s, &e, strlen(CSV_WANT), &csv, &len), EXPORT_OK);
    free(csv);
    assert_int_equal(export_csv(&s, &e, strlen(CSV_WANT) - 1, &csv, &len), EXPORT_TOO_LARGE);

    /* no rounds yet: the header only, one role column */
    store_export none = { 0 };
    assert_int_equal(export_csv(&s, &none, 1 << 20, &csv, &len), EXPORT_OK);
    assert_string_equal(csv, "\xEF\xBB\xBF" "record,round,room,room_id,participant_id,participant,role_turn_1,"
                             "joined_at,gone_at,help_at,help_acked_at,help_text,feedback_sent,feedback_softened,phase\r\n");
    free(csv);
}

static void test_json_from_rows(void **state)
{
    store_export e;
    sample(&e);
    sc_session s = { .id = "s-1", .code = "BKSKBB", .name = "Week 3", .created_ms = T0 - 1000 };
    json_t *doc = export_json(&s, &e, T0 + 99000);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "format")), "softclose-history");
    assert_int_equal(json_integer_value(json_object_get(doc, "exported_at")), T0 + 99000);
    json_t *session = json_object_get(doc, "session");
    assert_string_equal(json_string_value(json_object_get(session, "code")), "BKSKBB");
    assert_true(json_is_null(json_object_get(session, "ended_at")));
    json_t *round = json_array_get(json_object_get(doc, "rounds"), 0);
    assert_int_equal(json_integer_value(json_object_get(round, "practice_s")), 480);
    assert_int_equal(json_integer_value(json_object_get(round, "feedback_s")), 180);
    json_t *rooms = json_object_get(round, "rooms");
    assert_int_equal(json_array_size(rooms), 2);
    json_t *r1 = json_array_get(rooms, 0), *r2 = json_array_get(rooms, 1);
    assert_int_equal(json_integer_value(json_object_get(r1, "turns_reached")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r1, "feedback"), "sent")), 4);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(r1, "feedback"), "softened")), 2);
    json_t *seats = json_object_get(r1, "seats");
    assert_int_equal(json_array_size(seats), 4);
    json_t *ben = json_array_get(seats, 1);
    assert_string_equal(json_string_value(json_object_get(json_object_get(ben, "participant"), "name")), "Ben, Jr.");
    char *roles = json_dumps(json_object_get(ben, "roles"), JSON_COMPACT);
    assert_string_equal(roles, "[\"client\",\"therapist\"]");
    free(roles);
    json_t *dee = json_array_get(seats, 3);
    assert_string_equal(json_string_value(json_object_get(json_object_get(dee, "participant"), "name")), "=Dee");  /* JSON: as typed */
    assert_int_equal(json_integer_value(json_object_get(dee, "joined_at")), T0 + 60000);
    assert_true(json_is_null(json_object_get(dee, "gone_at")));
    json_t *help = json_array_get(json_object_get(r1, "help"), 0);
    assert_string_equal(json_string_value(json_object_get(help, "text")), "Need you");
    assert_true(json_is_null(json_object_get(help, "acked_at")));
    json_t *gone = json_array_get(json_object_get(r2, "seats"), 0);
    assert_int_equal(json_integer_value(json_object_get(gone, "gone_at")), T0 + 60000);
    assert_int_equal(json_array_size(json_object_get(gone, "roles")), 1);
    assert_int_equal(json_array_size(json_object_get(r2, "help")), 0);
    json_decref(doc);
}

/* ---- end to end through the handler ---- */

static app_t the_app;
static config cfg;
static int64_t fake_now = FAKE_CLOCK_START_MS;
static int64_t test_clock(void) { return fake_now; }

static void send_json(conn *c, const char *json) { dispatch_message(c, json, strlen(json), fake_now); }

static json_t *last_reply(conn *c)
{
    json_t *last = NULL;
    out_msg *m;
    while ((m = conn_pop(c))) {
        json_decref(last);
        last = json_loadb((const char *)m->data + LWS_PRE, m->len, 0, NULL);
        free(m);
    }
    assert_non_null(last);
    return last;
}

static const char *str(json_t *m, const char *k) { return json_string_value(json_object_get(m, k)); }

static void test_handler_end_to_end(void **state)
{
    conn fac, people[3], anon;
    assert_int_equal(app_fixture_open(&the_app, &cfg, test_clock), 0);
    conn_init(&fac, NULL, "127.0.0.1");
    conn_init(&anon, NULL, "127.0.0.1");
    send_json(&fac, "{\"type\":\"create_session\",\"name\":\"Export\"}");
    assert_non_null(fac.session);
    static const char *const names[] = { "Ana", "+Ben", "Cy" };
    for (int i = 0; i < 3; i++) {
        char buf[160];
        conn_init(&people[i], NULL, "127.0.0.2");
        snprintf(buf, sizeof buf, "{\"type\":\"join\",\"code\":\"%s\",\"name\":\"%s\"}", fac.session->code, names[i]);
        send_json(&people[i], buf);
        assert_non_null(people[i].participant);
    }
    fake_now += 1000;
    send_json(&fac, "{\"type\":\"launch_round\",\"turns\":1,\"practice_s\":60,\"feedback_s\":0,\"soften_s\":60}");
    json_decref(last_reply(&fac));
    send_json(&fac, "{\"type\":\"end_round\"}");
    json_decref(last_reply(&fac));
    sc_room *room = people[0].participant->room;
    assert_non_null(room);
    assert_int_equal(room->clock.phase, PHASE_SOFTEN);
    char buf[400];
    snprintf(buf, sizeof buf, "{\"type\":\"feedback_draft\",\"key\":\"k1\",\"text\":\"secret draft words\"}");
    send_json(&people[0], buf);
    snprintf(buf, sizeof buf, "{\"type\":\"feedback_send\",\"to\":\"%s\",\"text\":\"secret feedback words\",\"acknowledge_hints\":true}",
             people[1].participant->id);
    send_json(&people[0], buf);
    json_t *sent = last_reply(&people[0]);
    assert_string_equal(str(sent, "type"), "feedback_sent");
    json_decref(sent);
    send_json(&people[2], "{\"type\":\"help\",\"text\":\"-please come\"}");
    json_decref(last_reply(&people[2]));

    /* the store hands back the rows */
    store_export e;
    assert_int_equal(store_export_load(app->store, fac.session, &e), 0);
    assert_int_equal(e.n_rounds, 1);
    assert_int_equal(e.n_rooms, 1);
    assert_int_equal(e.n_seats, 3);
    assert_int_equal(e.n_help, 1);
    assert_int_equal(e.rooms[0].feedback_sent, 1);
    assert_int_equal(e.rooms[0].phase, PHASE_SOFTEN);
    assert_string_equal(e.help[0].text, "-please come");
    store_export_free(&e);

    /* only the facilitator */
    send_json(&people[0], "{\"type\":\"export\",\"format\":\"csv\"}");
    json_t *m = last_reply(&people[0]);
    assert_string_equal(str(m, "code"), "forbidden");
    json_decref(m);
    send_json(&anon, "{\"type\":\"export\",\"format\":\"csv\"}");
    m = last_reply(&anon);
    assert_string_equal(str(m, "code"), "unauthorized");
    json_decref(m);
    send_json(&fac, "{\"type\":\"export\",\"format\":\"pdf\"}");
    m = last_reply(&fac);
    assert_string_equal(str(m, "code"), "bad_request");
    json_decref(m);

    send_json(&fac, "{\"type\":\"export\",\"id\":\"x\",\"format\":\"csv\"}");
    m = last_reply(&fac);
    assert_string_equal(str(m, "type"), "export");
    assert_string_equal(str(m, "re"), "x");
    const char *data = str(m, "data");
    assert_non_null(strstr(data, ",Ana,"));
    assert_non_null(strstr(data, ",'+Ben,"));
    assert_non_null(strstr(data, ",'-please come,"));
    assert_non_null(strstr(data, ",1,0,soften\r\n"));
    assert_null(strstr(data, "secret"));
    assert_int_equal(json_integer_value(json_object_get(m, "bytes")), (json_int_t)strlen(data));
    json_decref(m);

    send_json(&fac, "{\"type\":\"export\",\"format\":\"json\"}");
    m = last_reply(&fac);
    assert_string_equal(str(m, "content_type"), "application/json");
    assert_null(strstr(str(m, "data"), "secret"));
    json_t *doc = json_loads(str(m, "data"), 0, NULL);
    assert_non_null(doc);
    json_decref(doc);
    json_decref(m);

    /* six a minute per session, then rate_limited with the wait */
    for (int i = 0; i < 4; i++) { send_json(&fac, "{\"type\":\"export\",\"format\":\"json\"}"); json_decref(last_reply(&fac)); }
    send_json(&fac, "{\"type\":\"export\",\"format\":\"json\"}");
    m = last_reply(&fac);
    assert_string_equal(str(m, "code"), "rate_limited");
    assert_true(json_integer_value(json_object_get(m, "retry_after_ms")) > 0);
    json_decref(m);
    fake_now += 10000;
    send_json(&fac, "{\"type\":\"export\",\"format\":\"csv\"}");
    m = last_reply(&fac);
    assert_string_equal(str(m, "type"), "export");
    json_decref(m);

    for (int i = 0; i < 3; i++) conn_release(&people[i]);
    conn_release(&fac);
    conn_release(&anon);
    store_close(app->store);
    world_free(&app->world);
    app = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_fields),
        cmocka_unit_test(test_iso_time),
        cmocka_unit_test(test_csv_from_rows),
        cmocka_unit_test(test_json_from_rows),
        cmocka_unit_test(test_handler_end_to_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
