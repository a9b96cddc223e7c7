/* hashmap — an open-addressing map from byte-string keys to pointers.
 * Owns: only the index. Keys are copied; values are borrowed pointers the caller owns.
 * Used by the domain core to find sessions by code and id, and people by id and token hash. */
#ifndef SOFTCLOSE_HASHMAP_H
#define SOFTCLOSE_HASHMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t cap, count, tombstones;
    struct hashmap_slot *slots;
} hashmap;

void hashmap_init(hashmap *m);
void hashmap_free(hashmap *m);
/* Returns 0, or -1 when out of memory. Replaces the value if the key exists. */
int hashmap_put(hashmap *m, const void *key, size_t key_len, void *value);
void *hashmap_get(const hashmap *m, const void *key, size_t key_len);
/* Returns the removed value, or NULL. */
void *hashmap_remove(hashmap *m, const void *key, size_t key_len);
/* Iteration: start with *pos = 0; returns 1 and the next entry's value, or 0 at the end.
 * Removing the entry just returned is allowed; inserting during iteration is not. */
int hashmap_next(const hashmap *m, size_t *pos, void **value);
#endif
