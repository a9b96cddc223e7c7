/* soften_internal.h — what the files of the softening engine share (soften.c, soften_rude.c).
 *
 * Owns: the token and message tables built by soften.c, the sentence view the rude-form rules read
 * (rsent) with its word tests, and the few flag builders the rule files call. Internal to the
 * engine; other modules use soften.h. */
#ifndef SOFTCLOSE_SOFTEN_INTERNAL_H
#define SOFTCLOSE_SOFTEN_INTERNAL_H
#include "soften.h"
#include "soften_lexicon.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Each token needs at least one code point and a separator, so this bounds the token count. */
#define MAX_TOKENS (SOFTEN_MAX_TEXT_CHARS / 2 + 2)
#define LOW_BYTES (SOFTEN_MAX_TEXT_BYTES + MAX_TOKENS + 1)
#define NONE SIZE_MAX
#define MAX_BANGS 8 /* "!!"/"??" runs flagged per message; more add nothing new */

/* Rules, in the order of soften_rule_ids */
enum { R_VERDICT, R_ALWAYS, R_FELT, R_COMMAND, R_WHY, R_FACT, R_NOAPP, R_SHOUT, R_INSULT, R_DISMISS, R_TONE };

/* Token flags */
#define TF_SENT 0x01   /* first token of a sentence */
#define TF_CLAUSE 0x02 /* first token after , ; : — ( ) or quotes */
#define TF_QUOTE 0x04  /* inside double quotes: someone's words, not the feedback itself */
#define TF_GONE 0x08   /* folded into a phrase that starts at an earlier token */
#define TF_REPORT 0x10 /* inside reported speech or a statement about the client */
#define TF_CAPS 0x20   /* three or more ASCII letters, all capitals */
#define TF_NT 0x40     /* ends in n't: a negator */
#define TF_SYM 0x80    /* an emoji or pictograph, a token by itself */

typedef struct {
    uint16_t start, end;  /* bytes in the text */
    uint16_t low, nlow;   /* lower-cased copy in ctx.low ('’' folded to '\'') */
    uint16_t last;        /* last token of the phrase that starts here (own index if none) */
    uint16_t sent, clause;
    uint16_t vfrom;       /* first token of a verdict's span ("way too long" starts at "way") */
    uint8_t f;
    uint8_t crit;         /* 0, or the kind of criticism this word carries (see critical_kind) */
    uint64_t cls;         /* SL_* classes (a phrase's classes when one starts here) */
} token;

/* Sentence flags */
#define SF_Q 0x01      /* ends with a question mark */
#define SF_HEDGE 0x02  /* contains a hedge or curiosity word */
#define SF_SUGG 0x04   /* contains a suggestion frame */
#define SF_PRAISE 0x08 /* contains unnegated praise, appreciation or gratitude */
#define SF_CRIT 0x10   /* contains a critical token or a flag */
#define SF_CHEER 0x20  /* ends with "!" or holds an emoji: excitement, teasing */

typedef struct {
    const char *text;
    size_t len;
    size_t n, ns;
    token t[MAX_TOKENS];
    uint16_t s_first[MAX_TOKENS];
    uint8_t s_f[MAX_TOKENS];
    char low[LOW_BYTES];
    size_t nlow;
    size_t bangs[MAX_BANGS][2]; /* runs of "!!" / "??": byte spans */
    size_t nbangs;
    unsigned markers;    /* bit per M_* */
    bool has_quote, has_anchor;
    size_t n_cheer;      /* sentences with SF_CHEER */
    size_t felt[SOFTEN_MAX_FLAGS][2]; /* spans of felt_evaluation flags */
    size_t nfelt;
    soften_context context;
    soften_result *out;
} ctx;

/* Byte by byte rather than strlen + memcmp: the rude-form checks call this for every word of a
 * sentence against word lists, and almost every call fails on the first byte. */
static inline bool is_word_z(const ctx *c, size_t i, const char *w)
{
    const char *lw = c->low + c->t[i].low;
    size_t n = c->t[i].nlow;
    for (size_t k = 0; k < n; k++)
        if (w[k] == '\0' || w[k] != lw[k]) return false;
    return w[n] == '\0';
}

