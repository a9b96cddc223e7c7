/* soften_model.h — a learned judgement of a follow-up's tone, beside the hand-written rules.
 *
 * Owns: the features of a message (its lower-cased words, word pairs, "?" and "!" runs, emoji, a
 * short-message and an all-capitals mark) and a logistic score over them with weights compiled in
 * (soften_model_weights.c, written by tools/train_soften from the tune parts of the labelled sets;
 * `make soften-model` rewrites it). The rules recognise rude forms they were written for; on sets
 * written by people who never saw them they caught about 55–62 % of rude follow-ups, where the
 * score, trained on the same tune data, generalises better (docs/DECISIONS.md, "Softening: the
 * learned tone score"). Pure, deterministic, no allocation, thread-safe. Internal to the engine. */
#ifndef SOFTCLOSE_SOFTEN_MODEL_H
#define SOFTCLOSE_SOFTEN_MODEL_H
#include <stddef.h>
#include <stdint.h>

/* At most this many distinct features are read from one text (a 4000-character message has
 * about 2,000); the rest are ignored. */
#define SOFTEN_MODEL_MAX_FEATURES 4096

/* The distinct feature hashes of text[0, len), in order of first appearance, into out (room for
 * SOFTEN_MODEL_MAX_FEATURES); returns how many. */
size_t soften_model_features(const char *text, size_t len, uint32_t *out);

/* The log-odds that text[0, len) is a rude or demanding follow-up (the weights' bias plus the
 * weights of its features). */
double soften_model_score(const char *text, size_t len);

/* The compiled-in weights: an open-addressing table of slots (key 0 = empty, linear probing). */
typedef struct {
    uint32_t key;
    float w;
} soften_model_slot;
extern const soften_model_slot soften_model_table[];
extern const size_t soften_model_slots; /* a power of two */
extern const double soften_model_bias;

#endif
