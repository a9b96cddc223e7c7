/* token — see token.h. */
#include "token.h"
#include <openssl/sha.h>
#include <string.h>
#include <uuid/uuid.h>

/* In a version-4 UUID, bytes 6 and 8 carry fixed version/variant bits; the other 14 are random. */
void token_random_bytes(unsigned char *out, size_t n)
{
    static const int random_bytes[] = { 0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15 };
    size_t got = 0;
    while (got < n) {
        uuid_t u;
        uuid_generate_random(u);
        for (size_t i = 0; i < sizeof random_bytes / sizeof random_bytes[0] && got < n; i++)
            out[got++] = u[random_bytes[i]];
    }
}

void token_new(char kind, char out[TOKEN_TEXT_LEN + 1])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char r[16];
    token_random_bytes(r, sizeof r);
    out[0] = kind;
    out[1] = '.';
    for (int i = 0; i < 16; i++) {
        out[2 + 2 * i] = hex[r[i] >> 4];
        out[3 + 2 * i] = hex[r[i] & 15];
    }
    out[TOKEN_TEXT_LEN] = '\0';
}

void token_new_uuid(char out[37])
{
    uuid_t u;
    uuid_generate_random(u);
    uuid_unparse_lower(u, out);
}

int token_hash(const char *token, size_t len, unsigned char out[TOKEN_HASH_LEN])
{
    if (len != TOKEN_TEXT_LEN || (token[0] != 'f' && token[0] != 'p') || token[1] != '.') return -1;
    for (size_t i = 2; i < len; i++)
        if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f'))) return -1;
    SHA256((const unsigned char *)token, len, out);
    return 0;
}
