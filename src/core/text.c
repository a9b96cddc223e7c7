/* text — UTF-8 validation and name rules. See text.h. */
#include "text.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Decodes one code point at s[0..len). Returns its byte length, or 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0) return 0;
    unsigned char c = s[0];
    if (c < 0x80) { *cp = c; return 1; }
    size_t n; uint32_t v, min;
    if ((c & 0xE0) == 0xC0) { n = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { n = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { n = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (len < n) return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

long text_utf8_count(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    long count = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) return -1;
        i += n;
        count++;
    }
    return count;
}

static int is_space_cp(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
           cp == 0xA0 || cp == 0x3000 || cp == 0x2007 || cp == 0x202F;
}

/* Control characters and invisible line breakers that would let a name spoof layout. */
static int is_control_cp(uint32_t cp, int allow_newline)
{
    if (allow_newline && (cp == '\n' || cp == '\t')) return 0;
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); /* bidi overrides */
}

text_status text_clean_name(const char *s, size_t len, size_t max_chars, char *out, size_t out_size)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, first = len, last_end = 0;
    size_t chars = 0;
    /* One pass: validate, find the first and last non-space code points. */
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) return TEXT_BAD_UTF8;
        if (!is_space_cp(cp)) {
            if (is_control_cp(cp, 0)) return TEXT_CONTROL_CHAR;
            if (first == len) first = i;
            last_end = i + n;
        } else if (cp < 0x20 && cp != '\t' && cp != ' ') {
            /* newline or other C0 white space inside a name is a control character, trimmed or not */
            return TEXT_CONTROL_CHAR;
        }
        i += n;
    }
    if (first == len) return TEXT_EMPTY;
    for (i = first; i < last_end;) {
        uint32_t cp;
        i += utf8_decode(p + i, last_end - i, &cp);
        if (cp == '\t') return TEXT_CONTROL_CHAR;   /* trimmed at the ends, refused inside */
        chars++;
    }
    if (chars > max_chars) return TEXT_TOO_LONG;
    size_t out_len = last_end - first;
    if (out_size < out_len + 1) return TEXT_TOO_LONG;
    memcpy(out, s + first, out_len);
    out[out_len] = '\0';
    return TEXT_OK;
}

text_status text_check_message(const char *s, size_t len, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, chars = 0;
    int any_visible = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(p + i, len - i, &cp);
        if (n == 0) return TEXT_BAD_UTF8;
        if (cp == '\r') cp = '\n';
        if (is_control_cp(cp, 1)) return TEXT_CONTROL_CHAR;
        if (!is_space_cp(cp)) any_visible = 1;
        chars++;
        i += n;
    }
    if (!any_visible) return TEXT_EMPTY;
    if (chars > max_chars) return TEXT_TOO_LONG;
    return TEXT_OK;
}

const char *text_status_message(text_status st, const char *field, size_t max_chars, char *buf, size_t size)
{
    switch (st) {
    case TEXT_OK: snprintf(buf, size, "The %s is fine.", field); break;
    case TEXT_EMPTY: snprintf(buf, size, "The %s is empty; type at least one visible character.", field); break;
    case TEXT_TOO_LONG: snprintf(buf, size, "The %s is too long; use at most %zu characters.", field, max_chars); break;
    case TEXT_BAD_UTF8: snprintf(buf, size, "The %s is not valid UTF-8 text.", field); break;
    case TEXT_CONTROL_CHAR: snprintf(buf, size, "The %s contains a control character or line break; remove it.", field); break;
    }
    return buf;
}
