/* iplimit — see iplimit.h. */
#include "iplimit.h"
#include "hashmap.h"
#include "ratelimit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { ratelimit_window w; int64_t last_ms; char ip[64]; } entry;
static hashmap table;

static void prune(int64_t now_ms, int64_t window_ms)
{
    size_t pos = 0;
    void *v;
    while (hashmap_next(&table, &pos, &v)) {
        entry *e = v;
        if (now_ms - e->last_ms > 2 * window_ms) {
            hashmap_remove(&table, e->ip, strlen(e->ip));
            free(e);
        }
    }
}

int64_t iplimit_take(const char *ip, uint32_t limit, int64_t window_ms, int64_t now_ms)
{
    size_t len = strnlen(ip, 63);
    entry *e = hashmap_get(&table, ip, len);
    if (!e) {
        if (table.count >= IPLIMIT_PRUNE_AT) prune(now_ms, window_ms);
        e = calloc(1, sizeof *e);
        if (!e) return window_ms;   /* out of memory: refuse rather than let everyone through */
        snprintf(e->ip, sizeof e->ip, "%.*s", (int)len, ip);
        if (hashmap_put(&table, e->ip, len, e) != 0) { free(e); return window_ms; }
    }
    e->last_ms = now_ms;
    return ratelimit_take(&e->w, limit, window_ms, now_ms);
}

void iplimit_clear(void)
{
    size_t pos = 0;
    void *v;
    while (hashmap_next(&table, &pos, &v)) free(v);
    hashmap_free(&table);
}
