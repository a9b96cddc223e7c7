/* grouping — see grouping.h. How it works:
 * 1. The size plan fixes the rooms and their slots. Each slot has a "gain": how many therapist turns
 *    it brings in a round of `turns` turns. People sorted by (therapist_count, seeded tie-break) are
 *    given gain classes in that order, lowest count -> highest gain, so therapist turns go to those
 *    who had the fewest. A person takes a slot of their class, or trades classes with someone who has
 *    the same therapist_count (people with equal counts are interchangeable for fairness).
 * 2. Greedy first-fit: people in seeded random order each take the first open room (of their class)
 *    where they meet nobody again; the met lookup is a hash table of pair keys plus an adjacency list,
 *    so placing one person costs O(their number of earlier partners), not O(rooms).
 * 3. Local improvement: people who still sit with an earlier partner try bounded swaps with such
 *    people in other rooms, kept when the weighted repeat count drops.
 * 4. Restarts (2-3) while a fixed work budget lasts: many for small groups, where repeats are often
 *    unavoidable and a fresh start helps most; the best is kept, stopping early at zero repeats.
 * All randomness comes from a splitmix64 stream seeded by the caller. */
#include "grouping.h"
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
#define MAX_CLASSES 8           /* distinct slot gains: per room size only floor/ceil(turns/size), so <= 6 */
/* Work per call, counted in placements and swap evaluations (never in time, to stay deterministic):
 * 32 per person plus a fixed amount that buys many restarts for small groups, where they matter. */
#define WORK_PER_PERSON 32u
#ifndef GROUPING_SEARCH_BUDGET
#define GROUPING_SEARCH_BUDGET 50000u
#endif
#ifndef GROUPING_MAX_ATTEMPTS
#define GROUPING_MAX_ATTEMPTS 256u
#endif
#define SWAP_TRIES 48u          /* candidates tried per conflicted person per pass */
#define SWAP_PASSES 16u

/* ---- deterministic randomness ---- */
static uint64_t grouping_mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}
static uint64_t grouping_rng_next(uint64_t *state)
{
    *state += UINT64_C(0x9e3779b97f4a7c15);
    return grouping_mix64(*state);
}
/* Uniform enough in [0, n) for n < 2^32 (multiply-shift; bias far below anything observable here). */
static uint32_t grouping_rng_below(uint64_t *state, uint32_t n)
{
    return (uint32_t)(((grouping_rng_next(state) >> 32) * (uint64_t)n) >> 32);
}
static void grouping_shuffle(uint32_t *a, size_t n, uint64_t *rng)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = grouping_rng_below(rng, (uint32_t)i);
        uint32_t t = a[i - 1]; a[i - 1] = a[j]; a[j] = t;
    }
}

static size_t grouping_pow2_at_least(size_t n)
{
    size_t c = 16;
    while (c < n) c <<= 1;
    return c;
}

/* ---- pair table: open addressing, 64-bit key (low id << 32 | high id) -> times met ---- */
typedef struct { size_t mask, used; uint64_t *keys; uint32_t *counts; } pair_table;
#define PAIR_EMPTY UINT64_MAX   /* never a real key: it would need low == high == UINT32_MAX */

static uint64_t grouping_pair_key(uint32_t a, uint32_t b)
{
    return a < b ? ((uint64_t)a << 32) | b : ((uint64_t)b << 32) | a;
}
static int grouping_pairs_init(pair_table *t, size_t expected)
{
    size_t cap = grouping_pow2_at_least(expected + expected / 2 + 1); /* load <= 2/3 */
    t->mask = cap - 1;
    t->used = 0;
    t->keys = malloc(cap * sizeof *t->keys);
    t->counts = malloc(cap * sizeof *t->counts);
    if (!t->keys || !t->counts) { free(t->keys); free(t->counts); t->keys = NULL; t->counts = NULL; return -1; }
    memset(t->keys, 0xff, cap * sizeof *t->keys);
    return 0;
}
static void grouping_pairs_free(pair_table *t) { free(t->keys); free(t->counts); }
static void grouping_pairs_add(pair_table *t, uint64_t key)
{
    size_t i = grouping_mix64(key) & t->mask;
    while (t->keys[i] != PAIR_EMPTY && t->keys[i] != key) i = (i + 1) & t->mask;
    if (t->keys[i] == key) { t->counts[i]++; return; }
    t->keys[i] = key;
    t->counts[i] = 1;
    t->used++;
}
static uint32_t grouping_pairs_get(const pair_table *t, uint64_t key)
{
    size_t i = grouping_mix64(key) & t->mask;
    while (t->keys[i] != PAIR_EMPTY) {
        if (t->keys[i] == key) return t->counts[i];
        i = (i + 1) & t->mask;
    }
    return 0;
}

