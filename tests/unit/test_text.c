/* test_text — UTF-8 counting, name cleaning (trim, controls, bidi, length in code points) and
 * free-text checks. Strings are byte literals with an explicit length so embedded NULs and
 * invalid bytes are exact. */
#include "unit.h"
#include "text.h"
#include <stdio.h>

#define B(lit) lit, (sizeof(lit) - 1)
/* Table rows: report every failing row, then fail once, so one bug does not hide the next. */
#define ROW_FAIL(...) do { print_error(__VA_ARGS__); print_error("\n"); bad++; } while (0)

#define E_ACUTE "\xC3\xA9"              /* é, 2 bytes */
#define EMOJI "\xF0\x9F\x98\x80"        /* 😀 U+1F600, 4 bytes */
#define ZWJ "\xE2\x80\x8D"              /* U+200D */
#define FAMILY "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7" /* 👨‍👩‍👧: 5 code points */
#define NBSP "\xC2\xA0"
#define IDEO_SPACE "\xE3\x80\x80"       /* U+3000 */

/* Repeats `unit` n times into buf (NUL-terminated); returns the byte length. */
static size_t repeat(char *buf, size_t size, const char *unit, size_t n)
{
    size_t len = 0, ul = strlen(unit);
    for (size_t i = 0; i < n; i++) {
        assert_true(len + ul < size);
        memcpy(buf + len, unit, ul);
        len += ul;
    }
    buf[len] = '\0';
    return len;
}

