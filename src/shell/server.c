/* server — see server.h. Every write happens in a WRITEABLE callback, one lws_write each. */
#include "server.h"
#include "conn.h"
#include "dispatch.h"
#include "registry.h"
#include "protocol.h"
#include "after_fanout.h"
#include "checkpoint.h"
#include "metrics_scrape.h"
#include "writer.h"
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>

static struct lws_context *ctx;
static struct lws_vhost *vhost;
static volatile sig_atomic_t stopping;

static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/* Adds the headers every HTTP response carries. Returns non-zero if they did not fit. */
static int add_security_headers(struct lws *wsi, unsigned char **p, unsigned char *end)
{
    static const struct { const char *name, *value; } h[] = {
        { "content-security-policy:", csp },
        { "x-content-type-options:", "nosniff" },
        { "referrer-policy:", "no-referrer" },
        { "x-frame-options:", "DENY" },
        { "cache-control:", "no-cache" },
    };
    for (size_t i = 0; i < sizeof h / sizeof h[0]; i++)
        if (lws_add_http_header_by_name(wsi, (const unsigned char *)h[i].name, (const unsigned char *)h[i].value,
                                        (int)strlen(h[i].value), p, end))
            return 1;
    return 0;
}

typedef struct { char body[512]; size_t len; char *big; size_t big_off; } http_pss;   /* big: a /metrics body (malloc'd) */

static int cb_http(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
    http_pss *hp = user;
    switch (reason) {
    case LWS_CALLBACK_ADD_HEADERS: {
        struct lws_process_html_args *args = in;
        unsigned char *p = (unsigned char *)args->p, *end = p + args->max_len;
        if (add_security_headers(wsi, &p, end)) return 1;
        args->max_len -= (int)(p - (unsigned char *)args->p);
        args->p = (char *)p;
        return 0;
    }
    case LWS_CALLBACK_HTTP: {
        /* Reached for the /healthz mount and, from the file mount, for paths with no file. */
        char path[128] = "";
        lws_hdr_copy(wsi, path, sizeof path, WSI_TOKEN_GET_URI);   /* the whole path, whichever mount */
        int status = HTTP_STATUS_OK;
        const char *type = "application/json";
        free(hp->big);
        hp->big = NULL;
        hp->big_off = 0;
        int unauthorized = 0;
        if (!strcmp(path, "/metrics") || !strcmp(path, "/metrics/")) {
            char auth[CONFIG_SECRET_MAX + 64] = "";   /* the token is never logged or kept */
            int has_auth = lws_hdr_copy(wsi, auth, sizeof auth, WSI_TOKEN_HTTP_AUTHORIZATION) > 0;
            int allowed = metrics_scrape_authorized(has_auth ? auth : NULL);
            explicit_bzero(auth, sizeof auth);
            type = "text/plain; charset=utf-8";
            if (!allowed) {
                status = HTTP_STATUS_UNAUTHORIZED;
                unauthorized = 1;
                hp->len = (size_t)snprintf(hp->body, sizeof hp->body, "A bearer token is required (Authorization: Bearer <token>).\n");
            } else if (!(hp->big = metrics_scrape(server_capacity(), &hp->len))) {   /* sent from big_off = 0 */
                status = HTTP_STATUS_INTERNAL_SERVER_ERROR;
                hp->len = (size_t)snprintf(hp->body, sizeof hp->body, "Could not render the metrics.\n");
            } else {
                type = "text/plain; version=0.0.4; charset=utf-8";
            }
        } else if (!strcmp(path, "/healthz") || !strcmp(path, "/healthz/")) {
            int64_t now = app_now_ms();
            hp->len = (size_t)snprintf(hp->body, sizeof hp->body,
                                       "{\"status\":\"ok\",\"version\":\"0.1.0\",\"uptime_s\":%lld,\"sessions\":%zu,\"server_time\":%lld}\n",
                                       (long long)((now - app->started_ms) / 1000), app->world.n_sessions, (long long)now);
        } else {
            status = HTTP_STATUS_NOT_FOUND;
            type = "text/plain; charset=utf-8";
            hp->len = (size_t)snprintf(hp->body, sizeof hp->body, "Not found. Participants start at /, facilitators at /facilitate.html\n");
        }
        unsigned char buf[LWS_PRE + 2048], *start = &buf[LWS_PRE], *p = start, *end = &buf[sizeof buf - 1];
        static const char bearer[] = "Bearer realm=\"softclose metrics\"";
        if (lws_add_http_common_headers(wsi, (unsigned)status, type, hp->len, &p, end) ||
            add_security_headers(wsi, &p, end) ||
            (unauthorized && lws_add_http_header_by_name(wsi, (const unsigned char *)"www-authenticate:",
                                                         (const unsigned char *)bearer, (int)strlen(bearer), &p, end)) ||
            lws_finalize_write_http_header(wsi, start, &p, end))
            return 1;
        lws_callback_on_writable(wsi);
        return 0;
    }
    case LWS_CALLBACK_HTTP_WRITEABLE: {
        if (hp->big) {   /* /metrics: the rendered text in chunks, one write per WRITEABLE */
            unsigned char out[LWS_PRE + 4096];
            size_t n = hp->len - hp->big_off < 4096 ? hp->len - hp->big_off : 4096;
            int last = hp->big_off + n == hp->len;
            memcpy(out + LWS_PRE, hp->big + hp->big_off, n);
            if (lws_write(wsi, out + LWS_PRE, n, last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) != (int)n) return 1;
            hp->big_off += n;
            if (!last) { lws_callback_on_writable(wsi); return 0; }
            free(hp->big);
            hp->big = NULL;
            if (lws_http_transaction_completed(wsi)) return -1;
            return 0;
        }
        unsigned char buf[LWS_PRE + sizeof hp->body];
        memcpy(buf + LWS_PRE, hp->body, hp->len);
        if (lws_write(wsi, buf + LWS_PRE, hp->len, LWS_WRITE_HTTP_FINAL) != (int)hp->len) return 1;
        if (lws_http_transaction_completed(wsi)) return -1;
        return 0;
    }
    case LWS_CALLBACK_CLOSED_HTTP:
        if (hp) { free(hp->big); hp->big = NULL; }
        break;
    default:
        break;
    }
    return lws_callback_http_dummy(wsi, reason, user, in, len);
}

