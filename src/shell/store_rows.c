/* store_rows — see store_rows.h. */
#include "store_rows.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void store_column_copy(sqlite3_stmt *q, int i, char *buf, size_t size)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    snprintf(buf, size, "%s", s ? s : "");
}

char *store_column_dup(sqlite3_stmt *q, int i, int keep_null, int *oom)
{
    const char *s = (const char *)sqlite3_column_text(q, i);
    if (!s && keep_null) return NULL;
    char *copy = strdup(s ? s : "");
    if (!copy) *oom = 1;
    return copy;
}

void store_column_person(sqlite3_stmt *q, int pid_col, store_person *out)
{
    out->pid = sqlite3_column_int64(q, pid_col);
    store_column_copy(q, pid_col + 1, out->id, sizeof out->id);
    store_column_copy(q, pid_col + 2, out->name, sizeof out->name);
}

void *store_rows_grow(void *rows, size_t n, size_t *cap, size_t size)
{
    if (n >= *cap) {
        size_t want = *cap ? *cap * 2 : 8;
        void *grown = realloc(rows, want * size);
        if (!grown) return NULL;
        rows = grown;
        *cap = want;
    }
    memset((char *)rows + n * size, 0, size);
    return rows;
}
