/* test_store_followup — persistence of follow-ups (src/shell/store_followup.h) on an in-memory
 * store: an idempotent resend (same sender, client id and recipient is stored once), the retention
 * purge of follow-ups and drafts on a fake clock (per session, boundary agreeing with the core's
 * followup_retention_cutoff), receipts (sent -> delivered -> read), withdrawal erasing the text,
 * paging newest first, and deleting an account (follow-ups both ways gone, renamed "(deleted)").
 * The store hands back typed rows (store_followup_row); what a viewer sees of a row is
 * followup_view's, checked here where it depends on the stored data (see also test_views.c). */
#include "unit.h"
#include "store.h"
#include "store_feedback.h"
#include "store_followup.h"
#include "followup_view.h"
#include <stdio.h>
#include <stdlib.h>

#define SEC 1000
#define HOUR (INT64_C(3600) * 1000)
#define DAY (24 * HOUR)
#define ERR_SIZE 512

/* ---- fixture: one store, session s1 {A, B, C} and session s2 {D}, all with default retention ---- */
enum { A, B, C, D, N_PEOPLE };

typedef struct {
    store *st;
    fake_clock clock;
    sc_session s1, s2;
    sc_participant p[N_PEOPLE];
} fixture;

static void mk_hash(unsigned char h[SC_TOKEN_HASH_LEN], unsigned char tag, unsigned n)
{
    for (size_t i = 0; i < SC_TOKEN_HASH_LEN; i++) h[i] = (unsigned char)(tag + i * 13 + n * 101);
    h[0] = tag;
    memcpy(h + 1, &n, sizeof n);
}

static void mk_session(sc_session *s, unsigned n, const char *code, int64_t now)
{
    memset(s, 0, sizeof *s);
    snprintf(s->id, sizeof s->id, "ssssssss-0000-4000-8000-%012u", n);
    snprintf(s->code, sizeof s->code, "%s", code);
    snprintf(s->name, sizeof s->name, "Session %u", n);
    mk_hash(s->facilitator_token_hash, 'F', n);
    s->created_ms = now;
    s->retention_days = SC_DEFAULT_RETENTION_DAYS;
}

static void mk_person(fixture *f, sc_participant *p, sc_session *s, unsigned n, const char *name)
{
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "pppppppp-0000-4000-8000-%012u", n);
    snprintf(p->name, sizeof p->name, "%s", name);
    mk_hash(p->token_hash, 'P', n);
    p->joined_ms = f->clock.now_ms;
    p->session = s;
    assert_int_equal(store_insert_participant(f->st, s->id, p->id, p->name, p->token_hash, p->joined_ms, &p->pid), 0);
    assert_true(p->pid > 0);
}

static int fx_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    char err[ERR_SIZE] = "";
    f->clock = fake_clock_new();
    f->st = store_open(":memory:", err, sizeof err);
    if (!f->st) { print_error("store_open: %s\n", err); free(f); return -1; }
    mk_session(&f->s1, 1, "ABCDEF", f->clock.now_ms);
    mk_session(&f->s2, 2, "GHJKMN", f->clock.now_ms);
    if (store_insert_session(f->st, &f->s1) || store_insert_session(f->st, &f->s2)) { store_close(f->st); free(f); return -1; }
    *state = f;
    mk_person(f, &f->p[A], &f->s1, 1, "Ana");
    mk_person(f, &f->p[B], &f->s1, 2, "Ben");
    mk_person(f, &f->p[C], &f->s1, 3, "Cleo");
    mk_person(f, &f->p[D], &f->s2, 4, "Dev");
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

/* ---- helpers ---- */
static int send(fixture *f, const char *id, int from, int to, const char *client_id, const char *text, int64_t sent_ms)
{
    const sc_participant *pf = &f->p[from];
    return store_insert_followup(f->st, pf->session, id, pf, &f->p[to], NULL, client_id, text, sent_ms);
}

static void send_ok(fixture *f, const char *id, int from, int to, const char *client_id, int64_t sent_ms)
{
    char text[64];
    snprintf(text, sizeof text, "Message %s", id);
    if (send(f, id, from, to, client_id, text, sent_ms) != 0) fail_msg("store_insert_followup %s: %s", id, store_last_error(f->st));
}

static long long scalar(fixture *f, const char *sql, const char *arg)
{
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &q, NULL), SQLITE_OK);
    if (arg) sqlite3_bind_text(q, 1, arg, -1, SQLITE_TRANSIENT);
    long long v = -1;
    if (sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

static int exists(fixture *f, const char *id)
{
    return scalar(f, "SELECT count(*) FROM followups WHERE id = ?", id) == 1;
}

static const char *str_field(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_string(v)) fail_msg("field %s is not a string", key);
    return json_string_value(v);
}

