/* feedback_shell — the feedback messages: feedback_check (hints while typing), feedback_draft
 * (drafts saved as people type; also the "still typing" signal for the soft close),
 * feedback_send, feedback_amend (amend, appreciation, replace) and feedback_list. */
#ifndef SOFTCLOSE_FEEDBACK_SHELL_H
#define SOFTCLOSE_FEEDBACK_SHELL_H
#include <stdint.h>
#include "conn.h"
#include "protocol.h"

void h_feedback_check(conn *c, proto_request *r, int64_t now_ms);
void h_feedback_draft(conn *c, proto_request *r, int64_t now_ms);
void h_feedback_send(conn *c, proto_request *r, int64_t now_ms);
void h_feedback_amend(conn *c, proto_request *r, int64_t now_ms);
void h_feedback_list(conn *c, proto_request *r, int64_t now_ms);
/* On hello: the person's feedback in their current room and their unsent drafts. */
void feedback_send_state(conn *c);

#define FEEDBACK_ROUTES \
    { "feedback_check", ACTION_FEEDBACK, FIELDS("text"), h_feedback_check }, \
    { "feedback_draft", ACTION_FEEDBACK, FIELDS("room", "key", "text"), h_feedback_draft }, \
    { "feedback_send", ACTION_FEEDBACK, FIELDS("to", "text", "kind", "acknowledge_hints", "draft_key"), h_feedback_send }, \
    { "feedback_amend", ACTION_FEEDBACK, FIELDS("feedback", "mode", "text", "acknowledge_hints", "draft_key"), h_feedback_amend }, \
    { "feedback_list", ACTION_FEEDBACK, FIELDS("room"), h_feedback_list },
#endif
