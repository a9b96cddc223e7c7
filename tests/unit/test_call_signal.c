/* test_call_signal — the shapes of signal the server relays, and the ones it refuses. */
#include "unit.h"
#include "call_signal.h"
#include <stdlib.h>

static void test_shapes(void **state)
{
    const struct { const char *json; proto_error want; } rows[] = {
        { "{\"kind\":\"offer\",\"sdp\":\"v=0\\r\\n\"}", ERR_COUNT },
        { "{\"kind\":\"answer\",\"sdp\":\"v=0\\r\\n\"}", ERR_COUNT },
        { "{\"kind\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"ab\"}}", ERR_COUNT },
        { "{\"kind\":\"candidate\",\"candidate\":{\"candidate\":\"\",\"sdpMid\":null,\"sdpMLineIndex\":null}}", ERR_COUNT },
        { "{\"kind\":\"candidate\",\"candidate\":null}", ERR_COUNT },
        { "[]", ERR_BAD_REQUEST },
        { "{}", ERR_BAD_REQUEST },
        { "{\"kind\":\"offer\"}", ERR_BAD_REQUEST },
        { "{\"kind\":\"offer\",\"sdp\":5}", ERR_BAD_REQUEST },
        { "{\"kind\":\"offer\",\"sdp\":\"v=0\",\"extra\":1}", ERR_BAD_REQUEST },
        { "{\"kind\":\"bye\"}", ERR_BAD_REQUEST },
        { "{\"kind\":\"candidate\"}", ERR_BAD_REQUEST },
        { "{\"kind\":\"candidate\",\"candidate\":{\"sdpMid\":\"0\"}}", ERR_BAD_REQUEST },
        { "{\"kind\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"sdpMLineIndex\":-1}}", ERR_BAD_REQUEST },
        { "{\"kind\":\"candidate\",\"candidate\":{\"candidate\":\"c\",\"port\":1}}", ERR_BAD_REQUEST },
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        json_t *v = json_loads(rows[i].json, JSON_DECODE_ANY, NULL);
        assert_non_null(v);
        char why[200] = "";
        proto_error got = call_signal_check(v, why, sizeof why);
        if (got != rows[i].want) fail_msg("%s: got %d, want %d (%s)", rows[i].json, got, rows[i].want, why);
        if (got != ERR_COUNT) assert_true(strlen(why) > 10);
        json_decref(v);
    }
    char why[200];
    assert_int_equal(call_signal_check(NULL, why, sizeof why), ERR_BAD_REQUEST);
}

static void test_size_limit(void **state)
{
    for (size_t n = CALL_SIGNAL_MAX_BYTES - 40; n <= CALL_SIGNAL_MAX_BYTES; n += 40) {
        char *sdp = malloc(n + 1);
        memset(sdp, 'a', n);
        sdp[n] = '\0';
        json_t *v = json_pack("{s:s, s:s}", "kind", "offer", "sdp", sdp);
        char why[200];
        size_t total = n + strlen("{\"kind\":\"offer\",\"sdp\":\"\"}");
        assert_int_equal(call_signal_check(v, why, sizeof why), total > CALL_SIGNAL_MAX_BYTES ? ERR_TOO_LARGE : ERR_COUNT);
        json_decref(v);
        free(sdp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
