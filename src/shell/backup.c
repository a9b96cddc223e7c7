/* backup — see backup.h. */
#include "backup.h"
#include "store.h"
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The copy's own check: integrity_check answers one row "ok" or lists what is wrong. */
static int check_copy(sqlite3 *db, char *err, size_t err_size)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL) != SQLITE_OK) {
        snprintf(err, err_size, "cannot check the copy: %s", sqlite3_errmsg(db));
        return -1;
    }
    int rc = sqlite3_step(q);
    const unsigned char *first = rc == SQLITE_ROW ? sqlite3_column_text(q, 0) : NULL;
    int ok = first && !strcmp((const char *)first, "ok") && sqlite3_step(q) == SQLITE_DONE;
    if (!ok) snprintf(err, err_size, "the copy failed PRAGMA integrity_check: %s", first ? (const char *)first : sqlite3_errmsg(db));
    sqlite3_finalize(q);
    return ok ? 0 : -1;
}

static void sync_dir_of(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir) slash[1] = '\0';
    else if (slash) *slash = '\0';
    else snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) { fsync(fd); close(fd); }
}

int backup_run(const char *db_path, const char *dest, char *info, size_t info_size, char *err, size_t err_size)
{
    struct stat st;
    if (stat(db_path, &st) != 0) {
        snprintf(err, err_size, "no database at %s (check --data-dir)", db_path);
        return -1;
    }
    if (stat(dest, &st) == 0 || errno != ENOENT) {
        snprintf(err, err_size, "%s already exists; give a new file name (a backup never replaces a file)", dest);
        return -1;
    }
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.partial-%ld", dest, (long)getpid());
    double t0 = ms_now();
    sqlite3 *src = NULL, *dst = NULL;
    int rc = -1, schema = 0;
    if (sqlite3_open_v2(db_path, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(err, err_size, "cannot open %s: %s", db_path, src ? sqlite3_errmsg(src) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(src, 10000);
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, err_size, "cannot create %s: %s", tmp, dst ? sqlite3_errmsg(dst) : "out of memory");
        goto out;
    }
    /* One step copies every page inside one read transaction: a snapshot as of one commit, while
     * the server goes on writing to its WAL (steps of a few pages would restart on each write). */
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) { snprintf(err, err_size, "cannot start the backup: %s", sqlite3_errmsg(dst)); goto out; }
    int step = sqlite3_backup_step(b, -1);
    int pages = sqlite3_backup_pagecount(b);
    if (sqlite3_backup_finish(b) != SQLITE_OK || step != SQLITE_DONE) {
        snprintf(err, err_size, "the backup did not complete: %s", sqlite3_errstr(step));
        goto out;
    }
    char *msg = NULL;
    if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;", NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, err_size, "cannot make the copy a single file: %s", msg ? msg : "?");
        sqlite3_free(msg);
        goto out;
    }
    if (check_copy(dst, err, err_size) != 0) goto out;
    schema = store_schema_version(dst);
    rc = 0;
out:
    if (dst) sqlite3_close_v2(dst);
    if (src) sqlite3_close_v2(src);
    if (rc == 0) {
        int fd = open(tmp, O_RDONLY);
        if (fd < 0 || fsync(fd) != 0 || rename(tmp, dest) != 0) {
            snprintf(err, err_size, "cannot put the copy at %s: %s", dest, strerror(errno));
            rc = -1;
        }
        if (fd >= 0) close(fd);
    }
    if (rc == 0) {
        sync_dir_of(dest);
        snprintf(info, info_size, "wrote %s (%d pages, schema version %d, integrity_check ok) in %.0f ms", dest, pages, schema,
                 ms_now() - t0);
    } else {
        unlink(tmp);
        char j[4300];
        snprintf(j, sizeof j, "%s-journal", tmp);
        unlink(j);
    }
    return rc;
}
