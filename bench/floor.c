/* floor — a bare libwebsockets server that is only the floor for bench/run-fanout.sh (issue 10):
 * the same lws 4.1 and the same bytes per person as softclose, and no application logic. It
 * answers just what bench/loadgen needs: create_session → session_created; join → welcome;
 * hello → welcome + help_list; ping → pong; launch_round → round_launched, then to every
 * participant a `room` and a `phase` message padded to --room-bytes and --phase-bytes (what
 * softclose sent per person, measured by loadgen in the same run), and the facilitator `rooms`
 * and `roster`; at each shared deadline one `phase` to everyone (soften after practice_s, closed
 * after soften_s more) and one `rooms_update` naming every room to the facilitator. No store, no rooms, no checks: anything softclose costs above this is its
 * own. One lws_write per WRITEABLE, a queue per connection.
 *   floor --port P [--port-file F] [--room-bytes B] [--phase-bytes B] [--rx-bytes B (default 4096; run-floor.sh passes softclose's 1024)] */
#include <jansson.h>
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct msg { struct msg *next; size_t len; unsigned char data[]; } msg;
typedef struct { msg *head, *tail; int is_participant; size_t index; } pss;

static struct lws_context *ctx;
static struct lws **people;          /* participants in join order (NULL once closed) */
static size_t n_people, cap_people;
static size_t room_bytes = 700, phase_bytes = 200;
static int64_t deadline_ms[3];       /* practice end, soften end */
static int phase_at;                 /* phases sent so far after the launch */
static lws_sorted_usec_list_t sul_deadline;
static struct lws *fac_wsi;          /* who launched: gets a rooms_update at each deadline */
static volatile sig_atomic_t stopping;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Queues text (padded with a "pad" field up to `pad_to` bytes when longer is asked for). */
static void queue(struct lws *wsi, const char *text, size_t pad_to)
{
    pss *p = lws_wsi_user(wsi);
    size_t len = strlen(text), total = len < pad_to ? pad_to : len;
    msg *m = malloc(sizeof *m + LWS_PRE + total);
    if (!m) return;
    char *out = (char *)m->data + LWS_PRE;
    if (total > len && len > 1 && total - len >= 10) {   /* …,"pad":"xxxx"} */
        memcpy(out, text, len - 1);
        size_t k = len - 1;
        memcpy(out + k, ",\"pad\":\"", 8);
        k += 8;
        memset(out + k, 'x', total - k - 2);
        memcpy(out + total - 2, "\"}", 2);
    } else {
        memcpy(out, text, len);
        total = len;
    }
    m->len = total;
    m->next = NULL;
    if (p->tail) p->tail->next = m;
    else p->head = m;
    p->tail = m;
    lws_callback_on_writable(wsi);
}

static void send_phase(const char *name, int64_t deadline)
{
    char buf[256];
    int64_t t = now_ms();
    for (size_t i = 0; i < n_people; i++) {
        if (!people[i]) continue;
        if (deadline >= 0)
            snprintf(buf, sizeof buf, "{\"type\":\"phase\",\"room\":\"r%zu\",\"phase\":\"%s\",\"deadline\":%lld,\"server_time\":%lld}", i / 3,
                     name, (long long)deadline, (long long)t);
        else
            snprintf(buf, sizeof buf, "{\"type\":\"phase\",\"room\":\"r%zu\",\"phase\":\"%s\",\"deadline\":null,\"server_time\":%lld}", i / 3,
                     name, (long long)t);
        queue(people[i], buf, phase_bytes);
    }
}

/* The facilitator's view of a deadline: one rooms_update naming every room (softclose sends one
 * per shared deadline too; bench/loadgen waits for a room number per room). */
