/* rounds — see rounds.h. */
#include "rounds.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *rounds_error_message(int code)
{
    switch (code) {
    case ROUNDS_ERR_TOO_FEW: return "At least two people must be online to launch a round.";
    case ROUNDS_ERR_RUNNING: return "A round is still running; end it (its rooms go to the soft close) or wait until every room has closed.";
    case ROUNDS_ERR_NOMEM: return "The server ran out of memory; try again.";
    case ROUNDS_ERR_SAME_ROOM: return "That participant is already in that room.";
    case ROUNDS_ERR_CLOSED: return "That room has closed; pick a room that is still open.";
    default: return grouping_error_message(code);
    }
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap < need) ncap *= 2;
    void *n = realloc(*arr, ncap * elem);
    if (!n) return -1;
    *arr = n;
    *cap = ncap;
    return 0;
}

void rounds_free_round(sc_round *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->n_rooms; i++) {
        free(r->rooms[i]->members);
        free(r->rooms[i]->call);
        free(r->rooms[i]);
    }
    free(r->rooms);
    free(r);
}

static void free_session_extras(sc_session *s)
{
    for (size_t i = 0; i < s->n_rounds; i++) rounds_free_round(s->rounds[i]);
    free(s->rounds);
    for (size_t i = 0; i < s->n_help; i++) free(s->help[i]);
    free(s->help);
}

void rounds_install(sc_world *w) { w->free_session_extras = free_session_extras; }

sc_round *rounds_current(const sc_session *s) { return s->n_rounds ? s->rounds[s->n_rounds - 1] : NULL; }

int rounds_running(const sc_session *s)
{
    const sc_round *r = rounds_current(s);
    if (!r) return 0;
    for (size_t i = 0; i < r->n_rooms; i++)
        if (r->rooms[i]->clock.phase != PHASE_CLOSED) return 1;
    return 0;
}

sc_room *rounds_find_room(const sc_session *s, const char *room_id)
{
    const sc_round *r = rounds_current(s);
    if (!r || !room_id) return NULL;
    for (size_t i = 0; i < r->n_rooms; i++)
        if (!strcmp(r->rooms[i]->id, room_id)) return r->rooms[i];
    return NULL;
}

grouping_role rounds_member_role(const sc_room *r, const sc_member *m)
{
    return rounds_member_role_at(r, m, r->clock.turn);
}

grouping_role rounds_member_role_at(const sc_room *r, const sc_member *m, unsigned turn)
{
    return grouping_role_for(r->rotation_size, turn, m->slot);
}

sc_member *rounds_find_member(sc_room *r, const sc_participant *p)
{
    for (size_t i = 0; i < r->n_members; i++)
        if (r->members[i].p == p && !r->members[i].gone_ms) return &r->members[i];
    return NULL;
}

size_t rounds_present_count(const sc_room *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_members; i++) n += !r->members[i].gone_ms;
    return n;
}

static void remember_room(sc_participant *p, sc_room *room);

static int add_member(sc_room *room, sc_participant *p, size_t slot, int64_t joined_ms, int64_t gone_ms)
{
    if (grow((void **)&room->members, &room->cap_members, room->n_members + 1, sizeof *room->members)) return -1;
    room->members[room->n_members++] = (sc_member){ .p = p, .slot = slot, .joined_ms = joined_ms, .gone_ms = gone_ms };
    return 0;
}

/* Every pair of people who shared a room in an earlier round, as grouping ids (people indexes). */
static int collect_met(const sc_session *s, grouping_pair **out, size_t *n_out)
{
    size_t n = 0, cap = 0;
    grouping_pair *pairs = NULL;
    for (size_t i = 0; i < s->n_rounds; i++) {
        const sc_round *r = s->rounds[i];
        for (size_t j = 0; j < r->n_rooms; j++) {
            const sc_room *room = r->rooms[j];
            for (size_t a = 0; a < room->n_members; a++)
                for (size_t b = a + 1; b < room->n_members; b++) {
                    if (grow((void **)&pairs, &cap, n + 1, sizeof *pairs)) { free(pairs); return -1; }
                    pairs[n++] = (grouping_pair){ room->members[a].p->index, room->members[b].p->index };
                }
        }
    }
    *out = pairs;
    *n_out = n;
    return 0;
}

