/* text — UTF-8 validation and the rules for human-entered names.
 * Owns: what counts as a valid display name or session name (length in characters, not bytes;
 * no control characters; trimmed). Pure: no I/O, no allocation beyond the caller's buffer. */
#ifndef SOFTCLOSE_TEXT_H
#define SOFTCLOSE_TEXT_H
#include <stddef.h>

#define TEXT_NAME_MAX_CHARS 40          /* display name */
#define TEXT_SESSION_NAME_MAX_CHARS 80  /* session name */
#define TEXT_NAME_MAX_BYTES (80 * 4)    /* worst case UTF-8 for the longest name */

typedef enum {
    TEXT_OK = 0,
    TEXT_EMPTY,        /* nothing left after trimming */
    TEXT_TOO_LONG,     /* more characters than allowed */
    TEXT_BAD_UTF8,     /* not valid UTF-8 (overlong, surrogate, truncated...) */
    TEXT_CONTROL_CHAR  /* C0/C1 control, DEL, or a line/paragraph separator */
} text_status;

/* Number of code points if `s` is valid UTF-8, or -1. Rejects overlongs, surrogates, > U+10FFFF. */
long text_utf8_count(const char *s, size_t len);

/* Validates and normalises a name: trims leading/trailing white space (ASCII and U+00A0/U+3000),
 * checks UTF-8, control characters and 1..max_chars characters. On TEXT_OK writes the trimmed name,
 * NUL-terminated, to out (out_size must be >= len + 1). */
text_status text_clean_name(const char *s, size_t len, size_t max_chars, char *out, size_t out_size);

/* A sentence a person can act on, naming `field` ("name", "session name"). Writes into buf. */
const char *text_status_message(text_status st, const char *field, size_t max_chars, char *buf, size_t size);

/* Validates free text (feedback, messages): UTF-8, 1..max_chars characters, no control characters
 * other than newline, carriage return (so CRLF from any keyboard works) and tab. Does not trim. */
text_status text_check_message(const char *s, size_t len, size_t max_chars);
#endif
