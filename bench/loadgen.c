/* loadgen — launch fan-out, call signalling and timer-lateness load generator for softclose
 * (bench/run-fanout.sh).
 *
 * One process, one thread, epoll. A hand-written WebSocket client (RFC 6455: fixed
 * Sec-WebSocket-Key, masked text frames out, unmasked frames in with 7/16/64-bit lengths,
 * fragments reassembled, pings answered) holds a facilitator and N participant connections:
 *
 *   1. facilitator: create_session -> session_created (code, facilitator token); it then steps
 *      out during the joins (below);
 *   2. N participants connect (non-blocking, at most --window connecting/joining at once,
 *      optionally paced evenly over --join-spread seconds) and `join`; wait for every `welcome`;
 *   3. the facilitator comes back with `hello {token}`; wait until the server is quiet for 1 s;
 *   4. launch: t0 = CLOCK_MONOTONIC, launch_round {turns:1, practice_s:P, feedback_s:0,
 *      soften_s:S}; per participant, when both its `room` and its first `phase` arrived;
 *      p50/p99/max and the last. Server CPU = sum of /proc/PID/task/<tid>/schedstat (ns;
 *      /proc/PID/stat utime+stime as a fallback) before the launch and once every launch message
 *      was delivered, divided by the messages delivered in between;
 *   4b. with --calls, right after that: every participant sends `call_join`; on its
 *      `call_joined` it sends each peer listed in `peers` an offer (a Chrome-like ~3.9 KB SDP) and
 *      10 candidates; a participant that receives an offer answers (~3.1 KB) and sends 10
 *      candidates back (docs/PROTOCOL.md "Calls"). Each signal carries a sequence number (the
 *      SDP's o= session id, the candidate's foundation): latency = the peer's read minus the
 *      sender's send, p50/p99/max; the burst's length (first call_join to the last relayed
 *      signal), server CPU per relayed signal (schedstat as above; the window also holds the
 *      call_join and the ok to every sender), and the error replies by code (0 expected: the
 *      limit is 120 signals per 10 s per connection, a person sends at most 11 per peer). The
 *      practice must outlast the burst (run-fanout.sh lengthens it); the idle-CPU line of step 5
 *      then starts at the end of the burst;
 *   5. timer lateness: for each participant, the CLOCK_REALTIME arrival of the next `phase`
 *      (soften, then closed) minus the `deadline` of the phase before it (all rooms were launched
 *      together, so they share each deadline); also server_time - deadline (when the server
 *      built the message), and when the facilitator got its last room_update;
 *   6. optionally (--keepalive-window S): server CPU and the round trip of an app-level ping
 *      every 200 ms while nothing else happens (lws keepalive pings only);
 *   7. every participant disconnects at once: server CPU until it is idle again.
 *
 * Facilitator during the joins: the server sends the facilitator one `roster_update` per join
 * and writes at most one message per connection per pass of its service loop, so a burst of
 * joins read several per pass grows the facilitator's queue past 4,096 messages and the server
 * culls it (seen at ~4,300 joins with --window 64). A real class joins over minutes; here the
 * facilitator steps out and resumes with `hello`, as the browser would. --keep-facilitator
 * keeps it connected, to observe that.
 *
 * Every socket is read continuously (the server culls a connection whose queue passes 2 MiB).
 * LOADGEN_DEBUG=1 prints what is sent and, per step, the messages received by type.
 *
 * Build: gcc -O2 -std=c11 -D_GNU_SOURCE -o build/rel/bench/loadgen bench/loadgen.c -ljansson -lm
 * Usage: loadgen --port P --server-pid PID -n N [--practice S] [--soften S] [--window W]
 *                [--join-spread S] [--host 127.0.0.1] [--label TEXT] [--no-lateness]
 *                [--keep-facilitator] [--keepalive-window S] [--calls]
 * Prints result lines; exit status 0 on success, 1 if something did not arrive in time. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* ---- settings ------------------------------------------------------------------------- */

static const char *opt_host = "127.0.0.1";
static int opt_port;
static long opt_pid;
static int opt_n = 1000;
static int opt_practice = 10;
static int opt_soften = 10;
static int opt_window = 64;
static int opt_lateness = 1;
static int opt_keep_fac;
static int opt_join_spread_s;       /* start the connections evenly over at least this many seconds */
static int opt_keepalive_s;         /* seconds to watch the server with only keepalive traffic, after the round */
static const char *opt_label = "";
static int opt_debug;                /* LOADGEN_DEBUG=1: print what is sent, count what arrives */
static int opt_calls;                /* --calls: the call signalling burst after the launch fan-out */
static const char *opt_hold_file;    /* --hold-file F: after the launch, write "code token" to F and wait to be killed */

/* ---- clocks --------------------------------------------------------------------------- */

static int64_t mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int64_t real_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "loadgen: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

/* ---- connections ---------------------------------------------------------------------- */

enum { ST_IDLE, ST_CONNECTING, ST_UPGRADING, ST_OPEN, ST_CLOSED };

#define MAX_PHASES 4

typedef struct lconn {
    int fd;
    int idx;              /* participant index, -1 for the facilitator */
    int state;
    int epoll_out;        /* EPOLLOUT currently requested */
    uint8_t *rb;          /* received bytes not yet parsed: rb[rpos..rlen) */
    size_t rpos, rlen, rcap;
    uint8_t *wb;          /* bytes not yet written: wb[wpos..wlen) */
    size_t wpos, wlen, wcap;
    uint8_t *msg;         /* a fragmented message being reassembled */
    size_t mlen, mcap;
    int in_fragment;
    int in_setup;         /* counted in n_in_setup: connecting or waiting for its welcome */
    /* participant */
    int welcomed;
    int64_t t_room, t_phase;                 /* monotonic µs of the first room / phase after launch */
    int n_phases;
    int64_t deadline_ms[MAX_PHASES];         /* deadline field of each phase message (-1 = null) */
    int64_t arrive_rt_us[MAX_PHASES];        /* CLOCK_REALTIME arrival of each phase message */
    int64_t server_time_ms[MAX_PHASES];      /* server_time field: when the server built the message */
    char phase_name[MAX_PHASES][12];
    char next_name[MAX_PHASES][12];          /* phase.next.phase: the step announced ahead ("" = none) */
    /* call (--calls) */
    int call_join_sent, call_joined;
    char peer_id[48];                        /* own peer id from call_joined */
} lconn;

static int ep;
static lconn fac_conn;
static lconn *parts;
static int64_t now_mono, now_real;           /* taken when the bytes being parsed were read */

/* global progress */
static int n_connected, n_welcomed, n_in_setup, next_to_start, n_closed_unexpected, n_errors;
static int n_room_phase;                      /* participants with both room and first phase */
static int n_phase_seen[MAX_PHASES];          /* participants that have their k-th phase */
static uint64_t msgs_rx;                      /* data messages received on all sockets (pongs excluded) */
static int64_t last_rx_mono;
static int launched;
static uint64_t ws_pings_rx;                  /* WebSocket pings from the server (lws keepalive) */

/* The probe (keepalive window only): participant 0 sends an app-level `ping` every PROBE_MS and
 * records the round trip, a direct measure of how long the server's service loop was busy. */
#define PROBE_MS 200
#define PROBE_RING 1024
static int probe_on;
static int64_t probe_next_us, probe_sent_us[PROBE_RING];
static int probe_id = 1000;
static double *probe_rtt;
static size_t probe_n, probe_cap;

/* facilitator */
static char code[16], fac_token[256];
static int fac_session_created, fac_welcomed, fac_help_list, fac_round_launched, fac_rooms, fac_rosters;
static int fac_room_updates;                  /* room_update messages since the launch */
static int64_t fac_last_room_update_rt_us;    /* CLOCK_REALTIME arrival of the latest one */
static int fac_closed;
static int rooms_launched = -1;
static int max_room_number;                   /* from the participants' room messages */
static int64_t t_round_launched;

static void ep_ctl(lconn *c, int op, uint32_t events)
{
    struct epoll_event ev = { .events = events, .data.ptr = c };
    if (epoll_ctl(ep, op, c->fd, &ev) != 0 && op != EPOLL_CTL_DEL) die("epoll_ctl: %s", strerror(errno));
}

static void want_out(lconn *c, int on)
{
    if (c->epoll_out == on) return;
    c->epoll_out = on;
    ep_ctl(c, EPOLL_CTL_MOD, EPOLLIN | (on ? EPOLLOUT : 0));
}

static void grow(uint8_t **buf, size_t *cap, size_t need)
{
    if (need <= *cap) return;
    size_t n = *cap ? *cap : 4096;
    while (n < need) n *= 2;
    uint8_t *b = realloc(*buf, n);
    if (!b) die("out of memory");
    *buf = b;
    *cap = n;
}

