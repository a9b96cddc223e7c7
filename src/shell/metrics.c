/* metrics — see metrics.h. Plain counters on the service thread; rendered on request. */
#include "metrics.h"
#include "protocol.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the bounded label sets -------------------------------------------------------------- */

/* Every message type the protocol knows, in and out (docs/PROTOCOL.md). Anything else counts as
 * "other", so a client sending made-up types cannot grow the label set. tests/unit/test_metrics.c
 * checks every route is here. */
static const char *const known_types[] = {
    "broadcast", "call_chat", "call_chat_history", "call_ended", "call_ice", "call_join", "call_joined",
    "call_leave", "call_peer", "call_peer_joined", "call_peer_left", "call_signal", "call_state",
    "create_session", "delete_me", "draft_saved", "drafts", "end_round", "end_session", "error", "export", "extend",
    "feedback", "feedback_amend", "feedback_check", "feedback_draft", "feedback_hints", "feedback_list",
    "feedback_revised", "feedback_send", "feedback_sent", "followup", "followup_ack", "followup_delete",
    "followup_read", "followup_receipt", "followup_send", "followup_sent", "followup_withdrawn", "hello", "help",
    "help_ack", "help_acked", "help_acknowledged", "help_list", "help_requested", "inbox", "join", "launch_round",
    "leave", "link_revoked", "lobby", "move", "my_rooms", "ok", "pause", "phase", "ping", "pong", "resume",
    "revoke_link", "room", "room_update", "rooms", "rooms_update", "roster", "roster_update", "round_launched",
    "session_created", "session_ended", "session_settings", "signed_out", "stats", "welcome",
};
#define N_TYPES (sizeof known_types / sizeof known_types[0])
#define OTHER N_TYPES            /* index of "other" */
#define TYPE_SLOTS 256           /* open addressing; power of two, > 2 * N_TYPES */

static uint16_t type_slot[TYPE_SLOTS];   /* index + 1, 0 = empty */
static int types_ready;

static uint32_t hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void types_init(void)
{
    for (size_t i = 0; i < N_TYPES; i++) {
        uint32_t k = hash(known_types[i], strlen(known_types[i])) & (TYPE_SLOTS - 1);
        while (type_slot[k]) k = (k + 1) & (TYPE_SLOTS - 1);
        type_slot[k] = (uint16_t)(i + 1);
    }
    types_ready = 1;
}

static size_t type_index(const char *s, size_t len)
{
    if (!types_ready) types_init();
    if (len == 0 || len > 40) return OTHER;
    for (uint32_t k = hash(s, len) & (TYPE_SLOTS - 1); type_slot[k]; k = (k + 1) & (TYPE_SLOTS - 1)) {
        const char *t = known_types[type_slot[k] - 1];
        if (strlen(t) == len && !memcmp(t, s, len)) return type_slot[k] - 1u;
    }
    return OTHER;
}

int metrics_known_type(const char *type) { return type && type_index(type, strlen(type)) != OTHER; }

/* ---- the numbers ------------------------------------------------------------------------- */

#define N_BUCKETS 11
typedef struct {
    const char *name, *help;
    double le[N_BUCKETS];
    uint64_t counts[N_BUCKETS + 1];   /* per bucket (not cumulative); the last is +Inf */
    double sum;
    uint64_t count;
} histogram;

static histogram hists[MH_COUNT] = {
    [MH_LAUNCH] = { "softclose_launch_duration_seconds",
                    "Time a launch_round took, from planning the rooms to every message queued.",
                    { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 }, { 0 }, 0, 0 },
    [MH_COMMIT] = { "softclose_commit_duration_seconds",
                    "Time one COMMIT took, its fsync included (synchronous=FULL).",
                    { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1 }, { 0 }, 0, 0 },
    [MH_TIMER_LATENESS] = { "softclose_timer_lateness_seconds",
                            "How long after the earliest due room deadline the deadline timer ran.",
                            { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5 }, { 0 }, 0, 0 },
};

static uint64_t counters[MC_COUNT];
static uint64_t msgs_in[N_TYPES + 1], msgs_out[N_TYPES + 1];
static uint64_t errors[ERR_COUNT];
static int64_t conns[3];          /* by auth_actor: anonymous, facilitator, participant */
static int64_t queue_bytes;

