/* test_soften.c — unit tests of the feedback-softening engine (src/core/soften.c).
 * Tables of cases: each rule with positive and negative cases, negation, reported speech about
 * the client, kindness markers, UTF-8 byte offsets, limits and invalid input. */
#include "unit.h"

#include "soften.h"
#include "soften_lexicon.h"

#include <stdio.h>
#include <stdlib.h>

static soften_result R; /* large; keep it off the test's stack */

static soften_status check(const char *text)
{
    return soften_check(text, strlen(text), &R);
}

static int is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

/* Invariants every result must satisfy, whatever the input. */
static void assert_well_formed(const char *text, size_t len, const soften_result *r)
{
    assert_true(r->n_flags <= SOFTEN_MAX_FLAGS);
    assert_true(r->n_markers <= SOFTEN_MAX_MARKERS);
    assert_int_equal(r->verdict, r->n_flags ? SOFTEN_VERDICT_SOFTEN : SOFTEN_VERDICT_KIND);
    for (size_t k = 0; k < r->n_flags; k++) {
        const soften_flag *f = &r->flags[k];
        assert_non_null(f->rule);
        assert_non_null(f->why);
        assert_true(f->why[0] != '\0');
        assert_true(f->start < f->end);
        assert_true(f->end <= len);
        assert_false(is_cont((unsigned char)text[f->start]));
        if (f->end < len) assert_false(is_cont((unsigned char)text[f->end]));
        size_t n = strnlen(f->suggestion, sizeof f->suggestion);
        assert_true(n > 0 && n < sizeof f->suggestion);
        static soften_result inner; /* a suggestion is itself valid UTF-8 */
        assert_int_equal(soften_check(f->suggestion, n, &inner), SOFTEN_OK);
        if (k) assert_true(r->flags[k - 1].start <= f->start);
    }
    for (size_t i = 0; i < r->n_markers; i++)
        for (size_t j = i + 1; j < r->n_markers; j++) assert_string_not_equal(r->markers[i], r->markers[j]);
}

static const soften_flag *find_flag(const soften_result *r, const char *rule)
{
    for (size_t k = 0; k < r->n_flags; k++)
        if (strcmp(r->flags[k].rule, rule) == 0) return &r->flags[k];
    return NULL;
}

static int has_marker(const soften_result *r, const char *m)
{
    for (size_t k = 0; k < r->n_markers; k++)
        if (strcmp(r->markers[k], m) == 0) return 1;
    return 0;
}

static void print_result(const char *text, const soften_result *r)
{
    print_message("  text: %s\n", text);
    for (size_t k = 0; k < r->n_flags; k++)
        print_message("  flag %s [%zu,%zu) -> %s\n", r->flags[k].rule, r->flags[k].start, r->flags[k].end,
                      r->flags[k].suggestion);
}

/* ------------------------------------------------------------ positives */

typedef struct {
    const char *text;
    const char *rule;
    const char *span; /* exact text the flag must cover; "*" for the whole message */
} pos_case;

static const pos_case positives[] = {
    /* verdict words, especially after intensifiers or in "you were …" labels */
    { "Your reflections were robotic.", "verdict_word", "robotic" },
    { "You talked way too much.", "verdict_word", "way too much" },
    { "That was really bad.", "verdict_word", "really bad" },
    { "Terrible pacing.", "verdict_word", "Terrible" },
    { "Poor summary.", "verdict_word", "Poor" },
    { "It was basically a lecture.", "verdict_word", "basically a lecture" },
    { "You sounded like a textbook.", "verdict_word", "textbook" },
    { "You were cold and clinical.", "verdict_word", "cold" },
    { "You were cold and clinical.", "verdict_word", "clinical" },
    { "You completely missed her point.", "verdict_word", "completely missed" },
    { "The client said you were cold.", "verdict_word", "cold" }, /* reported, but about "you" */
    { "Way too many questions.", "verdict_word", "Way too many" },
    /* generalisations */
    { "You never let her finish a sentence.", "you_always", "You never" },
    { "You always jump to advice.", "you_always", "You always" },
    { "You kept steering her back to your agenda.", "you_always", "You kept" },
    { "You interrupted constantly.", "you_always", "constantly" },
    { "Every time she paused you jumped in.", "you_always", "Every time" },
    /* evaluation dressed as a feeling */
    { "I felt like you weren't even listening.", "felt_evaluation", "I felt like you weren't even listening" },
    { "I felt that you didn't care about her story.", "felt_evaluation", "I felt that you didn't care" },
    { "It felt like a lecture.", "felt_evaluation", "It felt like a lecture" },
    /* commands and obligation */
    { "Stop interrupting.", "command", "Stop interrupting" },
    { "Don't give advice, it's not your job.", "command", "Don't give advice" },
    { "Just let her talk!", "command", "let her talk" },
    { "José, stop interrupting her.", "command", "stop interrupting her" },
    { "You should have asked about her mother.", "command", "You should have" },
    { "You need to slow down.", "command", "You need to" },
    { "You really must stop using jargon.", "command", "You really must" },
    /* challenges */
    { "Why did you change the subject?", "why_challenge", "Why did you" },
    { "Why didn't you explore the panic attacks?", "why_challenge", "Why didn't you" },
    { "Did you even read the case notes?", "why_challenge", "Did you even" },
    { "What were you thinking?", "why_challenge", "What were you thinking" },
    /* factuality markers on criticism */
    { "Frankly, that was a mess.", "factuality", "Frankly" },
    { "Obviously you missed the point.", "factuality", "Obviously" },
    { "To be honest, it didn't work and you lost her.", "factuality", "To be honest" },
    /* criticism with no appreciation, no specific moment, no next step */
    { "The summary missed her main worry.", "no_appreciation", "*" },
    { "You made her cry and then changed the subject.", "no_appreciation", "*" },
    { "You weren't present at all.", "no_appreciation", "*" },
    /* shouting */
    { "YOU DIDN'T LISTEN AT ALL", "shouting", "YOU DIDN'T LISTEN AT ALL" },
    { "You told her what to do!!", "shouting", "!!" },
    { "You were on your phone?? Not ok.", "shouting", "??" },
    /* insults and profanity */
    { "That was a dumb question.", "insult", "dumb" },
    { "Shut up and let her talk.", "insult", "Shut up" },
    { "What a pathetic reflection.", "insult", "pathetic" },
    /* dismissive asides */
    { "Ugh, the advice again.", "dismissive", "Ugh" },
    { "Nice try, but you lost her.", "dismissive", "Nice try" },
};

