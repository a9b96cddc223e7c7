/* test_hashmap — put/get/remove/replace, copied keys, binary and empty keys, growth to many
 * thousands of keys, tombstone reuse (memory must not grow under churn), and iteration, including
 * removing the entry just returned. */
#include "unit.h"
#include "hashmap.h"
#include <stdio.h>
#include <stdlib.h>

typedef struct { char key[32]; size_t len; int seen; } item;

static size_t key_of(char *buf, size_t size, const char *prefix, size_t i)
{
    return (size_t)snprintf(buf, size, "%s%zu", prefix, i);
}

static void test_empty_map(void **state)
{
    hashmap m;
    hashmap_init(&m);
    assert_null(hashmap_get(&m, "a", 1));
    assert_null(hashmap_remove(&m, "a", 1));
    size_t pos = 0;
    void *v = NULL;
    assert_int_equal(hashmap_next(&m, &pos, &v), 0);
    assert_int_equal(m.count, 0);
    hashmap_free(&m);
    hashmap_free(&m);   /* free of a freed (zeroed) map is harmless */
}

static void test_put_get_remove_replace(void **state)
{
    int a = 1, b = 2, c = 3;
    hashmap m;
    hashmap_init(&m);
    assert_int_equal(hashmap_put(&m, "alpha", 5, &a), 0);
    assert_int_equal(hashmap_put(&m, "beta", 4, &b), 0);
    assert_int_equal(m.count, 2);
    assert_ptr_equal(hashmap_get(&m, "alpha", 5), &a);
    assert_ptr_equal(hashmap_get(&m, "beta", 4), &b);
    assert_null(hashmap_get(&m, "gamma", 5));
    /* Prefixes and length matter. */
    assert_null(hashmap_get(&m, "alph", 4));
    assert_null(hashmap_get(&m, "alphabet", 8));
    assert_ptr_equal(hashmap_get(&m, "alphabet", 5), &a);
    /* Replace keeps the count. */
    assert_int_equal(hashmap_put(&m, "alpha", 5, &c), 0);
    assert_int_equal(m.count, 2);
    assert_ptr_equal(hashmap_get(&m, "alpha", 5), &c);
    /* Remove returns the value, once. */
    assert_ptr_equal(hashmap_remove(&m, "alpha", 5), &c);
    assert_null(hashmap_remove(&m, "alpha", 5));
    assert_null(hashmap_get(&m, "alpha", 5));
    assert_ptr_equal(hashmap_get(&m, "beta", 4), &b);
    assert_int_equal(m.count, 1);
    /* Put again after remove. */
    assert_int_equal(hashmap_put(&m, "alpha", 5, &a), 0);
    assert_ptr_equal(hashmap_get(&m, "alpha", 5), &a);
    assert_int_equal(m.count, 2);
    hashmap_free(&m);
}

/* Keys are copied: the caller's buffer may change or go away. Binary keys and the empty key work. */
static void test_keys_are_copied_and_binary(void **state)
{
    int v1 = 1, v2 = 2, v3 = 3, v4 = 4;
    hashmap m;
    hashmap_init(&m);
    char *k = malloc(8);
    assert_non_null(k);
    memcpy(k, "temp", 5);
    assert_int_equal(hashmap_put(&m, k, 4, &v1), 0);
    memcpy(k, "XXXX", 5);
    free(k);
    assert_ptr_equal(hashmap_get(&m, "temp", 4), &v1);
    assert_null(hashmap_get(&m, "XXXX", 4));

    const unsigned char bin1[4] = { 0, 1, 0, 2 }, bin2[4] = { 0, 1, 0, 3 };
    assert_int_equal(hashmap_put(&m, bin1, 4, &v2), 0);
    assert_int_equal(hashmap_put(&m, bin2, 4, &v3), 0);
    assert_ptr_equal(hashmap_get(&m, bin1, 4), &v2);
    assert_ptr_equal(hashmap_get(&m, bin2, 4), &v3);
    assert_null(hashmap_get(&m, bin1, 3));

    assert_int_equal(hashmap_put(&m, "", 0, &v4), 0);
    assert_ptr_equal(hashmap_get(&m, "", 0), &v4);
    assert_ptr_equal(hashmap_get(&m, "whatever", 0), &v4);   /* only len bytes are the key */
    assert_ptr_equal(hashmap_remove(&m, "", 0), &v4);
    assert_null(hashmap_get(&m, "", 0));
    assert_int_equal(m.count, 3);
    hashmap_free(&m);
}

