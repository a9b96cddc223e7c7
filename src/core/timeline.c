/* timeline — see timeline.h. A transition out of practice or feedback on time (within
 * TIMELINE_ON_TIME_MS of the deadline) keeps the schedule: the new phase ends at old deadline + its length, which is what `next` announced
 * ahead to the browsers. A later one (server down, event loop stalled) counts the new phase from
 * now_ms, so a clock that slept through several deadlines moves one step per call and each new
 * phase gets its full length: nobody loses a phase to downtime. */
#include "timeline.h"
#include <string.h>

static const char *const phase_names[] = { "practice", "feedback", "soften", "closed" };

const char *timeline_phase_name(timeline_phase p)
{
    return (unsigned)p < 4 ? phase_names[p] : "closed";
}

int timeline_parse_phase(const char *name, timeline_phase *out)
{
    for (unsigned i = 0; name && i < 4; i++)
        if (strcmp(name, phase_names[i]) == 0) { *out = (timeline_phase)i; return TIMELINE_OK; }
    return TIMELINE_ERR_UNKNOWN_PHASE;
}

int timeline_shape_validate(const timeline_shape *s, const char **why)
{
    const char *msg = NULL;
    if (s->turns < 1 || s->turns > TIMELINE_MAX_TURNS)
        msg = "Turns must be between 1 and 10.";
    else if (s->practice_ms < TIMELINE_MIN_PRACTICE_MS || s->practice_ms > TIMELINE_MAX_PRACTICE_MS)
        msg = "Practice time must be between 10 seconds and 2 hours.";
    else if (s->feedback_ms != 0 && (s->feedback_ms < TIMELINE_MIN_FEEDBACK_MS || s->feedback_ms > TIMELINE_MAX_FEEDBACK_MS))
        msg = "Feedback time must be 0 (no feedback step) or between 10 seconds and 1 hour.";
    else if (s->soften_ms < TIMELINE_MIN_SOFTEN_MS || s->soften_ms > TIMELINE_MAX_SOFTEN_MS)
        msg = "Soften time must be between 10 seconds and 30 minutes.";
    else if (s->grace_ms < 0 || s->grace_ms > TIMELINE_MAX_GRACE_MS)
        msg = "Grace time must be between 0 and 5 minutes.";
    if (why) *why = msg;
    return msg ? TIMELINE_ERR_RANGE : TIMELINE_OK;
}

/* Enter a phase running, with its full length counted from now (see the top of the file for the
 * on-time case, where "now" is the deadline just reached). */
static void timeline_enter(timeline_clock *c, timeline_phase phase, unsigned turn, int64_t length_ms, int64_t now_ms)
{
    c->phase = phase;
    c->turn = turn;
    c->deadline_ms = now_ms + length_ms;
    c->remaining_ms = length_ms;
    c->paused = 0;
    c->in_grace = 0;
}

void timeline_start(timeline_clock *c, const timeline_shape *s, int64_t now_ms)
{
    timeline_enter(c, PHASE_PRACTICE, 0, s->practice_ms, now_ms);
}

int timeline_due(const timeline_clock *c, int64_t now_ms)
{
    return !c->paused && c->phase != PHASE_CLOSED && now_ms >= c->deadline_ms;
}

/* After a turn's practice and feedback: the next turn, or soften after the last one. */
static void timeline_after_turn(timeline_clock *c, const timeline_shape *s, int64_t now_ms)
{
    if (c->turn + 1 < s->turns) timeline_enter(c, PHASE_PRACTICE, c->turn + 1, s->practice_ms, now_ms);
    else timeline_enter(c, PHASE_SOFTEN, c->turn, s->soften_ms, now_ms);
}

int timeline_advance(timeline_clock *c, const timeline_shape *s, int64_t now_ms, int someone_typing)
{
    if (!timeline_due(c, now_ms)) return 0;
    /* keep the schedule announced ahead (timeline_peek_next: practice and feedback ends only; a
     * grace period always gets its full length from now) */
    if (c->phase != PHASE_SOFTEN && now_ms - c->deadline_ms <= TIMELINE_ON_TIME_MS) now_ms = c->deadline_ms;
    switch (c->phase) {
    case PHASE_PRACTICE:
        if (s->feedback_ms > 0) timeline_enter(c, PHASE_FEEDBACK, c->turn, s->feedback_ms, now_ms);
        else timeline_after_turn(c, s, now_ms);
        break;
    case PHASE_FEEDBACK:
        timeline_after_turn(c, s, now_ms);
        break;
    case PHASE_SOFTEN:
        /* A draft being typed when soften ends gets one grace period, never an endless one. */
        if (someone_typing && s->grace_ms > 0 && !c->in_grace) {
            timeline_enter(c, PHASE_SOFTEN, c->turn, s->grace_ms, now_ms);
            c->in_grace = 1;
        } else {
            timeline_enter(c, PHASE_CLOSED, c->turn, 0, now_ms);
        }
        break;
    case PHASE_CLOSED:
        return 0;
    }
    return 1;
}

