/* backup — `softclose backup FILE`: a consistent copy of the live database while the server keeps
 * serving. SQLite's online backup API copies every page inside one read transaction on a second
 * connection (WAL: the server's writers are not blocked, and the copy is the database as of one
 * commit). The copy is switched to a single file (journal_mode=DELETE), checked with
 * PRAGMA integrity_check, and only then renamed into place; an existing FILE is never replaced. */
#ifndef SOFTCLOSE_BACKUP_H
#define SOFTCLOSE_BACKUP_H
#include <stddef.h>

/* Copies the database at db_path to dest. Returns 0, or -1 with a sentence in err.
 * On success writes a one-line summary into info. */
int backup_run(const char *db_path, const char *dest, char *info, size_t info_size, char *err, size_t err_size);
#endif
