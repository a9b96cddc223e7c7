/* test_views — the JSON that feedback_view and followup_view build from typed rows, without a
 * store: what each viewer sees (the author alone sees an original text, hints and "softened"; the
 * sender alone sees a client id; nobody sees a withdrawn text), status names from the state enum,
 * and the list messages (feedback_list split into sent and received, drafts, inbox). */
#include "unit.h"
#include "feedback_view.h"
#include "followup_view.h"
#include "hints_view.h"
#include <stdio.h>

static sc_participant ana = { .pid = 1, .id = "pppppppp-0000-4000-8000-000000000001", .name = "Ana" };
static sc_participant ben = { .pid = 2, .id = "pppppppp-0000-4000-8000-000000000002", .name = "Ben" };

static void set_person(store_person *sp, const sc_participant *p)
{
    sp->pid = p->pid;
    snprintf(sp->id, sizeof sp->id, "%s", p->id);
    snprintf(sp->name, sizeof sp->name, "%s", p->name);
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v)) fail_msg("field %s is not a string", key);
    return json_string_value(v);
}

static store_followup_row followup(char *text)
{
    store_followup_row f = { .id = "fu-1", .client_id = "cid-1", .text = text, .sent_ms = 1000 };
    set_person(&f.from, &ana);
    set_person(&f.to, &ben);
    return f;
}

static void test_followup_view(void **state)
{
    char text[] = "Thanks for the pause";
    store_followup_row f = followup(text);
    json_t *o = view_followup(&f, &ben);
    assert_string_equal(str(o, "id"), "fu-1");
    assert_string_equal(str(json_object_get(o, "from"), "name"), "Ana");
    assert_string_equal(str(json_object_get(o, "to"), "id"), ben.id);
    assert_string_equal(str(o, "text"), text);
    assert_string_equal(str(o, "status"), "sent");
    assert_true(json_is_null(json_object_get(o, "room")));
    assert_null(json_object_get(o, "client_id"));        /* the recipient does not see it */
    assert_null(json_object_get(o, "read_at"));
    assert_true(json_is_false(json_object_get(o, "withdrawn")));
    assert_int_equal(json_integer_value(json_object_get(o, "sent_at")), 1000);
    json_decref(o);
    /* the sender sees the client id; a room message names its room; read has read_at */
    snprintf(f.room_id, sizeof f.room_id, "room-1");
    f.delivered_ms = 2000;
    f.read_ms = 3000;
    f.state = FOLLOWUP_READ;
    o = view_followup(&f, &ana);
    assert_string_equal(str(o, "client_id"), "cid-1");
    assert_string_equal(str(o, "room"), "room-1");
    assert_string_equal(str(o, "status"), "read");
    assert_int_equal(json_integer_value(json_object_get(o, "read_at")), 3000);
    json_decref(o);
    /* a withdrawn text is never shown, even if the row still holds it */
    f.withdrawn_ms = 4000;
    o = view_followup(&f, &ana);
    assert_string_equal(str(o, "text"), "");
    assert_true(json_is_true(json_object_get(o, "withdrawn")));
    json_decref(o);
}

static void test_followup_messages(void **state)
{
    assert_string_equal(followup_state_name(FOLLOWUP_SENT), "sent");
    assert_string_equal(followup_state_name(FOLLOWUP_DELIVERED), "delivered");
    assert_string_equal(followup_state_name(FOLLOWUP_READ), "read");
    json_t *m = view_followup_receipt("fu-1", FOLLOWUP_DELIVERED, 5000);
    assert_string_equal(str(m, "type"), "followup_receipt");
    assert_string_equal(str(m, "followup"), "fu-1");
    assert_string_equal(str(m, "status"), "delivered");
    assert_int_equal(json_integer_value(json_object_get(m, "at")), 5000);
    json_decref(m);
    m = view_followup_withdrawn("fu-1");
    assert_string_equal(str(m, "type"), "followup_withdrawn");
    json_decref(m);

    char t1[] = "one", t2[] = "two";
    store_followup_row rows[2] = { followup(t1), followup(t2) };
    snprintf(rows[1].id, sizeof rows[1].id, "fu-2");
    store_followup_list page = { .rows = rows, .n = 2, .more = 1 };
    m = view_inbox(&page, &ben, 7);
    assert_string_equal(str(m, "type"), "inbox");
    json_t *a = json_object_get(m, "followups");
    assert_int_equal(json_array_size(a), 2);
    assert_string_equal(str(json_array_get(a, 1), "id"), "fu-2");
    assert_true(json_is_true(json_object_get(m, "more")));
    assert_int_equal(json_integer_value(json_object_get(m, "unread")), 7);
    json_t *ev = view_followup_event(json_array_get(a, 0));
    assert_string_equal(str(ev, "type"), "followup");
    assert_ptr_equal(json_object_get(ev, "followup"), json_array_get(a, 0));   /* borrowed, not copied */
    json_decref(ev);
    json_decref(m);
}

