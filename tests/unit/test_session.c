/* test_session — the in-memory world: sessions by code and id, participants under the cap,
 * duplicates, tokens of both kinds (and replacing one), isolation between sessions, leaving, presence transitions, and
 * a leak-free world_free (LeakSanitizer checks at exit). */
#include "unit.h"
#include "session.h"
#include <stdio.h>

#define ROW_FAIL(...) do { print_error(__VA_ARGS__); print_error("\n"); bad++; } while (0)

/* A deterministic 36-character id: "<tag>-0000-0000-0000-<n, 12 digits>". */
static const char *mk_id(char buf[SC_ID_LEN + 1], char tag, unsigned n)
{
    snprintf(buf, SC_ID_LEN + 1, "%c%c%c%c%c%c%c%c-0000-4000-8000-%012u", tag, tag, tag, tag, tag, tag, tag, tag, n);
    assert_int_equal(strlen(buf), SC_ID_LEN);
    return buf;
}

/* A token hash that differs for every (tag, n). */
static void mk_hash(unsigned char h[SC_TOKEN_HASH_LEN], unsigned char tag, unsigned n)
{
    for (size_t i = 0; i < SC_TOKEN_HASH_LEN; i++) h[i] = (unsigned char)(tag * 31 + i * 7);
    memcpy(h, &n, sizeof n);
    h[SC_TOKEN_HASH_LEN - 1] = tag;
}

static sc_session *add_session(sc_world *w, unsigned n, const char *code)
{
    char id[SC_ID_LEN + 1];
    unsigned char fh[SC_TOKEN_HASH_LEN];
    mk_hash(fh, 'F', n);
    sc_session *s = NULL;
    assert_int_equal(world_add_session(w, mk_id(id, 's', n), code, "Practice group", fh, FAKE_CLOCK_START_MS, &s), SC_OK);
    assert_non_null(s);
    return s;
}

static sc_status add_person(sc_world *w, sc_session *s, unsigned n, int64_t left_ms, sc_participant **out)
{
    char id[SC_ID_LEN + 1], name[32];
    unsigned char th[SC_TOKEN_HASH_LEN];
    mk_hash(th, 'P', n);
    snprintf(name, sizeof name, "Person %u", n);
    return world_add_participant(w, s, (int64_t)n + 100, mk_id(id, 'p', n), name, th, FAKE_CLOCK_START_MS + n, left_ms, out);
}

/* ---- sessions ---- */
static void test_add_and_find_session(void **state)
{
    sc_world w;
    world_init(&w, 0);
    assert_int_equal(w.max_participants, SC_DEFAULT_MAX_PARTICIPANTS);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_session *b = add_session(&w, 2, "K2M3N4");
    assert_int_equal(w.n_sessions, 2);
    char id[SC_ID_LEN + 1];
    assert_ptr_equal(world_find_session_by_code(&w, "ABCDEF"), a);
    assert_ptr_equal(world_find_session_by_code(&w, "K2M3N4"), b);
    assert_ptr_equal(world_find_session_by_id(&w, mk_id(id, 's', 1)), a);
    assert_ptr_equal(world_find_session_by_id(&w, mk_id(id, 's', 2)), b);
    assert_null(world_find_session_by_code(&w, "ZZZZZZ"));
    assert_null(world_find_session_by_code(&w, "ABCDE"));
    assert_null(world_find_session_by_code(&w, ""));
    assert_null(world_find_session_by_id(&w, mk_id(id, 's', 3)));
    assert_null(world_find_session_by_id(&w, "ABCDEF"));       /* a code is not an id */
    assert_null(world_find_session_by_code(&w, a->id));        /* nor an id a code */
    /* Fields are copied. */
    assert_string_equal(a->id, mk_id(id, 's', 1));
    assert_string_equal(a->code, "ABCDEF");
    assert_string_equal(a->name, "Practice group");
    assert_int_equal(a->created_ms, FAKE_CLOCK_START_MS);
    unsigned char fh[SC_TOKEN_HASH_LEN];
    mk_hash(fh, 'F', 1);
    assert_memory_equal(a->facilitator_token_hash, fh, SC_TOKEN_HASH_LEN);
    assert_int_equal(a->n_people, 0);
    assert_int_equal(a->n_present, 0);
    world_free(&w);
}

