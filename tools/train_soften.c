/* train_soften — learn the weights of the follow-up tone score (src/core/soften_model.h).
 *
 *   train_soften [-o OUT.c] FILE.tsv...
 *
 * Reads labelled sets in eval_soften's format ("label<TAB>text"; "#@ part tune|held-out" marks the
 * parts; "#@ context followup" must come first: the score is for follow-ups) and learns a logistic
 * regression over soften_model_features from the TUNE parts only: held-out lines are skipped unread,
 * so a held-out figure stays a measurement; a labelled line before any part line is an error. Labels "rude" and
 * "blunt" are 1, "ordinary" and "kind" 0. Training is stochastic gradient descent with a fixed
 * seed (the same files give the same weights, byte for byte), then weights smaller than PRUNE are
 * dropped and the rest written as an open-addressing table to OUT.c (default stdout).
 *
 * Limits: lines up to 16 KiB; at most MAX_MESSAGES messages. Exit 0 on success, 2 on usage or
 * file errors (with a message saying which file and line). */
#include "soften_model.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MESSAGES 200000
#define LINE_BYTES 16384
#define EPOCHS 30
#define RATE0 0.2
#define DECAY 0.9
#define L2 1e-4
#define PRUNE 0.02f
#define TRAIN_SLOTS (1u << 21) /* the trainer's own table: far more room than features */

typedef struct {
    uint32_t *keys;
    size_t n;
    int y;
} example;

static uint32_t tkeys[TRAIN_SLOTS];
static double tw[TRAIN_SLOTS];

static size_t used;

