/* soften_rude.c — more rude and demanding forms for follow-up messages (see soften_internal.h).
 *
 * soften.c recognises the first families of rude follow-ups by their shape (rude_sentence); this
 * file holds the forms added for a fresh set of messages written by someone else, where recall
 * stalled: rhetorical questions, dismissal, sarcasm, contempt, blame, curt orders and the short
 * sarcastic fragments that only bite after a pointed sentence (docs/DECISIONS.md lists them). Each
 * is a form that recurs in everyday English, not a sentence, and its comment names the innocent
 * look-alike that its shape leaves alone ("Nobody asked about parking", "I don't care which room",
 * "Not that it matters, but…", "So much for the sunshine", "Like you said, …", "Keep up the good
 * work"); the unit tests hold one case per form and the look-alikes (test_followup_more_rude_forms).
 * A look-alike in a message that exclaims or laughs elsewhere is teasing, not a jab (cheerful). */
#include "soften_internal.h"

/* Verbs of paying attention, pressed by "actually": "Did you actually read it?" */
static const char *const RW_ATTEND_MORE[] = { "read", "listen", "check", "look", "think", "try", "care", "open", "do",
                                              "bother", "prepare", "practise", "practice", NULL };

static const char *const RM_YOU[] = { "you", "your", "you're", "youre", "you've", "youve", "you'd", "yourself", NULL };

/* A bad outcome in the rest of the sentence: "…the reason we're behind", "because of you we lost". */
static bool bad_outcome(const rsent *r, size_t from)
{
    static const char *const bad[] = { "behind", "late", "failed", "fail", "lost", "lose", "missed", "miss", "stuck",
                                       "wasted", "delayed", "cancelled", "canceled", "ruined", "rushed", "struggling",
                                       "mess", "trouble", "extra", NULL };
    for (size_t k = from; k < r->n; k++)
        if (rw_any(r, k, bad) || rw_cls(r, k, SL_NE)) return true; /* not a negation: "because of you I didn't give up" */
    return false;
}

/* "read", "replied", "left": a finished act ("Oh wow, you finally read the handbook."). */
static bool past_act(const rsent *r, size_t k)
{
    static const char *const irregular[] = { "read", "left", "forgot", "went", "took", "gave", "let", "made", "sent", "did",
                                             "got", "came", "ran", "told", "said", NULL };
    if (k >= r->n) return false;
    const token *t = &r->c->t[r->w[k]];
    const char *p = r->c->low + t->low;
    bool ed = t->nlow > 3 && p[t->nlow - 2] == 'e' && p[t->nlow - 1] == 'd' && p[t->nlow - 3] != 'e'; /* not "need" */
    return ed || rw_any(r, k, irregular);
}

