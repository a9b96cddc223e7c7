/* draft_writer — draft saves committed off the service thread, many per transaction.
 *
 * In the soft close thousands of people type at once and each saves a draft about once a second;
 * one transaction with an fsync per save on the service thread made everyone in the session
 * wait behind every commit. Here a save is queued and a writer thread, on a connection of its
 * own, commits everything queued so far in one transaction ("group commit"): while one batch's
 * fsync runs, the next batch gathers. A newer save of the same draft replaces an older one that
 * is still queued. Each request's `draft_saved` is sent by the service thread only after the
 * transaction holding its text (or a newer text of the same draft) committed — saved before
 * announced, as everywhere. If a batch fails, every request in it gets `internal`.
 *
 * Threads: the writer thread calls SQLite only (its own connection) and lws_cancel_service() to
 * wake the service thread, which sends the replies (draft_writer_drain, on
 * LWS_CALLBACK_EVENT_WAIT_CANCELLED). Anything on the service thread that reads or writes drafts
 * calls draft_writer_flush() first, so it sees every queued save. Without draft_writer_start
 * (unit tests, the fuzzer) draft_writer_save is not used and handlers save synchronously. */
#ifndef SOFTCLOSE_DRAFT_WRITER_H
#define SOFTCLOSE_DRAFT_WRITER_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "conn.h"

#define DRAFT_WRITER_QUEUE_MAX 8192   /* queued drafts; past it a save is refused (rate_limited) */
#define DRAFT_WRITER_BATCH_MAX 4096   /* drafts per transaction */

/* Opens a second connection to the database and starts the writer. 0, or -1 with err set. */
int draft_writer_start(const char *db_path, char *err, size_t err_size);
int draft_writer_running(void);
/* Commits what is queued, sends its replies, stops the thread. */
void draft_writer_stop(void);

/* Queues a save; once committed, c gets draft_saved {key, saved_at} with `re` = request_id.
 * Returns 0, or -1 when the queue is full (nothing queued; the caller answers rate_limited). */
int draft_writer_save(conn *c, json_t *request_id, int64_t author_pid, const char *room_id, const char *key,
                      const char *text, size_t flags, int64_t now_ms);
/* On the service thread: sends the replies of every batch committed (or failed) since last time. */
void draft_writer_drain(void);
/* Waits until everything queued is committed and its replies are sent. */
void draft_writer_flush(void);
/* c is closing: its pending replies are dropped (its drafts are still saved). */
void draft_writer_forget(const conn *c);
#endif
