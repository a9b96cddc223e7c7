/* store_feedback — SQLite persistence of feedback, amendments and drafts.
 * Feedback texts are read from the store when someone needs them (on hello, at the soft close);
 * only the per-room counts live in memory. */
#ifndef SOFTCLOSE_STORE_FEEDBACK_H
#define SOFTCLOSE_STORE_FEEDBACK_H
#include "feedback.h"
#include "store.h"
#include "store_rows.h"

/* A message to write: the room, author and recipient as they are in memory. */
typedef struct {
    char id[SC_ID_LEN + 1];
    const sc_room *room;
    unsigned turn;
    const sc_participant *author, *recipient;
    feedback_kind kind;
    const char *text;
    size_t flags;
    int acknowledged, softened;
    const char *amends;       /* id of the message this one is attached to, or NULL */
    int64_t sent_ms;
} store_feedback_new;

/* A message as stored. The view decides what a viewer sees (the original text, hints and
 * "softened" only to the author); the row holds everything. */
typedef struct {
    char id[SC_ID_LEN + 1];
    char room_id[SC_ID_LEN + 1];
    char amends[SC_ID_LEN + 1];   /* "" unless attached to an earlier message */
    unsigned turn;
    feedback_kind kind;
    char *text;                   /* owned: store_feedback_row_free */
    char *original_text;          /* owned; NULL unless the text was replaced */
    store_person from, to;
    int softened;
    int64_t sent_ms, revised_ms;  /* revised_ms 0: never replaced */
} store_feedback_row;

typedef struct {
    store_feedback_row *rows;
    size_t n, cap;
} store_feedback_list;

/* A draft that still holds text. */
typedef struct {
    char room_id[SC_ID_LEN + 1];
    char key[FEEDBACK_DRAFT_KEY_MAX + 1];
    char *text;                   /* owned: store_draft_list_free */
    int64_t updated_ms;
} store_draft_row;

typedef struct {
    store_draft_row *rows;
    size_t n, cap;
} store_draft_list;

#define STORE_DRAFTS_MAX 100      /* store_drafts_of returns at most this many, newest first */

void store_feedback_row_free(store_feedback_row *f);
void store_feedback_list_free(store_feedback_list *l);
void store_draft_list_free(store_draft_list *l);

int store_insert_feedback(store *st, const sc_session *s, const store_feedback_new *f);
/* Replaces a message's text, keeping the first text as original_text (for its author only). */
int store_replace_feedback(store *st, const char *id, const char *text, size_t flags, int64_t now_ms);
int store_mark_softened(store *st, const char *id);

/* Saves a draft; returns the highest flag count this draft has had (for "softened"). */
int store_save_draft(store *st, int64_t author_pid, const char *room_id, const char *key, const char *text,
                     size_t flags, int64_t now_ms, size_t *max_flags);
int store_delete_draft(store *st, int64_t author_pid, const char *room_id, const char *key);

/* One message by id in session s. 0, or -1 if there is none (or on error). */
int store_feedback_get(store *st, const sc_session *s, const char *id, store_feedback_row *out);
/* Everything p sent and received in room, oldest first. */
int store_feedback_in_room(store *st, const sc_room *room, const sc_participant *p, store_feedback_list *out);
/* p's drafts that still hold text, newest first, at most STORE_DRAFTS_MAX. */
int store_drafts_of(store *st, const sc_participant *p, store_draft_list *out);
/* Per-room counts, loaded at start. */
int store_load_feedback_counts(store *st, sc_world *w);
/* Restores when each member of an open room last saved a draft there (what "typing" means), so a
 * soft close that ends while the server is down still waits for someone who was typing. */
int store_load_typing(store *st, sc_world *w);
#endif