int rounds_plan(const sc_session *s, const timeline_shape *shape, grouping_policy policy, uint64_t seed,
                const char *scenario, int64_t now_ms, rounds_new_id_fn new_id, void *ctx, sc_round **out)
{
    *out = NULL;
    if (rounds_running(s)) return ROUNDS_ERR_RUNNING;
    grouping_person *people = malloc((s->n_people ? s->n_people : 1) * sizeof *people);
    if (!people) return ROUNDS_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < s->n_people; i++) {
        const sc_participant *p = s->people[i];
        if (!p->left_ms && p->online) people[n++] = (grouping_person){ p->index, p->therapist_count };
    }
    if (n < 2) { free(people); return ROUNDS_ERR_TOO_FEW; }
    grouping_pair *met = NULL;
    size_t n_met = 0;
    if (collect_met(s, &met, &n_met)) { free(people); return ROUNDS_ERR_NOMEM; }
    grouping_result g;
    int rc = grouping_make_rooms(people, n, met, n_met, policy, shape->turns, seed, &g);
    free(people);
    free(met);
    if (rc != GROUPING_OK) { grouping_result_free(&g); return rc; }

    sc_round *r = calloc(1, sizeof *r);
    if (!r || !(r->rooms = calloc(g.n_rooms ? g.n_rooms : 1, sizeof *r->rooms))) {
        free(r);
        grouping_result_free(&g);
        return ROUNDS_ERR_NOMEM;
    }
    r->number = (unsigned)s->n_rounds + 1;
    r->shape = *shape;
    r->policy = policy;
    r->seed = seed;
    snprintf(r->scenario, sizeof r->scenario, "%s", scenario ? scenario : "");
    r->launched_ms = now_ms;
    for (size_t i = 0; i < g.n_rooms; i++) {
        sc_room *room = calloc(1, sizeof *room);
        if (!room) { rounds_free_round(r); grouping_result_free(&g); return ROUNDS_ERR_NOMEM; }
        r->rooms[r->n_rooms++] = room;
        new_id(room->id, ctx);
        room->number = (unsigned)i + 1;
        room->round = r;
        room->session = (sc_session *)s;
        room->live_index = SIZE_MAX;
        room->rotation_size = g.room_start[i + 1] - g.room_start[i];
        /* PAIRS policy: a room of 4 is a triad plus a lone leftover, who is an extra observer */
        if (policy == GROUPING_POLICY_PAIRS && room->rotation_size == 4) room->rotation_size = 3;
        timeline_start(&room->clock, shape, now_ms);
        for (size_t k = g.room_start[i]; k < g.room_start[i + 1]; k++)
            if (add_member(room, s->people[g.members[k]], k - g.room_start[i], now_ms, 0)) {
                rounds_free_round(r);
                grouping_result_free(&g);
                return ROUNDS_ERR_NOMEM;
            }
    }
    grouping_result_free(&g);
    *out = r;
    return 0;
}

static void live_add(sc_world *w, sc_room *room)
{
    if (room->live_index != SIZE_MAX || room->clock.phase == PHASE_CLOSED) return;
    if (grow((void **)&w->live_rooms, &w->cap_live_rooms, w->n_live_rooms + 1, sizeof *w->live_rooms)) return;
    room->live_index = w->n_live_rooms;
    w->live_rooms[w->n_live_rooms++] = room;
}

static void live_remove(sc_world *w, sc_room *room)
{
    size_t i = room->live_index;
    if (i == SIZE_MAX) return;
    sc_room *last = w->live_rooms[--w->n_live_rooms];
    w->live_rooms[i] = last;
    last->live_index = i;
    room->live_index = SIZE_MAX;
}

void rounds_clock_changed(sc_world *w, sc_room *r)
{
    if (r->clock.phase == PHASE_CLOSED) live_remove(w, r);
    else live_add(w, r);
}

static int append_round(sc_session *s, sc_round *r)
{
    if (grow((void **)&s->rounds, &s->cap_rounds, s->n_rounds + 1, sizeof *s->rounds)) return -1;
    s->rounds[s->n_rounds++] = r;
    return 0;
}

void rounds_attach(sc_world *w, sc_session *s, sc_round *r)
{
    if (append_round(s, r)) return;
    for (size_t i = 0; i < s->n_people; i++) s->people[i]->room = NULL;
    for (size_t i = 0; i < r->n_rooms; i++) {
        sc_room *room = r->rooms[i];
        for (size_t k = 0; k < room->n_members; k++) {
            sc_member *m = &room->members[k];
            m->p->room = room;
            remember_room(m->p, room);
            for (unsigned t = 0; t < r->shape.turns; t++)
                if (grouping_role_for(room->rotation_size, t, m->slot) == ROLE_THERAPIST) m->p->therapist_count++;
        }
        live_add(w, room);
    }
}

