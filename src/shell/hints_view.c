/* hints_view — see hints_view.h. */
#include "hints_view.h"
#include <string.h>

static soften_result result;   /* large; the service thread is the only caller */

soften_status hints_check(const char *text, size_t len, soften_context context, const soften_result **out)
{
    soften_status st = soften_check_ctx(text, len, context, &result);
    if (st != SOFTEN_OK) result.n_flags = result.n_markers = 0;
    if (out) *out = &result;
    return st;
}

size_t hints_count(const char *text, size_t len, soften_context context)
{
    return hints_check(text, len, context, NULL) == SOFTEN_OK ? result.n_flags : 0;
}

json_t *view_hint_flags(const soften_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->n_flags; i++) {
        const soften_flag *f = &res->flags[i];
        json_array_append_new(a, json_pack("{s:s, s:I, s:I, s:s, s:s, s:{s:I, s:I, s:s}}", "rule", f->rule,
                                           "start", (json_int_t)f->start, "end", (json_int_t)f->end, "why", f->why,
                                           "suggestion", f->suggestion, "use", "start", (json_int_t)f->use.start,
                                           "end", (json_int_t)f->use.end, "text", f->use.text));
    }
    return a;
}

json_t *view_hint_markers(const soften_result *res)
{
    json_t *a = json_array();
    for (size_t i = 0; i < res->n_markers; i++) json_array_append_new(a, json_string(res->markers[i]));
    return a;
}

json_t *view_hints_of_text(const char *text)
{
    const soften_result *res;
    hints_check(text, strlen(text), SOFTEN_CONTEXT_FEEDBACK, &res);
    return view_hint_flags(res);
}

void reply_needs_softening(conn *c, proto_request *r, const char *message)
{
    json_t *m = proto_error_reply(r ? r->id : NULL, ERR_NEEDS_SOFTENING, message);
    json_object_set_new(m, "hints", view_hint_flags(&result));
    conn_send(c, m);
    json_decref(m);
}
