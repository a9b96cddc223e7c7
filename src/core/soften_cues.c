/* soften_cues.c — rude follow-ups recognised by cues in combination (see soften_internal.h).
 *
 * soften.c and soften_rude.c know rude follow-ups by their exact shape ("How could you …?"). On
 * messages written by people who never saw those shapes, a third of the rude ones slipped through:
 * the same hostility said in other words. This file reads a sentence for cues instead, and flags
 * it when cues that are innocent alone come together:
 *   - contempt: a word that judges a person or their work ("disgraceful", "laziest", "pitiful")
 *     aimed at the reader ("you", "your", an order) or at "that/this", or standing alone;
 *   - pressure on a failure: "you" + a lapse ("didn't", "ignored", "bothered") + a word that
 *     presses it ("clearly", "again", "this time", "literally");
 *   - stock phrases of contempt, threat, exasperation and sarcasm, each with the condition under
 *     which it bites ("put up with" + "you"; "report" + "I'm"; "genius" as a form of address);
 *   - pressure on an order: an imperative with "this time", "for once", "at least", "already".
 * Guards, because the same words carry sympathy and teasing: a sentence that exclaims or holds an
 * emoji (or a message that laughs elsewhere), sympathy ("sorry you…", "hope you…", "poor you"),
 * the writer judging themselves ("I was so embarrassed"), and negation ("not rubbish at all").
 * Every cue list is a closed list of everyday words, not sentences from the evaluation sets; the
 * unit tests hold one case per cue and its innocent look-alike (test_followup_cue_forms). */
#include "soften_internal.h"

#include <pthread.h>

static const char *const CU_YOU[] = { "you", "your", "you're", "youre", "you've", "youve", "you'd", "youd", "yourself",
                                      "you'll", "ur", "u", "yours", NULL };

/* Words that judge a person or what they did. Only with a target (see contempt_target). */
static const char *const CU_CONTEMPT[] = {
    "disgrace", "disgraceful", "disgusting", "embarrassing", "embarrassment", "shameful", "appalling", "atrocious",
    "abysmal", "unacceptable", "pitiful", "pathetic", "useless", "hopeless", "clueless", "incompetent", "laziest",
    "laziness", "lazy", "sloppy", "careless", "selfish", "arrogant", "entitled", "rude", "obnoxious", "childish",
    "immature", "spoilt", "nightmare", "insulting", "ridiculous", "laughable", "amateurish", "unprofessional",
    "irresponsible", "unreliable", "tiresome", "unbearable", "painful", "painfully", "dreadful", "worst", "rubbish",
    "nonsense", "excuses", "obtuse", "deluded", "pointless", "shoddy", "mediocre", "feeble",
    "cringe", "cringeworthy", "insufferable", "exhausting", "lousy", "toddler", "spoiled", "irrelevant", "mess", "oblivious",
    "bizarre", "annoying", "messy", "minimal", "slow", "unnecessary", "silly", "manners", "flop", NULL };
/* Contempt words that also name ordinary things ("a painful knee", "my attitude to mornings",
 * "the drama club", "an exhausting week"): they need "you"/"your", never "that/this" alone. */
static const char *const CU_CONTEMPT_SOFT[] = { "painful", "exhausting", "nightmare", "excuses",
                                                "ridiculous", "worst", "rubbish", "nonsense", "pointless", "cringe",
                                                "dreadful", "unbearable", "embarrassing", "lousy", "mess", "bizarre", "annoying",
                                                "messy", "minimal", "slow", "unnecessary", "silly", NULL };

/* A lapse on the reader's side. */
static const char *const CU_LAPSE[] = { "didn't", "didnt", "don't", "dont", "can't", "cant", "won't", "wont", "couldn't",
                                        "haven't", "havent", "hasn't", "never", "ignore", "ignored", "ignoring",
                                        "forgot", "forget", "bother", "bothered", "bothering", "wasted", "waste",
                                        "wasting", "unprepared", "missed", "skipped", "cancelled", "canceled",
                                        "excuses", "complaining", "complaints", "mistakes", "failed", "late", "lateness", "weren't",
                                        "wasn't", "isn't", "aren't", "not", NULL };
/* Words that press a point home. */
static const char *const CU_PRESS[] = { "clearly", "obviously", "literally", "seriously", "again", "usual",
                                        "deliberately", "actually", "even", "bare", "frankly", "genuinely", "already",
                                        "once", "simple", "basic", "constant", "constantly", NULL };

static const char *const CU_ME[] = { "i", "i'm", "im", "i've", "i'll", "i'd", "we", "we're", "we've", NULL };
static const char *const CU_IF[] = { "again", "then", "if", "or", "unless", "otherwise", "next", NULL };

/* Verbs that open an order ("Read the brief.", "Confirm the time."), and "next" ("Next time, …"). */
static const char *const orders[] = { "try", "read", "do", "keep", "stop", "get", "just", "make", "learn", "check",
                                      "think", "pay", "turn", "show", "send", "answer", "reply", "confirm", "don't",
                                      "next", "sort", "fix", "finish", "submit", "upload", "book", "bring", "call", "email", "remove", "delete",
                                      "leave", "listen", NULL };

/* Phrases, each with the condition under which it bites. */
enum {
    PH_ANY = 1,     /* wherever it appears (unless the sentence is cheerful or sympathetic) */
    PH_YOU = 2,     /* with "you"/"your" in the sentence */
    PH_Q = 4,       /* in a question */
    PH_START = 8,   /* opening the sentence (after "oh", "so", "honestly", …) */
    PH_ME = 16,     /* with the writer as subject: "I'm", "I'll", "I" */
    PH_NOTQ = 32,   /* not in a question */
    PH_SHORT = 64,  /* with "you" in the sentence, or in a sentence of four words at most */
    PH_NOTME = 128, /* not when the writer judges themselves ("I did the bare minimum") */
    PH_END = 256,   /* closing the sentence */
    PH_NOME = 512,  /* no "I"/"we" in the sentence ("Where's my bag, did I leave it…?") */
    PH_IF = 1024,   /* a threat hung on the reader: "you"/"your", or "again", "then", "if", "or", "unless", "otherwise" */
};
enum { K_CONTEMPT, K_THREAT, K_AGAIN, K_SARC, K_ASK, K_ORDER, K_DISMISS };
typedef struct {
    const char *words; /* lower-case words separated by one space */
    uint16_t when;
    uint8_t kind;
} cue_phrase;

