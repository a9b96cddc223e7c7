/* fuzz_handlers — libFuzzer target for the message handler: any bytes, as one WebSocket text
 * message, from an anonymous connection, a facilitator or a participant of a session with a
 * running round. The handler must answer every input with a reply and never crash or leak.
 * The first input byte picks who sends it; the rest is the message. */
#include "../unit/app_fixture.h"
#include "conn.h"
#include "dispatch.h"
#include "rounds.h"
#include "registry.h"
#include "store.h"
#include "store_rounds.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static app_t the_app;
static config cfg;
static int64_t fake_now = INT64_C(1795000000000);
static int64_t fake_clock(void) { return fake_now; }

static conn facilitator, people[4];

static void drain(conn *c)
{
    out_msg *m;
    while ((m = conn_pop(c))) free(m);
}

static void send_json(conn *c, const char *json)
{
    dispatch_message(c, json, strlen(json), fake_now);
}

static void setup(void)
{
    if (app_fixture_open(&the_app, &cfg, fake_clock) != 0) abort();
    conn_init(&facilitator, NULL, "127.0.0.1");
    send_json(&facilitator, "{\"type\":\"create_session\",\"name\":\"fuzz\"}");
    const char *code = facilitator.session->code;
    for (int i = 0; i < 4; i++) {
        char buf[128];
        conn_init(&people[i], NULL, "127.0.0.2");
        snprintf(buf, sizeof buf, "{\"type\":\"join\",\"code\":\"%s\",\"name\":\"P%d\"}", code, i);
        send_json(&people[i], buf);
        drain(&people[i]);
    }
    send_json(&facilitator, "{\"type\":\"launch_round\",\"turns\":2,\"practice_s\":60,\"feedback_s\":30,\"soften_s\":30}");
    drain(&facilitator);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static int ready;
    if (!ready) { setup(); ready = 1; }
    if (size < 1) return 0;
    conn anon;
    conn_init(&anon, NULL, "127.0.0.9");
    conn *who = data[0] % 3 == 0 ? &anon : data[0] % 3 == 1 ? &facilitator : &people[data[0] % 4];
    if (who != &anon && !who->session) who = &anon;   /* a participant who left: send as anonymous */
    size_t before = who->queued_count;
    fake_now += 250;
    dispatch_message(who, (const char *)data + 1, size - 1, fake_now);
    if (who->queued_count <= before && !who->culled) {
        fprintf(stderr, "no reply to a message\n");
        abort();
    }
    drain(who);
    for (int i = 0; i < 4; i++) drain(&people[i]);
    drain(&facilitator);
    if (who == &anon) {   /* as the server does on close: features first (the call drops its peer), then free */
        dispatch_on_close(&anon, fake_now);
        conn_release(&anon);
    }
    return 0;
}