/* ---- id map: person id -> index in people[] ---- */
typedef struct { size_t mask; uint32_t *ids, *idx; } id_map;

static int grouping_ids_init(id_map *m, size_t n)
{
    size_t cap = grouping_pow2_at_least(2 * n);
    m->mask = cap - 1;
    m->ids = malloc(cap * sizeof *m->ids);
    m->idx = malloc(cap * sizeof *m->idx);
    if (!m->ids || !m->idx) { free(m->ids); free(m->idx); m->ids = m->idx = NULL; return -1; }
    memset(m->idx, 0xff, cap * sizeof *m->idx);  /* NONE marks an empty slot */
    return 0;
}
static void grouping_ids_free(id_map *m) { free(m->ids); free(m->idx); }
static int grouping_ids_put(id_map *m, uint32_t id, uint32_t index) /* 0 ok, 1 duplicate */
{
    size_t i = grouping_mix64(id) & m->mask;
    while (m->idx[i] != NONE) {
        if (m->ids[i] == id) return 1;
        i = (i + 1) & m->mask;
    }
    m->ids[i] = id;
    m->idx[i] = index;
    return 0;
}
static uint32_t grouping_ids_get(const id_map *m, uint32_t id)
{
    size_t i = grouping_mix64(id) & m->mask;
    while (m->idx[i] != NONE) {
        if (m->ids[i] == id) return m->idx[i];
        i = (i + 1) & m->mask;
    }
    return NONE;
}

/* ---- public small pieces ---- */
size_t grouping_room_sizes(size_t n, grouping_policy policy, size_t *sizes, size_t max_rooms)
{
    size_t triads = n / 3, odd[2], n_odd = 0;
    switch (n % 3) {
    case 1:                      /* one room of 4 under both policies; a single person gets no room */
        if (n == 1) return 0;
        triads -= 1; odd[n_odd++] = 4;
        break;
    case 2:
        if (policy == GROUPING_POLICY_PAIRS || n == 2) {
            odd[n_odd++] = 2;
        } else if (n == 5) {     /* two rooms of 4 need 8 people */
            odd[n_odd++] = 2;
        } else {
            triads -= 2; odd[n_odd++] = 4; odd[n_odd++] = 4;
        }
        break;
    default: break;
    }
    size_t total = triads + n_odd;
    for (size_t i = 0; i < total && i < max_rooms; i++) sizes[i] = i < triads ? 3 : odd[i - triads];
    return total;
}

grouping_role grouping_role_for(size_t rotation_size, unsigned turn, size_t slot)
{
    if (rotation_size == 0 || slot >= rotation_size) return ROLE_OBSERVER;
    if (slot == turn % rotation_size) return ROLE_THERAPIST;
    if (slot == (turn + 1u) % rotation_size) return ROLE_CLIENT;
    return ROLE_OBSERVER;
}

const char *grouping_role_name(grouping_role r)
{
    switch (r) {
    case ROLE_THERAPIST: return "therapist";
    case ROLE_CLIENT: return "client";
    case ROLE_OBSERVER: return "observer";
    }
    return "observer";
}

const char *grouping_error_message(int code)
{
    switch (code) {
    case GROUPING_OK: return "Rooms were made.";
    case GROUPING_ERR_TOO_FEW: return "At least two people are needed to make a room; wait for someone else to join.";
    case GROUPING_ERR_INVALID: return "The grouping request was incomplete: it needs the list of people and at least one turn.";
    case GROUPING_ERR_DUPLICATE: return "The same person was listed twice; list each participant once.";
    case GROUPING_ERR_TOO_MANY: return "Too many people or earlier pairs to group at once; split the session into smaller ones.";
    case GROUPING_ERR_NOMEM: return "The server ran out of memory while making rooms; try again shortly.";
    }
    return "Unknown grouping error.";
}