/* is_word(c, i, "word"): token i is "word". The word must be a string literal (the "" before it
 * makes anything else a compile error), so that its length is a constant and the comparison a
 * length test and a fixed-size memcmp. */
static inline __attribute__((always_inline)) bool is_word_n(const ctx *c, size_t i, const char *w, size_t len)
{
    return c->t[i].nlow == len && memcmp(c->low + c->t[i].low, w, len) == 0;
}
#define is_word(c, i, w) is_word_n((c), (i), "" w, sizeof("" w) - 1)

static inline bool is_any(const ctx *c, size_t i, const char *const *words) /* NULL-terminated list */
{
    const char *lw = c->low + c->t[i].low; /* NUL-terminated: lw[0] is '\0' for an empty word */
    for (; *words; words++) if ((*words)[0] == lw[0] && is_word_z(c, i, *words)) return true;
    return false;
}

static inline bool is_neg(const ctx *c, size_t i) { return (c->t[i].cls & SL_NG) || (c->t[i].f & TF_NT); }

/* Another sentence of the message exclaims or laughs ("…again? 😂", "…? It'll be fun!"): a
 * question that could be a jab is then teasing. */
static inline bool cheerful(const ctx *c, size_t s) { return c->n_cheer > ((c->s_f[s] & SF_CHEER) ? 1u : 0u); }

/* ------------------------------------------- the sentence view of the rude-form rules (follow-ups) */

#define RW_MAX 48 /* at most 64: rsent.pos holds a bit per word */
_Static_assert(RW_MAX <= 64, "rsent.pos needs a bit per word");
#define RW_LIST_MAX 64 /* longest word list rw_find_any and rw_any look up by key (longer: word by word) */
typedef struct {
    const ctx *c;
    size_t w[RW_MAX];      /* the sentence's words (token indices) */
    uint64_t key[RW_MAX];  /* each word's word_key, so that scans compare integers */
    uint8_t kh[RW_MAX];    /* each word's key_hash: key_bit(key) is 1 << kh */
    uint64_t pos[64];      /* per key_hash in seen: the words with it, bit k for word k (others unset) */
    uint64_t seen;         /* bit key_bit(key) set for every word: most searched-for words are absent */
    uint64_t initials;     /* bit initial_bit(first byte) set for every word: a cheaper first test */
    size_t n, s;
    bool q, polite, bang;  /* a question; has a polite word (polite_sentence); exclaims or holds an emoji */
} rsent;

/* The first 8 bytes of a word (n bytes) packed into an integer, zero-padded: the
 * many scans of a sentence for a word compare these, and only longer words in full. */
static inline uint64_t word_key(const char *w, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n && i < 8; i++) k |= (uint64_t)(unsigned char)w[i] << (8 * i);
    return k;
}
static inline unsigned key_hash(uint64_t key) { return (unsigned)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 58); }
static inline uint64_t key_bit(uint64_t key) { return UINT64_C(1) << key_hash(key); }
static inline bool rw_is(const rsent *r, size_t k, uint64_t key, size_t len, const char *word)
{
    return r->key[k] == key && r->c->t[r->w[k]].nlow == len && (len <= 8 || is_word_z(r->c, r->w[k], word));
}

static inline __attribute__((always_inline)) bool rw_n(const rsent *r, size_t k, const char *word, size_t len)
{
    return k < r->n && is_word_n(r->c, r->w[k], word, len);
}
#define rw(r, k, word) rw_n((r), (k), "" word, sizeof("" word) - 1)
/* One bit per first byte, folded to 64 (letters get their own bits; a shared bit only costs a
 * closer look). */
static inline uint64_t initial_bit(unsigned char ch) { return UINT64_C(1) << (ch & 63); }

