/* test_store_feedback — reading feedback and drafts back from the store (src/shell/store_feedback.h)
 * as typed rows, on an in-memory store: one message by id (only in its session), a replacement
 * keeping the first text as the original, the "softened" mark, everything a person sent and
 * received in a room oldest first, and drafts that still hold text, newest first and bounded. */
#include "unit.h"
#include "store.h"
#include "store_feedback.h"
#include <stdio.h>
#include <stdlib.h>

#define SEC 1000
#define ERR_SIZE 512

enum { A, B, N_PEOPLE };

typedef struct {
    store *st;
    fake_clock clock;
    sc_session s1, s2;
    sc_participant p[N_PEOPLE];
    sc_room room, other_room;
} fixture;

static void mk_session(sc_session *s, unsigned n, const char *code, int64_t now)
{
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "ssssssss-0000-4000-8000-%012u", n);
    snprintf(s->code, sizeof s->code, "%s", code);
    snprintf(s->name, sizeof s->name, "Session %u", n);
    memset(s->facilitator_token_hash, (int)(0xF0 + n), sizeof s->facilitator_token_hash);
    s->created_ms = now;
    s->retention_days = SC_DEFAULT_RETENTION_DAYS;
}

static void mk_person(fixture *f, sc_participant *p, unsigned n, const char *name)
{
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "pppppppp-0000-4000-8000-%012u", n);
    snprintf(p->name, sizeof p->name, "%s", name);
    memset(p->token_hash, (int)n, sizeof p->token_hash);
    p->session = &f->s1;
    assert_int_equal(store_insert_participant(f->st, f->s1.id, p->id, p->name, p->token_hash, f->clock.now_ms, &p->pid), 0);
}

static int fx_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    char err[ERR_SIZE] = "";
    f->clock = fake_clock_new();
    f->st = store_open(":memory:", err, sizeof err);
    if (!f->st) { print_error("store_open: %s\n", err); free(f); return -1; }
    *state = f;
    /* rooms and rounds are not what this file tests: no need for their rows */
    assert_int_equal(sqlite3_exec(store_db(f->st), "PRAGMA foreign_keys=OFF", NULL, NULL, NULL), SQLITE_OK);
    mk_session(&f->s1, 1, "ABCDEF", f->clock.now_ms);
    mk_session(&f->s2, 2, "GHJKMN", f->clock.now_ms);
    assert_int_equal(store_insert_session(f->st, &f->s1), 0);
    assert_int_equal(store_insert_session(f->st, &f->s2), 0);
    mk_person(f, &f->p[A], 1, "Ana");
    mk_person(f, &f->p[B], 2, "Ben");
    snprintf(f->room.id, sizeof f->room.id, "rrrrrrrr-0000-4000-8000-000000000001");
    snprintf(f->other_room.id, sizeof f->other_room.id, "rrrrrrrr-0000-4000-8000-000000000002");
    return 0;
}

static int fx_teardown(void **state)
{
    fixture *f = *state;
    if (f) {
        store_close(f->st);
        free(f);
    }
    return 0;
}

static void send(fixture *f, const char *id, int from, int to, feedback_kind kind, const char *text, const char *amends, int64_t at)
{
    store_feedback_new row = { .room = &f->room, .turn = 2, .author = &f->p[from], .recipient = &f->p[to], .kind = kind,
                               .text = text, .flags = 1, .amends = amends, .sent_ms = at };
    snprintf(row.id, sizeof row.id, "%s", id);
    if (store_insert_feedback(f->st, &f->s1, &row) != 0) fail_msg("insert %s: %s", id, store_last_error(f->st));
}

static void test_get_one(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    send(f, "fb-1", A, B, FEEDBACK_KIND_OBSERVER, "You rushed the ending", NULL, t0);
    store_feedback_row row;
    assert_int_equal(store_feedback_get(f->st, &f->s1, "fb-1", &row), 0);
    assert_string_equal(row.id, "fb-1");
    assert_string_equal(row.room_id, f->room.id);
    assert_string_equal(row.amends, "");
    assert_int_equal(row.turn, 2);
    assert_int_equal(row.kind, FEEDBACK_KIND_OBSERVER);
    assert_string_equal(row.text, "You rushed the ending");
    assert_null(row.original_text);
    assert_int_equal(row.from.pid, f->p[A].pid);
    assert_string_equal(row.from.id, f->p[A].id);
    assert_string_equal(row.from.name, "Ana");
    assert_int_equal(row.to.pid, f->p[B].pid);
    assert_string_equal(row.to.name, "Ben");
    assert_false(row.softened);
    assert_int_equal(row.sent_ms, t0);
    assert_int_equal(row.revised_ms, 0);
    store_feedback_row_free(&row);
    /* only in its own session, and only if it exists */
    assert_int_not_equal(store_feedback_get(f->st, &f->s2, "fb-1", &row), 0);
    assert_int_not_equal(store_feedback_get(f->st, &f->s1, "no-such-id", &row), 0);
    store_feedback_row_free(&row);   /* harmless after a miss */
}

