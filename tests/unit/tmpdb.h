/* tmpdb — a database file in a fresh temporary directory, for the store tests that need a real
 * file (WAL, reopening) rather than ":memory:". */
#ifndef SOFTCLOSE_TMPDB_H
#define SOFTCLOSE_TMPDB_H
#include "unit.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct { char dir[64]; char path[128]; } tmpdb;

static void tmpdb_make(tmpdb *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/softclose-test-store-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/softclose.db", t->dir);
}

static void tmpdb_remove(tmpdb *t)
{
    static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
    char p[160];
    for (size_t i = 0; i < ARRAY_LEN(suffix); i++) {
        snprintf(p, sizeof p, "%s%s", t->path, suffix[i]);
        unlink(p);
    }
    rmdir(t->dir);
}
#endif