/* One send per WRITEABLE. When several small messages wait (a launch queues `room` and `phase`
 * for each person), conn_take_batch frames them as consecutive WebSocket messages and they are
 * written with LWS_WRITE_RAW, which lws passes through unframed and buffers on a partial send
 * like any other write. At 10,000 people the sends are most of what a launch costs; this halves
 * them. A lone message, or one too large for the batch, is framed by lws as usual. */
#define WRITE_BATCH_MAX (64 * 1024)
static unsigned char write_batch[LWS_PRE + WRITE_BATCH_MAX];

static int write_queued(struct lws *wsi, conn *c)
{
    /* Raw bytes only on a connection that owns its socket: a WebSocket carried in an HTTP/2 stream
     * needs lws's own framing (our admission refuses those today, but do not depend on that).
     * No extension is ever negotiated (info.extensions stays NULL), so our frames need no RSV bits. */
    size_t used = lws_get_network_wsi(wsi) == wsi ? conn_take_batch(c, write_batch + LWS_PRE, WRITE_BATCH_MAX) : 0;
    if (used) return lws_write(wsi, write_batch + LWS_PRE, used, LWS_WRITE_RAW) < 0 ? -1 : 0;
    out_msg *m = conn_pop(c);
    if (!m) return 0;
    int n = lws_write(wsi, m->data + LWS_PRE, m->len, LWS_WRITE_TEXT);
    free(m);
    return n < 0 ? -1 : 0;
}

/* A browser always sends Origin; it must be one we allow. Non-browser clients send none. */
static int origin_allowed(struct lws *wsi)
{
    char origin[256], host[256];
    if (lws_hdr_total_length(wsi, WSI_TOKEN_ORIGIN) <= 0) return 1;             /* not a browser */
    if (lws_hdr_copy(wsi, origin, sizeof origin, WSI_TOKEN_ORIGIN) <= 0) return 0; /* too long to be ours */
    if (app->cfg->n_origins) {
        for (size_t i = 0; i < app->cfg->n_origins; i++)
            if (!strcasecmp(origin, app->cfg->origins[i])) return 1;
        return 0;
    }
    if (lws_hdr_copy(wsi, host, sizeof host, WSI_TOKEN_HOST) <= 0) return 0;
    const char *o = origin;
    if (!strncasecmp(o, "http://", 7)) o += 7;
    else if (!strncasecmp(o, "https://", 8)) o += 8;
    else return 0;
    return !strcasecmp(o, host);
}

static void handle_complete(conn *c, const char *buf, size_t len)
{
    dispatch_message(c, buf, len, app_now_ms());
}

/* Stores a fragment in the connection's reassembly buffer, which exists only while a message is
 * in flight and is sized to what arrived. Past PROTO_MAX_MESSAGE_BYTES the message is marked too
 * large and its bytes are only counted (for the hard cap), not kept. */
