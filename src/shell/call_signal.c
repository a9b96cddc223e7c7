/* call_signal — see call_signal.h. */
#include "call_signal.h"
#include <stdio.h>
#include <string.h>

static int only_keys(json_t *o, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        int ok = 0;
        for (size_t i = 0; allowed[i] && !ok; i++) ok = !strcmp(key, allowed[i]);
        if (!ok) return 0;
    }
    return 1;
}

static int string_or_null(json_t *o, const char *key, size_t max)
{
    json_t *v = json_object_get(o, key);
    return !v || json_is_null(v) || (json_is_string(v) && json_string_length(v) <= max);
}

static proto_error check_candidate(json_t *cand, char *why, size_t why_size)
{
    static const char *const keys[] = { "candidate", "sdpMid", "sdpMLineIndex", "usernameFragment", NULL };
    if (json_is_null(cand)) return ERR_COUNT;   /* end of candidates */
    json_t *line = json_object_get(cand, "candidate"), *index = json_object_get(cand, "sdpMLineIndex");
    if (!json_is_object(cand) || !only_keys(cand, keys) || !json_is_string(line) || json_string_length(line) > 1024 ||
        !string_or_null(cand, "sdpMid", 64) || !string_or_null(cand, "usernameFragment", 256) ||
        (index && !json_is_null(index) && (!json_is_integer(index) || json_integer_value(index) < 0 || json_integer_value(index) > 255))) {
        snprintf(why, why_size, "\"signal.candidate\" must be null or {candidate, sdpMid?, sdpMLineIndex?, usernameFragment?}.");
        return ERR_BAD_REQUEST;
    }
    return ERR_COUNT;
}

/* The serialised size, from the string lengths (escapes aside) rather than by serialising: a
 * relay already parses the signal once and writes it once, and the profile of 10,000 browsers
 * joining their calls showed jansson as the largest cost. Overhead per key is generous. */
static size_t signal_size(json_t *v)
{
    if (json_is_string(v)) return json_string_length(v) + 2;
    if (!json_is_object(v)) return 24;   /* numbers, null, booleans */
    size_t n = 2;
    const char *key;
    json_t *item;
    json_object_foreach(v, key, item) n += strlen(key) + 4 + signal_size(item);
    return n;
}

proto_error call_signal_check(json_t *signal, char *why, size_t why_size)
{
    static const char *const sdp_keys[] = { "kind", "sdp", NULL }, *const cand_keys[] = { "kind", "candidate", NULL };
    if (!json_is_object(signal)) {
        snprintf(why, why_size, "The field \"signal\" is required and must be an object.");
        return ERR_BAD_REQUEST;
    }
    size_t size = signal_size(signal);
    if (size > CALL_SIGNAL_MAX_BYTES) {
        snprintf(why, why_size, "The signal is about %zu bytes; at most %d are relayed.", size, CALL_SIGNAL_MAX_BYTES);
        return ERR_TOO_LARGE;
    }
    const char *kind = json_string_value(json_object_get(signal, "kind"));
    if (kind && (!strcmp(kind, "offer") || !strcmp(kind, "answer"))) {
        if (only_keys(signal, sdp_keys) && json_is_string(json_object_get(signal, "sdp"))) return ERR_COUNT;
        snprintf(why, why_size, "An %s signal is {kind, sdp} with sdp a string.", kind);
        return ERR_BAD_REQUEST;
    }
    if (kind && !strcmp(kind, "candidate")) {
        if (only_keys(signal, cand_keys) && json_object_get(signal, "candidate")) return check_candidate(json_object_get(signal, "candidate"), why, why_size);
        snprintf(why, why_size, "A candidate signal is {kind, candidate}.");
        return ERR_BAD_REQUEST;
    }
    snprintf(why, why_size, "\"signal.kind\" must be \"offer\", \"answer\" or \"candidate\".");
    return ERR_BAD_REQUEST;
}
