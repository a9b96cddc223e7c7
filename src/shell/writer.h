/* writer — group commit: the writes many people make at once (draft saves, feedback, follow-ups,
 * their acknowledgements and read receipts) committed off the service thread, many per
 * transaction.
 *
 * One transaction with an fsync per message on the service thread made everyone in a session wait
 * behind every commit. Here a handler validates a request on the service thread, copies what the
 * write needs into a job and submits it; a writer thread, on a database connection of its own,
 * takes every job queued so far and applies them in one transaction (each in a savepoint of its
 * own, so one failing job fails only itself). While one batch's fsync runs, the next gathers.
 * After the commit the service thread calls each job's `done` in submission order: the reply and
 * the events are sent only then — saved before announced, as everywhere. If the commit itself
 * fails, every job in the batch is done with ok = 0 (its handler answers `internal`, nothing is
 * announced).
 *
 * Bounds: WRITER_BATCH_MAX jobs per transaction; WRITER_QUEUE_MAX jobs submitted and not yet done
 * (past it writer_submit refuses and the handler answers rate_limited). A batch's age is bounded
 * by one commit: the writer takes the queue the moment the previous commit returns, it never waits
 * to fill a batch.
 *
 * Threads: `apply` runs on the writer thread and may touch only its store and the job's own
 * copies (never the world, a connection or jansson values shared with the service thread);
 * `done` runs on the service thread (writer_drain, on LWS_CALLBACK_EVENT_WAIT_CANCELLED). Anything
 * on the service thread that reads what queued jobs write, and must see them, calls
 * writer_flush() first. Without writer_start (unit tests, the fuzzer, or the thread could not be
 * started) writer_submit applies and finishes the job at once, on the service thread's store. */
#ifndef SOFTCLOSE_WRITER_H
#define SOFTCLOSE_WRITER_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "conn.h"
#include "store.h"

#define WRITER_QUEUE_MAX 8192    /* jobs submitted and not yet done */
#define WRITER_BATCH_MAX 4096    /* jobs per transaction */

typedef struct writer_job writer_job;
/* Writer thread: the job's writes on st, inside the batch's transaction; 0 or -1. NULL: nothing to
 * write (the job only waits for the batch, e.g. a draft save whose text a queued one took over). */
typedef int (*writer_apply_fn)(store *st, writer_job *job);
/* Service thread: after the commit (ok 1) or a failure (ok 0); answers, announces, frees the job. */
typedef void (*writer_done_fn)(writer_job *job, int ok);

struct writer_job {
    writer_apply_fn apply;
    writer_done_fn done;
    conn *c;                      /* who asked; set to NULL if it closes meanwhile (service thread) */
    json_t *re;                   /* the request's id, owned (service thread) */
    /* the writer's */
    int ok;
    writer_job *next;
    /* the service thread's: every job not yet done, in order */
    writer_job *pending_prev, *pending_next;
};

/* Opens a second connection to the database and starts the thread. 0, or -1 with err set. */
int writer_start(const char *db_path, char *err, size_t err_size);
int writer_running(void);
/* Commits what is queued, finishes those jobs, stops the thread. */
void writer_stop(void);

/* Takes job (its apply, done, c and re set; re is taken over). 0, or -1 when the queue is full:
 * then nothing was taken and the caller answers and frees the job itself. */
int writer_submit(writer_job *job);
/* Under the queue's lock: the first job not yet taken by the writer for which match() says yes,
 * passed to update(); 1 if one was found. A newer draft replaces an older one still queued. */
int writer_update_queued(int (*match)(const writer_job *, const void *), const void *arg,
                         void (*update)(writer_job *, const void *));
/* Service thread: the first job not yet done for which match() says yes, or NULL. */
writer_job *writer_find_pending(int (*match)(const writer_job *, const void *), const void *arg);
/* Service thread: finishes every job whose batch is committed (or failed) since last time. */
void writer_drain(void);
/* Service thread: waits until everything submitted is committed and finished. */
void writer_flush(void);
/* c is closing: its jobs are still written, their replies go nowhere (job->c becomes NULL). */
void writer_forget(const conn *c);
/* Jobs submitted and not yet done (for /metrics and tests). */
size_t writer_pending(void);
#endif
