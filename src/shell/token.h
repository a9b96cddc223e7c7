/* token — secrets and ids: random tokens, public UUIDs, and the hash the core stores.
 * Owns: the only use of a randomness source (OpenSSL's DRBG; libuuid's generator as fallback)
 * and of SHA-256.
 * A token is "f." (facilitator) or "p." (participant) followed by 32 hex digits = 128 random bits.
 * Tokens are never logged and never stored: the database and the core keep SHA-256(token). */
#ifndef SOFTCLOSE_TOKEN_H
#define SOFTCLOSE_TOKEN_H
#include <stddef.h>

#define TOKEN_TEXT_LEN (2 + 32)
#define TOKEN_HASH_LEN 32

void token_random_bytes(unsigned char *out, size_t n);
void token_new(char kind, char out[TOKEN_TEXT_LEN + 1]);             /* kind 'f' or 'p' */
void token_new_uuid(char out[37]);
/* Hashes a presented token. Returns 0, or -1 if it is not shaped like a token (then nothing matches). */
int token_hash(const char *token, size_t len, unsigned char out[TOKEN_HASH_LEN]);
#endif