static double *weight(uint32_t key)
{
    for (size_t s = key & (TRAIN_SLOTS - 1);; s = (s + 1) & (TRAIN_SLOTS - 1)) {
        if (tkeys[s] == key) return &tw[s];
        if (tkeys[s] == 0) {
            if (++used > TRAIN_SLOTS / 2) { /* never with sets of this size; stop rather than spin */
                fprintf(stderr, "train_soften: more than %u distinct features\n", TRAIN_SLOTS / 2);
                exit(2);
            }
            tkeys[s] = key;
            return &tw[s];
        }
    }
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int read_file(const char *path, example *ex, size_t *nex)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "train_soften: cannot open %s\n", path);
        return -1;
    }
    static char line[LINE_BYTES];
    static uint32_t keys[SOFTEN_MODEL_MAX_FEATURES];
    int tune = -1; /* no part seen yet: a labelled line there is an error, not silently trained on */
    bool followup = false;
    size_t lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strcspn(line, "\r\n");
        if (line[len] == '\0' && !feof(f)) {
            fprintf(stderr, "train_soften: %s:%zu: line longer than %d bytes\n", path, lineno, LINE_BYTES - 1);
            fclose(f);
            return -1;
        }
        line[len] = '\0';
        if (strncmp(line, "#@ part ", 8) == 0) { tune = strcmp(line + 8, "tune") == 0; continue; }
        if (strncmp(line, "#@ context ", 11) == 0) { followup = strcmp(line + 11, "followup") == 0; continue; }
        if (line[0] == '#' || line[0] == '\0') continue;
        if (tune < 0 || !followup) {
            fprintf(stderr, "train_soften: %s:%zu: a labelled line %s\n", path, lineno,
                    tune < 0 ? "before any '#@ part tune|held-out' line" : "outside '#@ context followup'");
            fclose(f);
            return -1;
        }
        if (!tune) continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "train_soften: %s:%zu: expected label<TAB>text\n", path, lineno);
            fclose(f);
            return -1;
        }
        *tab = '\0';
        int y = !strcmp(line, "rude") || !strcmp(line, "blunt") ? 1 : !strcmp(line, "ordinary") || !strcmp(line, "kind") ? 0 : -1;
        if (y < 0) {
            fprintf(stderr, "train_soften: %s:%zu: unknown label '%s'\n", path, lineno, line);
            fclose(f);
            return -1;
        }
        if (*nex >= MAX_MESSAGES) {
            fprintf(stderr, "train_soften: more than %d messages\n", MAX_MESSAGES);
            fclose(f);
            return -1;
        }
        const char *text = tab + 1;
        size_t n = soften_model_features(text, strlen(text), keys);
        example *e = &ex[(*nex)++];
        e->keys = malloc(n * sizeof keys[0] + 1);
        if (!e->keys) { fclose(f); return -1; }
        memcpy(e->keys, keys, n * sizeof keys[0]);
        e->n = n;
        e->y = y;
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *outpath = NULL;
    int first = 1;
    if (argc >= 3 && strcmp(argv[1], "-o") == 0) { outpath = argv[2]; first = 3; }
    if (first >= argc) {
        fprintf(stderr, "usage: train_soften [-o OUT.c] FILE.tsv...\n");
        return 2;
    }
    static example ex[MAX_MESSAGES];
    size_t nex = 0;
    for (int a = first; a < argc; a++)
        if (read_file(argv[a], ex, &nex) != 0) return 2;
    size_t *order = malloc(nex * sizeof *order);
    if (!order) return 2;
    for (size_t i = 0; i < nex; i++) order[i] = i;
    double bias = 0, rate = RATE0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
        for (size_t i = nex; i > 1; i--) { /* Fisher-Yates with the fixed generator */
            size_t j = (size_t)(next_rand() % i);
            size_t t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (size_t i = 0; i < nex; i++) {
            const example *e = &ex[order[i]];
            double z = bias;
            for (size_t k = 0; k < e->n; k++) z += *weight(e->keys[k]);
            if (z > 30) z = 30;
            if (z < -30) z = -30;
            double g = 1.0 / (1.0 + exp(-z)) - e->y;
            bias -= rate * g;
            for (size_t k = 0; k < e->n; k++) {
                double *w = weight(e->keys[k]);
                *w -= rate * (g + L2 * *w);
            }
        }
        rate *= DECAY;
    }
    size_t kept = 0, pos = 0, neg = 0;
    for (size_t s = 0; s < TRAIN_SLOTS; s++) kept += tkeys[s] && fabs(tw[s]) >= PRUNE;
    for (size_t i = 0; i < nex; i++) pos += ex[i].y, neg += !ex[i].y;
    size_t slots = 1;
    while (slots < kept * 2) slots <<= 1;
    uint32_t *okey = calloc(slots, sizeof *okey);
    float *ow = calloc(slots, sizeof *ow);
    if (!okey || !ow) return 2;
    for (size_t s = 0; s < TRAIN_SLOTS; s++) {
        if (!tkeys[s] || fabs(tw[s]) < PRUNE) continue;
        size_t o = tkeys[s] & (slots - 1);
        while (okey[o]) o = (o + 1) & (slots - 1);
        okey[o] = tkeys[s];
        ow[o] = (float)tw[s];
    }
    FILE *out = outpath ? fopen(outpath, "w") : stdout;
    if (!out) {
        fprintf(stderr, "train_soften: cannot write %s\n", outpath);
        return 2;
    }
    fprintf(out, "/* soften_model_weights.c — GENERATED by tools/train_soften (make soften-model); do not edit.\n"
                 " * Learned from the tune parts of the labelled sets only: %zu messages (%zu rude, %zu ordinary),\n"
                 " * %d epochs, rate %.2f x %.2f per epoch, L2 %g; weights under %.2f dropped: %zu kept. */\n"
                 "#include \"soften_model.h\"\n\n"
                 "const double soften_model_bias = %.9g;\n"
                 "const size_t soften_model_slots = %zu;\n"
                 "const soften_model_slot soften_model_table[%zu] = {\n",
            nex, pos, neg, EPOCHS, RATE0, DECAY, L2, (double)PRUNE, kept, bias, slots, slots);
    for (size_t o = 0; o < slots; o++)
        if (okey[o]) fprintf(out, "    [%zu] = { 0x%08xu, %.6gf },\n", o, okey[o], (double)ow[o]);
    fprintf(out, "};\n");
    if (outpath && fclose(out) != 0) return 2;
    fprintf(stderr, "train_soften: %zu messages, %zu weights kept in %zu slots\n", nex, kept, slots);
    return 0;
}
