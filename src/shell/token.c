/* token — see token.h. */
#include "token.h"
#include <limits.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <string.h>
#include <uuid/uuid.h>

/* OpenSSL's DRBG (seeded from the OS, reseeded on fork) rather than a syscall per value: a launch
 * of 10,000 people names 3,333 rooms, and libuuid's generator cost about 6 us per UUID here.
 * If the DRBG ever fails, libuuid's generator (the OS source) is the fallback. */
static void fill_random(unsigned char *out, size_t n)
{
    if (n <= INT_MAX && RAND_bytes(out, (int)n) == 1) return;
    static const int random_bytes[] = { 0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15 };
    size_t got = 0;
    while (got < n) {
        uuid_t u;
        uuid_generate_random(u);   /* bytes 6 and 8 carry fixed version/variant bits: skipped */
        for (size_t i = 0; i < sizeof random_bytes / sizeof random_bytes[0] && got < n; i++)
            out[got++] = u[random_bytes[i]];
    }
}

/* Small requests are served from a pool refilled 4 KiB at a time: one DRBG call per 256 UUIDs
 * instead of one each (RAND_bytes costs about 2.5 us a call here, whatever the size). Bytes are
 * wiped from the pool as they are handed out. Single-threaded, like everything in the server. */
#define POOL_SIZE 4096
static unsigned char pool[POOL_SIZE];
static size_t pool_left;

void token_random_bytes(unsigned char *out, size_t n)
{
    if (n > 64) { fill_random(out, n); return; }
    if (pool_left < n) {
        fill_random(pool, POOL_SIZE);
        pool_left = POOL_SIZE;
    }
    unsigned char *from = pool + POOL_SIZE - pool_left;
    memcpy(out, from, n);
    OPENSSL_cleanse(from, n);
    pool_left -= n;
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
    token_random_bytes(u, sizeof u);
    u[6] = (unsigned char)((u[6] & 0x0F) | 0x40);   /* version 4: random */
    u[8] = (unsigned char)((u[8] & 0x3F) | 0x80);   /* RFC 4122 variant */
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