sc_round *rounds_restore_round(sc_session *s, unsigned number, const timeline_shape *shape, grouping_policy policy,
                               uint64_t seed, const char *scenario, int64_t launched_ms)
{
    sc_round *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->number = number;
    r->shape = *shape;
    r->policy = policy;
    r->seed = seed;
    snprintf(r->scenario, sizeof r->scenario, "%s", scenario ? scenario : "");
    r->launched_ms = launched_ms;
    if (append_round(s, r)) { free(r); return NULL; }
    return r;
}

sc_room *rounds_restore_room(sc_world *w, sc_session *s, sc_round *r, const char *id, unsigned number,
                             size_t rotation_size, const timeline_clock *clock)
{
    sc_room **nr = realloc(r->rooms, (r->n_rooms + 1) * sizeof *nr);
    if (!nr) return NULL;
    r->rooms = nr;
    sc_room *room = calloc(1, sizeof *room);
    if (!room) return NULL;
    snprintf(room->id, sizeof room->id, "%s", id);
    room->number = number;
    room->round = r;
    room->rotation_size = rotation_size;
    room->clock = *clock;
    room->session = s;
    room->live_index = SIZE_MAX;
    r->rooms[r->n_rooms++] = room;
    live_add(w, room);
    return room;
}

int rounds_restore_member(sc_room *room, sc_participant *p, size_t slot, int64_t joined_ms, int64_t gone_ms)
{
    if (add_member(room, p, slot, joined_ms, gone_ms)) return -1;
    remember_room(p, room);
    if (!gone_ms && room->round == rounds_current(p->session)) p->room = room;
    return 0;
}

static size_t find_member_index(const sc_room *room, const sc_participant *p)
{
    for (size_t i = 0; i < room->n_members; i++)
        if (room->members[i].p == p && !room->members[i].gone_ms) return i;
    return SIZE_MAX;
}

/* No extra observer can take the leaver's seat: plan the room closing ranks (see rounds.h). */
static void plan_close_ranks(const sc_room *room, size_t leaver, rounds_seat_change *out)
{
    size_t rotation = room->rotation_size;
    unsigned turn = room->clock.turn;
    size_t therapist = SIZE_MAX, client = SIZE_MAX, observers[ROUNDS_MAX_RESEAT], n_observers = 0, n_left = 0;
    if (rotation > ROUNDS_MAX_RESEAT) return;
    /* who is left in the rotation, by this turn's role; observers in seat order */
    for (size_t seat = 0; seat < rotation; seat++)
        for (size_t i = 0; i < room->n_members; i++) {
            const sc_member *m = &room->members[i];
            if (i == leaver || m->gone_ms || m->slot != seat) continue;
            n_left++;
            grouping_role role = grouping_role_for(rotation, turn, seat);
            if (role == ROLE_THERAPIST) therapist = i;
            else if (role == ROLE_CLIENT) client = i;
            else observers[n_observers++] = i;
        }
    if (n_left < 2) return;   /* one person cannot practise: the seat stays empty */
    size_t next_observer = 0;
    if (therapist == SIZE_MAX) therapist = observers[next_observer++];
    if (client == SIZE_MAX) client = observers[next_observer++];
    size_t new_size = n_left;
    size_t therapist_seat = turn % new_size, client_seat = (turn + 1u) % new_size;
    out->new_rotation_size = new_size;
    out->reseat_member[out->n_reseat] = therapist;
    out->reseat_slot[out->n_reseat++] = therapist_seat;
    out->reseat_member[out->n_reseat] = client;
    out->reseat_slot[out->n_reseat++] = client_seat;
    size_t seat = 0;
    for (size_t k = next_observer; k < n_observers; k++) {
        while (seat == therapist_seat || seat == client_seat) seat++;
        out->reseat_member[out->n_reseat] = observers[k];
        out->reseat_slot[out->n_reseat++] = seat++;
    }
}

void rounds_plan_vacate(const sc_participant *p, int64_t now_ms, rounds_seat_change *out)
{
    *out = (rounds_seat_change){ .from = p->room, .leaver = SIZE_MAX, .heir = SIZE_MAX, .now_ms = now_ms };
    if (!p->room) return;
    sc_room *room = p->room;
    out->new_rotation_size = room->rotation_size;
    out->leaver = find_member_index(room, p);
    if (out->leaver == SIZE_MAX) { out->from = NULL; return; }
    size_t slot = room->members[out->leaver].slot;
    if (slot >= room->rotation_size) return;
    /* the first extra observer (lowest extra slot) inherits the rotation seat and its role */
    for (size_t i = 0; i < room->n_members; i++) {
        const sc_member *o = &room->members[i];
        if (!o->gone_ms && o->slot >= room->rotation_size &&
            (out->heir == SIZE_MAX || o->slot < room->members[out->heir].slot))
            out->heir = i;
    }
    out->heir_slot = slot;
    if (out->heir == SIZE_MAX) plan_close_ranks(room, out->leaver, out);
}