static int found(fixture *f, const char *id)
{
    store_followup_row row;
    int rc = store_followup_get(f->st, NULL, id, &row);
    store_followup_row_free(&row);
    return rc == 0;
}

/* A stored follow-up as `viewer` sees it on the wire. */
static json_t *view_of(fixture *f, const char *id, int viewer)
{
    store_followup_row row;
    if (store_followup_get(f->st, NULL, id, &row) != 0) fail_msg("follow-up %s not found", id);
    json_t *o = view_followup(&row, &f->p[viewer]);
    store_followup_row_free(&row);
    if (!o) fail_msg("follow-up %s: no view", id);
    return o;
}

/* The state of a follow-up in the store, and the status `viewer` sees. */
static void assert_status(fixture *f, const char *id, int viewer, followup_state want)
{
    store_followup_row row;
    if (store_followup_get(f->st, &f->s1, id, &row) != 0) fail_msg("follow-up %s not found", id);
    followup_state got = row.state;
    store_followup_row_free(&row);
    if (got != want) fail_msg("%s: state want %s, got %s", id, followup_state_name(want), followup_state_name(got));
    json_t *o = view_of(f, id, viewer);
    char status[32];
    snprintf(status, sizeof status, "%s", str_field(o, "status"));
    json_decref(o);
    if (strcmp(status, followup_state_name(want))) fail_msg("%s: status want %s, got %s", id, followup_state_name(want), status);
}

/* The rows p's earlier sends with client_id created. */
static store_followup_list by_client_id(fixture *f, int from, const char *client_id)
{
    store_followup_list l;
    assert_int_equal(store_followups_by_client_id(f->st, &f->p[from], client_id, &l), 0);
    return l;
}

static store_followup_list undelivered(fixture *f, int to)
{
    store_followup_list l;
    assert_int_equal(store_followups_undelivered(f->st, &f->p[to], &l), 0);
    return l;
}

/* A page strictly before the millisecond `before` (0: from the newest), the older form of paging. */
static store_followup_list page_of(fixture *f, int who, int64_t before, int limit, int *more)
{
    store_followup_list l;
    store_followup_cursor at = { .sent_ms = before, .id = "" };
    assert_int_equal(store_followup_page(f->st, &f->p[who], before ? &at : NULL, limit, &l), 0);
    *more = l.more;
    return l;
}

/* ---- idempotent resend ---- */
static void test_resend_is_stored_once(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    assert_int_equal(send(f, "f-1", A, B, "cid-1", "Thank you for the pause", now), 0);
    /* the resend after a reconnect: a new row id, same (sender, client_id, recipient) */
    assert_int_not_equal(send(f, "f-2", A, B, "cid-1", "Thank you for the pause", now + SEC), 0);
    assert_false(exists(f, "f-2"));
    assert_false(found(f, "f-2"));
    store_followup_list a = by_client_id(f, A, "cid-1");
    assert_int_equal(a.n, 1);
    const store_followup_row *row = &a.rows[0];
    assert_string_equal(row->id, "f-1");
    assert_string_equal(row->text, "Thank you for the pause");
    assert_string_equal(row->client_id, "cid-1");
    assert_int_equal(row->sent_ms, now);
    assert_int_equal(row->to.pid, f->p[B].pid);
    assert_string_equal(row->to.id, f->p[B].id);
    json_t *o = view_followup(row, &f->p[A]);
    assert_string_equal(str_field(o, "client_id"), "cid-1");         /* the sender sees their client id */
    json_decref(o);
    store_followup_list_free(&a);
    assert_int_equal(scalar(f, "SELECT count(*) FROM followups", NULL), 1);
    /* an unknown client id, and someone else's: nothing */
    a = by_client_id(f, A, "cid-2");
    assert_int_equal(a.n, 0);
    store_followup_list_free(&a);
    a = by_client_id(f, B, "cid-1");
    assert_int_equal(a.n, 0);
    store_followup_list_free(&a);
}