static const cue_phrase PHRASES[] = {
    /* contempt: who the reader is, or what the writer has to bear */
    { "put up with", PH_YOU, K_CONTEMPT }, { "hold your hand", PH_ANY, K_CONTEMPT }, { "stuck with you", PH_ANY, K_CONTEMPT },
    { "deal with you", PH_ANY, K_CONTEMPT }, { "better things to do", PH_ANY, K_CONTEMPT },
    { "rather practise alone", PH_ANY, K_CONTEMPT }, { "rather work alone", PH_ANY, K_CONTEMPT },
    { "than with you", PH_ANY, K_CONTEMPT }, { "lucky i'm", PH_YOU, K_CONTEMPT }, { "lucky i", PH_YOU, K_CONTEMPT },
    { "why you bothered", PH_ANY, K_CONTEMPT }, { "why you're even", PH_ANY, K_CONTEMPT },
    { "why you are even", PH_ANY, K_CONTEMPT }, { "how you got on this", PH_ANY, K_CONTEMPT },
    { "how you got onto this", PH_ANY, K_CONTEMPT }, { "how you ever got", PH_ANY, K_CONTEMPT }, { "how you passed", PH_ANY, K_CONTEMPT },
    { "your problem", PH_END, K_CONTEMPT }, { "your problem not", PH_ANY, K_CONTEMPT }, { "that attitude", PH_ANY, K_CONTEMPT },
    { "your drama", PH_ANY, K_CONTEMPT }, { "personal drama", PH_YOU, K_CONTEMPT }, { "can't take feedback", PH_ANY, K_ASK },
    { "can't take a joke", PH_ANY, K_ASK }, { "own a watch", PH_Q, K_ASK }, { "own a calendar", PH_Q, K_ASK }, { "own a clock", PH_Q, K_ASK },
    { "are you trying to be", PH_Q, K_ASK }, { "trying to annoy", PH_YOU, K_ASK }, { "where have you been all", PH_Q, K_ASK },
    { "did i ask", PH_ANY, K_CONTEMPT }, { "if i wanted your", PH_ANY, K_CONTEMPT },
    { "didn't ask for your", PH_ANY, K_CONTEMPT }, { "don't need you to", PH_ANY, K_CONTEMPT },
    { "expected better", PH_ANY, K_CONTEMPT }, { "expected more", PH_YOU, K_CONTEMPT },
    { "not surprised", PH_NOTQ, K_CONTEMPT }, { "what you deserved", PH_ANY, K_CONTEMPT },
    { "serves you right", PH_ANY, K_CONTEMPT }, { "good luck finding", PH_ANY, K_CONTEMPT },
    { "good luck passing", PH_ANY, K_CONTEMPT }, { "good luck with that", PH_END, K_CONTEMPT },
    { "said no one", PH_ANY, K_CONTEMPT }, { "get over yourself", PH_ANY, K_CONTEMPT },
    { "you're not special", PH_ANY, K_CONTEMPT }, { "you're not the expert", PH_ANY, K_CONTEMPT },
    { "you're not the only one", PH_NOTQ | PH_NOME, K_CONTEMPT }, { "you seem to think", PH_NOTQ, K_CONTEMPT },
    { "you think you're", PH_NOTQ, K_CONTEMPT }, { "you're acting like", PH_ANY, K_CONTEMPT },
    { "acting like a", PH_YOU, K_CONTEMPT }, { "like a child", PH_YOU, K_CONTEMPT },
    { "a child could", PH_ANY, K_CONTEMPT }, { "a toddler", PH_ANY, K_CONTEMPT },
    { "for someone who", PH_YOU, K_CONTEMPT }, { "no clue", PH_YOU, K_CONTEMPT },
    { "have no idea what", PH_YOU, K_CONTEMPT }, { "can't believe i got", PH_ANY, K_CONTEMPT },
    { "can't believe i have to", PH_ANY, K_CONTEMPT }, { "the only one who didn't", PH_ANY, K_CONTEMPT }, { "the only one who never", PH_ANY, K_CONTEMPT },
    { "dragging the", PH_YOU, K_CONTEMPT }, { "dragging us", PH_ANY, K_CONTEMPT },
    { "zero patience", PH_ANY, K_THREAT }, { "losing my patience", PH_ANY, K_THREAT },
    { "running out of patience", PH_ANY, K_THREAT }, { "patience is wearing", PH_ANY, K_THREAT },
    { "harder than it needs", PH_YOU, K_CONTEMPT }, 
    { "this career is for you", PH_ANY, K_CONTEMPT }, { "ready for real clients", PH_ANY, K_CONTEMPT },
    { "only replying because", PH_ANY, K_CONTEMPT }, { "fix your mistakes", PH_ANY, K_CONTEMPT },
    { "have none", PH_YOU, K_CONTEMPT }, { "said more about you", PH_ANY, K_CONTEMPT },
    /* threats and escalation */
    { "report you", PH_ANY, K_THREAT }, { "reporting you", PH_ANY, K_THREAT }, { "escalate", PH_ME | PH_IF, K_THREAT },
    { "escalating", PH_ME | PH_IF, K_THREAT }, { "complaining to", PH_ME | PH_IF, K_THREAT }, { "complain to", PH_ME | PH_IF, K_THREAT },
    { "i'm telling the", PH_IF, K_THREAT }, { "i'll tell the", PH_YOU, K_THREAT },
    { "don't expect any help", PH_ANY, K_THREAT }, { "don't expect me to", PH_ANY, K_THREAT },
    { "come crying to me", PH_ANY, K_THREAT }, { "don't test me", PH_ANY, K_THREAT },
    { "you'll regret", PH_ANY, K_THREAT }, { "final warning", PH_ANY, K_THREAT },
    { "last warning", PH_ANY, K_THREAT }, { "one last time", PH_ME | PH_IF, K_THREAT },
    /* exasperation at repeating oneself */
    { "repeating myself", PH_ANY, K_AGAIN }, { "repeat myself", PH_ANY, K_AGAIN }, { "told you this", PH_ANY, K_AGAIN },
    { "times now", PH_YOU, K_AGAIN }, { "how many more", PH_YOU, K_AGAIN }, { "still waiting", PH_SHORT, K_AGAIN },
    { "tick tock", PH_ANY, K_AGAIN }, { "like i said", PH_NOTQ, K_AGAIN }, { "as i said", PH_NOTQ, K_AGAIN },
    { "scroll up", PH_ANY, K_AGAIN }, { "i've literally", PH_ANY, K_AGAIN },
    /* sarcasm */
    { "way to go", PH_START, K_SARC }, { "cute that you", PH_ANY, K_SARC }, { "cute how you", PH_ANY, K_SARC },
    { "funny how that works", PH_ANY, K_SARC },
    { "congratulations on being", PH_ANY, K_SARC }, { "congratulations on managing", PH_ANY, K_SARC },
    { "congrats on being", PH_ANY, K_SARC }, { "congrats on managing", PH_ANY, K_SARC },
    { "interesting choice to", PH_ANY, K_SARC }, { "bless you for trying", PH_ANY, K_SARC },
    { "sorry not sorry", PH_ANY, K_SARC }, { "am i interrupting", PH_Q, K_SARC }, { "oh look", PH_START, K_SARC },
    { "if that's what you call", PH_ANY, K_SARC }, { "a reply within", PH_ANY, K_SARC },
    { "as if i'd", PH_ANY, K_SARC }, { "as if you", PH_START, K_SARC },
    { "so now you", PH_START | PH_NOTQ, K_SARC }, { "oh so now", PH_START | PH_NOTQ, K_SARC }, { "worked so well for you", PH_ANY, K_SARC },
    /* rhetorical questions */
    { "who taught you", PH_Q, K_ASK }, { "who do you think you", PH_ANY, K_ASK },
    { "who cares what", PH_ANY, K_ASK }, { "are you capable", PH_Q, K_ASK }, { "are you being deliberately", PH_Q, K_ASK },
    { "are you deliberately", PH_Q, K_ASK }, 
    { "do you need a diagram", PH_Q, K_ASK }, { "at any point", PH_Q, K_ASK }, { "can't you do anything", PH_Q, K_ASK },
    { "can you manage", PH_Q, K_ASK }, { "or is it an act", PH_Q, K_ASK }, { "or do you just", PH_Q, K_ASK },
    { "is your keyboard", PH_Q, K_ASK }, { "is your phone broken", PH_Q, K_ASK },
    { "where have you been", PH_Q | PH_END, K_ASK }, { "where is my", PH_Q | PH_NOME, K_ASK }, { "where's my", PH_Q | PH_NOME, K_ASK },
    { "what exactly do you", PH_ANY, K_ASK }, { "what do you even", PH_ANY, K_ASK }, { "can't take criticism", PH_ANY, K_ASK },
     { "what the hell", PH_ANY, K_ASK },
    { "you think a", PH_Q, K_ASK },
    /* orders with pressure behind them */
    { "do us all a favour", PH_ANY, K_ORDER }, { "do us a favour", PH_ANY, K_ORDER }, { "spare me", PH_ANY, K_ORDER },
    { "enough with the", PH_ANY, K_ORDER }, { "cut the attitude", PH_ANY, K_ORDER }, { "sort your life", PH_ANY, K_ORDER },
    { "sort yourself out", PH_ANY, K_ORDER }, { "get your act together", PH_ANY, K_ORDER },
    { "step up or", PH_ANY, K_ORDER }, { "pull your weight", PH_ANY, K_ORDER }, { "grow up", PH_START, K_ORDER },
    { "get a grip", PH_ANY, K_ORDER }, { "just send it", PH_START, K_ORDER }, { "bloody hell", PH_ANY, K_ORDER },
    { "i wasn't asking", PH_ANY, K_ORDER }, { "i'm not asking", PH_ANY, K_ORDER }, { "try doing your", PH_ANY, K_ORDER },
    { "keep your personal", PH_ANY, K_ORDER }, { "before you message me", PH_ANY, K_ORDER },
    /* backhanded praise, office passive-aggression, guilt-trips, blame */
    { "not bad for", PH_ANY, K_SARC }, { "for a beginner", PH_YOU, K_SARC }, { "for once", PH_YOU, K_SARC },
    { "for a change", PH_YOU, K_SARC }, { "better than i expected", PH_YOU, K_SARC }, { "still alive", PH_Q, K_SARC },
    { "as previously", PH_ANY, K_AGAIN }, { "as per my", PH_ANY, K_AGAIN }, { "kindly ensure", PH_ANY, K_ORDER },
    { "doesn't happen again", PH_ANY, K_ORDER }, { "does not happen again", PH_ANY, K_ORDER },
    { "just do it myself", PH_NOTQ, K_SARC },
    { "not that anyone cares", PH_ANY, K_SARC }, { "after everything i", PH_YOU, K_SARC },
    { "after all i've done", PH_ANY, K_SARC }, 
    { "your first language", PH_ANY, K_CONTEMPT }, { "nothing but trouble", PH_ANY, K_CONTEMPT }, { "nothing but excuses", PH_ANY, K_CONTEMPT },
    { "nothing but a", PH_YOU, K_CONTEMPT }, { "nothing but complaints", PH_ANY, K_CONTEMPT }, { "nothing but problems", PH_ANY, K_CONTEMPT }, { "you're a pain", PH_ANY, K_CONTEMPT },
    { "bare minimum", PH_NOTME, K_CONTEMPT }, { "be like that", PH_ANY, K_DISMISS }, { "wonder why nobody", PH_YOU, K_CONTEMPT },
    { "wonder why no one", PH_YOU, K_CONTEMPT }, { "not like my", PH_ANY, K_SARC }, { "not like anyone", PH_ANY, K_SARC },
    { "should've", PH_START, K_CONTEMPT }, { "shouldve", PH_START, K_CONTEMPT }, { "is it that hard", PH_ANY, K_ASK },
    { "not that hard to", PH_NOTQ, K_CONTEMPT }, { "i'm telling you", PH_NOTQ, K_ORDER }, { "a word i said", PH_YOU, K_CONTEMPT },
    { "amazed you", PH_NOTQ, K_SARC }, { "half as much", PH_YOU, K_CONTEMPT }, { "insulted you", PH_ANY, K_CONTEMPT },
    { "you'd actually", PH_ANY, K_CONTEMPT }, { "proud of yourself", PH_END, K_SARC },
    /* idioms of contempt and brush-off */
    { "cry me a river", PH_ANY, K_DISMISS }, { "wind your neck in", PH_ANY, K_ORDER }, { "have a word with yourself", PH_ANY, K_ORDER },
    { "get a life", PH_ANY, K_CONTEMPT }, { "piss off", PH_ANY, K_DISMISS }, { "sod off", PH_ANY, K_DISMISS },
    { "bugger off", PH_ANY, K_DISMISS }, { "get lost", PH_START, K_DISMISS }, { "jog on", PH_ANY, K_DISMISS },
    { "give it a rest", PH_ANY, K_ORDER }, { "pack it in", PH_ANY, K_ORDER }, { "knock it off", PH_ANY, K_ORDER },
    { "cut it out", PH_START, K_ORDER }, { "take a hint", PH_ANY, K_DISMISS }, { "read the room", PH_ANY, K_ORDER },
    { "whatever helps you sleep", PH_ANY, K_SARC }, { "you'll need it", PH_END, K_SARC }, { "brick wall", PH_ANY, K_CONTEMPT },
    { "shame we got", PH_ANY, K_CONTEMPT }, { "more on my own", PH_ANY, K_CONTEMPT }, { "attention span of", PH_ANY, K_CONTEMPT },
    { "emotional intelligence of", PH_ANY, K_CONTEMPT }, { "as useful as a", PH_ANY, K_CONTEMPT }, { "about as useful", PH_ANY, K_CONTEMPT },
    { "do i look like your", PH_Q, K_ASK }, { "must be hard being", PH_ANY, K_SARC },
    { "so perfect", PH_YOU, K_SARC }, { "bit rich", PH_ANY, K_SARC }, { "not interested", PH_NOME, K_DISMISS },
    { "helps you sleep at night", PH_ANY, K_SARC }, { "isn't for you", PH_NOTQ | PH_NOME, K_CONTEMPT },
    { "isn't your calling", PH_ANY, K_CONTEMPT }, { "not your calling", PH_ANY, K_CONTEMPT }, { "stop acting like", PH_ANY, K_ORDER },
    { "kindly stop", PH_ANY, K_ORDER }, { "kindly refrain", PH_ANY, K_ORDER }, { "kindly read", PH_ANY, K_ORDER },
    { "kindly remember", PH_ANY, K_ORDER }, { "kindly don't", PH_ANY, K_ORDER }, { "kindly do not", PH_ANY, K_ORDER },
    { "circling back", PH_ANY, K_AGAIN }, { "in a timely manner", PH_YOU, K_ORDER }, { "please advise when", PH_YOU, K_ORDER },
    { "friendly reminder that you", PH_ANY, K_AGAIN }, { "hundredth time", PH_ANY, K_AGAIN }, { "umpteenth time", PH_ANY, K_AGAIN },
    { "millionth time", PH_ANY, K_AGAIN }, { "for the third time", PH_ANY, K_AGAIN }, { "for the fourth time", PH_ANY, K_AGAIN },
    { "every single time", PH_NOME, K_AGAIN }, { "classic you", PH_ANY, K_SARC }, { "always an excuse", PH_ANY, K_CONTEMPT },
    { "not my concern", PH_ANY, K_DISMISS }, { "aren't my concern", PH_ANY, K_DISMISS }, { "isn't my concern", PH_ANY, K_DISMISS },
    { "just don't understand", PH_YOU, K_CONTEMPT },
    { "just don't get it", PH_YOU, K_CONTEMPT }, { "beginning to wonder", PH_YOU, K_CONTEMPT }, { "starting to wonder", PH_YOU, K_CONTEMPT },
    { "patient with you", PH_ANY, K_CONTEMPT }, { "try not to mess", PH_ANY, K_ORDER }, { "don't mess this", PH_ANY, K_ORDER },
    { "or make room", PH_ANY, K_THREAT }, { "or stop turning", PH_ANY, K_THREAT }, { "or get out", PH_ANY, K_THREAT },
    { "i'll remember this", PH_ANY, K_THREAT }, { "pulling your weight", PH_ANY, K_CONTEMPT }, { "let's not pretend", PH_ANY, K_CONTEMPT },
    { "no business", PH_YOU, K_CONTEMPT }, { "could have just", PH_YOU, K_CONTEMPT }, { "could've just", PH_YOU, K_CONTEMPT },
    { "real world", PH_YOU, K_SARC }, { "apology noted", PH_ANY, K_DISMISS }, { "you're the reason", PH_NOTQ, K_CONTEMPT },
    { "don't care that you", PH_ANY, K_DISMISS }, { "don't care what you", PH_ANY, K_DISMISS }, { "nothing nice to say", PH_ANY, K_CONTEMPT },
    { "bring everyone down", PH_ANY, K_CONTEMPT }, { "how do you manage to", PH_Q, K_ASK }, { "doesn't mean you get to", PH_ANY, K_CONTEMPT },
    { "but so is everyone", PH_ANY, K_SARC }, { "sorry you feel that way", PH_ANY, K_DISMISS }, { "see straight through", PH_YOU, K_CONTEMPT },
    { "save it for your", PH_ANY, K_DISMISS }, { "certain people", PH_ANY, K_SARC }, { "draw a map", PH_ANY, K_SARC },
    { "draw you a", PH_ANY, K_SARC }, { "you are bothering me", PH_ANY, K_DISMISS }, { "you're bothering me", PH_ANY, K_DISMISS },
    { "going forward", PH_YOU, K_ORDER }, { "everyone else managed", PH_ANY, K_SARC }, { "everyone else finished", PH_ANY, K_SARC },
    { "everyone else has", PH_END, K_SARC }, { "holding us", PH_YOU, K_CONTEMPT }, { "holding everyone up", PH_ANY, K_CONTEMPT },
    { "before you speak", PH_ANY, K_ORDER }, { "a habit of", PH_YOU, K_CONTEMPT }, { "just an observation", PH_END, K_SARC },
    { "not up for discussion", PH_ANY, K_DISMISS }, { "not up for debate", PH_ANY, K_DISMISS }, { "end of discussion", PH_ANY, K_DISMISS },
    { "end of story", PH_ANY, K_DISMISS }, { "you clearly need", PH_ANY, K_CONTEMPT }, { "drop everything", PH_ANY, K_SARC },
    { "as usual", PH_YOU, K_CONTEMPT }, { "as always", PH_YOU, K_CONTEMPT }, { "wasting my time", PH_ANY, K_CONTEMPT },
    { "again and again", PH_NOME, K_AGAIN }, { "rarely seen such", PH_ANY, K_CONTEMPT }, { "never seen such", PH_ANY, K_CONTEMPT },
    { "how impressive", PH_NOTQ, K_SARC }, { "you know who you are", PH_ANY, K_CONTEMPT }, { "dragging it down", PH_ANY, K_CONTEMPT },
    { "expected more from", PH_ANY, K_CONTEMPT }, { "mark the calendar", PH_ANY, K_SARC }, { "google exists", PH_ANY, K_SARC },
    { "google is free", PH_ANY, K_SARC }, { "not asked for your", PH_ANY, K_DISMISS }, { "nobody asked", PH_YOU, K_DISMISS },
    { "ask someone else", PH_START | PH_NOTQ, K_DISMISS }, { "find someone else", PH_START | PH_NOTQ, K_DISMISS },
    { "leave me out of it", PH_ANY, K_DISMISS }, { "no more excuses", PH_ANY, K_ORDER }, { "highly of themselves", PH_ANY, K_SARC },
    { "highly of yourself", PH_ANY, K_SARC }, { "that's not happening", PH_ANY, K_DISMISS }, { "not even close", PH_NOTME, K_DISMISS },
    { "giving you until", PH_ANY, K_THREAT }, { "taking this seriously", PH_YOU, K_ORDER }, { "unless you want to", PH_ANY, K_THREAT },
    { "i'm not doing it", PH_END, K_DISMISS }, { "wasted enough time", PH_ANY, K_CONTEMPT }, { "tempted to tell", PH_ANY, K_THREAT },
    { "nobody signed up", PH_ANY, K_CONTEMPT }, { "is that supposed to be", PH_Q, K_ASK }, { "was that supposed to be", PH_Q, K_ASK },
    { "kidding me", PH_ANY, K_ASK }, { "hardly call", PH_YOU, K_CONTEMPT }, { "while the rest of us", PH_ANY, K_SARC },
    { "shame you didn't", PH_NOTQ, K_SARC }, { "shame it doesn't", PH_NOTQ, K_SARC }, { "it just wasn't", PH_ANY, K_CONTEMPT },
    { "flagging your", PH_ANY, K_THREAT }, { "raising your conduct", PH_ANY, K_THREAT }, { "your behaviour", PH_ME | PH_NOTQ, K_THREAT },
    { "your conduct", PH_NOTQ, K_THREAT }, { "your lack of", PH_ANY, K_CONTEMPT },
    { "just wow", PH_ANY, K_SARC }, { "cool story", PH_ANY, K_SARC }, { "wasting another minute", PH_ANY, K_DISMISS },
    { "another minute on", PH_ANY, K_DISMISS }, { "at everyone's expense", PH_ANY, K_CONTEMPT }, { "winging it", PH_YOU, K_CONTEMPT },
    { "gee thanks", PH_ANY, K_SARC }, { "like a social club", PH_ANY, K_CONTEMPT }, { "like a joke", PH_YOU, K_CONTEMPT },
    { "no one else has", PH_NOTQ, K_CONTEMPT }, { "nobody else has", PH_NOTQ, K_CONTEMPT }, { "waste the tutor's time", PH_ANY, K_ORDER },
    { "waste everyone's time", PH_ANY, K_ORDER }, { "wasted by you", PH_ANY, K_CONTEMPT }, { "about as", PH_YOU, K_CONTEMPT },
    { "congrats i guess", PH_ANY, K_SARC }, { "well done i guess", PH_ANY, K_SARC }, { "thanks i guess", PH_ANY, K_SARC },
    { "paired with you again", PH_ANY, K_CONTEMPT }, { "too much hassle", PH_ANY, K_DISMISS }, { "bit much isn't it", PH_ANY, K_ASK },
    { "skin of your teeth", PH_ANY, K_CONTEMPT }, { "too kind to you", PH_ANY, K_CONTEMPT }, { "and this time", PH_NOTQ | PH_NOME, K_ORDER },
    { "in my day", PH_ANY, K_CONTEMPT }, { "it literally says", PH_ANY, K_SARC }, { "good grief", PH_START, K_DISMISS },
    { "how many times do you need", PH_Q, K_AGAIN }, { "i'll just sit here", PH_ANY, K_SARC }, { "at least have", PH_YOU, K_ORDER },
    { "something usable", PH_ANY, K_CONTEMPT }, { "actually do something", PH_ANY, K_CONTEMPT }, { "expected nothing", PH_ANY, K_CONTEMPT },
    { "something worth reading", PH_ANY, K_CONTEMPT }, { "doesn't work on me", PH_ANY, K_DISMISS }, { "do it myself then", PH_ANY, K_SARC },
    { "you only show", PH_ANY, K_CONTEMPT }, { "you only joined", PH_ANY, K_CONTEMPT }, { "you only have problems", PH_ANY, K_CONTEMPT },
    { "you only care", PH_ANY, K_CONTEMPT }, { "you only reply", PH_ANY, K_CONTEMPT }, { "you only ever", PH_ANY, K_CONTEMPT },
    { "remind me again why", PH_ANY, K_ASK }, { "what is it this time", PH_ANY, K_ASK }, { "get through to you", PH_ANY, K_ASK },
    { "enjoy making", PH_YOU, K_ASK }, { "try to keep up", PH_ANY, K_ORDER }, { "exactly who", PH_ME, K_THREAT },
    { "can be bothered", PH_YOU, K_SARC }, { "could be bothered", PH_YOU, K_SARC }, { "not cut out", PH_ANY, K_CONTEMPT },
    { "read like a", PH_YOU, K_CONTEMPT }, { "reads like a", PH_YOU, K_CONTEMPT }, { "join the rest of us", PH_ANY, K_SARC },
    { "life i won't get back", PH_ANY, K_SARC }, { "chose not to answer", PH_ANY, K_DISMISS }, { "chose not to reply", PH_ANY, K_DISMISS },
    { "chose to ignore", PH_ANY, K_DISMISS }, { "pretend i didn't", PH_ANY, K_DISMISS }, { "rather work with", PH_NOTQ, K_CONTEMPT },
    { "literally anyone else", PH_ANY, K_CONTEMPT }, { "some of us have real", PH_ANY, K_SARC }, { "some of us have actual", PH_ANY, K_SARC },
    { "some of us have jobs", PH_ANY, K_SARC }, { "some of us have lives", PH_ANY, K_SARC }, { "lowered my expectations", PH_ANY, K_CONTEMPT },
    { "so we're just", PH_START, K_SARC }, { "picking up the slack", PH_ANY, K_CONTEMPT }, { "always me", PH_ANY, K_CONTEMPT },
    { "only took", PH_START, K_SARC }, { "that's what worries me", PH_ANY, K_SARC }, { "what's confusing about", PH_ANY, K_ASK },
    { "got a clue", PH_YOU, K_CONTEMPT }, { "would've taken you", PH_ANY, K_CONTEMPT }, { "would have taken you", PH_ANY, K_CONTEMPT },
    { "is that bad", PH_YOU, K_CONTEMPT }, { "we both know", PH_ANY, K_CONTEMPT }, { "dropped the ball", PH_NOTME, K_CONTEMPT },
    { "still alive", PH_YOU, K_SARC }, { "and you know it", PH_END, K_CONTEMPT }, { "what's so difficult", PH_ANY, K_ASK },
    { "what's so hard", PH_ANY, K_ASK }, { "thanks for the lecture", PH_ANY, K_SARC }, { "thanks for the sermon", PH_ANY, K_SARC },
    { "busy schedule of", PH_ANY, K_SARC }, { "more meaningful conversations", PH_ANY, K_CONTEMPT }, { "stating the obvious", PH_ANY, K_SARC },
    { "as seriously as", PH_YOU, K_CONTEMPT }, { "is beyond you", PH_ANY, K_CONTEMPT }, { "thicker skin", PH_YOU, K_CONTEMPT },
    { "waiting on you", PH_NOTQ, K_AGAIN }, { "any clearer", PH_ANY, K_AGAIN }, { "don't waste my", PH_ANY, K_ORDER },
    { "as you think you are", PH_ANY, K_CONTEMPT }, { "babysitting", PH_YOU, K_CONTEMPT }, { "babysit you", PH_ANY, K_CONTEMPT },
    { "how about you try", PH_ANY, K_ORDER }, { "another excuse", PH_ANY, K_SARC }, { "blame someone else", PH_ANY, K_CONTEMPT },
    { "just do everything", PH_ANY, K_SARC }, { "ever sat through", PH_NOTQ, K_CONTEMPT }, { "enough damage", PH_ANY, K_CONTEMPT },
    { "the crayons", PH_ANY, K_CONTEMPT }, { "your life story", PH_ANY, K_CONTEMPT }, { "when it suits you", PH_ANY, K_CONTEMPT },
    { "more than patient", PH_ANY, K_THREAT }, { "though i doubt it", PH_ANY, K_SARC }, { "not here to be your", PH_ANY, K_DISMISS },
    { "not here to make you", PH_ANY, K_DISMISS }, { "act like a professional", PH_ANY, K_CONTEMPT }, { "being right all the time", PH_ANY, K_SARC },
    { "after that i'm", PH_ANY, K_THREAT }, { "it shows when you", PH_ANY, K_CONTEMPT }, { "thought you'd given up", PH_ANY, K_SARC },
    { "talking to myself", PH_Q, K_SARC }, { "if you cared", PH_ANY, K_CONTEMPT }, { "look who", PH_START, K_SARC },
    { "decided to show up", PH_ANY, K_SARC }, { "another message from you", PH_ANY, K_SARC }, { "see if i help", PH_ANY, K_THREAT },
    { "ignore me", PH_START | PH_NOTQ, K_SARC }, { "interesting that you", PH_START, K_SARC }, { "just once", PH_YOU, K_SARC },
    { "your own issues", PH_ANY, K_CONTEMPT }, { "for goodness", PH_ANY, K_DISMISS }, { "how long can it take", PH_Q, K_ASK },
    { "expect a proper apology", PH_ANY, K_ORDER }, { "i expect an apology", PH_ANY, K_ORDER }, { "end of", PH_END, K_DISMISS },
    { "act like it", PH_END, K_ORDER }, { "nobody wants to hear", PH_ANY, K_DISMISS }, { "something useful to add", PH_ANY, K_DISMISS },
    { "stopped expecting", PH_ANY, K_CONTEMPT }, { "you're hard work", PH_ANY, K_CONTEMPT }, { "wasted enough", PH_ANY, K_CONTEMPT },
    { "what a surprise", PH_YOU, K_SARC }, { "your rant", PH_ANY, K_CONTEMPT }, { "hard to tell with you", PH_ANY, K_SARC },
    { "if you'd stop", PH_ANY, K_ORDER }, { "if you could stop", PH_ANY, K_ORDER }, { "every single week", PH_Q, K_AGAIN },
    { "your mistakes", PH_ANY, K_CONTEMPT }, { "doing your thinking", PH_ANY, K_CONTEMPT }, { "nobody is impressed", PH_ANY, K_DISMISS },
    { "one day you'll", PH_ANY, K_CONTEMPT }, { "needs some serious work", PH_ANY, K_CONTEMPT }, { "needs serious work", PH_ANY, K_CONTEMPT },
    { "do me the courtesy", PH_ANY, K_ORDER }, { "i pity", PH_ANY, K_CONTEMPT }, { "pity whoever", PH_ANY, K_CONTEMPT },
    { "take this seriously", PH_YOU, K_ORDER }, { "there's no excuse", PH_ANY, K_CONTEMPT }, { "you've had weeks", PH_ANY, K_CONTEMPT },
    { "wasting everyone's time", PH_ANY, K_CONTEMPT }, { "what you thought you were doing", PH_ANY, K_ASK },
    { "it certainly wasn't", PH_ANY, K_CONTEMPT }, { "done dealing with", PH_ANY, K_DISMISS }, { "are you just", PH_Q, K_ASK },
    /* dismissal */
    { "hope it was worth it", PH_ANY, K_SARC }, { "not going to bother", PH_YOU, K_DISMISS }, { "not gonna bother", PH_YOU, K_DISMISS },
    { "don't care if you're", PH_ANY, K_DISMISS }, { "we're all tired", PH_ANY, K_DISMISS },
};
#define N_PHRASES (sizeof PHRASES / sizeof PHRASES[0])
#define PH_WORDS 6