/* The forms of this file for sentence r; true when one flagged it (see soften_internal.h). */
bool soften_rude_more(ctx *c, const rsent *r)
{
    const size_t n = r->n;
    const size_t *w = r->w;
    size_t k, j;
    const size_t y = rw_find_any(r, 0, RM_YOU);
    const bool bang = r->bang;
    bool praise = false; /* praise, thanks or appreciation; "better"/"best" only compare ("do better than that") */
    bool admire = false; /* praise or appreciation, thanks aside ('Thanks for the "help".' still bites) */
    for (size_t q = 0; q < n; q++) {
        if (!rw_cls(r, q, SL_PR | SL_GR | SL_AP)) continue;
        if (rw(r, q, "better") || rw(r, q, "best") || rw(r, q, "matters")) continue; /* "not that it matters" */
        praise = true;
        admire |= rw_cls(r, q, SL_PR | SL_AP);
    }
    static const char *const lead[] = { "so", "and", "oh", "honestly", "seriously", "just", "well", "like", "ok",
                                        "okay", "right", "come", "look", "i", "mean", "sure", "yeah", NULL };
    size_t v = 0; /* first word after an opener: "Honestly, grow up." */
    while (v + 1 < n && rw_any(r, v, lead) && !(rw(r, v, "i") && !rw(r, v + 1, "mean"))) v++;

    /* --- rhetorical questions aimed at "you" */
    if (r->q) {
        /* "How could you forget something so simple?" (not "How could you tell?") */
        static const char *const know[] = { "tell", "know", "guess", "have", "help", "possibly", NULL };
        if ((k = rw_find(r, 0, "how")) != NONE && k <= 2 && rw(r, k + 1, "could") && rw(r, k + 2, "you") &&
            !rw_any(r, k + 3, know) && !cheerful(c, r->s)) {
            soften_rude_flag(c, R_WHY, w[k], w[k + 2], U_LETDOWN, W_ACCUSE);
            return true;
        }
        /* "What on earth were you doing?", "What the hell is your problem?" */
        if ((k = rw_find(r, 0, "what")) != NONE && k <= 2 && y != NONE &&
            ((rw(r, k + 1, "on") && rw(r, k + 2, "earth")) || (rw(r, k + 1, "the") && (rw(r, k + 2, "hell") || rw(r, k + 2, "heck"))) ||
             (rw(r, k + 1, "in") && rw(r, k + 2, "the") && rw(r, k + 3, "world"))) && !bang && !cheerful(c, r->s)) {
            soften_rude_flag(c, R_WHY, w[k], w[k + 2 + rw(r, k + 1, "in")], "Can you tell me what happened?", W_ACCUSE);
            return true;
        }
        /* "Why would anyone do it that way?" */
        static const char *const anyone[] = { "anyone", "anybody", NULL };
        if (rw(r, 0, "why") && rw(r, 1, "would") && rw_any(r, 2, anyone) && !rw(r, 3, "want") && !cheerful(c, r->s)) {
            soften_rude_flag(c, R_WHY, w[0], w[2], "Can you help me understand why it was done this way?", W_ACCUSE);
            return true;
        }
        /* "Is that really the best you can do?" */
        static const char *const can[] = { "can", "could", NULL };
        if ((k = rw_find(r, 1, "best")) != NONE && rw(r, k - 1, "the") && rw(r, k + 1, "you") && rw_any(r, k + 2, can)) {
            soften_rude_flag(c, R_WHY, w[k - 1], w[k + 2], "I think this could go further — can we look at it together?", W_ACCUSE);
            return true;
        }
        /* "So you just decided not to come?" (not "So you just turned left at the church?") */
        static const char *const walked_out[] = { "decided", "ignored", "forgot", "cancelled", "canceled", "ditched",
                                                  "assumed", "expected", "bailed", "skipped", "quit", "stopped", "didn't",
                                                  "didnt", NULL }; /* not "left": "So you just left it on the desk?" */
        static const char *const early[] = { "without", "early", "halfway", "mid", NULL };
        if (rw(r, 0, "so") && rw(r, 1, "you") && rw(r, 2, "just") && !cheerful(c, r->s) &&
            (rw_any(r, 3, walked_out) || (rw(r, 3, "left") && (n == 4 || rw_any(r, 4, early))))) {
            soften_rude_flag(c, R_WHY, w[0], w[3], U_SURPRISED, W_ACCUSE);
            return true;
        }
        /* "I'm supposed to guess what you meant?", "How am I supposed to know?" */
        static const char *const guess[] = { "know", "guess", "read", "understand", "remember", "trust", "believe",
                                             "cope", "plan", "work", NULL },
                                 *const mind[] = { "know", "guess", "understand", "remember", "magically", "just",
                                                   "decipher", NULL };
        static const char *const im[] = { "i'm", "im", NULL };
        size_t sp = rw(r, v + 1, "just") ? v + 2 : v + 1; /* "So I'm just supposed to wait around for you?" */
        if ((rw_any(r, v, im) && rw(r, sp, "supposed") && rw(r, sp + 1, "to") && (rw_any(r, sp + 2, mind) || y != NONE)) ||
            (rw(r, 0, "how") && rw(r, 1, "am") && rw(r, 2, "i") && rw(r, 3, "supposed") && rw(r, 4, "to") && rw_any(r, 5, guess))) {
            k = rw_find(r, 0, "supposed");
            soften_rude_flag(c, R_WHY, w[0], w[k], "Could you tell me a bit more, please?", W_ACCUSE);
            return true;
        }
        /* "Did you forget again?", "Are you late again?" */
        static const char *const slip[] = { "forget", "forgot", "forgotten", "miss", "missed", "lose", "lost", "late",
                                            "oversleep", "overslept", "cancel", "cancelled", "canceled", "skip", "skipped", NULL };
        static const char *const tofor[] = { "to", "about", "again", NULL };
        if (y != NONE && n >= 3 && rw(r, n - 1, "again") && (k = rw_find_any(r, y, slip)) != NONE && rw_any(r, k + 1, tofor) &&
            !bang && !cheerful(c, r->s)) {
            soften_rude_flag(c, R_WHY, w[y], w[n - 1], "I think this has slipped again — can we find a way to make it easier?", W_ACCUSE);
            return true;
        }
        /* "Why is it so hard for you to reply?" */
        static const char *const hard[] = { "hard", "difficult", NULL }, *const ints[] = { "so", "that", "really", NULL };
        if (rw(r, 0, "why") && (rw(r, 1, "is") || rw(r, 1, "was")) && (k = rw_find_any(r, 2, hard)) != NONE &&
            rw_any(r, k - 1, ints) && y != NONE) {
            soften_rude_flag(c, R_WHY, w[0], w[k], "Could you help me understand what got in the way?", W_ACCUSE);
            return true;
        }
    }
    /* "You seriously expect me to…?", "Did you seriously just cancel again?" */
    static const char *const serious[] = { "seriously", "honestly", NULL };
    static const char *const pointed_verb[] = { "expect", "think", "believe", "just", "can't", "cannot", "couldn't",
                                                "didn't", "don't", "did", "forgot", "want", NULL };
    if (y != NONE && !bang && !praise && rw(r, y, "you") && !cheerful(c, r->s) &&
        /* a question with "honestly" may be a real one ("Do you honestly think humour is okay?") */
        ((rw_any(r, y + 1, serious) && (r->q ? rw(r, y + 1, "seriously") : rw_any(r, y + 2, pointed_verb))) ||
         (y >= 1 && rw(r, y - 1, "seriously") && y <= 2 && r->q))) {
        soften_rude_flag(c, R_WHY, w[y], w[rw_any(r, y + 1, serious) ? y + 1 : y], U_SURPRISED, W_ACCUSE);
        return true;
    }
    /* "You expect me to rearrange my week?" (not "Do you expect me to bring anything?") */
    static const char *const meus[] = { "me", "us", NULL };
    static const char *const whole[] = { "everything", "whole", "all", "just", NULL };
    if ((k = rw_find(r, 1, "expect")) != NONE && rw_any(r, k + 1, meus) && rw(r, k + 2, "to") && y != NONE && y < k &&
        (k == y + 2 || rw_find_any(r, k + 3, whole) != NONE) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[y], w[k + 2], "I don't think I can do that — can we find another way?", W_ACCUSE);
        return true;
    }
    /* "Are you ignoring me?", "Don't 'hey' me after ignoring me for a fortnight." */
    static const char *const mine[] = { "me", "us", "my", "our", NULL }, *const by[] = { "after", "for", "keep", "kept",
                                         "stop", "by", "been", "are", "you", "you're", "youre", NULL };
    if ((k = rw_find(r, 0, "ignoring")) != NONE && rw_any(r, k + 1, mine) && k >= 1 && rw_any(r, k - 1, by)) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 1], "I haven't heard back, and I'm starting to worry — is everything okay?", W_BLAME);
        return true;
    }
    /* --- dismissal */
    /* "Nobody asked for your opinion." (not "Nobody asked about parking.") */
    static const char *const nobody[] = { "nobody", "noone", NULL };
    k = rw_find_any(r, 0, nobody);
    if (k == NONE && (j = rw_find(r, 0, "no")) != NONE && rw(r, j + 1, "one")) k = j + 1;
    if (k != NONE && rw(r, k + 1, "asked") && !praise && !bang &&
        (rw(r, k + 2, "you") || (rw(r, k + 2, "for") && (rw(r, k + 3, "your") || rw(r, k + 3, "you"))))) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 2], "Thanks for your view.", W_DISMISS);
        return true;
    }
    /* "I don't care what you think.", "I couldn't care less." (not "I don't care which room") */
    static const char *const what[] = { "what", "about", "how", "why", "whether", "who", NULL },
                             *const dont[] = { "don't", "dont", "couldn't", "couldnt", "not", "do", NULL };
    if ((k = rw_find(r, 1, "care")) != NONE && rw_any(r, k - 1, dont) && !r->q &&
        (k == 1 || rw_any(r, 0, soften_rw_first) || rw(r, k - 2, "i") || rw(r, k - 2, "do")) &&
        (k + 1 == n || rw(r, k + 1, "less") ||
         (rw_any(r, k + 1, what) && (j = rw_find_any(r, k + 1, RM_YOU)) != NONE && j <= k + 4))) {
        size_t a = rw_any(r, k - 2, soften_rw_first) ? k - 2 : k - 1;
        soften_rude_flag(c, R_DISMISS, w[a], w[k], k + 1 == n ? "I don't mind either way." : U_DIFFER, W_DISMISS);
        return true;
    }
    /* "I'm not interested in your side of the story." */
    static const char *const yours[] = { "your", "you", "hearing", "excuses", NULL };
    if ((k = rw_find(r, 1, "interested")) != NONE && rw(r, k - 1, "not") && rw(r, k + 1, "in") && rw_any(r, k + 2, yours) &&
        !praise && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 2], U_DIFFER, W_DISMISS);
        return true;
    }
    /* "I don't have time for this.", "I've got no time for your excuses." */
    static const char *const thisthat[] = { "this", "that", NULL }, *const junk[] = { "nonsense", "rubbish", "drama",
                                           "again", "crap", NULL };
    if ((k = rw_find(r, 1, "time")) != NONE && rw(r, k + 1, "for") &&
        (rw(r, k - 1, "no") || ((rw(r, k - 1, "have") || rw(r, k - 1, "got")) && k >= 2 && is_neg(c, w[k - 2]))) &&
        (rw(r, k + 2, "you") || rw(r, k + 2, "your") || (rw_any(r, k + 2, thisthat) && (k + 3 == n || rw_any(r, k + 3, junk))))) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 2], "I'm short of time right now — can we come back to this later?", W_DISMISS);
        return true;
    }
    /* --- sarcasm */
    /* "Not that you care.", "Not that it matters to you, but I waited." (not "Not that it matters, but…") */
    static const char *const youwould[] = { "you", "you'd", "you'll", "you've", "anyone", "anybody", NULL },
                             *const matters[] = { "matters", "mattered", NULL };
    static const char *const needit[] = { "need", "needed", "have", "had", NULL };
    if ((k = rw_find(r, 0, "not")) != NONE && rw(r, k + 1, "that") && (k == 0 || (c->t[w[k]].f & TF_CLAUSE)) &&
        !rw_any(r, k + 3, needit) && !rw_any(r, k + 4, needit) && !admire && !bang && /* "Not that you need it, but good luck!" */
        (rw_any(r, k + 2, youwould) || (rw(r, k + 2, "it") && rw_any(r, k + 3, matters) && rw(r, k + 4, "to") && rw_any(r, k + 5, youwould)))) {
        size_t cb = k + 2; /* the jab runs to its clause's end, or through "but" */
        while (cb + 1 < n && !(c->t[w[cb + 1]].f & TF_CLAUSE) && !rw(r, cb + 1, "but")) cb++;
        if (rw(r, cb + 1, "but")) cb++;
        soften_rude_cut(c, R_DISMISS, w[k], w[rw(r, k + 2, "it") ? k + 5 : k + 2], w[k], w[cb], "I'd like us to keep on top of this.",
                 " reads as sarcasm");
        return true;
    }
    /* "So much for 'I'll send it tonight'." (not "So much for the sunshine") */
    if (rw(r, 0, "so") && rw(r, 1, "much") && rw(r, 2, "for") && (n == 3 || rw_any(r, 3, RM_YOU)) && !praise && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[2], "I was disappointed this didn't happen — can we talk about it?", W_SARC);
        return true;
    }
    /* "Like you've ever been on time.", "As if you care." (not "Like you said, …") */
    static const char *const ever[] = { "ever", "even", "care", "cared", "would", "remember", "listen", "listened",
                                        "bothered", "actually", "bother", "notice", NULL },
                             *const youish[] = { "you", "you've", "youve", "you'd", "you're", "youre", NULL };
    if (((rw(r, v, "like") || (v >= 1 && rw(r, v - 1, "like"))) || (rw(r, v, "as") && rw(r, v + 1, "if"))) && !r->q) {
        size_t a = rw(r, v, "as") ? v + 2 : rw(r, v, "like") ? v + 1 : v;
        if (rw_any(r, a, youish) && rw_any(r, a + 1, ever)) {
            soften_rude_flag(c, R_DISMISS, w[a - (rw(r, v, "as") ? 2 : 1)], w[a + 1], U_AGAIN, W_SARC);
            return true;
        }
    }
    /* "Oh please." on its own */
    if (n == 2 && rw(r, 0, "oh") && rw(r, 1, "please") && !bang && !r->q) {
        soften_rude_cut(c, R_DISMISS, w[0], w[1], w[0], w[1], "I see this differently.", W_SARC);
        return true;
    }
    /* "…, so thanks for that." (not "Thanks for that!") */
    if (n >= 5 && rw(r, n - 3, "thanks") && rw(r, n - 2, "for") && rw(r, n - 1, "that") && !bang &&
        (rw(r, n - 4, "so") || rw(r, n - 4, "and")) && (c->t[w[n - 4]].f & TF_CLAUSE)) {
        soften_rude_cut(c, R_DISMISS, w[n - 4], w[n - 1], w[n - 4], w[n - 1], "I was disappointed by this.", W_SARC);
        return true;
    }
    /* "Thanks for leaving me to do all the work." (not "Thanks for leaving me the keys") */
    static const char *const thanks[] = { "thanks", "thank", NULL }, *const tow[] = { "to", "with", NULL },
                             *const dumping[] = { "leaving", "dumping", "landing", NULL };
    if ((k = rw_find(r, 1, "for")) != NONE && rw_find_any(r, 0, thanks) < k && rw_any(r, k + 1, dumping) &&
        rw_any(r, k + 2, mine) && rw_any(r, k + 3, tow) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k + 3], "I've been left with a lot of this — could you help?", W_SARC);
        return true;
    }
    /* "Oh wow, you finally read the handbook." (not "Wow, you finally got the job!") */
    if ((rw(r, 0, "wow") || (rw(r, 0, "oh") && rw(r, 1, "wow")) || (rw(r, 0, "well") && rw(r, 1, "well"))) && y != NONE &&
        rw(r, y, "you") && rw(r, y + 1, "finally") && past_act(r, y + 2) && !bang && !r->q &&
        !rw_cls(r, y + 3, SL_PR | SL_GR) && !rw_cls(r, y + 4, SL_PR | SL_GR)) {
        soften_rude_flag(c, R_DISMISS, w[0], w[y + 1], "Thanks for reading it.", W_SARC);
        return true;
    }
    /* "Sure, blame the Wi-Fi." (not "Blame me if it rains!") */
    if (v >= 1 && rw(r, v, "blame") && !rw(r, v + 1, "me") && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[v], U_SURPRISED, W_SARC);
        return true;
    }
    /* "Your excuse is noted." — calling a reason an excuse */
    static const char *const excuse[] = { "excuse", "excuses", NULL };
    if ((k = rw_find_any(r, 1, excuse)) != NONE && rw(r, k - 1, "your") && !r->q && !bang && !admire) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k], "Thanks for explaining what happened.", W_DISMISS);
        return true;
    }
    /* "Some of us actually take this seriously." — "us" against "you" */
    static const char *const actually[] = { "actually", "bother", "bothered", "manage", "managed", "care", "still", NULL };
    if ((k = rw_find(r, 0, "some")) != NONE && rw(r, k + 1, "of") && rw(r, k + 2, "us") && rw_any(r, k + 3, actually) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 3], "I'd really like us all to be committed to this.", W_SARC);
        return true;
    }
    /* "Nice of you to show up." (not "So nice of you to come!") */
    static const char *const kindof[] = { "nice", "kind", "good", "sweet", "decent", "gracious", NULL },
                             *const grace[] = { "bother", "grace", "show", "turn", "finally", "reply", "respond", NULL };
    if ((k = rw_find(r, 0, "of")) != NONE && k >= 1 && rw_any(r, k - 1, kindof) && rw(r, k + 1, "you") &&
        rw(r, k + 2, "to") && rw_any(r, k + 3, grace) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 3], "I'd have liked to hear from you sooner.", W_SARC);
        return true;
    }
    /* --- contempt */
    /* "Let me explain it slowly.", "Do I have to spell it out for you?" */
    static const char *const slowly[] = { "slowly", "simply", NULL };
    if ((k = rw_find(r, 0, "explain")) != NONE && k >= 1 && (rw(r, k - 1, "me") || rw(r, k - 1, "i'll")) &&
        ((j = rw_find_any(r, k + 1, slowly)) != NONE && j <= k + 3)) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[j], "Let me put it another way, in case I wasn't clear.", W_CONTEMPT);
        return true;
    }
    if ((k = rw_find(r, 0, "spell")) != NONE && rw_find_any(r, 0, soften_rw_first) < k && (j = rw_find(r, k + 1, "out")) != NONE &&
        j <= k + 2 && (r->q || (rw(r, j + 1, "for") && rw(r, j + 2, "you")))) {
        soften_rude_flag(c, R_WHY, w[k], w[j], "Let me put it another way, in case I wasn't clear.", W_CONTEMPT);
        return true;
    }
    /* "I've seen first-years do better than that." (not "I've seen better weather") */
    static const char *const thatthis[] = { "that", "this", "you", "yours", NULL };
    if ((k = rw_find(r, 0, "seen")) != NONE && rw_find_any(r, 0, soften_rw_first) < k && (j = rw_find(r, k + 1, "better")) != NONE &&
        (j = rw_find(r, j + 1, "than")) != NONE && rw_any(r, j + 1, thatthis) && j + 2 >= n && !praise) {
        soften_rude_flag(c, R_VERDICT, w[k], w[j + 1], "I think this could go further — can we look at it together?", W_CONTEMPT);
        return true;
    }
    /* "I asked you a simple question.", "You can't even do something so simple?" (not "A simple question: …") */
    static const char *const simple[] = { "simple", "basic", "easy", NULL }, *const asked[] = { "asked", "ask", "answer",
                                          "do", "manage", "forget", "forgot", "miss", "missed", "reply", NULL };
    if ((k = rw_find_any(r, 1, simple)) != NONE && k >= 2 &&
        ((rw(r, k - 1, "a") && (rw_any(r, k - 2, asked) || (rw(r, k - 2, "you") && k >= 3 && rw_any(r, k - 3, asked)))) ||
         (rw(r, k - 1, "so") && rw(r, k - 2, "something")))) {
        soften_rude_flag(c, R_WHY, w[k - 2], w[k], U_PLAIN, W_ACCUSE);
        return true;
    }
    /* "You're wasting everyone's time." (not "Sorry for wasting your time") */
    static const char *const wasting[] = { "wasting", "wasted", "waste", NULL }, *const whose[] = { "my", "our",
                                           "everyone's", "everybody's", "everyones", "people's", "the", NULL };
    if ((k = rw_find_any(r, 0, wasting)) != NONE && rw_any(r, k + 1, whose) && rw(r, k + 2, "time") && y != NONE && y < k &&
        !rw_any(r, y - (y > 0), soften_rw_first) && !rw(r, k - 1, "not")) {
        soften_rude_flag(c, R_VERDICT, w[y], w[k + 2], "I'm short of time, and I'd like us to use it well.", W_BLAME);
        return true;
    }
    /* "Even a child could do this.", "Even you should manage that." */
    static const char *const child[] = { "child", "kid", "toddler", "baby", "monkey", "five-year-old", "first-year", NULL },
                             *const modal[] = { "can", "could", "should", "would", "must", NULL },
                             *const manage[] = { "manage", "do", "understand", "get", "see", "figure", "follow",
                                                 "handle", "know", "work", NULL };
    if ((k = rw_find(r, 0, "even")) != NONE &&
        ((rw(r, k + 1, "a") && rw_any(r, k + 2, child) && rw_any(r, k + 3, modal)) ||
         (rw(r, k + 1, "you") && rw_any(r, k + 2, modal) && rw_any(r, k + 3, manage) && (k == 0 || (c->t[w[k]].f & TF_CLAUSE))))) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 2], "I think this one is fairly simple — shall we go through it together?", W_CONTEMPT);
        return true;
    }
    /* "I don't know how you got onto this course." (not "I don't know how you do it — amazing!") */
    static const char *const onto[] = { "onto", "into", "hired", "accepted", "away", NULL },
                             *const passed[] = { "passed", "qualified", "became", NULL };
    if ((k = rw_find(r, 1, "know")) != NONE && is_neg(c, w[k - 1]) && rw(r, k + 1, "how") && rw(r, k + 2, "you") &&
        ((rw(r, k + 3, "got") && rw_any(r, k + 4, onto)) || rw_any(r, k + 3, passed) ||
         (rw(r, k + 3, "ever") && rw_any(r, k + 4, passed))) && !praise) {
        soften_rude_flag(c, R_VERDICT, w[k - 1], w[k + 3], U_FRUST, W_CONTEMPT);
        return true;
    }
    /* "Your feedback says more about you than about me." */
    static const char *const says[] = { "says", "said", "say", NULL };
    if ((k = rw_find_any(r, 0, says)) != NONE && rw(r, k + 1, "more") && rw(r, k + 2, "about") && rw(r, k + 3, "you") && !praise) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 3], U_DIFFER, W_CONTEMPT);
        return true;
    }
    /* "Maybe if you listened more, you'd learn something.", "If you'd read the email you'd know." */
    static const char *const heeded[] = { "listened", "paid", "bothered", NULL },
                             *const heeded_too[] = { "read", "checked", "looked", "opened", "thought", "tried", "asked",
                                                     "turned", NULL }, /* only after "had"/"actually"/"just"/"even" */
                             *const learn[] = { "know", "learn", "understand", "see", "realise", "realize", "remember",
                                                "notice", "find", NULL };
    if ((k = rw_find(r, 0, "if")) != NONE && !r->q) {
        size_t a = k + 1;
        if (rw(r, a, "you'd") || (rw(r, a, "you") && rw(r, a + 1, "had"))) a += rw(r, a, "you'd") ? 1 : 2;
        else if (rw(r, a, "you")) a++;
        else a = NONE;
        bool pressed = a != NONE && (rw(r, a - 1, "you'd") || rw(r, a - 1, "had"));
        while (a != NONE && a < n && (rw(r, a, "just") || rw(r, a, "actually") || rw(r, a, "even"))) { a++; pressed = true; }
        if (a != NONE && (rw_any(r, a, heeded) || (pressed && rw_any(r, a, heeded_too)))) {
            for (j = a + 1; j < n; j++) {
                size_t m = rw(r, j, "you'd") ? j + 1 : (rw(r, j, "you") && (rw(r, j + 1, "would") || rw(r, j + 1, "might"))) ? j + 2 : NONE;
                if (m == NONE) continue;
                if (rw(r, m, "actually")) m++;
                if (rw_any(r, m, learn)) {
                    soften_rude_flag(c, R_WHY, w[k], w[a], "Could we talk about how this could go better?", W_CONTEMPT);
                    return true;
                }
            }
        }
    }
    /* --- blame */
    /* "You're the reason we're behind.", "Because of you we lost the slot." (not "…the reason I passed!") */
    static const char *const yourethe[] = { "you're", "youre", NULL };
    j = NONE; /* the last word of "you're the reason" / "because of you" */
    if ((k = rw_find_any(r, 0, yourethe)) != NONE && rw(r, k + 1, "the") && rw(r, k + 2, "reason")) j = k + 2;
    else if ((k = rw_find(r, 0, "you")) != NONE && rw(r, k + 1, "are") && rw(r, k + 2, "the") && rw(r, k + 3, "reason")) j = k + 3;
    else if ((k = rw_find(r, 0, "because")) != NONE && rw(r, k + 1, "of") && rw(r, k + 2, "you")) j = k + 2;
    if (j != NONE && !r->q && !praise && bad_outcome(r, j + 1)) {
        soften_rude_flag(c, R_VERDICT, w[k], w[j], "I think this went wrong somewhere, and I'd like us to sort it out.", W_BLAME);
        return true;
    }
    /* "Not doing your job for you.", "The rest of us had to do your share." */
    static const char *const share[] = { "job", "work", "share", "part", "homework", "bit", "reading", "thinking", NULL },
                             *const doing[] = { "do", "doing", "did", "done", "cover", "covering", "covered", NULL },
                             *const refuse[] = { "not", "won't", "wont", "never", NULL };
    if ((k = rw_find_any(r, 2, share)) != NONE && rw(r, k - 1, "your") && rw_any(r, k - 2, doing) &&
        ((rw(r, k + 1, "for") && rw(r, k + 2, "you")) || (k >= 4 && rw(r, k - 3, "to") && (rw(r, k - 4, "had") || rw(r, k - 4, "have"))) ||
         (k >= 3 && rw_any(r, k - 3, refuse))) && !admire && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_VERDICT, w[k - 2], w[k], "I've been covering more than my share, and I'd like us to sort it out.", W_BLAME);
        return true;
    }
    /* "This is the third time you've done this.", "For the hundredth time, …" */
    static const char *const nth[] = { "second", "third", "fourth", "fifth", "tenth", "umpteenth", "hundredth",
                                       "millionth", "nth", NULL };
    if ((k = rw_find_any(r, 0, nth)) != NONE && rw(r, k + 1, "time") && k >= 1 && rw(r, k - 1, "the") &&
        ((y != NONE && y > k + 1) || (k == 2 && rw(r, 0, "for") && !rw(r, k, "second"))) && !praise && !bang) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 1], U_AGAIN, W_ACCUSE);
        return true;
    }
    /* --- curt orders and ultimatums */
    if (!r->q && !r->polite) {
        /* "Grow up.", "Keep up.", "Get real." as the whole sentence (not "Keep up the good work") */
        static const char *const up[] = { "grow", "keep", "wake", "man", "toughen", "shape", "hurry", NULL },
                                 *const real[] = { "real", "lost", NULL };
        static const char *const outs[] = { "sort", "figure", "work", "look", NULL }, *const enough[] = { "enough", NULL };
        if (!bang && ((v + 2 == n && ((rw_any(r, v, up) && rw(r, v + 1, "up")) || (rw(r, v, "get") && rw_any(r, v + 1, real)) ||
                                      (rw(r, v, "move") && rw(r, v + 1, "on")) || (rw(r, v, "back") && rw(r, v + 1, "off")) ||
                                      (rw(r, v, "google") && rw(r, v + 1, "it")))) ||
                      (v + 3 == n && rw_any(r, v, outs) && rw(r, v + 1, "it") && (rw(r, v + 2, "out") || rw(r, v + 2, "up"))) ||
                      (n >= 4 && (c->t[w[n - 3]].f & TF_CLAUSE) && rw(r, n - 3, "look") && rw(r, n - 2, "it") && rw(r, n - 1, "up")))) {
            soften_rude_flag(c, R_COMMAND, w[v], w[n - 1], "Could we talk about how this could go better?", W_ORDER);
            return true;
        }
        /* "Enough.", "That's enough.", "Enough is enough." */
        if ((n == 1 && rw_any(r, 0, enough)) || (n == 2 && (rw(r, 0, "that's") || rw(r, 0, "thats")) && rw(r, 1, "enough")) ||
            (n == 3 && rw(r, 0, "enough") && rw(r, 1, "is") && rw(r, 2, "enough"))) {
            soften_rude_flag(c, R_COMMAND, w[0], w[n - 1], "I'd like us to stop here and talk about this calmly.", W_ORDER);
            return true;
        }
        /* "Write properly.", "Do it properly." — a short order that grades the person */
        if (n <= 4 && rw(r, n - 1, "properly") && rw_cls(r, v, SL_DEM | SL_DEMW | SL_CM)) {
            soften_rude_flag(c, R_COMMAND, w[v], w[n - 1], "Could you take another look at this, please?", W_ORDER);
            return true;
        }
    }
    /* "Some people need to learn to listen." — a jab at "you" said about "some people" */
    static const char *const clearly[] = { "clearly", "obviously", "never", NULL }, *const need[] = { "need", "should",
                                           "could", "might", NULL }, *const learn2[] = { "learn", "grow", "listen", "read",
                                           "understand", "check", "realise", "realize", "get", "think", NULL };
    if ((k = rw_find(r, 0, "some")) != NONE && rw(r, k + 1, "people") && (k == 0 || (c->t[w[k]].f & TF_CLAUSE)) &&
        (rw_any(r, k + 2, clearly) || (rw_any(r, k + 2, need) && rw(r, k + 3, "to") && rw_any(r, k + 4, learn2))) &&
        !r->q && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 2], "I'd find it easier if we talked about this directly.", W_SARC);
        return true;
    }
    /* "I'm not your secretary." */
    static const char *const servant[] = { "mum", "mom", "mother", "dad", "parent", "secretary", "assistant", "pa",
                                           "servant", "babysitter", "maid", "nanny", "butler", "slave", "clock", "alarm",
                                           "reminder", "diary", "calendar", "taxi", "cleaner", NULL };
    size_t sv = NONE; /* the servant word, up to two words after "your": "your personal alarm clock" */
    if ((k = rw_find(r, 1, "your")) != NONE)
        for (size_t q = k + 1; q <= k + 3 && sv == NONE; q++) if (rw_any(r, q, servant)) sv = q;
    if (sv != NONE && (rw(r, k - 1, "not") || is_neg(c, w[k - 1])) && !r->q && !praise) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[sv], "I can't take this on for you — could you handle it, please?", W_CONTEMPT);
        return true;
    }
    /* "Who made you the boss?", "Who put you in charge?" */
    if (r->q && rw(r, 0, "who") && (rw(r, 1, "made") || rw(r, 1, "put")) && rw(r, 2, "you")) {
        soften_rude_flag(c, R_WHY, w[0], w[2], "Can we talk about how this was decided?", W_ACCUSE);
        return true;
    }
    /* "How is that my problem?", "Since when is that my job?" */
    static const char *const fault[] = { "problem", "fault", "job", "responsibility", NULL };
    if (r->q && (rw(r, 0, "how") || (rw(r, 0, "since") && rw(r, 1, "when"))) && (k = rw_find(r, 1, "my")) != NONE &&
        rw_any(r, k + 1, fault)) {
        soften_rude_flag(c, R_WHY, w[0], w[k + 1], "Could you help me understand why this came to me?", W_ACCUSE);
        return true;
    }
    /* "Have you got nothing better to do?" */
    if (r->q && (k = rw_find(r, 0, "nothing")) != NONE && rw(r, k + 1, "better") && rw(r, k + 2, "to") && rw(r, k + 3, "do")) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 3], U_SURPRISED, W_CONTEMPT);
        return true;
    }
    /* "So now you care?", "Oh, now you want to help?" */
    static const char *const nowcare[] = { "care", "want", "remember", "decide", "decided", "show", "turn", "bother",
                                           "notice", "reply", "answer", "listen", NULL };
    if (r->q && (k = rw_find(r, 0, "now")) != NONE && k <= 2 && rw(r, k + 1, "you") && rw_any(r, k + 2, nowcare) &&
        !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 2], "I'd have liked to hear from you sooner.", W_SARC);
        return true;
    }
    /* "Excuse me?" on its own; "You can't be serious.", "You're kidding, right?" */
    static const char *const kidding[] = { "kidding", "joking", "serious", NULL }, *const youre2[] = { "you're", "youre", NULL };
    if ((n == 2 && r->q && rw(r, 0, "excuse") && rw(r, 1, "me")) ||
        ((((k = rw_find_any(r, 0, youre2)) != NONE && rw_any(r, k + 1, kidding)) ||
          ((k = rw_find(r, 0, "you")) != NONE && rw(r, k + 1, "can't") && rw(r, k + 2, "be") && rw_any(r, k + 3, kidding))) &&
         !cheerful(c, r->s) && !bang)) {
        soften_rude_flag(c, R_WHY, w[0], w[n - 1], "I'm surprised — can you tell me more?", W_ACCUSE);
        return true;
    }
    /* "You had one job." */
    if ((k = rw_find(r, 0, "had")) != NONE && rw(r, k + 1, "one") && rw(r, k + 2, "job") && y != NONE && y < k && !praise && !bang) {
        soften_rude_flag(c, R_VERDICT, w[y], w[k + 2], "I think something went wrong — can we look at it?", W_BLAME);
        return true;
    }
    /* "This isn't good enough.", "Not good enough." (not "I worry my essay isn't good enough") */
    if ((k = rw_find(r, 0, "good")) != NONE && rw(r, k + 1, "enough") && k >= 1 && is_neg(c, w[k - 1]) && !r->q &&
        rw_find_any(r, 0, soften_rw_first) == NONE && rw_find(r, 0, "my") == NONE && (k == 1 || rw_any(r, 0, thisthat) ||
        rw_find_any(r, 0, RM_YOU) < k)) {
        soften_rude_flag(c, R_VERDICT, w[k - 1], w[k + 1], "I think this needs another look — can we go through it together?", W_BLAME);
        return true;
    }
    /* "I'll just do it myself then." — a guilt trip (not "I'll do it myself, no worries!") */
    static const char *const sulk[] = { "fine", "usual", "always", "again", "apparently", "clearly", "obviously", NULL },
                             *const doit[] = { "do", "sort", "fix", "handle", "book", "finish", "write", NULL };
    if ((k = rw_find(r, 2, "myself")) != NONE && (rw_any(r, k - 2, doit) || rw_any(r, k - 3, doit)) &&
        rw_find_any(r, 0, sulk) != NONE && !bang && !praise) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k], "I could do with some help here — could you pitch in?", W_SARC);
        return true;
    }
    /* "After everything I've done for you." */
    static const char *const allof[] = { "everything", "all", NULL };
    if ((k = rw_find(r, 0, "after")) != NONE && rw_any(r, k + 1, allof) && (j = rw_find(r, k + 2, "done")) != NONE &&
        j <= k + 5 && rw_find_any(r, k + 2, soften_rw_first) < j) {
        soften_rude_flag(c, R_DISMISS, w[k], w[j], "I've put a lot into this, and I'd like that to be noticed.", W_SARC);
        return true;
    }
    /* "I'm warning you.", "You've been warned." */
    if (((k = rw_find(r, 0, "warning")) != NONE && rw(r, k + 1, "you") && rw_find_any(r, 0, soften_rw_first) < k) ||
        ((k = rw_find(r, 0, "warned")) != NONE && k >= 1 && (rw(r, k - 1, "been") || rw(r, k - 1, "yourself")))) {
        soften_rude_flag(c, R_COMMAND, w[0], w[k], U_PLAIN, W_THREAT);
        return true;
    }
    /* "Earth to Sam.", "Hello? Anyone home?" */
    static const char *const home[] = { "home", "alive", "awake", "listening", NULL };
    if ((n <= 3 && rw(r, 0, "earth") && rw(r, 1, "to")) || (r->q && n <= 3 && rw_find(r, 0, "anyone") != NONE && rw_any(r, n - 1, home))) {
        soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "Just checking in — could you let me know where this is up to?", W_SARC);
        return true;
    }
    /* "Don't you dare." (not "Don't you dare apologise, it was lovely!") */
    if ((rw(r, 0, "don't") || rw(r, 0, "dont")) && rw(r, 1, "you") && rw(r, 2, "dare") && !bang && !praise && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_COMMAND, w[0], w[2], "Please don't — I'd like us to talk about it first.", W_THREAT);
        return true;
    }
    /* "Just saying." tagged on */
    if (n == 2 && rw(r, 0, "just") && rw(r, 1, "saying") && !bang && c->ns > 1) {
        soften_rude_cut(c, R_DISMISS, w[0], w[1], w[0], w[1], "I wanted to mention it.", W_SARC);
        return true;
    }
    /* Scare quotes and "so-called": 'Thanks for the "help".', "your so-called plan" */
    static const char *const thanks3[] = { "thanks", "thank", "cheers", NULL };
    for (k = 0; k < n; k++) {
        size_t i = w[k];
        bool so_called = rw(r, k, "so-called") || (rw(r, k, "so") && rw(r, k + 1, "called"));
        if (so_called && k >= 1 && (rw_any(r, k - 1, RM_YOU) || rw(r, k - 1, "the") || rw(r, k - 1, "this")) && !admire) {
            soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + rw(r, k, "so")], U_DIFFER, W_SARC);
            return true;
        }
        if (i + 1 >= c->n || !(c->t[i + 1].f & TF_QUOTE)) continue;
        if (!(rw_any(r, k, RM_YOU) || (rw(r, k, "the") && rw_find_any(r, 0, thanks3) < k))) continue;
        size_t q = i + 1, words = 0;
        while (q < c->n && (c->t[q].f & TF_QUOTE) && c->t[q].sent == c->t[i].sent) { q++; words++; }
        if (words >= 1 && words <= 2 && !admire && !bang) {
            soften_rude_flag(c, R_DISMISS, w[k], w[k], U_DIFFER, W_SARC);
            return true;
        }
    }
    /* "Do you want a medal?", "Want a round of applause?" */
    static const char *const medal[] = { "medal", "trophy", "applause", "award", "prize", NULL };
    if (r->q && (k = rw_find_any(r, 0, medal)) != NONE && rw_find(r, 0, "want") < k && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k], "Thanks for doing it.", W_SARC);
        return true;
    }
    /* "Is this a joke?", "Is that some kind of joke?" (not "Is this the joke you told?") */
    if (r->q && rw(r, 0, "is") && rw_any(r, 1, thisthat) && (k = rw_find(r, 2, "joke")) != NONE && k <= 5 &&
        rw_find(r, 2, "a") < k && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[k], "I'm surprised by this — can you tell me more?", W_ACCUSE);
        return true;
    }
    /* "Read the room.", "Watch your tone.", "Get your facts straight." */
    static const char *const tone[] = { "tone", "language", "mouth", "attitude", NULL }, *const watch[] = { "watch", "mind",
                                        "check", NULL }, *const facts[] = { "straight", "right", NULL };
    if (!r->q && !bang &&
        (((k = rw_find(r, 0, "read")) != NONE && rw(r, k + 1, "the") && rw(r, k + 2, "room") &&
          (k == v || rw(r, k - 1, "maybe") || rw(r, k - 1, "try") || rw(r, k - 1, "just"))) ||
         ((k = rw_find_any(r, 0, watch)) != NONE && rw(r, k + 1, "your") && rw_any(r, k + 2, tone)) ||
         ((k = rw_find(r, 0, "get")) != NONE && rw(r, k + 1, "your") && rw(r, k + 2, "facts") && rw_any(r, k + 3, facts)))) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 2], "I found that hard to hear — can we talk about it?", W_ORDER);
        return true;
    }
    /* "Don't start.", "Don't even.", "Here we go again.", "Did I stutter?" */
    static const char *const dont2[] = { "don't", "dont", NULL };
    if ((n <= 3 && rw_any(r, 0, dont2) && (rw(r, n - 1, "start") || (n == 2 && rw(r, 1, "even")))) ||
        (n == 4 && rw(r, 0, "here") && rw(r, 1, "we") && rw(r, 2, "go") && rw(r, 3, "again") && !bang) ||
        (n == 3 && r->q && rw(r, 0, "did") && rw(r, 1, "i") && rw(r, 2, "stutter"))) {
        soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "I'm finding this frustrating, and I'd like us to sort it out.", W_DISMISS);
        return true;
    }
    /* "I'll take that as a no.", "Per my last email, …", "As I already said, …" */
    static const char *const yesno[] = { "no", "yes", NULL }, *const lastmail[] = { "last", "previous", "earlier", NULL },
                             *const said[] = { "said", "mentioned", "explained", "told", "stated", "wrote", NULL },
                             *const likeas2[] = { "like", "as", NULL };
    if (((k = rw_find(r, 0, "take")) != NONE && (rw(r, k + 1, "that") || rw(r, k + 1, "your")) && (j = rw_find(r, k + 2, "as")) != NONE &&
         j <= k + 3 && rw(r, j + 1, "a") && rw_any(r, j + 2, yesno) && !bang && !cheerful(c, r->s)) ||
        ((k = rw_find(r, 0, "per")) != NONE && rw(r, k + 1, "my") && rw_any(r, k + 2, lastmail)) ||
        ((k = rw_find(r, 0, "already")) != NONE && k >= 2 && rw_any(r, k - 2, likeas2) && rw(r, k - 1, "i") && rw_any(r, k + 1, said))) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 1], "Just checking in — could you let me know where this is up to?", W_SARC);
        return true;
    }
    /* "I'm not going to repeat myself." (not "Sorry to repeat myself, but…") */
    if ((k = rw_find(r, 1, "repeat")) != NONE && rw(r, k + 1, "myself") && rw_find(r, 0, "sorry") == NONE &&
        (rw_find(r, 0, "not") < k || rw_find_any(r, 0, soften_rw_negaux) < k)) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 1], U_PLAIN, W_THREAT);
        return true;
    }
    /* "Good luck with that.", "If you say so.", "Sure you did.", "Yeah, right.", "Surprise, surprise." */
    static const char *const didwere[] = { "did", "were", "have", "will", "do", "are", "was", NULL };
    if (!bang && !r->q &&
        ((n == 4 && rw(r, 0, "good") && rw(r, 1, "luck") && rw(r, 2, "with") && rw(r, 3, "that")) ||
         (n == 4 && rw(r, 0, "if") && rw(r, 1, "you") && rw(r, 2, "say") && rw(r, 3, "so")) ||
         (n == 3 && rw(r, 0, "sure") && rw(r, 1, "you") && rw_any(r, 2, didwere)) ||
         (n == 2 && rw(r, 0, "yeah") && rw(r, 1, "right")) ||
         (n == 2 && rw(r, 0, "surprise") && rw(r, 1, "surprise")))) {
        soften_rude_cut(c, R_DISMISS, w[0], w[n - 1], w[0], w[n - 1], "I see this differently.", W_SARC);
        return true;
    }
    /* "Too busy to reply, were we?" (not "I was too busy to reply, sorry!") */
    static const char *const busyto[] = { "reply", "answer", "respond", "text", "call", "read", "check", "help", "come",
                                          "show", "turn", "email", "message", "listen", NULL },
                             *const someone[] = { "we're", "was", "were", "she", "he", "they", "is", NULL };
    if ((k = rw_find(r, 0, "busy")) != NONE && k >= 1 && rw(r, k - 1, "too") && rw(r, k + 1, "to") && rw_any(r, k + 2, busyto) &&
        rw_find_any(r, 0, soften_rw_first) > k && rw_find(r, 0, "we") > k && rw_find(r, 0, "sorry") == NONE && !bang &&
        !(k >= 2 && rw_any(r, k - 2, someone))) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 2], "I haven't heard back, and I'm starting to worry — is everything okay?", W_SARC);
        return true;
    }
    /* "Just do your job." */
    if (!r->q && !r->polite && rw(r, v, "do") && rw(r, v + 1, "your") && rw(r, v + 2, "job") && v + 3 >= n - 1) {
        soften_rude_flag(c, R_COMMAND, w[v], w[v + 2], "Could you take care of this, please?", W_ORDER);
        return true;
    }
    static const char *const hard2[] = { "hard", "difficult", "complicated", NULL },
                             *const badact2[] = { "ignoring", "wasting", "ruining", "forgetting", "ditching", "wrecking",
                                                  "abandoning", "interrupting", "leaving", "dumping", NULL };
    /* "You were late again and didn't even apologise." — "didn't even" with "you" as the subject */
    static const char *const evenable[] = { "didn't", "didnt", "couldn't", "couldnt", "can't", "cant", "won't", "wont",
                                            "don't", "dont", "wouldn't", "haven't", NULL };
    if (!r->q && (k = rw_find(r, 1, "even")) != NONE && rw_any(r, k - 1, evenable) && y != NONE && y < k &&
        rw_find_any(r, y, soften_rw_first) > k && rw_find(r, y, "we") > k && !admire) {
        soften_rude_flag(c, R_VERDICT, w[k - 1], w[k], U_LETDOWN, W_BLAME);
        return true;
    }
    /* "I expected more from you." */
    static const char *const expected[] = { "expected", "expect", "hoped", NULL }, *const morebetter[] = { "more", "better",
                                            NULL }, *const fromof[] = { "from", "of", NULL };
    if ((k = rw_find_any(r, 0, expected)) != NONE && rw_any(r, k + 1, morebetter) && rw_any(r, k + 2, fromof) &&
        rw(r, k + 3, "you") && !bang) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 3], "I was disappointed by this — can we talk about it?", W_BLAME);
        return true;
    }
    /* "Can you at least pretend to be interested?" (not "Can you at least try the cake? 😄") */
    if (r->q && y != NONE && (k = rw_find(r, 1, "least")) != NONE && rw(r, k - 1, "at") && !cheerful(c, r->s) && !admire) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k], U_PLAIN, W_ACCUSE);
        return true;
    }
    /* "I'm done covering for you." (not "I'm done marking, yay!") */
    static const char *const imdone[] = { "i'm", "im", NULL };
    if ((k = rw_find(r, 1, "done")) != NONE && rw_any(r, k - 1, imdone) && k + 1 < n && y != NONE && y > k && !bang && !praise) {
        const token *t = &c->t[w[k + 1]];
        if (t->nlow > 4 && !memcmp(c->low + t->low + t->nlow - 3, "ing", 3)) {
            soften_rude_flag(c, R_COMMAND, w[k - 1], w[k + 1], U_FRUST, W_THREAT);
            return true;
        }
    }
    /* "It's not my job to remind you." (not "It's not my job, but I'm happy to ask.") */
    if ((k = rw_find(r, 1, "my")) != NONE && rw_any(r, k + 1, fault) && (rw(r, k - 1, "not") || is_neg(c, w[k - 1])) &&
        y != NONE && y > k && rw_find(r, k, "but") == NONE && !r->q) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 1], "I can't take this on for you — could you handle it, please?", W_DISMISS);
        return true;
    }
    /* "Why does everything have to be a drama with you?" */
    static const char *const every[] = { "everything", "always", "every", "never", "constantly", NULL };
    if (r->q && rw(r, 0, "why") && y != NONE && (k = rw_find_any(r, 1, every)) != NONE && !cheerful(c, r->s) && !admire) {
        soften_rude_flag(c, R_WHY, w[0], w[k], "Is everything all right? I'm finding this hard.", W_ACCUSE);
        return true;
    }
    /* "Could you be any more condescending?" */
    if (r->q && (k = rw_find(r, 1, "any")) != NONE && rw(r, k - 1, "be") && (rw(r, k + 1, "more") || rw(r, k + 1, "less"))) {
        soften_rude_flag(c, R_WHY, w[0], w[k + 1], "I found that hard to hear — can we talk about it?", W_SARC);
        return true;
    }
    /* "Way to make the client feel judged." (not "Way to go, team!") */
    if (n >= 3 && rw(r, 0, "way") && rw(r, 1, "to") && !rw(r, 2, "go") && !bang && !r->q) {
        soften_rude_flag(c, R_DISMISS, w[0], w[2], "I found that hard to watch — can we talk about it?", W_SARC);
        return true;
    }
    /* "Maybe try listening next time." (not "Try asking Léa, she might know.") */
    static const char *const listening[] = { "listening", "reading", "checking", "paying", "thinking", "replying",
                                             "answering", "turning", "showing", "preparing", "actually", NULL };
    if (!r->q && !bang && (k = rw_find(r, 0, "try")) != NONE && rw_any(r, k + 1, listening) &&
        (rw(r, k - 1, "maybe") || rw(r, k - 1, "just") || rw(r, k + 1, "actually") || rw_find(r, k, "next") != NONE ||
         rw_find(r, k, "once") != NONE)) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 1], "Could we talk about how this could go better?", W_CONTEMPT);
        return true;
    }
    /* "We've been over this." */
    static const char *const weve[] = { "we've", "weve", "i've", "ive", NULL }, *const overthis[] = { "over", "through", NULL };
    if ((k = rw_find(r, 0, "been")) != NONE && k >= 1 && rw_any(r, k - 1, weve) && rw_any(r, k + 1, overthis) &&
        (rw(r, k + 2, "this") || rw(r, k + 2, "that")) && !r->q && !bang) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 2], "Let me put it another way, in case I wasn't clear.", W_ACCUSE);
        return true;
    }
    /* "Who even says that?", "What is so hard about sending one email?" */
    if (r->q && ((rw(r, 0, "who") && rw(r, 1, "even")) ||
                 ((rw(r, 0, "what's") || (rw(r, 0, "what") && rw(r, 1, "is"))) && (k = rw_find_any(r, 1, hard2)) != NONE &&
                  rw(r, k - 1, "so") && rw(r, k + 1, "about"))) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[1], "Could you help me understand what got in the way?", W_ACCUSE);
        return true;
    }
    /* "Bit rich coming from you.", "Good to know my time means nothing to you." */
    if (((k = rw_find(r, 0, "coming")) != NONE && rw(r, k + 1, "from") && rw(r, k + 2, "you") && rw_find(r, 0, "rich") < k) ||
        ((k = rw_find(r, 0, "nothing")) != NONE && k >= 1 && (rw(r, k - 1, "means") || rw(r, k - 1, "meant") || rw(r, k - 1, "mean")) &&
         rw(r, k + 1, "to") && rw(r, k + 2, "you"))) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 2], "I felt hurt by that, and I'd like us to talk about it.", W_SARC);
        return true;
    }
    /* "…planning to reply at all?" */
    if ((k = rw_find(r, 2, "all")) != NONE && rw(r, k - 1, "at") && rw_any(r, k - 2, busyto) && y != NONE && y < k && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[k - 2], w[k], "Just checking in — could you let me know where this is up to?", W_ACCUSE);
        return true;
    }
    /* "Newsflash: …", "For the love of god, …", "For God's sake, …" */
    static const char *const gods[] = { "god", "god's", "gods", "christ", "christ's", "heaven's", "heavens", "pete's", NULL },
                             *const sake[] = { "sake", "sakes", NULL };
    if ((rw(r, 0, "newsflash") || (rw(r, 0, "news") && rw(r, 1, "flash")) ||
         ((k = rw_find(r, 0, "love")) != NONE && k >= 2 && rw(r, k - 2, "for") && rw(r, k + 1, "of") && rw_any(r, k + 2, gods)) ||
         ((k = rw_find_any(r, 0, gods)) != NONE && k >= 1 && rw(r, k - 1, "for") && rw_any(r, k + 1, sake)) ||
         ((k = rw_find(r, 0, "crying")) != NONE && k >= 1 && rw(r, k - 1, "for") && rw(r, k + 1, "out") && rw(r, k + 2, "loud"))) &&
        !cheerful(c, r->s) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "I'm finding this frustrating, and I'd like us to sort it out.", W_SARC);
        return true;
    }
    /* "No offence, but…", "Don't take this the wrong way, but…", "With all due respect, …" */
    if ((((k = rw_find(r, 0, "offence")) != NONE || (k = rw_find(r, 0, "offense")) != NONE) && rw(r, k - 1, "no") &&
         rw_find(r, k, "but") != NONE) ||
        ((k = rw_find(r, 0, "wrong")) != NONE && rw(r, k + 1, "way") && rw_find(r, 0, "take") < k && rw_find(r, k, "but") != NONE) ||
        ((k = rw_find(r, 0, "due")) != NONE && rw(r, k + 1, "respect") && rw(r, k - 1, "all") && rw(r, k - 2, "with"))) {
        soften_rude_flag(c, R_FACT, w[0], w[k], "I see this differently — can we talk it through?", W_SARC);
        return true;
    }
    /* "…let us know you weren't coming. Oh wait, you didn't." */
    if (rw(r, 0, "oh") && rw(r, 1, "wait") && y != NONE && y == 2 && rw_find_any(r, y + 1, evenable) != NONE && !bang) {
        soften_rude_cut(c, R_DISMISS, w[0], w[n - 1], w[0], w[n - 1], "I'd have liked to hear from you.", W_SARC);
        return true;
    }
    /* "I'm not asking, I'm telling you." */
    if ((k = rw_find(r, 1, "asking")) != NONE && rw(r, k - 1, "not") && rw_find(r, k, "telling") != NONE) {
        soften_rude_flag(c, R_COMMAND, w[0], w[n - 1], U_PLAIN, W_ORDER);
        return true;
    }
    /* "Was that supposed to be empathy?" (not "Is that supposed to be at 3?") */
    static const char *const when[] = { "at", "on", "in", "for", "by", "due", "from", "with", "today", "tomorrow", "here",
                                        "there", "open", "shut", "closed", "a", "the", NULL };
    if (r->q && (rw(r, 0, "was") || rw(r, 0, "is")) && rw_any(r, 1, thisthat) && rw(r, 2, "supposed") && rw(r, 3, "to") &&
        rw(r, 4, "be") && n >= 6 && !rw_any(r, 5, when) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[5], "I'm not sure that came across as you meant — can we talk about it?", W_SARC);
        return true;
    }
    /* "Great job ignoring everything we practised." */
    static const char *const jobwork[] = { "job", "work", NULL };
    if ((k = rw_find_any(r, 1, jobwork)) != NONE && rw_cls(r, k - 1, SL_PR) &&
        (rw_any(r, k + 1, badact2) || (rw_cls(r, k + 1, SL_NE) && !rw_cls(r, k + 1, SL_PO)))) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 1], "I was disappointed by this — can we talk about it?", W_SARC);
        return true;
    }
    /* "Nobody cares about your weekend." (not "Nobody cares if you're late, come anyway!") */
    if (!bang && (rw_any(r, 0, nobody) || (rw(r, 0, "no") && rw(r, 1, "one"))) &&
        (k = rw_find(r, 1, "cares")) != NONE && k <= 2 && !rw(r, k + 1, "if") && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k], "Could we keep to the point?", W_DISMISS);
        return true;
    }
    /* "You're unbelievable.", "You're impossible." */
    static const char *const impossible[] = { "unbelievable", "impossible", "unreal", "incredible", "hopeless", NULL };
    if (n <= 3 && (k = rw_find_any(r, 0, yourethe)) != NONE && rw_any(r, n - 1, impossible) && !bang && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_VERDICT, w[k], w[n - 1], U_FRUST, W_BLAME);
        return true;
    }
    /* "Cheers for letting me down again." */
    if ((k = rw_find(r, 1, "letting")) != NONE && rw_any(r, k + 1, mine) && rw(r, k + 2, "down")) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 2], U_LETDOWN, W_SARC);
        return true;
    }
    /* "At this point I'm not even surprised." */
    if ((k = rw_find(r, 1, "surprised")) != NONE && rw(r, k - 1, "even") && k >= 2 && is_neg(c, w[k - 2]) && !r->q) {
        soften_rude_flag(c, R_DISMISS, w[k - 2], w[k], "It's happened a few times now — can we talk about it?", W_SARC);
        return true;
    }
    /* "I literally told you this yesterday.", "I already asked you twice." */
    static const char *const toldasked[] = { "told", "asked", "said", "explained", "reminded", NULL },
                             *const already[] = { "literally", "already", "just", NULL },
                             *const yesterday[] = { "yesterday", "twice", "already", "before", "last", "earlier", NULL };
    if ((k = rw_find_any(r, 1, toldasked)) != NONE && (rw(r, k - 1, "i") || (rw_any(r, k - 1, already) && rw(r, k - 2, "i"))) &&
        (rw_any(r, k - 1, already) || rw_find_any(r, k + 1, yesterday) != NONE) && y != NONE && y > k && !r->q) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k], "I think I mentioned this earlier.", W_ACCUSE);
        return true;
    }
    /* "You do realise the client could hear you, right?" (not "You do know you're brilliant, right?") */
    static const char *const realise[] = { "realise", "realize", "know", "understand", "see", NULL };
    if ((k = rw_find(r, 0, "do")) != NONE && k >= 1 && rw(r, k - 1, "you") && rw_any(r, k + 1, realise) && !admire && !bang &&
        !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 1], "I'm not sure you noticed — can we talk about it?", W_CONTEMPT);
        return true;
    }
    /* "I don't know why I bother.", "Why do I even bother?" */
    if ((k = rw_find(r, 2, "bother")) != NONE && (rw(r, k - 1, "i") || (rw(r, k - 1, "even") && rw(r, k - 2, "i"))) &&
        rw_find(r, 0, "why") < k) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k], "I'm feeling a bit discouraged — can we talk about it?", W_SARC);
        return true;
    }
    /* "Could you not have told me earlier?", "Couldn't you have warned me?" (not "Could you have a look?") */
    static const char *const couldnt[] = { "couldn't", "couldnt", "can't", "cant", "wouldn't", NULL };
    if (r->q && (k = rw_find(r, 1, "have")) != NONE && k >= 2 &&
        ((rw(r, k - 1, "not") && rw(r, k - 2, "you") && k >= 3 && (rw(r, k - 3, "could") || rw(r, k - 3, "can"))) ||
         (rw(r, k - 1, "you") && rw_any(r, k - 2, couldnt))) && past_act(r, k + 1) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[k - 2], w[k + 1], "It would have helped to know sooner — could you let me know next time?", W_ACCUSE);
        return true;
    }
    /* "Not cool, leaving me to present on my own." */
    if ((k = rw_find(r, 0, "not")) != NONE && rw(r, k + 1, "cool") && (k == 0 || (c->t[w[k]].f & TF_CLAUSE)) &&
        (k + 2 == n || (c->t[w[k + 2]].f & TF_CLAUSE)) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 1], "I wasn't happy about this — can we talk about it?", W_BLAME);
        return true;
    }
    /* "I'm still waiting on those notes you promised." (not "I'm still waiting on my DBS") */
    if ((k = rw_find(r, 0, "still")) != NONE && rw(r, k + 1, "waiting") && (rw(r, k + 2, "for") || rw(r, k + 2, "on")) &&
        y != NONE && y > k && !bang) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 1], "Just checking in — could you let me know where this is up to?", W_ACCUSE);
        return true;
    }
    /* "I'm shocked you'd say that." (not "I'm shocked you remembered, thank you!") */
    static const char *const shocked[] = { "shocked", "appalled", "disgusted", "horrified", "stunned", "gobsmacked", NULL };
    if ((k = rw_find_any(r, 0, shocked)) != NONE && (rw_any(r, k + 1, RM_YOU) || (rw(r, k + 1, "that") && rw_any(r, k + 2, RM_YOU))) &&
        !praise && !bang) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 1], "I was surprised by that — can we talk about it?", W_BLAME);
        return true;
    }
    /* "I guess my opinion doesn't count." */
    static const char *const myview[] = { "opinion", "time", "feelings", "view", "views", "input", "effort", "work", "voice",
                                          NULL }, *const count[] = { "count", "matter", "matters", "counts", NULL };
    if ((k = rw_find(r, 0, "my")) != NONE && rw_any(r, k + 1, myview) && (j = rw_find_any(r, k + 2, count)) != NONE &&
        j <= k + 4 && is_neg(c, w[j - 1]) && !r->q) {
        soften_rude_flag(c, R_DISMISS, w[k], w[j], "I'd like my view to be heard too.", W_SARC);
        return true;
    }
    /* "Forget it, I'll ask someone competent.", "You've got some nerve." */
    static const char *const competent[] = { "competent", "capable", "reliable", "useful", NULL }, *const nerve[] = { "some",
                                             "the", NULL };
    if (((k = rw_find(r, 1, "someone")) != NONE && rw_any(r, k + 1, competent)) ||
        ((k = rw_find(r, 1, "nerve")) != NONE && rw_any(r, k - 1, nerve) && y != NONE && y < k && !praise) ||
        (rw(r, 0, "forget") && rw(r, 1, "it") && (n == 2 || (c->t[w[2]].f & TF_CLAUSE)) && !cheerful(c, r->s) && !praise && !bang)) {
        soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "I'm finding this frustrating, and I'd like us to sort it out.", W_CONTEMPT);
        return true;
    }
    /* "I'm not doing this again." */
    if ((k = rw_find(r, 1, "doing")) != NONE && is_neg(c, w[k - 1]) && rw_any(r, k + 1, thisthat) && rw(r, k + 2, "again") &&
        !bang) {
        soften_rude_flag(c, R_COMMAND, w[k - 1], w[k + 2], "I'd rather we found another way next time.", W_THREAT);
        return true;
    }
    /* "Thanks for showing up, I guess." */
    if (n >= 4 && rw_find_any(r, 0, thanks3) < n - 2 && rw(r, n - 2, "i") && (rw(r, n - 1, "guess") || rw(r, n - 1, "suppose")) &&
        (c->t[w[n - 2]].f & TF_CLAUSE) && !bang) {
        soften_rude_cut(c, R_DISMISS, w[n - 2], w[n - 1], w[n - 2], w[n - 1], "Thanks.", W_SARC);
        return true;
    }
    /* "Hello? Are you still alive?" (not "Are you still there?" on its own) */
    static const char *const alive[] = { "alive", "awake", "there", "breathing", NULL };
    if (r->q && rw(r, 0, "are") && rw(r, 1, "you") && (rw_any(r, 2, alive) || (rw(r, 2, "still") && rw_any(r, 3, alive))) &&
        r->s > 0 && !cheerful(c, r->s)) {
        bool hello = false;
        for (size_t i = c->s_first[r->s - 1]; i < c->n && c->t[i].sent == r->s - 1; i++) hello |= is_word(c, i, "hello");
        if (hello) {
            soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "Just checking in — could you let me know where this is up to?", W_SARC);
            return true;
        }
    }
    /* "Can't believe I have to explain this again.", "I'm having to chase you yet again." */
    static const char *const chase[] = { "explain", "repeat", "remind", "ask", "chase", "tell", "say", "spell", "nag",
                                         "beg", NULL }, *const haveto[] = { "have", "had", "having", NULL },
                             *const againtwice[] = { "again", "twice", "always", NULL };
    if ((k = rw_find_any(r, 0, haveto)) != NONE && rw(r, k + 1, "to") && rw_any(r, k + 2, chase) &&
        (rw_find_any(r, 0, soften_rw_first) < k || rw_find(r, 0, "believe") < k) && rw_find_any(r, k + 2, againtwice) != NONE &&
        !r->q && rw_find(r, 0, "sorry") == NONE) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 2], "I've raised this before, and I'd like us to sort it out together.", W_ACCUSE);
        return true;
    }
    /* "Still no reply." (not "Still no reply from the office, I'll chase them.") */
    static const char *const noreply[] = { "reply", "answer", "response", "word", "update", "news", NULL };
    if ((k = rw_find(r, 0, "still")) != NONE && rw(r, k + 1, "no") && rw_any(r, k + 2, noreply) &&
        (k + 3 == n || (rw(r, k + 3, "from") && rw_any(r, k + 4, RM_YOU))) && !bang) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 2], "Just checking in — could you let me know where this is up to?", W_ACCUSE);
        return true;
    }
    /* "So we're just ignoring the rota now?" */
    if (r->q && (k = rw_find_any(r, 1, badact2)) != NONE && (rw(r, k - 1, "just") || rw(r, n - 1, "now")) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[k], "I'm not sure this is being picked up — can we talk about it?", W_SARC);
        return true;
    }
    /* "Please try to be less patronising.", "Don't be so dramatic." (not "Don't be so modest!") */
    static const char *const lessso[] = { "less", "so", "such", NULL };
    if ((k = rw_find(r, 0, "be")) != NONE && rw_any(r, k + 1, lessso) &&
        (rw_cls(r, k + 2, SL_VS | SL_IS) || (rw(r, k + 2, "a") && rw_cls(r, k + 3, SL_VS | SL_IS | SL_CN))) &&
        !bang && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 2 + rw(r, k + 2, "a")], "I found that hard to hear — can we talk about it?", W_BLAME);
        return true;
    }
    /* "You're really not good at taking feedback." */
    static const char *const goodat[] = { "good", "great", NULL };
    if ((k = rw_find_any(r, 0, yourethe)) != NONE && (j = rw_find_any(r, k + 1, goodat)) != NONE && j <= k + 4 &&
        rw(r, j + 1, "at") && is_neg(c, w[j - 1 - rw(r, j - 1, "very")]) && !bang) {
        soften_rude_flag(c, R_VERDICT, w[k], w[j + 1], "I think this is something to work on — can we talk about it?", W_BLAME);
        return true;
    }
    /* "I'd appreciate it if you stopped interrupting me." (not "…if you could send the slides") */
    static const char *const stopped[] = { "stopped", "stop", "didn't", "didnt", "wouldn't", "quit", "refrained", NULL };
    if ((k = rw_find(r, 1, "appreciate")) != NONE && rw(r, k + 1, "it") && rw(r, k + 2, "if") && rw(r, k + 3, "you") &&
        rw_any(r, k + 4, stopped)) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 4], "Could we take turns to speak, please?", W_ORDER);
        return true;
    }
    /* "Some counsellor you'll make." */
    static const char *const youll[] = { "you'll", "youll", "you", "you're", "youre", NULL };
    if (rw(r, 0, "some") && n >= 3 && n <= 5 && rw_any(r, 2, youll) && !rw(r, 1, "people") && !rw(r, 1, "of") && !bang &&
        !r->q) {
        soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "I'm worried about how this is going — can we talk about it?", W_SARC);
        return true;
    }
    /* "Let me guess, the bus was late again?" (not "Let me guess, you want the window seat 😄") */
    if (rw(r, 0, "let") && rw(r, 1, "me") && rw(r, 2, "guess") && !cheerful(c, r->s) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[2], U_AGAIN, W_SARC);
        return true;
    }
    /* "Could you actually read what I wrote?", "Did you actually listen?" (not "Could you actually send the link?") */
    if (r->q && y != NONE && rw(r, y + 1, "actually") && rw_any(r, y + 2, RW_ATTEND_MORE) && !cheerful(c, r->s) && !bang) {
        soften_rude_flag(c, R_WHY, w[y], w[y + 2], "Could you take another look at this, please?", W_ACCUSE);
        return true;
    }
    /* "You've made this so much harder." */
    static const char *const harder[] = { "harder", "worse", "difficult", "awkward", "stressful", NULL }, *const made[] = {
        "made", "making", NULL };
    if ((k = rw_find_any(r, 1, made)) != NONE && y != NONE && y < k && (j = rw_find_any(r, k + 1, harder)) != NONE &&
        j <= k + 5 && !r->q && !praise && rw_find_any(r, 0, soften_rw_first) > j) {
        soften_rude_flag(c, R_VERDICT, w[y], w[j], U_FRUST, W_BLAME);
        return true;
    }
    /* "I don't appreciate being spoken to like that.", "Don't cut me off like that again." */
    if (((k = rw_find(r, 1, "appreciate")) != NONE && is_neg(c, w[k - 1]) && (rw(r, k + 1, "being") || rw_any(r, k + 1, RM_YOU) ||
                                                                              (rw(r, k + 1, "the") && rw(r, k + 2, "way")))) ||
        ((k = rw_find(r, 1, "like")) != NONE && rw(r, k + 1, "that") && (rw(r, k - 1, "me") || rw(r, k - 1, "to") ||
                                                                         rw(r, k - 1, "off")) && !bang && !admire)) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 1], "I felt hurt by that, and I'd like us to talk about it.", W_BLAME);
        return true;
    }
    /* "I'm tired of being the only one who prepares." */
    static const char *const tiredof[] = { "tired", "sick", "fed", NULL }, *const being[] = { "being", "doing", "having",
                                           "carrying", "covering", "picking", "cleaning", "sorting", NULL };
    if ((k = rw_find_any(r, 0, tiredof)) != NONE && (rw(r, k + 1, "of") || (rw(r, k + 1, "up") && rw(r, k + 2, "of"))) &&
        rw_any(r, k + 2 + rw(r, k + 1, "up"), being) && !bang) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 2 + rw(r, k + 1, "up")], U_FRUST, W_ACCUSE);
        return true;
    }
    /* "I'm past caring.", "I'm so over this." (not "I'm so over the moon!") */
    static const char *const overit[] = { "this", "it", "you", "your", "them", "that", NULL };
    if (((k = rw_find(r, 1, "caring")) != NONE && (rw(r, k - 1, "past") || rw(r, k - 1, "stopped"))) ||
        ((k = rw_find(r, 1, "over")) != NONE && rw(r, k - 1, "so") && rw_any(r, k + 1, overit) && !bang)) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k], "I'm feeling worn out by this — can we talk about it?", W_DISMISS);
        return true;
    }
    /* "It's called a calendar." (not "It's called the Hartley Building") */
    static const char *const itscalled[] = { "it's", "its", "it", NULL };
    if ((k = rw_find(r, 0, "called")) != NONE && k >= 1 && rw_any(r, k - 1, itscalled) && rw(r, k + 1, "a") && !bang &&
        !cheerful(c, r->s)) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 2 < n ? k + 2 : k + 1], "Just a reminder about this.", W_CONTEMPT);
        return true;
    }
    /* "The opposite of what we agreed." */
    static const char *const agreed[] = { "agreed", "said", "asked", "planned", "discussed", NULL };
    if ((k = rw_find(r, 0, "opposite")) != NONE && rw(r, k + 1, "of") && rw(r, k + 2, "what") && rw_find_any(r, k + 3, agreed) != NONE) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 2], "I think we understood this differently — can we check what we agreed?", W_BLAME);
        return true;
    }
    /* "Glad to see you finally decided to join us." */
    static const char *const glad[] = { "glad", "nice", "good", "great", "lovely", NULL };
    if ((k = rw_find(r, 2, "finally")) != NONE && rw(r, k - 1, "you") && rw_find_any(r, 0, glad) < k - 1 && !bang &&
        !cheerful(c, r->s) && past_act(r, k + 1)) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 1], "Good to see you.", W_SARC);
        return true;
    }
    /* "Not everyone has time to redo your work." (not "Not everyone has done the reading, so…") */
    if ((k = rw_find(r, 0, "not")) != NONE && (rw(r, k + 1, "everyone") || rw(r, k + 1, "everybody")) &&
        rw_find_any(r, k + 2, RM_YOU) != NONE && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 1], "I'm short of time, and I'd like us to share this fairly.", W_SARC);
        return true;
    }
    /* "Do you think before you speak?", "You clearly think you're better than us." */
    static const char *const thinkyou[] = { "you're", "youre", "you", NULL }, *const betterknow[] = { "better", "know", "so",
                                            "above", "special", "always", NULL };
    if ((k = rw_find(r, 1, "think")) != NONE && (rw(r, k - 1, "you") || (k >= 2 && rw_cls(r, k - 1, SL_ADV | SL_FA) && rw(r, k - 2, "you"))) &&
        ((rw(r, k + 1, "before") && rw(r, k + 2, "you")) ||
         (!r->q && rw_any(r, k + 1, thinkyou) && rw_find_any(r, k + 2, betterknow) != NONE && rw_find_any(r, k + 2, betterknow) <= k + 3))) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 2], "I found that hard to hear — can we talk about it?", W_CONTEMPT);
        return true;
    }
    /* "This is the last time I cover for you." */
    if ((k = rw_find(r, 0, "last")) != NONE && rw(r, k + 1, "time") && rw_any(r, k + 2, soften_rw_first) && y != NONE && y > k + 2 &&
        !r->q && !bang) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 2], U_PLAIN, W_THREAT);
        return true;
    }
    /* "You owe the whole group an apology." */
    static const char *const apology[] = { "apology", "explanation", NULL };
    if ((k = rw_find(r, 1, "owe")) != NONE && y != NONE && y < k && rw_find_any(r, k + 1, apology) != NONE) {
        soften_rude_flag(c, R_COMMAND, w[y], w[k], "I'd like us to talk about what happened.", W_ORDER);
        return true;
    }
    /* "Every single time, you leave early." (not "Every single time I practise, I get better") */
    if ((k = rw_find(r, 0, "every")) != NONE && (rw(r, k + 1, "time") || (rw(r, k + 1, "single") && rw(r, k + 2, "time"))) &&
        y != NONE && y > k && rw_find_any(r, 0, soften_rw_first) == NONE && !admire && !bang) {
        soften_rude_flag(c, R_ALWAYS, w[k], w[k + 1 + rw(r, k + 1, "single")], U_AGAIN, W_BLAME);
        return true;
    }
    /* "It's like talking to a brick wall." */
    static const char *const wall[] = { "wall", "myself", "brick", NULL };
    if ((k = rw_find(r, 0, "talking")) != NONE && rw(r, k + 1, "to") && (rw_any(r, k + 2, wall) || rw_any(r, k + 3, wall) ||
                                                                          rw_any(r, k + 4, wall)) && rw(r, k - 1, "like")) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[n - 1], "I'm not sure I'm being heard — can we talk about it?", W_SARC);
        return true;
    }
    /* "You don't get to decide that." */
    if ((k = rw_find(r, 1, "get")) != NONE && rw(r, k + 1, "to") && is_neg(c, w[k - 1]) && k >= 2 && rw(r, k - 2, "you") && !r->q) {
        soften_rude_flag(c, R_COMMAND, w[k - 2], w[k + 1], "Can we talk about how this gets decided?", W_ORDER);
        return true;
    }
    /* "Nobody wants to hear about your placement." (not "Nobody wants the 8am slot") */
    if ((rw_any(r, 0, nobody) || (rw(r, 0, "no") && rw(r, 1, "one"))) && (k = rw_find(r, 1, "wants")) != NONE && k <= 2 &&
        rw_find_any(r, k, RM_YOU) != NONE && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k], "Could we keep to the point?", W_DISMISS);
        return true;
    }
    /* "I'll assume you're not coming then." */
    if ((k = rw_find(r, 1, "assume")) != NONE && rw_any(r, k + 1, yourethe) && rw_find_any(r, k + 2, evenable) == NONE &&
        rw(r, k + 2, "not") && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 2], "Could you let me know if you're coming, please?", W_SARC);
        return true;
    }
    /* "…if you can't commit.", "If you can't be bothered, …" (not "If you can't make it, no worries") */
    static const char *const commit[] = { "commit", "bothered", "manage", "handle", "cope", "listen", "keep", NULL };
    if ((k = rw_find(r, 0, "if")) != NONE && rw(r, k + 1, "you") && is_neg(c, w[k + 2 < n ? k + 2 : k]) &&
        (rw_any(r, k + 3, commit) || (rw(r, k + 3, "be") && rw_any(r, k + 4, commit))) && !admire && !bang) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 3], "I need to know I can count on you — can we talk about it?", W_CONTEMPT);
        return true;
    }
    /* "Are we supposed to read your mind?" */
    if ((k = rw_find(r, 1, "mind")) != NONE && rw(r, k - 1, "your") && rw(r, k - 2, "read")) {
        soften_rude_flag(c, R_WHY, w[k - 2], w[k], "Could you tell me a bit more, please?", W_SARC);
        return true;
    }
    /* "How many more times do we have to reschedule?" (not "How many more sessions are there?") */
    if (r->q && rw(r, 0, "how") && rw(r, 1, "many") && rw(r, 2, "more") && rw(r, 3, "times") && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[3], "I've raised this before, and I'd like us to sort it out together.", W_ACCUSE);
        return true;
    }
    /* "This is beyond frustrating." (not "This is beyond helpful") */
    static const char *const beyondbad[] = { "frustrating", "annoying", "unacceptable", "ridiculous", "rude", "embarrassing",
                                             "a", "disappointing", "infuriating", "exhausting", NULL };
    if ((k = rw_find(r, 0, "beyond")) != NONE && (rw_any(r, k + 1, beyondbad) || rw_cls(r, k + 1, SL_VS | SL_IS)) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 1], U_FRUST, W_DISMISS);
        return true;
    }
    /* "I've had it with the excuses.", "I'm not going to dignify that." */
    if (((k = rw_find(r, 1, "it")) != NONE && rw(r, k - 1, "had") && rw(r, k + 1, "with")) ||
        ((k = rw_find(r, 0, "dignify")) != NONE && k + 1 < n)) {
        soften_rude_flag(c, R_DISMISS, w[k - (rw(r, k, "it") ? 1 : 0)], w[k + 1], U_FRUST, W_DISMISS);
        return true;
    }
    /* "You were meant to send it yesterday." (not "You were meant to be the client, right?") */
    static const char *const meant[] = { "meant", "supposed", NULL }, *const past[] = { "yesterday", "already", "last",
                                         "ago", "earlier", "weeks", "days", NULL };
    if ((k = rw_find_any(r, 1, meant)) != NONE && (rw(r, k - 1, "were") || rw(r, k - 1, "was")) && rw(r, k - 2, "you") &&
        rw(r, k + 1, "to") && rw_find_any(r, k + 2, past) != NONE && !bang) {
        soften_rude_flag(c, R_VERDICT, w[k - 2], w[k + 1], "Could you let me know where this is up to?", W_BLAME);
        return true;
    }
    /* "Is it so much to ask for a reply?", "Am I asking too much?" */
    if ((k = rw_find(r, 1, "much")) != NONE && (rw(r, k - 1, "so") || rw(r, k - 1, "that")) && rw(r, k + 1, "to") &&
        rw(r, k + 2, "ask")) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 2], "I'd really like a reply to this, please.", W_ACCUSE);
        return true;
    }
    /* "I can't keep doing everything for this group." */
    static const char *const everything[] = { "everything", "all", NULL };
    if ((k = rw_find(r, 1, "keep")) != NONE && is_neg(c, w[k - 1]) && rw_any(r, k + 1, being) && rw_find_any(r, k + 1, everything) != NONE &&
        !bang) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 1], "I could do with some help here — could you pitch in?", W_SARC);
        return true;
    }
    /* "I can't do another week with you.", "I can't take you seriously." (not "I can't take you to the station") */
    static const char *const stand[] = { "stand", "bear", "deal", "handle", "do", "take", "work", NULL };
    if ((k = rw_find_any(r, 1, stand)) != NONE && is_neg(c, w[k - 1]) && rw_find_any(r, 0, soften_rw_first) < k &&
        (j = rw_find(r, k + 1, "you")) != NONE && j <= k + 4 &&
        ((rw(r, k, "take") && rw(r, j + 1, "seriously")) || (rw(r, k, "do") && rw(r, k + 1, "another")) ||
         ((rw(r, k, "stand") || rw(r, k, "bear")) && j == k + 1) || (rw(r, k, "deal") && rw(r, k + 1, "with") && j == k + 2 && j + 1 == n) ||
         (rw(r, k, "work") && rw(r, k + 1, "with") && j == k + 2 && (j + 1 == n || rw(r, j + 1, "anymore")))) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[j], "I'm finding our work together hard — can we talk about it?", W_DISMISS);
        return true;
    }
    /* "If you had any respect for the group…" */
    static const char *const respect[] = { "respect", "decency", "sense", "manners", "consideration", "shame", NULL };
    if ((k = rw_find(r, 0, "any")) != NONE && rw_any(r, k + 1, respect) && rw(r, k - 1, "had") && rw(r, k - 2, "you")) {
        soften_rude_flag(c, R_VERDICT, w[k - 2], w[k + 1], "I felt let down, and I'd like us to talk about it.", W_CONTEMPT);
        return true;
    }
    /* "Pull your weight.", "Step up." */
    if (!r->q && ((k = rw_find(r, 0, "pull")) != NONE && rw(r, k + 1, "your") && (rw(r, k + 2, "weight") || rw(r, k + 2, "finger")))) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 2], "Could you help out a bit more, please?", W_ORDER);
        return true;
    }
    /* "I'm not going to chase you anymore." */
    static const char *const anymore[] = { "anymore", "again", "any", NULL };
    if ((k = rw_find_any(r, 1, chase)) != NONE && rw(r, k + 1, "you") && rw_any(r, k + 2, anymore) &&
        (rw_find(r, 0, "not") < k || rw_find_any(r, 0, soften_rw_negaux) < k) && !r->q) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 2], U_PLAIN, W_THREAT);
        return true;
    }
    /* "Is there any point in me preparing if you won't?" (not "Is there any point printing the slides?") */
    if ((k = rw_find(r, 0, "point")) != NONE && (j = rw_find(r, k, "if")) != NONE && rw(r, j + 1, "you") &&
        rw_find_any(r, j + 2, evenable) != NONE) {
        soften_rude_flag(c, R_WHY, w[0], w[j + 1], "I'd like us both to prepare — can we agree how?", W_ACCUSE);
        return true;
    }
    /* "Just admit you didn't do the reading.", "Admit it." */
    if (!r->q && (k = rw_find(r, 0, "admit")) != NONE && (k == v || rw(r, k - 1, "just")) && (rw(r, k + 1, "it") || rw(r, k + 1, "you") ||
                                                                                              rw(r, k + 1, "that"))) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 1], "Could you tell me what happened?", W_ACCUSE);
        return true;
    }
    /* "Who do you think is going to do it, me?" */
    if (r->q && rw(r, 0, "who") && rw(r, 1, "do") && rw(r, 2, "you") && rw(r, 3, "think") && rw(r, n - 1, "me") &&
        (c->t[w[n - 1]].f & TF_CLAUSE)) {
        soften_rude_flag(c, R_WHY, w[0], w[n - 1], "Could you give me a hand with this?", W_ACCUSE);
        return true;
    }
    /* "Are you going to help or just watch?" */
    static const char *const watchonly[] = { "watch", "sit", "complain", "moan", "talk", "criticise", "criticize", "stand",
                                             "leave", "ignore", NULL };
    if (r->q && y != NONE && (k = rw_find(r, y, "or")) != NONE && rw(r, k + 1, "just") && rw_any(r, k + 2, watchonly)) {
        soften_rude_flag(c, R_WHY, w[k], w[k + 2], "Could you give me a hand with this?", W_ACCUSE);
        return true;
    }
    /* "You had all week." */
    static const char *const week[] = { "week", "weekend", "day", "month", "term", "summer", "night", "morning", NULL };
    if (!r->q && (k = rw_find(r, 1, "all")) != NONE && rw(r, k - 1, "had") && rw(r, k - 2, "you") && rw_any(r, k + 1, week) &&
        k + 2 >= n && !bang) {
        soften_rude_flag(c, R_VERDICT, w[k - 2], w[k + 1], "I was hoping this would be ready by now — can you let me know when?", W_BLAME);
        return true;
    }
    /* "Thanks for making me look stupid." (not "Thanks for making me feel so welcome") */
    static const char *const lookfeel[] = { "look", "feel", "seem", "sound", NULL }, *const small[] = { "small", "bad", "silly",
                                            "awkward", "useless", "left", NULL };
    if ((k = rw_find(r, 1, "making")) != NONE && rw(r, k + 1, "me") && rw_any(r, k + 2, lookfeel) &&
        (rw_any(r, k + 3, small) || rw_cls(r, k + 3, SL_IS | SL_VS) || (rw(r, k + 3, "like") && rw(r, k + 4, "an"))) && !admire) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 3], "I felt embarrassed by that, and I'd like us to talk about it.", W_BLAME);
        return true;
    }
    /* "You might want to actually turn up next time." (not "I actually read it twice") */
    static const char *const showup[] = { "turn", "show", "reply", "answer", "respond", "come", "read", "listen", "check",
                                          "try", "do", "bother", "prepare", NULL };
    if (!r->q && (k = rw_find(r, 1, "actually")) != NONE && rw_any(r, k + 1, showup) && y != NONE && y < k &&
        rw_find_any(r, 0, soften_rw_first) > k && !admire && !bang && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 1], "Could you let me know if you can make it, please?", W_CONTEMPT);
        return true;
    }
    /* "…grace us with the form", "Was it really necessary to…?", "Remind me why we partnered up?" */
    if (((k = rw_find(r, 1, "grace")) != NONE && (rw(r, k + 1, "us") || rw(r, k + 1, "me")) && rw(r, k + 2, "with")) ||
        (r->q && (k = rw_find(r, 1, "necessary")) != NONE && rw(r, k - 1, "really") && k >= 3 &&
         (rw(r, k - 2, "it") || rw(r, k - 2, "that"))) ||
        (r->q && rw(r, 0, "remind") && rw(r, 1, "me") && rw(r, 2, "why") && (k = 2) > 0)) {
        if (!cheerful(c, r->s) && !bang) {
            soften_rude_flag(c, R_WHY, w[0], w[k], "I'd like to understand this better — can we talk about it?", W_SARC);
            return true;
        }
    }
    /* "I don't need your advice." */
    static const char *const advice[] = { "advice", "help", "opinion", "input", "comments", "lecture", "lectures", NULL };
    if ((k = rw_find(r, 1, "need")) != NONE && is_neg(c, w[k - 1]) && rw(r, k + 1, "your") && rw_any(r, k + 2, advice) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k + 2], "Thanks — I'd like to try it my way this time.", W_DISMISS);
        return true;
    }
    /* "Your reflections are getting worse." */
    if ((k = rw_find(r, 1, "worse")) != NONE && rw(r, k - 1, "getting") && y != NONE && y < k && !r->q) {
        soften_rude_flag(c, R_VERDICT, w[y], w[k], "I think this could go further — can we look at it together?", W_BLAME);
        return true;
    }
    /* "Why am I not surprised.", "So that's a no then.", "No thanks to you." */
    if ((rw(r, 0, "why") && rw(r, 1, "am") && rw(r, 2, "i") && rw(r, 3, "not") && rw(r, 4, "surprised")) ||
        ((k = rw_find(r, 0, "that's")) != NONE && rw(r, k + 1, "a") && rw(r, k + 2, "no") && rw(r, k - 1, "so")) ||
        ((k = rw_find(r, 0, "no")) != NONE && rw(r, k + 1, "thanks") && rw(r, k + 2, "to") && rw(r, k + 3, "you"))) {
        if (!bang) {
            soften_rude_flag(c, R_DISMISS, w[0], w[n - 1], "I'm disappointed about this — can we talk about it?", W_SARC);
            return true;
        }
    }
    /* "Call me when you've grown up." */
    static const char *const grown[] = { "grown", "grow", NULL };
    if ((k = rw_find_any(r, 2, grown)) != NONE && rw(r, k + 1, "up") && rw_find(r, 0, "when") < k && y != NONE && y < k) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k + 1], "Let's talk again when we've both had time to think.", W_CONTEMPT);
        return true;
    }
    /* "You're a nightmare to work with." */
    static const char *const nightmare[] = { "nightmare", "joke", "disgrace", "liability", "embarrassment", "pain",
                                             "menace", NULL };
    if ((k = rw_find_any(r, 0, yourethe)) != NONE && rw(r, k + 1, "a") && (rw_any(r, k + 2, nightmare) ||
                                                                           (rw_cls(r, k + 2, SL_IN | SL_AB) && rw_any(r, k + 3, nightmare))) &&
        !bang && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_VERDICT, w[k], w[k + 2], "I'm finding our work together hard — can we talk about it?", W_BLAME);
        return true;
    }
    /* "Congrats on being late for the fourth week running." */
    static const char *const late2[] = { "late", "absent", "rude", "useless", "unreliable", NULL },
                             *const congrats[] = { "congrats", "congratulations", "thanks", "thank", "cheers", "well",
                                                   "done", NULL };
    if ((k = rw_find(r, 1, "being")) != NONE && (rw(r, k - 1, "on") || rw(r, k - 1, "for")) && rw_find_any(r, 0, congrats) < k &&
        (rw_any(r, k + 1, late2) || rw_cls(r, k + 1, SL_VS | SL_IS)) && !bang) {
        soften_rude_flag(c, R_DISMISS, w[0], w[k + 1], U_AGAIN, W_SARC);
        return true;
    }
    /* "You've outdone yourself. Not in a good way." */
    if ((k = rw_find(r, 0, "not")) != NONE && rw(r, k + 1, "in") && rw(r, k + 2, "a") && rw(r, k + 3, "good") && rw(r, k + 4, "way")) {
        soften_rude_flag(c, R_DISMISS, w[k], w[k + 4], "I'm not sure that went well — can we talk about it?", W_SARC);
        return true;
    }
    /* "You literally had one thing to do." */
    if ((k = rw_find(r, 1, "one")) != NONE && rw(r, k - 1, "had") && (rw(r, k + 1, "thing") || rw(r, k + 1, "job")) &&
        y != NONE && y < k && !praise && !bang) {
        soften_rude_flag(c, R_VERDICT, w[y], w[k + 1], "I think something went wrong — can we look at it?", W_BLAME);
        return true;
    }
    /* "Could you stop hijacking every discussion?" (not "Could you stop by the office?") */
    if (r->q && (k = rw_find(r, 1, "stop")) != NONE && rw(r, k - 1, "you") && k + 1 < n && !cheerful(c, r->s) &&
        !(rw(r, n - 1, "please") && (rw(r, 0, "could") || rw(r, 0, "would")))) { /* "Could you stop …, please?" asks */
        const token *t = &c->t[w[k + 1]];
        if (t->nlow > 4 && !memcmp(c->low + t->low + t->nlow - 3, "ing", 3)) {
            soften_rude_flag(c, R_COMMAND, w[k - 1], w[k + 1], "Could we take turns, please?", W_ORDER);
            return true;
        }
    }
    /* "I'm not impressed.", "I'm losing patience with you." */
    static const char *const patience[] = { "losing", "lost", "running", NULL };
    if (!r->q && !bang &&
        (((k = rw_find(r, 1, "impressed")) != NONE && (is_neg(c, w[k - 1]) || (rw_cls(r, k - 1, SL_IN | SL_AB) && k >= 2 &&
                                                                               is_neg(c, w[k - 2])))) ||
         ((k = rw_find(r, 1, "patience")) != NONE && (rw_any(r, k - 1, patience) || (rw(r, k - 1, "of") && rw(r, k - 2, "out")))))) {
        soften_rude_flag(c, R_DISMISS, w[k - 1], w[k], U_FRUST, W_DISMISS);
        return true;
    }
    /* "Can we not do this every week?" */
    static const char *const everyagain[] = { "every", "again", "always", "anymore", NULL };
    if (r->q && rw(r, 0, "can") && rw(r, 1, "we") && rw(r, 2, "not") && rw_find_any(r, 3, everyagain) != NONE && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[2], "Could we find a way to make this easier?", W_ACCUSE);
        return true;
    }
    /* "Who raised you?", "Were you raised in a barn?" */
    if ((k = rw_find(r, 1, "raised")) != NONE && ((rw(r, k - 1, "who") && rw(r, k + 1, "you")) || (rw(r, k - 1, "you") && rw(r, k - 2, "were")))) {
        soften_rude_flag(c, R_INSULT, w[k - 1], w[k + (rw(r, k + 1, "you") ? 1 : 0)], "I found that rude, and I'd like us to talk about it.", W_CONTEMPT);
        return true;
    }
    /* "Are you trying to annoy me?" */
    static const char *const annoy[] = { "annoy", "upset", "wind", "provoke", "embarrass", "humiliate", "ruin", "start",
                                         "make", "irritate", NULL };
    if (r->q && (k = rw_find(r, 1, "trying")) != NONE && rw(r, k - 1, "you") && rw(r, k + 1, "to") && rw_any(r, k + 2, annoy) &&
        (rw_find_any(r, k + 3, mine) != NONE || !rw(r, k + 2, "make")) && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[k - 1], w[k + 2], "I'm finding this hard — can we talk about it?", W_ACCUSE);
        return true;
    }
    /* "Perhaps read the email before asking questions." */
    static const char *const readfirst[] = { "read", "check", "listen", "look", "think", NULL }, *const perhaps[] = {
        "perhaps", "maybe", "just", NULL };
    if (!r->q && rw_any(r, 0, perhaps) && rw_any(r, 1, readfirst) && (k = rw_find(r, 2, "before")) != NONE &&
        (rw(r, k + 1, "you") || (k + 1 < n && c->t[w[k + 1]].nlow > 4 &&
                                 !memcmp(c->low + c->t[w[k + 1]].low + c->t[w[k + 1]].nlow - 3, "ing", 3)))) {
        soften_rude_flag(c, R_COMMAND, w[0], w[k], "Could you take another look at this, please?", W_CONTEMPT);
        return true;
    }
    /* "So you think it's fine to just not show up?" */
    static const char *const fine[] = { "fine", "ok", "okay", "acceptable", "alright", "normal", NULL };
    if (r->q && rw(r, 0, "so") && rw(r, 1, "you") && rw(r, 2, "think") && rw_find_any(r, 3, fine) != NONE && !cheerful(c, r->s)) {
        soften_rude_flag(c, R_WHY, w[0], w[2], "I wasn't happy about this — can we talk about it?", W_ACCUSE);
        return true;
    }
    /* "Nothing from you.", "You could at least say sorry.", "How convenient that you were ill again." */
    static const char *const sorry[] = { "say", "apologise", "apologize", "reply", "answer", "tell", "let", "text",
                                         "call", "acknowledge", "respond", "pretend", NULL };
    if (((k = rw_find(r, 1, "nothing")) != NONE && rw(r, k + 1, "from") && rw(r, k + 2, "you") && (j = k + 2) > 0) ||
        ((k = rw_find(r, 1, "least")) != NONE && rw(r, k - 1, "at") && rw(r, k - 2, "could") && rw_any(r, k + 1, sorry) && (j = k + 1) > 0) ||
        ((k = rw_find(r, 0, "how")) != NONE && rw(r, k + 1, "convenient") && y != NONE && y > k && (j = k + 1) > 0)) {
        if (!bang && !admire) {
            soften_rude_flag(c, R_DISMISS, w[k], w[j], "I felt let down, and I'd like us to talk about it.", W_SARC);
            return true;
        }
    }
    /* "Either you turn up or I'm finding another partner." */
    static const char *const walk[] = { "finding", "going", "done", "out", "leaving", "reporting", "telling", "calling",
                                        "taking", "dropping", "walking", "quitting", "pulling", "asking", "getting", NULL },
                             *const iam[] = { "i'm", "im", NULL };
    if ((k = rw_find(r, 1, "or")) != NONE && !r->q &&
        ((rw_any(r, k + 1, iam) && rw_any(r, k + 2, walk)) || (rw(r, k + 1, "i") && rw(r, k + 2, "am") && rw_any(r, k + 3, walk)))) {
        soften_rude_flag(c, R_COMMAND, w[k], w[k + 2], "Could you let me know if this works for you, please?", W_THREAT);
        return true;
    }
    return false;
}

