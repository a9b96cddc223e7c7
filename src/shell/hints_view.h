/* hints_view — softening hints on the wire. Owns the one soften_result the service thread checks
 * texts into (it is large), the JSON of flags and markers, and the `needs_softening` refusal that
 * feedback and follow-ups share. */
#ifndef SOFTCLOSE_HINTS_VIEW_H
#define SOFTCLOSE_HINTS_VIEW_H
#include <jansson.h>
#include "conn.h"
#include "protocol.h"
#include "soften.h"

/* Checks text into the shared result (valid until the next call). On a refused text (too large,
 * invalid) the result has no flags and the status says why. */
soften_status hints_check(const char *text, size_t len, soften_context context, const soften_result **out);
/* the number of flags, 0 on a refused text */
size_t hints_count(const char *text, size_t len, soften_context context);
json_t *view_hint_flags(const soften_result *res);
json_t *view_hint_markers(const soften_result *res);
json_t *view_hints_of_text(const char *text);       /* flags of a stored feedback text */
/* error needs_softening with the hints of the last hints_check, and a sentence. */
void reply_needs_softening(conn *c, proto_request *r, const char *message);
#endif
