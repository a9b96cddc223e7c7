/* metrics_scrape — answering GET /metrics: the bearer-token check and the gauges read from the
 * world and the database at that moment (sessions, rooms by phase, people, calls, follow-ups
 * pending, database size), rendered with the counters by metrics.c. Service thread only. */
#ifndef SOFTCLOSE_METRICS_SCRAPE_H
#define SOFTCLOSE_METRICS_SCRAPE_H
#include <stddef.h>

/* 1 when no token is configured, or `authorization` is "Bearer <the token>" (compared in
 * constant time); 0 otherwise. authorization may be NULL (no header). */
int metrics_scrape_authorized(const char *authorization);
/* The whole text exposition; malloc'd (caller frees), or NULL. */
char *metrics_scrape(size_t capacity, size_t *len);
#endif
