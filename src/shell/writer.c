/* writer — see writer.h.
 *
 * A job travels: the queue (shared, under `lock`, not yet taken) → the writer's batch (the writer
 * thread's alone while it applies and commits) → the done list (shared) → writer_drain on the
 * service thread, which calls its `done`. Besides, the service thread keeps every job it submitted
 * and has not yet finished in a list of its own (pending), so that writer_forget can clear a
 * closing connection and writer_flush knows when it is finished; the writer never touches those
 * links, nor `c` and `re`. */
#include "writer.h"
#include "app.h"
#include <libwebsockets.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

/* Shared with the writer thread, under `lock`. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER, finished = PTHREAD_COND_INITIALIZER;
static writer_job *queue_head, *queue_tail;   /* submitted, not yet taken */
static size_t n_queue;
static writer_job *done_head, *done_tail;     /* applied and committed (or failed), not yet drained */
static int stopping, running;
static pthread_t thread;
static store *wst;                            /* the writer's own connection */

/* The service thread's alone. */
static writer_job *pending_head, *pending_tail;
static size_t n_pending;

static int exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1; }

/* One job inside the batch's transaction, in a savepoint of its own: if it fails, its writes are
 * undone and the others' kept. */
static int apply_one(store *st, writer_job *job)
{
    if (!job->apply) return 1;
    sqlite3 *db = store_db(st);
    if (exec(db, "SAVEPOINT job") != 0) return 0;
    int ok = job->apply(st, job) == 0;
    if (!ok) exec(db, "ROLLBACK TO job");
    return exec(db, "RELEASE job") == 0 && ok;
}

/* Applies and commits a batch (a list of jobs linked by next); each job's ok says how it went. */
static void commit_batch(store *st, writer_job *batch)
{
    int began = store_begin(st) == 0;
    for (writer_job *j = batch; j; j = j->next) j->ok = began && apply_one(st, j);
    if (store_end(st, began) != 0)
        for (writer_job *j = batch; j; j = j->next) j->ok = 0;   /* nothing of the batch is saved */
}

static void *writer_main(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (!queue_head && !stopping) pthread_cond_wait(&work, &lock);
        if (!queue_head) { pthread_mutex_unlock(&lock); break; }
        writer_job *batch = queue_head, *last = queue_head;   /* take up to a batch from the front */
        for (size_t n = 1; n < WRITER_BATCH_MAX && last->next; n++) last = last->next;
        queue_head = last->next;
        if (!queue_head) queue_tail = NULL;
        last->next = NULL;
        for (writer_job *j = batch; j; j = j->next) n_queue--;
        pthread_mutex_unlock(&lock);

        commit_batch(wst, batch);

        pthread_mutex_lock(&lock);
        if (done_tail) done_tail->next = batch;
        else done_head = batch;
        done_tail = last;
        pthread_cond_broadcast(&finished);
        pthread_mutex_unlock(&lock);
        if (app && app->lws) lws_cancel_service(app->lws);   /* the service thread finishes the jobs */
    }
    return NULL;
}

int writer_start(const char *db_path, char *err, size_t err_size)
{
    wst = store_open(db_path, err, err_size);
    if (!wst) return -1;
    /* This connection's commits checkpoint the WAL themselves (off the service thread): the
     * service connection's checkpoint counter does not see them. */
    sqlite3_wal_autocheckpoint(store_db(wst), STORE_CHECKPOINT_PAGES);
    stopping = 0;
    if (pthread_create(&thread, NULL, writer_main, NULL) != 0) {
        snprintf(err, err_size, "cannot start the writer thread");
        store_close(wst);
        wst = NULL;
        return -1;
    }
    running = 1;
    return 0;
}

int writer_running(void) { return running; }
size_t writer_pending(void) { return n_pending; }

static void pending_unlink(writer_job *j)
{
    if (j->pending_prev) j->pending_prev->pending_next = j->pending_next;
    else pending_head = j->pending_next;
    if (j->pending_next) j->pending_next->pending_prev = j->pending_prev;
    else pending_tail = j->pending_prev;
    n_pending--;
}

int writer_submit(writer_job *job)
{
    if (!running) {   /* no thread: apply and finish now, on the service thread's store */
        int ok = store_begin(app->store) == 0;
        if (ok && job->apply) ok = job->apply(app->store, job) == 0;
        job->done(job, store_end(app->store, ok) == 0);
        return 0;
    }
    if (n_pending >= WRITER_QUEUE_MAX) return -1;
    job->next = NULL;
    job->pending_next = NULL;
    job->pending_prev = pending_tail;
    if (pending_tail) pending_tail->pending_next = job;
    else pending_head = job;
    pending_tail = job;
    n_pending++;
    pthread_mutex_lock(&lock);
    if (queue_tail) queue_tail->next = job;
    else queue_head = job;
    queue_tail = job;
    n_queue++;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&lock);
    return 0;
}

int writer_update_queued(int (*match)(const writer_job *, const void *), const void *arg,
                         void (*update)(writer_job *, const void *))
{
    if (!running) return 0;
    int found = 0;
    pthread_mutex_lock(&lock);
    for (writer_job *j = queue_head; j && !found; j = j->next)
        if (match(j, arg)) { update(j, arg); found = 1; }
    pthread_mutex_unlock(&lock);
    return found;
}

writer_job *writer_find_pending(int (*match)(const writer_job *, const void *), const void *arg)
{
    for (writer_job *j = pending_head; j; j = j->pending_next)
        if (match(j, arg)) return j;
    return NULL;
}

void writer_drain(void)
{
    if (!running) return;
    pthread_mutex_lock(&lock);
    writer_job *list = done_head;
    done_head = done_tail = NULL;
    pthread_mutex_unlock(&lock);
    while (list) {
        writer_job *j = list;
        list = j->next;
        pending_unlink(j);
        j->done(j, j->ok);   /* frees j */
    }
}

void writer_flush(void)
{
    if (!running) return;
    while (n_pending) {
        pthread_mutex_lock(&lock);
        while (!done_head) pthread_cond_wait(&finished, &lock);
        pthread_mutex_unlock(&lock);
        writer_drain();
    }
}

void writer_forget(const conn *c)
{
    for (writer_job *j = pending_head; j; j = j->pending_next)
        if (j->c == c) j->c = NULL;
}

void writer_stop(void)
{
    if (!running) return;
    writer_flush();
    pthread_mutex_lock(&lock);
    stopping = 1;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    running = 0;
    store_close(wst);
    wst = NULL;
}
