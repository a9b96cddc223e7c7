/* feat_session_admin — the facilitator's session settings: session_settings (retention),
 * end_session and stats (counts only, never content); and the retention purge, run at start and
 * every PURGE_EVERY_MS on one lws_sul. */
#include "app.h"
#include "writer.h"
#include "metrics.h"
#include "followup.h"
#include "call_link.h"
#include "registry.h"
#include "reply.h"
#include "room_announce.h"
#include "store_chat.h"
#include "store_followup.h"
#include <libwebsockets.h>
#include <stdio.h>
#include <string.h>

#define PURGE_EVERY_MS (3600 * 1000)

static lws_sorted_usec_list_t purge_sul;

/* Open rooms show their call again (built-in or the new link); built-in calls end if the session
 * switched to another call system. */
static void announce_call_link(sc_session *s, int64_t now)
{
    sc_round *round = rounds_current(s);
    for (size_t i = 0; round && i < round->n_rooms; i++) {
        sc_room *room = round->rooms[i];
        if (room->clock.phase == PHASE_CLOSED) continue;
        announce_room_members(room, now, 1);
        registry_room_event(ROOM_CALL_LINK_SET, room, NULL, now);
    }
}

static int read_call_link(conn *c, proto_request *r, const char **link)
{
    size_t len;
    int rc = req_string(c, r, "call_link", 0, link, &len);
    if (rc != 0) return rc;
    call_link_status st = call_link_validate(*link, len);
    if (st == CALL_LINK_OK && strlen(*link) == len) return 0;
    reply_error(c, r, st == CALL_LINK_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s", call_link_status_message(st));
    return -1;
}

static void h_session_settings(conn *c, proto_request *r, int64_t now)
{
    sc_session *s = c->session;
    json_int_t days = s->retention_days;
    const char *link = NULL;
    int has_days = req_int(c, r, "retention_days", 0, FOLLOWUP_RETENTION_MIN_DAYS, FOLLOWUP_RETENTION_MAX_DAYS, &days);
    if (has_days < 0) return;
    int has_link = read_call_link(c, r, &link);
    if (has_link < 0) return;
    if (has_days && has_link) {
        reply_error(c, r, ERR_BAD_REQUEST, "Give \"retention_days\" or \"call_link\" (or both).");
        return;
    }
    int ok = store_begin(app->store) == 0 && store_set_retention(app->store, s, (int)days) == 0 &&
             (!link || store_set_call_link(app->store, s, link) == 0);
    if (store_end(app->store, ok) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not save the setting; try again.");
        return;
    }
    s->retention_days = (int)days;
    int link_changed = link && strcmp(link, s->call_link);
    if (link) snprintf(s->call_link, sizeof s->call_link, "%s", link);
    reply(c, r, json_pack("{s:s, s:I, s:s}", "type", "ok", "retention_days", days, "call_link", s->call_link));
    if (!has_days) {
        writer_flush();   /* queued writes first: the purge removes old ones */
        store_purge_expired(app->store, now);
    }
    if (link_changed) announce_call_link(s, now);
}

static void h_end_session(conn *c, proto_request *r, int64_t now)
{
    sc_session *s = c->session;
    if (s->ended_ms) { reply_ok(c, r); return; }
    if (rounds_running(s)) {
        reply_error(c, r, ERR_CONFLICT, "A round is still running; end it and let the rooms close first.");
        return;
    }
    if (store_end_session(app->store, s, now) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not end the session; try again.");
        return;
    }
    s->ended_ms = now;
    reply_ok(c, r);
    json_t *m = json_pack("{s:s, s:I, s:I}", "type", "session_ended", "at", (json_int_t)now,
                          "followups_until", (json_int_t)(now + (int64_t)s->retention_days * 86400000));
    for (size_t i = 0; i < s->n_people; i++)
        if (!s->people[i]->left_ms) send_to_participant(s->people[i], m);
    send_to_facilitator(s, m);
    json_decref(m);
}

static void h_stats(conn *c, proto_request *r, int64_t now)
{
    sc_session *s = c->session;
    int64_t sent = 0, read = 0;
    store_followup_counts(app->store, s, &sent, &read);
    json_int_t fb = 0, softened = 0;
    for (size_t i = 0; i < s->n_rounds; i++)
        for (size_t j = 0; j < s->rounds[i]->n_rooms; j++) {
            fb += s->rounds[i]->rooms[j]->n_feedback;
            softened += s->rounds[i]->rooms[j]->n_softened;
        }
    reply(c, r, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s}", "type", "stats", "participants", (json_int_t)s->n_present,
                          "rounds", (json_int_t)s->n_rounds, "feedback_sent", fb, "feedback_softened", softened,
                          "followups_sent", (json_int_t)sent, "followups_read", (json_int_t)read,
                          "retention_days", (json_int_t)s->retention_days, "ended_at", (json_int_t)s->ended_ms, "call_link", s->call_link));
}

static void on_purge(lws_sorted_usec_list_t *sul)
{
    writer_flush();
    long n = store_purge_expired(app->store, app_now_ms());
    if (n > 0) { metrics_add(MC_RETENTION_PURGED, (uint64_t)n); lwsl_notice("retention: purged %ld expired follow-ups and drafts\n", n); }
    if (n < 0) lwsl_err("retention: purge failed: %s\n", store_last_error(app->store));
    lws_sul_schedule(app->lws, 0, sul, on_purge, (lws_usec_t)PURGE_EVERY_MS * LWS_US_PER_MS);
}

static void purge_start(int64_t now_ms)
{
    writer_flush();
    store_purge_expired(app->store, now_ms);
    if (app->lws) lws_sul_schedule(app->lws, 0, &purge_sul, on_purge, (lws_usec_t)PURGE_EVERY_MS * LWS_US_PER_MS);
}

static void purge_stop(void)
{
    if (app && app->lws) lws_sul_cancel(&purge_sul);
}

static const route routes[] = {
    { "session_settings", ACTION_FACILITATE, FIELDS("retention_days", "call_link"), h_session_settings },
    { "end_session", ACTION_FACILITATE, NO_FIELDS, h_end_session },
    { "stats", ACTION_FACILITATE, NO_FIELDS, h_stats },
};

const feature feat_session_admin = { .name = "session_admin", ROUTES(routes), .start = purge_start, .stop = purge_stop };