/* A room message is one row per recipient with the same client id; other senders' ids are theirs. */
static void test_client_id_per_recipient_and_sender(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    send_ok(f, "f-1", A, B, "room-msg", now);
    send_ok(f, "f-2", A, C, "room-msg", now);
    assert_int_not_equal(send(f, "f-3", A, C, "room-msg", "again", now), 0);
    send_ok(f, "f-4", B, A, "room-msg", now);                 /* same client id, another sender */
    store_followup_list a = by_client_id(f, A, "room-msg");
    assert_int_equal(a.n, 2);
    assert_string_equal(a.rows[0].id, "f-1");
    assert_string_equal(a.rows[1].id, "f-2");
    store_followup_list_free(&a);
    a = by_client_id(f, B, "room-msg");
    assert_int_equal(a.n, 1);
    assert_string_equal(a.rows[0].id, "f-4");
    store_followup_list_free(&a);
    /* the same row id twice is refused too */
    assert_int_not_equal(send(f, "f-1", C, A, "other", "x", now), 0);
}

/* The row and its view: names, room (null for a direct message), client id only for the sender. */
static void test_row_and_view(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    send_ok(f, "f-1", A, B, "cid-1", now);
    store_followup_row row;
    assert_int_equal(store_followup_get(f->st, &f->s1, "f-1", &row), 0);
    assert_string_equal(row.from.name, "Ana");
    assert_int_equal(row.from.pid, f->p[A].pid);
    assert_string_equal(row.to.name, "Ben");
    assert_string_equal(row.room_id, "");
    assert_int_equal(row.state, FOLLOWUP_SENT);
    assert_int_equal(row.delivered_ms, 0);
    assert_int_equal(row.read_ms, 0);
    assert_int_equal(row.withdrawn_ms, 0);
    store_followup_row_free(&row);
    assert_int_not_equal(store_followup_get(f->st, &f->s2, "f-1", &row), 0);   /* another session's id */
    json_t *o = view_of(f, "f-1", B);
    assert_string_equal(str_field(json_object_get(o, "from"), "name"), "Ana");
    assert_string_equal(str_field(json_object_get(o, "from"), "id"), f->p[A].id);
    assert_string_equal(str_field(json_object_get(o, "to"), "name"), "Ben");
    assert_true(json_is_null(json_object_get(o, "room")));
    assert_null(json_object_get(o, "client_id"));               /* the recipient does not see it */
    assert_string_equal(str_field(o, "status"), "sent");
    assert_true(json_is_false(json_object_get(o, "withdrawn")));
    assert_null(json_object_get(o, "read_at"));
    json_decref(o);
    o = view_of(f, "f-1", A);
    assert_string_equal(str_field(o, "client_id"), "cid-1");
    json_decref(o);
    assert_false(found(f, "no-such-id"));
}

