/* soften_lexicon.h — the word lists behind the feedback-softening engine (soften.c).
 *
 * Owns: the static, compiled-in vocabulary the rules use — one sorted word table where each word
 * carries the classes it belongs to (verdict word, negator, hedge, ...), a table of multi-word
 * phrases, and the table of tailored rewrites for common verdict words. Everything here is
 * hand-written for this project (see data/LEXICON-SOURCES.md); nothing is loaded at run time and
 * nothing is mutable, so lookups are thread-safe and need no initialisation.
 *
 * Internal to the softening engine; other modules use soften.h. */
#ifndef SOFTCLOSE_SOFTEN_LEXICON_H
#define SOFTCLOSE_SOFTEN_LEXICON_H
#include <stddef.h>
#include <stdint.h>

/* Word classes (bits). A word may belong to several; the rules in soften.c decide from context. */
#define SL_BIT(n) (UINT64_C(1) << (n))
#define SL_VS   SL_BIT(0)  /* verdict, strong: a judgement wherever it appears ("boring", "robotic") */
#define SL_VM   SL_BIT(1)  /* verdict, mid: a judgement after "was"/"seemed"/"so"/"really" ("awkward") */
#define SL_VW   SL_BIT(2)  /* verdict, weak: only a judgement after "too"/"overly" ("long", "fast") */
#define SL_CN   SL_BIT(3)  /* comparison noun: a judgement in "like a …"/"was a …" ("lecture") */
#define SL_EX   SL_BIT(4)  /* excess marker: "too", "overly" */
#define SL_IN   SL_BIT(5)  /* intensifier: "so", "really", "very" */
#define SL_AB   SL_BIT(6)  /* absolute: "completely", "totally" */
#define SL_NG   SL_BIT(7)  /* negator: "not", "never", "without" ("n't" is recognised by suffix) */
#define SL_LK   SL_BIT(8)  /* linking verb: "was", "seemed", "sounded", "came across as" */
#define SL_YO   SL_BIT(9)  /* second person: "you", "your" */
#define SL_FP   SL_BIT(10) /* first person: "i", "me", "we" */
#define SL_TP   SL_BIT(11) /* third person / the client: "she", "his", "client" */
#define SL_DM   SL_BIT(12) /* demonstrative subject: "it", "that", "this" */
#define SL_RP   SL_BIT(13) /* reporting verb: "said", "told", "described" */
#define SL_FL   SL_BIT(14) /* feeling verb: "felt", "feel" */
#define SL_MO   SL_BIT(15) /* obligation modal: "should", "must", "need" */
#define SL_CM   SL_BIT(16) /* imperative verb when it opens a sentence: "stop", "listen" */
#define SL_WH   SL_BIT(17) /* "why" */
#define SL_AUX  SL_BIT(18) /* auxiliary after "why": "did", "would", "were" */
#define SL_FA   SL_BIT(19) /* factuality marker: "frankly", "obviously", "to be honest" */
#define SL_IS   SL_BIT(20) /* insult or profanity: "stupid", "pathetic" */
#define SL_DS   SL_BIT(21) /* dismissive interjection: "ugh", "come on", "nice try" */
#define SL_CH   SL_BIT(22) /* rhetorical challenge: "did you even", "what were you thinking" */
#define SL_GA   SL_BIT(23) /* generalisation: "always", "constantly", "every time" */
#define SL_GN   SL_BIT(24) /* generalisation by absence: "never" */
#define SL_KP   SL_BIT(25) /* repetition: "kept", "keep" */
#define SL_NE   SL_BIT(26) /* negative behaviour or outcome: "interrupted", "missed", "lost" */
#define SL_PO   SL_BIT(27) /* expected good behaviour: "listened", "asked", "validated" */
#define SL_PR   SL_BIT(28) /* praise: "great", "warm", "lovely" */
#define SL_AP   SL_BIT(29) /* appreciation verb: "liked", "loved", "valued" */
#define SL_GR   SL_BIT(30) /* gratitude: "thanks", "grateful" */
#define SL_HE   SL_BIT(31) /* hedge: "maybe", "perhaps", "it seemed to me" */
#define SL_SG   SL_BIT(32) /* suggestion frame: "try", "next time", "what if", "you could" */
#define SL_CU   SL_BIT(33) /* curiosity: "curious", "wonder" */
#define SL_NO   SL_BIT(34) /* verb of an I-statement: "noticed", "found", "saw" */
#define SL_CJ   SL_BIT(35) /* conjunction that starts a new clause: "and", "but", "which" */
#define SL_AN   SL_BIT(36) /* anchor to a specific moment: "when", "moment", "start" */
#define SL_HY   SL_BIT(37) /* hypothetical: "would", "might", "worried" */
#define SL_QW   SL_BIT(38) /* word that opens a question: "what", "how", "did" */
#define SL_LIKE SL_BIT(39) /* comparison: "like", "as" */
#define SL_ART  SL_BIT(40) /* article: "a", "an", "the" */
#define SL_ADV  SL_BIT(41) /* filler adverb skipped when looking for a subject: "just", "really" */
#define SL_BN   SL_BIT(42) /* behaviour noun: "reflection", "summary", "silence" */
#define SL_ACR  SL_BIT(43) /* acronym that is not shouting when in capitals: "CBT", "OK" */
#define SL_PH   SL_BIT(44) /* some phrase in soften_phrases starts with this word */
#define SL_DEM  SL_BIT(45) /* an order in any follow-up when it opens a sentence: "explain", "listen" */
#define SL_DEMW SL_BIT(46) /* an order in a follow-up only without a polite word: "send", "answer" */
#define SL_XQ   SL_BIT(47) /* pressure inside a question to "you": "exactly" ("Where were you, exactly?") */

typedef struct {
    const char *word; /* lower-case ASCII (or UTF-8 for emoji); phrases separate words by one space */
    uint64_t cls;     /* SL_* bits */
} soften_lex_entry;

/* The tables are split by first letter — 26 groups a–z, then one for everything else — so the
 * compiler computes the index and a lookup searches one small sorted group. */
#define SOFTEN_LEX_GROUPS 27
typedef struct {
    const soften_lex_entry *e; /* sorted in strcmp (byte) order; NULL when n is 0 */
    size_t n;
} soften_lex_group;
extern const soften_lex_group soften_lex_groups[SOFTEN_LEX_GROUPS];
extern const soften_lex_group soften_phrase_groups[SOFTEN_LEX_GROUPS];

/* The entry for a lower-cased word of n bytes, or NULL. Binary search in the word's group. */
const soften_lex_entry *soften_lexicon_find(const char *word, size_t n);

/* The phrases whose first word is word (n bytes): *count entries starting at the returned pointer
 * (NULL and 0 when none). */
const soften_lex_entry *soften_phrases_starting(const char *word, size_t n, size_t *count);

/* A short observation-plus-effect rewrite for a verdict word (lower-case), or NULL when the word
 * has no tailored rewrite and the caller should use the general pattern. */
const char *soften_lexicon_rewrite(const char *word, size_t n);

/* The softer sentence for a rhetorical challenge phrase (SL_CH, lower-case, words joined by one
 * space), or NULL. The sentence may hold one "%s": the rest of the writer's clause goes there; the
 * part after a '|' is the sentence to use when the clause has no rest. */
const char *soften_lexicon_challenge(const char *phrase, size_t n);

/* 0 when every group of every table is strictly sorted (no duplicates) and holds only words of
 * its letter; otherwise a positive code locating the first problem. Used by the unit tests so hand
 * edits stay searchable. */
size_t soften_lexicon_check(void);
#endif