/* The phrases split into words once, with the first word's key so that a sentence is scanned by
 * its words' hashes (most sentences hold none of the first words). */
typedef struct {
    const char *w[PH_WORDS];
    size_t nw;
    uint64_t key0;
    uint16_t len0;
} cue_split;
static char ph_buf[N_PHRASES * 48];
static cue_split ph_split[N_PHRASES];
static uint16_t ph_head[64];
static uint16_t ph_next[N_PHRASES];
static uint64_t ph_mask;
static pthread_once_t ph_once = PTHREAD_ONCE_INIT;
_Static_assert(N_PHRASES < 0xffff, "ph_head/ph_next hold a phrase index below 0xffff");

static void ph_build(void)
{
    size_t at = 0;
    memset(ph_head, 0xff, sizeof ph_head);
    for (size_t p = N_PHRASES; p-- > 0;) {
        cue_split *s = &ph_split[p];
        const char *src = PHRASES[p].words;
        size_t len = strlen(src);
        if (at + len + 1 > sizeof ph_buf) continue; /* never: the buffer allows 47 bytes a phrase */
        char *dst = ph_buf + at;
        memcpy(dst, src, len + 1);
        at += len + 1;
        s->nw = 0;
        for (char *q = dst; *q && s->nw < PH_WORDS;) {
            s->w[s->nw++] = q;
            while (*q && *q != ' ') q++;
            if (*q) *q++ = '\0';
        }
        s->len0 = (uint16_t)strlen(s->w[0]);
        s->key0 = word_key(s->w[0], s->len0);
        unsigned h = key_hash(s->key0);
        ph_next[p] = ph_head[h];
        ph_head[h] = (uint16_t)p;
        ph_mask |= UINT64_C(1) << h;
    }
}