static void send_rooms_update(void)
{
    if (!fac_wsi) return;
    size_t rooms = (n_people + 2) / 3, cap = 64 + rooms * 16, k = 0;
    char *b = malloc(cap);
    if (!b) return;
    k += (size_t)snprintf(b + k, cap - k, "{\"type\":\"rooms_update\",\"rooms\":[");
    for (size_t r = 0; r < rooms; r++) k += (size_t)snprintf(b + k, cap - k, "%s{\"number\":%zu}", r ? "," : "", r + 1);
    snprintf(b + k, cap - k, "]}");
    queue(fac_wsi, b, 0);
    free(b);
}

static void on_deadline(lws_sorted_usec_list_t *sul __attribute__((unused)))
{
    if (phase_at == 1) {
        send_phase("soften", deadline_ms[1]);
        send_rooms_update();
        phase_at = 2;
        lws_sul_schedule(ctx, 0, &sul_deadline, on_deadline, (deadline_ms[1] - now_ms()) * LWS_US_PER_MS);
    } else if (phase_at == 2) {
        send_phase("closed", -1);
        send_rooms_update();
        phase_at = 3;
    }
}

static void launch(struct lws *fac, json_t *req)
{
    json_int_t practice = 10, soften = 10;
    json_unpack(req, "{s?I, s?I}", "practice_s", &practice, "soften_s", &soften);
    int64_t t = now_ms();
    deadline_ms[0] = t + practice * 1000;
    deadline_ms[1] = deadline_ms[0] + soften * 1000;
    size_t rooms = (n_people + 2) / 3;
    char buf[256];
    fac_wsi = fac;
    snprintf(buf, sizeof buf, "{\"type\":\"round_launched\",\"re\":%lld,\"rooms\":%zu}",
             (long long)json_integer_value(json_object_get(req, "id")), rooms);
    queue(fac, buf, 0);
    for (size_t i = 0; i < n_people; i++) {
        if (!people[i]) continue;
        snprintf(buf, sizeof buf, "{\"type\":\"room\",\"room\":{\"id\":\"r%zu\",\"number\":%zu}}", i / 3, i / 3 + 1);
        queue(people[i], buf, room_bytes);
    }
    send_phase("practice", deadline_ms[0]);
    queue(fac, "{\"type\":\"rooms\",\"rooms\":[]}", 0);
    queue(fac, "{\"type\":\"roster\",\"people\":[]}", 0);
    phase_at = 1;
    lws_sul_schedule(ctx, 0, &sul_deadline, on_deadline, (deadline_ms[0] - now_ms()) * LWS_US_PER_MS);
}

static void on_message(struct lws *wsi, const char *in, size_t len)
{
    json_error_t err;
    json_t *req = json_loadb(in, len, JSON_REJECT_DUPLICATES, &err);
    const char *type = req ? json_string_value(json_object_get(req, "type")) : NULL;
    long long id = req ? (long long)json_integer_value(json_object_get(req, "id")) : 0;
    char buf[256];
    pss *p = lws_wsi_user(wsi);
    if (!type) {
        queue(wsi, "{\"type\":\"error\",\"code\":\"bad_request\"}", 0);
    } else if (!strcmp(type, "create_session")) {
        snprintf(buf, sizeof buf, "{\"type\":\"session_created\",\"re\":%lld,\"session\":{\"code\":\"FLOOR2\"},\"facilitator_token\":\"f\"}", id);
        queue(wsi, buf, 0);
    } else if (!strcmp(type, "join")) {
        if (n_people == cap_people) {
            cap_people = cap_people ? cap_people * 2 : 1024;
            people = realloc(people, cap_people * sizeof *people);
        }
        p->is_participant = 1;
        p->index = n_people;
        people[n_people++] = wsi;
        snprintf(buf, sizeof buf, "{\"type\":\"welcome\",\"re\":%lld,\"token\":\"t%zu\",\"participant\":{\"id\":\"p%zu\"}}", id, p->index, p->index);
        queue(wsi, buf, 0);
    } else if (!strcmp(type, "hello")) {
        snprintf(buf, sizeof buf, "{\"type\":\"welcome\",\"re\":%lld}", id);
        queue(wsi, buf, 0);
        queue(wsi, "{\"type\":\"help_list\",\"help\":[]}", 0);
    } else if (!strcmp(type, "ping")) {
        snprintf(buf, sizeof buf, "{\"type\":\"pong\",\"re\":%lld,\"server_time\":%lld}", id, (long long)now_ms());
        queue(wsi, buf, 0);
    } else if (!strcmp(type, "launch_round")) {
        launch(wsi, req);
    } else {
        snprintf(buf, sizeof buf, "{\"type\":\"ok\",\"re\":%lld}", id);
        queue(wsi, buf, 0);
    }
    json_decref(req);
}