static void conn_close(lconn *c, int expected)
{
    if (c->state == ST_CLOSED || c->state == ST_IDLE) return;
    if (!expected) {
        n_closed_unexpected++;
        if (n_closed_unexpected <= 5)
            fprintf(stderr, "loadgen: %s %d closed by the server (state %d, %d participants welcomed so far)\n",
                    c->idx < 0 ? "facilitator" : "participant", c->idx, c->state, n_welcomed);
    }
    if (c->in_setup) { c->in_setup = 0; n_in_setup--; }
    if (c->idx < 0 && !expected) fac_closed = 1;
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->fd = -1;
    c->state = ST_CLOSED;
    free(c->rb); c->rb = NULL; c->rpos = c->rlen = c->rcap = 0;
    free(c->wb); c->wb = NULL; c->wpos = c->wlen = c->wcap = 0;
    free(c->msg); c->msg = NULL; c->mlen = c->mcap = 0;
}

static void flush_out(lconn *c)
{
    while (c->wpos < c->wlen) {
        ssize_t n = write(c->fd, c->wb + c->wpos, c->wlen - c->wpos);
        if (n > 0) { c->wpos += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) { want_out(c, 1); return; }
        conn_close(c, 0);
        return;
    }
    c->wpos = c->wlen = 0;
    want_out(c, 0);
}

static void queue_bytes(lconn *c, const void *data, size_t len)
{
    if (c->wpos == c->wlen) c->wpos = c->wlen = 0;
    grow(&c->wb, &c->wcap, c->wlen + len);
    memcpy(c->wb + c->wlen, data, len);
    c->wlen += len;
}

/* A masked frame from the client (RFC 6455 5.3). */
static void send_frame(lconn *c, int opcode, const void *payload, size_t len)
{
    uint8_t hdr[14];
    size_t h = 0;
    hdr[h++] = (uint8_t)(0x80 | opcode);
    if (len < 126) hdr[h++] = (uint8_t)(0x80 | len);
    else if (len < 65536) { hdr[h++] = 0x80 | 126; hdr[h++] = (uint8_t)(len >> 8); hdr[h++] = (uint8_t)len; }
    else { hdr[h++] = 0x80 | 127; for (int i = 7; i >= 0; i--) hdr[h++] = (uint8_t)((uint64_t)len >> (8 * i)); }
    static const uint8_t key[4] = { 0x37, 0xfa, 0x21, 0x3d };
    memcpy(hdr + h, key, 4);
    h += 4;
    if (c->wpos == c->wlen) c->wpos = c->wlen = 0;
    grow(&c->wb, &c->wcap, c->wlen + h + len);
    memcpy(c->wb + c->wlen, hdr, h);
    uint8_t *p = c->wb + c->wlen + h;
    const uint8_t *src = payload;
    for (size_t i = 0; i < len; i++) p[i] = src[i] ^ key[i & 3];
    c->wlen += h + len;
    flush_out(c);
}

static void send_text(lconn *c, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) die("message too long");
    if (opt_debug) fprintf(stderr, "loadgen: send %s\n", buf);
    send_frame(c, 0x1, buf, (size_t)n);
}

static void start_connect(lconn *c)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket: %s (connection %d; raise ulimit -n?)", strerror(errno), c->idx);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)opt_port) };
    if (inet_pton(AF_INET, opt_host, &sa.sin_addr) != 1) die("bad --host %s", opt_host);
    c->fd = fd;
    c->state = ST_CONNECTING;
    c->epoll_out = 1;
    ep_ctl(c, EPOLL_CTL_ADD, EPOLLIN | EPOLLOUT);
    if (c->idx >= 0) { c->in_setup = 1; n_in_setup++; }
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0 && errno != EINPROGRESS)
        die("connect: %s (connection %d)", strerror(errno), c->idx);
}

static void send_upgrade(lconn *c)
{
    char req[512];
    int n = snprintf(req, sizeof req,
                     "GET /ws HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                     "User-Agent: softclose-loadgen\r\n\r\n",
                     opt_host, opt_port);
    c->state = ST_UPGRADING;
    queue_bytes(c, req, (size_t)n);
    flush_out(c);
}

/* ---- tiny field extraction (the server's own compact JSON; "type" is a top-level key) ------ */

/* Copies the string value of "key":"..." into out. Returns 0 if found. */
static int str_field(const char *buf, size_t len, const char *key, char *out, size_t out_size)
{
    char pat[48];
    int pl = snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = memmem(buf, len, pat, (size_t)pl);
    if (!p) return -1;
    p += pl;
    const char *end = buf + len;
    size_t i = 0;
    while (p < end && *p != '"' && i + 1 < out_size) out[i++] = *p++;
    out[i] = 0;
    return 0;
}

/* Integer value of "key":N; -1 if absent or null. */
static int64_t int_field(const char *buf, size_t len, const char *key)
{
    char pat[48];
    int pl = snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = memmem(buf, len, pat, (size_t)pl);
    if (!p) return -1;
    p += pl;
    const char *end = buf + len;
    if (p >= end || *p < '0' || *p > '9') return -1;
    int64_t v = 0;
    while (p < end && *p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    return v;
}

/* ---- messages ------------------------------------------------------------------------- */

static void print_error_msg(lconn *c, const char *buf, size_t len)
{
    n_errors++;
    if (n_errors <= 5)
        fprintf(stderr, "loadgen: %s %d got: %.*s\n", c->idx < 0 ? "facilitator" : "participant", c->idx,
                (int)(len > 300 ? 300 : len), buf);
}

static void on_fac_message(lconn *c, const char *buf, size_t len, const char *type)
{
    if (!strcmp(type, "session_created")) {
        json_error_t jerr;
        json_t *m = json_loadb(buf, len, 0, &jerr);
        const char *cd = NULL, *tok = NULL;
        if (!m || json_unpack(m, "{s:{s:s}, s:s}", "session", "code", &cd, "facilitator_token", &tok) != 0)
            die("session_created without a code: %.*s", (int)len, buf);
        snprintf(code, sizeof code, "%s", cd);
        snprintf(fac_token, sizeof fac_token, "%s", tok);
        json_decref(m);
        fac_session_created = 1;
        if (opt_debug) fprintf(stderr, "loadgen: session code %s\n", code);
    } else if (!strcmp(type, "welcome")) {
        fac_welcomed = 1;
    } else if (!strcmp(type, "help_list")) {
        fac_help_list = 1;
    } else if (!strcmp(type, "round_launched")) {
        rooms_launched = (int)int_field(buf, len, "rooms");
        t_round_launched = now_mono;
        fac_round_launched = 1;
    } else if (!strcmp(type, "rooms")) {
        if (launched) fac_rooms = 1;
    } else if (!strcmp(type, "roster")) {
        if (launched) fac_rosters = 1;
    } else if (!strcmp(type, "room_update")) {
        if (launched) { fac_room_updates++; fac_last_room_update_rt_us = now_real; }
    } else if (!strcmp(type, "rooms_update")) {
        /* many rooms in one message: each room object has one "number" field */
        if (launched) {
            const char *p = buf, *end = buf + len;
            while ((p = memmem(p, (size_t)(end - p), "\"number\":", 9)) != NULL) { fac_room_updates++; p += 9; }
            fac_last_room_update_rt_us = now_real;
        }
    } else if (!strcmp(type, "error")) {
        print_error_msg(c, buf, len);
    }
}

/* ---- the call signalling burst (--calls) ---------------------------------------------- */

/* Every relayed signal carries a sequence number the receiver can read back: an offer's or
 * answer's SDP in its o= line ("o=- SEQ 2 IN IP4 127.0.0.1", where Chrome puts a random session
 * id), a candidate in its foundation ("candidate:SEQ 1 udp ..."). sig[SEQ] holds when it was
 * handed to the socket and when the peer's copy was read. */
enum { SIG_OFFER, SIG_ANSWER, SIG_CANDIDATE };
typedef struct { int64_t t_sent, t_rx; uint8_t kind; } sig_rec;
static sig_rec *sig;
static size_t sig_n, sig_cap;
static int calls_on;                          /* the burst has started */
static int n_call_join_sent, n_call_joined, n_call_peer_joined;
static uint64_t call_expected;                /* signals that should be relayed, from the peers lists */
static uint64_t call_relayed, call_dup, call_unmatched, call_oks, call_errors;
static uint64_t call_sent_bytes;
static int64_t call_last_rx;                  /* monotonic µs of the latest relayed signal */
#define MAX_ERR_CODES 8
static struct { char code[32]; int n; } call_err_code[MAX_ERR_CODES];
static int n_call_err_codes;

#define CALL_CANDIDATES 10                     /* trickled after each offer and each answer */

/* A Chrome-like audio+video description with BUNDLE, already JSON-escaped ("\r\n" as \\r\\n),
 * split where the sequence number goes. The offer lists more video codecs than the answer
 * keeps, as browsers do; about 3.7 KB and 3.1 KB of SDP. */
static char sdp_pre[2][64], *sdp_post[2];
static size_t sdp_post_len[2];

static void sdp_add(char **b, size_t *len, size_t *cap, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line) die("sdp line too long");
    if (*len + (size_t)n + 5 > *cap) {
        *cap = (*cap ? *cap * 2 : 8192);
        *b = realloc(*b, *cap);
        if (!*b) die("out of memory");
    }
    memcpy(*b + *len, line, (size_t)n);
    *len += (size_t)n;
    memcpy(*b + *len, "\\r\\n", 4);   /* CRLF, JSON-escaped */
    *len += 4;
    (*b)[*len] = 0;
}

