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

/* Every fixed calm wording the engine offers ("Use this") re-checks as kind in a follow-up: a writer
 * who takes the suggestion is not told to soften it again. The table is every whole-sentence wording
 * in soften.c, soften_rude.c and soften_cues.c (listed once with a script; add new ones here). */
static void test_calm_wordings_recheck_kind(void **state)
{
    (void)state;
    static const char *const calm[] = {
        "Can we talk about how this gets decided?", "Can we talk about how this was decided?",
        "Can you help me understand why it was done this way?", "Can you tell me what happened?",
        "Could we find a way to make this easier?", "Could we keep to the point?",
        "Could we take turns to speak, please?", "Could we take turns, please?",
        "Could we talk about how this could go better?", "Could you get back to me on this, please?",
        "Could you get back to me when you see my messages, please?", "Could you give me a hand with this?",
        "Could you help me understand what got in the way?", "Could you help me understand what happened?",
        "Could you help me understand why this came to me?", "Could you help me with this, please?",
        "Could you help out a bit more, please?", "Could you let me know if this works for you, please?",
        "Could you let me know if you can make it, please?", "Could you let me know if you're coming, please?",
        "Could you let me know where this is up to?", "Could you take another look at this, please?",
        "Could you take care of this, please?", "Could you tell me a bit more, please?",
        "Could you tell me what happened?", "Good to see you.", "Have you had a chance to look at it?",
        "I can't take this on for you — could you handle it, please?",
        "I could do with some help here — could you pitch in?",
        "I don't think I can do that — can we find another way?",
        "I felt embarrassed by that, and I'd like us to talk about it.",
        "I felt hurt by that, and I'd like us to talk about it.",
        "I felt let down, and I'd like us to talk about it.", "I found that hard to hear — can we talk about it?",
        "I found that hard to watch — can we talk about it?",
        "I found that moment hard to watch — could we talk through what happened?",
        "I haven't heard back, and I'm starting to worry — is everything okay?",
        "I hope that's clear — do ask if anything isn't.",
        "I need to know I can count on you — can we talk about it?",
        "I see this differently — can we talk it through?", "I see this differently.",
        "I think I mentioned this earlier.", "I think something went wrong — can we look at it?",
        "I think this could go further — can we look at it together?",
        "I think this has slipped again — can we find a way to make it easier?",
        "I think this is something to work on — can we talk about it?",
        "I think this needs another look — can we go through it together?",
        "I think this one is fairly simple — shall we go through it together?",
        "I think this went wrong somewhere, and I'd like us to sort it out.",
        "I think we understood this differently — can we check what we agreed?", "I wanted to mention it.",
        "I was disappointed by this — can we talk about it?", "I was disappointed by this.",
        "I was disappointed this didn't happen — can we talk about it?",
        "I was hoping this would be ready by now — can you let me know when?",
        "I was surprised by that — can we talk about it?", "I was surprised by this — can we talk about it?",
        "I wasn't happy about this — can we talk about it?", "I'd find it easier if we talked about this directly.",
        "I'd have liked to hear from you sooner.", "I'd have liked to hear from you.",
        "I'd like my view to be heard too.", "I'd like to understand this better — can we talk about it?",
        "I'd like us both to prepare — can we agree how?", "I'd like us to stop here and talk about this calmly.",
        "I'd like us to talk about what happened.", "I'd rather we found another way next time.",
        "I'd rather we sorted this out together.", "I'd really like a reply to this, please.",
        "I'd really like us all to be committed to this.",
        "I'm concerned about this, and I'd like us to sort it out before it goes further.",
        "I'm disappointed about this — can we talk about it?",
        "I'm disappointed about this, and I'd like us to talk about it.", "I'm disappointed about this.",
        "I'm feeling a bit discouraged — can we talk about it?",
        "I'm feeling stretched at the moment — could you help?",
        "I'm feeling worn out by this — can we talk about it?",
        "I'm finding our work together hard — can we talk about it?",
        "I'm finding this frustrating, and I'd like us to sort it out.",
        "I'm finding this hard — can we talk about it?", "I'm finding this hard — can we talk it through?",
        "I'm frustrated about this — can we talk about it?",
        "I'm frustrated about this, and I'd like us to sort it out together.",
        "I'm frustrated, and I'd like us to talk about what happened.",
        "I'm not sure I'm being heard — can we talk about it?",
        "I'm not sure that came across as you meant — can we talk about it?",
        "I'm not sure that went well — can we talk about it?",
        "I'm not sure this is being picked up — can we talk about it?",
        "I'm not sure what you need — can you tell me?", "I'm not sure you noticed — can we talk about it?",
        "I'm short of time right now — can we come back to this later?",
        "I'm short of time, and I'd like us to share this fairly.",
        "I'm short of time, and I'd like us to use it well.", "I'm surprised by this — can you tell me more?",
        "I'm surprised by this.", "I'm surprised — can you tell me more?",
        "I'm worried about how this is going — can we talk about it?",
        "I've been covering more than my share, and I'd like us to sort it out.",
        "I've been left with a lot of this — could you help?",
        "I've mentioned this before — could you take a look when you can, please?",
        "I've put a lot into this, and I'd like that to be noticed.",
        "I've raised this before, and I'd like us to sort it out together.",
        "Is everything all right? I'm finding this hard.",
        "It would have helped to know sooner — could you let me know next time?",
        "It's happened a few times now — can we talk about it?", "Just a reminder about this.",
        "Just checking in — could you let me know where this is up to?",
        "Let me put it another way, in case I wasn't clear.", "Let's talk again when we've both had time to think.",
        "Please don't — I'd like us to talk about it first.", "Thanks for doing it.",
        "Thanks for explaining what happened.", "Thanks for reading it.", "Thanks for your view.",
        "Thanks — I'd like to try it my way this time.",
    };
    for (size_t k = 0; k < sizeof calm / sizeof calm[0]; k++) {
        assert_int_equal(soften_check_ctx(calm[k], strlen(calm[k]), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (R.n_flags) printf("  flagged (%s): %s\n", R.flags[0].rule, calm[k]);
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
        cmocka_unit_test(test_calm_wordings_recheck_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