/* Growth past many thousands of keys: every key stays findable, load stays below 70%. */
static void test_growth(void **state)
{
    enum { N = 50000 };
    item *items = calloc(N, sizeof *items);
    assert_non_null(items);
    hashmap m;
    hashmap_init(&m);
    for (size_t i = 0; i < N; i++) {
        items[i].len = key_of(items[i].key, sizeof items[i].key, "key-", i);
        assert_int_equal(hashmap_put(&m, items[i].key, items[i].len, &items[i]), 0);
        assert_int_equal(m.count, i + 1);
        assert_true((m.count + m.tombstones) * 10 < m.cap * 7 + 10);
    }
    assert_true((m.cap & (m.cap - 1)) == 0);   /* power of two, for the mask */
    for (size_t i = 0; i < N; i++) {
        item *got = hashmap_get(&m, items[i].key, items[i].len);
        if (got != &items[i]) fail_msg("key %s lost after growth", items[i].key);
    }
    char miss[32];
    for (size_t i = N; i < N + 1000; i++) {
        size_t len = key_of(miss, sizeof miss, "key-", i);
        assert_null(hashmap_get(&m, miss, len));
    }
    /* Remove every other key; the rest are still there. */
    for (size_t i = 0; i < N; i += 2) assert_ptr_equal(hashmap_remove(&m, items[i].key, items[i].len), &items[i]);
    assert_int_equal(m.count, N / 2);
    for (size_t i = 0; i < N; i++) {
        item *got = hashmap_get(&m, items[i].key, items[i].len);
        if (i % 2) assert_ptr_equal(got, &items[i]);
        else assert_null(got);
    }
    hashmap_free(&m);
    free(items);
}

/* Removing and re-adding the same keys reuses their tombstones: no growth. */
static void test_tombstones_reused(void **state)
{
    enum { N = 40 };
    static int vals[N];
    hashmap m;
    hashmap_init(&m);
    char k[32];
    for (size_t i = 0; i < N; i++) assert_int_equal(hashmap_put(&m, k, key_of(k, sizeof k, "t", i), &vals[i]), 0);
    size_t cap = m.cap;
    for (int round = 0; round < 100; round++) {
        for (size_t i = 0; i < N; i++) assert_ptr_equal(hashmap_remove(&m, k, key_of(k, sizeof k, "t", i)), &vals[i]);
        assert_int_equal(m.count, 0);
        for (size_t i = 0; i < N; i++) assert_int_equal(hashmap_put(&m, k, key_of(k, sizeof k, "t", i), &vals[i]), 0);
        assert_int_equal(m.count, N);
    }
    assert_int_equal(m.cap, cap);
    for (size_t i = 0; i < N; i++) assert_ptr_equal(hashmap_get(&m, k, key_of(k, sizeof k, "t", i)), &vals[i]);
    hashmap_free(&m);
}

/* Churn with distinct keys (people joining and leaving for hours): a map that never holds more than
 * a handful of live keys must stay small; tombstones are cleaned up, not paid for with doubling. */
static void test_churn_keeps_memory_bounded(void **state)
{
    enum { OPS = 100000, LIVE = 8 };
    static int v;
    hashmap m;
    hashmap_init(&m);
    char k[32];
    for (size_t i = 0; i < OPS; i++) {
        assert_int_equal(hashmap_put(&m, k, key_of(k, sizeof k, "c", i), &v), 0);
        if (i >= LIVE) assert_ptr_equal(hashmap_remove(&m, k, key_of(k, sizeof k, "c", i - LIVE)), &v);
        assert_true(m.count <= LIVE + 1);
    }
    for (size_t i = OPS - LIVE; i < OPS; i++) assert_ptr_equal(hashmap_get(&m, k, key_of(k, sizeof k, "c", i)), &v);
    size_t cap = m.cap;
    hashmap_free(&m);   /* before asserting, so a failure is not also reported as a leak */
    if (cap > 1024) fail_msg("%d live keys after %d insert/remove pairs, but %zu slots", LIVE, OPS, cap);
}

