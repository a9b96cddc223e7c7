/* staged — see staged.h. */
#include "staged.h"
#include <stdlib.h>

int staged_add(staged *st, sc_participant *p, const char *text, size_t len)
{
    for (conn *c = p->shell_conns; c; c = c->peer_next) {
        if (st->n == st->cap) {
            size_t cap = st->cap ? st->cap * 2 : 64;
            staged_msg *items = realloc(st->items, cap * sizeof *items);
            if (!items) return -1;
            st->items = items;
            st->cap = cap;
        }
        out_msg *m = conn_msg_new(text, len);
        if (!m) return -1;
        st->items[st->n++] = (staged_msg){ c, m };
    }
    return 0;
}

void staged_queue(staged *st)
{
    for (size_t i = 0; i < st->n; i++) conn_queue(st->items[i].c, st->items[i].m);
    st->n = 0;   /* the queues own them now */
}

void staged_free(staged *st)
{
    for (size_t i = 0; i < st->n; i++) free(st->items[i].m);
    free(st->items);
    *st = (staged){ 0 };
}
