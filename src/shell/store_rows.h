/* store_rows — what the per-feature stores share when they hand back typed rows instead of JSON:
 * a person as the store names them, copying text columns, and growing an array of rows.
 * Ids and names are copied into fixed buffers (bounded by SC_ID_LEN and TEXT_NAME_MAX_BYTES);
 * message texts, which may be 16 KB, are heap copies that the row's free function releases. */
#ifndef SOFTCLOSE_STORE_ROWS_H
#define SOFTCLOSE_STORE_ROWS_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "session.h"

/* A participant as a stored message names them (also after they left or deleted their account). */
typedef struct {
    int64_t pid;
    char id[SC_ID_LEN + 1];
    char name[TEXT_NAME_MAX_BYTES + 1];
} store_person;

/* Copies column i of the current row into buf ("" for NULL, truncated to size - 1 bytes). */
void store_column_copy(sqlite3_stmt *q, int i, char *buf, size_t size);
/* A heap copy of column i; a NULL column gives "" (or NULL when keep_null). Sets *oom when the
 * copy could not be made. */
char *store_column_dup(sqlite3_stmt *q, int i, int keep_null, int *oom);
/* Columns pid, id and name of the current row. */
void store_column_person(sqlite3_stmt *q, int pid_col, store_person *out);
/* Makes room for row n in an array of n rows of `size` bytes with *cap allocated: returns the
 * array (moved, perhaps) with row n zeroed, or NULL when out of memory (the old array is kept). */
void *store_rows_grow(void *rows, size_t n, size_t *cap, size_t size);
#endif
