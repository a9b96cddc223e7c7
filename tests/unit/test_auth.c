/* test_auth — the full actor x action table, out-of-range actions, and the constant-time secret
 * comparison. */
#include "unit.h"
#include "auth.h"

#define ROW_FAIL(...) do { print_error(__VA_ARGS__); print_error("\n"); bad++; } while (0)

static const char *const actor_names[] = { "none", "facilitator", "participant" };
static const char *const action_names[ACTION_COUNT] = {
    "ping", "create_session", "join", "hello", "leave", "help", "feedback", "followup", "call", "facilitate",
};

/* Expected[action][actor]: written out in full, so a change to any cell fails here. */
static const auth_result expected[ACTION_COUNT][3] = {
    /*                         NONE                FACILITATOR             PARTICIPANT */
    [ACTION_PING]           = { AUTH_OK,           AUTH_OK,                AUTH_OK },
    [ACTION_CREATE_SESSION] = { AUTH_OK,           AUTH_ALREADY_SIGNED_IN, AUTH_ALREADY_SIGNED_IN },
    [ACTION_JOIN]           = { AUTH_OK,           AUTH_ALREADY_SIGNED_IN, AUTH_ALREADY_SIGNED_IN },
    [ACTION_HELLO]          = { AUTH_OK,           AUTH_ALREADY_SIGNED_IN, AUTH_ALREADY_SIGNED_IN },
    [ACTION_LEAVE]          = { AUTH_UNAUTHORIZED, AUTH_FORBIDDEN,         AUTH_OK },
    [ACTION_HELP]           = { AUTH_UNAUTHORIZED, AUTH_FORBIDDEN,         AUTH_OK },
    [ACTION_FEEDBACK]       = { AUTH_UNAUTHORIZED, AUTH_FORBIDDEN,         AUTH_OK },
    [ACTION_FOLLOWUP]       = { AUTH_UNAUTHORIZED, AUTH_FORBIDDEN,         AUTH_OK },
    [ACTION_CALL]           = { AUTH_UNAUTHORIZED, AUTH_OK,                AUTH_OK },
    [ACTION_FACILITATE]     = { AUTH_UNAUTHORIZED, AUTH_OK,                AUTH_FORBIDDEN },
};

static void test_every_actor_and_action(void **state)
{
    static const auth_actor actors[] = { ACTOR_NONE, ACTOR_FACILITATOR, ACTOR_PARTICIPANT };
    int bad = 0;
    size_t checked = 0;
    for (int a = 0; a < ACTION_COUNT; a++)
        for (size_t k = 0; k < ARRAY_LEN(actors); k++) {
            auth_result got = auth_check(actors[k], (auth_action)a);
            checked++;
            if (got != expected[a][actors[k]])
                ROW_FAIL("%s may %s: want %d got %d", actor_names[actors[k]], action_names[a], expected[a][actors[k]], got);
        }
    assert_int_equal(checked, 30);   /* 10 actions x 3 actors */
    assert_int_equal(bad, 0);
}

/* The anonymous-only actions are the only way in; everything else needs a signed-in actor. */
static void test_anonymous_can_only_sign_in_or_ping(void **state)
{
    for (int a = 0; a < ACTION_COUNT; a++) {
        auth_result r = auth_check(ACTOR_NONE, (auth_action)a);
        int entry = a == ACTION_PING || a == ACTION_CREATE_SESSION || a == ACTION_JOIN || a == ACTION_HELLO;
        assert_int_equal(r, entry ? AUTH_OK : AUTH_UNAUTHORIZED);
    }
}

static void test_out_of_range_action_is_refused(void **state)
{
    static const auth_actor actors[] = { ACTOR_NONE, ACTOR_FACILITATOR, ACTOR_PARTICIPANT };
    for (size_t k = 0; k < ARRAY_LEN(actors); k++) {
        assert_int_not_equal(auth_check(actors[k], ACTION_COUNT), AUTH_OK);
        assert_int_not_equal(auth_check(actors[k], (auth_action)(ACTION_COUNT + 7)), AUTH_OK);
        assert_int_not_equal(auth_check(actors[k], (auth_action)-1), AUTH_OK);
    }
    /* An actor kind that does not exist may do nothing, not even ping. */
    for (int a = 0; a < ACTION_COUNT; a++) assert_int_not_equal(auth_check((auth_actor)3, (auth_action)a), AUTH_OK);
}

static void test_equal_secret(void **state)
{
    unsigned char a[32], b[32];
    for (size_t i = 0; i < sizeof a; i++) a[i] = b[i] = (unsigned char)(i * 37 + 11);
    assert_true(auth_equal_secret(a, b, sizeof a));
    assert_true(auth_equal_secret(a, a, sizeof a));
    assert_true(auth_equal_secret(a, b, 0));          /* nothing to compare: equal */
    /* One differing bit anywhere, including the first and the last byte, makes them differ. */
    for (size_t i = 0; i < sizeof a; i++)
        for (int bit = 0; bit < 8; bit++) {
            memcpy(b, a, sizeof a);
            b[i] ^= (unsigned char)(1u << bit);
            if (auth_equal_secret(a, b, sizeof a)) fail_msg("byte %zu bit %d difference not seen", i, bit);
            assert_true(auth_equal_secret(a, b, i));  /* the prefix before the difference still matches */
        }
    /* Only `len` bytes are compared. */
    memcpy(b, a, sizeof a);
    b[31] = (unsigned char)~a[31];
    assert_true(auth_equal_secret(a, b, 31));
    assert_false(auth_equal_secret(a, b, 32));
    /* Differences in several bytes never cancel out (as they would if folded by adding into a byte:
     * 0x80 + 0x80 wraps to 0, and so do 256 differences of 1). */
    unsigned char x[2] = { 0x01, 0x00 }, y[2] = { 0x00, 0x01 };
    assert_false(auth_equal_secret(x, y, 2));
    unsigned char hi[2] = { 0x80, 0x80 }, lo[2] = { 0x00, 0x00 };
    assert_false(auth_equal_secret(hi, lo, 2));
    unsigned char ones[256], zeros[256] = { 0 };
    memset(ones, 0x01, sizeof ones);
    assert_false(auth_equal_secret(ones, zeros, sizeof ones));
    unsigned char zero[32] = { 0 }, ff[32];
    memset(ff, 0xFF, sizeof ff);
    assert_false(auth_equal_secret(zero, ff, sizeof zero));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_actor_and_action),
        cmocka_unit_test(test_anonymous_can_only_sign_in_or_ping),
        cmocka_unit_test(test_out_of_range_action_is_refused),
        cmocka_unit_test(test_equal_secret),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
