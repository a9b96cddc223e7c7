/* unit.h — what every cmocka unit test includes: cmocka itself plus a fake clock.
 * The domain core never reads the wall clock; tests pass time in explicitly. */
#ifndef SOFTCLOSE_UNIT_H
#define SOFTCLOSE_UNIT_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

/* A fake clock: starts at a fixed, realistic epoch millisecond and only moves when told. */
typedef struct { int64_t now_ms; } fake_clock;
#define FAKE_CLOCK_START_MS INT64_C(1795000000000)
static inline fake_clock fake_clock_new(void) { fake_clock c = { FAKE_CLOCK_START_MS }; return c; }
static inline int64_t fake_clock_advance(fake_clock *c, int64_t ms) { c->now_ms += ms; return c->now_ms; }

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#endif
