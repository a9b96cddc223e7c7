/* call_link — a session's link to another call system (Jitsi Meet, BigBlueButton, …) as a URL
 * template with placeholders {session} (join code), {round}, {room} (number) and {room_id}.
 * Owns what a valid template is and how it expands for one room. Pure string work. */
#ifndef SOFTCLOSE_CALL_LINK_H
#define SOFTCLOSE_CALL_LINK_H
#include <stddef.h>

#define CALL_LINK_MAX_BYTES 500
#define CALL_LINK_EXPANDED_MAX 1024   /* every placeholder expands to at most 36 bytes */

typedef enum {
    CALL_LINK_OK = 0,
    CALL_LINK_TOO_LONG,
    CALL_LINK_NOT_HTTP,        /* must start http:// or https:// */
    CALL_LINK_BAD_CHAR,        /* white space, control characters, quotes, < > \ */
    CALL_LINK_BAD_PLACEHOLDER, /* a {…} that is not one of the four, or an unmatched brace */
} call_link_status;

/* "" is valid: it means the built-in call. */
call_link_status call_link_validate(const char *tmpl, size_t len);
const char *call_link_status_message(call_link_status st);
/* Expands a valid template into out. Returns 0, or -1 if out is too small. */
int call_link_expand(const char *tmpl, const char *session_code, unsigned round, unsigned room, const char *room_id,
                     char *out, size_t out_size);
#endif
