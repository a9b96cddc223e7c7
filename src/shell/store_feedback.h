/* store_feedback — SQLite persistence of feedback, amendments and drafts.
 * Feedback texts are read from the store when someone needs them (on hello, at the soft close);
 * only the per-room counts live in memory. */
#ifndef SOFTCLOSE_STORE_FEEDBACK_H
#define SOFTCLOSE_STORE_FEEDBACK_H
#include <jansson.h>
#include "feedback.h"
#include "store.h"

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
} store_feedback_row;

int store_insert_feedback(store *st, const sc_session *s, const store_feedback_row *f);
/* Replaces a message's text, keeping the first text as original_text (for its author only). */
int store_replace_feedback(store *st, const char *id, const char *text, size_t flags, int64_t now_ms);
int store_mark_softened(store *st, const char *id);
/* Looks up a message: author pid, room id and whether it was counted as softened. Returns 0 or -1. */
int store_feedback_owner(store *st, const char *id, int64_t *author_pid, char room_id[SC_ID_LEN + 1], int *softened);

/* Saves a draft; returns the highest flag count this draft has had (for "softened"). */
int store_save_draft(store *st, int64_t author_pid, const char *room_id, const char *key, const char *text,
                     size_t flags, int64_t now_ms, size_t *max_flags);
int store_delete_draft(store *st, int64_t author_pid, const char *room_id, const char *key);

/* JSON views straight from the store. `viewer` decides whether original texts are included. */
json_t *store_feedback_json(store *st, const sc_session *s, const char *id, const sc_participant *viewer);
/* Everything p sent and received in room, oldest first: {sent:[…], received:[…]}. */
json_t *store_feedback_for(store *st, const sc_session *s, const sc_room *room, const sc_participant *p);
/* p's drafts that still hold text: [{room, key, text, updated_at}], newest first, at most 100. */
json_t *store_drafts_of(store *st, const sc_participant *p);
/* Per-room counts, loaded at start. */
int store_load_feedback_counts(store *st, sc_world *w);
/* Restores when each member of an open room last saved a draft there (what "typing" means), so a
 * soft close that ends while the server is down still waits for someone who was typing. */
int store_load_typing(store *st, sc_world *w);
#endif