static int cb_ws(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len)
{
    pss *p = user;
    switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
        memset(p, 0, sizeof *p);
        return 0;
    case LWS_CALLBACK_RECEIVE:
        if (lws_is_first_fragment(wsi) && lws_is_final_fragment(wsi)) on_message(wsi, in, len);
        return 0;   /* the load generator never fragments */
    case LWS_CALLBACK_SERVER_WRITEABLE: {
        msg *m = p->head;
        if (!m) return 0;
        p->head = m->next;
        if (!p->head) p->tail = NULL;
        int n = lws_write(wsi, m->data + LWS_PRE, m->len, LWS_WRITE_TEXT);
        free(m);
        if (n < 0) return -1;
        if (p->head) lws_callback_on_writable(wsi);
        return 0;
    }
    case LWS_CALLBACK_CLOSED:
        if (p->is_participant && p->index < n_people) people[p->index] = NULL;
        if (wsi == fac_wsi) fac_wsi = NULL;
        while (p->head) { msg *m = p->head; p->head = m->next; free(m); }
        return 0;
    default:
        return 0;
    }
}

static struct lws_protocols protocols[] = {
    { "http", lws_callback_http_dummy, 0, 0, 0, NULL, 0 },
    { "floor", cb_ws, sizeof(pss), 4096, 0, NULL, 256 * 1024 },
    { NULL, NULL, 0, 0, 0, NULL, 0 }
};
static const struct lws_protocol_vhost_options pvo_default = { NULL, NULL, "default", "1" };
static const struct lws_protocol_vhost_options pvo = { NULL, &pvo_default, "floor", "" };
static const lws_retry_bo_t retry = { .secs_since_valid_ping = 240, .secs_since_valid_hangup = 300 };

static void on_signal(int sig __attribute__((unused))) { stopping = 1; if (ctx) lws_cancel_service(ctx); }

int main(int argc, char **argv)
{
    int port = 0;
    const char *port_file = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--port-file")) port_file = argv[i + 1];
        else if (!strcmp(argv[i], "--room-bytes")) room_bytes = (size_t)atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--phase-bytes")) phase_bytes = (size_t)atol(argv[i + 1]);
        else if (!strcmp(argv[i], "--rx-bytes")) protocols[1].rx_buffer_size = (size_t)atol(argv[i + 1]);
        else { fprintf(stderr, "floor: unknown option %s\n", argv[i]); return 2; }
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) { rl.rlim_cur = rl.rlim_max; setrlimit(RLIMIT_NOFILE, &rl); }
    lws_set_log_level(LLL_ERR, NULL);
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = port;
    info.iface = "127.0.0.1";
    info.protocols = protocols;
    info.pvo = &pvo;
    info.retry_and_idle_policy = &retry;
    info.vhost_name = "floor";
    ctx = lws_create_context(&info);
    if (!ctx) { fprintf(stderr, "floor: cannot listen\n"); return 1; }
    if (port_file) {
        FILE *f = fopen(port_file, "w");
        if (f) { fprintf(f, "%d\n", lws_get_vhost_listen_port(lws_get_vhost_by_name(ctx, "floor"))); fclose(f); }
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    while (!stopping && lws_service(ctx, 0) >= 0) {}
    lws_context_destroy(ctx);
    return 0;
}
