/* soften.h — the feedback-softening engine.
 *
 * Owns: deciding whether a piece of practice feedback "could be softened", and explaining why.
 * Given UTF-8 text it returns flags (rule id, byte span, one-sentence reason, and a concrete
 * rewrite tailored to the matched words) and the kindness markers it found. The rules are
 * deterministic and explainable: word lists (soften_lexicon.c) plus a little context —
 * negation ("wasn't too long"), reported speech about the client ("she said it was hopeless"),
 * hedges and suggestion frames. No network, no model, no allocation, no clock; safe to call from
 * any thread. Limits: SOFTEN_MAX_TEXT_BYTES bytes and SOFTEN_MAX_TEXT_CHARS code points; longer
 * text is refused with SOFTEN_TOO_LARGE, malformed UTF-8 with SOFTEN_BAD_UTF8.
 * Uses about 90 KB of stack per call (the token table for the longest allowed text). */
#ifndef SOFTCLOSE_SOFTEN_H
#define SOFTCLOSE_SOFTEN_H
#include <stddef.h>

#define SOFTEN_MAX_TEXT_BYTES 16000 /* hard byte cap */
#define SOFTEN_MAX_TEXT_CHARS 4000  /* feedback limit in characters (code points) */
#define SOFTEN_MAX_FLAGS 32
#define SOFTEN_MAX_MARKERS 16
#define SOFTEN_SUGGESTION_BYTES 320

typedef enum { SOFTEN_OK = 0, SOFTEN_TOO_LARGE, SOFTEN_BAD_UTF8 } soften_status;
typedef enum { SOFTEN_VERDICT_KIND = 0, SOFTEN_VERDICT_SOFTEN } soften_verdict;

/* Where the text will be sent; the rules differ a little (docs/DECISIONS.md, "Softening context"):
 * FEEDBACK is feedback on a practice round — criticism with no appreciation, no moment and no next
 * step is flagged (no_appreciation). FOLLOWUP is a free message sent later, about anything — that
 * rule is off (a logistics question needs no praise), and orders are read as orders only when the
 * verb is a demanding one ("Answer the question.", not "Bring your notes."). */
typedef enum { SOFTEN_CONTEXT_FEEDBACK = 0, SOFTEN_CONTEXT_FOLLOWUP = 1 } soften_context;

/* What "Use this" puts in the text: replace bytes [start, end) of the input with text. The range
 * covers the flagged words, the sentence holding them, or the whole text (whole-text rules); the
 * text keeps the writer's own words where the suggestion quotes them and is a finished sentence
 * (no "…" placeholders). text may be empty (the words are dropped). */
typedef struct {
    size_t start, end;
    char text[SOFTEN_SUGGESTION_BYTES];
} soften_replacement;

typedef struct {
    const char *rule;   /* stable id: "verdict_word", "you_always", "felt_evaluation", "command",
                           "why_challenge", "factuality", "no_appreciation", "shouting", "insult",
                           "dismissive" */
    size_t start, end;  /* byte offsets into the input, end exclusive, on UTF-8 boundaries */
    const char *why;    /* one sentence: why this may land hard (static string) */
    char suggestion[SOFTEN_SUGGESTION_BYTES]; /* concrete alternative, NUL-terminated UTF-8 */
    soften_replacement use; /* the one-click softer wording ("Use this") */
} soften_flag;

typedef struct {
    soften_verdict verdict;  /* SOFTEN when n_flags > 0, otherwise KIND */
    size_t n_flags;
    soften_flag flags[SOFTEN_MAX_FLAGS];   /* ordered by start offset */
    size_t n_markers;
    const char *markers[SOFTEN_MAX_MARKERS]; /* each at most once: "gratitude", "appreciation",
        "specific_appreciation", "i_statement", "hedge", "suggestion_frame", "curious_question" */
    size_t n_chars;          /* code points in the text (set when the status is SOFTEN_OK) */
} soften_result;

/* Check text (len bytes, need not be NUL-terminated). On SOFTEN_OK *out holds the result; on an
 * error *out is reset to an empty KIND result. text may be NULL only when len is 0. A NULL out is
 * a programming error and returns SOFTEN_BAD_UTF8 without touching anything. */
soften_status soften_check(const char *text, size_t len, soften_result *out);

/* The same for a given context; soften_check is soften_check_ctx(..., SOFTEN_CONTEXT_FEEDBACK, ...). */
soften_status soften_check_ctx(const char *text, size_t len, soften_context context, soften_result *out);

/* A sentence a person can act on, for showing next to the feedback box. Never NULL. */
const char *soften_status_message(soften_status s);

/* Code points in valid UTF-8 text (continuation bytes are not counted). Does not validate. */
size_t soften_count_chars(const char *text, size_t len);

/* Stable rule ids, for tools and tests that tabulate flags. */
extern const char *const soften_rule_ids[];
extern const size_t soften_rule_count;

#endif
