/* test_joincode — making codes from caller-supplied random bytes (alphabet, length, rejection
 * sampling, determinism, spread) and forgiving-but-strict parsing of typed codes. */
#include "unit.h"
#include "joincode.h"

#define ALPHABET_LEN (sizeof(JOINCODE_ALPHABET) - 1)
#define ROW_FAIL(...) do { print_error(__VA_ARGS__); print_error("\n"); bad++; } while (0)

static int in_alphabet(char c) { return c != '\0' && strchr(JOINCODE_ALPHABET, c) != NULL; }

static void assert_valid_code(const char *code)
{
    assert_int_equal(strlen(code), JOINCODE_LEN);
    for (size_t i = 0; i < JOINCODE_LEN; i++)
        if (!in_alphabet(code[i])) fail_msg("'%c' (0x%02x) in \"%s\" is not in the alphabet", code[i], (unsigned char)code[i], code);
}

/* ---- the alphabet itself ---- */
static void test_alphabet_has_no_lookalikes(void **state)
{
    assert_int_equal(ALPHABET_LEN, 31);
    static const char lookalikes[] = "0O1IL";
    for (size_t i = 0; i < sizeof lookalikes - 1; i++) assert_null(strchr(JOINCODE_ALPHABET, lookalikes[i]));
    for (size_t i = 0; i < ALPHABET_LEN; i++) {
        assert_null(strchr(JOINCODE_ALPHABET + i + 1, JOINCODE_ALPHABET[i]));   /* no duplicates */
        char c = JOINCODE_ALPHABET[i];
        assert_true((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '9'));
    }
}

/* ---- joincode_make ---- */
static void test_make_maps_bytes(void **state)
{
    /* Byte b (< 248) maps to alphabet[b % 31]. */
    static const struct { unsigned char bytes[8]; size_t n; const char *want; } cases[] = {
        { { 0, 1, 2, 3, 4, 5 }, 6, "ABCDEF" },
        { { 30, 31, 62, 247, 8, 9 }, 6, "9AA9JK" },       /* 247 = 7*31+30: the last byte kept */
        { { 248, 0, 0, 0, 0, 0, 0 }, 7, "AAAAAA" },       /* 248 is the first rejected byte */
        { { 255, 250, 0, 1, 2, 3, 4, 5 }, 8, "ABCDEF" },  /* rejected bytes are skipped, not wrapped */
        { { 0, 1, 2, 3, 4, 5, 248, 255 }, 8, "ABCDEF" },  /* extra bytes are not used */
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char out[JOINCODE_LEN + 1] = "";
        int rc = joincode_make(cases[i].bytes, cases[i].n, out);
        if (rc != 0 || strcmp(out, cases[i].want) != 0) ROW_FAIL("case %zu: rc %d, want \"%s\" got \"%s\"", i, rc, cases[i].want, out);
    }
    assert_int_equal(bad, 0);
}

static void test_make_every_byte_value(void **state)
{
    for (unsigned b = 0; b < 256; b++) {
        unsigned char bytes[JOINCODE_LEN];
        memset(bytes, (int)b, sizeof bytes);
        char out[JOINCODE_LEN + 1];
        int rc = joincode_make(bytes, sizeof bytes, out);
        if (b >= 248) {
            assert_int_equal(rc, -1);
        } else {
            assert_int_equal(rc, 0);
            assert_valid_code(out);
            assert_int_equal(out[0], JOINCODE_ALPHABET[b % ALPHABET_LEN]);
        }
    }
}

static void test_make_runs_out_of_bytes(void **state)
{
    static const struct { unsigned char bytes[10]; size_t n; } cases[] = {
        { { 0 }, 0 },
        { { 1, 2, 3, 4, 5 }, 5 },                                /* one short */
        { { 1, 2, 3, 4, 5, 248 }, 6 },                           /* six bytes but one rejected */
        { { 255, 255, 255, 255, 255, 255, 255, 255, 255, 255 }, 10 },
        { { 1, 2, 249, 3, 4, 250, 251, 5, 252, 253 }, 10 },      /* five usable among ten */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char out[JOINCODE_LEN + 1];
        assert_int_equal(joincode_make(cases[i].bytes, cases[i].n, out), -1);
    }
}

/* A small deterministic generator so the tests need no randomness of their own. */
static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void test_make_deterministic(void **state)
{
    uint64_t seed = 42;
    for (int round = 0; round < 200; round++) {
        unsigned char bytes[32];
        for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)splitmix(&seed);
        char a[JOINCODE_LEN + 1], b[JOINCODE_LEN + 1];
        assert_int_equal(joincode_make(bytes, sizeof bytes, a), 0);
        assert_int_equal(joincode_make(bytes, sizeof bytes, b), 0);
        assert_string_equal(a, b);
        assert_valid_code(a);
        /* A made code always parses back to itself. */
        char parsed[JOINCODE_LEN + 1];
        assert_int_equal(joincode_parse(a, strlen(a), parsed), 0);
        assert_string_equal(parsed, a);
    }
}

/* Over many pseudo-random inputs every alphabet character shows up, in every position, and no
 * character is wildly over- or under-represented (no modulo bias towards the first letters). */