static bool starts_at(const rsent *r, size_t k, const cue_split *s)
{
    if (k + s->nw > r->n) return false;
    for (size_t i = 1; i < s->nw; i++)
        if (!is_word_z(r->c, r->w[k + i], s->w[i])) return false;
    return true;
}

/* Openers skipped to find where a sentence really starts: "Oh, so now you reply." */
static size_t opening(const rsent *r)
{
    static const char *const lead[] = { "so", "and", "oh", "honestly", "seriously", "well", "ok", "okay", "right",
                                        "yeah", "wow", "hey", "look", "um", "erm", "hmm", "pfft", "ugh", "bro", "mate",
                                        "dude", "hun", "babe", "hon", "jesus", "god", "christ", "gosh", "jeez", NULL };
    size_t v = 0;
    while (v + 1 < r->n && rw_any(r, v, lead)) v++;
    return v;
}

/* Sympathy or good wishes: "sorry you had such a painful week", "hope your knee is less painful". */
/* Word k opens a new clause (after a comma, colon or quote): "Sorry, were you…". */
static bool c_clause_break(const rsent *r, size_t k) { return k < r->n && (r->c->t[r->w[k]].f & TF_CLAUSE); }

static bool sympathetic(const rsent *r)
{
    static const char *const kind[] = { "sorry", "hope", "hoping", "poor", "bless", "sympathy", "hugs", "glad", "proud",
                                        "congrats", "congratulations", "thank", "thanks", "love", "miss", "missed", NULL };
    static const char *const easy[] = { "worries", "rush", "stress", "pressure", "hurry", "probs", NULL };
    for (size_t j = rw_find(r, 0, "no"); j != NONE; j = rw_find(r, j + 1, "no"))
        if (rw_any(r, j + 1, easy)) return true; /* "no worries", "no rush": reassurance */
    /* "Hope it was worth it.", "I hope you're proud of yourself." */
    if (rw(r, r->n - 1, "it") && rw(r, r->n - 2, "worth")) return false;
    if (rw(r, r->n - 1, "yourself") && rw_find(r, 0, "proud") != NONE) return false;
    /* "Sorry you had a rough week", "sorry to hear…"; but "Sorry, were you planning on…", "I'm sorry, am I
     * interrupting…" and "Sorry not sorry" keep their bite — and a later word of sympathy still counts
     * ("Sorry, hope your knee is less painful") */
    static const char *const sorry_for[] = { "you", "to", "about", "for", "that", "if", "i", "i'm", "we", "it", NULL };
    for (size_t k = rw_find_any(r, 0, kind); k != NONE; k = rw_find_any(r, k + 1, kind)) {
        if (rw(r, k, "sorry")) { /* "I'm sorry you feel that way" is no apology */
            if (rw_any(r, k + 1, sorry_for) && !c_clause_break(r, k + 1) &&
                !(rw(r, k + 1, "you") && rw(r, k + 2, "feel") && rw(r, k + 3, "that")))
                return true;
            continue;
        }
        if (rw(r, k, "bless") || rw(r, k, "congratulations") || rw(r, k, "congrats") || rw(r, k, "thanks") ||
            rw(r, k, "thank") || rw(r, k, "missed"))
            continue; /* sarcasm is checked on its own; these are not sympathy by themselves */
        if (rw(r, k, "miss") && !rw(r, k + 1, "you") && !rw(r, k + 1, "u") && !rw(r, k + 1, "having"))
            continue; /* "Miss the deadline again and…" is an order, not "miss you" */
        return true;
    }
    return false;
}