/* Short sentences that only bite after something pointed was said: "Cool. Really professional.",
 * "Brilliant technique.", "Like always.", "Not.", "And ignored." — each a fragment with no verb.
 * edgy: another sentence was flagged as rude, or is aimed at "you" with a critical word or a
 * let-down act ("you cancelled"), or says "for no reason" — so "Great, see you Friday.", "Thanks,
 * Chidi — very kind." and "You didn't have to bring cake. Very thoughtful." stay unflagged. */
bool soften_rude_fragment(ctx *c, const rsent *r, bool edgy, bool after_rude, bool after_praise, bool alone)
{
    const size_t n = r->n;
    const size_t *w = r->w;
    if (!n || n > 3 || r->q || r->bang) return false;
    /* "Wow, great listening skills. Not.", "Thanks for the warning. Oh wait.", "Sigh. Here we go." */
    if ((((n == 1 && rw(r, 0, "not")) || (n == 2 && rw(r, 0, "oh") && rw(r, 1, "wait"))) && (after_praise || edgy)) ||
        (n == 1 && rw(r, 0, "sigh") && !alone)) {
        soften_rude_flag(c, R_DISMISS, w[0], w[0], "I'm not sure that went well — can we talk about it?", W_SARC);
        return true;
    }
    /* "Really classy.", "Real mature.", "Gold star." bite after anything but a celebration */
    static const char *const sneer[] = { "classy", "mature", "bravo", "genius", "star", NULL },
                             *const sneer_ints[] = { "really", "very", "so", "how", "real", "truly", "gold", NULL };
    size_t k = 0;
    while (k + 1 < n && rw_any(r, k, sneer_ints)) k++;
    if (!alone && k + 1 == n && rw_any(r, k, sneer) && (!rw(r, k, "star") || rw(r, k - (k > 0), "gold"))) {
        soften_rude_cut(c, R_DISMISS, w[0], w[n - 1], w[0], w[n - 1], "I'm disappointed about this.", W_SARC);
        return true;
    }
    if (!edgy) return false;
    /* "Like always.", "As usual.", "And ignored." */
    static const char *const likeas[] = { "like", "as", NULL }, *const usual[] = { "always", "usual", "ever", NULL };
    if ((n == 2 && rw_any(r, 0, likeas) && rw_any(r, 1, usual)) || (n == 2 && rw(r, 0, "and") && rw_cls(r, 1, SL_NE))) {
        soften_rude_cut(c, R_DISMISS, w[0], w[1], w[0], w[1], U_AGAIN, W_SARC);
        return true;
    }
    /* "Cool.", "Really professional.", "Real mature.", "Gold star.", "Brilliant technique." */
    static const char *const jab[] = { "cool", "classy", "professional", "mature", "impressive", "charming", "bravo",
                                       "genius", "stellar", "smooth", "star", NULL },
                             *const ints[] = { "really", "very", "so", "how", "real", "truly", "just", "such", "a",
                                               "gold", "nice", NULL };
    k = 0;
    while (k + 1 < n && rw_any(r, k, ints)) k++;
    bool label = k + 1 == n && rw_any(r, k, jab) && (after_rude || !rw(r, k, "cool"));
    bool praise_noun = n == 2 && rw_cls(r, 0, SL_PR) && !rw_cls(r, 1, SL_PR | SL_GR | SL_AP | SL_IN | SL_YO | SL_FP) &&
                       !rw(r, 1, "news") && !rw(r, 1, "idea") && !rw(r, 1, "stuff") && !rw(r, 1, "one");
    /* "You forgot the handouts again. Brilliant." — a lone praise word right after a jab */
    bool lone = n == 1 && rw_cls(r, 0, SL_PR) && after_rude;
    /* "Interesting choice.", "Bold move." */
    static const char *const choice[] = { "choice", "move", "decision", "call", "strategy", "tactic", "approach", NULL };
    bool verdict = n == 2 && rw_any(r, 1, choice) && !rw_cls(r, 0, SL_YO | SL_FP | SL_ART | SL_DM);
    if (label || praise_noun || lone || verdict) {
        soften_rude_cut(c, R_DISMISS, w[0], w[n - 1], w[0], w[n - 1], "I'm disappointed about this.", W_SARC);
        return true;
    }
    return false;
}

