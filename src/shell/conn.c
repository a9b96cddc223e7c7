/* conn — see conn.h. */
#include "conn.h"
#include "app.h"
#include "metrics.h"
#include "wsframe.h"
#include <libwebsockets.h>
#include <stdlib.h>
#include <string.h>

/* Participant connections with something queued: after_fanout waits for this to reach 0. */
static size_t backlog;

size_t conn_backlog(void) { return backlog; }

static void backlog_leave(conn *c)
{
    if (c->in_backlog) { c->in_backlog = 0; backlog--; }
}

void conn_init(conn *c, struct lws *wsi, const char *ip)
{
    memset(c, 0, sizeof *c);
    c->wsi = wsi;
    snprintf(c->ip, sizeof c->ip, "%s", ip ? ip : "");
    metrics_conn_role(-1, ACTOR_NONE);
}

void conn_release(conn *c)
{
    conn_unbind(c);
    metrics_conn_role(ACTOR_NONE, -1);
    metrics_queue_bytes(-(int64_t)c->queued_bytes);
    backlog_leave(c);
    for (out_msg *m = c->head, *n; m; m = n) { n = m->next; free(m); }
    c->head = c->tail = NULL;
    c->queued_bytes = c->queued_count = 0;
    free(c->rx);
    c->rx = NULL;
}

out_msg *conn_msg_new(const char *payload, size_t len)
{
    out_msg *m = malloc(sizeof *m + LWS_PRE + len);
    if (!m) return NULL;
    m->next = NULL;
    m->queued_ms = 0;
    m->len = len;
    memcpy(m->data + LWS_PRE, payload, len);
    return m;
}

void conn_queue(conn *c, out_msg *m)
{
    if (!m) return;
    if (c->culled) { free(m); return; }
    int fac = c->actor == ACTOR_FACILITATOR;
    size_t max_bytes = fac ? CONN_FACILITATOR_QUEUE_MAX_BYTES : CONN_QUEUE_MAX_BYTES;
    size_t max_count = fac ? CONN_FACILITATOR_QUEUE_MAX_MESSAGES : CONN_QUEUE_MAX_MESSAGES;
    int64_t now = app ? app_now_ms() : 0;
    int stale = c->head && now - c->head->queued_ms > CONN_QUEUE_MAX_AGE_MS;
    if (c->queued_bytes + m->len > max_bytes || c->queued_count >= max_count || stale) {
        /* A laggard: close it instead of buffering without bound. It resumes on reconnect. */
        free(m);
        c->culled = 1;
        if (app) app->culled++;
        metrics_inc(MC_LAGGARDS_CULLED);
        lwsl_warn("laggard: closed a %s connection (%s; %zu messages, %zu bytes queued)\n",
                  fac ? "facilitator" : c->actor == ACTOR_PARTICIPANT ? "participant" : "anonymous",
                  stale ? "nothing taken for 30 s" : "queue limit", c->queued_count, c->queued_bytes);
        if (c->wsi) lws_set_timeout(c->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return;
    }
    m->next = NULL;
    m->queued_ms = now;
    if (!c->head && !fac) { c->in_backlog = 1; backlog++; }
    if (c->tail) c->tail->next = m; else c->head = m;
    c->tail = m;
    c->queued_bytes += m->len;
    c->queued_count++;
    if (app) app->messages_out++;
    metrics_queue_bytes((int64_t)m->len);
    metrics_msg_out((const char *)m->data + LWS_PRE, m->len);
    if (c->wsi) lws_callback_on_writable(c->wsi);
}

void conn_send_raw(conn *c, const char *payload, size_t len)
{
    if (!c->culled) conn_queue(c, conn_msg_new(payload, len));
}

void conn_send(conn *c, json_t *msg)
{
    char *s = json_dumps(msg, JSON_COMPACT);
    if (!s) return;
    conn_send_raw(c, s, strlen(s));
    free(s);
}

out_msg *conn_pop(conn *c)
{
    out_msg *m = c->head;
    if (!m) return NULL;
    c->head = m->next;
    if (!c->head) { c->tail = NULL; backlog_leave(c); }
    c->queued_bytes -= m->len;
    c->queued_count--;
    metrics_queue_bytes(-(int64_t)m->len);
    return m;
}

static int batch_fits(size_t used, const out_msg *next, size_t cap)
{
    return next && used + WSFRAME_HEADER_MAX + next->len <= cap;
}

size_t conn_take_batch(conn *c, unsigned char *buf, size_t cap)
{
    if (!c->head || !batch_fits(WSFRAME_HEADER_MAX + c->head->len, c->head->next, cap)) return 0;
    size_t used = 0;
    do {
        out_msg *m = conn_pop(c);
        used += wsframe_text_header(m->len, buf + used);
        memcpy(buf + used, m->data + LWS_PRE, m->len);
        used += m->len;
        free(m);
    } while (batch_fits(used, c->head, cap));
    return used;
}

static void link_peer(conn **head, conn *c)
{
    c->peer_prev = NULL;
    c->peer_next = *head;
    if (*head) (*head)->peer_prev = c;
    *head = c;
}

static void unlink_peer(conn **head, conn *c)
{
    if (c->peer_prev) c->peer_prev->peer_next = c->peer_next; else *head = c->peer_next;
    if (c->peer_next) c->peer_next->peer_prev = c->peer_prev;
    c->peer_next = c->peer_prev = NULL;
}

void conn_bind_facilitator(conn *c, sc_session *s)
{
    metrics_conn_role(c->actor, ACTOR_FACILITATOR);
    c->actor = ACTOR_FACILITATOR;
    c->session = s;
    link_peer((conn **)&s->shell_facilitator_conns, c);
    s->facilitator_online++;
}

int conn_bind_participant(conn *c, sc_participant *p)
{
    metrics_conn_role(c->actor, ACTOR_PARTICIPANT);
    c->actor = ACTOR_PARTICIPANT;
    c->session = p->session;
    c->participant = p;
    link_peer((conn **)&p->shell_conns, c);
    return world_participant_online(p);
}

int conn_unbind(conn *c)
{
    int went_offline = 0;
    if (c->actor == ACTOR_PARTICIPANT && c->participant) {
        unlink_peer((conn **)&c->participant->shell_conns, c);
        went_offline = world_participant_offline(c->participant);
    } else if (c->actor == ACTOR_FACILITATOR && c->session) {
        unlink_peer((conn **)&c->session->shell_facilitator_conns, c);
        if (c->session->facilitator_online) c->session->facilitator_online--;
    }
    metrics_conn_role(c->actor, ACTOR_NONE);
    c->actor = ACTOR_NONE;
    c->participant = NULL;
    c->session = NULL;
    return went_offline;
}

static void send_text_to_list(conn *head, const char *text, size_t len)
{
    for (conn *c = head, *next; c; c = next) {
        next = c->peer_next;
        conn_send_raw(c, text, len);
    }
}

/* Serialises once, then queues the same bytes on every connection of the person. */
static void send_to_list(conn *head, json_t *msg)
{
    if (!head) return;
    char *s = json_dumps(msg, JSON_COMPACT);
    if (!s) return;
    send_text_to_list(head, s, strlen(s));
    free(s);
}

void send_to_participant(sc_participant *p, json_t *msg) { send_to_list(p->shell_conns, msg); }
void send_to_facilitator(sc_session *s, json_t *msg) { send_to_list(s->shell_facilitator_conns, msg); }
void send_text_to_participant(sc_participant *p, const char *text, size_t len) { send_text_to_list(p->shell_conns, text, len); }
