/* feedback — see feedback.h. */
#include "feedback.h"
#include <string.h>

static const char *const kind_names[FEEDBACK_KIND_COUNT] = {
    "feedback", "observer", "self_reflection", "amendment", "appreciation",
};

const char *feedback_kind_name(feedback_kind k) { return (unsigned)k < FEEDBACK_KIND_COUNT ? kind_names[k] : "feedback"; }

int feedback_parse_kind(const char *name, feedback_kind *out)
{
    for (int i = 0; i < FEEDBACK_KIND_COUNT; i++)
        if (name && !strcmp(name, kind_names[i])) { *out = (feedback_kind)i; return 0; }
    return -1;
}

const char *feedback_status_message(feedback_status st)
{
    switch (st) {
    case FEEDBACK_OK: return "OK.";
    case FEEDBACK_ERR_NOT_MEMBER: return "You are not in that room, so you cannot send feedback in it.";
    case FEEDBACK_ERR_RECIPIENT: return "That person is not in your room; feedback goes to a room mate.";
    case FEEDBACK_ERR_PHASE: return "Feedback opens after the practice, in the feedback step and the soft close; this room is not there now.";
    case FEEDBACK_ERR_SELF: return "Feedback to yourself is a self-reflection; choose that kind, or pick a room mate.";
    case FEEDBACK_ERR_NEEDS_SOFTENING: return "This feedback has hints on phrasing that may land hard; look at them, then revise it or send it as written.";
    case FEEDBACK_ERR_NOT_AUTHOR: return "You can only amend or replace feedback you wrote.";
    case FEEDBACK_ERR_KIND: return "Unknown kind of feedback; use feedback, observer, self_reflection, amendment or appreciation.";
    }
    return "Feedback cannot be sent now.";
}

static const sc_member *present_member(const sc_room *room, const sc_participant *p)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == p && !room->members[i].gone_ms) return &room->members[i];
    return NULL;
}

static int phase_open(const sc_room *room)
{
    return room->clock.phase == PHASE_FEEDBACK || room->clock.phase == PHASE_SOFTEN;
}

feedback_status feedback_may_send(const sc_room *room, const sc_participant *author,
                                  const sc_participant *recipient, feedback_kind kind)
{
    if ((unsigned)kind >= FEEDBACK_KIND_COUNT) return FEEDBACK_ERR_KIND;
    if (!room || !present_member(room, author)) return FEEDBACK_ERR_NOT_MEMBER;
    if (!recipient || !present_member(room, recipient)) return FEEDBACK_ERR_RECIPIENT;
    if (!phase_open(room)) return FEEDBACK_ERR_PHASE;
    if ((kind == FEEDBACK_KIND_SELF) != (author == recipient)) return FEEDBACK_ERR_SELF;
    return FEEDBACK_OK;
}

feedback_status feedback_may_amend(const sc_room *room, const sc_participant *author, const sc_participant *original_author)
{
    if (author != original_author) return FEEDBACK_ERR_NOT_AUTHOR;
    if (!room || !present_member(room, author)) return FEEDBACK_ERR_NOT_MEMBER;
    if (!phase_open(room)) return FEEDBACK_ERR_PHASE;
    return FEEDBACK_OK;
}

feedback_status feedback_check_hints(size_t n_flags, int acknowledged)
{
    return n_flags > 0 && !acknowledged ? FEEDBACK_ERR_NEEDS_SOFTENING : FEEDBACK_OK;
}

int feedback_counts_as_softened(size_t max_draft_flags, size_t sent_flags)
{
    return max_draft_flags > 0 && sent_flags < max_draft_flags;
}

void feedback_note_typing(sc_room *room, const sc_participant *author, int64_t now_ms)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == author && !room->members[i].gone_ms) room->members[i].last_typing_ms = now_ms;
}

size_t feedback_typing_members(const sc_room *room, int64_t now_ms, const sc_member **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < room->n_members; i++) {
        const sc_member *m = &room->members[i];
        int typing = m->last_typing_ms && now_ms - m->last_typing_ms <= FEEDBACK_TYPING_WINDOW_MS;
        if (m->gone_ms || !(typing || m->speaking)) continue;   /* speaking in the call counts as typing */
        if (n < max) out[n] = m;
        n++;
    }
    return n;
}
