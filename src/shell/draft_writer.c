/* draft_writer — see draft_writer.h.
 *
 * Every save gets a ticket (1, 2, 3, … in queue order). The writer takes the whole queue at once,
 * so a batch is every ticket from the last one taken up to the newest: when it has committed it
 * reports "all tickets up to T: ok/failed", and the service thread answers the waiting requests
 * with tickets <= T. Waiting requests (the connection and the request id) live on the service
 * thread only; the writer never sees a connection. */
#include "draft_writer.h"
#include "app.h"
#include "protocol.h"
#include "store_feedback.h"
#include <libwebsockets.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t author_pid, now_ms;
    char room_id[SC_ID_LEN + 1], key[FEEDBACK_DRAFT_KEY_MAX + 1];
    char *text;
    size_t flags;
} draft_item;

typedef struct { uint64_t upto; int ok; } batch_done;

typedef struct {
    uint64_t ticket;
    conn *c;
    json_t *id;
    char key[FEEDBACK_DRAFT_KEY_MAX + 1];
    int64_t saved_at;
} waiter;

/* Shared with the writer thread, under `lock`. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER, idle = PTHREAD_COND_INITIALIZER;
static draft_item *queue;          /* queued, not yet taken by the writer */
static size_t n_queue;
static uint64_t next_ticket = 1;   /* the ticket the next save gets */
static uint64_t taken_upto;        /* tickets the writer has taken */
static batch_done *dones;          /* finished batches not yet drained */
static size_t n_dones, cap_dones;
static int stopping, running;
static pthread_t thread;
static store *wst;                 /* the writer's own connection */

/* The service thread's alone. */
static waiter *waiters;
static size_t n_waiters, cap_waiters;
static uint64_t answered_upto;

static void *writer_main(void *arg)
{
    (void)arg;
    draft_item *batch = malloc(DRAFT_WRITER_BATCH_MAX * sizeof *batch);
    for (;;) {
        pthread_mutex_lock(&lock);
        while (!n_queue && !stopping) pthread_cond_wait(&work, &lock);
        if (!n_queue && stopping) { pthread_mutex_unlock(&lock); break; }
        size_t n = n_queue;   /* the queue never holds more than a batch (see draft_writer_save) */
        memcpy(batch, queue, n * sizeof *batch);
        n_queue = 0;
        uint64_t upto = next_ticket - 1;
        taken_upto = upto;
        pthread_mutex_unlock(&lock);

        int ok = store_begin(wst) == 0;
        for (size_t i = 0; ok && i < n; i++)
            ok = store_save_draft(wst, batch[i].author_pid, batch[i].room_id, batch[i].key, batch[i].text, batch[i].flags,
                                  batch[i].now_ms, NULL) == 0;
        ok = store_end(wst, ok) == 0;
        for (size_t i = 0; i < n; i++) free(batch[i].text);

        pthread_mutex_lock(&lock);
        if (n_dones == cap_dones) {
            size_t cap = cap_dones ? cap_dones * 2 : 16;
            batch_done *grown = realloc(dones, cap * sizeof *grown);
            if (grown) { dones = grown; cap_dones = cap; }
        }
        if (n_dones < cap_dones) dones[n_dones++] = (batch_done){ upto, ok };
        else if (n_dones) dones[n_dones - 1] = (batch_done){ upto, ok && dones[n_dones - 1].ok };   /* out of memory: merge */
        pthread_cond_broadcast(&idle);
        pthread_mutex_unlock(&lock);
        if (app && app->lws) lws_cancel_service(app->lws);   /* the service thread sends the replies */
    }
    free(batch);
    return NULL;
}

int draft_writer_start(const char *db_path, char *err, size_t err_size)
{
    wst = store_open(db_path, err, err_size);
    if (!wst) return -1;
    /* This connection's commits checkpoint the WAL themselves (off the service thread): the
     * service connection's checkpoint counter does not see them. */
    sqlite3_wal_autocheckpoint(store_db(wst), STORE_CHECKPOINT_PAGES);
    queue = malloc(DRAFT_WRITER_BATCH_MAX * sizeof *queue);
    if (!queue || pthread_create(&thread, NULL, writer_main, NULL) != 0) {
        snprintf(err, err_size, "cannot start the draft writer");
        free(queue);
        queue = NULL;
        store_close(wst);
        wst = NULL;
        return -1;
    }
    running = 1;
    return 0;
}

int draft_writer_running(void) { return running; }

