/* test_wsframe — the frame header of batched sends, byte for byte at every length boundary, and
 * several frames written back to back parse as the same messages in order. */
#include "unit.h"
#include "wsframe.h"
#include <stdlib.h>

static void test_header_bytes_at_each_length_boundary(void **state)
{
    static const struct { uint64_t len; size_t want_n; unsigned char want[10]; } cases[] = {
        { 0, 2, { 0x81, 0 } },
        { 1, 2, { 0x81, 1 } },
        { 125, 2, { 0x81, 125 } },
        { 126, 4, { 0x81, 126, 0, 126 } },
        { 300, 4, { 0x81, 126, 0x01, 0x2C } },
        { 65535, 4, { 0x81, 126, 0xFF, 0xFF } },
        { 65536, 10, { 0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0 } },
        { 16777216, 10, { 0x81, 127, 0, 0, 0, 0, 1, 0, 0, 0 } },
        { 0x0102030405060708ULL, 10, { 0x81, 127, 1, 2, 3, 4, 5, 6, 7, 8 } },
        { UINT64_MAX, 10, { 0x81, 127, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } },   /* MSB must be 0 */
    };
    int bad = 0;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        unsigned char out[WSFRAME_HEADER_MAX + 4];
        memset(out, 0xEE, sizeof out);
        size_t n = wsframe_text_header(cases[i].len, out);
        if (n != cases[i].want_n || memcmp(out, cases[i].want, n) != 0 || out[n] != 0xEE) {
            print_error("case %zu (len %llu): got %zu bytes:", i, (unsigned long long)cases[i].len, n);
            for (size_t k = 0; k < n; k++) print_error(" %02x", out[k]);
            print_error("\n");
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* A minimal client-side reader: unmasked, final text frames only, as the browser would see them. */
static size_t read_frame(const unsigned char *p, size_t avail, const unsigned char **payload, uint64_t *len)
{
    assert_true(avail >= 2);
    assert_int_equal(p[0], 0x81);
    assert_int_equal(p[1] & 0x80, 0);   /* not masked */
    size_t h = 2;
    *len = p[1] & 0x7F;
    if (*len == 126) { *len = ((uint64_t)p[2] << 8) | p[3]; h = 4; }
    else if (*len == 127) { *len = 0; for (int i = 0; i < 8; i++) *len = (*len << 8) | p[2 + i]; h = 10; }
    assert_true(h + *len <= avail);
    *payload = p + h;
    return h + (size_t)*len;
}

static void test_frames_back_to_back_parse_in_order(void **state)
{
    static const size_t sizes[] = { 0, 5, 125, 126, 127, 1000, 65535, 65536, 70000 };
    size_t total = 0;
    for (size_t i = 0; i < ARRAY_LEN(sizes); i++) total += WSFRAME_HEADER_MAX + sizes[i];
    unsigned char *buf = malloc(total);
    assert_non_null(buf);
    size_t used = 0;
    for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
        used += wsframe_text_header(sizes[i], buf + used);
        memset(buf + used, 'a' + (int)i, sizes[i]);
        used += sizes[i];
    }
    size_t at = 0;
    for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
        const unsigned char *payload;
        uint64_t len;
        at += read_frame(buf + at, used - at, &payload, &len);
        assert_int_equal(len, sizes[i]);
        for (size_t k = 0; k < len; k++)
            if (payload[k] != 'a' + (int)i) fail_msg("frame %zu byte %zu is 0x%02x", i, k, payload[k]);
    }
    assert_int_equal(at, used);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_bytes_at_each_length_boundary),
        cmocka_unit_test(test_frames_back_to_back_parse_in_order),
    };
    return cmocka_run_group_tests_name("wsframe", tests, NULL, NULL);
}