static int rx_append(conn *c, const void *in, size_t len)
{
    if (!c->rx_overflow && c->rx_len + len > PROTO_MAX_MESSAGE_BYTES) {
        c->rx_overflow = 1;
        free(c->rx);
        c->rx = NULL;
    }
    if (!c->rx_overflow && len) {
        char *grown = realloc(c->rx, c->rx_len + len);
        if (!grown) return -1;
        c->rx = grown;
        memcpy(c->rx + c->rx_len, in, len);
    }
    c->rx_len += len;
    return 0;
}

static void rx_reset(conn *c)
{
    free(c->rx);
    c->rx = NULL;
    c->rx_len = 0;
    c->rx_overflow = 0;
}

/* One receive callback. Almost every message arrives whole in one callback: it is parsed straight
 * from lws' buffer, with no copy. Only a message split over several callbacks is reassembled, and
 * that buffer is freed once the message is complete, so an idle connection holds no receive
 * memory (it held 16 KiB for life before). */
static int receive(struct lws *wsi, conn *c, const char *in, size_t len)
{
    int first = lws_is_first_fragment(wsi), last = lws_is_final_fragment(wsi) && !lws_remaining_packet_payload(wsi);
    if (first) rx_reset(c);
    if (lws_frame_is_binary(wsi)) c->rx_overflow = 2;
    if (first && last && !c->rx_overflow && len <= PROTO_MAX_MESSAGE_BYTES) {
        handle_complete(c, in, len);
        return 0;
    }
    if (rx_append(c, in, len) != 0) return -1;
    if (c->rx_len > SERVER_MAX_FRAME_TOTAL) {
        lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE, (unsigned char *)"message too large", 17);
        return -1;
    }
    if (!last) return 0;
    if (c->rx_overflow == 1) {
        json_t *m = proto_error_reply(NULL, ERR_TOO_LARGE, "The message is larger than 16 KiB; send less at once.");
        conn_send(c, m);
        json_decref(m);
    } else if (c->rx_overflow == 2) {
        json_t *m = proto_error_reply(NULL, ERR_BAD_REQUEST, "Send text frames holding JSON, not binary frames.");
        conn_send(c, m);
        json_decref(m);
    } else {
        handle_complete(c, c->rx, c->rx_len);
    }
    rx_reset(c);
    return 0;
}

/* Capacity: one descriptor per connection; the rest of the open-file limit is kept for HTTP
 * requests, the database and the listening socket (see server_capacity). */
#define SERVER_FD_RESERVE 256
static size_t capacity = SIZE_MAX, n_websockets, refused_full;

size_t server_capacity(void) { return capacity; }

static int cb_ws(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
    conn *c = user;
    switch (reason) {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION: {
        char uri[64];
        if (lws_hdr_copy(wsi, uri, sizeof uri, WSI_TOKEN_GET_URI) <= 0 || strcmp(uri, "/ws")) return 1;
        if (n_websockets >= capacity) {   /* a clean refusal at the door, never a crash at the limit */
            if (!refused_full++) lwsl_warn("at capacity (%zu connections): refusing new websockets\n", capacity);
            return 1;
        }
        if (!origin_allowed(wsi)) {
            lwsl_notice("refused a websocket from a foreign origin\n");
            return 1;
        }
        return 0;
    }
    case LWS_CALLBACK_ESTABLISHED: {
        char ip[64] = "";
        lws_get_peer_simple(wsi, ip, sizeof ip);
        conn_init(c, wsi, ip);
        n_websockets++;
        return 0;
    }
    case LWS_CALLBACK_RECEIVE:
        return receive(wsi, c, in, len);
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:   /* the writer committed a batch (or a signal) */
        writer_drain();
        return 0;
    case LWS_CALLBACK_SERVER_WRITEABLE:
        if (write_queued(wsi, c) < 0) return -1;
        if (c->head) lws_callback_on_writable(wsi);
        else after_fanout_poll();
        return 0;
    case LWS_CALLBACK_CLOSED:
        if (!c->wsi) return 0;   /* refused before it was established (lws may still report it) */
        dispatch_on_close(c, app_now_ms());
        writer_forget(c);   /* its queued writes still land; their replies go nowhere */
        conn_release(c);
        n_websockets--;
        if (n_websockets < capacity) refused_full = 0;
        after_fanout_poll();   /* it may have been the last one with something queued */
        return 0;
    default:
        return 0;
    }
}