/* ---- retention ---- */
static void test_purge_followups(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    send_ok(f, "old", A, B, "c1", now - 31 * DAY);
    send_ok(f, "mid", B, A, "c2", now - 29 * DAY);
    send_ok(f, "new", A, C, "c3", now - HOUR);
    assert_int_equal(store_purge_expired(f->st, now), 1);
    assert_false(exists(f, "old"));
    assert_true(exists(f, "mid"));
    assert_true(exists(f, "new"));
    assert_int_equal(store_purge_expired(f->st, now), 0);        /* nothing more to do */
    assert_int_equal(store_set_retention(f->st, &f->s1, 1), 0);
    assert_int_equal(scalar(f, "SELECT retention_days FROM sessions WHERE id = ?", f->s1.id), 1);
    assert_int_equal(store_purge_expired(f->st, now), 1);
    assert_false(exists(f, "mid"));
    assert_true(exists(f, "new"));
    /* the clock moves on: a day later the last one goes too */
    fake_clock_advance(&f->clock, DAY);
    assert_int_equal(store_purge_expired(f->st, f->clock.now_ms), 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM followups", NULL), 0);
}

/* Retention is per session: shortening one session's leaves another's messages alone. */
static void test_purge_per_session(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    send_ok(f, "s1-msg", A, B, "c1", now - 2 * DAY);
    assert_int_equal(store_insert_followup(f->st, &f->s2, "s2-msg", &f->p[D], &f->p[D], NULL, "c1", "note", now - 2 * DAY), 0);
    assert_int_equal(store_set_retention(f->st, &f->s1, 1), 0);
    assert_int_equal(store_purge_expired(f->st, now), 1);
    assert_false(exists(f, "s1-msg"));
    assert_true(exists(f, "s2-msg"));
}

/* The boundary: a message sent exactly at the core's cutoff is kept, one ms earlier is purged. */
static void test_purge_boundary_matches_core_cutoff(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    static const int days[] = { 1, 7, 30 };   /* growing: earlier rows stay inside later retentions */
    for (size_t i = 0; i < ARRAY_LEN(days); i++) {
        assert_int_equal(store_set_retention(f->st, &f->s1, days[i]), 0);
        int64_t cutoff = followup_retention_cutoff(days[i], now);
        char at[16], before[16], cid1[16], cid2[16];
        snprintf(at, sizeof at, "at-%d", days[i]);
        snprintf(before, sizeof before, "before-%d", days[i]);
        snprintf(cid1, sizeof cid1, "a%zu", i);
        snprintf(cid2, sizeof cid2, "b%zu", i);
        send_ok(f, at, A, B, cid1, cutoff);
        send_ok(f, before, A, B, cid2, cutoff - 1);
        assert_int_equal(store_purge_expired(f->st, now), 1);
        assert_true(exists(f, at));
        assert_false(exists(f, before));
    }
}

static void test_purge_drafts(void **state)
{
    fixture *f = *state;
    int64_t now = f->clock.now_ms;
    size_t mf = 99;
    assert_int_equal(store_save_draft(f->st, f->p[A].pid, "room-1", "followup:old", "an old draft", 0, now - 31 * DAY, &mf), 0);
    assert_int_equal(mf, 0);
    assert_int_equal(store_save_draft(f->st, f->p[A].pid, "room-1", "followup:mid", "a draft", 2, now - 29 * DAY, &mf), 0);
    assert_int_equal(mf, 2);
    assert_int_equal(store_save_draft(f->st, f->p[B].pid, "room-1", "followup:new", "a new draft", 0, now - HOUR, NULL), 0);
    /* started long ago, saved again recently: its age is the last save */
    assert_int_equal(store_save_draft(f->st, f->p[C].pid, "room-1", "k", "first", 0, now - 40 * DAY, NULL), 0);
    assert_int_equal(store_save_draft(f->st, f->p[C].pid, "room-1", "k", "second", 0, now - 2 * HOUR, NULL), 0);
    /* a draft of a session-2 person, 29 days old */
    assert_int_equal(store_save_draft(f->st, f->p[D].pid, "room-9", "k", "elsewhere", 0, now - 29 * DAY, NULL), 0);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts", NULL), 5);

    assert_int_equal(store_purge_expired(f->st, now), 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts WHERE key = 'followup:old'", NULL), 0);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts", NULL), 4);
    assert_int_equal(store_set_retention(f->st, &f->s1, 1), 0);
    assert_int_equal(store_purge_expired(f->st, now), 1);           /* A's 29-day draft */
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts WHERE key = 'followup:mid'", NULL), 0);
    char pid_a[24];
    snprintf(pid_a, sizeof pid_a, "%lld", (long long)f->p[A].pid);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts WHERE author_pid = ?", pid_a), 0);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts", NULL), 3);
    /* follow-ups and drafts together: the count is their sum */
    send_ok(f, "old", A, B, "c1", now - 3 * DAY);
    assert_int_equal(store_save_draft(f->st, f->p[B].pid, "room-1", "k2", "x", 0, now - 3 * DAY, NULL), 0);
    assert_int_equal(store_purge_expired(f->st, now), 2);
}

/* ---- receipts ---- */
static void test_marks_delivered_then_read(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    send_ok(f, "f-1", A, B, "c1", t0);
    assert_status(f, "f-1", B, FOLLOWUP_SENT);
    assert_int_equal(store_followup_unread(f->st, &f->p[B]), 1);
    store_followup_list u = undelivered(f, B);
    assert_int_equal(u.n, 1);
    store_followup_list_free(&u);

    int64_t t1 = fake_clock_advance(&f->clock, 5 * SEC);
    assert_int_equal(store_followup_mark(f->st, "f-1", FOLLOWUP_DELIVERED, t1), 0);
    assert_status(f, "f-1", B, FOLLOWUP_DELIVERED);
    assert_status(f, "f-1", A, FOLLOWUP_DELIVERED);                    /* the sender sees the same status */
    u = undelivered(f, B);
    assert_int_equal(u.n, 0);
    store_followup_list_free(&u);
    assert_int_equal(store_followup_unread(f->st, &f->p[B]), 1);

    int64_t t2 = fake_clock_advance(&f->clock, 60 * SEC);
    assert_int_equal(store_followup_mark(f->st, "f-1", FOLLOWUP_READ, t2), 0);
    assert_status(f, "f-1", B, FOLLOWUP_READ);
    json_t *o = view_of(f, "f-1", A);
    assert_int_equal(json_integer_value(json_object_get(o, "read_at")), t2);
    json_decref(o);
    /* "sent" is not a mark */
    assert_int_not_equal(store_followup_mark(f->st, "f-1", FOLLOWUP_SENT, t2), 0);
    assert_int_equal(scalar(f, "SELECT delivered_ms FROM followups WHERE id = ?", "f-1"), t1);   /* kept */
    assert_int_equal(store_followup_unread(f->st, &f->p[B]), 0);

    /* marks are first-wins: later marks do not move them */
    assert_int_equal(store_followup_mark(f->st, "f-1", FOLLOWUP_READ, t2 + SEC), 0);
    assert_int_equal(store_followup_mark(f->st, "f-1", FOLLOWUP_DELIVERED, t2 + SEC), 0);
    assert_int_equal(scalar(f, "SELECT read_ms FROM followups WHERE id = ?", "f-1"), t2);
    assert_int_equal(scalar(f, "SELECT delivered_ms FROM followups WHERE id = ?", "f-1"), t1);
    int64_t sent = -1, read = -1;
    assert_int_equal(store_followup_counts(f->st, &f->s1, &sent, &read), 0);
    assert_int_equal(sent, 1);
    assert_int_equal(read, 1);
}