void metrics_inc(metrics_counter c) { counters[c]++; }
void metrics_add(metrics_counter c, uint64_t n) { counters[c] += n; }

void metrics_observe(metrics_hist which, double seconds)
{
    histogram *h = &hists[which];
    size_t b = 0;
    while (b < N_BUCKETS && seconds > h->le[b]) b++;
    h->counts[b]++;
    h->sum += seconds;
    h->count++;
}

void metrics_msg_in(const char *type) { msgs_in[type ? type_index(type, strlen(type)) : OTHER]++; }

void metrics_msg_out(const char *p, size_t len)
{
    static const char head[] = "{\"type\":\"";
    const size_t hl = sizeof head - 1;
    if (len <= hl || memcmp(p, head, hl)) { msgs_out[OTHER]++; return; }
    const char *t = p + hl, *end = memchr(t, '"', len - hl < 48 ? len - hl : 48);
    size_t i = end ? type_index(t, (size_t)(end - t)) : OTHER;
    msgs_out[i]++;
    if (i == OTHER || strcmp(known_types[i], "error")) return;
    static const char code[] = "\"code\":\"";
    const char *c = memmem(p, len, code, sizeof code - 1);
    if (!c) return;
    c += sizeof code - 1;
    const char *ce = memchr(c, '"', (size_t)(p + len - c));
    if (!ce) return;
    for (int e = 0; e < ERR_COUNT; e++) {
        const char *name = proto_error_code((proto_error)e);
        if (strlen(name) == (size_t)(ce - c) && !memcmp(name, c, (size_t)(ce - c))) { errors[e]++; return; }
    }
}

void metrics_conn_role(int from, int to)
{
    if (from >= 0 && from < 3) conns[from]--;
    if (to >= 0 && to < 3) conns[to]++;
}

void metrics_queue_bytes(int64_t delta) { queue_bytes += delta; }

void metrics_reset(void)
{
    memset(counters, 0, sizeof counters);
    memset(msgs_in, 0, sizeof msgs_in);
    memset(msgs_out, 0, sizeof msgs_out);
    memset(errors, 0, sizeof errors);
    memset(conns, 0, sizeof conns);
    queue_bytes = 0;
    for (int i = 0; i < MH_COUNT; i++) {
        memset(hists[i].counts, 0, sizeof hists[i].counts);
        hists[i].sum = 0;
        hists[i].count = 0;
    }
}

/* ---- rendering --------------------------------------------------------------------------- */

typedef struct { char *p; size_t len, cap; int failed; } buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
    if (b->failed) return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0) { b->failed = 1; return; }
        if ((size_t)n < b->cap - b->len) { b->len += (size_t)n; return; }
        size_t cap = b->cap * 2 + (size_t)n;
        char *grown = realloc(b->p, cap);
        if (!grown) { b->failed = 1; return; }
        b->p = grown;
        b->cap = cap;
    }
}

