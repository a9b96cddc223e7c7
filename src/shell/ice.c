/* ice — see ice.h. */
#include "ice.h"
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

int ice_turn_credential(const char *secret, const char *username, char out[ICE_CREDENTIAL_LEN + 1])
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (!HMAC(EVP_sha1(), secret, (int)strlen(secret), (const unsigned char *)username, strlen(username), mac, &mac_len) ||
        mac_len != 20)
        return -1;
    return EVP_EncodeBlock((unsigned char *)out, mac, (int)mac_len) == ICE_CREDENTIAL_LEN ? 0 : -1;
}

static json_t *url_list(const char *list)
{
    json_t *a = json_array();
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        json_array_append_new(a, json_stringn(p, len));
        p += len + (end != NULL);
    }
    return a;
}

json_t *ice_view(const config *cfg, const char *who, int64_t now_ms)
{
    json_t *servers = json_array();
    if (*cfg->stun) json_array_append_new(servers, json_pack("{s:o}", "urls", url_list(cfg->stun)));
    json_t *expires = json_null();
    if (*cfg->turn && *cfg->turn_secret) {
        int64_t expiry_s = now_ms / 1000 + cfg->turn_ttl;
        char username[128], credential[ICE_CREDENTIAL_LEN + 1];
        snprintf(username, sizeof username, "%lld:%s", (long long)expiry_s, who);
        if (ice_turn_credential(cfg->turn_secret, username, credential) == 0) {
            json_array_append_new(servers, json_pack("{s:o, s:s, s:s}", "urls", url_list(cfg->turn), "username", username,
                                                     "credential", credential));
            json_decref(expires);
            expires = json_integer(expiry_s * 1000);
        }
    }
    return json_pack("{s:o, s:o}", "ice_servers", servers, "expires_at", expires);
}