/* Read without a delivery receipt first (opened on another device): delivered is set too. */
static void test_read_sets_delivered(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    send_ok(f, "f-1", A, B, "c1", t0);
    send_ok(f, "f-2", A, B, "c2", t0);
    int64_t t1 = fake_clock_advance(&f->clock, 9 * SEC);
    assert_int_equal(store_followup_mark(f->st, "f-1", FOLLOWUP_READ, t1), 0);
    assert_status(f, "f-1", B, FOLLOWUP_READ);
    assert_int_equal(scalar(f, "SELECT delivered_ms FROM followups WHERE id = ?", "f-1"), t1);
    assert_int_equal(scalar(f, "SELECT read_ms FROM followups WHERE id = ?", "f-1"), t1);
    /* the other message is untouched */
    assert_status(f, "f-2", B, FOLLOWUP_SENT);
    assert_int_equal(scalar(f, "SELECT delivered_ms FROM followups WHERE id = ?", "f-2"), 0);
    store_followup_list u = undelivered(f, B);
    assert_int_equal(u.n, 1);
    assert_string_equal(u.rows[0].id, "f-2");
    store_followup_list_free(&u);
    /* the facilitator's counts: delivered is not read */
    assert_int_equal(store_followup_mark(f->st, "f-2", FOLLOWUP_DELIVERED, t1 + SEC), 0);
    assert_status(f, "f-2", B, FOLLOWUP_DELIVERED);
    int64_t sent = -1, read = -1;
    assert_int_equal(store_followup_counts(f->st, &f->s1, &sent, &read), 0);
    assert_int_equal(sent, 2);
    assert_int_equal(read, 1);
    assert_int_equal(store_followup_counts(f->st, &f->s2, &sent, &read), 0);
    assert_int_equal(sent, 0);
    assert_int_equal(read, 0);
}

