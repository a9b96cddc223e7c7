/* launch_shell — `launch_round`: validate the round's shape, plan the rooms (core), save them and,
 * once saved, tell every person placed their room and first phase, the lobby the rest, and the
 * facilitator the overview. Owns the one place the server works on two threads: the round's
 * transaction commits on a helper thread (store_async.c) while this thread builds the
 * participants' messages; nothing is queued for anyone until the commit succeeded. */
#ifndef SOFTCLOSE_LAUNCH_SHELL_H
#define SOFTCLOSE_LAUNCH_SHELL_H
#include <stdint.h>
#include "conn.h"
#include "protocol.h"

void h_launch_round(conn *c, proto_request *r, int64_t now_ms);
#endif
