/* followup_notify — see followup_notify.h. */
#include "followup_notify.h"
#include "conn.h"
#include "followup_view.h"

sc_participant *followup_notify_find(const sc_session *s, int64_t pid)
{
    for (size_t i = 0; i < s->n_people; i++)
        if (s->people[i]->pid == pid) return s->people[i];
    return NULL;
}

static void send_and_drop(sc_participant *p, json_t *m)
{
    send_to_participant(p, m);
    json_decref(m);
}

void followup_notify_deliver(json_t *f, sc_participant *to)
{
    if (to->shell_conns) send_and_drop(to, view_followup_event(f));
}

void followup_notify_receipt(sc_participant *sender, const char *id, followup_state state, int64_t at_ms)
{
    if (sender && sender->shell_conns) send_and_drop(sender, view_followup_receipt(id, state, at_ms));
}

void followup_notify_withdrawn(sc_participant *to, const char *id)
{
    if (to) send_and_drop(to, view_followup_withdrawn(id));
}
