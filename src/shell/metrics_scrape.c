/* metrics_scrape — see metrics_scrape.h. */
#include "metrics_scrape.h"
#include "app.h"
#include "metrics.h"
#include "call.h"
#include "rounds.h"
#include <string.h>
#include <strings.h>

int metrics_scrape_authorized(const char *authorization)
{
    const char *want = app->cfg->metrics_token;
    if (!*want) return 1;
    if (!authorization || strncasecmp(authorization, "Bearer ", 7)) return 0;
    const char *got = authorization + 7;
    while (*got == ' ') got++;
    size_t gl = strlen(got), wl = strlen(want);
    unsigned char diff = gl != wl;
    for (size_t i = 0; i < wl; i++) diff |= (unsigned char)(want[i] ^ (i < gl ? got[i] : 0));
    return diff == 0;
}

static int64_t query_int(const char *sql)
{
    sqlite3_stmt *q = store_prepare(app->store, sql);
    int64_t v = -1;
    if (q && sqlite3_step(q) == SQLITE_ROW) v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return v;
}

char *metrics_scrape(size_t capacity, size_t *len)
{
    const sc_world *w = &app->world;
    metrics_gauges g = { .start_time_ms = app->started_ms, .sessions = w->n_sessions, .connection_capacity = capacity };
    for (size_t i = 0; i < w->n_sessions; i++) {
        const sc_session *s = w->sessions[i];
        g.participants_present += s->n_present;
        for (size_t k = 0; k < s->n_people; k++) g.participants_online += s->people[k]->online > 0 && !s->people[k]->left_ms;
    }
    for (size_t i = 0; i < w->n_live_rooms; i++) {
        const sc_room *r = w->live_rooms[i];
        switch (r->clock.phase) {
        case PHASE_PRACTICE: g.rooms_practice++; break;
        case PHASE_FEEDBACK: g.rooms_feedback++; break;
        case PHASE_SOFTEN: g.rooms_soften++; break;
        default: break;
        }
        g.rooms_paused += r->clock.paused != 0;
        if (r->call && r->call->n) { g.calls++; g.call_peers += r->call->n; }
    }
    g.followups_pending = query_int("SELECT count(*) FROM followups WHERE delivered_ms = 0 AND withdrawn_ms = 0");
    int64_t pages = query_int("PRAGMA page_count"), size = query_int("PRAGMA page_size");
    g.database_bytes = pages >= 0 && size >= 0 ? pages * size : -1;
    g.sqlite_memory_bytes = sqlite3_memory_used();
    return metrics_render(&g, len);
}