/* ---- text_utf8_count ---- */
static void test_utf8_count_table(void **state)
{
    static const struct { const char *s; size_t len; long want; const char *what; } cases[] = {
        { B(""), 0, "empty" },
        { B("abc"), 3, "ascii" },
        { B("a\0b"), 3, "embedded NUL is a code point" },
        { B(E_ACUTE), 1, "2-byte" },
        { B("\xE2\x82\xAC"), 1, "3-byte euro" },
        { B(EMOJI), 1, "4-byte emoji" },
        { B(FAMILY), 5, "ZWJ sequence counts code points" },
        { B("\xC2\x80"), 1, "smallest 2-byte" },
        { B("\xDF\xBF"), 1, "largest 2-byte" },
        { B("\xE0\xA0\x80"), 1, "smallest 3-byte" },
        { B("\xED\x9F\xBF"), 1, "U+D7FF just below surrogates" },
        { B("\xEE\x80\x80"), 1, "U+E000 just above surrogates" },
        { B("\xEF\xBF\xBF"), 1, "U+FFFF" },
        { B("\xF0\x90\x80\x80"), 1, "U+10000" },
        { B("\xF4\x8F\xBF\xBF"), 1, "U+10FFFF" },
        { B("\xC0\x80"), -1, "overlong NUL" },
        { B("\xC1\xBF"), -1, "overlong 2-byte" },
        { B("\xE0\x80\x80"), -1, "overlong 3-byte" },
        { B("\xE0\x9F\xBF"), -1, "overlong 3-byte, top" },
        { B("\xF0\x80\x80\x80"), -1, "overlong 4-byte" },
        { B("\xF0\x8F\xBF\xBF"), -1, "overlong 4-byte, top" },
        { B("\xED\xA0\x80"), -1, "surrogate D800" },
        { B("\xED\xBF\xBF"), -1, "surrogate DFFF" },
        { B("\xF4\x90\x80\x80"), -1, "U+110000" },
        { B("\xF5\x80\x80\x80"), -1, "lead F5" },
        { B("\xF8\x88\x80\x80\x80"), -1, "5-byte form" },
        { B("\xFF"), -1, "FF" },
        { B("\xFE"), -1, "FE" },
        { B("\x80"), -1, "lone continuation" },
        { B("a\xBF"), -1, "continuation after ascii" },
        { B("\xC3"), -1, "truncated 2-byte" },
        { B("\xE2\x82"), -1, "truncated 3-byte" },
        { B("\xF0\x9F\x98"), -1, "truncated 4-byte" },
        { B("abc\xC3"), -1, "truncated at the end" },
        { B("\xC3\x41"), -1, "bad continuation" },
        { B("\xE2\x28\xA1"), -1, "bad continuation in 3-byte" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        long got = text_utf8_count(cases[i].s, cases[i].len);
        if (got != cases[i].want) ROW_FAIL("case %zu (%s): want %ld got %ld", i, cases[i].what, cases[i].want, got);
    }
    assert_int_equal(bad, 0);
}

static void test_utf8_count_respects_len(void **state)
{
    assert_int_equal(text_utf8_count("abcdef", 3), 3);
    assert_int_equal(text_utf8_count(E_ACUTE E_ACUTE, 2), 1);
    assert_int_equal(text_utf8_count(E_ACUTE E_ACUTE, 3), -1);  /* cut in the middle of a sequence */
    assert_int_equal(text_utf8_count(EMOJI, 0), 0);
}

/* ---- text_clean_name ---- */
static void test_clean_name_table(void **state)
{
    static const struct { const char *s; size_t len; text_status want; const char *out; const char *what; } cases[] = {
        { B("Ada"), TEXT_OK, "Ada", "plain" },
        { B("  Ada  "), TEXT_OK, "Ada", "ASCII spaces trimmed" },
        { B("\tAda \t"), TEXT_OK, "Ada", "ASCII tab at the edges is white space, trimmed" },
        { B(NBSP "Ada" NBSP), TEXT_OK, "Ada", "NBSP trimmed" },
        { B(IDEO_SPACE "Ada" IDEO_SPACE), TEXT_OK, "Ada", "U+3000 trimmed" },
        { B(" " NBSP IDEO_SPACE " Ada"), TEXT_OK, "Ada", "mixed leading spaces" },
        { B("Ada  Lovelace"), TEXT_OK, "Ada  Lovelace", "inner spaces kept" },
        { B(" Ada" NBSP "Lovelace "), TEXT_OK, "Ada" NBSP "Lovelace", "inner NBSP kept" },
        { B("Zoë " E_ACUTE), TEXT_OK, "Zoë " E_ACUTE, "non-ASCII letters" },
        { B(FAMILY), TEXT_OK, FAMILY, "ZWJ emoji" },
        { B(""), TEXT_EMPTY, NULL, "empty" },
        { B("     "), TEXT_EMPTY, NULL, "spaces only" },
        { B(NBSP IDEO_SPACE " "), TEXT_EMPTY, NULL, "unicode spaces only" },
        { B("Ada\nLovelace"), TEXT_CONTROL_CHAR, NULL, "inner newline" },
        { B("Ada\n"), TEXT_CONTROL_CHAR, NULL, "trailing newline" },
        { B("\nAda"), TEXT_CONTROL_CHAR, NULL, "leading newline" },
        { B("Ada\r"), TEXT_CONTROL_CHAR, NULL, "trailing CR" },
        { B("Ada\r\nX"), TEXT_CONTROL_CHAR, NULL, "inner CRLF" },
        { B("Ada\tLovelace"), TEXT_CONTROL_CHAR, NULL, "inner tab: a C0 control left in the name" },
        { B("A\x01" "B"), TEXT_CONTROL_CHAR, NULL, "SOH" },
        { B("Ada\x01"), TEXT_CONTROL_CHAR, NULL, "control at the edge is not trimmed away" },
        { B("A\x1B[31mB"), TEXT_CONTROL_CHAR, NULL, "ESC" },
        { B("A\x7F" "B"), TEXT_CONTROL_CHAR, NULL, "DEL" },
        { B("A\0B"), TEXT_CONTROL_CHAR, NULL, "embedded NUL" },
        { B("A\xC2\x80" "B"), TEXT_CONTROL_CHAR, NULL, "C1 U+0080" },
        { B("A\xC2\x85" "B"), TEXT_CONTROL_CHAR, NULL, "C1 NEL U+0085" },
        { B("A\xC2\x9F" "B"), TEXT_CONTROL_CHAR, NULL, "C1 U+009F" },
        { B("A\xE2\x80\xA8" "B"), TEXT_CONTROL_CHAR, NULL, "line separator U+2028" },
        { B("A\xE2\x80\xA9" "B"), TEXT_CONTROL_CHAR, NULL, "paragraph separator U+2029" },
        { B("A\xE2\x80\xAA" "B"), TEXT_CONTROL_CHAR, NULL, "LRE U+202A" },
        { B("A\xE2\x80\xAB" "B"), TEXT_CONTROL_CHAR, NULL, "RLE U+202B" },
        { B("A\xE2\x80\xAC" "B"), TEXT_CONTROL_CHAR, NULL, "PDF U+202C" },
        { B("A\xE2\x80\xAD" "B"), TEXT_CONTROL_CHAR, NULL, "LRO U+202D" },
        { B("\xE2\x80\xAE" "evil"), TEXT_CONTROL_CHAR, NULL, "RLO U+202E" },
        { B("A\xE2\x81\xA6" "B"), TEXT_CONTROL_CHAR, NULL, "LRI U+2066" },
        { B("A\xE2\x81\xA7" "B"), TEXT_CONTROL_CHAR, NULL, "RLI U+2067" },
        { B("A\xE2\x81\xA8" "B"), TEXT_CONTROL_CHAR, NULL, "FSI U+2068" },
        { B("A\xE2\x81\xA9" "B"), TEXT_CONTROL_CHAR, NULL, "PDI U+2069" },
        { B("A\xE2\x80\xA9"), TEXT_CONTROL_CHAR, NULL, "trailing paragraph separator" },
        { B("Ad\xC0\x80" "a"), TEXT_BAD_UTF8, NULL, "overlong C0 80" },
        { B("\xED\xA0\x80"), TEXT_BAD_UTF8, NULL, "surrogate" },
        { B("Ada\xF4\x90\x80\x80"), TEXT_BAD_UTF8, NULL, "above U+10FFFF" },
        { B("Ada\xC3"), TEXT_BAD_UTF8, NULL, "truncated" },
        { B("Ada  \xE2\x82"), TEXT_BAD_UTF8, NULL, "truncated after trailing spaces" },
        { B("\xFF" "Ada"), TEXT_BAD_UTF8, NULL, "FF byte" },
        { B("   \x80"), TEXT_BAD_UTF8, NULL, "lone continuation" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char out[TEXT_NAME_MAX_BYTES + 1];
        memset(out, 'Z', sizeof out);
        text_status got = text_clean_name(cases[i].s, cases[i].len, TEXT_NAME_MAX_CHARS, out, sizeof out);
        if (got != cases[i].want) ROW_FAIL("case %zu (%s): want status %d got %d", i, cases[i].what, cases[i].want, got);
        if (cases[i].want == TEXT_OK && strcmp(out, cases[i].out) != 0)
            ROW_FAIL("case %zu (%s): want \"%s\" got \"%s\"", i, cases[i].what, cases[i].out, out);
    }
    assert_int_equal(bad, 0);
}

/* Length limits are in code points, never bytes; trimmed spaces do not count. */
static void test_clean_name_lengths(void **state)
{
    static const struct { const char *unit; size_t n; size_t max; text_status want; const char *what; } cases[] = {
        { "x", 40, TEXT_NAME_MAX_CHARS, TEXT_OK, "40 ascii" },
        { "x", 41, TEXT_NAME_MAX_CHARS, TEXT_TOO_LONG, "41 ascii" },
        { E_ACUTE, 40, TEXT_NAME_MAX_CHARS, TEXT_OK, "40 é (80 bytes)" },
        { E_ACUTE, 41, TEXT_NAME_MAX_CHARS, TEXT_TOO_LONG, "41 é" },
        { "\xE2\x82\xAC", 40, TEXT_NAME_MAX_CHARS, TEXT_OK, "40 euro signs (120 bytes)" },
        { EMOJI, 40, TEXT_NAME_MAX_CHARS, TEXT_OK, "40 emoji (160 bytes)" },
        { EMOJI, 41, TEXT_NAME_MAX_CHARS, TEXT_TOO_LONG, "41 emoji" },
        { FAMILY, 8, TEXT_NAME_MAX_CHARS, TEXT_OK, "8 ZWJ families = 40 code points" },
        { FAMILY, 9, TEXT_NAME_MAX_CHARS, TEXT_TOO_LONG, "9 ZWJ families = 45 code points, though 9 glyphs" },
        { "x", 80, TEXT_SESSION_NAME_MAX_CHARS, TEXT_OK, "80-char session name" },
        { "x", 81, TEXT_SESSION_NAME_MAX_CHARS, TEXT_TOO_LONG, "81-char session name" },
        { EMOJI, 80, TEXT_SESSION_NAME_MAX_CHARS, TEXT_OK, "80 emoji session name (320 bytes)" },
        { EMOJI, 81, TEXT_SESSION_NAME_MAX_CHARS, TEXT_TOO_LONG, "81 emoji session name" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        char in[512], out[512];
        size_t len = repeat(in, sizeof in, cases[i].unit, cases[i].n);
        text_status got = text_clean_name(in, len, cases[i].max, out, sizeof out);
        if (got != cases[i].want) ROW_FAIL("case %zu (%s): want %d got %d", i, cases[i].what, cases[i].want, got);
        if (got == TEXT_OK) assert_memory_equal(out, in, len + 1);
    }
    assert_int_equal(bad, 0);
}

static void test_clean_name_trimmed_spaces_do_not_count(void **state)
{
    char in[256], out[256];
    size_t len = 0;
    len += (size_t)sprintf(in + len, "   " NBSP IDEO_SPACE);
    char body[128];
    size_t blen = repeat(body, sizeof body, E_ACUTE, 40);
    memcpy(in + len, body, blen);
    len += blen;
    len += (size_t)sprintf(in + len, NBSP "   ");
    assert_int_equal(text_clean_name(in, len, TEXT_NAME_MAX_CHARS, out, sizeof out), TEXT_OK);
    assert_string_equal(out, body);
    /* An inner space between two halves does count. */
    char in2[256];
    size_t l2 = repeat(in2, sizeof in2, "y", 20);
    in2[l2++] = ' ';
    l2 += repeat(in2 + l2, sizeof in2 - l2, "y", 20);
    assert_int_equal(text_clean_name(in2, l2, TEXT_NAME_MAX_CHARS, out, sizeof out), TEXT_TOO_LONG);
    assert_int_equal(text_clean_name(in2, l2, TEXT_NAME_MAX_CHARS + 1, out, sizeof out), TEXT_OK);
}

/* out_size = len + 1 is documented as enough, and the input need not be NUL-terminated. */
static void test_clean_name_exact_buffer(void **state)
{
    const char raw[] = { ' ', 'B', 'o', ' ', 'X', 'X' };  /* only the first 4 bytes are the input */
    char out[5];
    memset(out, 'Q', sizeof out);
    assert_int_equal(text_clean_name(raw, 4, TEXT_NAME_MAX_CHARS, out, sizeof out), TEXT_OK);
    assert_string_equal(out, "Bo");
}

/* ---- text_check_message ---- */
static void test_check_message_table(void **state)
{
    static const struct { const char *s; size_t len; size_t max; text_status want; const char *what; } cases[] = {
        { B("hello"), 10, TEXT_OK, "plain" },
        { B("line1\nline2"), 20, TEXT_OK, "newline allowed" },
        { B("a\tb"), 10, TEXT_OK, "tab allowed" },
        { B("  padded  "), 10, TEXT_OK, "not trimmed: 10 chars with spaces fit" },
        { B("  padded   "), 10, TEXT_TOO_LONG, "not trimmed: 11 chars" },
        { B(E_ACUTE E_ACUTE E_ACUTE), 3, TEXT_OK, "3 é at max 3" },
        { B(E_ACUTE E_ACUTE E_ACUTE E_ACUTE), 3, TEXT_TOO_LONG, "4 é at max 3" },
        { B(FAMILY), 5, TEXT_OK, "ZWJ family is 5 code points" },
        { B(FAMILY), 4, TEXT_TOO_LONG, "ZWJ family over 4" },
        { B(""), 10, TEXT_EMPTY, "empty" },
        { B("  \n\t " NBSP), 10, TEXT_EMPTY, "white space only" },
        { B("a\x01"), 10, TEXT_CONTROL_CHAR, "SOH" },
        { B("a\x7F"), 10, TEXT_CONTROL_CHAR, "DEL" },
        { B("a\0b"), 10, TEXT_CONTROL_CHAR, "NUL" },
        { B("a\x0B" "b"), 10, TEXT_CONTROL_CHAR, "vertical tab" },
        { B("a\xC2\x85"), 10, TEXT_CONTROL_CHAR, "C1 NEL" },
        { B("a\xE2\x80\xA8" "b"), 10, TEXT_CONTROL_CHAR, "U+2028" },
        { B("\xE2\x80\xAE" "abc"), 10, TEXT_CONTROL_CHAR, "RLO" },
        { B("\xE2\x81\xA6" "abc"), 10, TEXT_CONTROL_CHAR, "LRI" },
        { B("ok\xC0\x80"), 10, TEXT_BAD_UTF8, "overlong" },
        { B("ok\xED\xA0\x80"), 10, TEXT_BAD_UTF8, "surrogate" },
        { B("ok\xF0\x9F\x98"), 10, TEXT_BAD_UTF8, "truncated emoji" },
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        text_status got = text_check_message(cases[i].s, cases[i].len, cases[i].max);
        if (got != cases[i].want) ROW_FAIL("case %zu (%s): want %d got %d", i, cases[i].what, cases[i].want, got);
    }
    assert_int_equal(bad, 0);
}

/* ---- messages ---- */
static void test_status_messages(void **state)
{
    static const text_status all[] = { TEXT_OK, TEXT_EMPTY, TEXT_TOO_LONG, TEXT_BAD_UTF8, TEXT_CONTROL_CHAR };
    char seen[ARRAY_LEN(all)][160];
    for (size_t i = 0; i < ARRAY_LEN(all); i++) {
        char buf[160];
        const char *m = text_status_message(all[i], "session name", 80, buf, sizeof buf);
        assert_ptr_equal(m, buf);
        assert_non_null(strstr(m, "session name"));
        for (size_t j = 0; j < i; j++) assert_string_not_equal(seen[j], m);
        snprintf(seen[i], sizeof seen[i], "%s", m);
    }
    char buf[160];
    assert_non_null(strstr(text_status_message(TEXT_TOO_LONG, "name", 40, buf, sizeof buf), "40"));
    char tiny[8];
    text_status_message(TEXT_CONTROL_CHAR, "name", 40, tiny, sizeof tiny);   /* truncates, never overflows */
    assert_int_equal(strlen(tiny), sizeof tiny - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_count_table),
        cmocka_unit_test(test_utf8_count_respects_len),
        cmocka_unit_test(test_clean_name_table),
        cmocka_unit_test(test_clean_name_lengths),
        cmocka_unit_test(test_clean_name_trimmed_spaces_do_not_count),
        cmocka_unit_test(test_clean_name_exact_buffer),
        cmocka_unit_test(test_check_message_table),
        cmocka_unit_test(test_status_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