#define SERVER_RX_BUFFER_BYTES 1024
static struct lws_protocols protocols[] = {
    { "http", cb_http, sizeof(http_pss), 0, 0, NULL, 0 },
    /* rx_buffer_size 1 KiB: lws gives every connection a receive buffer of this size for life
     * (measured with bench/floor.c --rx-bytes at 5,000 connections: 5.32 kB per
     * connection with 4 KiB, 2.33 kB with 1 KiB). Almost
     * every message is smaller; a larger one arrives in pieces and receive() reassembles it in a
     * buffer sized to it, freed after.
     * tx_packet_size 256 KiB: with 0, lws would send at most rx_buffer_size per pass of the service
     * loop, and a facilitator overview of several MiB took hundreds of passes, each a poll() over
     * every connection. */
    { "softclose", cb_ws, sizeof(conn), SERVER_RX_BUFFER_BYTES, 0, NULL, 256 * 1024 },
    { NULL, NULL, 0, 0, 0, NULL, 0 }
};

/* With no subprotocol in the request, lws would bind the websocket to protocols[0]; this marks
 * ours as the default so any plain websocket client works. */
static const struct lws_protocol_vhost_options pvo_default = { NULL, NULL, "default", "1" };
static const struct lws_protocol_vhost_options pvo = { NULL, &pvo_default, "softclose", "" };

static const struct lws_protocol_vhost_options mime_json = { NULL, NULL, ".json", "application/json" };
static const struct lws_protocol_vhost_options mime_svg = { &mime_json, NULL, ".svg", "image/svg+xml" };
static const struct lws_protocol_vhost_options mime_mjs = { &mime_svg, NULL, ".mjs", "text/javascript" };
static const struct lws_protocol_vhost_options mime_js = { &mime_mjs, NULL, ".js", "text/javascript" };
static const struct lws_protocol_vhost_options mime_txt = { &mime_js, NULL, ".webmanifest", "application/manifest+json" };

static struct lws_http_mount mount_health, mount_metrics, mount_web;

static const lws_retry_bo_t retry = {
    /* Ping after 4 min without a valid pong, drop after 5 min. Much longer than usual on purpose:
     * lws 4.1 re-sorts one timer list per ping, so at 10,000 connections a wave of pings costs
     * about a second of CPU per second (measured by bench/run-fanout.sh). Browsers also send an
     * app-level ping every 60 s, which keeps proxies from closing idle connections. */
    .secs_since_valid_ping = 240,
    .secs_since_valid_hangup = 300,
};

int server_start(app_t *a, char *err, size_t err_size)
{
    /* logging is set up by main (log_setup), before the store is opened */
    mount_health = (struct lws_http_mount){ .mountpoint = "/healthz", .mountpoint_len = 8, .origin = "http",
                                            .origin_protocol = LWSMPRO_CALLBACK, .protocol = "http" };
    mount_metrics = (struct lws_http_mount){ .mount_next = &mount_health, .mountpoint = "/metrics", .mountpoint_len = 8,
                                             .origin = "http", .origin_protocol = LWSMPRO_CALLBACK, .protocol = "http" };
    mount_web = (struct lws_http_mount){ .mount_next = &mount_metrics, .mountpoint = "/", .mountpoint_len = 1,
                                         .origin = a->cfg->web_root, .def = "index.html",
                                         .origin_protocol = LWSMPRO_FILE, .extra_mimetypes = &mime_txt, .protocol = "http" };
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = a->cfg->port;   /* 0: the kernel picks a free port (tests); server_port() tells which */
    info.iface = a->cfg->host;
    info.protocols = protocols;
    info.pvo = &pvo;
    info.mounts = &mount_web;
    info.retry_and_idle_policy = &retry;
    info.vhost_name = "softclose";
    info.server_string = "softclose";
    if (*a->cfg->tls_cert) {
        info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
        info.ssl_cert_filepath = a->cfg->tls_cert;
        info.ssl_private_key_filepath = a->cfg->tls_key;
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        capacity = rl.rlim_cur > SERVER_FD_RESERVE * 2 ? (size_t)rl.rlim_cur - SERVER_FD_RESERVE : (size_t)rl.rlim_cur / 2;
    ctx = lws_create_context(&info);
    if (!ctx) {
        snprintf(err, err_size, "cannot listen on %s:%d (in use, or not an address of this machine?)", a->cfg->host, a->cfg->port);
        return -1;
    }
    vhost = lws_get_vhost_by_name(ctx, "softclose");
    a->lws = ctx;
    return 0;
}

int server_port(void) { return vhost ? lws_get_vhost_listen_port(vhost) : -1; }

void server_run(void)
{
    while (!stopping)
        if (lws_service(ctx, 0) < 0) break;
}

void server_stop(void)
{
    stopping = 1;
    if (ctx) lws_cancel_service(ctx);
}

void server_destroy(void)
{
    registry_stop();
    checkpoint_shutdown();
    after_fanout_shutdown();
    if (ctx) lws_context_destroy(ctx);
    ctx = NULL;
}