/* Therapist turns that rotation slot `slot` of a room of `size` gets in `turns` turns
 * (the count of t < turns with t % size == slot; matches grouping_role_for). */
static unsigned grouping_slot_gain(size_t size, size_t slot, unsigned turns)
{
    return (unsigned)((turns + size - 1 - slot) / size);
}

/* ---- the placement work area ---- */
typedef struct {
    size_t n, n_rooms, n_classes;
    size_t *room_start;        /* plan offsets: room r owns positions room_start[r] .. room_start[r+1]-1 */
    uint32_t *pos_room;        /* room of each position */
    const grouping_person *people;
    uint32_t *class_of;        /* gain class each person starts from (0 = most therapist turns) */
    uint32_t *pos_class;       /* gain class of each position */
    uint32_t *cls_first, *cls_cnt; /* [class * n_rooms + room]: first position and number of that class's slots */
    uint32_t *class_start, *by_rank; /* people in sorted order; class c starts at rank class_start[c] */
    uint32_t *tier_lo, *tier_hi;     /* per person: rank range of everyone with the same therapist_count */
    uint32_t *adj_start, *adj_to, *adj_w; /* earlier partners of each person, with times met */
    pair_table pairs;
    /* one attempt's state */
    uint32_t *order, *mem, *pos_of;
    uint32_t *open, *open_len, *open_at, *fill; /* per class: rooms with a free slot of that class */
    uint32_t *stamp; uint64_t *acc;            /* per room: repeat cost for the person being placed */
} work;

/* Weighted repeats person p would have in `room`, ignoring `skip` (the person p would swap with). */
static uint64_t grouping_cost_in(const work *w, uint32_t p, uint32_t room, uint32_t skip)
{
    if (w->adj_start[p] == w->adj_start[p + 1]) return 0;  /* met nobody: the common fast path */
    uint64_t cost = 0;
    for (size_t pos = w->room_start[room]; pos < w->room_start[room + 1]; pos++) {
        uint32_t m = w->mem[pos];
        if (m != NONE && m != p && m != skip) cost += grouping_pairs_get(&w->pairs, grouping_pair_key(p, m));
    }
    return cost;
}

static uint64_t grouping_total_cost(const work *w)
{
    uint64_t total = 0;
    if (!w->pairs.used) return 0;
    for (size_t r = 0; r < w->n_rooms; r++)
        for (size_t i = w->room_start[r]; i < w->room_start[r + 1]; i++)
            for (size_t j = i + 1; j < w->room_start[r + 1]; j++)
                total += grouping_pairs_get(&w->pairs, grouping_pair_key(w->mem[i], w->mem[j]));
    return total;
}

static void grouping_open_remove(work *w, uint32_t c, uint32_t room)
{
    uint32_t *list = w->open + (size_t)c * w->n_rooms;
    uint32_t at = w->open_at[(size_t)c * w->n_rooms + room], last = list[--w->open_len[c]];
    list[at] = last;
    w->open_at[(size_t)c * w->n_rooms + last] = at;
}