/* The longest session name (80 four-byte characters) is kept whole. */
static void test_session_name_max_bytes(void **state)
{
    char name[TEXT_NAME_MAX_BYTES + 1];
    for (size_t i = 0; i < TEXT_SESSION_NAME_MAX_CHARS; i++) memcpy(name + 4 * i, "\xF0\x9F\x98\x80", 4);
    name[TEXT_NAME_MAX_BYTES] = '\0';
    sc_world w;
    world_init(&w, 0);
    char id[SC_ID_LEN + 1];
    unsigned char fh[SC_TOKEN_HASH_LEN];
    mk_hash(fh, 'F', 9);
    sc_session *s = NULL;
    assert_int_equal(world_add_session(&w, mk_id(id, 's', 9), "ABCDEF", name, fh, 1, &s), SC_OK);
    assert_string_equal(s->name, name);
    world_free(&w);
}

static void test_duplicate_session(void **state)
{
    sc_world w;
    world_init(&w, 0);
    add_session(&w, 1, "ABCDEF");
    char id[SC_ID_LEN + 1];
    unsigned char fh1[SC_TOKEN_HASH_LEN], fh2[SC_TOKEN_HASH_LEN];
    mk_hash(fh1, 'F', 1);
    mk_hash(fh2, 'F', 2);
    static const struct { unsigned id_n; const char *code; int same_token; const char *what; } cases[] = {
        { 1, "GHJKMN", 0, "same id" },
        { 2, "ABCDEF", 0, "same code" },
        { 2, "GHJKMN", 1, "same facilitator token" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        sc_session *out = NULL;
        sc_status st = world_add_session(&w, mk_id(id, 's', cases[i].id_n), cases[i].code, "x", cases[i].same_token ? fh1 : fh2, 5, &out);
        if (st != SC_ERR_DUPLICATE) ROW_FAIL("%s: want SC_ERR_DUPLICATE got %d", cases[i].what, st);
        if (out) ROW_FAIL("%s: out set on failure", cases[i].what);
    }
    assert_int_equal(bad, 0);
    assert_int_equal(w.n_sessions, 1);
    /* The refused attempts did not disturb the indexes: the first session is still found everywhere,
     * and the refused code is free for a proper session. */
    sc_session *s1 = world_find_session_by_code(&w, "ABCDEF");
    assert_non_null(s1);
    assert_ptr_equal(world_find_session_by_id(&w, mk_id(id, 's', 1)), s1);
    assert_null(world_find_session_by_code(&w, "GHJKMN"));
    sc_session *fs = NULL;
    assert_int_equal(world_find_by_token(&w, fh1, &fs, NULL), TOKEN_FACILITATOR);
    assert_ptr_equal(fs, s1);
    assert_int_equal(world_find_by_token(&w, fh2, NULL, NULL), TOKEN_NONE);
    sc_session *s2 = add_session(&w, 2, "GHJKMN");
    assert_ptr_equal(world_find_session_by_code(&w, "GHJKMN"), s2);
    world_free(&w);
}

/* ---- tokens ---- */
static void test_find_by_token(void **state)
{
    sc_world w;
    world_init(&w, 0);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_session *b = add_session(&w, 2, "GHJKMN");
    sc_participant *pa = NULL, *pb = NULL;
    assert_int_equal(add_person(&w, a, 1, 0, &pa), SC_OK);
    assert_int_equal(add_person(&w, b, 2, 0, &pb), SC_OK);

    unsigned char h[SC_TOKEN_HASH_LEN];
    sc_session *s = NULL;
    sc_participant *p = (sc_participant *)&w;   /* poisoned: must be overwritten */

    mk_hash(h, 'F', 2);
    assert_int_equal(world_find_by_token(&w, h, &s, &p), TOKEN_FACILITATOR);
    assert_ptr_equal(s, b);
    assert_null(p);

    mk_hash(h, 'P', 1);
    s = NULL; p = NULL;
    assert_int_equal(world_find_by_token(&w, h, &s, &p), TOKEN_PARTICIPANT);
    assert_ptr_equal(s, a);
    assert_ptr_equal(p, pa);

    mk_hash(h, 'P', 2);
    assert_int_equal(world_find_by_token(&w, h, &s, &p), TOKEN_PARTICIPANT);
    assert_ptr_equal(s, b);
    assert_ptr_equal(p, pb);
    assert_int_equal(world_find_by_token(&w, h, NULL, NULL), TOKEN_PARTICIPANT);   /* out params optional */

    /* Unknown tokens, and a known one with a single bit flipped. */
    mk_hash(h, 'P', 3);
    assert_int_equal(world_find_by_token(&w, h, &s, &p), TOKEN_NONE);
    mk_hash(h, 'F', 1);
    h[SC_TOKEN_HASH_LEN - 2] ^= 1;
    assert_int_equal(world_find_by_token(&w, h, &s, &p), TOKEN_NONE);
    memset(h, 0, sizeof h);
    assert_int_equal(world_find_by_token(&w, h, &s, &p), TOKEN_NONE);
    world_free(&w);
}

/* ---- participants ---- */
static void test_add_participant_fields(void **state)
{
    sc_world w;
    world_init(&w, 0);
    sc_session *s = add_session(&w, 1, "ABCDEF");
    sc_participant *p[3];
    for (unsigned i = 0; i < 3; i++) assert_int_equal(add_person(&w, s, i, 0, &p[i]), SC_OK);
    assert_int_equal(s->n_people, 3);
    assert_int_equal(s->n_present, 3);
    char id[SC_ID_LEN + 1];
    unsigned char h[SC_TOKEN_HASH_LEN];
    for (unsigned i = 0; i < 3; i++) {
        assert_ptr_equal(s->people[i], p[i]);
        assert_int_equal(p[i]->index, i);
        assert_ptr_equal(p[i]->session, s);
        assert_int_equal(p[i]->pid, i + 100);
        assert_string_equal(p[i]->id, mk_id(id, 'p', i));
        char name[32];
        snprintf(name, sizeof name, "Person %u", i);
        assert_string_equal(p[i]->name, name);
        mk_hash(h, 'P', i);
        assert_memory_equal(p[i]->token_hash, h, SC_TOKEN_HASH_LEN);
        assert_int_equal(p[i]->joined_ms, FAKE_CLOCK_START_MS + i);
        assert_int_equal(p[i]->left_ms, 0);
        assert_int_equal(p[i]->online, 0);
        assert_null(p[i]->room);
        assert_ptr_equal(world_find_participant(&w, s, p[i]->id), p[i]);
    }
    assert_null(world_find_participant(&w, s, mk_id(id, 'p', 3)));
    assert_null(world_find_participant(&w, s, ""));
    world_free(&w);
}

/* Someone in session A is invisible when looked up through session B. */
static void test_participants_are_scoped_to_their_session(void **state)
{
    sc_world w;
    world_init(&w, 0);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_session *b = add_session(&w, 2, "GHJKMN");
    sc_participant *pa = NULL, *pb = NULL;
    assert_int_equal(add_person(&w, a, 1, 0, &pa), SC_OK);
    assert_int_equal(add_person(&w, b, 2, 0, &pb), SC_OK);
    assert_ptr_equal(world_find_participant(&w, a, pa->id), pa);
    assert_ptr_equal(world_find_participant(&w, b, pb->id), pb);
    assert_null(world_find_participant(&w, b, pa->id));
    assert_null(world_find_participant(&w, a, pb->id));
    assert_int_equal(a->n_people, 1);
    assert_int_equal(b->n_people, 1);
    world_free(&w);
}

static void test_duplicate_participant(void **state)
{
    sc_world w;
    world_init(&w, 0);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_session *b = add_session(&w, 2, "GHJKMN");
    sc_participant *p1 = NULL;
    assert_int_equal(add_person(&w, a, 1, 0, &p1), SC_OK);
    char id[SC_ID_LEN + 1];
    unsigned char h_p1[SC_TOKEN_HASH_LEN], h_fa[SC_TOKEN_HASH_LEN], h_new[SC_TOKEN_HASH_LEN];
    mk_hash(h_p1, 'P', 1);
    mk_hash(h_fa, 'F', 1);
    mk_hash(h_new, 'P', 50);
    static const struct { int sess_b; unsigned id_n; int token; const char *what; } cases[] = {
        { 0, 1, 2, "same id, same session" },
        { 1, 1, 2, "same id, other session" },
        { 0, 9, 0, "same token as a participant" },
        { 1, 9, 0, "same token as a participant of another session" },
        { 0, 9, 1, "same token as a facilitator" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const unsigned char *h = cases[i].token == 0 ? h_p1 : cases[i].token == 1 ? h_fa : h_new;
        sc_participant *out = NULL;
        sc_status st = world_add_participant(&w, cases[i].sess_b ? b : a, 7, mk_id(id, 'p', cases[i].id_n), "Dup", h, 1, 0, &out);
        if (st != SC_ERR_DUPLICATE) ROW_FAIL("%s: want SC_ERR_DUPLICATE got %d", cases[i].what, st);
        if (out) ROW_FAIL("%s: out set on failure", cases[i].what);
    }
    assert_int_equal(bad, 0);
    assert_int_equal(a->n_people, 1);
    assert_int_equal(a->n_present, 1);
    assert_int_equal(b->n_people, 0);
    assert_int_equal(b->n_present, 0);
    /* The original is untouched. */
    sc_participant *p = NULL;
    assert_int_equal(world_find_by_token(&w, h_p1, NULL, &p), TOKEN_PARTICIPANT);
    assert_ptr_equal(p, p1);
    assert_string_equal(p1->name, "Person 1");
    world_free(&w);
}

/* The cap counts people present in one session; leaving frees a place; other sessions have their own. */
static void test_cap(void **state)
{
    sc_world w;
    world_init(&w, 3);
    assert_int_equal(w.max_participants, 3);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_session *b = add_session(&w, 2, "GHJKMN");
    sc_participant *p[3];
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(world_can_join(&w, a), SC_OK);
        assert_int_equal(add_person(&w, a, i, 0, &p[i]), SC_OK);
    }
    assert_int_equal(world_can_join(&w, a), SC_ERR_FULL);
    sc_participant *out = NULL;
    assert_int_equal(add_person(&w, a, 3, 0, &out), SC_ERR_FULL);
    assert_null(out);
    assert_int_equal(a->n_people, 3);
    /* The full session's id and token were not taken by the refused join. */
    char id[SC_ID_LEN + 1];
    assert_null(world_find_participant(&w, a, mk_id(id, 'p', 3)));
    /* Another session is not affected. */
    assert_int_equal(world_can_join(&w, b), SC_OK);
    assert_int_equal(add_person(&w, b, 10, 0, NULL), SC_OK);
    /* Someone leaves: one place is free again, and only one. */
    world_mark_left(&w, p[1], FAKE_CLOCK_START_MS + 1000);
    assert_int_equal(a->n_present, 2);
    assert_int_equal(world_can_join(&w, a), SC_OK);
    assert_int_equal(add_person(&w, a, 3, 0, &out), SC_OK);
    assert_int_equal(add_person(&w, a, 4, 0, NULL), SC_ERR_FULL);
    assert_int_equal(a->n_present, 3);
    assert_int_equal(a->n_people, 4);   /* people keeps those who left */
    world_free(&w);
}

/* Restoring someone who already left (left_ms != 0) is not a join: the cap does not apply, they do
 * not count as present, and their token does not sign in. */
static void test_restore_left_participant(void **state)
{
    sc_world w;
    world_init(&w, 1);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    assert_int_equal(add_person(&w, a, 1, 0, NULL), SC_OK);
    sc_participant *gone = NULL;
    assert_int_equal(add_person(&w, a, 2, FAKE_CLOCK_START_MS + 50, &gone), SC_OK);
    assert_int_equal(a->n_present, 1);
    assert_int_equal(a->n_people, 2);
    assert_int_equal(gone->left_ms, FAKE_CLOCK_START_MS + 50);
    unsigned char h[SC_TOKEN_HASH_LEN];
    mk_hash(h, 'P', 2);
    assert_int_equal(world_find_by_token(&w, h, NULL, NULL), TOKEN_NONE);
    assert_ptr_equal(world_find_participant(&w, a, gone->id), gone);
    world_free(&w);
}

static void test_mark_left(void **state)
{
    sc_world w;
    world_init(&w, 0);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_participant *p = NULL, *q = NULL;
    assert_int_equal(add_person(&w, a, 1, 0, &p), SC_OK);
    assert_int_equal(add_person(&w, a, 2, 0, &q), SC_OK);
    unsigned char hp[SC_TOKEN_HASH_LEN], hq[SC_TOKEN_HASH_LEN];
    mk_hash(hp, 'P', 1);
    mk_hash(hq, 'P', 2);
    assert_int_equal(world_find_by_token(&w, hp, NULL, NULL), TOKEN_PARTICIPANT);
    fake_clock c = fake_clock_new();
    fake_clock_advance(&c, 60000);
    world_mark_left(&w, p, c.now_ms);
    assert_int_equal(p->left_ms, c.now_ms);
    assert_int_equal(a->n_present, 1);
    sc_session *s = (sc_session *)&w;
    sc_participant *pp = (sc_participant *)&w;
    assert_int_equal(world_find_by_token(&w, hp, &s, &pp), TOKEN_NONE);
    assert_int_equal(world_find_by_token(&w, hq, NULL, NULL), TOKEN_PARTICIPANT);
    /* Leaving twice changes nothing. */
    fake_clock_advance(&c, 1000);
    world_mark_left(&w, p, c.now_ms);
    assert_int_equal(p->left_ms, c.now_ms - 1000);
    assert_int_equal(a->n_present, 1);
    /* The facilitator token is unaffected. */
    unsigned char hf[SC_TOKEN_HASH_LEN];
    mk_hash(hf, 'F', 1);
    assert_int_equal(world_find_by_token(&w, hf, NULL, NULL), TOKEN_FACILITATOR);
    world_free(&w);
}

/* revoke_link: a new token works at once and the old one stops; a taken token or a person who left
 * is refused and changes nothing. */
static void test_replace_token(void **state)
{
    sc_world w;
    world_init(&w, 0);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_participant *p = NULL, *q = NULL, *gone = NULL;
    assert_int_equal(add_person(&w, a, 1, 0, &p), SC_OK);
    assert_int_equal(add_person(&w, a, 2, 0, &q), SC_OK);
    assert_int_equal(add_person(&w, a, 3, 0, &gone), SC_OK);
    unsigned char old_h[SC_TOKEN_HASH_LEN], new_h[SC_TOKEN_HASH_LEN], q_h[SC_TOKEN_HASH_LEN], fac_h[SC_TOKEN_HASH_LEN];
    mk_hash(old_h, 'P', 1);
    mk_hash(new_h, 'N', 1);
    mk_hash(q_h, 'P', 2);
    mk_hash(fac_h, 'F', 1);

    assert_int_equal(world_replace_token(&w, p, new_h), SC_OK);
    assert_memory_equal(p->token_hash, new_h, SC_TOKEN_HASH_LEN);
    sc_participant *found = NULL;
    sc_session *fs = NULL;
    assert_int_equal(world_find_by_token(&w, new_h, &fs, &found), TOKEN_PARTICIPANT);
    assert_ptr_equal(found, p);
    assert_ptr_equal(fs, a);
    assert_int_equal(world_find_by_token(&w, old_h, NULL, NULL), TOKEN_NONE);

    /* Someone else's token, or the facilitator's: refused, both still work. */
    unsigned char before[SC_TOKEN_HASH_LEN];
    memcpy(before, p->token_hash, sizeof before);
    assert_int_equal(world_replace_token(&w, p, q_h), SC_ERR_DUPLICATE);
    assert_int_equal(world_replace_token(&w, p, fac_h), SC_ERR_DUPLICATE);
    assert_memory_equal(p->token_hash, before, SC_TOKEN_HASH_LEN);
    assert_int_equal(world_find_by_token(&w, new_h, NULL, &found), TOKEN_PARTICIPANT);
    assert_ptr_equal(found, p);
    assert_int_equal(world_find_by_token(&w, q_h, NULL, &found), TOKEN_PARTICIPANT);
    assert_ptr_equal(found, q);
    assert_int_equal(world_find_by_token(&w, fac_h, NULL, NULL), TOKEN_FACILITATOR);

    /* A person who left has no token to replace. */
    world_mark_left(&w, gone, FAKE_CLOCK_START_MS + 5);
    unsigned char g_new[SC_TOKEN_HASH_LEN];
    mk_hash(g_new, 'N', 3);
    assert_int_equal(world_replace_token(&w, gone, g_new), SC_ERR_LEFT);
    assert_int_equal(world_find_by_token(&w, g_new, NULL, NULL), TOKEN_NONE);

    /* The old token can be replaced again (twice in a row), and everything frees cleanly. */
    unsigned char newer[SC_TOKEN_HASH_LEN];
    mk_hash(newer, 'M', 1);
    assert_int_equal(world_replace_token(&w, p, newer), SC_OK);
    assert_int_equal(world_find_by_token(&w, new_h, NULL, NULL), TOKEN_NONE);
    assert_int_equal(world_find_by_token(&w, newer, NULL, &found), TOKEN_PARTICIPANT);
    assert_ptr_equal(found, p);
    world_free(&w);
}

/* ---- presence ---- */
static void test_presence_transitions(void **state)
{
    /* op: +1 online, -1 offline; want: the return value; count: online after the call. */
    static const struct { int op; int want; unsigned count; } steps[] = {
        { -1, 0, 0 },   /* offline while offline: nothing, no underflow */
        { +1, 1, 1 },   /* first connection: roster changes */
        { +1, 0, 2 },   /* second tab */
        { +1, 0, 3 },
        { -1, 0, 2 },
        { -1, 0, 1 },
        { -1, 1, 0 },   /* last connection closed: roster changes */
        { -1, 0, 0 },
        { +1, 1, 1 },   /* back online */
        { -1, 1, 0 },
    };
    sc_world w;
    world_init(&w, 0);
    sc_session *a = add_session(&w, 1, "ABCDEF");
    sc_participant *p = NULL;
    assert_int_equal(add_person(&w, a, 1, 0, &p), SC_OK);
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        int got = steps[i].op > 0 ? world_participant_online(p) : world_participant_offline(p);
        if (got != steps[i].want || p->online != steps[i].count)
            ROW_FAIL("step %zu: want %d (online %u), got %d (online %u)", i, steps[i].want, steps[i].count, got, p->online);
    }
    assert_int_equal(bad, 0);
    world_free(&w);
}