static void test_make_distribution(void **state)
{
    enum { N = 20000 };
    static unsigned counts[JOINCODE_LEN][ALPHABET_LEN];
    memset(counts, 0, sizeof counts);
    unsigned total[ALPHABET_LEN] = { 0 };
    uint64_t seed = 7;
    for (int n = 0; n < N; n++) {
        unsigned char bytes[32];
        for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (unsigned char)splitmix(&seed);
        char out[JOINCODE_LEN + 1];
        assert_int_equal(joincode_make(bytes, sizeof bytes, out), 0);
        for (size_t pos = 0; pos < JOINCODE_LEN; pos++) {
            const char *at = strchr(JOINCODE_ALPHABET, out[pos]);
            assert_non_null(at);
            counts[pos][at - JOINCODE_ALPHABET]++;
            total[at - JOINCODE_ALPHABET]++;
        }
    }
    double expect = (double)N * JOINCODE_LEN / ALPHABET_LEN;   /* ~3871 */
    for (size_t c = 0; c < ALPHABET_LEN; c++) {
        for (size_t pos = 0; pos < JOINCODE_LEN; pos++)
            if (counts[pos][c] == 0) fail_msg("'%c' never appears at position %zu", JOINCODE_ALPHABET[c], pos);
        if (total[c] < expect * 0.9 || total[c] > expect * 1.1)
            fail_msg("'%c' appears %u times, expected about %.0f", JOINCODE_ALPHABET[c], total[c], expect);
    }
}

/* ---- joincode_parse ---- */
static void test_parse_table(void **state)
{
    static const struct { const char *in; int rc; const char *want; const char *what; } cases[] = {
        { "ABCDEF", 0, "ABCDEF", "canonical" },
        { "abcdef", 0, "ABCDEF", "lower case" },
        { "aBcDeF", 0, "ABCDEF", "mixed case" },
        { "ABC-DEF", 0, "ABCDEF", "dash" },
        { "ABC DEF", 0, "ABCDEF", "space" },
        { " ab-c d\tef- ", 0, "ABCDEF", "spaces, tabs and dashes anywhere" },
        { "--2345--67", 0, "234567", "digits" },
        { "HJKMNP", 0, "HJKMNP", "letters next to the removed ones" },
        { "QRSTUV", 0, "QRSTUV", "" },
        { "WXYZ89", 0, "WXYZ89", "" },
        { "ABCDE0", -1, NULL, "zero" },
        { "ABCDEO", -1, NULL, "letter O" },
        { "ABCDEo", -1, NULL, "lower-case o" },
        { "ABCDE1", -1, NULL, "one" },
        { "ABCDEI", -1, NULL, "letter I" },
        { "ABCDEi", -1, NULL, "lower-case i" },
        { "ABCDEL", -1, NULL, "letter L" },
        { "ABCDEl", -1, NULL, "lower-case l" },
        { "ABC_DEF", -1, NULL, "underscore" },
        { "ABC.DEF", -1, NULL, "dot" },
        { "ABC/DE", -1, NULL, "slash" },
        { "ABCDE\xC3\xA9", -1, NULL, "non-ASCII" },
        { "ABCDE", -1, NULL, "too short" },
        { "ABCDEFG", -1, NULL, "too long" },
        { "ABCDEFABCDEF", -1, NULL, "twice" },
        { "", -1, NULL, "empty" },
        { "   ---   ", -1, NULL, "separators only" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char out[JOINCODE_LEN + 1] = "";
        int rc = joincode_parse(cases[i].in, strlen(cases[i].in), out);
        if (rc != cases[i].rc) ROW_FAIL("case %zu (%s \"%s\"): want rc %d got %d", i, cases[i].what, cases[i].in, cases[i].rc, rc);
        else if (rc == 0 && strcmp(out, cases[i].want) != 0) ROW_FAIL("case %zu (%s): want \"%s\" got \"%s\"", i, cases[i].what, cases[i].want, out);
    }
    assert_int_equal(bad, 0);
}

/* Input length counts raw bytes, separators included: up to JOINCODE_INPUT_MAX is parsed. */
static void test_parse_input_max(void **state)
{
    char in[JOINCODE_INPUT_MAX + 8];
    char out[JOINCODE_LEN + 1];
    for (size_t len = JOINCODE_LEN; len <= JOINCODE_INPUT_MAX + 4; len++) {
        memset(in, ' ', len);
        memcpy(in + len - JOINCODE_LEN, "k2m3n4", JOINCODE_LEN);
        int rc = joincode_parse(in, len, out);
        if (len <= JOINCODE_INPUT_MAX) {
            assert_int_equal(rc, 0);
            assert_string_equal(out, "K2M3N4");
        } else {
            assert_int_equal(rc, -1);
        }
    }
}

/* The length argument is honoured: bytes past len are not read, and an embedded NUL is rejected. */
static void test_parse_uses_len(void **state)
{
    char out[JOINCODE_LEN + 1];
    assert_int_equal(joincode_parse("ABCDEFGHJK", 6, out), 0);
    assert_string_equal(out, "ABCDEF");
    assert_int_equal(joincode_parse("ABC\0DEF", 7, out), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alphabet_has_no_lookalikes),
        cmocka_unit_test(test_make_maps_bytes),
        cmocka_unit_test(test_make_every_byte_value),
        cmocka_unit_test(test_make_runs_out_of_bytes),
        cmocka_unit_test(test_make_deterministic),
        cmocka_unit_test(test_make_distribution),
        cmocka_unit_test(test_parse_table),
        cmocka_unit_test(test_parse_input_max),
        cmocka_unit_test(test_parse_uses_len),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
