/* metrics — the numbers /metrics shows (Prometheus text format 0.0.4). Owns: counters,
 * histograms with fixed buckets, the bounded tables of message types and error codes, and
 * rendering everything into one buffer. Every metrics_* call is a plain increment on the service
 * thread (no locks, no atomics): the launch's helper thread never calls them (it records its
 * commit time in its own struct; feat_launch reports it after the join). Gauges that describe
 * the world (sessions, rooms, people, the database) are read when /metrics is asked for, by
 * metrics_scrape.c, and passed in to metrics_render. Includes nothing of the shell, so anything
 * may call it. */
#ifndef SOFTCLOSE_METRICS_H
#define SOFTCLOSE_METRICS_H
#include <stddef.h>
#include <stdint.h>

typedef enum {
    MC_LAGGARDS_CULLED,      /* connections closed because their queue passed a limit */
    MC_SIGNALS_RELAYED,      /* call_signal messages passed on to a peer */
    MC_COMMIT_FAILURES,      /* COMMITs that failed (the change was not applied) */
    MC_RETENTION_PURGED,     /* follow-ups and drafts removed by the retention purge */
    MC_COUNT
} metrics_counter;

typedef enum {
    MH_LAUNCH,               /* launch_round handler, from planning to everything queued */
    MH_COMMIT,               /* one COMMIT (with its fsync) */
    MH_TIMER_LATENESS,       /* how late the deadline timer fired after the earliest due deadline */
    MH_COUNT
} metrics_hist;

void metrics_inc(metrics_counter c);
void metrics_add(metrics_counter c, uint64_t n);
void metrics_observe(metrics_hist h, double seconds);

/* A message received, by its envelope type (NULL when it could not be parsed: "other"). */
void metrics_msg_in(const char *type);
/* A message queued for a connection: its type is read from the serialised text (every message
 * starts {"type":"…"); an error also counts under its code. */
void metrics_msg_out(const char *payload, size_t len);
/* A connection changed role: from/to are auth_actor values (0 anonymous, 1 facilitator,
 * 2 participant), or -1 for "no connection" (opened / closed). */
void metrics_conn_role(int from, int to);
/* Bytes waiting in connection queues went up or down by delta. */
void metrics_queue_bytes(int64_t delta);

/* 1 when type is one of the known message types (the label set of messages_*_total). */
int metrics_known_type(const char *type);

/* What is read from the world and the database at scrape time. */
typedef struct {
    int64_t start_time_ms;
    uint64_t sessions, participants_present, participants_online;
    uint64_t rooms_practice, rooms_feedback, rooms_soften, rooms_paused;
    uint64_t calls, call_peers;
    int64_t followups_pending;   /* -1: could not be read */
    int64_t database_bytes;      /* -1: could not be read */
    int64_t sqlite_memory_bytes; /* all SQLite's heap in this process (page caches of every connection, statements) */
    uint64_t connection_capacity;
} metrics_gauges;

/* Renders every metric; returns a malloc'd buffer (caller frees) and its length, or NULL. */
char *metrics_render(const metrics_gauges *g, size_t *len);
/* Zeroes every counter and histogram (tests). */
void metrics_reset(void);
#endif