static void test_replace_keeps_original_and_softened(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    send(f, "fb-1", A, B, FEEDBACK_KIND_FEEDBACK, "first", NULL, t0);
    int64_t t1 = fake_clock_advance(&f->clock, 10 * SEC);
    assert_int_equal(store_replace_feedback(f->st, "fb-1", "second", 0, t1), 0);
    assert_int_equal(store_replace_feedback(f->st, "fb-1", "third", 0, t1 + SEC), 0);
    assert_int_equal(store_mark_softened(f->st, "fb-1"), 0);
    store_feedback_row row;
    assert_int_equal(store_feedback_get(f->st, &f->s1, "fb-1", &row), 0);
    assert_string_equal(row.text, "third");
    assert_non_null(row.original_text);
    assert_string_equal(row.original_text, "first");   /* the first text, not the one before */
    assert_int_equal(row.revised_ms, t1 + SEC);
    assert_true(row.softened);
    store_feedback_row_free(&row);
}

static void test_in_room_oldest_first(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    send(f, "fb-1", A, B, FEEDBACK_KIND_FEEDBACK, "to Ben", NULL, t0);
    send(f, "fb-2", B, A, FEEDBACK_KIND_FEEDBACK, "to Ana", NULL, t0 + 1);
    send(f, "fb-3", A, A, FEEDBACK_KIND_SELF, "to myself", NULL, t0 + 2);
    send(f, "fb-4", A, B, FEEDBACK_KIND_AMENDMENT, "what I meant", "fb-1", t0 + 3);
    store_feedback_list l;
    assert_int_equal(store_feedback_in_room(f->st, &f->room, &f->p[A], &l), 0);
    assert_int_equal(l.n, 4);
    static const char *const all[] = { "fb-1", "fb-2", "fb-3", "fb-4" };
    for (size_t i = 0; i < l.n; i++) assert_string_equal(l.rows[i].id, all[i]);
    assert_int_equal(l.rows[3].kind, FEEDBACK_KIND_AMENDMENT);
    assert_string_equal(l.rows[3].amends, "fb-1");
    store_feedback_list_free(&l);
    assert_int_equal(store_feedback_in_room(f->st, &f->room, &f->p[B], &l), 0);
    static const char *const bens[] = { "fb-1", "fb-2", "fb-4" };   /* not Ana's self-reflection */
    assert_int_equal(l.n, 3);
    for (size_t i = 0; i < l.n; i++) assert_string_equal(l.rows[i].id, bens[i]);
    store_feedback_list_free(&l);
    assert_int_equal(store_feedback_in_room(f->st, &f->other_room, &f->p[A], &l), 0);
    assert_int_equal(l.n, 0);
    store_feedback_list_free(&l);
}

static void test_drafts_newest_first_bounded(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    assert_int_equal(store_save_draft(f->st, f->p[A].pid, f->room.id, "fb:old", "an old draft", 0, t0, NULL), 0);
    assert_int_equal(store_save_draft(f->st, f->p[A].pid, f->room.id, "fb:empty", "", 0, t0 + 2 * SEC, NULL), 0);
    assert_int_equal(store_save_draft(f->st, f->p[A].pid, f->room.id, "fb:new", "a new draft", 0, t0 + SEC, NULL), 0);
    assert_int_equal(store_save_draft(f->st, f->p[B].pid, f->room.id, "fb:ben", "Ben's", 0, t0, NULL), 0);
    store_draft_list l;
    assert_int_equal(store_drafts_of(f->st, &f->p[A], &l), 0);
    assert_int_equal(l.n, 2);                         /* an emptied draft is not listed */
    assert_string_equal(l.rows[0].key, "fb:new");
    assert_string_equal(l.rows[0].text, "a new draft");
    assert_string_equal(l.rows[0].room_id, f->room.id);
    assert_int_equal(l.rows[0].updated_ms, t0 + SEC);
    assert_string_equal(l.rows[1].key, "fb:old");
    store_draft_list_free(&l);
    for (int i = 0; i < STORE_DRAFTS_MAX + 5; i++) {
        char key[32];
        snprintf(key, sizeof key, "k%d", i);
        assert_int_equal(store_save_draft(f->st, f->p[B].pid, f->room.id, key, "text", 0, t0 + i, NULL), 0);
    }
    assert_int_equal(store_drafts_of(f->st, &f->p[B], &l), 0);
    assert_int_equal(l.n, STORE_DRAFTS_MAX);
    char newest[32];
    snprintf(newest, sizeof newest, "k%d", STORE_DRAFTS_MAX + 4);
    assert_string_equal(l.rows[0].key, newest);
    store_draft_list_free(&l);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_get_one),
        T(test_replace_keeps_original_and_softened),
        T(test_in_room_oldest_first),
        T(test_drafts_newest_first_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
#undef T
}
