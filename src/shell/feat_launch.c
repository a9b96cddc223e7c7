/* feat_launch — `launch_round`: validate the round's shape, plan the rooms (core), save them and,
 * once saved, tell every person placed their room and first phase, the lobby the rest, and the
 * facilitator the overview. Owns the one place the server works on two threads: the round's
 * transaction commits on a helper thread (store_async.c) while this thread builds the
 * participants' messages; nothing is queued for anyone until the commit succeeded. */
#include "after_fanout.h"
#include "app.h"
#include "metrics.h"
#include "registry.h"
#include "presence.h"
#include "reply.h"
#include "room_announce.h"
#include "room_clock.h"
#include "rounds_view.h"
#include "staged.h"
#include "store_async.h"
#include "store_rounds.h"
#include "text.h"
#include "token.h"
#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>

/* ---- the participants' messages, built before they may be sent -------------------------- */

/* `room` and first `phase` for every member who is online, serialised once per room. Reads the
 * round and the people only, so it may run while the helper thread saves the same round. */
static int stage_round(const sc_round *round, int64_t now, staged *st)
{
    for (size_t i = 0; i < round->n_rooms; i++)
        if (stage_room_members(round->rooms[i], now, 1, st) != 0) return -1;
    return 0;
}

/* ---- the transaction (helper thread: SQLite only) ---------------------------------------- */

typedef struct { const sc_session *s; const sc_round *round; } round_to_save;

static int save_round(store *st, void *ctx)
{
    const round_to_save *r = ctx;
    return store_insert_round(st, r->s, r->round);
}

/* ---- after the participants are served --------------------------------------------------- */

/* The overview of every room, and the roster (it shows who sits where). */
static void send_launch_overview(void *ctx, int64_t now)
{
    sc_session *s = ctx;
    if (!s->shell_facilitator_conns) return;
    json_t *overview = view_rooms(s, now);
    send_to_facilitator(s, overview);
    json_decref(overview);
    send_to_facilitator_roster(s);
}

/* ---- the handler ------------------------------------------------------------------------- */

static void new_room_id(char out[SC_ID_LEN + 1], void *ctx)
{
    (void)ctx;
    token_new_uuid(out);
}

/* Reads and checks the round's shape, policy, seed and scenario. Returns 0, or -1 after replying. */
static int read_launch(conn *c, proto_request *r, timeline_shape *shape, grouping_policy *policy, json_int_t *seed,
                       const char **scenario)
{
    json_int_t turns, practice, feedback, soften, grace = 30;
    if (req_int(c, r, "turns", 1, 1, 10, &turns) < 0 || req_int(c, r, "practice_s", 1, 10, 7200, &practice) < 0 ||
        req_int(c, r, "feedback_s", 1, 0, 3600, &feedback) < 0 || req_int(c, r, "soften_s", 1, 10, 1800, &soften) < 0 ||
        req_int(c, r, "grace_s", 0, 0, 300, &grace) < 0)
        return -1;
    if (feedback > 0 && feedback < 10) {
        reply_error(c, r, ERR_BAD_REQUEST, "The field \"feedback_s\" must be 0 (no feedback phase) or from 10 to 3600.");
        return -1;
    }
    unsigned char rnd[8];
    token_random_bytes(rnd, sizeof rnd);
    memcpy(seed, rnd, sizeof *seed);
    *seed &= ((json_int_t)1 << 53) - 1;
    if (req_int(c, r, "seed", 0, 0, ((json_int_t)1 << 53), seed) < 0) return -1;
    const char *policy_s = NULL;
    size_t scenario_len = 0;
    *scenario = NULL;
    if (req_string(c, r, "policy", 0, &policy_s, NULL) < 0 || req_string(c, r, "scenario", 0, scenario, &scenario_len) < 0)
        return -1;
    *policy = GROUPING_POLICY_FOURS;
    if (policy_s && !strcmp(policy_s, "pairs")) *policy = GROUPING_POLICY_PAIRS;
    else if (policy_s && strcmp(policy_s, "fours")) {
        reply_error(c, r, ERR_BAD_REQUEST, "The field \"policy\" must be \"fours\" or \"pairs\".");
        return -1;
    }
    if (*scenario && scenario_len) {
        text_status ts = scenario_len > ROUNDS_SCENARIO_MAX_BYTES ? TEXT_TOO_LONG
                                                                  : text_check_message(*scenario, scenario_len, ROUNDS_SCENARIO_MAX_CHARS);
        if (ts != TEXT_OK) {
            char msg[200];
            reply_error(c, r, ts == TEXT_TOO_LONG ? ERR_TOO_LARGE : ERR_BAD_REQUEST, "%s",
                        text_status_message(ts, "scenario", ROUNDS_SCENARIO_MAX_CHARS, msg, sizeof msg));
            return -1;
        }
    }
    *shape = (timeline_shape){ (unsigned)turns, practice * 1000, feedback * 1000, soften * 1000, grace * 1000 };
    const char *bad = NULL;
    if (timeline_shape_validate(shape, &bad) != 0) {
        reply_error(c, r, ERR_BAD_REQUEST, "%s", bad ? bad : "The round's shape is not valid.");
        return -1;
    }
    return 0;
}

