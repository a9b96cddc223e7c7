/* wsframe — see wsframe.h. */
#include "wsframe.h"

#define FIN_TEXT 0x81   /* FIN bit + opcode 1 (text); RSV bits 0: no extension touched it */

size_t wsframe_text_header(uint64_t payload_len, unsigned char *out)
{
    out[0] = FIN_TEXT;
    /* server-to-client frames are never masked, so the MASK bit (0x80 of byte 1) stays 0 */
    if (payload_len < 126) {
        out[1] = (unsigned char)payload_len;
        return 2;
    }
    if (payload_len <= 0xFFFF) {
        out[1] = 126;
        out[2] = (unsigned char)(payload_len >> 8);
        out[3] = (unsigned char)payload_len;
        return 4;
    }
    out[1] = 127;   /* 64-bit length, most significant bit 0 as RFC 6455 5.2 requires */
    for (int i = 0; i < 8; i++) out[2 + i] = (unsigned char)(payload_len >> (56 - 8 * i));
    out[2] &= 0x7F;
    return 10;
}