int rounds_plan_move(const sc_participant *p, sc_room *to, int64_t now_ms, rounds_seat_change *out)
{
    if (p->room == to) return ROUNDS_ERR_SAME_ROOM;
    if (to->clock.phase == PHASE_CLOSED) return ROUNDS_ERR_CLOSED;
    if (grow((void **)&to->members, &to->cap_members, to->n_members + 1, sizeof *to->members)) return ROUNDS_ERR_NOMEM;
    sc_participant *mp = (sc_participant *)p;
    if (grow((void **)&mp->history, &mp->cap_history, mp->n_history + 1, sizeof *mp->history)) return ROUNDS_ERR_NOMEM;
    rounds_plan_vacate(p, now_ms, out);
    out->to = to;
    size_t slot = to->rotation_size;
    for (size_t i = 0; i < to->n_members; i++)
        if (to->members[i].slot >= slot) slot = to->members[i].slot + 1;
    out->to_slot = slot;
    return 0;
}

static void remember_room(sc_participant *p, sc_room *room)
{
    for (size_t i = 0; i < p->n_history; i++)
        if (p->history[i] == room) return;
    if (grow((void **)&p->history, &p->cap_history, p->n_history + 1, sizeof *p->history)) return;
    p->history[p->n_history++] = room;
}

void rounds_apply_seat_change(sc_participant *p, const rounds_seat_change *c)
{
    if (c->from && c->leaver != SIZE_MAX) {
        c->from->members[c->leaver].gone_ms = c->now_ms;
        if (c->heir != SIZE_MAX) c->from->members[c->heir].slot = c->heir_slot;
        for (size_t i = 0; i < c->n_reseat; i++) c->from->members[c->reseat_member[i]].slot = c->reseat_slot[i];
        c->from->rotation_size = c->new_rotation_size;
    }
    p->room = NULL;
    if (c->to) {
        add_member(c->to, p, c->to_slot, c->now_ms, 0);   /* capacity reserved by the plan */
        remember_room(p, c->to);
        p->room = c->to;
    }
}

size_t rounds_history(const sc_participant *p, sc_room *const **rooms)
{
    *rooms = p->history;
    return p->n_history;
}

/* Someone saved a draft within the last few seconds, or is speaking in the call: the soft close
 * waits for them (grace). Nobody is cut off mid-sentence. */
int rounds_someone_typing(const sc_room *room, int64_t now_ms)
{
    for (size_t i = 0; i < room->n_members; i++) {
        const sc_member *m = &room->members[i];
        if (m->gone_ms) continue;
        if (m->speaking || (m->last_typing_ms && now_ms - m->last_typing_ms <= ROUNDS_TYPING_WINDOW_MS)) return 1;
    }
    return 0;
}

size_t rounds_advance_due(sc_world *w, int64_t now_ms, sc_room **changed, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_live_rooms && n < max;) {
        sc_room *room = w->live_rooms[i];
        if (timeline_due(&room->clock, now_ms) &&
            timeline_advance(&room->clock, &room->round->shape, now_ms, rounds_someone_typing(room, now_ms))) {
            changed[n++] = room;
            if (room->clock.phase == PHASE_CLOSED) { live_remove(w, room); continue; }  /* slot i now holds another room */
        }
        i++;
    }
    return n;
}

int64_t rounds_next_deadline(const sc_world *w)
{
    int64_t best = INT64_MAX;
    for (size_t i = 0; i < w->n_live_rooms; i++) {
        const timeline_clock *c = &w->live_rooms[i]->clock;
        if (!c->paused && c->phase != PHASE_CLOSED && c->deadline_ms < best) best = c->deadline_ms;
    }
    return best;
}

sc_help *rounds_add_help(sc_session *s, const char *id, sc_room *room, sc_participant *p, const char *text,
                         int64_t at_ms, int64_t acked_ms)
{
    if (grow((void **)&s->help, &s->cap_help, s->n_help + 1, sizeof *s->help)) return NULL;
    sc_help *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    snprintf(h->id, sizeof h->id, "%s", id);
    h->room = room;
    h->p = p;
    snprintf(h->text, sizeof h->text, "%s", text ? text : "");
    h->at_ms = at_ms;
    h->acked_ms = acked_ms;
    s->help[s->n_help++] = h;
    return h;
}

sc_help *rounds_find_help(const sc_session *s, const char *id)
{
    for (size_t i = 0; i < s->n_help; i++)
        if (!strcmp(s->help[i]->id, id)) return s->help[i];
    return NULL;
}