static void h_launch_round(conn *c, proto_request *r, int64_t now)
{
    timeline_shape shape;
    grouping_policy policy;
    json_int_t seed;
    const char *scenario;
    if (read_launch(c, r, &shape, &policy, &seed, &scenario) != 0) return;
    sc_session *s = c->session;
    if (s->ended_ms) {
        reply_error(c, r, ERR_CONFLICT, "This session has ended; create a new session for more rounds.");
        return;
    }
    double t0 = app_elapsed_ms();
    sc_round *round = NULL;
    int rc = rounds_plan(s, &shape, policy, (uint64_t)seed, scenario, now, new_room_id, NULL, &round);
    if (rc) {
        reply_error(c, r, rc == ROUNDS_ERR_NOMEM ? ERR_INTERNAL : ERR_CONFLICT, "%s", rounds_error_message(rc));
        return;
    }
    double t1 = app_elapsed_ms();
    /* save on the helper thread while the messages are built here; queue them only once saved */
    round_to_save job = { s, round };
    store_async save;
    store_async_begin(&save, app->store, save_round, &job);
    staged msgs = { 0 };
    int staged_ok = stage_round(round, now, &msgs) == 0;
    double t2 = app_elapsed_ms();
    int saved = store_async_end(&save);
    if (save.commit_s > 0) metrics_observe(MH_COMMIT, save.commit_s);
    if (save.commit_failed) metrics_inc(MC_COMMIT_FAILURES);
    if (saved != 0) {
        lwsl_err("commit_failed: round %u of a session not saved (%s); nothing was launched\n", round->number, save.error);
        staged_free(&msgs);
        rounds_free_round(round);
        reply_error(c, r, ERR_INTERNAL, "Could not save the round; nothing was launched. Try again.");
        return;
    }
    double t3 = app_elapsed_ms();
    rounds_attach(&app->world, s, round);
    reply(c, r, json_pack("{s:s, s:o, s:I}", "type", "round_launched", "round", view_round(round), "rooms", (json_int_t)round->n_rooms));
    if (staged_ok) {
        staged_queue(&msgs);
    } else {   /* out of memory while staging: build and send them the ordinary way */
        for (size_t i = 0; i < round->n_rooms; i++) announce_room_members(round->rooms[i], now, 1);
    }
    staged_free(&msgs);
    /* people present but not placed (offline at launch, or arriving later) wait in the lobby */
    json_t *lobby = json_pack("{s:s, s:b, s:s}", "type", "lobby", "round_active", 1, "message",
                              "A round is under way. The facilitator can see you are waiting and will place you in a room, "
                              "or you will join the next round.");
    size_t placed = 0;
    for (size_t i = 0; i < s->n_people; i++) {
        if (s->people[i]->left_ms) continue;
        if (s->people[i]->room) placed++;
        else send_to_participant(s->people[i], lobby);
    }
    json_decref(lobby);
    after_fanout_add(send_launch_overview, s, NULL);
    room_clock_reschedule(now);
    metrics_observe(MH_LAUNCH, (app_elapsed_ms() - t0) / 1000.0);
    lwsl_notice("launch: round %u: %zu people in %zu rooms (planned in %.1f ms, messages built in %.1f ms while saving, "
                "saved %.1f ms later, queued in %.1f ms)\n",
                round->number, placed, round->n_rooms, t1 - t0, t2 - t1, t3 - t2, app_elapsed_ms() - t3);
}

static const route routes[] = {
    { "launch_round", ACTION_FACILITATE,
      FIELDS("turns", "practice_s", "feedback_s", "soften_s", "grace_s", "policy", "scenario", "seed"), h_launch_round },
};

const feature feat_launch = { .name = "launch", ROUTES(routes) };