/* ---- withdrawal ---- */
static void test_withdraw_erases_text(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    assert_int_equal(send(f, "f-1", A, B, "c1", "Something I regret writing", t0), 0);
    send_ok(f, "f-2", A, B, "c2", t0);
    assert_int_equal(store_followup_unread(f->st, &f->p[B]), 2);
    int64_t t1 = fake_clock_advance(&f->clock, 30 * SEC);
    assert_int_equal(store_followup_withdraw(f->st, "f-1", t1), 0);
    json_t *o = view_of(f, "f-1", B);                           /* the row stays: "message withdrawn" */
    assert_true(json_is_true(json_object_get(o, "withdrawn")));
    assert_string_equal(str_field(o, "text"), "");
    json_decref(o);
    o = view_of(f, "f-1", A);                                   /* the author does not keep it either */
    assert_string_equal(str_field(o, "text"), "");
    json_decref(o);
    /* erased in the store, not only hidden */
    store_followup_row row;
    assert_int_equal(store_followup_get(f->st, &f->s1, "f-1", &row), 0);
    assert_string_equal(row.text, "");
    assert_int_equal(row.withdrawn_ms, t1);
    store_followup_row_free(&row);
    assert_int_equal(scalar(f, "SELECT length(text) FROM followups WHERE id = ?", "f-1"), 0);
    assert_int_equal(scalar(f, "SELECT withdrawn_ms FROM followups WHERE id = ?", "f-1"), t1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM followups WHERE text LIKE '%regret%'", NULL), 0);
    /* a withdrawn message is not unread, nor waiting for delivery */
    assert_int_equal(store_followup_unread(f->st, &f->p[B]), 1);
    store_followup_list u = undelivered(f, B);
    assert_int_equal(u.n, 1);
    assert_string_equal(u.rows[0].id, "f-2");
    store_followup_list_free(&u);
    /* the other message keeps its text */
    o = view_of(f, "f-2", B);
    assert_string_equal(str_field(o, "text"), "Message f-2");
    assert_true(json_is_false(json_object_get(o, "withdrawn")));
    json_decref(o);
    /* the view never shows a withdrawn text, even from a row whose text was not erased */
    assert_int_equal(sqlite3_exec(store_db(f->st), "UPDATE followups SET withdrawn_ms = 1 WHERE id = 'f-2'", NULL, NULL, NULL), SQLITE_OK);
    o = view_of(f, "f-2", B);
    assert_string_equal(str_field(o, "text"), "");
    assert_true(json_is_true(json_object_get(o, "withdrawn")));
    json_decref(o);
}

/* ---- paging ---- */
static void assert_page(store_followup_list *page, const char *const *ids, size_t n)
{
    if (page->n != n) fail_msg("page of %zu, want %zu", page->n, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(page->rows[i].id, ids[i]);
}

static void test_page(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms - HOUR;
    /* five between A and B, both ways, a second apart; one between B and C (not A's) */
    send_ok(f, "m1", A, B, "c1", t0 + 1 * SEC);
    send_ok(f, "m2", B, A, "c2", t0 + 2 * SEC);
    send_ok(f, "m3", A, B, "c3", t0 + 3 * SEC);
    send_ok(f, "x", B, C, "cx", t0 + 3500);
    send_ok(f, "m4", B, A, "c4", t0 + 4 * SEC);
    send_ok(f, "m5", A, B, "c5", t0 + 5 * SEC);

    int more = -1;
    store_followup_list p = page_of(f, A, 0, 2, &more);
    static const char *const first[] = { "m5", "m4" };
    assert_page(&p, first, 2);
    assert_int_equal(more, 1);
    int64_t oldest = p.rows[1].sent_ms;
    assert_int_equal(oldest, t0 + 4 * SEC);
    store_followup_list_free(&p);

    more = -1;
    p = page_of(f, A, oldest, 10, &more);
    static const char *const rest[] = { "m3", "m2", "m1" };
    assert_page(&p, rest, 3);
    assert_int_equal(more, 0);
    store_followup_list_free(&p);

    /* page by page with limit 2 */
    more = -1;
    p = page_of(f, A, oldest, 2, &more);
    static const char *const second[] = { "m3", "m2" };
    assert_page(&p, second, 2);
    assert_int_equal(more, 1);
    store_followup_list_free(&p);
    more = -1;
    p = page_of(f, A, t0 + 2 * SEC, 2, &more);
    static const char *const third[] = { "m1" };
    assert_page(&p, third, 1);
    assert_int_equal(more, 0);
    store_followup_list_free(&p);

    /* exactly a page: no "more" */
    more = -1;
    p = page_of(f, A, 0, 5, &more);
    static const char *const all[] = { "m5", "m4", "m3", "m2", "m1" };
    assert_page(&p, all, 5);
    assert_int_equal(more, 0);
    store_followup_list_free(&p);
    /* B sees the message to C too, Cleo only hers */
    more = -1;
    p = page_of(f, B, 0, 10, &more);
    assert_int_equal(p.n, 6);
    store_followup_list_free(&p);
    p = page_of(f, C, 0, 10, &more);
    static const char *const cleo[] = { "x" };
    assert_page(&p, cleo, 1);
    store_followup_list_free(&p);
    /* before the first message: an empty page */
    more = -1;
    p = page_of(f, A, t0 + 1 * SEC, 10, &more);
    assert_int_equal(p.n, 0);
    assert_int_equal(more, 0);
    store_followup_list_free(&p);
}

/* `before` is exclusive; rows sharing a millisecond (a room message: one row per recipient) are
 * ordered newest row first, and a cursor of that millisecond + 1 brings them all back. */
static void test_page_same_millisecond(void **state)
{
    fixture *f = *state;
    int64_t t = f->clock.now_ms - HOUR;
    send_ok(f, "r-b", A, B, "room", t);
    send_ok(f, "r-c", A, C, "room", t);
    send_ok(f, "later", A, B, "c2", t + SEC);
    int more = -1;
    store_followup_list p = page_of(f, A, 0, 2, &more);
    static const char *const first[] = { "later", "r-c" };
    assert_page(&p, first, 2);
    assert_int_equal(more, 1);
    store_followup_list_free(&p);
    p = page_of(f, A, t, 10, &more);
    assert_int_equal(p.n, 0);
    store_followup_list_free(&p);
    p = page_of(f, A, t + 1, 10, &more);
    static const char *const both[] = { "r-c", "r-b" };
    assert_page(&p, both, 2);
    store_followup_list_free(&p);
}

/* The cursor (sent_ms, id) of the last row of a page: at every page size, paging through rows
 * that share milliseconds returns each row exactly once, newest first. */
static void test_page_cursor_never_skips(void **state)
{
    fixture *f = *state;
    int64_t t = f->clock.now_ms - HOUR;
    /* A message to a room at t (three rows), two more at t, one at t - 1 s, three at t + 1 s */
    static const struct { const char *id; int from, to; int64_t dt; } rows[] = {
        { "r1-b", A, B, 0 }, { "r1-c", A, C, 0 }, { "r1-d", A, B, 0 }, { "s-1", B, A, 0 }, { "s-2", C, A, 0 },
        { "old", A, C, -SEC }, { "n-1", B, A, SEC }, { "n-2", A, B, SEC }, { "n-3", A, C, SEC },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        char cid[16];
        snprintf(cid, sizeof cid, "c%zu", i);
        send_ok(f, rows[i].id, rows[i].from, rows[i].to, cid, t + rows[i].dt);
    }
    const size_t total = ARRAY_LEN(rows);
    for (int limit = 1; limit <= (int)total + 1; limit++) {
        char seen[ARRAY_LEN(rows)][SC_ID_LEN + 1];
        size_t n_seen = 0;
        store_followup_cursor at;
        int first = 1, more = 1, pages = 0;
        while (more) {
            store_followup_list l;
            assert_int_equal(store_followup_page(f->st, &f->p[A], first ? NULL : &at, limit, &l), 0);
            assert_true(l.n <= (size_t)limit);
            for (size_t i = 0; i < l.n; i++) {
                for (size_t k = 0; k < n_seen; k++)
                    if (!strcmp(seen[k], l.rows[i].id)) fail_msg("limit %d: %s repeated", limit, l.rows[i].id);
                if (n_seen >= total) fail_msg("limit %d: more rows than exist", limit);
                snprintf(seen[n_seen++], SC_ID_LEN + 1, "%s", l.rows[i].id);
            }
            more = l.more;
            if (l.n) {
                char text[STORE_FOLLOWUP_CURSOR_MAX + 1];
                store_followup_cursor_format(&l.rows[l.n - 1], text);
                assert_int_equal(store_followup_cursor_parse(text, strlen(text), &at), 0);
                assert_int_equal(at.sent_ms, l.rows[l.n - 1].sent_ms);
                assert_string_equal(at.id, l.rows[l.n - 1].id);
            }
            store_followup_list_free(&l);
            first = 0;
            if (++pages > (int)total + 2) fail_msg("limit %d: paging does not end", limit);
        }
        if (n_seen != total) fail_msg("limit %d: %zu of %zu rows", limit, n_seen, total);
        assert_string_equal(seen[0], "n-3");           /* newest first */
        assert_string_equal(seen[total - 1], "old");
    }
    /* cursors the client did not get from us are refused */
    store_followup_cursor at;
    const char *bad[] = { "", ":", "12", "12:", "x:abc", "-1:abc", "12:abc;drop", "12:a b", "1234567890123456789:a" };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        if (store_followup_cursor_parse(bad[i], strlen(bad[i]), &at) == 0) fail_msg("accepted cursor '%s'", bad[i]);
}

/* ---- deleting an account ---- */
static void test_delete_participant(void **state)
{
    fixture *f = *state;
    int64_t t0 = f->clock.now_ms;
    send_ok(f, "a-to-b", A, B, "c1", t0);
    send_ok(f, "b-to-a", B, A, "c1", t0 + 1);
    send_ok(f, "a-to-c", A, C, "c2", t0 + 2);
    send_ok(f, "c-to-b", C, B, "c1", t0 + 3);
    assert_int_equal(store_save_draft(f->st, f->p[A].pid, "room-1", "k", "a draft of Ana", 0, t0, NULL), 0);
    assert_int_equal(store_save_draft(f->st, f->p[B].pid, "room-1", "k", "a draft of Ben", 0, t0, NULL), 0);

    char chat[200];
    snprintf(chat, sizeof chat, "INSERT INTO room_chat (id, room_id, author_pid, author_id, author_name, text, at_ms)"
             " VALUES ('ch-a', 'room-1', %lld, 'a', 'Ana', 'can you hear me', 1), ('ch-b', 'room-1', %lld, 'b', 'Ben', 'yes', 2)",
             (long long)f->p[A].pid, (long long)f->p[B].pid);
    assert_int_equal(sqlite3_exec(store_db(f->st), chat, NULL, NULL, NULL), SQLITE_OK);

    int64_t t1 = fake_clock_advance(&f->clock, HOUR);
    assert_int_equal(store_delete_participant(f->st, f->p[A].pid, t1), 0);
    assert_int_equal(scalar(f, "SELECT count(*) FROM room_chat WHERE id = 'ch-a'", NULL), 0);   /* their room chat too */
    assert_int_equal(scalar(f, "SELECT count(*) FROM room_chat WHERE id = 'ch-b'", NULL), 1);
    assert_false(exists(f, "a-to-b"));
    assert_false(exists(f, "b-to-a"));
    assert_false(exists(f, "a-to-c"));
    assert_true(exists(f, "c-to-b"));
    char pid[24];
    snprintf(pid, sizeof pid, "%lld", (long long)f->p[A].pid);
    assert_int_equal(scalar(f, "SELECT count(*) FROM followups WHERE sender_pid = ?1 OR recipient_pid = ?1", pid), 0);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts WHERE author_pid = ?", pid), 0);
    assert_int_equal(scalar(f, "SELECT count(*) FROM drafts", NULL), 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM participants WHERE name = '(deleted)'", NULL), 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM participants WHERE id = ? AND name = '(deleted)'", f->p[A].id), 1);
    assert_int_equal(scalar(f, "SELECT deleted_ms FROM participants WHERE id = ?", f->p[A].id), t1);
    assert_int_equal(scalar(f, "SELECT left_ms FROM participants WHERE id = ?", f->p[A].id), t1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM participants WHERE name = 'Ana'", NULL), 0);
    /* B's inbox now holds only Cleo's message */
    int more = -1;
    store_followup_list p = page_of(f, B, 0, 10, &more);
    static const char *const left[] = { "c-to-b" };
    assert_page(&p, left, 1);
    store_followup_list_free(&p);
    assert_int_equal(store_followup_unread(f->st, &f->p[B]), 1);

    /* someone who had left earlier keeps their left time */
    int64_t t_left = t1 + SEC;
    assert_int_equal(store_mark_left(f->st, f->p[C].pid, t_left), 0);
    int64_t t2 = fake_clock_advance(&f->clock, HOUR);
    assert_int_equal(store_delete_participant(f->st, f->p[C].pid, t2), 0);
    assert_int_equal(scalar(f, "SELECT left_ms FROM participants WHERE id = ?", f->p[C].id), t_left);
    assert_int_equal(scalar(f, "SELECT deleted_ms FROM participants WHERE id = ?", f->p[C].id), t2);
    assert_int_equal(scalar(f, "SELECT count(*) FROM followups", NULL), 0);

    /* loaded back, the world knows they are gone: follow-ups to them are refused */
    sc_world w;
    world_init(&w, 0);
    char err[ERR_SIZE] = "";
    if (store_load_world(f->st, &w, err, sizeof err) != 0) { world_free(&w); fail_msg("load: %s", err); }
    sc_session *s = world_find_session_by_id(&w, f->s1.id);
    assert_non_null(s);
    sc_participant *a = world_find_participant(&w, s, f->p[A].id);
    sc_participant *b = world_find_participant(&w, s, f->p[B].id);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a->name, "(deleted)");
    assert_int_equal(a->deleted_ms, t1);
    assert_int_equal(a->left_ms, t1);
    assert_string_equal(b->name, "Ben");
    assert_int_equal(b->deleted_ms, 0);
    /* no rounds in this fixture, so they never shared a room: strangers come first (a stranger
     * must not learn that someone deleted their account); GONE is covered in test_followup.c */
    assert_int_equal(followup_may_write(b, a), FOLLOWUP_ERR_STRANGER);
    world_free(&w);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_resend_is_stored_once),
        T(test_client_id_per_recipient_and_sender),
        T(test_row_and_view),
        T(test_purge_followups),
        T(test_purge_per_session),
        T(test_purge_boundary_matches_core_cutoff),
        T(test_purge_drafts),
        T(test_marks_delivered_then_read),
        T(test_read_sets_delivered),
        T(test_withdraw_erases_text),
        T(test_page),
        T(test_page_same_millisecond),
        T(test_page_cursor_never_skips),
        T(test_delete_participant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
#undef T
}
