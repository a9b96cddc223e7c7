/* eval_soften — run the softening engine over labelled sets and report how it does.
 *
 *   eval_soften [-v|-a] [-H|-t] FILE.tsv...
 *
 * FILE.tsv: one "label<TAB>text" per line. Labels: "blunt" or "rude" (should be flagged), "kind"
 * or "ordinary" (should not). Lines starting with '#' and blank lines are skipped, except the
 * directives:
 *   #@ context feedback|followup      the context the file's messages are checked in
 *   #@ part tune|held-out             the lines that follow belong to that part
 *   #@ target recall X                the held-out part must reach recall >= X on flagged labels
 *   #@ target false-alarms X          ... and false alarms <= X on the other labels
 *   #@ goal recall X                  a recall the held-out part should reach, printed as met or
 *                                     not met without failing the run (the target is then the floor
 *                                     reached so far, so a regression still fails)
 * Each label is reported as a set of its own (a file with "ordinary" and "rude" lines is two sets),
 * tune and held-out separately: counts, recall or false-alarm rate, flags per rule, and whether
 * every flag carried a suggestion and a usable one-click replacement.
 *
 * -v lists the misclassified messages of the tune part; -a every message of the tune part. The
 * held-out part is never listed unless -H is given: tuning must not look at it. -t (tuning) prints
 * no held-out figures at all, so that rules are not steered by held-out scores either; the verdict
 * then judges the tune part.
 *
 * Exit status: 0 on PASS; 1 if a held-out part misses a target (or, with no held-out part, the tune
 * part does), any flag lacks a suggestion or a replacement, or a line could not be read; 2 on
 * usage or file errors. */
#include "soften.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES (SOFTEN_MAX_TEXT_BYTES + 64)
#define NRULES 16

enum { P_TUNE, P_HELD, P_COUNT };
static const char *const part_names[P_COUNT] = { "tune", "held-out" };

typedef struct {
    size_t n, hit;               /* messages; flagged ones */
    size_t rules[NRULES];
} tally;

typedef struct {
    char label[16];
    int want_flag;               /* 1: blunt/rude (recall), 0: kind/ordinary (false alarms) */
    tally part[P_COUNT];
} set;

static void show(const char *label, const char *text, size_t len, const soften_result *r)
{
    printf("  [%s predicted %s] %.*s\n", label, r->verdict == SOFTEN_VERDICT_SOFTEN ? "soften" : "kind",
           (int)len, text);
    for (size_t k = 0; k < r->n_flags; k++)
        printf("      %-16s '%.*s' -> %s\n        use [%zu,%zu) \"%s\"\n", r->flags[k].rule,
               (int)(r->flags[k].end - r->flags[k].start), text + r->flags[k].start, r->flags[k].suggestion,
               r->flags[k].use.start, r->flags[k].use.end, r->flags[k].use.text);
    printf("      markers:");
    for (size_t k = 0; k < r->n_markers; k++) printf(" %s", r->markers[k]);
    printf("\n");
}

/* A replacement must stay inside the text, on UTF-8 boundaries, and hold no "…" placeholder. */
static int use_ok(const char *text, size_t len, const soften_flag *f)
{
    const soften_replacement *u = &f->use;
    if (u->start > u->end || u->end > len) return 0;
    if (u->start == u->end && u->text[0] == '\0') return 0; /* never set: changes nothing */
    if (u->end - u->start == strlen(u->text) && memcmp(text + u->start, u->text, strlen(u->text)) == 0) return 0;
    if ((u->start < len && ((unsigned char)text[u->start] & 0xC0) == 0x80) ||
        (u->end < len && ((unsigned char)text[u->end] & 0xC0) == 0x80))
        return 0;
    if (strstr(u->text, "\xE2\x80\xA6") && !memmem(text, len, "\xE2\x80\xA6", 3)) return 0;
    return 1;
}

static void print_rate(const char *what, size_t hit, size_t n)
{
    if (!n) { printf("%-22s —\n", what); return; }
    printf("%-22s %.3f (%zu of %zu)", what, (double)hit / (double)n, hit, n);
}

