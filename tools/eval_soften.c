/* eval_soften — run the feedback-softening engine over a labelled set and report how it does.
 *
 *   eval_soften [-v|-a] FILE.tsv
 *
 * FILE.tsv: one "label<TAB>text" per line, label "blunt" or "kind"; lines starting with '#' and
 * blank lines are skipped. A message counts as predicted blunt when the verdict is "could be
 * softened" (SOFTEN_VERDICT_SOFTEN). Prints counts, precision and recall for blunt, the false-alarm
 * rate on kind messages, flags per rule, and whether every flag carried a suggestion. -v also
 * lists every misclassified message with its flags and markers; -a lists every message.
 *
 * Exit status: 0 on PASS; 1 if recall on blunt < 0.90, false alarms on kind > 0.05, or any flag
 * lacks a suggestion; 2 on usage or file errors. */
#include "soften.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_RECALL 0.90
#define MAX_FALSE_ALARMS 0.05
#define LINE_MAX_BYTES (SOFTEN_MAX_TEXT_BYTES + 64)

static void show(const char *label, const char *text, size_t len, const soften_result *r)
{
    printf("  [%s predicted %s] %.*s\n", label, r->verdict == SOFTEN_VERDICT_SOFTEN ? "soften" : "kind",
           (int)len, text);
    for (size_t k = 0; k < r->n_flags; k++)
        printf("      %-16s '%.*s' -> %s\n", r->flags[k].rule, (int)(r->flags[k].end - r->flags[k].start),
               text + r->flags[k].start, r->flags[k].suggestion);
    printf("      markers:");
    for (size_t k = 0; k < r->n_markers; k++) printf(" %s", r->markers[k]);
    printf("\n");
}

int main(int argc, char **argv)
{
    int verbose = 0;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0) verbose = 1;
        else if (strcmp(argv[i], "-a") == 0) verbose = 2;
        else path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: eval_soften [-v|-a] FILE.tsv\n");
        return 2;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 2;
    }
    static char line[LINE_MAX_BYTES];
    static soften_result r;
    size_t rule_counts[16] = {0};
    size_t blunt = 0, kind = 0, tp = 0, fp = 0, flags = 0, empty = 0, lineno = 0, errors = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "%s:%zu: no tab; expected label<TAB>text\n", path, lineno);
            errors++;
            continue;
        }
        *tab = '\0';
        const char *label = line, *text = tab + 1;
        int is_blunt = strcmp(label, "blunt") == 0;
        if (!is_blunt && strcmp(label, "kind") != 0) {
            fprintf(stderr, "%s:%zu: unknown label '%s'\n", path, lineno, label);
            errors++;
            continue;
        }
        size_t tlen = strlen(text);
        soften_status st = soften_check(text, tlen, &r);
        if (st != SOFTEN_OK) {
            fprintf(stderr, "%s:%zu: %s\n", path, lineno, soften_status_message(st));
            errors++;
            continue;
        }
        int predicted = r.verdict == SOFTEN_VERDICT_SOFTEN;
        if (is_blunt) { blunt++; tp += predicted; }
        else { kind++; fp += predicted; }
        for (size_t k = 0; k < r.n_flags; k++) {
            flags++;
            if (r.flags[k].suggestion[0] == '\0') empty++;
            for (size_t id = 0; id < soften_rule_count && id < 16; id++)
                if (strcmp(r.flags[k].rule, soften_rule_ids[id]) == 0) rule_counts[id]++;
        }
        if (verbose == 2 || (verbose && predicted != is_blunt)) show(label, text, tlen, &r);
    }
    fclose(f);
    if (blunt == 0 || kind == 0) {
        fprintf(stderr, "%s: need both blunt and kind messages (%zu blunt, %zu kind)\n", path, blunt, kind);
        return 2;
    }
    double recall = (double)tp / (double)blunt;
    double precision = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
    double false_alarms = (double)fp / (double)kind;
    printf("messages: %zu (%zu blunt, %zu kind)%s\n", blunt + kind, blunt, kind, errors ? ", some lines skipped" : "");
    printf("blunt flagged: %zu of %zu; kind flagged: %zu of %zu\n", tp, blunt, fp, kind);
    printf("precision (blunt): %.3f\n", precision);
    printf("recall (blunt): %.3f (need >= %.2f)\n", recall, MIN_RECALL);
    printf("false alarms (kind): %.3f (need <= %.2f)\n", false_alarms, MAX_FALSE_ALARMS);
    printf("flags per rule:");
    for (size_t id = 0; id < soften_rule_count && id < 16; id++)
        printf(" %s=%zu", soften_rule_ids[id], rule_counts[id]);
    printf("\n");
    printf("flags with a suggestion: %zu of %zu%s\n", flags - empty, flags, empty ? " — SOME MISSING" : "");
    int pass = recall >= MIN_RECALL && false_alarms <= MAX_FALSE_ALARMS && empty == 0 && errors == 0;
    /* two decimals, rounded against us: recall down, false alarms up */
    size_t recall_pct = tp * 100 / blunt, fa_pct = (fp * 100 + kind - 1) / kind;
    printf("eval-soften: recall %zu.%02zu, false alarms %zu.%02zu — %s\n", recall_pct / 100, recall_pct % 100,
           fa_pct / 100, fa_pct % 100, pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