/* Step 2: first-fit into the first open room of the person's class with the lowest repeat cost. */
static void grouping_place_greedy(work *w, uint64_t *rng)
{
    size_t n = w->n, R = w->n_rooms;
    memset(w->mem, 0xff, n * sizeof *w->mem);
    memset(w->pos_of, 0xff, n * sizeof *w->pos_of);
    memset(w->stamp, 0xff, R * sizeof *w->stamp);
    memset(w->fill, 0, w->n_classes * R * sizeof *w->fill);
    for (size_t c = 0; c < w->n_classes; c++) {
        uint32_t *list = w->open + c * R;
        w->open_len[c] = 0;
        for (uint32_t r = 0; r < R; r++)
            if (w->cls_cnt[c * R + r]) list[w->open_len[c]++] = r;
        grouping_shuffle(list, w->open_len[c], rng);  /* so restarts fill rooms in a different order */
        for (uint32_t k = 0; k < w->open_len[c]; k++) w->open_at[c * R + list[k]] = k;
    }
    grouping_shuffle(w->order, n, rng);
    for (size_t i = 0; i < n; i++) {
        uint32_t p = w->order[i], c = w->class_of[p];
        for (uint32_t e = w->adj_start[p]; e < w->adj_start[p + 1]; e++) {
            uint32_t q = w->adj_to[e];
            if (w->pos_of[q] == NONE) continue;
            uint32_t room = w->pos_room[w->pos_of[q]];
            if (w->stamp[room] != p) { w->stamp[room] = p; w->acc[room] = 0; }
            w->acc[room] += w->adj_w[e];
        }
        /* At most deg(p) open rooms can cost anything, so this scan stops within deg(p)+1 rooms. */
        const uint32_t *list = w->open + (size_t)c * R;
        uint32_t best = list[0];
        uint64_t best_cost = UINT64_MAX;
        for (uint32_t k = 0; k < w->open_len[c]; k++) {
            uint32_t room = list[k];
            uint64_t cost = w->stamp[room] == p ? w->acc[room] : 0;
            if (cost < best_cost) { best = room; best_cost = cost; if (!cost) break; }
        }
        size_t cr = (size_t)c * R + best;
        uint32_t pos = w->cls_first[cr] + w->fill[cr]++;
        w->mem[pos] = p;
        w->pos_of[p] = pos;
        if (w->fill[cr] == w->cls_cnt[cr]) grouping_open_remove(w, c, best);
    }
}

/* Swap partners for p: same class, or the same therapist_count (then they trade classes, which keeps
 * "fewer turns so far -> at least as many now" intact). Both sets are rank intervals containing p's
 * tier, so their union is one interval; returns its start and sets *span. */
static uint32_t grouping_swap_pool(const work *w, uint32_t p, uint32_t *span)
{
    uint32_t c = w->pos_class[w->pos_of[p]];
    uint32_t lo = w->tier_lo[p] < w->class_start[c] ? w->tier_lo[p] : w->class_start[c];
    uint32_t hi = w->tier_hi[p] > w->class_start[c + 1] ? w->tier_hi[p] : w->class_start[c + 1];
    *span = hi - lo;
    return lo;
}

/* Step 3: bounded random swaps with people in other rooms. Returns the new total. */
static uint64_t grouping_improve_swaps(work *w, uint64_t total, uint64_t *rng, uint64_t *budget_left)
{
    uint64_t budget = *budget_left;
    for (unsigned pass = 0; pass < SWAP_PASSES && total > 0 && budget > 0; pass++) {
        int improved = 0;
        for (size_t i = 0; i < w->n && total > 0 && budget > 0; i++) {
            uint32_t p = w->order[i], rp = w->pos_room[w->pos_of[p]], span = 0;
            uint64_t cp = grouping_cost_in(w, p, rp, NONE);
            uint32_t lo = cp ? grouping_swap_pool(w, p, &span) : 0, start = cp ? grouping_rng_below(rng, span) : 0;
            for (unsigned t = 0; t < SWAP_TRIES && cp > 0 && budget > 0; t++, budget--) {
                /* A small pool is walked once from a random start; a large one is sampled. */
                if (span <= SWAP_TRIES && t >= span) break;
                uint32_t q = w->by_rank[lo + (span <= SWAP_TRIES ? (start + t) % span : grouping_rng_below(rng, span))];
                uint32_t rq = w->pos_room[w->pos_of[q]];
                if (rq == rp) continue;
                if (w->pos_class[w->pos_of[q]] != w->pos_class[w->pos_of[p]]
                    && w->people[q].therapist_count != w->people[p].therapist_count) continue;
                uint64_t before = cp + grouping_cost_in(w, q, rq, NONE);
                uint64_t after = grouping_cost_in(w, p, rq, q) + grouping_cost_in(w, q, rp, p);
                if (after >= before) continue;
                uint32_t pp = w->pos_of[p], pq = w->pos_of[q];
                w->mem[pp] = q; w->pos_of[q] = pp;
                w->mem[pq] = p; w->pos_of[p] = pq;
                total -= before - after;
                rp = rq;
                cp = grouping_cost_in(w, p, rp, NONE);
                lo = grouping_swap_pool(w, p, &span);
                improved = 1;
            }
        }
        if (!improved) break;
    }
    *budget_left = budget;
    return total;
}

