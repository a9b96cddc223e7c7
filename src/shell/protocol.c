/* protocol — see protocol.h. */
#include "protocol.h"
#include <stdio.h>
#include <string.h>

static const char *const codes[ERR_COUNT] = {
    [ERR_BAD_JSON] = "bad_json", [ERR_BAD_REQUEST] = "bad_request", [ERR_UNKNOWN_TYPE] = "unknown_type",
    [ERR_UNAUTHORIZED] = "unauthorized", [ERR_FORBIDDEN] = "forbidden", [ERR_NOT_FOUND] = "not_found",
    [ERR_CONFLICT] = "conflict", [ERR_TOO_LARGE] = "too_large", [ERR_RATE_LIMITED] = "rate_limited",
    [ERR_NEEDS_SOFTENING] = "needs_softening", [ERR_INTERNAL] = "internal",
};

const char *proto_error_code(proto_error e) { return (unsigned)e < ERR_COUNT ? codes[e] : "internal"; }

int proto_parse(const char *buf, size_t len, proto_request *req, proto_error *err, char *why, size_t why_size)
{
    memset(req, 0, sizeof *req);
    json_error_t je;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!root) {
        *err = ERR_BAD_JSON;
        snprintf(why, why_size, "The message is not valid JSON (%s at character %d).", je.text, je.position);
        return -1;
    }
    req->root = root;
    if (!json_is_object(root)) {
        *err = ERR_BAD_REQUEST;
        snprintf(why, why_size, "A message must be a JSON object with a \"type\".");
        return -1;
    }
    json_t *id = json_object_get(root, "id");
    if (id) {
        int ok = (json_is_string(id) && json_string_length(id) >= 1 && json_string_length(id) <= PROTO_MAX_ID_CHARS) ||
                 (json_is_integer(id) && json_integer_value(id) >= 0);
        if (!ok) {
            *err = ERR_BAD_REQUEST;
            snprintf(why, why_size, "\"id\" must be a string of 1 to %d characters or a non-negative integer.", PROTO_MAX_ID_CHARS);
            return -1;
        }
        req->id = id;
    }
    json_t *type = json_object_get(root, "type");
    if (!json_is_string(type) || json_string_length(type) == 0 || json_string_length(type) > 40) {
        *err = ERR_BAD_REQUEST;
        snprintf(why, why_size, "The message needs a \"type\" string, for example \"join\".");
        return -1;
    }
    req->type = json_string_value(type);
    return 0;
}

int proto_check_fields(json_t *obj, const char *const *allowed, char *why, size_t why_size)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        if (!strcmp(key, "type") || !strcmp(key, "id")) continue;
        int ok = 0;
        for (const char *const *a = allowed; a && *a && !ok; a++) ok = !strcmp(*a, key);
        if (!ok) {
            size_t n = strlen(key);
            if (n > 40) {
                n = 40;
                while (n > 0 && ((unsigned char)key[n] & 0xC0) == 0x80) n--;   /* not inside a character */
            }
            snprintf(why, why_size, "Unknown field \"%.*s\" for this message type; check its spelling (see docs/PROTOCOL.md).", (int)n, key);
            return -1;
        }
    }
    return 0;
}

int proto_get_string(json_t *obj, const char *key, int required, const char **out, size_t *len, char *why, size_t why_size)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (!required) { *out = NULL; if (len) *len = 0; return 0; }
        snprintf(why, why_size, "The field \"%s\" is required.", key);
        return -1;
    }
    if (!json_is_string(v)) {
        snprintf(why, why_size, "The field \"%s\" must be a string.", key);
        return -1;
    }
    *out = json_string_value(v);
    if (len) *len = json_string_length(v);
    return 0;
}

int proto_get_int(json_t *obj, const char *key, int required, json_int_t min, json_int_t max, json_int_t *out,
                  char *why, size_t why_size)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (!required) return 1;   /* absent: caller keeps its default */
        snprintf(why, why_size, "The field \"%s\" is required.", key);
        return -1;
    }
    json_int_t n;
    if (json_unpack(v, "I", &n) != 0) {
        snprintf(why, why_size, "The field \"%s\" must be a whole number.", key);
        return -1;
    }
    if (n < min || n > max) {
        snprintf(why, why_size, "The field \"%s\" must be from %" JSON_INTEGER_FORMAT " to %" JSON_INTEGER_FORMAT ".", key, min, max);
        return -1;
    }
    *out = n;
    return 0;
}

int proto_get_bool(json_t *obj, const char *key, int *out, char *why, size_t why_size)
{
    json_t *v = json_object_get(obj, key);
    if (!v) return 1;
    if (!json_is_boolean(v)) {
        snprintf(why, why_size, "The field \"%s\" must be true or false.", key);
        return -1;
    }
    *out = json_is_true(v);
    return 0;
}

json_t *proto_with_re(json_t *obj, json_t *id)
{
    if (id) json_object_set(obj, "re", id);
    return obj;
}

json_t *proto_error_reply(json_t *id, proto_error e, const char *message)
{
    json_t *o = json_pack("{s:s, s:s, s:s}", "type", "error", "code", proto_error_code(e), "message", message);
    if (!o)   /* the sentence quoted something that is not valid UTF-8: every request still gets its reply */
        o = json_pack("{s:s, s:s, s:s}", "type", "error", "code", proto_error_code(e), "message",
                      "The message was refused (see docs/PROTOCOL.md for its fields and limits).");
    return proto_with_re(o, id);
}
