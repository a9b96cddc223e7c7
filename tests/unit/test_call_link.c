/* test_call_link — which link templates are valid and how they expand for a room. */
#include "unit.h"
#include "call_link.h"
#include <stdio.h>

static void test_validate_table(void **state)
{
    char long_link[CALL_LINK_MAX_BYTES + 2];
    memset(long_link, 'a', sizeof long_link);
    memcpy(long_link, "https://", 8);
    long_link[sizeof long_link - 1] = '\0';
    const struct { const char *tmpl; call_link_status want; } rows[] = {
        { "", CALL_LINK_OK },
        { "https://meet.jit.si/softclose-{session}-{round}-{room}", CALL_LINK_OK },
        { "http://bbb.example.org/b/{room_id}", CALL_LINK_OK },
        { "https://example.org/plain", CALL_LINK_OK },
        { "ftp://example.org/{room}", CALL_LINK_NOT_HTTP },
        { "javascript:alert(1)", CALL_LINK_NOT_HTTP },
        { "https://", CALL_LINK_NOT_HTTP },
        { "https://example.org/a b", CALL_LINK_BAD_CHAR },
        { "https://example.org/\"x", CALL_LINK_BAD_CHAR },
        { "https://example.org/<x>", CALL_LINK_BAD_CHAR },
        { "https://example.org/{name}", CALL_LINK_BAD_PLACEHOLDER },
        { "https://example.org/{room", CALL_LINK_BAD_PLACEHOLDER },
        { "https://example.org/room}", CALL_LINK_BAD_PLACEHOLDER },
        { long_link, CALL_LINK_TOO_LONG },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        call_link_status got = call_link_validate(rows[i].tmpl, strlen(rows[i].tmpl));
        if (got != rows[i].want) fail_msg("'%.60s': got %d, want %d", rows[i].tmpl, got, rows[i].want);
        assert_true(strlen(call_link_status_message(got)) > 2);
    }
}

static void test_expand(void **state)
{
    char out[CALL_LINK_EXPANDED_MAX];
    assert_int_equal(call_link_expand("https://meet.jit.si/sc-{session}-{round}-{room}?id={room_id}", "BKSKBB", 2, 7,
                                      "0b93a1c2-0000-4000-8000-000000000001", out, sizeof out), 0);
    assert_string_equal(out, "https://meet.jit.si/sc-BKSKBB-2-7?id=0b93a1c2-0000-4000-8000-000000000001");
    assert_int_equal(call_link_expand("https://x.org/{room}{room}", "C", 1, 12, "id", out, sizeof out), 0);
    assert_string_equal(out, "https://x.org/1212");
    /* too small a buffer is an error, never a cut link */
    char tiny[16];
    assert_int_equal(call_link_expand("https://x.org/{room_id}", "C", 1, 1, "0b93a1c2-0000-4000-8000-000000000001", tiny, sizeof tiny), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validate_table),
        cmocka_unit_test(test_expand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
