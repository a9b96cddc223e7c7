/* text_request — see text_request.h. */
#include "text_request.h"
#include "reply.h"
#include "text.h"

int req_check_text(conn *c, proto_request *r, const text_limits *lim, const char *text, size_t len)
{
    text_status ts = len > lim->max_bytes ? TEXT_TOO_LONG : text_check_message(text, len, lim->max_chars);
    if (ts == TEXT_OK) return 0;
    char msg[200];
    reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                text_status_message(ts, lim->what, lim->max_chars, msg, sizeof msg));
    return -1;
}

int req_text(conn *c, proto_request *r, const char *field, const text_limits *lim, int allow_empty,
             const char **text, size_t *len)
{
    if (req_string(c, r, field, 1, text, len) < 0) return -1;
    if (*len == 0 && allow_empty) return 0;
    return req_check_text(c, r, lim, *text, *len);
}
