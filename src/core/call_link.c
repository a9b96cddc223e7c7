/* call_link — see call_link.h. */
#include "call_link.h"
#include <stdio.h>
#include <string.h>

static const char *const names[] = { "session", "round", "room", "room_id" };
#define N_NAMES (sizeof names / sizeof names[0])

/* The placeholder starting at s (after '{'), as an index into names, or -1. */
static int placeholder(const char *s, size_t left, size_t *used)
{
    for (size_t i = 0; i < N_NAMES; i++) {
        size_t n = strlen(names[i]);
        if (left > n && !memcmp(s, names[i], n) && s[n] == '}') { *used = n + 1; return (int)i; }
    }
    return -1;
}

call_link_status call_link_validate(const char *tmpl, size_t len)
{
    if (len == 0) return CALL_LINK_OK;
    if (len > CALL_LINK_MAX_BYTES) return CALL_LINK_TOO_LONG;
    if (strncmp(tmpl, "https://", 8) && strncmp(tmpl, "http://", 7)) return CALL_LINK_NOT_HTTP;
    if ((!strncmp(tmpl, "https://", 8) && len == 8) || len == 7) return CALL_LINK_NOT_HTTP;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)tmpl[i];
        if (ch <= ' ' || ch == 0x7f || strchr("\"'<>\\`", ch)) return CALL_LINK_BAD_CHAR;
        if (ch == '}') return CALL_LINK_BAD_PLACEHOLDER;
        if (ch == '{') {
            size_t used;
            if (placeholder(tmpl + i + 1, len - i - 1, &used) < 0) return CALL_LINK_BAD_PLACEHOLDER;
            i += used;
        }
    }
    return CALL_LINK_OK;
}

const char *call_link_status_message(call_link_status st)
{
    switch (st) {
    case CALL_LINK_OK: return "OK.";
    case CALL_LINK_TOO_LONG: return "The call link is too long; use at most 500 characters.";
    case CALL_LINK_NOT_HTTP: return "The call link must be a web address starting with https:// (or http://).";
    case CALL_LINK_BAD_CHAR: return "The call link may not contain spaces, quotes, angle brackets or backslashes.";
    case CALL_LINK_BAD_PLACEHOLDER:
        return "The call link may use only the placeholders {session}, {round}, {room} and {room_id}.";
    }
    return "The call link is not valid.";
}

int call_link_expand(const char *tmpl, const char *session_code, unsigned round, unsigned room, const char *room_id,
                     char *out, size_t out_size)
{
    size_t len = strlen(tmpl), o = 0;
    for (size_t i = 0; i < len; i++) {
        char value[48];
        size_t used;
        int which = tmpl[i] == '{' ? placeholder(tmpl + i + 1, len - i - 1, &used) : -1;
        if (which < 0) {
            if (o + 1 >= out_size) return -1;
            out[o++] = tmpl[i];
            continue;
        }
        if (which == 0) snprintf(value, sizeof value, "%s", session_code);
        else if (which == 1) snprintf(value, sizeof value, "%u", round);
        else if (which == 2) snprintf(value, sizeof value, "%u", room);
        else snprintf(value, sizeof value, "%s", room_id);
        size_t n = strlen(value);
        if (o + n >= out_size) return -1;
        memcpy(out + o, value, n);
        o += n;
        i += used;
    }
    if (o >= out_size) return -1;
    out[o] = '\0';
    return 0;
}