static store_feedback_row feedback(const char *id, const sc_participant *from, const sc_participant *to, char *text)
{
    store_feedback_row f = { .turn = 1, .kind = FEEDBACK_KIND_FEEDBACK, .text = text, .sent_ms = 1000 };
    snprintf(f.id, sizeof f.id, "%s", id);
    snprintf(f.room_id, sizeof f.room_id, "room-1");
    set_person(&f.from, from);
    set_person(&f.to, to);
    return f;
}

static void test_feedback_view(void **state)
{
    char text[] = "You always rush the ending and it is frustrating.", original[] = "first words";
    store_feedback_row f = feedback("fb-1", &ana, &ben, text);
    f.kind = FEEDBACK_KIND_OBSERVER;
    json_t *o = view_feedback(&f, &ben);
    assert_string_equal(str(o, "id"), "fb-1");
    assert_string_equal(str(o, "room"), "room-1");
    assert_string_equal(str(o, "kind"), "observer");
    assert_string_equal(str(o, "text"), text);
    assert_string_equal(str(json_object_get(o, "from"), "name"), "Ana");
    assert_string_equal(str(json_object_get(o, "to"), "name"), "Ben");
    assert_true(json_is_false(json_object_get(o, "revised")));
    assert_null(json_object_get(o, "revised_at"));
    assert_null(json_object_get(o, "amends"));
    assert_null(json_object_get(o, "hints"));           /* the recipient sees none of the author's */
    assert_null(json_object_get(o, "softened"));
    assert_null(json_object_get(o, "original_text"));
    json_decref(o);
    /* the author: the original text, the hints the text has now, whether it counted as softened */
    f.original_text = original;
    f.revised_ms = 2000;
    f.softened = 1;
    snprintf(f.amends, sizeof f.amends, "fb-0");
    o = view_feedback(&f, &ana);
    assert_string_equal(str(o, "original_text"), original);
    assert_true(json_is_array(json_object_get(o, "hints")));
    assert_int_equal(json_array_size(json_object_get(o, "hints")), hints_count(text, strlen(text), SOFTEN_CONTEXT_FEEDBACK));
    assert_true(json_is_true(json_object_get(o, "softened")));
    assert_true(json_is_true(json_object_get(o, "revised")));
    assert_int_equal(json_integer_value(json_object_get(o, "revised_at")), 2000);
    assert_string_equal(str(o, "amends"), "fb-0");
    json_decref(o);
    /* a message that could not be read back is null in its reply */
    o = view_feedback_message("feedback_sent", NULL, &ana);
    assert_true(json_is_null(json_object_get(o, "feedback")));
    json_decref(o);
}

static void test_feedback_lists(void **state)
{
    char t1[] = "to Ben", t2[] = "to Ana", t3[] = "to me";
    store_feedback_row rows[3] = { feedback("fb-1", &ana, &ben, t1), feedback("fb-2", &ben, &ana, t2), feedback("fb-3", &ana, &ana, t3) };
    store_feedback_list l = { .rows = rows, .n = 3 };
    sc_room room = { .id = "room-1" };
    json_t *m = view_feedback_list(&room, &l, &ana);
    assert_string_equal(str(m, "type"), "feedback_list");
    assert_string_equal(str(m, "room"), "room-1");
    json_t *sent = json_object_get(m, "sent"), *received = json_object_get(m, "received");
    assert_int_equal(json_array_size(sent), 2);
    assert_string_equal(str(json_array_get(sent, 0), "id"), "fb-1");
    assert_string_equal(str(json_array_get(sent, 1), "id"), "fb-3");
    assert_int_equal(json_array_size(received), 1);
    assert_string_equal(str(json_array_get(received, 0), "id"), "fb-2");
    json_decref(m);

    char d1[] = "half a thought";
    store_draft_row drafts[1] = { { .room_id = "room-1", .key = "fb:to-ben", .text = d1, .updated_ms = 9000 } };
    store_draft_list dl = { .rows = drafts, .n = 1 };
    m = view_drafts(&dl);
    assert_string_equal(str(m, "type"), "drafts");
    json_t *d = json_array_get(json_object_get(m, "drafts"), 0);
    assert_string_equal(str(d, "room"), "room-1");
    assert_string_equal(str(d, "key"), "fb:to-ben");
    assert_string_equal(str(d, "text"), d1);
    assert_int_equal(json_integer_value(json_object_get(d, "updated_at")), 9000);
    json_decref(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_followup_view),
        cmocka_unit_test(test_followup_messages),
        cmocka_unit_test(test_feedback_view),
        cmocka_unit_test(test_feedback_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