int main(int argc, char **argv)
{
    int verbose = 0, held_listing = 0, tune_only = 0, nfiles = 0;
    const char *paths[16];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) verbose = 1;
        else if (strcmp(argv[i], "-a") == 0) verbose = 2;
        else if (strcmp(argv[i], "-H") == 0) held_listing = 1;
        else if (strcmp(argv[i], "-t") == 0) tune_only = 1;
        else if (nfiles < 16) paths[nfiles++] = argv[i];
    }
    if (!nfiles) {
        fprintf(stderr, "usage: eval_soften [-v|-a] [-H|-t] FILE.tsv...\n");
        return 2;
    }
    static char line[LINE_MAX_BYTES];
    static soften_result r;
    int all_pass = 1;
    for (int fi = 0; fi < nfiles; fi++) {
        const char *path = paths[fi];
        FILE *f = fopen(path, "r");
        if (!f) {
            perror(path);
            return 2;
        }
        set sets[4];
        size_t nsets = 0, lineno = 0, errors = 0, flags = 0, empty = 0, bad_use = 0;
        int part = P_TUNE;
        soften_context context = SOFTEN_CONTEXT_FEEDBACK;
        double min_recall = 0.90, max_fa = 0.05, goal_recall = 0;
        memset(sets, 0, sizeof sets);
        while (fgets(line, sizeof line, f)) {
            lineno++;
            size_t len = strlen(line);
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
            if (strncmp(line, "#@ ", 3) == 0) {
                const char *d = line + 3;
                if (strcmp(d, "context feedback") == 0) context = SOFTEN_CONTEXT_FEEDBACK;
                else if (strcmp(d, "context followup") == 0) context = SOFTEN_CONTEXT_FOLLOWUP;
                else if (strcmp(d, "part tune") == 0) part = P_TUNE;
                else if (strcmp(d, "part held-out") == 0) part = P_HELD;
                else if (strncmp(d, "target recall ", 14) == 0) min_recall = atof(d + 14);
                else if (strncmp(d, "target false-alarms ", 20) == 0) max_fa = atof(d + 20);
                else if (strncmp(d, "goal recall ", 12) == 0) goal_recall = atof(d + 12);
                else { fprintf(stderr, "%s:%zu: unknown directive\n", path, lineno); errors++; }
                continue;
            }
            if (len == 0 || line[0] == '#') continue;
            char *tab = strchr(line, '\t');
            if (!tab) {
                fprintf(stderr, "%s:%zu: no tab; expected label<TAB>text\n", path, lineno);
                errors++;
                continue;
            }
            *tab = '\0';
            const char *label = line, *text = tab + 1;
            int want = strcmp(label, "blunt") == 0 || strcmp(label, "rude") == 0;
            if (!want && strcmp(label, "kind") != 0 && strcmp(label, "ordinary") != 0) {
                fprintf(stderr, "%s:%zu: unknown label '%s'\n", path, lineno, label);
                errors++;
                continue;
            }
            size_t si = 0;
            while (si < nsets && strcmp(sets[si].label, label) != 0) si++;
            if (si == nsets) {
                if (nsets == 4) { errors++; continue; }
                snprintf(sets[si].label, sizeof sets[si].label, "%.15s", label);
                sets[si].want_flag = want;
                nsets++;
            }
            size_t tlen = strlen(text);
            soften_status st = soften_check_ctx(text, tlen, context, &r);
            if (st != SOFTEN_OK) {
                fprintf(stderr, "%s:%zu: %s\n", path, lineno, soften_status_message(st));
                errors++;
                continue;
            }
            int predicted = r.verdict == SOFTEN_VERDICT_SOFTEN;
            tally *t = &sets[si].part[part];
            t->n++;
            t->hit += predicted;
            for (size_t k = 0; k < r.n_flags; k++) {
                flags++;
                if (r.flags[k].suggestion[0] == '\0') empty++;
                if (!use_ok(text, tlen, &r.flags[k])) bad_use++;
                for (size_t id = 0; id < soften_rule_count && id < NRULES; id++)
                    if (strcmp(r.flags[k].rule, soften_rule_ids[id]) == 0) t->rules[id]++;
            }
            if (part == P_HELD && !held_listing) continue;
            if (verbose == 2 || (verbose && predicted != want)) show(label, text, tlen, &r);
        }
        fclose(f);
        printf("== %s (context %s)\n", path, context == SOFTEN_CONTEXT_FOLLOWUP ? "followup" : "feedback");
        int pass = errors == 0 && empty == 0 && bad_use == 0;
        for (size_t si = 0; si < nsets; si++) {
            set *s = &sets[si];
            int have_held = s->part[P_HELD].n > 0 && !tune_only;
            for (int p = 0; p < P_COUNT; p++) {
                tally *t = &s->part[p];
                if (!t->n || (p == P_HELD && tune_only)) continue;
                char what[96];
                snprintf(what, sizeof what, "  %.15s, %.10s:", s->label, part_names[p]);
                double rate = (double)t->hit / (double)t->n;
                print_rate(what, t->hit, t->n);
                int judged = p == P_HELD || !have_held;
                int ok = s->want_flag ? rate >= min_recall : rate <= max_fa;
                printf(" %s%s", s->want_flag ? "recall" : "false alarms", judged ? "" : " (tuned on)");
                if (judged) {
                    printf(" — target %s %.2f: %s", s->want_flag ? ">=" : "<=", s->want_flag ? min_recall : max_fa,
                           ok ? "ok" : "MISSED");
                    if (!ok) pass = 0;
                    if (s->want_flag && goal_recall > 0)
                        printf("; goal >= %.2f: %s", goal_recall, rate >= goal_recall ? "met" : "NOT MET YET");
                }
                printf("\n    flags per rule:");
                for (size_t id = 0; id < soften_rule_count && id < NRULES; id++)
                    if (t->rules[id]) printf(" %s=%zu", soften_rule_ids[id], t->rules[id]);
                printf("\n");
            }
        }
        printf("  flags with a suggestion: %zu of %zu; with a usable replacement: %zu of %zu%s\n", flags - empty,
               flags, flags - bad_use, flags, empty || bad_use ? " — SOME MISSING" : "");
        if (errors) printf("  %zu lines could not be read\n", errors);
        printf("  %s: %s\n", path, pass ? "PASS" : "FAIL");
        all_pass &= pass;
    }
    printf("eval-soften: %s\n", all_pass ? "PASS" : "FAIL");
    return all_pass ? 0 : 1;
}