static void test_rule_positives(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(positives); i++) {
        const pos_case *pc = &positives[i];
        assert_int_equal(check(pc->text), SOFTEN_OK);
        assert_well_formed(pc->text, strlen(pc->text), &R);
        const soften_flag *hit = NULL;
        for (size_t k = 0; k < R.n_flags; k++) {
            const soften_flag *f = &R.flags[k];
            if (strcmp(f->rule, pc->rule) != 0) continue;
            int whole = strcmp(pc->span, "*") == 0;
            size_t n = whole ? strlen(pc->text) : strlen(pc->span);
            if ((whole && f->start == 0 && f->end == n) ||
                (!whole && f->end - f->start == n && memcmp(pc->text + f->start, pc->span, n) == 0))
                hit = f;
        }
        if (!hit) {
            print_message("expected %s on '%s'\n", pc->rule, pc->span);
            print_result(pc->text, &R);
        }
        assert_non_null(hit);
        assert_int_equal(R.verdict, SOFTEN_VERDICT_SOFTEN);
    }
}

/* ------------------------------------------------------------ negatives */

/* Each must come back KIND with no flags at all. */
static const char *const negatives[] = {
    /* negation: "too" and verdict words that are denied */
    "It wasn't too long at all.",
    "It wasn’t too long at all; the silence gave her room.",
    "Your pacing was not too fast, just right.",
    "You weren't pushy at all about the homework, which felt respectful.",
    "The questions flowed; nothing felt forced.",
    "Your questions were curious rather than leading, which I liked.",
    "You never once interrupted her, which I really appreciated.",
    "You never made her feel rushed.",
    "The way you held her tears without rushing was really moving.",
    "I know you were worried it would be boring, but it wasn't at all.",
    /* reported speech about the client is not harsh feedback */
    "The client said she felt worthless and you stayed with it.",
    "She said it was hopeless, and you didn't rush to fix it. Well done.",
    "She called herself stupid and you gently wondered whose voice that was.",
    "The client said she felt like a terrible mother, and you reflected the love underneath.",
    "She told you she should have left him years ago, and you didn't judge her. That mattered.",
    "She said her boss is an idiot and you didn't take sides. Nicely neutral.",
    "Her story was really painful and you stayed present through it.",
    "When she said \"this is pointless\" you stayed calm. Lovely.",
    /* kindness: appreciation, I-statements, hedges, suggestion frames, curiosity */
    "I liked how you slowed down when she talked about her dad.",
    "Maybe next time you could check in about the homework?",
    "For me the summary felt a bit too long, maybe because so much had happened — the content was spot on though.",
    "I wondered whether you should have asked about her sleep, but maybe it wasn't the moment.",
    "I'm not sure you should change anything — it worked.",
    "I'm curious what made you choose to stay with the silence?",
    "What if you tried summarising a bit earlier? She seemed to want to be understood.",
    "Thank you! The way you reflected her fear of failing was so gentle.",
    "Honestly, that was one of the most moving role-plays I've watched.",
    "I think you handled the awkward moment with grace.",
    /* capitals and imperatives that encourage */
    "THANK YOU SO MUCH!!",
    "I did my CBT training last year and this reminded me of it. Lovely work.",
    "Keep up the great work!",
    "Be proud of that session.",
    "Don't worry, it went well.",
    /* emoji and names */
    "Great work Zoë! 👏",
    "Thank you for the gentle pace 🙏",
};

static void test_rule_negatives(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(negatives); i++) {
        assert_int_equal(check(negatives[i]), SOFTEN_OK);
        assert_well_formed(negatives[i], strlen(negatives[i]), &R);
        if (R.n_flags) print_result(negatives[i], &R);
        assert_int_equal(R.n_flags, 0);
        assert_int_equal(R.verdict, SOFTEN_VERDICT_KIND);
    }
}

/* Rule-specific negatives: this rule must not fire (others may). */
static const pos_case rule_negatives[] = {
    { "I felt safe as the client.", "felt_evaluation", NULL },
    { "I felt like you really understood her.", "felt_evaluation", NULL },
    { "Try pausing a little longer after her answers.", "command", NULL },
    { "Stop by my room later if you want to practise again — you were great.", "command", NULL },
    { "I'm curious why you chose that question.", "why_challenge", NULL },
    { "You always came back to her words, which was lovely.", "you_always", NULL },
    { "Your questions were never too leading.", "you_always", NULL },
    { "Honestly, the way you handled her anger was so calm.", "factuality", NULL },
    { "I noticed you talked over her once; next time you might wait a beat.", "no_appreciation", NULL },
    { "She said she should be stronger and you questioned that.", "command", NULL },
    { "The client told me she felt stupid for crying.", "insult", NULL },
};

static void test_rule_specific_negatives(void **state)
{
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(rule_negatives); i++) {
        assert_int_equal(check(rule_negatives[i].text), SOFTEN_OK);
        assert_well_formed(rule_negatives[i].text, strlen(rule_negatives[i].text), &R);
        if (find_flag(&R, rule_negatives[i].rule)) print_result(rule_negatives[i].text, &R);
        assert_null(find_flag(&R, rule_negatives[i].rule));
    }
}

/* ------------------------------------------------------------ the motivating sentence */

static void test_motivating_sentence(void **state)
{
    (void)state;
    const char *text = "I felt what you said was too wordy";
    assert_int_equal(check(text), SOFTEN_OK);
    assert_well_formed(text, strlen(text), &R);
    assert_int_equal(R.verdict, SOFTEN_VERDICT_SOFTEN);
    const soften_flag *f = find_flag(&R, "felt_evaluation");
    assert_non_null(f);
    assert_int_equal(f->start, 0);
    assert_int_equal(f->end, strlen(text));
    /* the suggestion names the verdict and offers an observation plus its effect */
    assert_non_null(strstr(f->suggestion, "too wordy"));
    assert_non_null(strstr(f->suggestion, "I noticed some long explanations"));
    assert_non_null(strstr(f->suggestion, "let the client lead"));
    /* and the whole message is criticism only */
    assert_non_null(find_flag(&R, "no_appreciation"));
    /* the same words without "I felt": a verdict word with the same rewrite */
    const char *plain = "What you said was too wordy.";
    assert_int_equal(check(plain), SOFTEN_OK);
    f = find_flag(&R, "verdict_word");
    assert_non_null(f);
    assert_int_equal(f->end - f->start, strlen("too wordy"));
    assert_memory_equal(plain + f->start, "too wordy", strlen("too wordy"));
    assert_non_null(strstr(f->suggestion, "'too wordy' is a verdict"));
}

