/* joincode — see joincode.h. */
#include "joincode.h"
#include <string.h>

static const char alphabet[] = JOINCODE_ALPHABET;
#define ALPHABET_LEN (sizeof(alphabet) - 1)
/* Largest multiple of the alphabet size that fits in a byte: bytes at or above it are discarded. */
#define REJECT_AT (256 - (256 % ALPHABET_LEN))

int joincode_make(const unsigned char *random, size_t n_random, char out[JOINCODE_LEN + 1])
{
    size_t got = 0;
    for (size_t i = 0; i < n_random && got < JOINCODE_LEN; i++) {
        if (random[i] >= REJECT_AT) continue;
        out[got++] = alphabet[random[i] % ALPHABET_LEN];
    }
    if (got < JOINCODE_LEN) return -1;
    out[JOINCODE_LEN] = '\0';
    return 0;
}

int joincode_parse(const char *input, size_t len, char out[JOINCODE_LEN + 1])
{
    if (len > JOINCODE_INPUT_MAX) return -1;
    size_t got = 0;
    for (size_t i = 0; i < len; i++) {
        char c = input[i];
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        if (c == '\0' || !strchr(alphabet, c)) return -1;
        if (got == JOINCODE_LEN) return -1;
        out[got++] = c;
    }
    if (got != JOINCODE_LEN) return -1;
    out[JOINCODE_LEN] = '\0';
    return 0;
}