/* The writer is the one judged: "I was so embarrassed", "my attitude to mornings is awful". */
static bool about_writer(const rsent *r, size_t k)
{
    static const char *const me[] = { "i", "i'm", "im", "my", "me", "myself", "i've", "we", "our", "i'd", NULL };
    size_t m = rw_find_any(r, 0, me);
    if (m == NONE || m > k) return false;
    for (size_t j = k > 3 ? k - 3 : 0; j < k; j++)
        if (rw_any(r, j, CU_YOU)) return false; /* "I won't go through your messy notes" */
    size_t y = rw_find_any(r, 0, CU_YOU);
    return y == NONE || y > m;
}

static bool negated_near(const rsent *r, size_t k);
static bool praise_outside(const rsent *r, size_t a, size_t b);
/* Unnegated praise or appreciation in the sentence. */
static bool praised_any(const rsent *r) { return praise_outside(r, NONE, NONE); }

/* Praise in the sentence outside words [a, b). Not praise here: "better"/"best" (they compare),
 * "good luck", "good grief", "good to know", "kind regards", "kindly", "genuinely", "so we're clear",
 * "friendly/gentle reminder". */
static bool praise_outside(const rsent *r, size_t a, size_t b)
{
    for (size_t k = 0; k < r->n; k++) {
        if (k >= a && k < b) continue;
        if (!rw_cls(r, k, SL_PR | SL_AP) || negated_near(r, k)) continue;
        if (rw(r, k, "better") || rw(r, k, "best") || rw(r, k, "kindly") || rw(r, k, "genuinely") || rw(r, k, "clear"))
            continue;
        if (rw(r, k, "good") && (rw(r, k + 1, "luck") || rw(r, k + 1, "grief") || (rw(r, k + 1, "to") && rw(r, k + 2, "know"))))
            continue;
        if (rw(r, k, "kind") && rw(r, k + 1, "regards")) continue;
        if ((rw(r, k, "friendly") || rw(r, k, "gentle")) && rw(r, k + 1, "reminder")) continue;
        return true;
    }
    return false;
}

static bool negated_near(const rsent *r, size_t k)
{
    for (size_t j = k > 3 ? k - 3 : 0; j < k; j++)
        if ((rw_cls(r, j, SL_NG) || (r->c->t[r->w[j]].f & TF_NT)) && !rw(r, j, "less")) return true;
    return false;
}

/* Token i is a word of the writer's own (not quoted, not folded into a phrase, not an emoji). */
static bool live_word(const ctx *c, size_t i) { return !(c->t[i].f & (TF_GONE | TF_QUOTE | TF_SYM)); }

/* The whole message is a cold one-word reply: "Fine.", "Whatever.", "K.", "If you say so." */
static bool cold_reply(const ctx *c, const rsent *r)
{
    static const char *const cold[] = { "fine", "k", "kk", "noted", "whatever", "right", "figures", "obviously", "nope",
                                        "no", NULL };
    if (c->ns != 1) return false;
    if (r->q) return r->n == 1 && (rw(r, 0, "and") || rw(r, 0, "so")); /* "And?" */
    if (r->n == 1) return rw_any(r, 0, cold);
    if (r->n == 2 && ((rw(r, 0, "yeah") && rw(r, 1, "no")) || (rw(r, 0, "sure") && rw(r, 1, "jan")))) return true;
    if (r->n == 2) return rw_any(r, 0, cold) && rw(r, 1, "then");
    return r->n == 4 && rw(r, 0, "if") && rw(r, 1, "you") && (rw(r, 2, "say") || rw(r, 2, "insist")) && rw(r, 3, "so");
}

static const char *const USE_OF[] = {
    [K_CONTEMPT] = U_FRUST,
    [K_THREAT] = "I'm concerned about this, and I'd like us to sort it out before it goes further.",
    [K_AGAIN] = "I've mentioned this before — could you take a look when you can, please?",
    [K_SARC] = "I'm disappointed about this, and I'd like us to talk about it.",
    [K_ASK] = "Can you tell me what happened?",
    [K_ORDER] = "Could you help me with this, please?",
    [K_DISMISS] = "I'm frustrated, and I'd like us to talk about what happened.",
};
static const char *const WHY_OF[] = {
    [K_CONTEMPT] = W_CONTEMPT, [K_THREAT] = W_THREAT, [K_AGAIN] = W_ACCUSE, [K_SARC] = W_SARC,
    [K_ASK] = W_ACCUSE, [K_ORDER] = W_ORDER, [K_DISMISS] = W_DISMISS,
};
static const int RULE_OF[] = {
    [K_CONTEMPT] = R_VERDICT, [K_THREAT] = R_COMMAND, [K_AGAIN] = R_WHY, [K_SARC] = R_DISMISS,
    [K_ASK] = R_WHY, [K_ORDER] = R_COMMAND, [K_DISMISS] = R_DISMISS,
};

/* Flag words [a, b] of r with the kind's calm wording in place of the sentence. */
static void cue_flag(ctx *c, const rsent *r, size_t a, size_t b, int kind)
{
    if (b >= r->n) b = r->n - 1;
    soften_rude_flag(c, RULE_OF[kind], r->w[a], r->w[b], USE_OF[kind], WHY_OF[kind]);
}

/* An order pressed by its last words ("this time", "already", "for once"): offered back as a request
 * in the writer's words without the pressure — "Kindly read the brief this time." -> "Could you read
 * the brief, please?" — or, when no plain verb opens it, with the calm wording. */
static void cue_ask(ctx *c, const rsent *r, size_t a, size_t b, size_t drop)
{
    if (b >= r->n) b = r->n - 1;
    /* An order that opens the sentence keeps its words as a request: "Kindly stop messaging me at
     * 11pm." -> "Could you stop messaging me at 11pm, please?" */
    static const char *const soft_lead[] = { "kindly", "just", "please", "so", "oh", "now", NULL },
                             *const not_verb[] = { "don't", "dont", "next", "try", "just", NULL };
    size_t o = 0;
    while (o + 1 < r->n && rw_any(r, o, soft_lead)) o++;
    if (!r->q && o + 1 < r->n && (rw_any(r, o, orders) || rw_cls(r, o, SL_DEM | SL_DEMW)) && !rw_any(r, o, not_verb) &&
        drop > o + 1) {
        size_t last = drop - 1;
        while (last > o && (rw(r, last, "thanks") || rw(r, last, "please") || rw(r, last, "actually"))) last--;
        soften_rude_ask(c, r->w[o], r->w[last], r->w[a], r->w[b]);
        return;
    }
    cue_flag(c, r, a, b, K_ORDER);
}

