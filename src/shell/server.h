/* server — the libwebsockets side: context, vhost, mounts, the HTTP callback (health check and
 * security headers) and the WebSocket callback (admission, reassembly, writeable). */
#ifndef SOFTCLOSE_SERVER_H
#define SOFTCLOSE_SERVER_H
#include <stddef.h>
#include "app.h"

#define SERVER_MAX_FRAME_TOTAL (1024 * 1024)  /* past this a single message closes the connection */

/* Creates the lws context and listens. Returns 0, or -1 with a sentence in err. */
int server_start(app_t *a, char *err, size_t err_size);
int server_port(void);
/* How many websockets this process holds before it refuses new ones (open-file limit less a
 * reserve). main() raises the soft open-file limit to the hard limit before server_start. */
size_t server_capacity(void);
/* Runs the event loop until server_stop() is called (from a signal handler is fine). */
void server_run(void);
void server_stop(void);
void server_destroy(void);
#endif