static void answer(const waiter *w, int ok)
{
    json_t *m = ok ? json_pack("{s:s, s:s, s:I}", "type", "draft_saved", "key", w->key, "saved_at", (json_int_t)w->saved_at)
                   : proto_error_reply(NULL, ERR_INTERNAL, "Could not save your draft; keep the text and try again.");
    if (m) conn_send(w->c, proto_with_re(m, w->id));
    json_decref(m);
}

void draft_writer_drain(void)
{
    if (!running) return;
    pthread_mutex_lock(&lock);
    batch_done done[64];
    size_t n = n_dones < 64 ? n_dones : 64;
    if (n) {
        memcpy(done, dones, n * sizeof *done);
        memmove(dones, dones + n, (n_dones - n) * sizeof *dones);
        n_dones -= n;
    }
    int more = n_dones > 0;
    pthread_mutex_unlock(&lock);
    if (!n) return;
    size_t k = 0;   /* waiters are in ticket order */
    for (size_t b = 0; b < n; b++) {
        for (; k < n_waiters && waiters[k].ticket <= done[b].upto; k++) {
            if (waiters[k].c) answer(&waiters[k], done[b].ok);
            json_decref(waiters[k].id);
        }
        answered_upto = done[b].upto;
    }
    if (k) {
        memmove(waiters, waiters + k, (n_waiters - k) * sizeof *waiters);
        n_waiters -= k;
    }
    if (more) draft_writer_drain();
}

int draft_writer_save(conn *c, json_t *request_id, int64_t author_pid, const char *room_id, const char *key,
                      const char *text, size_t flags, int64_t now_ms)
{
    if (n_waiters == cap_waiters) {
        size_t cap = cap_waiters ? cap_waiters * 2 : 256;
        waiter *grown = realloc(waiters, cap * sizeof *grown);
        if (!grown) return -1;
        waiters = grown;
        cap_waiters = cap;
    }
    char *copy = strdup(text);
    if (!copy) return -1;
    pthread_mutex_lock(&lock);
    draft_item *it = NULL;
    for (size_t i = 0; i < n_queue && !it; i++)   /* a newer text of a draft still queued replaces it */
        if (queue[i].author_pid == author_pid && !strcmp(queue[i].key, key) && !strcmp(queue[i].room_id, room_id)) it = &queue[i];
    if (!it && (n_queue >= DRAFT_WRITER_BATCH_MAX || next_ticket - 1 - answered_upto >= DRAFT_WRITER_QUEUE_MAX)) {
        pthread_mutex_unlock(&lock);
        free(copy);
        return -1;
    }
    if (it) free(it->text);
    else it = &queue[n_queue++];
    it->author_pid = author_pid;
    it->now_ms = now_ms;
    snprintf(it->room_id, sizeof it->room_id, "%s", room_id);
    snprintf(it->key, sizeof it->key, "%s", key);
    it->text = copy;
    it->flags = flags;
    uint64_t ticket = next_ticket++;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&lock);
    waiter *w = &waiters[n_waiters++];
    *w = (waiter){ .ticket = ticket, .c = c, .id = request_id ? json_incref(request_id) : NULL, .saved_at = now_ms };
    snprintf(w->key, sizeof w->key, "%s", key);
    return 0;
}

void draft_writer_flush(void)
{
    if (!running) return;
    pthread_mutex_lock(&lock);
    uint64_t want = next_ticket - 1;
    while (taken_upto < want || n_queue) pthread_cond_wait(&idle, &lock);
    /* taken; now wait until the batch holding `want` has reported */
    for (;;) {
        int reported = 0;
        for (size_t i = 0; i < n_dones; i++) reported |= dones[i].upto >= want;
        if (reported || answered_upto >= want) break;
        pthread_cond_wait(&idle, &lock);
    }
    pthread_mutex_unlock(&lock);
    draft_writer_drain();
}

void draft_writer_forget(const conn *c)
{
    for (size_t i = 0; i < n_waiters; i++)
        if (waiters[i].c == c) waiters[i].c = NULL;
}

void draft_writer_stop(void)
{
    if (!running) return;
    draft_writer_flush();
    pthread_mutex_lock(&lock);
    stopping = 1;
    pthread_cond_signal(&work);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    running = 0;
    store_close(wst);
    wst = NULL;
    free(queue);
    queue = NULL;
    free(dones);
    dones = NULL;
    n_dones = cap_dones = 0;
    for (size_t i = 0; i < n_waiters; i++) json_decref(waiters[i].id);
    free(waiters);
    waiters = NULL;
    n_waiters = cap_waiters = 0;
}
