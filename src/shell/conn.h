/* conn — one WebSocket connection: its identity, its inbound reassembly buffer and its bounded
 * outbound queue. Owns: queueing and fan-out to a person's connections, and taking a batch of
 * small messages for one send. Writes happen only in WRITEABLE (server.c makes one lws_write per
 * callback); here we only queue and ask for writeable.
 * A connection whose queue passes the hard limit is culled (closed) rather than letting memory
 * grow: the browser reconnects and resumes with its token, and state comes from the store. */
#ifndef SOFTCLOSE_CONN_H
#define SOFTCLOSE_CONN_H
#include <jansson.h>
#include <stddef.h>
#include "auth.h"
#include "ratelimit.h"
#include "session.h"

#define CONN_QUEUE_MAX_BYTES (2u * 1024 * 1024)
#define CONN_QUEUE_MAX_MESSAGES 4096
/* A facilitator's overview of 10,000 people in 3,334 rooms is several MiB and one update per room
 * at a shared deadline: their connection gets a larger allowance (there are few of them). */
#define CONN_FACILITATOR_QUEUE_MAX_BYTES (16u * 1024 * 1024)
#define CONN_FACILITATOR_QUEUE_MAX_MESSAGES 65536
#define CONN_FACILITATORS_PER_SESSION 8     /* open facilitator connections (tabs, devices) */
#define CONN_QUEUE_MAX_AGE_MS 30000         /* a connection that has not taken a message for 30 s is dead */

typedef struct out_msg {
    struct out_msg *next;
    int64_t queued_ms;
    size_t len;
    unsigned char data[];   /* LWS_PRE bytes of headroom, then the payload */
} out_msg;

typedef struct conn {
    struct lws *wsi;                 /* NULL in the fuzzer and unit tests */
    out_msg *head, *tail;
    size_t queued_bytes, queued_count;
    char *rx;                        /* reassembly of a fragmented message */
    size_t rx_len;
    int rx_overflow;                 /* the current message passed the size cap; drop until final */
    auth_actor actor;
    sc_session *session;
    sc_participant *participant;
    struct conn *peer_next, *peer_prev;   /* other connections of the same person */
    ratelimit_window join_window, msg_window;
    ratelimit_window signal_window, chat_window;   /* call signalling and room chat (feat_call.c) */
    struct sc_room *call_room;       /* the room whose call this connection is in, or NULL */
    char call_peer[37];              /* this connection's peer id in that call */
    char ip[64];
    int culled;
    int in_backlog;                  /* counted in conn_backlog() */
} conn;

void conn_init(conn *c, struct lws *wsi, const char *ip);
void conn_release(conn *c);          /* frees queue and rx, unbinds identity */
void conn_send(conn *c, json_t *msg); /* borrows msg */
void conn_send_raw(conn *c, const char *payload, size_t len);
/* The two halves of conn_send_raw, for messages built before they may be queued (a launch builds
 * them while its transaction commits, see launch_shell.c). conn_queue takes m: it is queued, or
 * freed if the connection is being culled or would pass its limits (NULL is ignored). */
out_msg *conn_msg_new(const char *payload, size_t len);
void conn_queue(conn *c, out_msg *m);
out_msg *conn_pop(conn *c);          /* caller frees */
/* Several small messages in one send: if the first two queued messages fit in cap bytes as
 * WebSocket frames, pops as many as fit, writes them into buf as consecutive final text frames
 * and returns the bytes used; otherwise pops nothing and returns 0 (write the head on its own).
 * Each message stays a separate WebSocket message; only the syscall is shared. */
size_t conn_take_batch(conn *c, unsigned char *buf, size_t cap);
/* How many participant connections have messages waiting to be written. */
size_t conn_backlog(void);

void conn_bind_facilitator(conn *c, sc_session *s);
/* Returns 1 if the person just came online (roster changed). */
int conn_bind_participant(conn *c, sc_participant *p);
/* Returns 1 if the person just went offline. */
int conn_unbind(conn *c);

void send_to_participant(sc_participant *p, json_t *msg);
void send_to_facilitator(sc_session *s, json_t *msg);
void send_text_to_participant(sc_participant *p, const char *text, size_t len);   /* JSON text */
#endif
