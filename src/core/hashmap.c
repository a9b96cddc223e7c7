/* hashmap — see hashmap.h. FNV-1a hashing, linear probing, tombstones on removal,
 * growth at 70% load (counting tombstones so probes stay short). */
#include "hashmap.h"
#include <stdlib.h>
#include <string.h>

struct hashmap_slot {
    uint64_t hash;
    unsigned char *key;   /* NULL: empty; key == TOMBSTONE: removed */
    size_t key_len;
    void *value;
};
static unsigned char tombstone_marker;
#define TOMBSTONE (&tombstone_marker)

static uint64_t hash_bytes(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) { h ^= p[i]; h *= 1099511628211ULL; }
    return h ^ (h >> 29);
}

void hashmap_init(hashmap *m) { memset(m, 0, sizeof *m); }

void hashmap_free(hashmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && m->slots[i].key != TOMBSTONE) free(m->slots[i].key);
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static struct hashmap_slot *find(const hashmap *m, const void *key, size_t len, uint64_t h)
{
    if (m->cap == 0) return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct hashmap_slot *s = &m->slots[i];
        if (!s->key) return NULL;
        if (s->key != TOMBSTONE && s->hash == h && s->key_len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

static int grow(hashmap *m)
{
    /* When tombstones made the table look full, rehash at the same size rather than doubling,
     * so churn (insert/remove of distinct keys) cannot grow it without bound. */
    size_t ncap = m->cap ? m->cap : 64;
    while ((m->count + 1) * 10 >= ncap * 5) ncap *= 2;
    struct hashmap_slot *ns = calloc(ncap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        struct hashmap_slot *s = &m->slots[i];
        if (!s->key || s->key == TOMBSTONE) continue;
        size_t j = s->hash & (ncap - 1);
        while (ns[j].key) j = (j + 1) & (ncap - 1);
        ns[j] = *s;
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    m->tombstones = 0;
    return 0;
}

int hashmap_put(hashmap *m, const void *key, size_t len, void *value)
{
    uint64_t h = hash_bytes(key, len);
    struct hashmap_slot *s = find(m, key, len, h);
    if (s) { s->value = value; return 0; }
    if ((m->count + m->tombstones + 1) * 10 >= m->cap * 7 && grow(m) != 0) return -1;
    unsigned char *k = malloc(len ? len : 1);
    if (!k) return -1;
    memcpy(k, key, len);
    size_t mask = m->cap - 1, i = h & mask;
    while (m->slots[i].key && m->slots[i].key != TOMBSTONE) i = (i + 1) & mask;
    if (m->slots[i].key == TOMBSTONE) m->tombstones--;
    m->slots[i] = (struct hashmap_slot){ h, k, len, value };
    m->count++;
    return 0;
}

void *hashmap_get(const hashmap *m, const void *key, size_t len)
{
    struct hashmap_slot *s = find(m, key, len, hash_bytes(key, len));
    return s ? s->value : NULL;
}

void *hashmap_remove(hashmap *m, const void *key, size_t len)
{
    struct hashmap_slot *s = find(m, key, len, hash_bytes(key, len));
    if (!s) return NULL;
    void *v = s->value;
    free(s->key);
    s->key = TOMBSTONE;
    s->value = NULL;
    m->count--;
    m->tombstones++;
    return v;
}

int hashmap_next(const hashmap *m, size_t *pos, void **value)
{
    while (*pos < m->cap) {
        struct hashmap_slot *s = &m->slots[(*pos)++];
        if (s->key && s->key != TOMBSTONE) { *value = s->value; return 1; }
    }
    return 0;
}