/* Iteration visits every live entry exactly once. */
static void test_iteration(void **state)
{
    enum { N = 3000 };
    item *items = calloc(N, sizeof *items);
    assert_non_null(items);
    hashmap m;
    hashmap_init(&m);
    for (size_t i = 0; i < N; i++) {
        items[i].len = key_of(items[i].key, sizeof items[i].key, "it", i);
        assert_int_equal(hashmap_put(&m, items[i].key, items[i].len, &items[i]), 0);
    }
    for (size_t i = 0; i < N; i += 3) hashmap_remove(&m, items[i].key, items[i].len);
    size_t pos = 0, n = 0;
    void *v;
    while (hashmap_next(&m, &pos, &v)) {
        item *it = v;
        assert_true(it >= items && it < items + N);
        assert_int_equal(it->seen, 0);
        it->seen = 1;
        n++;
    }
    assert_int_equal(n, m.count);
    for (size_t i = 0; i < N; i++) assert_int_equal(items[i].seen, i % 3 != 0);
    /* Once at the end it stays at the end. */
    assert_int_equal(hashmap_next(&m, &pos, &v), 0);
    hashmap_free(&m);
    free(items);
}

/* Removing the entry just returned is allowed and does not skip or repeat any other entry. */
static void test_remove_during_iteration(void **state)
{
    enum { N = 5000 };
    item *items = calloc(N, sizeof *items);
    assert_non_null(items);
    hashmap m;
    hashmap_init(&m);
    for (size_t i = 0; i < N; i++) {
        items[i].len = key_of(items[i].key, sizeof items[i].key, "rm", i);
        assert_int_equal(hashmap_put(&m, items[i].key, items[i].len, &items[i]), 0);
    }
    /* Remove the odd ones while iterating. */
    size_t pos = 0, visits = 0;
    void *v;
    while (hashmap_next(&m, &pos, &v)) {
        item *it = v;
        it->seen++;
        visits++;
        size_t idx = (size_t)(it - items);
        if (idx % 2) assert_ptr_equal(hashmap_remove(&m, it->key, it->len), it);
    }
    assert_int_equal(visits, N);
    for (size_t i = 0; i < N; i++) assert_int_equal(items[i].seen, 1);
    assert_int_equal(m.count, N / 2);
    for (size_t i = 0; i < N; i++) {
        void *got = hashmap_get(&m, items[i].key, items[i].len);
        if (i % 2) assert_null(got);
        else assert_ptr_equal(got, &items[i]);
    }
    /* Drain everything while iterating. */
    pos = 0;
    while (hashmap_next(&m, &pos, &v)) {
        item *it = v;
        assert_ptr_equal(hashmap_remove(&m, it->key, it->len), it);
    }
    assert_int_equal(m.count, 0);
    pos = 0;
    assert_int_equal(hashmap_next(&m, &pos, &v), 0);
    hashmap_free(&m);
    free(items);
}

/* After free the map is empty and usable again (init state). */
static void test_reuse_after_free(void **state)
{
    int a = 7;
    hashmap m;
    hashmap_init(&m);
    char k[32];
    for (size_t i = 0; i < 500; i++) assert_int_equal(hashmap_put(&m, k, key_of(k, sizeof k, "f", i), &a), 0);
    hashmap_free(&m);
    assert_int_equal(m.count, 0);
    assert_int_equal(m.cap, 0);
    assert_null(hashmap_get(&m, "f1", 2));
    assert_int_equal(hashmap_put(&m, "x", 1, &a), 0);
    assert_ptr_equal(hashmap_get(&m, "x", 1), &a);
    hashmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_map),
        cmocka_unit_test(test_put_get_remove_replace),
        cmocka_unit_test(test_keys_are_copied_and_binary),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_tombstones_reused),
        cmocka_unit_test(test_churn_keeps_memory_bounded),
        cmocka_unit_test(test_iteration),
        cmocka_unit_test(test_remove_during_iteration),
        cmocka_unit_test(test_reuse_after_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
