/* soften_model.c — features and score of the learned tone judgement (see soften_model.h).
 *
 * A message becomes tokens: runs of ASCII letters, digits and apostrophes (lower-cased, '’' read as
 * '\''), runs of "?"/"!" (kept up to three marks), and every other character that is not a space or
 * plain punctuation (emoji, symbols, accented letters) as a token of its own. Its features are each
 * token ("w:you"), each pair of neighbours with a start and an end mark ("b:<s> why", "b:you </s>"),
 * "short" for three tokens or fewer, and "caps" for a word of three or more capital letters. They
 * are named by their FNV-1a hash; the weights table maps hashes to weights. */
#include "soften_model.h"

#include <stdbool.h>
#include <string.h>

#define TOKEN_MAX 48 /* longer tokens are cut: no word that matters is longer */

#define FNV_BASIS 2166136261u

static uint32_t fnv_more(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The features go into a small hash set as they come, so each counts once without sorting. */
#define SEEN_SMALL 1024 /* slots for texts up to SMALL_TEXT bytes; longer ones use the whole table */
#define SMALL_TEXT 400
#define SEEN_LARGE (2 * SOFTEN_MODEL_MAX_FEATURES)
typedef struct {
    uint32_t *out;
    size_t n;
    uint32_t *seen;
    size_t mask;
    uint32_t pair;  /* FNV state of "b:<previous token> ", ready for the next token */
    size_t tokens;
} feats;

static void add(feats *f, uint32_t h)
{
    if (h == 0) h = 1; /* 0 marks an empty slot */
    size_t s = h & f->mask;
    while (f->seen[s]) {
        if (f->seen[s] == h) return;
        s = (s + 1) & f->mask;
    }
    if (f->n >= SOFTEN_MODEL_MAX_FEATURES || f->n * 2 >= f->mask) return; /* full: the rest are ignored */
    f->seen[s] = h;
    f->out[f->n++] = h;
}

/* One token: its word feature and the pair it makes with the token before. */
static void token(feats *f, const char *t, size_t n)
{
    if (n > TOKEN_MAX) n = TOKEN_MAX;
    add(f, fnv_more(fnv_more(FNV_BASIS, "w:", 2), t, n));
    add(f, fnv_more(f->pair, t, n));
    f->pair = fnv_more(fnv_more(fnv_more(FNV_BASIS, "b:", 2), t, n), " ", 1);
    f->tokens++;
}

static bool separator(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '.' || ch == ',' || ch == ';' || ch == ':' ||
           ch == '"' || ch == '(' || ch == ')' || ch == '-';
}

size_t soften_model_features(const char *text, size_t len, uint32_t *out)
{
    uint32_t seen[SEEN_LARGE];
    size_t slots = len <= SMALL_TEXT ? SEEN_SMALL : SEEN_LARGE;
    memset(seen, 0, slots * sizeof seen[0]);
    feats f = { .out = out, .n = 0, .seen = seen, .mask = slots - 1, .tokens = 0 };
    f.pair = fnv_more(FNV_BASIS, "b:<s> ", 6);
    char word[TOKEN_MAX + 1];
    size_t nw = 0, upper = 0;
    bool caps = false;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i <= len; i++) {
        unsigned ch = i < len ? p[i] : ' ';
        bool apostrophe = ch == '\'' || (ch == 0xE2 && i + 2 < len && p[i + 1] == 0x80 && p[i + 2] == 0x99);
        bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (letter || apostrophe) {
            if (nw < TOKEN_MAX) word[nw++] = apostrophe ? '\'' : (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : (char)ch;
            upper += ch >= 'A' && ch <= 'Z';
            if (apostrophe && ch == 0xE2) i += 2;
            continue;
        }
        if (nw) { /* a word ends */
            if (upper >= 3 && upper == nw - (size_t)(memchr(word, '\'', nw) != NULL)) caps = true;
            token(&f, word, nw);
            nw = upper = 0;
        }
        if (i == len) break;
        if (ch == '?' || ch == '!') {
            char run[3];
            size_t k = 0;
            while (i < len && (p[i] == '?' || p[i] == '!')) {
                if (k < sizeof run) run[k++] = (char)p[i];
                i++;
            }
            i--;
            token(&f, run, k);
            continue;
        }
        if (ch < 0x80) {
            if (!separator((unsigned char)ch)) token(&f, (const char *)p + i, 1); /* "/", "&", "@", … */
            continue;
        }
        size_t cl = ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4; /* valid UTF-8: soften.c checked it */
        if (i + cl > len) break;
        bool joiner = (cl == 3 && p[i] == 0xEF && p[i + 1] == 0xB8 && p[i + 2] == 0x8F) || /* U+FE0F */
                      (cl == 3 && p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] == 0x8D);   /* U+200D */
        if (!joiner) token(&f, (const char *)p + i, cl);
        i += cl - 1;
    }
    token(&f, "</s>", 4);
    f.tokens--; /* the end mark is not a token of the text */
    if (f.tokens <= 3) add(&f, fnv_more(FNV_BASIS, "short", 5));
    if (caps) add(&f, fnv_more(FNV_BASIS, "caps", 4));
    return f.n;
}

static float weight_of(uint32_t key)
{
    size_t mask = soften_model_slots - 1;
    for (size_t s = key & mask, probes = 0; probes < soften_model_slots; s = (s + 1) & mask, probes++) {
        if (soften_model_table[s].key == key) return soften_model_table[s].w;
        if (soften_model_table[s].key == 0) return 0.0f;
    }
    return 0.0f;
}

double soften_model_score(const char *text, size_t len)
{
    uint32_t keys[SOFTEN_MODEL_MAX_FEATURES];
    size_t n = soften_model_features(text, len, keys);
    double z = soften_model_bias;
    for (size_t k = 0; k < n; k++) z += weight_of(keys[k]);
    return z;
}
