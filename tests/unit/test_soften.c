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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
