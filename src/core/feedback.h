/* feedback — the rules of the feedback step and the soft close, as pure decisions.
 * Owns: who may send feedback to whom, in which phases; the kinds of feedback and amendments;
 * whether a flagged text may go out (the writer must have seen the hints); what counts as
 * "softened" for the facilitator's counts; and who is still typing when the soft close ends.
 * The texts themselves live in the store; this module decides, the shell records. */
#ifndef SOFTCLOSE_FEEDBACK_H
#define SOFTCLOSE_FEEDBACK_H
#include <stddef.h>
#include <stdint.h>
#include "rounds.h"

#define FEEDBACK_MAX_CHARS 4000
#define FEEDBACK_MAX_BYTES 16000
#define FEEDBACK_DRAFT_KEY_MAX 80
#define FEEDBACK_TYPING_WINDOW_MS ROUNDS_TYPING_WINDOW_MS

typedef enum {
    FEEDBACK_KIND_FEEDBACK = 0,     /* to the person who played therapist (or any room mate) */
    FEEDBACK_KIND_OBSERVER,         /* the observer's structured form, composed by the client */
    FEEDBACK_KIND_SELF,             /* the therapist's self-reflection: to themselves */
    FEEDBACK_KIND_AMENDMENT,        /* "What I meant was…", attached to an earlier message */
    FEEDBACK_KIND_APPRECIATION,     /* an appreciation added in the soft close */
    FEEDBACK_KIND_COUNT
} feedback_kind;

typedef enum {
    FEEDBACK_OK = 0,
    FEEDBACK_ERR_NOT_MEMBER,        /* the author is not (or no longer) in that room */
    FEEDBACK_ERR_RECIPIENT,         /* the recipient is not a member of that room */
    FEEDBACK_ERR_PHASE,             /* feedback only in feedback and soften phases */
    FEEDBACK_ERR_SELF,              /* feedback to oneself is only a self-reflection */
    FEEDBACK_ERR_NEEDS_SOFTENING,   /* flagged text without acknowledge_hints */
    FEEDBACK_ERR_NOT_AUTHOR,        /* amending someone else's message */
    FEEDBACK_ERR_KIND               /* unknown kind */
} feedback_status;

const char *feedback_kind_name(feedback_kind k);
int feedback_parse_kind(const char *name, feedback_kind *out);
const char *feedback_status_message(feedback_status st);

/* May `author` send feedback of `kind` to `recipient` in `room` now? Checks membership (present
 * members only), the phase (feedback, soften incl. its grace; not practice, not closed) and the
 * self-reflection rule. */
feedback_status feedback_may_send(const sc_room *room, const sc_participant *author,
                                  const sc_participant *recipient, feedback_kind kind);
/* Amend/appreciate/replace a message the author sent in this room: the author must still be in the
 * room and the room must be in feedback or soften. */
feedback_status feedback_may_amend(const sc_room *room, const sc_participant *author, const sc_participant *original_author);
/* Flagged text goes out only when the writer acknowledged the hints. */
feedback_status feedback_check_hints(size_t n_flags, int acknowledged);
/* Softened: the writer's draft had hints at some point and the sent text has fewer of them, or
 * the message was later amended/replaced in the soft close. */
int feedback_counts_as_softened(size_t max_draft_flags, size_t sent_flags);

/* Marks the author as typing in their room now (a draft was saved). */
void feedback_note_typing(sc_room *room, const sc_participant *author, int64_t now_ms);
/* Members present who saved a draft within FEEDBACK_TYPING_WINDOW_MS of now. Writes up to max
 * of them into out and returns how many there are. */
size_t feedback_typing_members(const sc_room *room, int64_t now_ms, const sc_member **out, size_t max);
#endif