static void head(buf *b, const char *name, const char *type, const char *help)
{
    put(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void one(buf *b, const char *name, const char *type, const char *help, double v)
{
    head(b, name, type, help);
    put(b, "%s %.17g\n", name, v);
}

static void by_type(buf *b, const char *name, const char *help, const uint64_t *counts)
{
    head(b, name, "counter", help);
    for (size_t i = 0; i < N_TYPES; i++)
        if (counts[i]) put(b, "%s{type=\"%s\"} %llu\n", name, known_types[i], (unsigned long long)counts[i]);
    put(b, "%s{type=\"other\"} %llu\n", name, (unsigned long long)counts[OTHER]);
}

static void render_hist(buf *b, const histogram *h)
{
    head(b, h->name, "histogram", h->help);
    uint64_t cum = 0;
    for (size_t i = 0; i < N_BUCKETS; i++) {
        cum += h->counts[i];
        put(b, "%s_bucket{le=\"%g\"} %llu\n", h->name, h->le[i], (unsigned long long)cum);
    }
    cum += h->counts[N_BUCKETS];
    put(b, "%s_bucket{le=\"+Inf\"} %llu\n%s_sum %.17g\n%s_count %llu\n", h->name, (unsigned long long)cum, h->name, h->sum,
        h->name, (unsigned long long)h->count);
}

char *metrics_render(const metrics_gauges *g, size_t *len)
{
    buf b = { malloc(16384), 0, 16384, 0 };
    if (!b.p) return NULL;
    head(&b, "softclose_build_info", "gauge", "Always 1; the version is a label.");
    put(&b, "softclose_build_info{version=\"0.1.0\"} 1\n");
    one(&b, "softclose_start_time_seconds", "gauge", "When the server started, seconds since the Unix epoch.",
        (double)g->start_time_ms / 1000.0);
    head(&b, "softclose_connections", "gauge", "Open WebSocket connections by who signed in on them.");
    static const char *const roles[3] = { "anonymous", "facilitator", "participant" };
    for (int i = 0; i < 3; i++) put(&b, "softclose_connections{role=\"%s\"} %lld\n", roles[i], (long long)conns[i]);
    one(&b, "softclose_connection_capacity", "gauge", "Connections the server can hold (open-file limit less a reserve).",
        (double)g->connection_capacity);
    one(&b, "softclose_sessions", "gauge", "Sessions in memory (every session not yet purged).", (double)g->sessions);
    head(&b, "softclose_rooms", "gauge", "Rooms not yet closed, by phase.");
    put(&b, "softclose_rooms{phase=\"practice\"} %llu\nsoftclose_rooms{phase=\"feedback\"} %llu\n"
            "softclose_rooms{phase=\"soften\"} %llu\n",
        (unsigned long long)g->rooms_practice, (unsigned long long)g->rooms_feedback, (unsigned long long)g->rooms_soften);
    one(&b, "softclose_rooms_paused", "gauge", "Rooms not yet closed whose clock is paused.", (double)g->rooms_paused);
    one(&b, "softclose_participants_present", "gauge", "Participants who joined a session and have not left it.",
        (double)g->participants_present);
    one(&b, "softclose_participants_online", "gauge", "Participants with at least one open connection.",
        (double)g->participants_online);
    by_type(&b, "softclose_messages_received_total", "WebSocket messages received, by envelope type (unknown: other).", msgs_in);
    by_type(&b, "softclose_messages_sent_total", "WebSocket messages queued for sending, by type.", msgs_out);
    head(&b, "softclose_errors_total", "counter", "Error replies sent, by code.");
    for (int e = 0; e < ERR_COUNT; e++)
        put(&b, "softclose_errors_total{code=\"%s\"} %llu\n", proto_error_code((proto_error)e), (unsigned long long)errors[e]);
    one(&b, "softclose_queue_bytes", "gauge", "Bytes queued for sending across all connections.", (double)queue_bytes);
    one(&b, "softclose_laggards_culled_total", "counter", "Connections closed because their queue passed its limit.",
        (double)counters[MC_LAGGARDS_CULLED]);
    one(&b, "softclose_commit_failures_total", "counter", "COMMITs that failed; the change was refused and not applied.",
        (double)counters[MC_COMMIT_FAILURES]);
    one(&b, "softclose_retention_purged_total", "counter", "Follow-ups and drafts removed by the retention purge.",
        (double)counters[MC_RETENTION_PURGED]);
    for (int i = 0; i < MH_COUNT; i++) render_hist(&b, &hists[i]);
    if (g->followups_pending >= 0)
        one(&b, "softclose_followups_pending", "gauge", "Follow-ups sent but not yet delivered to their recipient.",
            (double)g->followups_pending);
    if (g->database_bytes >= 0)
        one(&b, "softclose_database_bytes", "gauge", "Size of the database (page_count * page_size; the WAL not included).",
            (double)g->database_bytes);
    one(&b, "softclose_sqlite_memory_bytes", "gauge",
        "Heap held by SQLite in this process: the page caches of every connection and prepared statements.",
        (double)g->sqlite_memory_bytes);
    one(&b, "softclose_calls", "gauge", "Rooms with at least one person in their call.", (double)g->calls);
    one(&b, "softclose_call_peers", "gauge", "People (browser windows) in calls.", (double)g->call_peers);
    one(&b, "softclose_call_signals_relayed_total", "counter", "Call signals (offer, answer, ICE) relayed to a peer.",
        (double)counters[MC_SIGNALS_RELAYED]);
    if (b.failed) { free(b.p); return NULL; }
    *len = b.len;
    return b.p;
}
