/* bench_grouping — how long grouping_make_rooms takes for 1,000 / 10,000 / 100,000 people who already
 * met in two earlier rounds (about 2n met pairs), and how many pairs it had to repeat.
 * Prints figures, asserts nothing. Uses only grouping.h (plus the monotonic clock, which the core
 * itself never reads). */
#include "grouping.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RUNS 5

static double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Appends every pair sharing a room in r to met (met has room for it: at most 6 pairs per 4 people). */
static size_t bench_add_pairs(const grouping_result *r, grouping_pair *met, size_t n_met)
{
    for (size_t k = 0; k < r->n_rooms; k++)
        for (size_t i = r->room_start[k]; i < r->room_start[k + 1]; i++)
            for (size_t j = i + 1; j < r->room_start[k + 1]; j++)
                met[n_met++] = (grouping_pair){ r->members[i], r->members[j] };
    return n_met;
}

static int bench_one(size_t n)
{
    grouping_person *people = malloc(n * sizeof *people);
    grouping_pair *met = malloc(2 * 2 * n * sizeof *met);  /* two rounds, < 2 pairs per person each */
    if (!people || !met) { free(people); free(met); return 1; }
    for (size_t i = 0; i < n; i++) people[i] = (grouping_person){ (uint32_t)(1000 + 3 * i), 0 };
    size_t n_met = 0;
    for (unsigned round = 0; round < 2; round++) {   /* two earlier rounds build a realistic met list */
        grouping_result r;
        if (grouping_make_rooms(people, n, met, n_met, GROUPING_POLICY_FOURS, 3, 100 + round, &r)) return 1;
        n_met = bench_add_pairs(&r, met, n_met);
        for (size_t k = 0; k < r.n_rooms; k++) {   /* credit the therapist turns each room's rotation gave */
            size_t size = r.room_start[k + 1] - r.room_start[k];
            for (unsigned turn = 0; turn < 3; turn++)
                for (size_t slot = 0; slot < size; slot++)
                    if (grouping_role_for(size, turn, slot) == ROLE_THERAPIST)
                        people[(r.members[r.room_start[k] + slot] - 1000) / 3].therapist_count++;
        }
        grouping_result_free(&r);
    }
    double ms[RUNS];
    size_t repeats = 0, rooms = 0;
    for (int run = 0; run < RUNS; run++) {
        grouping_result r;
        double t0 = bench_now_ms();
        int rc = grouping_make_rooms(people, n, met, n_met, GROUPING_POLICY_FOURS, 3, 7, &r);
        ms[run] = bench_now_ms() - t0;
        if (rc) { fprintf(stderr, "grouping failed: %s\n", grouping_error_message(rc)); return 1; }
        rooms = r.n_rooms;
        if (grouping_count_repeats(&r, met, n_met, &repeats)) return 1;
        grouping_result_free(&r);
    }
    qsort(ms, RUNS, sizeof ms[0], bench_cmp_double);
    printf("grouping: %zu people, 2 earlier rounds (%zu met pairs): %.1f ms (median of %d), %zu rooms, %zu repeated pairs\n",
           n, n_met, ms[RUNS / 2], RUNS, rooms, repeats);
    free(people);
    free(met);
    return 0;
}

int main(void)
{
    const size_t sizes[] = { 1000, 10000, 100000 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (bench_one(sizes[i])) return 1;
    return 0;
}
