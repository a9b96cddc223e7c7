/* feat_account — a participant's own account: revoke_link (a new return link; every other
 * connection signed in with the old one is signed out) and delete_me (their content erased, their
 * seat handed over, every connection signed out). */
#include "app.h"
#include "writer.h"
#include "registry.h"
#include "presence.h"
#include "reply.h"
#include "seat.h"
#include "store_feedback.h"
#include "store_followup.h"
#include "token.h"
#include <stdio.h>
#include <string.h>

static void h_revoke_link(conn *c, proto_request *r, int64_t now)
{
    sc_participant *p = c->participant;
    char token[TOKEN_TEXT_LEN + 1];
    unsigned char hash[TOKEN_HASH_LEN];
    token_new('p', token);
    token_hash(token, strlen(token), hash);
    if (store_replace_token(app->store, p->pid, hash) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not make a new link; your old link still works. Try again.");
        return;
    }
    if (world_replace_token(&app->world, p, hash) != SC_OK) {
        reply_error(c, r, ERR_INTERNAL, "Could not make a new link; try again after a reload.");
        return;
    }
    reply(c, r, json_pack("{s:s, s:s}", "type", "link_revoked", "token", token));
    /* Whoever else is signed in with the old link is signed out: that is what revoking is for.
     * This connection stays, so the person stays online. */
    sign_out(p, c, "revoked", 0);
}

static void h_delete_me(conn *c, proto_request *r, int64_t now)
{
    int confirm = 0;
    char why[200];
    if (proto_get_bool(r->root, "confirm", &confirm, why, sizeof why) < 0 || !confirm) {   /* one sentence for both */
        reply_error(c, r, ERR_BAD_REQUEST, "Deleting your account removes your messages and feedback for good; send \"confirm\": true to go ahead.");
        return;
    }
    sc_participant *p = c->participant;
    rounds_seat_change seat;
    writer_flush();   /* their queued writes land first, then go with the rest */
    int ok = store_begin(app->store) == 0 && store_delete_participant(app->store, p->pid, now) == 0 &&
             seat_leave_save(p, now, &seat) == 0;
    if (store_end(app->store, ok) != 0) {
        reply_error(c, r, ERR_INTERNAL, "Could not delete your account; nothing was deleted. Try again.");
        return;
    }
    seat_leave_apply(p, &seat, now);
    world_mark_left(&app->world, p, now);
    p->deleted_ms = now;
    snprintf(p->name, sizeof p->name, "(deleted)");
    sc_session *s = c->session;
    for (size_t i = 0; i < s->n_help; i++)
        if (s->help[i]->p == p) s->help[i]->text[0] = '\0';   /* as in the store */
    store_load_feedback_counts(app->store, &app->world);     /* their feedback is gone from the counts */
    reply_ok(c, r);
    sign_out(p, c, "deleted", 1);
    announce_presence(p, 1);
}

static const route routes[] = {
    { "revoke_link", ACTION_FOLLOWUP, NO_FIELDS, h_revoke_link },
    { "delete_me", ACTION_FOLLOWUP, FIELDS("confirm"), h_delete_me },
};

const feature feat_account = { .name = "account", ROUTES(routes) };
