/* feat_export — the facilitator's export of the session's history: `export {format}` →
 * `export {format, filename, content_type, bytes, data}` with the file's text in `data` (the
 * browser saves it as a download). Over the facilitator's own WebSocket only: no URL to guess,
 * no token in a link. What it holds: per round and room, who sat there with which role per turn,
 * when they came and went (moves), help requests, and counts of feedback sent and softened —
 * never the text of feedback or follow-ups (store_export does not read it).
 * Limits: the reply at most EXPORT_MAX_BYTES (`too_large` above), and EXPORT_PER_MINUTE per
 * session (`rate_limited`): building the file runs on the service thread. */
#include "app.h"
#include "export_view.h"
#include "ratelimit.h"
#include "registry.h"
#include "reply.h"
#include "store_export.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT_MAX_BYTES (8u * 1024 * 1024)
#define EXPORT_PER_MINUTE 6
#define EXPORT_LIMITED_SESSIONS 64

/* The sessions that exported lately, each with its bucket. A session not here has a full bucket;
 * when every entry is taken, the one that would be full soonest is reused. */
static struct {
    char session_id[SC_ID_LEN + 1];
    ratelimit_window w;
} recent[EXPORT_LIMITED_SESSIONS];

static int64_t take_export(const sc_session *s, int64_t now)
{
    size_t pick = 0;
    for (size_t i = 0; i < EXPORT_LIMITED_SESSIONS; i++) {
        if (!strcmp(recent[i].session_id, s->id)) { pick = i; goto found; }
        if (recent[i].w.tat_ms < recent[pick].w.tat_ms) pick = i;
    }
    snprintf(recent[pick].session_id, sizeof recent[pick].session_id, "%s", s->id);
    recent[pick].w.tat_ms = 0;
found:
    return ratelimit_take(&recent[pick].w, EXPORT_PER_MINUTE, 60000, now);
}

static void h_export(conn *c, proto_request *r, int64_t now)
{
    sc_session *s = c->session;
    const char *format;
    if (req_string(c, r, "format", 1, &format, NULL) != 0) return;
    int csv = !strcmp(format, "csv");
    if (!csv && strcmp(format, "json")) {
        reply_error(c, r, ERR_BAD_REQUEST, "\"format\" must be \"csv\" or \"json\".");
        return;
    }
    int64_t wait = take_export(s, now);
    if (wait) {
        reply_rate_limited(c, r, wait, "The history was exported several times just now; try again in a moment.");
        return;
    }

    store_export e;
    if (store_export_load(app->store, s, &e) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not read the session's history; try again.");
        return;
    }
    char *data = NULL;
    size_t len = 0;
    export_status st = EXPORT_OK;
    if (csv) {
        st = export_csv(s, &e, EXPORT_MAX_BYTES, &data, &len);
    } else {
        json_t *doc = export_json(s, &e, now);
        data = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
        json_decref(doc);
        if (!data) st = EXPORT_NOMEM;
        else if ((len = strlen(data)) > EXPORT_MAX_BYTES) st = EXPORT_TOO_LARGE;
    }
    store_export_free(&e);

    char *text = NULL;
    if (st == EXPORT_OK) {
        char filename[96];
        export_filename(s, now, csv ? "csv" : "json", filename, sizeof filename);
        json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s%}", "type", "export", "format", csv ? "csv" : "json",
                              "filename", filename, "content_type", csv ? "text/csv; charset=utf-8" : "application/json",
                              "bytes", (json_int_t)len, "data", data, len);
        text = m ? json_dumps(proto_with_re(m, r ? r->id : NULL), JSON_COMPACT) : NULL;
        json_decref(m);
        if (!text) st = EXPORT_NOMEM;
        else if (strlen(text) > EXPORT_MAX_BYTES) st = EXPORT_TOO_LARGE;
    }
    free(data);
    if (st == EXPORT_OK) conn_send_raw(c, text, strlen(text));
    else if (st == EXPORT_TOO_LARGE)
        reply_error(c, r, ERR_TOO_LARGE, "The history is larger than %u MiB, more than one message can carry.",
                    EXPORT_MAX_BYTES / (1024 * 1024));
    else reply_error(c, r, ERR_INTERNAL, "The server could not build the file; try again.");
    free(text);
}

static const route routes[] = {
    { "export", ACTION_FACILITATE, FIELDS("format"), h_export },
};

const feature feat_export = { .name = "export", ROUTES(routes) };