/* Many sessions and people, some gone, freed with no leak and no double free (ASan watches). */
static void test_world_free_big(void **state)
{
    sc_world w;
    world_init(&w, 0);
    char code[JOINCODE_LEN + 1];
    unsigned n = 0;
    for (unsigned si = 0; si < 40; si++) {
        snprintf(code, sizeof code, "A%05u", si);
        sc_session *s = add_session(&w, si, code);
        for (unsigned k = 0; k < 60; k++, n++) {
            sc_participant *p = NULL;
            assert_int_equal(add_person(&w, s, n, k % 10 == 9 ? FAKE_CLOCK_START_MS : 0, &p), SC_OK);
            if (k % 7 == 3) world_mark_left(&w, p, FAKE_CLOCK_START_MS + k);
            if (k % 5 == 0) world_participant_online(p);
        }
    }
    assert_int_equal(w.n_sessions, 40);
    unsigned char h[SC_TOKEN_HASH_LEN];
    mk_hash(h, 'P', 60 * 39 + 1);
    sc_participant *p = NULL;
    assert_int_equal(world_find_by_token(&w, h, NULL, &p), TOKEN_PARTICIPANT);
    assert_ptr_equal(p->session, w.sessions[39]);
    world_free(&w);
    /* An empty world frees too. */
    world_init(&w, 5);
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_find_session),
        cmocka_unit_test(test_session_name_max_bytes),
        cmocka_unit_test(test_duplicate_session),
        cmocka_unit_test(test_find_by_token),
        cmocka_unit_test(test_add_participant_fields),
        cmocka_unit_test(test_participants_are_scoped_to_their_session),
        cmocka_unit_test(test_duplicate_participant),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_restore_left_participant),
        cmocka_unit_test(test_mark_left),
        cmocka_unit_test(test_replace_token),
        cmocka_unit_test(test_presence_transitions),
        cmocka_unit_test(test_world_free_big),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
