/* timeline — the clock of one breakout room.
 * Owns: the phase sequence (practice, feedback, ... per turn, then soften, then closed), the
 * deadline of the current phase, pause/resume/extend/end-now, the soft-close grace period, and the
 * earliest deadline across many rooms (the shell schedules a single timer for it).
 * Pure: time always comes in as now_ms (server milliseconds since the Unix epoch); nothing here
 * reads a clock. Limits: turns 1..10, practice 10 s..2 h, feedback 0 or 10 s..1 h, soften
 * 10 s..30 min, grace 0..5 min, one extension 1 s..60 min, time left never above 24 h. */
#ifndef SOFTCLOSE_TIMELINE_H
#define SOFTCLOSE_TIMELINE_H
#include <stddef.h>
#include <stdint.h>

typedef enum { PHASE_PRACTICE = 0, PHASE_FEEDBACK = 1, PHASE_SOFTEN = 2, PHASE_CLOSED = 3 } timeline_phase;

typedef struct { unsigned turns; int64_t practice_ms, feedback_ms, soften_ms, grace_ms; } timeline_shape;

typedef struct {
    timeline_phase phase;
    unsigned turn;          /* 0-based */
    int64_t deadline_ms;    /* absolute server ms; meaningful when !paused and phase != CLOSED */
    int64_t remaining_ms;   /* meaningful when paused */
    int paused;
    int in_grace;           /* soft-close grace period running (someone still typing) */
} timeline_clock;

#define TIMELINE_OK                 0
#define TIMELINE_NOTHING_TO_DO      1    /* end_now on a room already softening or closed: not an error */
#define TIMELINE_ERR_CLOSED        (-1)  /* the room has closed */
#define TIMELINE_ERR_PAUSED        (-2)  /* already paused */
#define TIMELINE_ERR_NOT_PAUSED    (-3)  /* resume without a pause */
#define TIMELINE_ERR_RANGE         (-4)  /* a duration or turn count outside its limits */
#define TIMELINE_ERR_UNKNOWN_PHASE (-5)  /* a phase name that is not one of the four */

#define TIMELINE_MAX_TURNS        10u
#define TIMELINE_MIN_PRACTICE_MS  10000
#define TIMELINE_MAX_PRACTICE_MS  (2 * 3600 * 1000)
#define TIMELINE_MIN_FEEDBACK_MS  10000      /* or exactly 0: no feedback step */
#define TIMELINE_MAX_FEEDBACK_MS  (3600 * 1000)
#define TIMELINE_MIN_SOFTEN_MS    10000
#define TIMELINE_MAX_SOFTEN_MS    (30 * 60 * 1000)
#define TIMELINE_MAX_GRACE_MS     (5 * 60 * 1000)
#define TIMELINE_MIN_EXTEND_MS    1000
#define TIMELINE_MAX_EXTEND_MS    (60 * 60 * 1000)
#define TIMELINE_MAX_REMAINING_MS ((int64_t)24 * 3600 * 1000)  /* repeated extensions stop here */
#define TIMELINE_ON_TIME_MS       2000   /* an advance this late still keeps the announced schedule */

const char *timeline_phase_name(timeline_phase p); /* "practice","feedback","soften","closed" */
int timeline_parse_phase(const char *name, timeline_phase *out); /* 0, or TIMELINE_ERR_UNKNOWN_PHASE */

/* 0 if every field is within its limits; otherwise TIMELINE_ERR_RANGE and, if why is not NULL,
 * *why = a sentence naming the first field out of range (NULL when all is well). */
int timeline_shape_validate(const timeline_shape *s, const char **why);

/* Turn 0, practice, deadline now + practice_ms, running. `s` must have passed timeline_shape_validate. */
void timeline_start(timeline_clock *c, const timeline_shape *s, int64_t now_ms);

/* Deadline reached and not paused/closed. */
int timeline_due(const timeline_clock *c, int64_t now_ms);

/* Advance ONE step if due: practice->feedback (or ->next turn's practice if feedback_ms==0),
 * feedback->next turn's practice, last turn's feedback (or practice) ->soften, soften->closed (or
 * soften->grace if `someone_typing` and grace_ms>0 and not yet in grace; grace->closed).
 * Leaving practice or feedback at most TIMELINE_ON_TIME_MS past the deadline, the new deadline is
 * old deadline + duration of the new phase (the schedule `timeline_peek_next` announced holds);
 * otherwise, and always when leaving soften, now_ms + duration: a phase whose deadline passed while the server was down advances
 * exactly once at start-up, not repeatedly, and the new phase gets its full length.
 * Returns 1 if it changed, 0 otherwise. */
int timeline_advance(timeline_clock *c, const timeline_shape *s, int64_t now_ms, int someone_typing);

/* The clock as it will be right after the current deadline, when that step is certain now: the
 * clock runs and is in practice or feedback (the soft close's end depends on who is typing then,
 * and a room closes only on the server's word). Returns 1 and fills *next, or 0. Browsers switch
 * to *next at the deadline on their own clock (`phase.next`), so a shared deadline changes every
 * screen at once rather than in the order the server's messages arrive. */
int timeline_peek_next(const timeline_clock *c, const timeline_shape *s, timeline_clock *next);

/* Freeze the time left. TIMELINE_ERR_CLOSED or TIMELINE_ERR_PAUSED otherwise. */
int timeline_pause(timeline_clock *c, int64_t now_ms);
/* Run again with the frozen time left. TIMELINE_ERR_NOT_PAUSED if not paused. */
int timeline_resume(timeline_clock *c, int64_t now_ms);
/* Add add_ms (1 s..60 min) to the current phase: to the frozen time when paused, otherwise to what
 * is left (a deadline already passed counts as now). In grace it leaves grace: back to a running
 * soften with the grace time left plus add_ms. TIMELINE_ERR_CLOSED when closed, TIMELINE_ERR_RANGE
 * for add_ms out of range or when the time left would pass TIMELINE_MAX_REMAINING_MS. */
int timeline_extend(timeline_clock *c, int64_t add_ms, int64_t now_ms);
/* Jump to soften with a full soften_ms — never straight to closed — and run (a pause is lifted, so
 * the soft close actually happens). Returns TIMELINE_OK (0) when it did, like pause/resume/extend,
 * and TIMELINE_NOTHING_TO_DO (1, not an error) when the room is already in soften or closed. */
int timeline_end_now(timeline_clock *c, const timeline_shape *s, int64_t now_ms);

/* Time left in the current phase, >= 0 (0 when closed). */
int64_t timeline_remaining(const timeline_clock *c, int64_t now_ms);

/* Earliest deadline among clocks that are running (not paused, not closed); INT64_MAX if none.
 * NULL entries are skipped. The shell schedules ONE timer for it. */
int64_t timeline_next_deadline(const timeline_clock *const *clocks, size_t n);

/* A sentence a person can act on, for any TIMELINE_* code. */
const char *timeline_error_message(int code);
#endif
