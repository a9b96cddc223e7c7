/* test_ice — TURN credentials in coturn's use-auth-secret form, checked against a value computed
 * independently (Python's hmac + base64), and the ICE server list handed to browsers. */
#include "unit.h"
#include "ice.h"

static config cfg_with(const char *stun, const char *turn, const char *secret)
{
    config c;
    memset(&c, 0, sizeof c);
    strcpy(c.stun, stun);
    strcpy(c.turn, turn);
    strcpy(c.turn_secret, secret);
    c.turn_ttl = 3600;
    return c;
}

static void test_credential_known_answer(void **state)
{
    char cred[ICE_CREDENTIAL_LEN + 1];
    /* python3 -c "import hmac,hashlib,base64; print(base64.b64encode(hmac.new(b'north-wind-42',
     *   b'1795746717:3f1c2a9e-0000-4000-8000-000000000001', hashlib.sha1).digest()).decode())" */
    assert_int_equal(ice_turn_credential("north-wind-42", "1795746717:3f1c2a9e-0000-4000-8000-000000000001", cred), 0);
    assert_string_equal(cred, "vhACQV7aY4hYIG3x14TeVqWywXg=");
    char other[ICE_CREDENTIAL_LEN + 1];
    assert_int_equal(ice_turn_credential("north-wind-43", "1795746717:3f1c2a9e-0000-4000-8000-000000000001", other), 0);
    assert_string_not_equal(cred, other);
}

static void test_view_lists_servers(void **state)
{
    const int64_t now = INT64_C(1795746657019);
    config none = cfg_with("", "", "");
    json_t *v = ice_view(&none, "who", now);
    assert_int_equal(json_array_size(json_object_get(v, "ice_servers")), 0);
    assert_true(json_is_null(json_object_get(v, "expires_at")));
    json_decref(v);

    config both = cfg_with("stun:stun.example.org:3478", "turn:127.0.0.1:3478?transport=udp,turns:turn.example.org:5349", "s3cret");
    v = ice_view(&both, "p-1", now);
    json_t *servers = json_object_get(v, "ice_servers");
    assert_int_equal(json_array_size(servers), 2);
    assert_string_equal(json_string_value(json_array_get(json_object_get(json_array_get(servers, 0), "urls"), 0)),
                        "stun:stun.example.org:3478");
    json_t *turn = json_array_get(servers, 1);
    assert_int_equal(json_array_size(json_object_get(turn, "urls")), 2);
    char want_user[64], want_cred[ICE_CREDENTIAL_LEN + 1];
    snprintf(want_user, sizeof want_user, "%lld:p-1", (long long)(now / 1000 + 3600));
    assert_string_equal(json_string_value(json_object_get(turn, "username")), want_user);
    ice_turn_credential("s3cret", want_user, want_cred);
    assert_string_equal(json_string_value(json_object_get(turn, "credential")), want_cred);
    assert_int_equal(json_integer_value(json_object_get(v, "expires_at")), (now / 1000 + 3600) * 1000);
    /* the secret itself never appears */
    char *text = json_dumps(v, 0);
    assert_null(strstr(text, "s3cret"));
    free(text);
    json_decref(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_credential_known_answer),
        cmocka_unit_test(test_view_lists_servers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