/* word_key of a NUL-terminated word, without measuring all of it. */
static inline uint64_t word_key_z(const char *w)
{
    uint64_t k = 0;
    for (size_t i = 0; i < 8 && w[i]; i++) k |= (uint64_t)(unsigned char)w[i] << (8 * i);
    return k;
}
/* rw_find(r, from, "word"): the first word k >= from of the sentence that is "word", or NONE. The
 * word must be a string literal (the "" before it makes anything else a compile error), so that
 * its length and key are constants. */
#define RW_KB(w, i) (sizeof(w) > (i) + 1 ? (uint64_t)(unsigned char)(w)[i] << (8 * (i)) : 0)
#define RW_KEY(w) (RW_KB(w, 0) | RW_KB(w, 1) | RW_KB(w, 2) | RW_KB(w, 3) | RW_KB(w, 4) | RW_KB(w, 5) | RW_KB(w, 6) | RW_KB(w, 7))
#define rw_find(r, from, word) rw_find_n((r), (from), "" word, sizeof("" word) - 1, RW_KEY("" word))
static inline __attribute__((always_inline)) size_t rw_find_n(const rsent *r, size_t from, const char *word, size_t len, uint64_t key)
{
    if (!(r->initials & initial_bit((unsigned char)word[0]))) return NONE;
    unsigned h = key_hash(key);
    if (!((r->seen >> h) & 1) || from >= r->n) return NONE; /* most words looked for are absent */
    for (uint64_t cand = r->pos[h] >> from << from; cand; cand &= cand - 1) {
        size_t k = (size_t)__builtin_ctzll(cand);
        if (rw_is(r, k, key, len, word)) return k;
    }
    return NONE;
}

/* A word list's keys, worked out once per list (soften_rw_list caches them by the list's address,
 * so lists passed to rw_find_any and rw_any must be static). What soften_rw_list returns is valid
 * until the thread's next call. */
#define RW_END 0xff
typedef struct {
    size_t m;          /* words in the list; SIZE_MAX: longer than RW_LIST_MAX, searched word by word */
    uint64_t initials; /* initial_bit of every word */
    uint64_t keybits;  /* key_bit of every word */
    uint64_t key[RW_LIST_MAX]; /* word_key_z of each word */
    uint16_t len[RW_LIST_MAX];
    uint8_t head[64];  /* per key_hash: the first word with it, or RW_END (empty words are left out) */
    uint8_t next[RW_LIST_MAX]; /* the next word with the same key_hash, or RW_END */
} rw_list;
const rw_list *soften_rw_list(const char *const *words);

/* soften_rw_list's cache (soften.c), read here so that a list found there costs no call. */
#define RWC_SLOTS 256
typedef struct {
    _Atomic(const char *const *) list;
    atomic_bool ready;
    rw_list data;
} rw_slot;
extern rw_slot soften_rw_cache[RWC_SLOTS];
static inline size_t rw_slot_of(const char *const *words)
{
    return (size_t)(((uintptr_t)words * UINT64_C(0x9E3779B97F4A7C15)) >> 40) % RWC_SLOTS;
}
static inline const rw_list *rw_list_of(const char *const *words)
{
    rw_slot *sl = &soften_rw_cache[rw_slot_of(words)];
    if (atomic_load_explicit(&sl->list, memory_order_acquire) == words &&
        atomic_load_explicit(&sl->ready, memory_order_acquire))
        return &sl->data;
    return soften_rw_list(words);
}