static void test_suggestions_are_tailored(void **state)
{
    (void)state;
    static const struct { const char *text, *rule, *must_contain; } cases[] = {
        { "You should have asked about her mother.", "command", "if you had asked about her mother" },
        { "Why did you change the subject when she started crying?", "why_challenge",
          "what led you to change the subject when she started crying" },
        { "You never validated anything she said.", "you_always", "validated anything she said" },
        { "Stop interrupting.", "command", "not interrupting" },
        { "YOU DIDN'T LISTEN AT ALL", "shouting", "'You didn't listen at all'" },
        { "Your tone was patronising.", "verdict_word", "talked down to" },
        { "Frankly, that was a mess.", "factuality", "From where I sat" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_int_equal(check(cases[i].text), SOFTEN_OK);
        const soften_flag *f = find_flag(&R, cases[i].rule);
        assert_non_null(f);
        if (!strstr(f->suggestion, cases[i].must_contain)) print_result(cases[i].text, &R);
        assert_non_null(strstr(f->suggestion, cases[i].must_contain));
    }
}

/* ------------------------------------------------------------ markers */

static void test_markers(void **state)
{
    (void)state;
    static const struct { const char *text, *marker; } cases[] = {
        { "Thanks for today.", "gratitude" },
        { "Great work.", "appreciation" },
        { "I liked how you named her anger.", "specific_appreciation" },
        { "I liked how you named her anger.", "i_statement" },
        { "I noticed she relaxed when you slowed down.", "i_statement" },
        { "Maybe slow the ending a little.", "hedge" },
        { "It seemed to me she wanted more time.", "hedge" },
        { "Next time you could try a scaling question.", "suggestion_frame" },
        { "What if you paused longer?", "suggestion_frame" },
        { "How did it feel when she cried?", "curious_question" },
        { "I'm curious what you noticed.", "curious_question" },
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        assert_int_equal(check(cases[i].text), SOFTEN_OK);
        assert_well_formed(cases[i].text, strlen(cases[i].text), &R);
        if (!has_marker(&R, cases[i].marker)) print_message("missing %s: %s\n", cases[i].marker, cases[i].text);
        assert_true(has_marker(&R, cases[i].marker));
    }
    /* no praise in a criticism: "not great" is not appreciation */
    assert_int_equal(check("Not great."), SOFTEN_OK);
    assert_false(has_marker(&R, "appreciation"));
}

/* ------------------------------------------------------------ UTF-8 */

static void expect_span(const char *text, const char *rule, const char *span)
{
    assert_int_equal(check(text), SOFTEN_OK);
    assert_well_formed(text, strlen(text), &R);
    const char *at = strstr(text, span);
    assert_non_null(at);
    size_t start = (size_t)(at - text);
    for (size_t k = 0; k < R.n_flags; k++)
        if (strcmp(R.flags[k].rule, rule) == 0 && R.flags[k].start == start && R.flags[k].end == start + strlen(span))
            return;
    print_result(text, &R);
    fail_msg("no %s flag at bytes [%zu,%zu) for '%s'", rule, start, start + strlen(span), span);
}

static void test_utf8_offsets(void **state)
{
    (void)state;
    expect_span("Zoë, that was boring 😴", "verdict_word", "boring");
    expect_span("José 🙂 you were so pushy", "verdict_word", "so pushy");
    expect_span("Ça va? Your reflections were robotic🤖", "verdict_word", "robotic");
    expect_span("你好 — your reflections were robotic.", "verdict_word", "robotic");
    expect_span("Siobhán, you’re way too soft with her.", "verdict_word", "way too soft");
    /* words inside quotes are someone's words, not the feedback: only the second is an order */
    expect_span("“Stop interrupting,” I wanted to say. Please, stop interrupting her.", "command",
                "stop interrupting her");
    assert_int_equal(R.flags[0].start, strlen("“Stop interrupting,” I wanted to say. Please, "));
    expect_span("Ngozi 👏👏 but YOU DIDN’T LISTEN", "shouting", "YOU DIDN’T LISTEN");
    expect_span("STOP INTERRUPTING ZOË", "shouting", "STOP INTERRUPTING ZOË");
    /* the suggestion writes capitals back in lower case, accented and non-Latin ones included */
    static const struct { const char *text, *want; } lowered[] = {
        { "STOP INTERRUPTING ZOË", "'Stop interrupting zoë'" },
        { "YOU IGNORED ÉLODIE AND ÇA", "'You ignored élodie and ça'" },
        { "WHY DID YOU SAY ΑΛΦΑ ΩΜΕΓΑ", "αλφα ωμεγα'" },
        { "YOU KEPT SAYING ПРИВЕТ ЁЖИК", "привет ёжик'" },
    };
    for (size_t i = 0; i < ARRAY_LEN(lowered); i++) {
        assert_int_equal(check(lowered[i].text), SOFTEN_OK);
        const soften_flag *f = find_flag(&R, "shouting");
        if (!f || !strstr(f->suggestion, lowered[i].want)) {
            print_result(lowered[i].text, &R);
            fail_msg("case %zu: no shouting suggestion containing %s", i, lowered[i].want);
        }
    }
    /* a multi-byte name in reported speech stays reported */
    assert_int_equal(check("Siobhán said it was hopeless and you stayed with her. Thank you."), SOFTEN_OK);
    assert_int_equal(R.n_flags, 0);
    /* curly apostrophes are apostrophes */
    assert_int_equal(check("It didn’t feel too heavy."), SOFTEN_OK);
    assert_int_equal(R.n_flags, 0);
    /* non-breaking space, emoji with variation selector and zero-width joiner */
    expect_span("That was\xC2\xA0" "boring ❤️‍🩹", "verdict_word", "boring");
}

/* ------------------------------------------------------------ limits and bad input */

static char *repeat(const char *unit, size_t times)
{
    size_t n = strlen(unit);
    char *s = malloc(n * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++) memcpy(s + i * n, unit, n);
    s[n * times] = '\0';
    return s;
}

static void test_too_large(void **state)
{
    (void)state;
    /* 4001 characters of otherwise ordinary feedback */
    char *s = repeat("You talked too much. ", 200); /* 21 * 200 = 4200 chars */
    s[4001] = '\0';
    assert_int_equal(soften_count_chars(s, strlen(s)), 4001);
    assert_int_equal(check(s), SOFTEN_TOO_LARGE);
    assert_int_equal(R.n_flags, 0);
    assert_int_equal(R.verdict, SOFTEN_VERDICT_KIND);
    s[4000] = '\0';
    assert_int_equal(check(s), SOFTEN_OK);
    assert_well_formed(s, strlen(s), &R);
    assert_int_equal(R.verdict, SOFTEN_VERDICT_SOFTEN);
    assert_int_equal(R.n_flags, SOFTEN_MAX_FLAGS); /* capped, and the whole-message rule kept its slot */
    assert_non_null(find_flag(&R, "no_appreciation"));
    assert_int_equal(R.n_chars, 4000);
    free(s);
    /* the limit is in characters: 4000 two-byte characters pass, 4001 do not */
    s = repeat("é", 4001);
    assert_int_equal(soften_check(s, strlen(s) - 2, &R), SOFTEN_OK);
    assert_int_equal(check(s), SOFTEN_TOO_LARGE);
    free(s);
    /* 4000 four-byte emoji sit exactly on the 16000-byte cap */
    s = repeat("😀", 4000);
    assert_int_equal(strlen(s), SOFTEN_MAX_TEXT_BYTES);
    assert_int_equal(check(s), SOFTEN_OK);
    free(s);
    s = repeat("😀", 4001);
    assert_int_equal(check(s), SOFTEN_TOO_LARGE);
    free(s);
    /* the densest token stream allowed: 2000 one-letter words */
    s = repeat("a ", 2000);
    assert_int_equal(check(s), SOFTEN_OK);
    assert_well_formed(s, strlen(s), &R);
    free(s);
}

static void test_bad_utf8(void **state)
{
    (void)state;
    static const struct { const char *bytes; size_t len; } cases[] = {
        { "\xff", 1 },                     /* never valid */
        { "abc\xc3", 4 },                  /* truncated two-byte sequence */
        { "\xc0\xaf", 2 },                 /* overlong '/' */
        { "\xe0\x80\xaf", 3 },             /* overlong three-byte */
        { "\xed\xa0\x80", 3 },             /* UTF-16 surrogate */
        { "\xf4\x90\x80\x80", 4 },         /* above U+10FFFF */
        { "\x80 boring", 8 },              /* stray continuation byte */
        { "too wordy \xe2\x82", 12 },      /* truncated at the end */
        { "you were \xe2\x28\xa1 cold", 16 }, /* bad continuation */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        R.n_flags = 7; /* must be reset */
        assert_int_equal(soften_check(cases[i].bytes, cases[i].len, &R), SOFTEN_BAD_UTF8);
        assert_int_equal(R.n_flags, 0);
        assert_int_equal(R.verdict, SOFTEN_VERDICT_KIND);
    }
}

static void test_edge_inputs(void **state)
{
    (void)state;
    assert_int_equal(soften_check("", 0, &R), SOFTEN_OK);
    assert_int_equal(R.verdict, SOFTEN_VERDICT_KIND);
    assert_int_equal(soften_check(NULL, 0, &R), SOFTEN_OK);
    assert_int_equal(soften_check(NULL, 3, &R), SOFTEN_BAD_UTF8);
    assert_int_equal(soften_check("boring", 6, NULL), SOFTEN_BAD_UTF8);
    /* not NUL-terminated: only len bytes are read */
    char buf[8] = { 'b', 'o', 'r', 'i', 'n', 'g', 'X', 'X' };
    assert_int_equal(soften_check(buf, 6, &R), SOFTEN_OK);
    assert_well_formed(buf, 6, &R);
    /* an embedded NUL is just a separator */
    assert_int_equal(soften_check("ok\0boring", 9, &R), SOFTEN_OK);
    assert_well_formed("ok\0boring", 9, &R);
    /* punctuation only, whitespace only, unbalanced quotes */
    static const char *const odd[] = { "?!?!?!", "   \n\t  ", "\"", "“", "”boring“", "\"\"\"\"", "-'-'-", "!!",
                                       "too", "I felt", "Why", "You never", "YOU", "why did you" };
    for (size_t i = 0; i < ARRAY_LEN(odd); i++) {
        assert_int_equal(check(odd[i]), SOFTEN_OK);
        assert_well_formed(odd[i], strlen(odd[i]), &R);
    }
}

static void test_status_messages(void **state)
{
    (void)state;
    const soften_status all[] = { SOFTEN_OK, SOFTEN_TOO_LARGE, SOFTEN_BAD_UTF8 };
    for (size_t i = 0; i < ARRAY_LEN(all); i++) {
        const char *m = soften_status_message(all[i]);
        assert_non_null(m);
        assert_true(strlen(m) > 10);
    }
    assert_non_null(strstr(soften_status_message(SOFTEN_TOO_LARGE), "4000"));
    assert_string_not_equal(soften_status_message(SOFTEN_TOO_LARGE), soften_status_message(SOFTEN_BAD_UTF8));
    assert_non_null(soften_status_message((soften_status)99));
}

static void test_lexicon_sorted(void **state)
{
    (void)state;
    assert_int_equal(soften_lexicon_check(), 0);
    assert_non_null(soften_lexicon_find("boring", 6));
    assert_null(soften_lexicon_find("borin", 5));
    assert_non_null(soften_lexicon_rewrite("wordy", 5));
    for (size_t i = 0; i < soften_rule_count; i++) assert_non_null(soften_rule_ids[i]);
}

static void test_deterministic(void **state)
{
    (void)state;
    static soften_result a, b;
    const char *text = "Frankly you were way too pushy. Why did you do that?? You never listen.";
    assert_int_equal(soften_check(text, strlen(text), &a), SOFTEN_OK);
    assert_int_equal(soften_check(text, strlen(text), &b), SOFTEN_OK);
    assert_int_equal(a.n_flags, b.n_flags);
    for (size_t k = 0; k < a.n_flags; k++) {
        assert_string_equal(a.flags[k].rule, b.flags[k].rule);
        assert_int_equal(a.flags[k].start, b.flags[k].start);
        assert_string_equal(a.flags[k].suggestion, b.flags[k].suggestion);
    }
}

/* Random valid UTF-8 built from feedback-like pieces: every result must be well formed. */
static void test_random_inputs(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "you", "were", "too", "long", "boring", "never", "always", "I", "felt", "like", "that", "why", "did",
        "she", "said", "not", "wasn't", "STOP", "Zoë", "😀", "❤️", "—", ",", ".", "!", "?", "\"", "“", "”",
        "’",
        "'", "-", " ", " ", " ", "\n", "thanks", "maybe", "next", "time", "should", "have", "so", "really",
        "completely", "missed", "kept", "every", "time", "honestly", "shut", "up", "a", "lecture", "é",
    };
    static char buf[SOFTEN_MAX_TEXT_BYTES + 1];
    uint32_t seed = 12345;
    for (int iter = 0; iter < 400; iter++) {
        size_t len = 0, target = (size_t)(iter % 7 == 0 ? 3000 : 40 + iter % 200);
        while (len < target) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % ARRAY_LEN(pieces)];
            size_t n = strlen(p);
            if (len + n + 1 > target + 8) break;
            memcpy(buf + len, p, n);
            len += n;
            if ((seed >> 8) & 1) buf[len++] = ' ';
        }
        buf[len] = '\0';
        soften_status st = soften_check(buf, len, &R);
        assert_true(st == SOFTEN_OK || st == SOFTEN_TOO_LARGE);
        if (st == SOFTEN_OK) assert_well_formed(buf, len, &R);
    }
}

