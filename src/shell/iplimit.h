/* iplimit — per-IP sliding windows for join attempts, bounded in memory.
 * Owns: the table of remote addresses. Entries idle for longer than two windows are dropped
 * whenever the table grows past IPLIMIT_PRUNE_AT, so a scan from many addresses cannot grow it forever. */
#ifndef SOFTCLOSE_IPLIMIT_H
#define SOFTCLOSE_IPLIMIT_H
#include <stdint.h>

#define IPLIMIT_PRUNE_AT 50000

/* 0 if allowed (and counted), otherwise ms to wait. */
int64_t iplimit_take(const char *ip, uint32_t limit, int64_t window_ms, int64_t now_ms);
void iplimit_clear(void);
#endif