static inline __attribute__((always_inline)) size_t rw_find_any(const rsent *r, size_t from, const char *const *words)
{
    const rw_list *L = rw_list_of(words);
    if (L->m == SIZE_MAX) { /* a longer list than planned: search it word by word */
        for (size_t k = from; k < r->n; k++) if (is_any(r->c, r->w[k], words)) return k;
        return NONE;
    }
    uint64_t shared = r->seen & L->keybits; /* key hashes both in the sentence and in the list */
    if (!(r->initials & L->initials) || !shared || from >= r->n) return NONE;
    uint64_t cand = 0; /* the words whose key hash is in the list */
    for (; shared; shared &= shared - 1) cand |= r->pos[__builtin_ctzll(shared)];
    for (cand = cand >> from << from; cand; cand &= cand - 1) {
        size_t k = (size_t)__builtin_ctzll(cand);
        for (unsigned j = L->head[r->kh[k]]; j != RW_END; j = L->next[j])
            if (rw_is(r, k, L->key[j], L->len[j], words[j])) return k;
    }
    return NONE;
}
/* Word k is one of words: found through the list's key table (rw_list) rather than word by word. */
static inline __attribute__((always_inline)) bool rw_any(const rsent *r, size_t k, const char *const *words)
{
    if (k >= r->n) return false;
    const rw_list *L = rw_list_of(words);
    if (L->m == SIZE_MAX || r->c->t[r->w[k]].nlow == 0) return is_any(r->c, r->w[k], words);
    for (unsigned j = L->head[r->kh[k]]; j != RW_END; j = L->next[j])
        if (rw_is(r, k, L->key[j], L->len[j], words[j])) return true;
    return false;
}
static inline bool rw_cls(const rsent *r, size_t k, uint64_t cls) { return k < r->n && (r->c->t[r->w[k]].cls & cls); }

/* Word lists the rule files share: "i", "me", …; "can't", "won't", …, "never". */
extern const char *const soften_rw_first[];
extern const char *const soften_rw_negaux[];

/* The one-click wordings ("Use this") and the reasons of the rude-form flags. */
#define U_PLAIN "Could you get back to me on this, please?"
#define U_FRUST "I'm finding this frustrating, and I'd like us to sort it out."
#define U_LETDOWN "I felt let down, and I'd like us to talk about it."
#define W_ACCUSE " sounds like an accusation; say what you need plainly"
#define W_ORDER " is an order with pressure behind it; ask instead"
#define W_THREAT " reads as an ultimatum; say what you need and by when"
#define W_SARC " reads as sarcasm; say what you feel plainly"
#define W_BLAME " blames the person; say how it affected you"
#define U_DIFFER "I see this differently — can we talk it through?"
#define U_SURPRISED "I was surprised by this — can we talk about it?"
#define U_AGAIN "It's happened a few times now — can we talk about it?"
#define W_DISMISS " brushes the person off; say what you need instead"
#define W_CONTEMPT " talks down to the person; say what you need plainly"

/* Flag words [a, b] (token indices) with rule; "Use this" replaces their sentence with use, and the
 * suggestion quotes the words, adds why, then the replacement (soften.c). */
void soften_rude_flag(ctx *c, int rule, size_t a, size_t b, const char *use, const char *why);

/* Flag words [fa, fb] as an order and offer the order [a, b] (the writer's words) as a request:
 * "Could you …, please?" (soften.c). */
void soften_rude_ask(ctx *c, size_t a, size_t b, size_t fa, size_t fb);

/* Flag words [a, b] and cut words [ca, cb] from their sentence (soften.c). */
void soften_rude_cut(ctx *c, int rule, size_t a, size_t b, size_t ca, size_t cb, const char *fallback, const char *why);

/* The rude forms of soften_rude.c, tried after soften.c's own on sentence r: true when one flagged
 * it. soften_rude_fragment reads a short sentence (three words at most) against the rest of the
 * message: edgy, another sentence is pointed at "you"; after_rude, another was flagged as rude;
 * after_praise, the sentence before praises; alone, the message has no other sentence. */
bool soften_rude_more(ctx *c, const rsent *r);
bool soften_rude_fragment(ctx *c, const rsent *r, bool edgy, bool after_rude, bool after_praise, bool alone);

/* The cue combinations of soften_cues.c, tried on a sentence no form above flagged: true when one
 * flagged it. */
bool soften_rude_cues(ctx *c, const rsent *r);

/* The message laughs or sends love ("haha", "jk", "x", "miss you"): a jab in it is teasing
 * (soften_cues.c). */
bool soften_affectionate(const ctx *c);

/* The message laughs, hugs or celebrates with an emoji (soften_cues.c): a follow-up that does is
 * teasing or joy, and gets no hint. */
bool soften_playful(const ctx *c);

#endif
