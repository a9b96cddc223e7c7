/* protocol — the JSON envelope: parsing a request, checking its fields, and building replies.
 * Owns: error codes and their wire names, the request-id echo (`id` in, `re` out), and the rule
 * that unknown fields are refused (a typo must not silently do nothing). */
#ifndef SOFTCLOSE_PROTOCOL_H
#define SOFTCLOSE_PROTOCOL_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define PROTO_MAX_MESSAGE_BYTES (16 * 1024)
#define PROTO_MAX_ID_CHARS 64

typedef enum {
    ERR_BAD_JSON = 0, ERR_BAD_REQUEST, ERR_UNKNOWN_TYPE, ERR_UNAUTHORIZED, ERR_FORBIDDEN, ERR_NOT_FOUND,
    ERR_CONFLICT, ERR_TOO_LARGE, ERR_RATE_LIMITED, ERR_NEEDS_SOFTENING, ERR_INTERNAL, ERR_COUNT
} proto_error;

const char *proto_error_code(proto_error e);

/* A parsed request: the object, its type, and its id (NULL if none). Borrowed from `root`. */
typedef struct {
    json_t *root;
    const char *type;
    json_t *id;
} proto_request;

/* Parses one message. On failure returns the error kind and writes a sentence into why;
 * req->id is still filled when the object was readable enough to have one. */
int proto_parse(const char *buf, size_t len, proto_request *req, proto_error *err, char *why, size_t why_size);

/* Refuses any field not in `allowed` (NULL-terminated; "type" and "id" are always allowed).
 * Returns 0 or -1 with a sentence naming the first unknown field. */
int proto_check_fields(json_t *obj, const char *const *allowed, char *why, size_t why_size);

/* Field getters that write a sentence naming the field on failure. */
int proto_get_string(json_t *obj, const char *key, int required, const char **out, size_t *len, char *why, size_t why_size);
int proto_get_int(json_t *obj, const char *key, int required, json_int_t min, json_int_t max, json_int_t *out,
                  char *why, size_t why_size);
int proto_get_bool(json_t *obj, const char *key, int *out, char *why, size_t why_size);

/* {"type":"error","re":id,"code":...,"message":...}; id may be NULL. Returns a new reference. */
json_t *proto_error_reply(json_t *id, proto_error e, const char *message);
/* Adds "re": id to a reply object (no-op when id is NULL). Returns obj. */
json_t *proto_with_re(json_t *obj, json_t *id);
#endif