/* Where the words that press an order start ("this time", "at least", "for once", "already",
 * "immediately", "like last time", "for a change" closing the sentence), or r->n if none do. */
static size_t pressure_tail(const rsent *r)
{
    const size_t n = r->n;
    if (n >= 2 && ((rw(r, n - 2, "this") && rw(r, n - 1, "time")) || (rw(r, n - 2, "at") && rw(r, n - 1, "least")) ||
                   (rw(r, n - 2, "for") && rw(r, n - 1, "once"))))
        return n - 2;
    if (n >= 1 && (rw(r, n - 1, "already") || rw(r, n - 1, "immediately"))) return n - 1;
    if (n >= 3 && ((rw(r, n - 2, "last") && rw(r, n - 1, "time") && rw(r, n - 3, "like")) ||
                   (rw(r, n - 2, "a") && rw(r, n - 1, "change") && rw(r, n - 3, "for"))))
        return n - 3;
    return n;
}

static bool phrase_cues(ctx *c, const rsent *r, bool you, bool me, size_t v, bool praised)
{
    if (!(r->seen & ph_mask)) return false;
    for (size_t k = 0; k < r->n; k++) {
        if (!((ph_mask >> r->kh[k]) & 1)) continue;
        for (unsigned p = ph_head[r->kh[k]]; p != 0xffff; p = ph_next[p]) {
            const cue_split *s = &ph_split[p];
            if (r->key[k] != s->key0 || r->c->t[r->w[k]].nlow != s->len0) continue;
            if (s->len0 > 8 && !is_word_z(r->c, r->w[k], s->w[0])) continue;
            if (!starts_at(r, k, s)) continue;
            unsigned when = PHRASES[p].when;
            if ((when & PH_YOU) && !you) continue;
            if ((when & PH_Q) && !r->q) continue;
            if ((when & PH_NOTQ) && r->q) continue;
            if ((when & PH_START) && k > v) continue;
            if ((when & PH_ME) && !me) continue;
            if ((when & PH_SHORT) && !you && r->n > 4) continue;
            if ((when & PH_NOTME) && about_writer(r, k)) continue;
            if ((when & PH_END) && k + s->nw != r->n) continue;
            if ((when & PH_NOME) && rw_find_any(r, 0, CU_ME) != NONE) continue;
            if ((when & PH_IF) && !you && rw_find_any(r, 0, CU_IF) == NONE) continue;
            /* "I'm telling you, that café is amazing." — praise outside the phrase; a sarcastic or threatening
             * phrase bites whatever else the sentence says ("I've been more than patient") */
            if (praised && (PHRASES[p].kind == K_CONTEMPT || PHRASES[p].kind == K_ORDER) && praise_outside(r, k, k + s->nw))
                continue;
            if (k == 0 && rw(r, 0, "kindly") && !r->q) /* "Kindly stop messaging me at 11pm." -> "Could you stop …, please?" */
                cue_ask(c, r, k, k + s->nw - 1, pressure_tail(r));
            else
                cue_flag(c, r, k, k + s->nw - 1, PHRASES[p].kind);
            return true;
        }
    }
    return false;
}

/* The message rolls its eyes: 🙄 or 😒 anywhere in it. */
static bool eye_roll(const ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->t[i].f & TF_SYM)) continue;
        const char *p = c->low + c->t[i].low;
        if (c->t[i].nlow == 4 && (memcmp(p, "\xF0\x9F\x99\x84", 4) == 0 || memcmp(p, "\xF0\x9F\x98\x92", 4) == 0))
            return true;
    }
    return false;
}

/* Scare quotes around one or two words after "your", "for", "another", "got": 'Thanks for "helping"',
 * 'your "reflection"' — the writer doubts the word. Not when the message talks about words or titles
 * ("the module called "Reflective Practice"", "what does "transference" mean?"). Returns the token
 * before the quote, or NONE. */
static size_t scare_quote(const ctx *c, size_t s)
{
    static const char *const before[] = { "your", "for", "another", "got", "his", "her", "their", "so-called", "been",
                                           NULL },
                             *const meta[] = { "called", "titled", "named", "word", "words", "term", "means", "mean",
                                               "phrase", "say", "says", "said", "wrote", "quote", "book", "article",
                                               "film", "module", "app", "song", "podcast", "chapter", "saying", NULL };
    for (size_t i = 0; i < c->n; i++)
        if (!(c->t[i].f & (TF_QUOTE | TF_SYM)) && is_any(c, i, meta)) return NONE;
    for (size_t i = c->s_first[s] + 1; i < c->n && c->t[i].sent == s; i++) {
        const token *t = &c->t[i];
        char open = c->text[t->start > 0 ? t->start - 1 : 0];
        bool quoted = (t->f & TF_QUOTE) || open == '\'';
        if (!quoted || (c->t[i - 1].f & TF_QUOTE) || !is_any(c, i - 1, before) || t->start == 0) continue;
        size_t run = 1;
        while (i + run < c->n && (c->t[i + run].f & TF_QUOTE) && c->t[i + run].sent == s) run++;
        size_t e = c->t[i + run - 1].end;
        char close = e < c->len ? c->text[e] : '\0';
        if ((t->f & TF_QUOTE) ? run <= 2 : (run == 1 && close == '\'')) return i - 1;
    }
    return NONE;
}

/* The message laughs or sends love ("haha", "jk", "x", "miss you"): a jab in it is teasing. */
bool soften_affectionate(const ctx *c)
{
    static const char *const warm[] = { "haha", "hahaha", "hehe", "jk", "x", "xx", "xxx", NULL };
    for (size_t i = 0; i < c->n; i++) {
        if (c->t[i].f & (TF_QUOTE | TF_SYM)) continue;
        bool kiss = c->t[i].nlow <= 3 && c->low[c->t[i].low] == 'x'; /* "x" only closing a sentence: "Type x in the box" */
        bool last = i + 1 >= c->n || c->t[i + 1].sent != c->t[i].sent;
        if (is_any(c, i, warm) && (!kiss || last)) return true;
        if ((is_word(c, i, "miss") || is_word(c, i, "love")) && i + 1 < c->n && is_word(c, i + 1, "you")) return true;
    }
    return false;
}

/* Another sentence of the message presses a lapse: a lapse with "you" or "again"/"another" ("Camera
 * off again?", "You put the wrong date in the log.", "Another late submission."). */
static bool other_lapse(const ctx *c, size_t s)
{
    for (size_t t = 0; t < c->ns; t++) {
        if (t == s) continue;
        bool you = false, lapse = false, again = false;
        for (size_t i = c->s_first[t]; i < c->n && c->t[i].sent == t; i++) {
            if (c->t[i].f & (TF_QUOTE | TF_SYM)) continue;
            again |= is_word(c, i, "again") || is_word(c, i, "another"); /* "Late again." — not "We won again." */
            you |= is_any(c, i, CU_YOU);
            lapse |= is_any(c, i, CU_LAPSE) || (c->t[i].cls & SL_NE) || is_word(c, i, "wrong");
        }
        if ((you || again) && lapse) return true;
    }
    return false;
}

/* "Shocking.", "Very convenient.", "Thanks a lot." — a short verdict of mock praise after a lapse. */
static bool mock_fragment(const ctx *c, const rsent *r)
{
    static const char *const mock[] = { "shocking", "incredible", "fascinating", "convenient", "unbelievable",
                                        "wonderful", "marvellous", "fantastic", "brilliant", "great", "lovely",
                                        "perfect", "impressive", "classic", "typical", "charming", "amazing",
                                        "priceless", "outstanding", "superb", "stellar", NULL },
                             *const ints[] = { "very", "how", "so", "just", "really", "totally", "truly", "absolutely",
                                               "oh", NULL };
    const size_t n = r->n;
    if (n > 3 || r->q || c->ns < 2) return false;
    bool thanks = (n == 3 && rw(r, 0, "thanks") && rw(r, 1, "a") && rw(r, 2, "lot")) ||
                  (n == 3 && (rw(r, 0, "thanks") || rw(r, 0, "cheers")) && rw(r, 1, "for") && rw(r, 2, "that"));
    size_t k = 0;
    while (k + 1 < n && rw_any(r, k, ints)) k++;
    bool word = rw_any(r, k, mock) && (k + 1 == n || (k + 2 == n && (rw(r, k + 1, "timing") || rw_any(r, k + 1, ints))));
    bool usual = n == 2 && (rw(r, 0, "as") || rw(r, 0, "like")) && (rw(r, 1, "usual") || rw(r, 1, "always"));
    return (thanks || word || usual) && other_lapse(c, r->s);
}

/* Laughing, affectionate or celebrating emoji. In the labelled follow-ups none of 1,435 rude messages
 * carries one and 87 of 1,996 ordinary ones do: they mark teasing and joy ("you absolute muppet 😂",
 * "Don't you dare cancel again 😜", "WE PASSED!!! 🎉"). Not 🙂, which is often the cold smile of a
 * passive-aggressive note, nor 🙄/😒, nor 👏 🙏 ✨ 💪, which mock as often as they cheer ("Great job
 * ruining it 👏👏"). */
bool soften_playful(const ctx *c)
{
    static const char *const glad[] = { "😂", "🤣", "😅", "😆", "😄", "😁", "😊", "😜", "😉", "😘", "🥰", "😍", "❤",
                                        "💕", "🎉", "🙌", "🙈", "🤗", "🥳", "😀", "😃", "🤞",
                                        "😝", "😛", "💖", "💜", "💙", "💚", "🧡", "🥲", "☺", NULL };
    for (size_t i = 0; i < c->n; i++) {
        if (!(c->t[i].f & TF_SYM)) continue;
        const char *p = c->low + c->t[i].low;
        for (const char *const *g = glad; *g; g++) {
            size_t k = strlen(*g);
            if (c->t[i].nlow >= k && memcmp(p, *g, k) == 0) return true;
        }
    }
    return false;
}

