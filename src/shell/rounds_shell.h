/* rounds_shell — the round and room messages (launch_round, pause, resume, extend, end_round,
 * broadcast, move, help, help_ack) and the one deadline timer. Filled in by the rounds work. */
#ifndef SOFTCLOSE_ROUNDS_SHELL_H
#define SOFTCLOSE_ROUNDS_SHELL_H
#include <stdint.h>
#include "conn.h"

/* After welcome: everything this person should see now (room, phase, history). */
void rounds_send_state(conn *c, int64_t now_ms);
/* A participant leaves the session: free their seat. */
void rounds_on_leave(sc_participant *p, int64_t now_ms);
/* Cancels the deadline timer before the context goes away. */
void rounds_shutdown(void);
#define ROUNDS_ROUTES
#endif