/* Sort key for people: fewest therapist turns first, then the seeded tie-break. */
typedef struct { uint32_t count; uint32_t idx; uint64_t key; } person_key;
static int grouping_cmp_person(const void *a, const void *b)
{
    const person_key *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? -1 : 1;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void grouping_work_free(work *w)
{
    free(w->room_start); free(w->pos_room); free(w->class_of); free(w->cls_first); free(w->cls_cnt);
    free(w->pos_class); free(w->class_start); free(w->by_rank); free(w->tier_lo); free(w->tier_hi);
    free(w->adj_start); free(w->adj_to); free(w->adj_w);
    free(w->order); free(w->mem); free(w->pos_of); free(w->open); free(w->open_len); free(w->open_at);
    free(w->fill); free(w->stamp); free(w->acc);
    grouping_pairs_free(&w->pairs);
}

/* Step 1 and the met graph: everything that stays the same across restarts. */
static int grouping_work_setup(work *w, const person_key *sorted,
                               const id_map *ids, const grouping_pair *met, size_t n_met, grouping_policy policy,
                               unsigned turns)
{
    size_t n = w->n, R = grouping_room_sizes(n, policy, NULL, 0);
    w->n_rooms = R;
    w->room_start = malloc((R + 1) * sizeof *w->room_start);
    size_t *sizes = malloc(R * sizeof *sizes);
    unsigned *pos_gain = malloc(n * sizeof *pos_gain);
    w->pos_room = malloc(n * sizeof *w->pos_room);
    if (!w->room_start || !sizes || !pos_gain || !w->pos_room) { free(sizes); free(pos_gain); return GROUPING_ERR_NOMEM; }
    grouping_room_sizes(n, policy, sizes, R);
    unsigned gains[MAX_CLASSES];
    size_t n_gains = 0;
    w->room_start[0] = 0;
    for (size_t r = 0; r < R; r++) {
        w->room_start[r + 1] = w->room_start[r] + sizes[r];
        for (size_t s = 0; s < sizes[r]; s++) {
            size_t pos = w->room_start[r] + s;
            unsigned g = grouping_slot_gain(sizes[r], s, turns);
            pos_gain[pos] = g;
            w->pos_room[pos] = (uint32_t)r;
            size_t k = 0;
            while (k < n_gains && gains[k] != g) k++;
            if (k == n_gains && n_gains < MAX_CLASSES) gains[n_gains++] = g;
        }
    }
    free(sizes);
    /* Classes in descending gain order: class 0 gets the most therapist turns. */
    for (size_t i = 1; i < n_gains; i++)
        for (size_t j = i; j > 0 && gains[j - 1] < gains[j]; j--) {
            unsigned t = gains[j]; gains[j] = gains[j - 1]; gains[j - 1] = t;
        }
    size_t C = w->n_classes = n_gains;
    w->cls_first = calloc(C * R, sizeof *w->cls_first);
    w->cls_cnt = calloc(C * R, sizeof *w->cls_cnt);
    w->class_start = calloc(C + 1, sizeof *w->class_start);
    w->by_rank = malloc(n * sizeof *w->by_rank);
    w->class_of = malloc(n * sizeof *w->class_of);
    w->pos_class = malloc(n * sizeof *w->pos_class);
    w->tier_lo = malloc(n * sizeof *w->tier_lo);
    w->tier_hi = malloc(n * sizeof *w->tier_hi);
    if (!w->cls_first || !w->cls_cnt || !w->class_start || !w->by_rank || !w->class_of || !w->pos_class
        || !w->tier_lo || !w->tier_hi) { free(pos_gain); return GROUPING_ERR_NOMEM; }
    for (size_t pos = n; pos-- > 0;) {   /* backwards, so cls_first ends at the lowest position */
        size_t c = 0;
        while (gains[c] != pos_gain[pos]) c++;
        size_t cr = c * R + w->pos_room[pos];
        w->pos_class[pos] = (uint32_t)c;
        w->cls_first[cr] = (uint32_t)pos;
        w->cls_cnt[cr]++;
        w->class_start[c + 1]++;
    }
    free(pos_gain);
    for (size_t c = 0; c < C; c++) w->class_start[c + 1] += w->class_start[c];
    /* Hand out classes along the sorted order: the fewest therapist turns get the most. */
    for (size_t c = 0, i = 0; c < C; c++)
        for (; i < w->class_start[c + 1]; i++) {
            w->class_of[sorted[i].idx] = (uint32_t)c;
            w->by_rank[i] = sorted[i].idx;
        }
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i; j < n && sorted[j].count == sorted[i].count; j++) {}
        for (size_t k = i; k < j; k++) { w->tier_lo[sorted[k].idx] = (uint32_t)i; w->tier_hi[sorted[k].idx] = (uint32_t)j; }
    }

    /* The met graph, over indices of people present now. */
    if (grouping_pairs_init(&w->pairs, n_met)) return GROUPING_ERR_NOMEM;
    for (size_t i = 0; i < n_met; i++) {
        uint32_t a = grouping_ids_get(ids, met[i].a), b = grouping_ids_get(ids, met[i].b);
        if (a != NONE && b != NONE && a != b) grouping_pairs_add(&w->pairs, grouping_pair_key(a, b));
    }
    w->adj_start = calloc(n + 1, sizeof *w->adj_start);
    w->adj_to = malloc((2 * w->pairs.used + 1) * sizeof *w->adj_to);
    w->adj_w = malloc((2 * w->pairs.used + 1) * sizeof *w->adj_w);
    if (!w->adj_start || !w->adj_to || !w->adj_w) return GROUPING_ERR_NOMEM;
    for (size_t i = 0; i <= w->pairs.mask; i++) {
        uint64_t k = w->pairs.keys[i];
        if (k == PAIR_EMPTY) continue;
        w->adj_start[(k >> 32) + 1]++;
        w->adj_start[(k & 0xffffffffu) + 1]++;
    }
    for (size_t i = 0; i < n; i++) w->adj_start[i + 1] += w->adj_start[i];
    uint32_t *next = malloc((n + 1) * sizeof *next);
    if (!next) return GROUPING_ERR_NOMEM;
    memcpy(next, w->adj_start, (n + 1) * sizeof *next);
    for (size_t i = 0; i <= w->pairs.mask; i++) {
        uint64_t k = w->pairs.keys[i];
        if (k == PAIR_EMPTY) continue;
        uint32_t a = (uint32_t)(k >> 32), b = (uint32_t)k;
        w->adj_to[next[a]] = b; w->adj_w[next[a]++] = w->pairs.counts[i];
        w->adj_to[next[b]] = a; w->adj_w[next[b]++] = w->pairs.counts[i];
    }
    free(next);

    w->order = malloc(n * sizeof *w->order);
    w->mem = malloc(n * sizeof *w->mem);
    w->pos_of = malloc(n * sizeof *w->pos_of);
    w->open = malloc(C * R * sizeof *w->open);
    w->open_len = malloc(C * sizeof *w->open_len);
    w->open_at = malloc(C * R * sizeof *w->open_at);
    w->fill = malloc(C * R * sizeof *w->fill);
    w->stamp = malloc(R * sizeof *w->stamp);
    w->acc = malloc(R * sizeof *w->acc);
    if (!w->order || !w->mem || !w->pos_of || !w->open || !w->open_len || !w->open_at || !w->fill || !w->stamp || !w->acc)
        return GROUPING_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) w->order[i] = (uint32_t)i;
    return GROUPING_OK;
}

