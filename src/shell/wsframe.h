/* wsframe — RFC 6455 framing for the server's batched sends. Owns only the frame header of an
 * unfragmented, unmasked text frame (what a server sends). server.c uses it to put several small
 * queued messages into one send: each message stays its own WebSocket message on the wire, only
 * the syscall is shared. No lws here, so it is unit-tested byte for byte. */
#ifndef SOFTCLOSE_WSFRAME_H
#define SOFTCLOSE_WSFRAME_H
#include <stddef.h>
#include <stdint.h>

#define WSFRAME_HEADER_MAX 10   /* 2 bytes + a 64-bit extended length */

/* Writes the header of a final text frame carrying payload_len bytes into out (at least
 * WSFRAME_HEADER_MAX bytes) and returns its length (2, 4 or 10). */
size_t wsframe_text_header(uint64_t payload_len, unsigned char *out);
#endif