int timeline_peek_next(const timeline_clock *c, const timeline_shape *s, timeline_clock *next)
{
    /* The soft close's end is not certain ahead: someone typing then gets a grace period. And a
     * room closes when the server says so, never on a browser's clock. */
    if (c->paused || c->phase == PHASE_CLOSED || c->phase == PHASE_SOFTEN) return 0;
    *next = *c;
    return timeline_advance(next, s, c->deadline_ms, 0);
}

int timeline_pause(timeline_clock *c, int64_t now_ms)
{
    if (c->phase == PHASE_CLOSED) return TIMELINE_ERR_CLOSED;
    if (c->paused) return TIMELINE_ERR_PAUSED;
    c->remaining_ms = timeline_remaining(c, now_ms);
    c->paused = 1;
    return TIMELINE_OK;
}

int timeline_resume(timeline_clock *c, int64_t now_ms)
{
    if (!c->paused) return TIMELINE_ERR_NOT_PAUSED;
    c->paused = 0;
    c->deadline_ms = now_ms + c->remaining_ms;
    return TIMELINE_OK;
}

int timeline_extend(timeline_clock *c, int64_t add_ms, int64_t now_ms)
{
    if (c->phase == PHASE_CLOSED) return TIMELINE_ERR_CLOSED;
    if (add_ms < TIMELINE_MIN_EXTEND_MS || add_ms > TIMELINE_MAX_EXTEND_MS) return TIMELINE_ERR_RANGE;
    int64_t left = timeline_remaining(c, now_ms);   /* a deadline already passed counts as now */
    if (left > TIMELINE_MAX_REMAINING_MS - add_ms) return TIMELINE_ERR_RANGE;
    c->remaining_ms = left + add_ms;
    if (!c->paused) c->deadline_ms = now_ms + c->remaining_ms;
    c->in_grace = 0;   /* extra time in grace is a normal soften again; its end may grant grace anew */
    return TIMELINE_OK;
}

int timeline_end_now(timeline_clock *c, const timeline_shape *s, int64_t now_ms)
{
    if (c->phase == PHASE_SOFTEN || c->phase == PHASE_CLOSED) return TIMELINE_NOTHING_TO_DO;
    timeline_enter(c, PHASE_SOFTEN, c->turn, s->soften_ms, now_ms);
    return TIMELINE_OK;
}

int64_t timeline_remaining(const timeline_clock *c, int64_t now_ms)
{
    if (c->phase == PHASE_CLOSED) return 0;
    int64_t left = c->paused ? c->remaining_ms : c->deadline_ms - now_ms;
    return left > 0 ? left : 0;
}

int64_t timeline_next_deadline(const timeline_clock *const *clocks, size_t n)
{
    int64_t next = INT64_MAX;
    for (size_t i = 0; i < n; i++) {
        const timeline_clock *c = clocks[i];
        if (c && !c->paused && c->phase != PHASE_CLOSED && c->deadline_ms < next) next = c->deadline_ms;
    }
    return next;
}

const char *timeline_error_message(int code)
{
    switch (code) {
    case TIMELINE_OK: return "Done.";
    case TIMELINE_NOTHING_TO_DO: return "Nothing to do: the room is already in its soft close or closed.";
    case TIMELINE_ERR_CLOSED: return "This room has already closed; start a new round to continue.";
    case TIMELINE_ERR_PAUSED: return "The timer is already paused; resume it first.";
    case TIMELINE_ERR_NOT_PAUSED: return "The timer is not paused, so there is nothing to resume.";
    case TIMELINE_ERR_RANGE:
        return "That time is out of range: extend by 1 second to 60 minutes, and keep the time left under 24 hours.";
    case TIMELINE_ERR_UNKNOWN_PHASE: return "Unknown phase: use practice, feedback, soften or closed.";
    }
    return "Unknown timer error.";
}