int grouping_make_rooms(const grouping_person *people, size_t n, const grouping_pair *met, size_t n_met,
                        grouping_policy policy, unsigned turns, uint64_t seed, grouping_result *out)
{
    if (!out) return GROUPING_ERR_INVALID;
    memset(out, 0, sizeof *out);
    if ((n && !people) || (n_met && !met) || turns == 0) return GROUPING_ERR_INVALID;
    if (n > GROUPING_MAX_PEOPLE || n_met > GROUPING_MAX_MET) return GROUPING_ERR_TOO_MANY;
    if (n == 1) return GROUPING_ERR_TOO_FEW;
    if (n == 0) {
        out->room_start = calloc(1, sizeof *out->room_start);
        return out->room_start ? GROUPING_OK : GROUPING_ERR_NOMEM;
    }

    int rc = GROUPING_ERR_NOMEM;
    uint64_t rng = seed;
    id_map ids = { 0 };
    work w = { 0 };
    w.n = n;
    w.people = people;
    person_key *sorted = malloc(n * sizeof *sorted);
    uint32_t *best = malloc(n * sizeof *best);
    if (!sorted || !best || grouping_ids_init(&ids, n)) goto done;
    for (size_t i = 0; i < n; i++) {
        if (grouping_ids_put(&ids, people[i].id, (uint32_t)i)) { rc = GROUPING_ERR_DUPLICATE; goto done; }
        sorted[i] = (person_key){ people[i].therapist_count, (uint32_t)i, grouping_rng_next(&rng) };
    }
    qsort(sorted, n, sizeof *sorted, grouping_cmp_person);
    if ((rc = grouping_work_setup(&w, sorted, &ids, met, n_met, policy, turns)) != GROUPING_OK) goto done;

    uint64_t best_cost = UINT64_MAX, budget = WORK_PER_PERSON * (uint64_t)n + GROUPING_SEARCH_BUDGET;
    for (size_t a = 0; a < GROUPING_MAX_ATTEMPTS && best_cost > 0 && budget > 0; a++) {
        grouping_place_greedy(&w, &rng);
        budget -= budget < n ? budget : n;
        uint64_t cost = grouping_improve_swaps(&w, grouping_total_cost(&w), &rng, &budget);
        if (cost < best_cost) { best_cost = cost; memcpy(best, w.mem, n * sizeof *best); }
        if (w.n_rooms == 1) break;   /* one room: every placement has the same repeats */
    }

    /* Rotation order inside each room: by rank (fewest therapist turns, then the seeded tie-break).
     * This fills the room's slot classes in order: a person can sit in a later class than someone
     * ranked after them only by a same-count trade, so re-sorting just reorders equal counts. */
    size_t *rank = malloc(n * sizeof *rank);   /* person index -> position in sorted order */
    out->room_start = malloc((w.n_rooms + 1) * sizeof *out->room_start);
    out->members = malloc(n * sizeof *out->members);
    if (!rank || !out->room_start || !out->members) {
        free(rank); free(out->room_start); free(out->members);
        out->room_start = NULL; out->members = NULL;
        rc = GROUPING_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) rank[sorted[i].idx] = i;
    for (size_t r = 0; r < w.n_rooms; r++) {
        size_t lo = w.room_start[r], hi = w.room_start[r + 1];
        for (size_t i = lo + 1; i < hi; i++)   /* rooms hold at most 4: insertion sort */
            for (size_t j = i; j > lo && rank[best[j - 1]] > rank[best[j]]; j--) {
                uint32_t t = best[j]; best[j] = best[j - 1]; best[j - 1] = t;
            }
        for (size_t i = lo; i < hi; i++) out->members[i] = people[best[i]].id;
        out->room_start[r] = lo;
    }
    out->room_start[w.n_rooms] = n;
    out->n_rooms = w.n_rooms;
    free(rank);
    rc = GROUPING_OK;
done:
    grouping_work_free(&w);
    grouping_ids_free(&ids);
    free(sorted);
    free(best);
    return rc;
}

void grouping_result_free(grouping_result *r)
{
    if (!r) return;
    free(r->room_start);
    free(r->members);
    memset(r, 0, sizeof *r);
}

int grouping_count_repeats(const grouping_result *r, const grouping_pair *met, size_t n_met, size_t *repeats)
{
    *repeats = 0;
    if (!r || !r->n_rooms || !n_met) return GROUPING_OK;
    pair_table t;
    if (grouping_pairs_init(&t, n_met)) return GROUPING_ERR_NOMEM;
    for (size_t i = 0; i < n_met; i++)
        if (met[i].a != met[i].b) grouping_pairs_add(&t, grouping_pair_key(met[i].a, met[i].b));
    for (size_t k = 0; k < r->n_rooms; k++)
        for (size_t i = r->room_start[k]; i < r->room_start[k + 1]; i++)
            for (size_t j = i + 1; j < r->room_start[k + 1]; j++)
                if (grouping_pairs_get(&t, grouping_pair_key(r->members[i], r->members[j]))) (*repeats)++;
    grouping_pairs_free(&t);
    return GROUPING_OK;
}
