/* test_soften_model.c — unit tests of the learned tone score (src/core/soften_model.c) and of how the
 * engine uses it for follow-ups (rule "tone" in soften.c): features are deterministic, distinct and
 * bounded; the score separates plain cases; a message only the score catches gets a "tone" hint
 * with a usable one-click wording; greetings, apologies and playful messages get none. */
#include "unit.h"

#include "soften.h"
#include "soften_model.h"

#include <stdio.h>
#include <stdlib.h>

static soften_result R;
static uint32_t F[SOFTEN_MODEL_MAX_FEATURES], G[SOFTEN_MODEL_MAX_FEATURES];

static int has_dup(const uint32_t *k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (k[i] == k[j]) return 1;
    return 0;
}

static void test_features_deterministic_and_distinct(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Did you see the BBC piece? wow, lovely",
        "You you you you you you.",
        "WHY won't you answer?!?! 😡😡",
        "It’s fine – honestly, it's fine.",
        "",
        "a",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        size_t n = soften_model_features(texts[t], strlen(texts[t]), F);
        size_t m = soften_model_features(texts[t], strlen(texts[t]), G);
        assert_int_equal(n, m);
        assert_memory_equal(F, G, n * sizeof F[0]);
        assert_false(has_dup(F, n));
        for (size_t k = 0; k < n; k++) assert_true(F[k] != 0);
    }
    /* the typographic apostrophe reads as the plain one */
    size_t a = soften_model_features("it’s", strlen("it’s"), F);
    size_t b = soften_model_features("it's", 4, G);
    assert_int_equal(a, b);
    assert_memory_equal(F, G, a * sizeof F[0]);
    /* case does not matter, except for the all-capitals mark */
    a = soften_model_features("Answer me", 9, F);
    b = soften_model_features("answer me", 9, G);
    assert_int_equal(a, b);
    assert_memory_equal(F, G, a * sizeof F[0]);
    a = soften_model_features("ANSWER me", 9, F);
    assert_int_equal(a, b + 1);
}

static void test_features_bounded(void **state)
{
    (void)state;
    /* the longest text allowed, every word different: the feature count stays within its bound */
    static char text[SOFTEN_MAX_TEXT_BYTES + 1];
    size_t n = 0;
    for (unsigned i = 0; n + 8 < SOFTEN_MAX_TEXT_BYTES; i++) n += (size_t)snprintf(text + n, 9, "w%u ", i);
    size_t f = soften_model_features(text, n, F);
    assert_true(f > 0 && f <= SOFTEN_MODEL_MAX_FEATURES);
    assert_false(has_dup(F, f));
}

static void test_score_separates_plain_cases(void **state)
{
    (void)state;
    static const char *const rude[] = {
        "Do your own work for once and stop relying on everyone else.",
        "Honestly I don't know why you bother coming to these sessions.",
        "Reply to my message. I won't ask again.",
    };
    static const char *const ordinary[] = {
        "Thanks so much for Tuesday, see you next week!",
        "Is the room on the third floor or the fourth?",
        "Here's the link to the reading: https://example.org/ch3.pdf",
    };
    for (size_t k = 0; k < 3; k++) {
        double zr = soften_model_score(rude[k], strlen(rude[k]));
        double zo = soften_model_score(ordinary[k], strlen(ordinary[k]));
        if (!(zr > 0 && zo < 0)) printf("  rude %.2f: %s\n  ordinary %.2f: %s\n", zr, rude[k], zo, ordinary[k]);
        assert_true(zr > 0);
        assert_true(zo < 0);
    }
}

static const soften_flag *find_rule(const soften_result *r, const char *rule)
{
    for (size_t k = 0; k < r->n_flags; k++)
        if (strcmp(r->flags[k].rule, rule) == 0) return &r->flags[k];
    return NULL;
}

static void test_tone_rule_in_followups(void **state)
{
    (void)state;
    /* caught by the score, not by a rule: one "tone" hint on the message, with a wording to use */
    const char *t = "Your idea of teamwork is letting everyone else carry you.";
    assert_int_equal(soften_check_ctx(t, strlen(t), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
    assert_int_equal(R.verdict, SOFTEN_VERDICT_SOFTEN);
    const soften_flag *f = find_rule(&R, "tone");
    if (!f) for (size_t k = 0; k < R.n_flags; k++) printf("  flag %s\n", R.flags[k].rule);
    assert_non_null(f);
    assert_true(f->use.start < f->use.end && f->use.end <= strlen(t));
    assert_true(f->use.text[0] != '\0');
    assert_true(strlen(f->suggestion) > 0);
    /* the feedback context never uses the score */
    assert_int_equal(soften_check_ctx(t, strlen(t), SOFTEN_CONTEXT_FEEDBACK, &R), SOFTEN_OK);
    assert_null(find_rule(&R, "tone"));
    /* too short to judge, an apology, a playful emoji: no hint */
    static const char *const none[] = {
        "hello",
        "I was blunt earlier; what I meant was that your reflections were careful.",
        "you absolute muppet, you left your scarf in room 4 again 😂",
        "Did you see the BBC piece? wow, lovely",
    };
    for (size_t k = 0; k < sizeof none / sizeof none[0]; k++) {
        assert_int_equal(soften_check_ctx(none[k], strlen(none[k]), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (R.n_flags) printf("  unexpected flag %s on: %s\n", R.flags[0].rule, none[k]);
        assert_int_equal(R.n_flags, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_features_deterministic_and_distinct),
        cmocka_unit_test(test_features_bounded),
        cmocka_unit_test(test_score_separates_plain_cases),
        cmocka_unit_test(test_tone_rule_in_followups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
