/* feedback_view — how feedback, drafts and typing hints look on the wire (JSON builders from the
 * typed rows of store_feedback). Only the author of a message sees its original text, its hints
 * and whether it counted as softened. */
#ifndef SOFTCLOSE_FEEDBACK_VIEW_H
#define SOFTCLOSE_FEEDBACK_VIEW_H
#include <jansson.h>
#include "rounds.h"
#include "soften.h"
#include "store_feedback.h"

json_t *view_feedback(const store_feedback_row *f, const sc_participant *viewer);
/* {type: `type`, feedback: F or null}: feedback_sent / feedback_revised / feedback events. */
json_t *view_feedback_message(const char *type, const store_feedback_row *f, const sc_participant *viewer);
/* The feedback_list message: what viewer sent and received in room, oldest first. */
json_t *view_feedback_list(const sc_room *room, const store_feedback_list *l, const sc_participant *viewer);
json_t *view_drafts(const store_draft_list *l);          /* the drafts event */
json_t *view_feedback_hints(const soften_result *res);    /* the feedback_hints reply */
#endif
