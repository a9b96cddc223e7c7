/* staged — messages built before they may be sent. A launch or a shared deadline builds every
 * member's messages while its transaction commits on a helper thread (store_async.c); they are
 * queued only once the commit succeeded, or dropped if it failed. The connections named here
 * stay valid because nothing runs lws' service loop between staging and queueing. */
#ifndef SOFTCLOSE_STAGED_H
#define SOFTCLOSE_STAGED_H
#include <stddef.h>
#include "conn.h"

typedef struct { conn *c; out_msg *m; } staged_msg;
typedef struct { staged_msg *items; size_t n, cap; } staged;

/* One copy of text for every connection of p. Returns 0, or -1 when out of memory. */
int staged_add(staged *st, sc_participant *p, const char *text, size_t len);
/* Queues everything staged, in order (each connection's limits apply as in conn_queue). */
void staged_queue(staged *st);
/* Frees whatever was not queued. */
void staged_free(staged *st);
#endif
