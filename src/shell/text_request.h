/* text_request — reading the free text of a request (feedback, a follow-up) and answering when
 * it is not acceptable: too_large past the byte or character limit, bad_request when empty, not
 * UTF-8 or holding control characters, with a sentence naming what the text is. */
#ifndef SOFTCLOSE_TEXT_REQUEST_H
#define SOFTCLOSE_TEXT_REQUEST_H
#include <stddef.h>
#include "conn.h"
#include "protocol.h"

typedef struct {
    const char *what;         /* "feedback", "message": named in the error sentence */
    size_t max_chars, max_bytes;
} text_limits;

/* Checks a text already read; 0, or -1 after replying. */
int req_check_text(conn *c, proto_request *r, const text_limits *lim, const char *text, size_t len);
/* Reads the required string `field` and checks it (an empty text passes when allow_empty);
 * 0, or -1 after replying. */
int req_text(conn *c, proto_request *r, const char *field, const text_limits *lim, int allow_empty,
             const char **text, size_t *len);
#endif