/* Rude follow-ups by shape (issue 13): each form is flagged with a one-click replacement that is a
 * whole sentence, and its innocent look-alike is not flagged. */
/* Each follow-up {text, rule} is flagged by that rule, with a one-click replacement, well formed. */
static void expect_followup_flags(const char *const (*rows)[2], size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const char *t = rows[k][0];
        assert_int_equal(soften_check_ctx(t, strlen(t), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (!find_flag(&R, rows[k][1])) print_result(t, &R);
        const soften_flag *f = find_flag(&R, rows[k][1]);
        assert_non_null(f);
        assert_true(f->use.start < f->use.end);
        assert_well_formed(t, strlen(t), &R);
    }
}

static void test_followup_rude_shapes(void **state)
{
    (void)state;
    static const char *const rude[][2] = {
        {"Do you ever check your messages?", "why_challenge"}, {"How often do I need to remind you?", "why_challenge"},
        {"What's your problem?", "why_challenge"},             {"Is that really so difficult?", "why_challenge"},
        {"Call me back immediately.", "command"},             {"Sort yourself out.", "command"},
        {"Reply today or else.", "command"},                  {"I won't ask again.", "command"},
        {"Thanks for ignoring my messages.", "dismissive"},   {"Great, another excuse.", "dismissive"},
        {"You didn't even bother to call.", "verdict_word"},  {"You're late. Again.", "verdict_word"},
    };
    for (size_t k = 0; k < sizeof rude / sizeof rude[0]; k++) {
        const char *t = rude[k][0];
        assert_int_equal(soften_check_ctx(t, strlen(t), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (!find_flag(&R, rude[k][1])) print_result(t, &R);
        const soften_flag *f = find_flag(&R, rude[k][1]);
        assert_non_null(f);
        assert_true(f->use.text[0] != '\0');
        assert_well_formed(t, strlen(t), &R);
    }
    static const char *const fine[] = {
        "Do you ever use the library?", "How many times should I take it?", "Tell me what you think!",
        "Thanks so much for nothing but kindness all year.", "Help yourself to cake in the kitchen.",
        "Bring a coat or else you'll freeze.", "Great, another snow day for the kids!", "You never know, it might be sunny.",
        "The traffic was ridiculous this morning.", "Last time I checked, the room was free.",
    };
    for (size_t k = 0; k < sizeof fine / sizeof fine[0]; k++) {
        assert_int_equal(soften_check_ctx(fine[k], strlen(fine[k]), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (R.n_flags) print_result(fine[k], &R);
        assert_int_equal(R.n_flags, 0);
    }
}

/* The rude forms added for set 3 of everyday.tsv (docs/DECISIONS.md, "Softening context"): one
 * case per form, then innocent look-alikes of those forms that must stay unflagged. */
static void test_followup_more_rude_forms(void **state)
{
    (void)state;
    static const char *const rude[][2] = {
        {"How could you leave without telling anyone?", "why_challenge"},
        {"What on earth were you doing in that session?", "why_challenge"},
        {"Why would anyone book a room with no chairs?", "why_challenge"},
        {"Is this really the best you can do?", "why_challenge"},
        {"So you just decided not to come?", "why_challenge"}, {"How am I supposed to know that?", "why_challenge"},
        {"Did you forget to reply again?", "why_challenge"},
        {"Why is it so difficult for you to answer an email?", "why_challenge"},
        {"Did you seriously just cancel again?", "why_challenge"},
        {"You expect me to drop everything for this?", "why_challenge"}, {"Are you ignoring me?", "why_challenge"},
        {"Nobody asked for your opinion.", "dismissive"}, {"I don't care what you think.", "dismissive"},
        {"I'm not interested in your excuses.", "dismissive"}, {"I don't have time for this.", "dismissive"},
        {"The form was due yesterday. Not that you care.", "dismissive"},
        {"So much for \"I'll send it tonight\".", "dismissive"}, {"Like you've ever been on time.", "dismissive"},
        {"Oh please. Spare me.", "dismissive"}, {"I covered your shift, so thanks for that.", "dismissive"},
        {"Nice of you to finally show up.", "why_challenge"},
        {"Thanks for leaving me to do all the work.", "dismissive"},
        {"Well well, you finally replied.", "dismissive"}, {"Sure, blame the traffic.", "dismissive"},
        {"Your excuse is noted.", "dismissive"}, {"Some of us actually did the reading.", "dismissive"},
        {"Let me explain this slowly for you.", "why_challenge"},
        {"Do I have to spell it out for you?", "why_challenge"},
        {"Even a child could fill in this form.", "verdict_word"},
        {"I don't know how you got onto this course.", "verdict_word"},
        {"Your feedback says more about you than about me.", "verdict_word"},
        {"If you had bothered to read the email, you'd know the room changed.", "why_challenge"},
        {"I've seen first-years do better than that.", "verdict_word"},
        {"I asked you a simple question.", "why_challenge"}, {"You're wasting my time.", "verdict_word"},
        {"Because of you we missed the booking.", "verdict_word"},
        {"I'm not doing your job for you.", "verdict_word"},
        {"This is the fifth time you've cancelled on me.", "why_challenge"},
        {"You've ruined the whole week.", "verdict_word"}, {"Grow up.", "command"}, {"Do it properly.", "command"},
        {"That's enough.", "command"}, {"Some people need to learn to read an email.", "dismissive"},
        {"I'm not your secretary.", "dismissive"}, {"Who made you the boss?", "why_challenge"},
        {"How is that my fault?", "why_challenge"}, {"Have you got nothing better to do?", "why_challenge"},
        {"So now you care?", "why_challenge"}, {"You can't be serious.", "why_challenge"},
        {"You had one job.", "verdict_word"}, {"This isn't good enough.", "verdict_word"},
        {"Fine, I'll do it myself again.", "dismissive"}, {"After everything I've done for you.", "dismissive"},
        {"I'm warning you.", "command"}, {"Hello? Anyone home?", "dismissive"}, {"Don't you dare.", "command"},
        {"The room was booked by me. Just saying.", "dismissive"}, {"Thanks for the \"help\".", "dismissive"},
        {"Do you want a medal?", "dismissive"}, {"Is this a joke?", "why_challenge"}, {"Watch your tone.", "command"},
        {"Don't start.", "command"}, {"I'll take that as a no.", "dismissive"},
        {"I'm not going to repeat myself.", "command"}, {"Good luck with that.", "dismissive"},
        {"Too busy to reply, were we?", "why_challenge"}, {"Just do your job.", "command"},
        {"Either reply today or I'm telling the tutor.", "command"},
        {"You cancelled again. Really mature.", "dismissive"}, {"Wow, great listening skills. Not.", "dismissive"},
        {"You forgot the handouts again. Brilliant.", "verdict_word"},
        {"You forgot the handouts again. Interesting choice.", "verdict_word"},
        {"You never listen. Like always.", "you_always"},
        {"You were twenty minutes late again and didn't even apologise.", "verdict_word"},
        {"Honestly, I expected more from you.", "verdict_word"},
        {"Can you at least pretend to be interested?", "why_challenge"}, {"I'm done covering for you.", "command"},
        {"It's not my job to remind you of your own deadlines.", "dismissive"},
        {"Why does everything have to be a drama with you?", "why_challenge"},
        {"Could you be any more condescending?", "why_challenge"},
        {"Way to make the client feel judged.", "dismissive"}, {"Maybe try listening next time.", "command"},
        {"We've been over this.", "why_challenge"}, {"Who even says that to a client?", "why_challenge"},
        {"What is so hard about sending one email?", "why_challenge"}, {"Bit rich coming from you.", "dismissive"},
        {"Good to know my time means nothing to you.", "dismissive"},
        {"Hi, just wondering if you're planning to reply at all this week?", "why_challenge"},
        {"Newsflash: the session starts at 10.", "dismissive"},
        {"Please, for the love of god, be on time tomorrow.", "dismissive"},
        {"No offence, but your reflections are always the same.", "factuality"},
        {"I'm not asking, I'm telling you.", "command"}, {"Was that supposed to be empathy?", "why_challenge"},
        {"Great job ignoring everything we practised.", "dismissive"},
        {"Nobody cares about your weekend.", "dismissive"}, {"You're unbelievable.", "verdict_word"},
        {"Cheers for letting me down again.", "dismissive"}, {"At this point I'm not even surprised.", "dismissive"},
        {"I literally told you this yesterday.", "why_challenge"},
        {"You do realise the client could hear you sighing?", "why_challenge"},
        {"Lovely of you to let us know. Oh wait, you didn't.", "dismissive"},
        {"I don't know why I bother.", "dismissive"}, {"Could you not have told me earlier?", "why_challenge"},
        {"Not cool, leaving me to present on my own.", "dismissive"},
        {"I'm still waiting on those notes you promised.", "why_challenge"},
        {"I'm honestly shocked you'd say that to a client.", "verdict_word"},
        {"I guess my opinion doesn't count.", "dismissive"}, {"Forget it, I'll ask someone competent.", "dismissive"},
        {"You've got some nerve.", "dismissive"}, {"I'm not doing this again.", "command"},
        {"So I'm just supposed to wait around for you?", "why_challenge"},
        {"Thanks for showing up, I guess.", "dismissive"}, {"Hello? Are you still alive?", "dismissive"},
        {"Can't believe I have to explain this again.", "why_challenge"}, {"Still no reply.", "why_challenge"},
        {"Right, so we're just ignoring the rota now?", "why_challenge"},
        {"Please try to be less patronising in the feedback.", "verdict_word"},
        {"You're really not good at taking feedback.", "verdict_word"},
        {"I'd appreciate it if you stopped interrupting me.", "command"},
        {"Some counsellor you'll make.", "dismissive"}, {"Let me guess, the bus was late again?", "dismissive"},
        {"Could you actually read what I wrote before replying?", "why_challenge"},
        {"You've made this so much harder than it needed to be.", "verdict_word"},
        {"I don't appreciate being spoken to like that.", "command"},
        {"I'm tired of being the only one who prepares.", "why_challenge"},
        {"Whatever, I'm past caring.", "dismissive"}, {"It's called a calendar, look it up.", "command"},
        {"Glad to see you finally decided to join us.", "dismissive"},
        {"Not everyone has time to redo your work.", "dismissive"},
        {"Do you think before you speak?", "why_challenge"},
        {"You clearly think you're better than the rest of us.", "why_challenge"},
        {"This is the last time I cover for you.", "command"}, {"You owe the whole group an apology.", "command"},
        {"Every single time, you leave early.", "you_always"},
        {"Honestly, it's like talking to a brick wall.", "dismissive"},
        {"You don't get to decide that on your own.", "command"},
        {"Nobody wants to hear about your placement again.", "dismissive"},
        {"I'll assume you're not coming then.", "dismissive"}, {"Don't volunteer if you can't commit.", "command"},
        {"Are we supposed to read your mind?", "why_challenge"}, {"I'm not your personal alarm clock.", "dismissive"},
        {"How many more times do we have to reschedule for you?", "why_challenge"},
        {"This is beyond frustrating.", "dismissive"}, {"I've had it with the excuses.", "dismissive"},
        {"You were meant to send it yesterday.", "verdict_word"},
        {"Is it so much to ask for a reply?", "why_challenge"},
        {"I can't keep doing everything for this group.", "dismissive"},
        {"I can't do another week with you.", "dismissive"},
        {"If you had any respect for the group you'd turn up.", "verdict_word"}, {"Pull your weight.", "command"},
        {"I'm not going to chase you anymore.", "command"},
        {"Is there any point in me preparing if you won't?", "why_challenge"},
        {"Just admit you didn't do the reading.", "command"},
        {"Who do you think is going to do it, me?", "why_challenge"},
        {"Are you going to help or just watch?", "why_challenge"}, {"You had all week.", "verdict_word"},
        {"Thanks for making me look stupid in front of everyone.", "dismissive"},
        {"You might want to actually turn up next time.", "command"},
        {"Hi, any chance you'll grace us with the form this century?", "why_challenge"},
        {"Was it really necessary to point out my mistake in front of everyone?", "why_challenge"},
        {"I don't need your advice, thanks.", "dismissive"},
        {"Your reflections are getting worse, not better.", "verdict_word"},
        {"Why am I not surprised.", "dismissive"}, {"So that's a no on the notes then.", "dismissive"},
        {"Call me when you've grown up.", "dismissive"}, {"No thanks to you, we finished on time.", "dismissive"},
        {"You're a nightmare to work with.", "verdict_word"},
        {"Congrats on being late for the fourth week running.", "dismissive"},
        {"Remind me why we partnered up again?", "why_challenge"},
        {"You've really outdone yourself this time. Not in a good way.", "dismissive"},
        {"You literally had one thing to do.", "verdict_word"},
        {"Could you stop hijacking every discussion?", "command"}, {"I'm not impressed.", "dismissive"},
        {"I'm losing patience with you.", "dismissive"}, {"Can we not do this every week?", "why_challenge"},
        {"Honestly, who raised you?", "insult"}, {"I'm done with this group.", "command"},
        {"Are you trying to annoy me?", "why_challenge"}, {"Shocking timekeeping as usual.", "dismissive"},
        {"Perhaps read the email before asking questions.", "command"},
        {"So you think it's fine to just not show up?", "why_challenge"}, {"Sigh. Here we go.", "dismissive"},
        {"Yet again, nothing from you.", "dismissive"}, {"You could at least say sorry.", "dismissive"},
        {"How convenient that you were ill again.", "dismissive"},
        {"Are you incapable of replying to a simple text?", "verdict_word"},
    };
    expect_followup_flags(rude, sizeof rude / sizeof rude[0]);
    static const char *const fine[] = {
        "How could you tell it was me?", "What on earth is that noise outside?",
        "Why would anyone want to miss the party? It'll be fun!", "Just do the best you can, no pressure.",
        "So you just turn left at the library?", "So you just left it on the desk? No problem, I'll grab it.",
        "What time am I supposed to arrive?", "So I'm supposed to bring the flipchart?",
        "Did you lose your keys again? 😂", "Did you miss the bus again? Poor you!",
        "Why is it so hard to find parking here?", "Did you seriously bake all that yourself? Amazing!",
        "Do you expect me to bring anything?", "Nobody asked about the parking, so I didn't mention it.",
        "I don't care which room we use.", "I don't care if you're a bit late, just come!",
        "I'm not interested in the 9am slot, sorry.", "I don't have time for this week's reading, sorry.",
        "Not that it matters, but I prefer tea.", "Not that you need it, but good luck!",
        "So much for the sunshine, it's pouring!", "Like you said, we should meet at 3.",
        "As if by magic, the projector worked.", "Thanks for that!", "So nice of you to come!",
        "Thanks for leaving me the keys.", "Wow, you finally got the job! So happy for you.", "Blame me if it rains!",
        "Some of us are going to the pub after, join us?", "Sorry for wasting your time with my questions.",
        "Quick simple question: is the room booked?", "Let me explain the plan: we meet at 10.",
        "Can you spell out the acronym?", "I don't know how you got on with the exercise, but I found it hard.",
        "If you read my log, you'd see I tried the scaling question.", "Because of you I didn't give up.",
        "You're the reason I passed, thank you!", "I did your part of the slides, hope that's ok!",
        "This is the third time I've been to Bristol!", "For the last time this term, we're in Room 4.",
        "Keep up the good work!", "Move on to question 3 when you're ready.", "Tea or coffee? Your choice!",
        "Some people need to leave at 4, so let's finish early.",
        "I'm not your counsellor, but I think you should talk to someone.", "Since when have you lived in Leeds?",
        "So now you can book rooms online?", "Excuse me, is this seat free?", "You're kidding! That's amazing news!",
        "I'm worried my essay isn't good enough.", "I'll do it myself, no worries!",
        "I'll book it myself then, no worries.", "Is anyone home on Sunday to sign for the parcel?",
        "Just saying hi!", "Thanks for the \"not needing to fix it\" reflection, it really helped.",
        "Loved your \"miracle question\" moment!", "Do you want a biscuit with your tea?",
        "Is this the room you booked?", "Mind your step on the stairs, they're slippery.",
        "Here we go again! Round two of the quiz 🎉", "Sorry to repeat myself, but is it Room 4 or 5?",
        "Good luck with the interview!", "I was too busy to reply yesterday, sorry!",
        "Do your best, that's all anyone can ask.",
        "Congratulations on finally finishing the course! So proud of you.",
        "You didn't have to bring cake. Very thoughtful.", "See you at 10. Cool.",
        "Don't worry if you can't make it. Cool.", "Thanks for the notes. Really helpful.",
        "My train got cancelled, ugh.", "Ugh, my train got cancelled.", "yay!!! so pleased for you",
        "Typical British weather, it's pouring again.", "Thanks for nothing short of an amazing term.",
        "Are you serious about joining? That would be great!",
        "You didn't need to apologise at all. Lovely to see you.",
        "So you just left it on the desk? No problem, I'll grab it.",
        "I don't know how you stay so calm in role-plays, teach me!",
        "If you read my log, you'd see I tried the scaling question.",
        "Because of you I actually enjoyed the role-play.",
        "It's not my job to book the rooms, but I'm happy to ask.", "Some of us are getting the bus, want to join?",
        "I'll sort it out myself, don't worry.", "You seriously made my week with that card.",
        "You expect us to bring anything on Friday?",
        "Could you not make it on Friday? No stress, we'll catch you next week.",
        "I'm still waiting on my DBS, fingers crossed it's soon.", "Is it too early to book the room for next term?",
        "I'm not doing the early slot again, it's too dark at 7!", "Take your time with the feedback form.",
        "This is getting exciting, only two weeks to go!", "So I'm just going to wait in the foyer, see you soon.",
        "Thanks for showing me the shortcut to the building.", "Hello! Are you still up for coffee later?",
        "Can't believe it's already week 8!", "Still no reply from the office about the room, I'll chase them.",
        "Right, so we're doing the scaling exercise first?",
        "You realise you left your charger here? I'll bring it Thursday.",
        "Let me guess, you want the window seat again 😄",
        "I'd appreciate it if you could send the slides when you can.",
        "You're really good at summarising, I noticed.",
        "Could you actually send me the link again? It didn't come through.",
        "You've made this so much easier for me, thank you.", "I don't mind being spoken to directly, honestly.",
        "I'm tired today, so I might be a bit slow.", "It's called the Hartley Building, not the Hartley Centre.",
        "Glad you could join us, it was lovely to meet you.", "Not everyone has done the reading, so let's recap.",
        "Do you think we should swap roles next week?", "I'm so over the moon about the placement!",
        "This is the last time we meet before the break, so let's celebrate!",
        "You clearly put a lot of work into this.", "I can't keep up with the reading, any tips?",
        "You don't need to bring anything on Friday.", "Every single time I practise, I get a bit better.",
        "Nobody wants the 8am slot, shall we draw straws?", "I'll assume the room is booked unless I hear otherwise.",
        "If you'd like to swap, just let me know.", "How many more sessions do we have this term?",
        "This is beyond helpful, thank you.", "I've had a lovely time in this group.",
        "You were meant to be the client, right? Just checking.", "Is it okay to ask for a reply by Friday?",
        "I'm not your client today, I'm the observer.", "Are we supposed to bring our own case study?",
        "I can't take the 9am slot, I'm afraid.", "If you have any questions about the form, just ask.",
        "Is there any point in printing the slides, or shall I share the link?",
        "Who do you think should go first on Thursday?", "Are you actually free on Friday? I thought you were away.",
        "You had a great week by the sound of it!", "Thanks for making me feel so welcome.",
        "You might want to bring a jumper, the room's freezing.", "Hi, any chance you could send the form by Friday?",
        "Is it necessary to bring a laptop?", "I don't need the notes back, keep them.",
        "Your reflections are getting so much deeper, it's lovely to see.",
        "So that's a yes for Thursday then, great.", "Call me when you're free.", "No thanks needed, happy to help.",
        "You're a natural at this.", "Congrats on the placement, so well deserved!",
        "Do you honestly think it's okay to use humour with clients? Curious what you think.",
        "I literally just got home, will reply properly later.", "Could you stop by the office and grab the forms?",
        "I'm not sure about the new room, it's a bit small.", "Can we do this every week? It really helped.",
        "Honestly, who knew reflective listening was this hard?", "I'm done with my essay, finally!",
        "Are you trying the new café today?", "Shocking weather today, stay dry everyone.",
        "You've really outdone yourself with the cake!", "Perhaps we could read the chapter together?",
        "I'm losing my voice, so I'll be quiet today.", "So you think Friday works better?",
        "Sigh, Mondays. See you at 10.", "Yet again, you've made my day with your notes.",
        "You could at least take the afternoon off, you deserve it.",
        "How convenient that the café is right next door.",
    };
    for (size_t k = 0; k < sizeof fine / sizeof fine[0]; k++) {
        assert_int_equal(soften_check_ctx(fine[k], strlen(fine[k]), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (R.n_flags) print_result(fine[k], &R);
        assert_int_equal(R.n_flags, 0);
    }
}

/* soften_cues.c: cues that bite together — one case per cue family, then the innocent look-alikes
 * each guard is there for (sympathy, teasing, the writer judging themselves, praise, a third party). */
static void test_followup_cue_forms(void **state)
{
    (void)state;
    static const char *const rude[][2] = {
        {"Your handover notes were frankly shoddy.", "verdict_word"},
        {"That was pitiful.", "verdict_word"},
        {"Utterly pointless.", "verdict_word"},
        {"You obviously didn't open the workbook.", "verdict_word"},
        {"Did you seriously forget the consent forms?", "why_challenge"},
        {"Try to be on time this time.", "command"},
        {"I'll be reporting you to the placement lead.", "command"},
        {"Miss the deadline again and I'm telling the tutor.", "command"},
        {"I've asked you three times for the rota.", "why_challenge"},
        {"You can't take a joke, can you?", "why_challenge"},
        {"Is your phone broken or do you just not answer?", "why_challenge"},
        {"Nice one, genius.", "dismissive"},
        {"Book the room. Today.", "command"},
        {"That's on you.", "verdict_word"},
        {"Thanks to you we missed the slot.", "verdict_word"},
        {"Thanks for the \"support\".", "dismissive"},
        {"Whatever.", "dismissive"},
        {"Figures.", "dismissive"},
        {"Good luck finding a partner who'll put up with you.", "verdict_word"},
        {"You'd know if you'd read the email.", "verdict_word"},
        {"Wind your neck in.", "command"},
        {"I'm not your secretary, book it yourself.", "dismissive"},
        {"Maybe this course isn't for you.", "verdict_word"},
        {"I'm sorry you feel that way.", "dismissive"},
        {"Thanks for the reminder. 🙄", "dismissive"},
        {"ffs just send the link", "command"},
        {"Do I look like your personal assistant?", "why_challenge"},
        {"Was that supposed to be a reflection?", "why_challenge"},
        {"Lovely to catch up, thanks again, I hope the new job goes well. You're pathetic.", "insult"},
        {"Great job ruining the whole project, you useless idiot 👏👏", "insult"},
    };
    expect_followup_flags(rude, sizeof rude / sizeof rude[0]);
    static const char *const fine[] = {
        "Sorry you had such an exhausting week, hope the weekend is kinder.", "You poor thing, that sounds exhausting.",
        "My role-play was rubbish lol", "I was so embarrassed, honestly.", "The trains were a disgrace this morning.",
        "This printer is a disgrace.", "Your attitude to the whole thing really inspired me.",
        "You don't need to bring anything.", "I forgot my charger again, can I borrow yours?",
        "Still waiting for the bus, I'll be ten minutes late.", "Bring a coat or else you'll freeze.",
        "I've asked the office three times about parking.", "You don't mind if I bring my dog, do you?",
        "You're coming Friday, aren't you?", "You've been nothing but kind to me.", "Thanks to you I passed.",
        "Bring the forms. Today is the deadline.", "The module called \"Reflective Practice\" starts Monday.",
        "Loved your \"five things\" idea.", "Monday again 🙄", "I'm so over this weather 🙄 hope you're staying dry",
        "Fine by me, see you at 10.", "Noted, thanks!", "Where is my umbrella, did I leave it in room 4?",
        "Where have you been on holiday? Looks lovely.", "I'm telling you, that café is amazing.",
        "Good luck with that essay, sounds tough.", "You're not the only one who found it hard, I struggled too.",
        "I'll just do it myself if you're busy, honestly no stress.", "My supervisor said I should escalate it to IT.",
        "I'm going to complain to the council about the bins.", "I wonder why nobody booked room 5.",
        "You're hopeless at goodbyes, you know that? Miss you already x",
        "It's your turn to bring biscuits, don't forget again haha", "It's a bit far from the station but worth it.",
        "SO happy for you!!! Congrats on the placement 🎉", "Quick one: are we using the GROW model?",
        "Clearly I need more sleep, I just put my phone in the fridge.", "Ugh, Monday. Coffee first, then the log.",
        "Do you ever get nervous before sessions? I always do.", "I did the bare minimum on the essay this week, so tired.",
        "Let's try again next week and see what happens.",
        "See you again soon, don't forget your umbrella.", "Thanks to you nothing went wrong today.",
        "I've texted Mum three times.", "We won again today. Brilliant.", "Sorry, hope your knee is less painful today.",
    };
    for (size_t k = 0; k < sizeof fine / sizeof fine[0]; k++) {
        const char *t = fine[k];
        assert_int_equal(soften_check_ctx(t, strlen(t), SOFTEN_CONTEXT_FOLLOWUP, &R), SOFTEN_OK);
        if (R.n_flags) print_result(t, &R);
        assert_int_equal(R.n_flags, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_positives),
        cmocka_unit_test(test_rule_negatives),
        cmocka_unit_test(test_rule_specific_negatives),
        cmocka_unit_test(test_motivating_sentence),
        cmocka_unit_test(test_suggestions_are_tailored),
        cmocka_unit_test(test_markers),
        cmocka_unit_test(test_utf8_offsets),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_bad_utf8),
        cmocka_unit_test(test_edge_inputs),
        cmocka_unit_test(test_status_messages),
        cmocka_unit_test(test_lexicon_sorted),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_followup_rude_shapes),
        cmocka_unit_test(test_followup_more_rude_forms),
        cmocka_unit_test(test_followup_cue_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
