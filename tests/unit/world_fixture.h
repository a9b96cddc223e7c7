/* world_fixture — a world with sessions and people for the unit tests of the rounds, follow-up
 * and feedback rules: deterministic ids and token hashes, a fake clock, no store. */
#ifndef SOFTCLOSE_WORLD_FIXTURE_H
#define SOFTCLOSE_WORLD_FIXTURE_H
#include "unit.h"
#include "rounds.h"
#include <stdio.h>

typedef struct { unsigned next; } idgen;

static inline void new_room_id(char out[SC_ID_LEN + 1], void *ctx)
{
    idgen *g = ctx;
    snprintf(out, SC_ID_LEN + 1, "rrrrrrrr-0000-4000-8000-%012u", g->next++);
}

typedef struct {
    sc_world w;
    idgen ids;
    fake_clock clock;
    unsigned next_person;
} fixture;

static inline void fx_init(fixture *f)
{
    memset(f, 0, sizeof *f);
    world_init(&f->w, 0);
    rounds_install(&f->w);
    f->ids.next = 1;
    f->clock = fake_clock_new();
}

/* Session number n with join code `code`: deterministic id and facilitator token hash. */
static inline sc_session *fx_add_session(sc_world *w, unsigned n, const char *code, int64_t now_ms)
{
    char id[SC_ID_LEN + 1];
    unsigned char h[SC_TOKEN_HASH_LEN];
    snprintf(id, sizeof id, "ssssssss-0000-4000-8000-%012u", n);
    memset(h, 0, sizeof h);
    h[0] = 'F';
    memcpy(h + 1, &n, sizeof n);
    sc_session *s = NULL;
    assert_int_equal(world_add_session(w, id, code, "Triads", h, now_ms, &s), SC_OK);
    return s;
}

/* Person number n ("Person n") in s, offline: deterministic id and token hash. */
static inline sc_participant *fx_add_person(sc_world *w, sc_session *s, unsigned n, int64_t now_ms)
{
    char id[SC_ID_LEN + 1], name[32];
    unsigned char h[SC_TOKEN_HASH_LEN];
    snprintf(id, sizeof id, "pppppppp-0000-4000-8000-%012u", n);
    snprintf(name, sizeof name, "Person %u", n);
    memset(h, 0, sizeof h);
    h[0] = 'P';
    memcpy(h + 1, &n, sizeof n);
    sc_participant *p = NULL;
    assert_int_equal(world_add_participant(w, s, n + 1, id, name, h, now_ms, 0, &p), SC_OK);
    return p;
}

static inline sc_session *fx_session(fixture *f, unsigned n, const char *code)
{
    return fx_add_session(&f->w, n, code, f->clock.now_ms);
}

/* Adds people to s. `roster` has one character per person: 'o' online, '-' offline,
 * 'L' left but still flagged online (must never be placed). */
static inline void fx_people(fixture *f, sc_session *s, const char *roster)
{
    for (const char *c = roster; *c; c++) {
        sc_participant *p = fx_add_person(&f->w, s, f->next_person++, f->clock.now_ms);
        if (*c == 'o' || *c == 'L') p->online = 1;
        if (*c == 'L') world_mark_left(&f->w, p, f->clock.now_ms);
    }
}

#endif
