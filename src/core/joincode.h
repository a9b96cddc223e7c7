/* joincode — the short code people type to join a session.
 * Owns: the alphabet (no look-alikes: no 0/O, 1/I/L), generation from caller-supplied random bytes
 * (the core has no randomness source of its own), and forgiving parsing of what people type. */
#ifndef SOFTCLOSE_JOINCODE_H
#define SOFTCLOSE_JOINCODE_H
#include <stddef.h>

#define JOINCODE_LEN 6
#define JOINCODE_ALPHABET "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#define JOINCODE_INPUT_MAX 32   /* longest raw input accepted before parsing */

/* Makes a code from random bytes by rejection sampling (no modulo bias). `random` must hold
 * at least `n_random` bytes; 32 bytes are plenty. Returns 0, or -1 if the bytes ran out. */
int joincode_make(const unsigned char *random, size_t n_random, char out[JOINCODE_LEN + 1]);

/* Normalises typed input: ASCII letters upper-cased, spaces, tabs and dashes dropped. Characters
 * outside the alphabet (0, O, 1, I, L, punctuation) are rejected rather than guessed, because a
 * wrong guess would count as a failed join attempt. Returns 0 and writes the canonical code, or -1. */
int joincode_parse(const char *input, size_t len, char out[JOINCODE_LEN + 1]);
#endif