/* The forms of this file for sentence r, tried after the others; true when one flagged it. */
bool soften_rude_cues(ctx *c, const rsent *r)
{
    const size_t n = r->n;
    if (!n) return false;
    if ((r->bang || cheerful(c, r->s)) && eye_roll(c)) {
        /* the eye-roll turns thanks or a remark at "you" into sarcasm: "Thanks for the notice. 🙄" */
        bool at = rw_find_any(r, 0, CU_YOU) != NONE;
        for (size_t k = 0; k < n && !at; k++) at = rw_cls(r, k, SL_PR | SL_GR | SL_AP);
        if (at && !sympathetic(r)) {
            cue_flag(c, r, 0, n - 1, K_SARC);
            return true;
        }
    }
    if (r->bang || cheerful(c, r->s) || sympathetic(r) || soften_affectionate(c)) return false;
    pthread_once(&ph_once, ph_build);
    static const char *const me_words[] = { "i", "i'm", "im", "i'll", "ill", "i've", "we'll", NULL };
    const size_t y = rw_find_any(r, 0, CU_YOU);
    const bool you = y != NONE;
    const bool me = rw_find_any(r, 0, me_words) != NONE;
    const size_t v = opening(r);
    size_t sq = praised_any(r) ? NONE : scare_quote(c, r->s);
    if (sq != NONE) {
        soften_rude_flag(c, R_DISMISS, sq, sq + 1, USE_OF[K_SARC], WHY_OF[K_SARC]);
        return true;
    }
    if (mock_fragment(c, r)) {
        cue_flag(c, r, 0, n - 1, K_SARC);
        return true;
    }
    if (cold_reply(c, r)) {
        cue_flag(c, r, 0, n - 1, K_DISMISS);
        return true;
    }
    const bool praised = praised_any(r); /* "Your attitude really inspired me." */
    if (phrase_cues(c, r, you, me, v, praised)) return true;
    /* "Thanks to you we lost the room." (not "Thanks to you I passed.") */
    static const char *const bad[] = { "lost", "missed", "late", "behind", "failed", "wasted", "ruined", "stuck",
                                       "cancelled", "canceled", "mess", "trouble", NULL },
                             *const swear[] = { "ffs", "wtf", "fs", "jfc", "omfg", NULL };
    size_t th = rw_find(r, 0, "thanks");
    size_t tb = th != NONE ? rw_find_any(r, th + 3, bad) : NONE;
    if (th != NONE && rw(r, th + 1, "to") && rw(r, th + 2, "you") && tb != NONE && !negated_near(r, tb)) {
        cue_flag(c, r, th, th + 2, K_CONTEMPT);
        return true;
    }
    /* "ffs just answer me" — an oath at the reader or behind an order (not "ffs the train is late") */
    size_t sw = rw_find_any(r, 0, swear);
    if (sw != NONE && (you || rw_cls(r, sw + 1, SL_DEM | SL_DEMW | SL_CM) || rw(r, sw + 1, "just"))) {
        cue_flag(c, r, sw, sw, K_ORDER);
        return true;
    }

    /* "You can't take criticism, can you?", "You think you're so clever, don't you?" */
    static const char *const tag_aux[] = { "can", "do", "are", "did", "don't", "aren't", "didn't", "won't", "will",
                                           "have", "haven't", "would", "can't", "is", "isn't", NULL },
                             *const tag_bite[] = { "so", "never", "always", "clever", NULL };
    if (r->q && n >= 5 && rw_any(r, v, CU_YOU) && rw(r, n - 1, "you") && rw_any(r, n - 2, tag_aux) &&
        rw_find(r, 0, "mind") == NONE && rw_find_any(r, v + 1, tag_bite) < n - 2) {
        cue_flag(c, r, v, n - 1, K_ASK);
        return true;
    }
    /* "I've asked you four times.", "I've told you twice." */
    static const char *const told[] = { "told", "asked", "said", "reminded", "explained", "mentioned", "sent", "emailed",
                                        "messaged", "chased", "texted", "repeated", "tell", "ask", "remind", NULL },
                             *const count[] = { "two", "three", "four", "five", "six", "several", "many", "multiple",
                                                "ten", "100", "2", "3", "4", "5", "hundred", "million", NULL };
    size_t tw = rw_find_any(r, 0, told);
    if (tw != NONE && me && you && !r->polite && !praised) { /* not "I've texted Mum three times" */
        size_t tm = rw_find(r, 0, "times");
        size_t tc = rw_find(r, 0, "twice");
        if (tc == NONE && tm != NONE && tm > 0 && rw_any(r, tm - 1, count)) tc = tm;
        if (tc != NONE) {
            cue_flag(c, r, tw < tc ? tw : tc, tw < tc ? tc : tw, K_AGAIN);
            return true;
        }
    }
    /* "Is your keyboard broken or do you just not reply?" — an alternative that is a jab */
    size_t orw = r->q && you ? rw_find(r, 1, "or") : NONE;
    if (orw != NONE && rw_find_any(r, orw + 1, CU_LAPSE) != NONE && rw_find(r, orw + 1, "just") != NONE) {
        cue_flag(c, r, orw, n - 1, K_ASK);
        return true;
    }
    /* "Way to go, genius.", "Nice one, Sherlock." — mockery as a form of address */
    static const char *const mock[] = { "genius", "einstein", "sherlock", "sweetheart", "sweetie", "princess",
                                        "darling", "hotshot", NULL };
    if (n >= 2 && rw_any(r, n - 1, mock) && (c->t[r->w[n - 1]].f & TF_CLAUSE) && !r->q) {
        cue_flag(c, r, 0, n - 1, K_SARC);
        return true;
    }
    /* "Send the form. Today." — a deadline snapped after an order */
    static const char *const snap[] = { "now", "today", "tonight", "immediately", "asap", NULL };
    if (n == 1 && rw_any(r, 0, snap) && r->s > 0) {
        size_t f0 = c->s_first[r->s - 1];
        while (f0 < c->n && c->t[f0].sent == r->s - 1 && !live_word(c, f0)) f0++;
        if (f0 < c->n && c->t[f0].sent == r->s - 1 && ((c->t[f0].cls & (SL_DEM | SL_DEMW | SL_CM)) || is_any(c, f0, orders))) {
            /* the order stays, the snapped deadline goes: "Book the room. Today." -> "Book the room." */
            soften_rude_cut(c, R_COMMAND, r->w[0], r->w[0], r->w[0], r->w[0], USE_OF[K_ORDER], W_ORDER);
            return true;
        }
    }
    /* "This is on you.", "That's on you." — blame laid at the reader's door */
    static const char *const is_on[] = { "is", "that's", "thats", "it's", "its", "one's", NULL };
    if (n >= 3 && !r->q && rw(r, n - 1, "you") && rw(r, n - 2, "on") && rw_any(r, n - 3, is_on)) {
        cue_flag(c, r, n - 3, n - 1, K_CONTEMPT);
        return true;
    }
    /* "You'd know the answer if you'd paid attention.", "…which you'd know if you ever opened it." */
    static const char *const youd[] = { "you'd", "youd", NULL }, *const if_you[] = { "you'd", "you", "youd", NULL };
    size_t yk = rw_find_any(r, 0, youd), yi;
    if (yk != NONE && rw(r, yk + 1, "know") && (yi = rw_find(r, yk + 2, "if")) != NONE && rw_any(r, yi + 1, if_you)) {
        cue_flag(c, r, yk, yi + 1, K_CONTEMPT);
        return true;
    }
    /* "Obviously that's not going to work." (not "Obviously I can't make Friday.") */
    static const char *const plain[] = { "obviously", "clearly", NULL }, *const mine[] = { "i", "i'm", "we", "my", NULL };
    if (rw_any(r, v, plain) && !rw_any(r, v + 1, mine) && !r->q && you && rw_find(r, 0, "fault") == NONE) {
        for (size_t k = v + 1; k < n; k++)
            if (rw_cls(r, k, SL_NG) || (c->t[r->w[k]].f & TF_NT)) {
                cue_flag(c, r, v, k, K_CONTEMPT);
                return true;
            }
    }
    /* "Next time just don't bother coming." */
    static const char *const coming[] = { "coming", "replying", "asking", "turning", "showing", "trying", "messaging",
                                          "texting", "answering", "apologising", "apologizing", "explaining", NULL };
    size_t db = rw_find(r, 0, "bother");
    static const char *const instead[] = { "i'll", "i", "i'm", "we'll", NULL };
    if (db != NONE && db > 0 && (rw(r, db - 1, "don't") || rw(r, db - 1, "dont")) && (db + 1 == n || rw_any(r, db + 1, coming)) &&
        rw_find_any(r, db + 1, instead) == NONE && !rw(r, db + 2, "to")) { /* not "…coming to pick me up, I'll get a taxi" */
        cue_flag(c, r, db - 1, db + (db + 1 < n), K_DISMISS);
        return true;
    }
    /* "I'm not your secretary.", "I'm not a taxi." — the writer refuses to be the reader's servant */
    static const char *const servant[] = { "secretary", "mum", "mother", "dad", "pa", "assistant", "servant", "maid",
                                           "babysitter", "nanny", "slave", "taxi", "doormat", "punchbag", "dumping",
                                           "diary", "calendar", "alarm", "carer", "butler", "personal", "free", NULL },
                             *const im_not[] = { "i'm", "im", "i", NULL };
    size_t nt = rw_find(r, 0, "not");
    if (nt != NONE && nt > 0 && rw_any(r, nt - 1, im_not) && (rw(r, nt + 1, "your") || rw(r, nt + 1, "a") || rw(r, nt + 1, "an")) &&
        rw_any(r, nt + 2, servant) && !r->q) {
        cue_flag(c, r, nt - 1, nt + 2, K_DISMISS);
        return true;
    }
    /* "Maybe listen to the podcast and learn something for a change.", "Perhaps if you did the reading…" */
    static const char *const maybe[] = { "maybe", "perhaps", NULL },
                             *const did[] = { "did", "had", "read", "listened", "stopped", "spent", "actually", "bothered",
                                              "paid", "tried", "prepared", "turned", "showed", "put", "opened", "cared", NULL },
                             *const pointed[] = { "manners", "actually", NULL };
    if (rw_any(r, v, maybe) && !r->q && rw_find_any(r, 0, CU_ME) == NONE) {
        size_t m1 = v + 1;
        bool change = rw_find(r, m1, "change") != NONE && rw(r, rw_find(r, m1, "change") - 1, "a");
        size_t rt = rw_find(r, m1, "rather"), ins = rw_find(r, m1, "instead");
        bool lectured = rw_find_any(r, m1, pointed) != NONE ||
                        (rw_find(r, m1, "yourself") != NONE && rw_find(r, m1, "keep") != NONE) || /* not "treat yourself" */
                        ((rt != NONE || ins != NONE) && rw_find_any(r, m1, CU_LAPSE) != NONE);
        if ((rw(r, m1, "if") && rw_any(r, m1 + 1, CU_YOU) && rw_any(r, m1 + 2, did)) || change || lectured) {
            cue_flag(c, r, v, n - 1, K_CONTEMPT);
            return true;
        }
    }
    /* "If you actually cared, you'd be here." */
    size_t ia = rw_find(r, 0, "if");
    if (ia != NONE && rw_any(r, ia + 1, CU_YOU) && rw(r, ia + 2, "actually") && rw_any(r, ia + 3, did)) {
        cue_flag(c, r, ia, ia + 3, K_CONTEMPT);
        return true;
    }
    /* "Keep your thoughts to yourself." */
    if (rw(r, v, "keep") && rw(r, n - 2, "to") && rw(r, n - 1, "yourself")) {
        cue_flag(c, r, v, n - 1, K_ORDER);
        return true;
    }
    /* "One more missed session and I'm requesting a new partner." */
    static const char *const and_i[] = { "i'm", "i'll", "im", "we're", "we'll", NULL };
    size_t om = rw_find(r, 0, "one");
    if (om != NONE && om <= v && rw(r, om + 1, "more") && (ia = rw_find(r, om + 2, "and")) != NONE && rw_any(r, ia + 1, and_i) &&
        (you || rw_find_any(r, om + 2, CU_LAPSE) < ia)) { /* not "One more exam and I'm done." */
        cue_flag(c, r, om, ia + 1, K_THREAT);
        return true;
    }
    /* "Wow, thanks for the useless reply." — thanks for something it scorns */
    size_t tf = rw_find(r, 0, "thanks");
    if (tf != NONE && rw(r, tf + 1, "for") && rw_find_any(r, tf + 2, CU_CONTEMPT) != NONE) {
        cue_flag(c, r, tf, rw_find_any(r, tf + 2, CU_CONTEMPT), K_SARC);
        return true;
    }
    /* "Bless, you really did try, didn't you." */
    if (rw(r, 0, "bless") && n > 2 && c_clause_break(r, 1) && rw_any(r, 1, CU_YOU)) {
        cue_flag(c, r, 0, n - 1, K_SARC);
        return true;
    }
    /* "If you don't know what ACT stands for by now, …" */
    size_t bn = rw_find(r, 1, "now");
    if (bn != NONE && rw(r, bn - 1, "by") && you && rw_find_any(r, 0, CU_LAPSE) != NONE && !about_writer(r, bn)) {
        cue_flag(c, r, bn - 1, bn, K_CONTEMPT);
        return true;
    }
    /* "Either you send it or I tell Janet." */
    static const char *const or_i[] = { "i", "i'll", "i'm", "we", "we'll", NULL };
    size_t ei = rw_find(r, 0, "either"), eo;
    if (ei != NONE && ei <= v && (eo = rw_find(r, ei + 1, "or")) != NONE && rw_any(r, eo + 1, or_i)) {
        cue_flag(c, r, ei, eo + 1, K_THREAT);
        return true;
    }
    /* "Ignore my message again and see what happens." */
    size_t sw2 = rw_find(r, 0, "see");
    if (sw2 != NONE && rw(r, sw2 + 1, "what") && rw(r, sw2 + 2, "happens") && rw_find(r, 0, "again") < sw2 &&
        rw_find_any(r, 0, CU_ME) == NONE && !rw(r, 0, "let's") && !rw(r, 0, "lets")) { /* not "Let's try again and see…" */
        cue_flag(c, r, 0, sw2 + 2, K_THREAT);
        return true;
    }
    /* "I'm cc'ing the course lead because…", "The tutor will be fascinated to hear why you missed…" —
     * someone in authority brought in over the reader's lapse */
    static const char *const boss[] = { "tutor", "tutors", "lead", "coordinator", "director", "supervisor", "leader",
                                        "convenor", "head", "admin", "manager", NULL },
                             *const bring_in[] = { "cc'ing", "ccing", "cc", "copying", "telling", "tell", "informing",
                                                   "reporting", "flagging", "involving", "contacting", "emailing", "speaking",
                                                   "raising", "hear", NULL };
    size_t bs = rw_find_any(r, 0, boss);
    if (bs != NONE && rw_find_any(r, 0, bring_in) != NONE && !r->q &&
        ((you && rw_find_any(r, 0, CU_LAPSE) != NONE) || rw_find(r, 0, "because") != NONE || rw_find(r, 0, "frankly") != NONE)) {
        cue_flag(c, r, bs, bs, K_THREAT);
        return true;
    }
    /* "Sorry, are you the course leader now?" */
    size_t at = rw_find(r, 0, "are");
    static const char *const role[] = { "lead", "leader", "boss", "expert", "tutor", "teacher", "coordinator",
                                        "supervisor", "director", "police", NULL };
    if (r->q && at != NONE && rw(r, at + 1, "you") && rw(r, at + 2, "the") && rw(r, n - 1, "now") && n >= 2 &&
        rw_any(r, n - 2, role) && !rw(r, n - 3, "new")) { /* not "Are you the one driving now?" */
        cue_flag(c, r, at, n - 1, K_ASK);
        return true;
    }
    /* "Maybe don't volunteer if you can't follow through." */
    if (rw_any(r, v, maybe) && (rw(r, v + 1, "don't") || rw(r, v + 1, "dont")) && you &&
        rw_find_any(r, v + 2, CU_LAPSE) != NONE) {
        cue_flag(c, r, v, n - 1, K_CONTEMPT);
        return true;
    }
    /* "…, or else." closing a sentence (not "Bring a coat or else you'll freeze.") */
    if (n >= 3 && rw(r, n - 2, "or") && rw(r, n - 1, "else")) {
        cue_flag(c, r, n - 2, n - 1, K_THREAT);
        return true;
    }
    /* Contempt aimed at the reader, at "that/this", or standing alone ("Absolutely useless."). */
    static const char *const that[] = { "that", "this", "that's", "thats", NULL };
    for (size_t k = praised ? NONE : rw_find_any(r, 0, CU_CONTEMPT); k != NONE; k = rw_find_any(r, k + 1, CU_CONTEMPT)) {
        if (negated_near(r, k) || about_writer(r, k)) continue;
        bool soft = rw_any(r, k, CU_CONTEMPT_SOFT);
        /* "That was …", "Honestly, this is …" — not "this morning", "This printer is …" */
        static const char *const linking[] = { "is", "was", "has", "seems", "seemed", "looks", "looked", "feels", "sounds", NULL };
        size_t dem = rw_find_any(r, 0, that);
        bool subject = dem != NONE && dem <= v + 1 && dem < k && (!rw(r, dem, "this") && !rw(r, dem, "that") ? true : rw_any(r, dem + 1, linking));
        bool across = k >= 2 && rw(r, k - 1, "as") && rw(r, k - 2, "across"); /* "It came across as clueless." */
        bool target = you || across || (!soft && (subject || (n <= 4 && k <= v + 1))) || (soft && n <= 2 && k == 0);
        if (!target) continue;
        cue_flag(c, r, you && y < k ? y : k, k, K_CONTEMPT);
        return true;
    }
    /* Pressure on a lapse: "You clearly didn't read the brief." (not "You didn't miss much.") */
    if (you && !r->polite) {
        size_t l = rw_find_any(r, 0, CU_LAPSE), p = rw_find_any(r, 0, CU_PRESS);
        if (p != NONE && rw(r, p, "again") && p >= 2 && rw(r, p - 1, "you") && rw(r, p - 2, "see")) p = NONE; /* "See you again" */
        bool near = l != NONE && p != NONE && (l > p ? l - p : p - l) <= 3 &&
                    r->c->t[r->w[l]].clause == r->c->t[r->w[p]].clause;
        if (near && l != p && !about_writer(r, l) && rw_find(r, 0, "fault") == NONE && !rw(r, l + 1, "worry") && !rw(r, l + 1, "mind") && !rw(r, l + 1, "miss")) {
            cue_flag(c, r, l < p ? l : p, l < p ? p : l, r->q ? K_ASK : K_CONTEMPT);
            return true;
        }
    }
    /* An order pressed: "Try not to be late this time.", "Do the bare minimum at least." */
    if (!r->q && (!r->polite || rw_find(r, 0, "actually") != NONE) && !me &&
        (rw_any(r, v, orders) || (rw(r, v, "and") && rw(r, v + 1, "please")) || (rw(r, v, "please") && rw_any(r, v + 1, orders)))) {
        size_t drop = pressure_tail(r); /* where the pressing words start */
        if (drop == n) drop = NONE;
        size_t tt = rw_find(r, 0, "this");
        if (drop == NONE && tt != NONE && rw(r, tt + 1, "time") && rw_find_any(r, 0, CU_PRESS) != NONE) drop = tt;
        if (drop != NONE) {
            cue_ask(c, r, v, n - 1, drop);
            return true;
        }
    }
    return false;
}