static void build_sdp(int answer)
{
    char *b = NULL;
    size_t len = 0, cap = 0;
    const char *ufrag = answer ? "Zt9w" : "Xk3q";
    const char *pwd = answer ? "Hq2mV8bR0sLc5Ye7Nu4Wd1Ka" : "3Qb1Sd0e9wZl4Lk5Jx6Mn7Pa";
    const char *fp = answer
        ? "sha-256 9C:41:E0:7B:2D:88:F3:16:AA:05:6E:D2:3F:B9:70:C4:12:8D:E6:5A:0B:97:31:FC:48:D3:6A:E1:29:B5:7C:04"
        : "sha-256 4F:A2:9B:11:C7:3E:D0:58:6A:E4:72:B9:05:1D:C8:FA:33:90:6B:E7:2C:D4:81:5F:A6:0E:B3:47:9D:12:F8:65";
    snprintf(sdp_pre[answer], sizeof sdp_pre[answer], "v=0\\r\\no=- ");
    sdp_add(&b, &len, &cap, " 2 IN IP4 127.0.0.1");   /* after the sequence number */
    sdp_add(&b, &len, &cap, "s=-");
    sdp_add(&b, &len, &cap, "t=0 0");
    sdp_add(&b, &len, &cap, "a=group:BUNDLE 0 1");
    sdp_add(&b, &len, &cap, "a=extmap-allow-mixed");
    sdp_add(&b, &len, &cap, "a=msid-semantic: WMS 7c1f0d1e-55b9-4b7a-9c0e-1f2a3b4c5d6e");
    /* audio */
    sdp_add(&b, &len, &cap, "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126");
    sdp_add(&b, &len, &cap, "c=IN IP4 0.0.0.0");
    sdp_add(&b, &len, &cap, "a=rtcp:9 IN IP4 0.0.0.0");
    sdp_add(&b, &len, &cap, "a=ice-ufrag:%s", ufrag);
    sdp_add(&b, &len, &cap, "a=ice-pwd:%s", pwd);
    sdp_add(&b, &len, &cap, "a=ice-options:trickle");
    sdp_add(&b, &len, &cap, "a=fingerprint:%s", fp);
    sdp_add(&b, &len, &cap, "a=setup:%s", answer ? "active" : "actpass");
    sdp_add(&b, &len, &cap, "a=mid:0");
    sdp_add(&b, &len, &cap, "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    sdp_add(&b, &len, &cap, "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
    sdp_add(&b, &len, &cap, "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
    sdp_add(&b, &len, &cap, "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
    sdp_add(&b, &len, &cap, "a=sendrecv");
    sdp_add(&b, &len, &cap, "a=msid:7c1f0d1e-55b9-4b7a-9c0e-1f2a3b4c5d6e 0b6e2a4c-8d1f-4e3a-b5c7-d9e1f3a5b7c9");
    sdp_add(&b, &len, &cap, "a=rtcp-mux");
    sdp_add(&b, &len, &cap, "a=rtcp-rsize");
    sdp_add(&b, &len, &cap, "a=rtpmap:111 opus/48000/2");
    sdp_add(&b, &len, &cap, "a=rtcp-fb:111 transport-cc");
    sdp_add(&b, &len, &cap, "a=fmtp:111 minptime=10;useinbandfec=1");
    sdp_add(&b, &len, &cap, "a=rtpmap:63 red/48000/2");
    sdp_add(&b, &len, &cap, "a=fmtp:63 111/111");
    sdp_add(&b, &len, &cap, "a=rtpmap:9 G722/8000");
    sdp_add(&b, &len, &cap, "a=rtpmap:0 PCMU/8000");
    sdp_add(&b, &len, &cap, "a=rtpmap:8 PCMA/8000");
    sdp_add(&b, &len, &cap, "a=rtpmap:13 CN/8000");
    sdp_add(&b, &len, &cap, "a=rtpmap:110 telephone-event/48000");
    sdp_add(&b, &len, &cap, "a=rtpmap:126 telephone-event/8000");
    sdp_add(&b, &len, &cap, "a=ssrc:%u cname:q8Hf2LmZ0xPw5Tc1", answer ? 2741958301u : 1833652017u);
    sdp_add(&b, &len, &cap, "a=ssrc:%u msid:7c1f0d1e-55b9-4b7a-9c0e-1f2a3b4c5d6e 0b6e2a4c-8d1f-4e3a-b5c7-d9e1f3a5b7c9",
            answer ? 2741958301u : 1833652017u);
    /* video: codec and its retransmission payload type */
    static const struct { int pt, rtx; const char *name, *fmtp; } vc[] = {
        { 96, 97, "VP8/90000", NULL },
        { 98, 99, "VP9/90000", "profile-id=0" },
        { 100, 101, "VP9/90000", "profile-id=2" },
        { 102, 103, "H264/90000", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f" },
        { 104, 105, "H264/90000", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f" },
        { 45, 46, "AV1/90000", "level-idx=5;profile=0;tier=0" },
    };
    size_t nvc = answer ? 3 : sizeof vc / sizeof vc[0];
    char pts[200];
    size_t pl = 0;
    for (size_t i = 0; i < nvc; i++) pl += (size_t)snprintf(pts + pl, sizeof pts - pl, " %d %d", vc[i].pt, vc[i].rtx);
    snprintf(pts + pl, sizeof pts - pl, " 116 117 118");
    sdp_add(&b, &len, &cap, "m=video 9 UDP/TLS/RTP/SAVPF%s", pts);
    sdp_add(&b, &len, &cap, "c=IN IP4 0.0.0.0");
    sdp_add(&b, &len, &cap, "a=rtcp:9 IN IP4 0.0.0.0");
    sdp_add(&b, &len, &cap, "a=ice-ufrag:%s", ufrag);
    sdp_add(&b, &len, &cap, "a=ice-pwd:%s", pwd);
    sdp_add(&b, &len, &cap, "a=ice-options:trickle");
    sdp_add(&b, &len, &cap, "a=fingerprint:%s", fp);
    sdp_add(&b, &len, &cap, "a=setup:%s", answer ? "active" : "actpass");
    sdp_add(&b, &len, &cap, "a=mid:1");
    sdp_add(&b, &len, &cap, "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset");
    sdp_add(&b, &len, &cap, "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time");
    sdp_add(&b, &len, &cap, "a=extmap:13 urn:3gpp:video-orientation");
    sdp_add(&b, &len, &cap, "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01");
    sdp_add(&b, &len, &cap, "a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay");
    sdp_add(&b, &len, &cap, "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid");
    sdp_add(&b, &len, &cap, "a=sendrecv");
    sdp_add(&b, &len, &cap, "a=msid:7c1f0d1e-55b9-4b7a-9c0e-1f2a3b4c5d6e 5f3d1b9a-7e2c-4a6b-8d0f-2e4c6a8b0d1f");
    sdp_add(&b, &len, &cap, "a=rtcp-mux");
    sdp_add(&b, &len, &cap, "a=rtcp-rsize");
    for (size_t i = 0; i < nvc; i++) {
        sdp_add(&b, &len, &cap, "a=rtpmap:%d %s", vc[i].pt, vc[i].name);
        sdp_add(&b, &len, &cap, "a=rtcp-fb:%d goog-remb", vc[i].pt);
        sdp_add(&b, &len, &cap, "a=rtcp-fb:%d transport-cc", vc[i].pt);
        sdp_add(&b, &len, &cap, "a=rtcp-fb:%d ccm fir", vc[i].pt);
        sdp_add(&b, &len, &cap, "a=rtcp-fb:%d nack", vc[i].pt);
        sdp_add(&b, &len, &cap, "a=rtcp-fb:%d nack pli", vc[i].pt);
        if (vc[i].fmtp) sdp_add(&b, &len, &cap, "a=fmtp:%d %s", vc[i].pt, vc[i].fmtp);
        sdp_add(&b, &len, &cap, "a=rtpmap:%d rtx/90000", vc[i].rtx);
        sdp_add(&b, &len, &cap, "a=fmtp:%d apt=%d", vc[i].rtx, vc[i].pt);
    }
    sdp_add(&b, &len, &cap, "a=rtpmap:116 red/90000");
    sdp_add(&b, &len, &cap, "a=rtpmap:117 rtx/90000");
    sdp_add(&b, &len, &cap, "a=fmtp:117 apt=116");
    sdp_add(&b, &len, &cap, "a=rtpmap:118 ulpfec/90000");
    unsigned v1 = answer ? 3920671145u : 2298451306u, v2 = answer ? 1175309886u : 4016735520u;
    sdp_add(&b, &len, &cap, "a=ssrc-group:FID %u %u", v1, v2);
    sdp_add(&b, &len, &cap, "a=ssrc:%u cname:q8Hf2LmZ0xPw5Tc1", v1);
    sdp_add(&b, &len, &cap, "a=ssrc:%u msid:7c1f0d1e-55b9-4b7a-9c0e-1f2a3b4c5d6e 5f3d1b9a-7e2c-4a6b-8d0f-2e4c6a8b0d1f", v1);
    sdp_add(&b, &len, &cap, "a=ssrc:%u cname:q8Hf2LmZ0xPw5Tc1", v2);
    sdp_add(&b, &len, &cap, "a=ssrc:%u msid:7c1f0d1e-55b9-4b7a-9c0e-1f2a3b4c5d6e 5f3d1b9a-7e2c-4a6b-8d0f-2e4c6a8b0d1f", v2);
    sdp_post[answer] = b;
    sdp_post_len[answer] = len;
}

/* SDP length as the browser sees it (escaped CRLFs count two bytes) */
static size_t sdp_bytes(int answer)
{
    size_t crlf = 0;
    for (const char *p = sdp_post[answer]; (p = strstr(p, "\\r\\n")); p += 4) crlf++;
    return strlen(sdp_pre[answer]) - 2 + 19 + sdp_post_len[answer] - 2 * crlf;   /* a 19-digit o= id */
}

static int64_t sig_new(int kind)
{
    if (sig_n == sig_cap) {
        sig_cap = sig_cap ? sig_cap * 2 : 65536;
        sig = realloc(sig, sig_cap * sizeof *sig);
        if (!sig) die("out of memory");
    }
    sig[sig_n] = (sig_rec){ .t_sent = 0, .t_rx = 0, .kind = (uint8_t)kind };
    return (int64_t)sig_n++;
}

static char sig_buf[16384];

static void send_signal_buf(lconn *c, int64_t seq, size_t n)
{
    if (n >= sizeof sig_buf) die("signal too long");
    if (opt_debug && seq < 4) fprintf(stderr, "loadgen: send %.*s\n", (int)(n > 400 ? 400 : n), sig_buf);
    call_sent_bytes += n;
    sig[seq].t_sent = mono_us();
    send_frame(c, 0x1, sig_buf, n);
}

/* An offer or answer to peer `to`, then CALL_CANDIDATES candidates, as a browser trickles them. */
static void send_description_and_candidates(lconn *c, const char *to, int answer)
{
    int64_t seq = sig_new(answer ? SIG_ANSWER : SIG_OFFER);
    int n = snprintf(sig_buf, sizeof sig_buf,
                     "{\"type\":\"call_signal\",\"id\":%" PRId64 ",\"to\":\"%s\",\"signal\":{\"kind\":\"%s\",\"sdp\":\"%s%" PRId64 "%s\"}}",
                     10 + seq, to, answer ? "answer" : "offer", sdp_pre[answer], INT64_C(4611731400430051336) + seq, sdp_post[answer]);
    send_signal_buf(c, seq, (size_t)n);
    /* Chrome's usual set: host UDP v4/v6 on two interfaces, host TCP (passive), server-reflexive
     * and TURN relay (UDP, TCP) */
    static const char *const cand[CALL_CANDIDATES] = {
        "1 udp 2122260223 192.168.1.23 54321 typ host generation 0",
        "1 udp 2122194687 10.8.0.14 49203 typ host generation 0",
        "1 udp 2122129151 2a02:8108:1c0:5e2a:d9f1:2c3b:8e4a:1f07 50112 typ host generation 0",
        "1 udp 2122063615 fd00:4c7a:91e2::1b 58391 typ host generation 0",
        "1 tcp 1518283007 192.168.1.23 9 typ host tcptype active generation 0",
        "1 tcp 1518217471 10.8.0.14 9 typ host tcptype active generation 0",
        "1 udp 1686052607 84.153.27.201 54321 typ srflx raddr 192.168.1.23 rport 54321 generation 0",
        "1 udp 1685987071 84.153.27.201 49203 typ srflx raddr 10.8.0.14 rport 49203 generation 0",
        "1 udp 41885439 203.0.113.40 61877 typ relay raddr 84.153.27.201 rport 54321 generation 0",
        "1 tcp 25108223 203.0.113.40 63410 typ relay raddr 84.153.27.201 rport 49812 generation 0",
    };
    const char *ufrag = answer ? "Zt9w" : "Xk3q";
    for (int i = 0; i < CALL_CANDIDATES && c->state == ST_OPEN; i++) {
        seq = sig_new(SIG_CANDIDATE);
        n = snprintf(sig_buf, sizeof sig_buf,
                     "{\"type\":\"call_signal\",\"id\":%" PRId64 ",\"to\":\"%s\",\"signal\":{\"kind\":\"candidate\",\"candidate\":"
                     "{\"candidate\":\"candidate:%" PRId64 " %s ufrag %s network-id %d network-cost %d\",\"sdpMid\":\"0\","
                     "\"sdpMLineIndex\":0,\"usernameFragment\":\"%s\"}}}",
                     10 + seq, to, seq, cand[i], ufrag, 1 + (i & 1), (i & 1) ? 50 : 10, ufrag);
        send_signal_buf(c, seq, (size_t)n);
    }
}

static void on_call_joined(lconn *c, const char *buf, size_t len)
{
    if (c->call_joined) return;
    c->call_joined = 1;
    n_call_joined++;
    json_error_t jerr;
    json_t *m = json_loadb(buf, len, 0, &jerr), *peers = NULL;
    const char *me = NULL;
    if (!m || json_unpack(m, "{s:s, s:o}", "peer", &me, "peers", &peers) != 0 || !json_is_array(peers))
        die("call_joined without peer/peers: %.*s", (int)(len > 300 ? 300 : len), buf);
    snprintf(c->peer_id, sizeof c->peer_id, "%s", me);
    size_t i;
    json_t *p;
    /* each pair: the joiner's offer and candidates, the answer and candidates back */
    call_expected += (uint64_t)json_array_size(peers) * 2 * (1 + CALL_CANDIDATES);
    json_array_foreach(peers, i, p) {
        const char *to = json_string_value(json_object_get(p, "peer"));
        if (!to) die("a peer without an id in call_joined");
        send_description_and_candidates(c, to, 0);
    }
    json_decref(m);
}

static void on_call_signal(lconn *c, const char *buf, size_t len)
{
    int64_t seq = -1;
    int kind = -1;
    const char *p;
    if (memmem(buf, len, "\"kind\":\"candidate\"", 18)) {
        kind = SIG_CANDIDATE;
        if ((p = memmem(buf, len, "\"candidate:", 11))) {
            seq = 0;
            for (p += 11; p < buf + len && *p >= '0' && *p <= '9'; p++) seq = seq * 10 + (*p - '0');
        }
    } else {
        kind = memmem(buf, len, "\"kind\":\"offer\"", 14) ? SIG_OFFER : memmem(buf, len, "\"kind\":\"answer\"", 15) ? SIG_ANSWER : -1;
        if ((p = memmem(buf, len, "o=- ", 4))) {
            seq = 0;
            for (p += 4; p < buf + len && *p >= '0' && *p <= '9'; p++) seq = seq * 10 + (*p - '0');
            seq -= INT64_C(4611731400430051336);
        }
    }
    if (seq < 0 || (size_t)seq >= sig_n || kind != sig[seq].kind) { call_unmatched++; return; }
    if (sig[seq].t_rx) { call_dup++; return; }
    sig[seq].t_rx = now_mono;
    call_relayed++;
    call_last_rx = now_mono;
    if (kind == SIG_OFFER) {
        char from[48];
        if (str_field(buf, len, "from", from, sizeof from) != 0) die("call_signal without from");
        send_description_and_candidates(c, from, 1);
    }
}

static void on_call_error(const char *buf, size_t len)
{
    char code_s[32];
    call_errors++;
    if (str_field(buf, len, "code", code_s, sizeof code_s) != 0) snprintf(code_s, sizeof code_s, "?");
    int i;
    for (i = 0; i < n_call_err_codes; i++)
        if (!strcmp(call_err_code[i].code, code_s)) break;
    if (i == n_call_err_codes && n_call_err_codes < MAX_ERR_CODES) snprintf(call_err_code[n_call_err_codes++].code, 32, "%s", code_s);
    if (i < MAX_ERR_CODES) call_err_code[i].n++;
}

static uint64_t launch_room_bytes, launch_phase_bytes;   /* the first room and phase of each participant */

/* The server's resident memory in kB (VmRSS), or -1. */
static long server_rss_kb(void)
{
    if (opt_pid <= 0) return -1;
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%ld/status", opt_pid);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6)) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}
static long rss_before_kb = -1;

static void on_part_message(lconn *c, const char *buf, size_t len, const char *type)
{
    if (!strcmp(type, "welcome")) {
        if (!c->welcomed) {
            c->welcomed = 1;
            n_welcomed++;
            if (c->in_setup) { c->in_setup = 0; n_in_setup--; }
        }
    } else if (!strcmp(type, "room")) {
        if (launched && !c->t_room) {
            c->t_room = now_mono;
            launch_room_bytes += len;
            const char *r = memmem(buf, len, "\"room\":{", 8);
            int64_t num = r ? int_field(r, len - (size_t)(r - buf), "number") : -1;
            if (num > max_room_number) max_room_number = (int)num;
            if (c->t_phase) n_room_phase++;
        }
    } else if (!strcmp(type, "phase")) {
        if (!launched) return;
        if (!c->t_phase) {
            c->t_phase = now_mono;
            launch_phase_bytes += len;
            if (c->t_room) n_room_phase++;
        }
        if (c->n_phases < MAX_PHASES) {
            int k = c->n_phases++;
            c->deadline_ms[k] = int_field(buf, len, "deadline");
            c->arrive_rt_us[k] = now_real;
            c->server_time_ms[k] = int_field(buf, len, "server_time");
            if (str_field(buf, len, "phase", c->phase_name[k], sizeof c->phase_name[k]) != 0) c->phase_name[k][0] = 0;
            const char *nx = memmem(buf, len, "\"next\":{", 8);
            if (!nx || str_field(nx, len - (size_t)(nx - buf), "phase", c->next_name[k], sizeof c->next_name[k]) != 0)
                c->next_name[k][0] = 0;
            n_phase_seen[k]++;
        }
    } else if (!strcmp(type, "pong")) {
        int64_t re = int_field(buf, len, "re");
        if (re >= 1000) {
            if (probe_n == probe_cap) {
                probe_cap = probe_cap ? probe_cap * 2 : 256;
                probe_rtt = realloc(probe_rtt, probe_cap * sizeof *probe_rtt);
                if (!probe_rtt) die("out of memory");
            }
            probe_rtt[probe_n++] = (double)(now_mono - probe_sent_us[re % PROBE_RING]) / 1000.0;
        }
    } else if (!strcmp(type, "call_signal")) {
        if (calls_on) on_call_signal(c, buf, len);
    } else if (!strcmp(type, "call_joined")) {
        if (calls_on) on_call_joined(c, buf, len);
    } else if (!strcmp(type, "call_peer_joined")) {
        if (calls_on) n_call_peer_joined++;
    } else if (!strcmp(type, "ok")) {
        if (calls_on) call_oks++;
    } else if (!strcmp(type, "error")) {
        if (calls_on) on_call_error(buf, len);
        print_error_msg(c, buf, len);
    }
}

/* LOADGEN_DEBUG: how many messages of each type (and bytes) arrived, per phase of the run */
#define MAX_TYPES 32
static struct { char type[40]; int fac; uint64_t n, bytes; } type_count[MAX_TYPES];
static int n_types;

static void count_type(const char *type, int fac, size_t len)
{
    int i;
    for (i = 0; i < n_types; i++)
        if (type_count[i].fac == fac && !strcmp(type_count[i].type, type)) break;
    if (i == n_types) {
        if (n_types == MAX_TYPES) return;
        snprintf(type_count[i].type, sizeof type_count[i].type, "%s", type);
        type_count[i].fac = fac;
        n_types++;
    }
    type_count[i].n++;
    type_count[i].bytes += len;
}

static void dump_types(const char *when)
{
    if (!opt_debug) return;
    fprintf(stderr, "loadgen: messages received %s:\n", when);
    for (int i = 0; i < n_types; i++)
        fprintf(stderr, "  %-12s %-20s %8" PRIu64 " messages %10" PRIu64 " bytes\n", type_count[i].fac ? "facilitator" : "participants",
                type_count[i].type, type_count[i].n, type_count[i].bytes);
    n_types = 0;
    memset(type_count, 0, sizeof type_count);
}

static void on_message(lconn *c, const char *buf, size_t len)
{
    last_rx_mono = now_mono;
    char type[40];
    if (str_field(buf, len, "type", type, sizeof type) != 0) type[0] = 0;
    if (strcmp(type, "pong")) msgs_rx++;   /* the probe's replies are not counted */
    if (opt_debug) count_type(type, c->idx < 0, len);
    if (c->idx < 0) on_fac_message(c, buf, len, type);
    else on_part_message(c, buf, len, type);
}

/* Parses the upgrade response and then whole frames from c->rb. */
static void parse_input(lconn *c)
{
    if (c->state == ST_UPGRADING) {
        uint8_t *start = c->rb + c->rpos;
        uint8_t *eoh = memmem(start, c->rlen - c->rpos, "\r\n\r\n", 4);
        if (!eoh) return;
        if (c->rlen - c->rpos < 12 || memcmp(start, "HTTP/1.1 101", 12) != 0) {
            fprintf(stderr, "loadgen: upgrade refused: %.*s\n", (int)(eoh - start), (char *)start);
            conn_close(c, 0);
            return;
        }
        c->rpos += (size_t)(eoh + 4 - start);
        c->state = ST_OPEN;
        n_connected++;
        if (c->idx < 0) {
            if (!fac_token[0]) send_text(c, "{\"type\":\"create_session\",\"id\":1,\"name\":\"loadgen %d\"}", opt_n);
            else send_text(c, "{\"type\":\"hello\",\"id\":2,\"token\":\"%s\"}", fac_token);
        } else {
            send_text(c, "{\"type\":\"join\",\"id\":1,\"code\":\"%s\",\"name\":\"p%d\"}", code, c->idx);
        }
        if (c->state != ST_OPEN) return;
    }
    while (c->state == ST_OPEN) {
        size_t avail = c->rlen - c->rpos;
        uint8_t *p = c->rb + c->rpos;
        if (avail < 2) break;
        int fin = p[0] & 0x80, opcode = p[0] & 0x0f, masked = p[1] & 0x80;
        uint64_t plen = p[1] & 0x7f;
        size_t h = 2;
        if (plen == 126) {
            if (avail < 4) break;
            plen = ((uint64_t)p[2] << 8) | p[3];
            h = 4;
        } else if (plen == 127) {
            if (avail < 10) break;
            plen = 0;
            for (int i = 0; i < 8; i++) plen = (plen << 8) | p[2 + i];
            h = 10;
        }
        uint8_t mkey[4] = { 0, 0, 0, 0 };
        if (masked) {
            if (avail < h + 4) break;
            memcpy(mkey, p + h, 4);
            h += 4;
        }
        if (plen > (64u << 20)) { fprintf(stderr, "loadgen: frame of %" PRIu64 " bytes\n", plen); conn_close(c, 0); return; }
        if (avail < h + plen) {
            grow(&c->rb, &c->rcap, (c->rlen - c->rpos) + h + plen);   /* room for the whole frame once compacted */
            break;
        }
        uint8_t *payload = p + h;
        if (masked)
            for (uint64_t i = 0; i < plen; i++) payload[i] ^= mkey[i & 3];
        c->rpos += h + (size_t)plen;
        switch (opcode) {
        case 0x0:   /* continuation */
        case 0x1:   /* text */
        case 0x2:   /* binary */
            if (opcode != 0 && !c->in_fragment && fin) {
                on_message(c, (const char *)payload, (size_t)plen);
            } else {
                if (opcode != 0) c->mlen = 0;
                c->in_fragment = 1;
                grow(&c->msg, &c->mcap, c->mlen + plen);
                memcpy(c->msg + c->mlen, payload, plen);
                c->mlen += plen;
                if (fin) {
                    c->in_fragment = 0;
                    on_message(c, (const char *)c->msg, c->mlen);
                    c->mlen = 0;
                }
            }
            break;
        case 0x8:   /* close */
            conn_close(c, 0);
            return;
        case 0x9:   /* ping: the server pings idle connections after 25 s */
            ws_pings_rx++;
            send_frame(c, 0xA, payload, (size_t)plen);
            break;
        default:
            break;
        }
    }
    if (c->state == ST_CLOSED) return;
    /* keep only the partial frame, at the front: at most one move per frame boundary */
    if (c->rpos == c->rlen) c->rpos = c->rlen = 0;
    else if (c->rpos) {
        memmove(c->rb, c->rb + c->rpos, c->rlen - c->rpos);
        c->rlen -= c->rpos;
        c->rpos = 0;
    }
}

static void on_readable(lconn *c)
{
    for (;;) {
        if (c->rcap - c->rlen < 16384) grow(&c->rb, &c->rcap, c->rlen + 16384);
        ssize_t n = read(c->fd, c->rb + c->rlen, c->rcap - c->rlen);
        if (n > 0) {
            now_mono = mono_us();
            now_real = real_us();
            c->rlen += (size_t)n;
            parse_input(c);
            if (c->state == ST_CLOSED) return;
            continue;
        }
        if (n == 0) { conn_close(c, 0); return; }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        conn_close(c, 0);
        return;
    }
}

static void on_event(lconn *c, uint32_t ev)
{
    if (c->state == ST_CLOSED) return;
    if (c->state == ST_CONNECTING) {
        if (!(ev & (EPOLLOUT | EPOLLERR | EPOLLHUP))) return;
        int err = 0;
        socklen_t el = sizeof err;
        getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &el);
        if (err) die("connect to %s:%d: %s (connection %d)", opt_host, opt_port, strerror(err), c->idx);
        c->epoll_out = 0;
        ep_ctl(c, EPOLL_CTL_MOD, EPOLLIN);
        send_upgrade(c);
        return;
    }
    if (ev & EPOLLOUT) flush_out(c);
    if (c->state == ST_CLOSED) return;
    if (ev & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
}

/* Opens participant connections while fewer than --window are connecting or joining. */
static int setup_enabled;   /* set once the join code is known */
static int64_t setup_start_us;
static void feed_setup(void)
{
    int64_t now = opt_join_spread_s ? mono_us() : 0;
    while (setup_enabled && next_to_start < opt_n && n_in_setup < opt_window) {
        if (opt_join_spread_s && now < setup_start_us + (int64_t)opt_join_spread_s * 1000000 * next_to_start / opt_n) break;
        lconn *c = &parts[next_to_start++];
        start_connect(c);
    }
}

/* Runs the loop until done() is true or timeout_ms passes. Returns 0 if done. */
static int run_until(int (*done)(void), int64_t timeout_ms)
{
    struct epoll_event evs[1024];
    int64_t end = mono_us() + timeout_ms * 1000;
    while (!done()) {
        int64_t left = (end - mono_us()) / 1000;
        if (left <= 0) return -1;
        int n = epoll_wait(ep, evs, 1024, left > 50 ? 50 : (int)left);
        if (n < 0 && errno != EINTR) die("epoll_wait: %s", strerror(errno));
        for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events);
        feed_setup();
        if (probe_on && parts[0].state == ST_OPEN) {
            int64_t t = mono_us();
            if (t >= probe_next_us) {
                probe_next_us = t + PROBE_MS * 1000;
                probe_sent_us[probe_id % PROBE_RING] = t;
                send_text(&parts[0], "{\"type\":\"ping\",\"id\":%d}", probe_id++);
            }
        }
    }
    return 0;
}

/* ---- predicates ----------------------------------------------------------------------- */

static int d_session(void) { return fac_session_created || fac_closed; }
static int d_joined(void) { return n_welcomed >= opt_n || (next_to_start >= opt_n && n_in_setup <= 0); }
static int d_never(void) { return 0; }
static int d_fac_back(void) { return (fac_welcomed && fac_help_list) || fac_closed; }
static int64_t quiet_since_us;
static int d_quiet(void) { return mono_us() - last_rx_mono >= quiet_since_us; }
/* every participant has room+phase, and the facilitator has its three launch messages (or was
 * disconnected: then the participants still count) */
static int d_launch(void)
{
    return n_room_phase >= n_welcomed && ((fac_round_launched && fac_rooms && fac_rosters) || fac_closed);
}
/* every participant has its next phase, and the facilitator (if still connected) a room_update
 * for every room */
static int d_phase2(void) { return n_phase_seen[1] >= n_room_phase && (fac_closed || fac_room_updates >= rooms_launched); }
static int d_phase3(void) { return n_phase_seen[2] >= n_room_phase && (fac_closed || fac_room_updates >= 2 * rooms_launched); }
/* every call_join and call_signal has its reply, and every expected signal was relayed (or
 * nothing has arrived for 2 s: a refused signal means its answer never comes) */
static int d_calls(void)
{
    uint64_t replies = (uint64_t)n_call_joined + call_oks + call_errors, needed = (uint64_t)n_call_join_sent + sig_n;
    return replies >= needed && (call_relayed >= call_expected || mono_us() - last_rx_mono > 2000000);
}
static int64_t wait_until_real_us;
static int d_real_time(void) { return real_us() >= wait_until_real_us; }

/* ---- server CPU ----------------------------------------------------------------------- */

/* Server CPU time in ns: the sum of every thread's schedstat (ns resolution); falls back to
 * utime+stime from /proc/PID/stat (clock ticks). Sets *src to the method. -1 if unreadable. */
static int64_t server_cpu_ns(const char **src)
{
    if (opt_pid <= 0) return -1;
    char path[128];
    snprintf(path, sizeof path, "/proc/%ld/task", opt_pid);
    DIR *d = opendir(path);
    int64_t total = 0;
    int found = 0;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char p2[300];
            snprintf(p2, sizeof p2, "/proc/%ld/task/%s/schedstat", opt_pid, e->d_name);
            FILE *f = fopen(p2, "r");
            if (!f) continue;
            long long ns;
            if (fscanf(f, "%lld", &ns) == 1) { total += ns; found = 1; }
            fclose(f);
        }
        closedir(d);
    }
    if (found) { *src = "schedstat"; return total; }
    snprintf(path, sizeof path, "/proc/%ld/stat", opt_pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char buf[2048];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');   /* the command name may hold spaces */
    if (!p) return -1;
    unsigned long long ut = 0, st = 0;
    /* after ")": state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15) */
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return -1;
    *src = "stat";
    return (int64_t)((ut + st) * (1000000000ull / (unsigned long long)sysconf(_SC_CLK_TCK)));
}

/* this process's CPU time (user + system), µs */
static int64_t self_cpu_us(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (int64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

/* ---- statistics ----------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* nearest-rank percentile of sorted v */
static double pct(const double *v, size_t n, double q)
{
    if (!n) return NAN;
    size_t k = (size_t)ceil(q * (double)n);
    if (k < 1) k = 1;
    if (k > n) k = n;
    return v[k - 1];
}

static void lateness_line(int from, int to, const char *label_from, const char *label_to)
{
    double *v = malloc((size_t)opt_n * sizeof *v), *fired = malloc((size_t)opt_n * sizeof *v);
    size_t n = 0, no_deadline = 0;
    for (int i = 0; i < opt_n; i++) {
        lconn *c = &parts[i];
        if (c->n_phases <= to) continue;
        if (c->deadline_ms[from] < 0) { no_deadline++; continue; }
        fired[n] = (double)(c->server_time_ms[to] - c->deadline_ms[from]);
        v[n++] = (double)c->arrive_rt_us[to] / 1000.0 - (double)c->deadline_ms[from];
    }
    /* The step announced ahead (phase.next): a browser that had it switches at the deadline on its
     * own clock, so its lateness is how late the announcement itself arrived, if at all (plus the
     * browser's timer and drawing, which tests/e2e prints). */
    double *screen = malloc((size_t)opt_n * sizeof *screen);
    size_t n_screen = 0, n_announced = 0;
    for (int i = 0; i < opt_n; i++) {
        lconn *c = &parts[i];
        if (c->n_phases <= to || c->deadline_ms[from] < 0) continue;
        double arrived_late = (double)c->arrive_rt_us[from] / 1000.0 - (double)c->deadline_ms[from];
        if (c->next_name[from][0] && !strcmp(c->next_name[from], c->phase_name[to])) {
            n_announced++;
            screen[n_screen++] = arrived_late > 0 ? arrived_late : 0;
        } else {
            screen[n_screen++] = (double)c->arrive_rt_us[to] / 1000.0 - (double)c->deadline_ms[from];
        }
    }
    qsort(screen, n_screen, sizeof *screen, cmp_double);
    qsort(v, n, sizeof *v, cmp_double);
    qsort(fired, n, sizeof *fired, cmp_double);
    printf("timer lateness N=%d rooms=%d%s%s (%s deadline -> %s received, %zu participants): "
           "p50 %.1f ms, p99 %.1f ms, max %.1f ms (min %.1f ms)\n",
           opt_n, rooms_launched, *opt_label ? " " : "", opt_label, label_from, label_to, n,
           pct(v, n, 0.50), pct(v, n, 0.99), n ? v[n - 1] : NAN, n ? v[0] : NAN);
    /* server_time is the server's clock when it built the message: how late the timer callback
     * ran (plus the batches before it), versus the delivery after it (same machine, same clock) */
    printf("  of which the server built the message (server_time - deadline): p50 %.0f ms, p99 %.0f ms, max %.0f ms\n",
           pct(fired, n, 0.50), pct(fired, n, 0.99), n ? fired[n - 1] : NAN);
    printf("  on screen: %zu of %zu had the %s step announced ahead; switch lateness p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           n_announced, n_screen, label_to, pct(screen, n_screen, 0.50), pct(screen, n_screen, 0.99),
           n_screen ? screen[n_screen - 1] : NAN);
    free(screen);
    if (no_deadline) printf("  (%zu participants had no deadline on their %s phase)\n", no_deadline, label_from);
    /* the facilitator gets one room_update per room, and the server writes one message per
     * connection per pass of its service loop */
    int64_t dl = -1;
    for (int i = 0; i < opt_n && dl < 0; i++)
        if (parts[i].n_phases > to) dl = parts[i].deadline_ms[from];
    if (!fac_closed && dl >= 0 && fac_room_updates >= to * rooms_launched)
        printf("  facilitator: its room_update for the last of the %d rooms arrived %.1f ms after the deadline\n",
               rooms_launched, (double)fac_last_room_update_rt_us / 1000.0 - (double)dl);
    else if (fac_closed)
        printf("  (no facilitator connected: the server sent no room_update, which lightens its work here)\n");
    free(v);
    free(fired);
}

/* Prints and resets the probe's round trips since the last call. */
static void probe_line(const char *when)
{
    if (!probe_n) { printf("  service-loop probe %s: no replies\n", when); return; }
    qsort(probe_rtt, probe_n, sizeof *probe_rtt, cmp_double);
    printf("  service-loop probe %s (a participant pings every %d ms): round trip p50 %.1f ms, p99 %.1f ms, max %.1f ms (%zu pings)\n",
           when, PROBE_MS, pct(probe_rtt, probe_n, 0.50), pct(probe_rtt, probe_n, 0.99), probe_rtt[probe_n - 1], probe_n);
    probe_n = 0;
}

/* ---- main ----------------------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr,
            "usage: loadgen --port P --server-pid PID -n N [--practice S] [--soften S] [--window W]\n"
            "               [--host ADDR] [--label TEXT] [--no-lateness] [--keep-facilitator] [--join-spread S]\n"
            "               [--keepalive-window S] [--calls] [--hold-file F]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--port") && v) { opt_port = atoi(v); i++; }
        else if (!strcmp(a, "--server-pid") && v) { opt_pid = atol(v); i++; }
        else if (!strcmp(a, "-n") && v) { opt_n = atoi(v); i++; }
        else if (!strcmp(a, "--practice") && v) { opt_practice = atoi(v); i++; }
        else if (!strcmp(a, "--soften") && v) { opt_soften = atoi(v); i++; }
        else if (!strcmp(a, "--window") && v) { opt_window = atoi(v); i++; }
        else if (!strcmp(a, "--host") && v) { opt_host = v; i++; }
        else if (!strcmp(a, "--label") && v) { opt_label = v; i++; }
        else if (!strcmp(a, "--no-lateness")) opt_lateness = 0;
        else if (!strcmp(a, "--keep-facilitator")) opt_keep_fac = 1;
        else if (!strcmp(a, "--join-spread") && v) { opt_join_spread_s = atoi(v); i++; }
        else if (!strcmp(a, "--keepalive-window") && v) { opt_keepalive_s = atoi(v); i++; }
        else if (!strcmp(a, "--calls")) opt_calls = 1;
        else if (!strcmp(a, "--hold-file") && v) { opt_hold_file = v; i++; }
        else usage();
    }
    if (opt_port <= 0 || opt_n < 2 || opt_window < 1) usage();
    opt_debug = getenv("LOADGEN_DEBUG") != NULL;
    setvbuf(stdout, NULL, _IOLBF, 0);

    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur != RLIM_INFINITY && (rlim_t)opt_n + 32 > rl.rlim_cur)
        die("-n %d needs %d file descriptors; the limit is %llu (ulimit -n)", opt_n, opt_n + 32, (unsigned long long)rl.rlim_cur);

    ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) die("epoll_create1: %s", strerror(errno));
    parts = calloc((size_t)opt_n, sizeof *parts);
    if (!parts) die("out of memory");
    for (int i = 0; i < opt_n; i++) { parts[i].idx = i; parts[i].fd = -1; }
    fac_conn.idx = -1;
    fac_conn.fd = -1;
    last_rx_mono = mono_us();

    /* 1. the session */
    start_connect(&fac_conn);
    if (run_until(d_session, 10000) || !fac_session_created) die("no session_created within 10 s");

    rss_before_kb = server_rss_kb();
    /* 2. the participants */
    if (!opt_keep_fac) {
        quiet_since_us = 100000;
        run_until(d_quiet, 2000);   /* take the roster */
        conn_close(&fac_conn, 1);
        memset(&fac_conn, 0, sizeof fac_conn);
        fac_conn.idx = -1;
        fac_conn.fd = -1;
    }
    int64_t tj = mono_us();
    setup_start_us = tj;
    setup_enabled = 1;
    feed_setup();
    if (run_until(d_joined, 60000 + (int64_t)opt_n * 20) || n_welcomed < opt_n)
        die("only %d of %d participants were welcomed (%d closed by the server, %d errors)", n_welcomed, opt_n,
            n_closed_unexpected, n_errors);
    double join_s = (double)(mono_us() - tj) / 1e6;

    /* 3. the facilitator (back) */
    if (!opt_keep_fac) {
        start_connect(&fac_conn);
        int r = run_until(d_fac_back, 30000);
        if (fac_closed) die("the server closed the facilitator's connection after its hello (welcome %s)", fac_welcomed ? "received" : "not received");
        if (r) die("the facilitator's hello got no welcome + help_list within 30 s (welcome %s)", fac_welcomed ? "received" : "not received");
    } else if (fac_closed) {
        die("the facilitator was disconnected by the server during the joins (%d participants joined)", n_welcomed);
    }
    /* let the server finish writing what the joins queued (roster_update to the first 300, the
     * facilitator's roster); a commit can stall the server for a few hundred ms on a slow disk */
    quiet_since_us = 1000000;
    run_until(d_quiet, 30000);
    printf("setup N=%d%s%s: %d participants joined in %.1f s (%.0f joins/s)", opt_n, *opt_label ? " " : "", opt_label,
           n_welcomed, join_s, n_welcomed / join_s);
    if (opt_join_spread_s) printf(" (paced over at least %d s)", opt_join_spread_s);
    printf("\n");

    dump_types("before the launch");

    /* 4. launch fan-out */
    const char *src0 = "", *src1 = "";
    uint64_t msgs0 = msgs_rx, pings0 = ws_pings_rx;
    int64_t cpu0 = server_cpu_ns(&src0), self0 = self_cpu_us();
    int64_t t0 = mono_us();
    int64_t t0_real_ms = real_us() / 1000;
    launched = 1;
    send_text(&fac_conn, "{\"type\":\"launch_round\",\"id\":3,\"turns\":1,\"practice_s\":%d,\"feedback_s\":0,\"soften_s\":%d}",
              opt_practice, opt_soften);
    int rc = run_until(d_launch, 30000);
    int64_t cpu1 = server_cpu_ns(&src1), self1 = self_cpu_us();
    int64_t t1 = mono_us();
    uint64_t launch_msgs = msgs_rx - msgs0;
    dump_types("during the launch");
    int fac_lost = fac_closed;
    if (rooms_launched < 0) rooms_launched = max_room_number;
    if (rc) die("after 30 s only %d of %d participants had room+phase (round_launched %d, rooms %d, roster %d; %d errors)",
                n_room_phase, n_welcomed, fac_round_launched, fac_rooms, fac_rosters, n_errors);

    double *v = malloc((size_t)opt_n * sizeof *v);
    size_t n = 0;
    for (int i = 0; i < opt_n; i++) {
        lconn *c = &parts[i];
        if (!c->t_room || !c->t_phase) continue;
        int64_t t = c->t_room > c->t_phase ? c->t_room : c->t_phase;
        v[n++] = (double)(t - t0) / 1000.0;
    }
    qsort(v, n, sizeof *v, cmp_double);
    double cpu_us_per_msg = cpu0 >= 0 && cpu1 >= 0 ? (double)(cpu1 - cpu0) / 1000.0 / (double)launch_msgs : NAN;
    printf("fanout N=%d%s%s: room+phase to last participant %.1f ms (p50 %.1f, p99 %.1f), "
           "server CPU %.1f µs/message (%" PRIu64 " messages, %.1f ms CPU, %s); rooms=%d, round_launched reply %.1f ms\n",
           opt_n, *opt_label ? " " : "", opt_label, v[n - 1], pct(v, n, 0.50), pct(v, n, 0.99), cpu_us_per_msg, launch_msgs,
           (double)(cpu1 - cpu0) / 1e6, src1, rooms_launched,
           fac_round_launched ? (double)(t_round_launched - t0) / 1000.0 : NAN);
    {
        long rss_after_kb = server_rss_kb();
        printf("launch bytes N=%d: room %.0f B and phase %.0f B per participant (means)\n", opt_n,
               n ? (double)launch_room_bytes / (double)n : 0.0, n ? (double)launch_phase_bytes / (double)n : 0.0);
        if (rss_before_kb > 0 && rss_after_kb > 0)
            printf("memory N=%d%s%s: server RSS %.1f MiB before the joins, %.1f MiB after the launch: %.2f kB per participant\n", opt_n,
                   *opt_label ? " " : "", opt_label, rss_before_kb / 1024.0, rss_after_kb / 1024.0,
                   (double)(rss_after_kb - rss_before_kb) / opt_n * 1.024);
    }
    if (fac_lost)
        printf("  BUG: the server closed the facilitator's connection during the launch (round_launched %s, rooms %s, "
               "roster %s received); the figures are the participants'\n",
               fac_round_launched ? "was" : "not", fac_rooms ? "was" : "not", fac_rosters ? "was" : "not");
    printf("  the load generator used %.1f ms CPU in that window", (double)(self1 - self0) / 1000.0);
    if (ws_pings_rx != pings0) printf("; %" PRIu64 " lws keepalive pings arrived during it", ws_pings_rx - pings0);
    printf("\n");
    free(v);

    /* 4a. --hold-file (bench/run-recovery.sh): the rooms stay open with everyone connected; the
     * session code and the facilitator's token go to the file (written whole, then renamed) and
     * we keep reading every socket until the caller kills us (it kills the server first). */
    if (opt_hold_file) {
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", opt_hold_file);
        FILE *f = fopen(tmp, "w");
        if (!f || fprintf(f, "%s %s\n", code, fac_token) < 0 || fclose(f) != 0 || rename(tmp, opt_hold_file) != 0)
            die("cannot write %s", opt_hold_file);
        fflush(stdout);
        for (;;) run_until(d_never, 3600000);
    }

    /* 4b. the call signalling burst */
    int64_t burst_end_real_ms = 0;
    if (opt_calls) {
        build_sdp(0);
        build_sdp(1);
        const char *srcc = "";
        uint64_t cmsgs0 = msgs_rx;
        int64_t ccpu0 = server_cpu_ns(&srcc), cself0 = self_cpu_us(), tc0 = mono_us();
        int rooms_in_call = rooms_launched;
        calls_on = 1;
        for (int i = 0; i < opt_n; i++) {
            lconn *c = &parts[i];
            if (c->state != ST_OPEN || !c->t_room) continue;
            c->call_join_sent = 1;
            n_call_join_sent++;
            send_text(c, "{\"type\":\"call_join\",\"id\":5}");
        }
        int crc = run_until(d_calls, 60000 + (int64_t)opt_n * 10);
        int64_t ccpu1 = server_cpu_ns(&srcc), cself1 = self_cpu_us(), tc1 = mono_us();
        burst_end_real_ms = real_us() / 1000;
        uint64_t cmsgs = msgs_rx - cmsgs0;
        dump_types("during the call burst");
        double *all = malloc(sig_n * sizeof *all), *desc = malloc(sig_n * sizeof *desc), *cand = malloc(sig_n * sizeof *cand);
        size_t na = 0, nd = 0, nc = 0, n_kind[3] = { 0, 0, 0 };
        for (size_t i = 0; i < sig_n; i++) {
            if (!sig[i].t_rx) continue;
            double ms = (double)(sig[i].t_rx - sig[i].t_sent) / 1000.0;
            all[na++] = ms;
            n_kind[sig[i].kind]++;
            if (sig[i].kind == SIG_CANDIDATE) cand[nc++] = ms;
            else desc[nd++] = ms;
        }
        qsort(all, na, sizeof *all, cmp_double);
        qsort(desc, nd, sizeof *desc, cmp_double);
        qsort(cand, nc, sizeof *cand, cmp_double);
        printf("calls N=%d%s%s: %d call_join -> %d call_joined (%d rooms); %" PRIu64 " of %" PRIu64 " signals relayed "
               "(%zu offers, %zu answers, %zu candidates) in %.1f ms from the first call_join to the last signal's arrival; "
               "send -> peer's arrival p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
               opt_n, *opt_label ? " " : "", opt_label, n_call_join_sent, n_call_joined, rooms_in_call, call_relayed, call_expected,
               n_kind[SIG_OFFER], n_kind[SIG_ANSWER], n_kind[SIG_CANDIDATE],
               call_last_rx ? (double)(call_last_rx - tc0) / 1000.0 : NAN, pct(all, na, 0.50), pct(all, na, 0.99), na ? all[na - 1] : NAN);
        printf("  offers and answers (SDP %.1f KB / %.1f KB): p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
               "candidates: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f MB of signals sent\n",
               (double)sdp_bytes(0) / 1000.0, (double)sdp_bytes(1) / 1000.0, pct(desc, nd, 0.50), pct(desc, nd, 0.99),
               nd ? desc[nd - 1] : NAN, pct(cand, nc, 0.50), pct(cand, nc, 0.99), nc ? cand[nc - 1] : NAN, (double)call_sent_bytes / 1e6);
        if (ccpu0 >= 0 && ccpu1 >= 0)
            printf("  server CPU %.1f µs per relayed signal (%.1f ms CPU over the burst, %s; that includes the %d call_join and "
                   "an ok to every sender: %" PRIu64 " messages received by the load generator)\n",
                   (double)(ccpu1 - ccpu0) / 1000.0 / (double)(call_relayed ? call_relayed : 1), (double)(ccpu1 - ccpu0) / 1e6, srcc,
                   n_call_join_sent, cmsgs);
        printf("  errors during the burst: %" PRIu64, call_errors);
        for (int i = 0; i < n_call_err_codes; i++) printf("%s%s %d", i ? ", " : " (", call_err_code[i].code, call_err_code[i].n);
        if (n_call_err_codes) printf(")");
        printf("; %" PRIu64 " oks for %zu signals sent; %d connections closed by the server so far; %" PRIu64 " unmatched, %" PRIu64
               " duplicated; the load generator used %.1f ms CPU (its own queueing is part of the latency)\n",
               call_oks, sig_n, n_closed_unexpected, call_unmatched, call_dup, (double)(cself1 - cself0) / 1000.0);
        if (crc) fprintf(stderr, "loadgen: the call burst did not finish within its time limit\n");
        free(all);
        free(desc);
        free(cand);
        /* the idle window below starts after the burst */
        cpu1 = ccpu1;
        t1 = tc1;
    }

    /* 5. timer lateness */
    if (opt_lateness) {
        /* the practice deadline: every room got the same one (launched in one handler call) */
        int64_t dl = -1;
        for (int i = 0; i < opt_n; i++)
            if (parts[i].n_phases && parts[i].deadline_ms[0] > dl) dl = parts[i].deadline_ms[0];
        if (dl < 0) die("no practice deadline seen");
        const char *src = "";
        /* measure the server's CPU from shortly before the deadline until the last phase arrived */
        wait_until_real_us = (dl - 300) * 1000;
        if (wait_until_real_us > real_us()) run_until(d_real_time, (dl - t0_real_ms) + 5000);
        int64_t msgs_a = (int64_t)msgs_rx;
        int64_t cpu_a = server_cpu_ns(&src);
        int64_t t_a = mono_us();
        if (cpu1 >= 0 && cpu_a >= 0)
            printf("  server CPU between the launch and the deadline (%d connections, no messages): %.1f ms/s, "
                   "%" PRIu64 " lws keepalive pings%s\n",
                   opt_n + 1, (double)(cpu_a - cpu1) / 1e6 / ((double)(t_a - t1) / 1e6), ws_pings_rx - pings0,
                   opt_calls ? " (from the end of the call burst)" : "");
        if (opt_calls && burst_end_real_ms > dl - 300) {
            int64_t d = burst_end_real_ms - dl;
            printf("  note: the call burst ended %" PRId64 " ms %s the practice deadline: the lateness below includes it\n",
                   d < 0 ? -d : d, d < 0 ? "before" : "after");
        }
        if (run_until(d_phase2, (int64_t)opt_practice * 1000 + 60000))
            fprintf(stderr, "loadgen: only %d of %d participants got the phase after practice\n", n_phase_seen[1], n_room_phase);
        int64_t cpu_b = server_cpu_ns(&src);
        int64_t phase_msgs = (int64_t)msgs_rx - msgs_a;
        dump_types("up to the practice deadline and at it");
        lateness_line(0, 1, "practice", n_room_phase ? parts[0].phase_name[1] : "next");
        if (cpu_a >= 0 && cpu_b >= 0)
            printf("  server CPU at the practice deadline: %.1f µs/message (%" PRId64 " messages, %.1f ms CPU)\n",
                   (double)(cpu_b - cpu_a) / 1000.0 / (double)phase_msgs, phase_msgs, (double)(cpu_b - cpu_a) / 1e6);
        if (run_until(d_phase3, (int64_t)opt_soften * 1000 + 60000))
            fprintf(stderr, "loadgen: only %d of %d participants got the phase after soften\n", n_phase_seen[2], n_room_phase);
        else
            lateness_line(1, 2, parts[0].phase_name[1], parts[0].phase_name[2]);
    }

    /* 6. keepalive: lws pings every connection 25 s after it was established and then 25 s after
     * each pong, whatever else it sends (an application message does not reset that timer) */
    if (opt_keepalive_s > 0) {
        int64_t ends = mono_us() + (int64_t)opt_keepalive_s * 1000000;
        const char *src = "";
        /* the probe only runs here: its messages would wake the server's poll() before a deadline
         * and so hide the poll() timer slack from the lateness figures */
        probe_on = 1;
        probe_next_us = 0;
        probe_n = 0;
        uint64_t p0 = ws_pings_rx;
        int64_t c0 = server_cpu_ns(&src), k0 = mono_us();
        wait_until_real_us = real_us() + (ends - k0);
        run_until(d_real_time, (ends - k0) / 1000 + 1000);
        int64_t c1 = server_cpu_ns(&src), k1 = mono_us();
        printf("keepalive N=%d: %" PRIu64 " lws pings answered in %.1f s; server CPU %.0f ms/s\n", opt_n, ws_pings_rx - p0,
               (double)(k1 - k0) / 1e6, (double)(c1 - c0) / 1e6 / ((double)(k1 - k0) / 1e6));
        probe_line("while idle");
    }
    if (n_closed_unexpected || n_errors)
        printf("  note: %d connections closed by the server, %d error replies\n", n_closed_unexpected, n_errors);

    /* 7. everyone disconnects at once (the end of a session, or a network blip): how long the
     * server's loop is busy with it. The facilitator first, so the server does not queue a
     * roster_update per departure for it. */
    conn_close(&fac_conn, 1);
    const char *src = "";
    int64_t cd0 = server_cpu_ns(&src), td0 = mono_us();
    for (int i = 0; i < opt_n; i++) conn_close(&parts[i], 1);
    int64_t prev = cd0, cd1 = cd0, t_busy_end = td0;
    for (int still = 0; still < 4 && mono_us() - td0 < 60000000;) {   /* idle: 4 samples 50 ms apart */
        usleep(50000);
        cd1 = server_cpu_ns(&src);
        if (cd1 < 0) break;
        if (cd1 - prev < 2000000) still++;
        else { still = 0; t_busy_end = mono_us(); }
        prev = cd1;
    }
    if (cd0 >= 0 && cd1 >= 0)
        printf("disconnect N=%d%s%s: the server spent %.0f ms CPU (%.2f µs per connection) over %.2f s on %d connections closing at once\n",
               opt_n, *opt_label ? " " : "", opt_label, (double)(cd1 - cd0) / 1e6, (double)(cd1 - cd0) / 1000.0 / opt_n,
               (double)(t_busy_end - td0) / 1e6, opt_n);
    return 0;
}
