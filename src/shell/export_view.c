/* export_view — see export_view.h. */
#include "export_view.h"
#include "grouping.h"
#include "hashmap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TURNS_SHOWN 64   /* launch_round allows 10; a bound for the header only */

void export_iso_time(int64_t ms, char out[32])
{
    out[0] = '\0';
    if (ms <= 0) return;
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    if (!gmtime_r(&secs, &tm)) return;
    size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, 32 - n, ".%03dZ", (int)(ms % 1000));
}

void export_filename(const sc_session *s, int64_t now_ms, const char *ext, char *out, size_t size)
{
    time_t secs = (time_t)(now_ms / 1000);
    struct tm tm;
    char when[32] = "";
    if (gmtime_r(&secs, &tm)) strftime(when, sizeof when, "%Y%m%d-%H%M", &tm);
    snprintf(out, size, "softclose-%s-%s.%s", s->code, when, ext);
}

/* ---- a growing text with a ceiling ---- */

typedef struct {
    char *p;
    size_t len, cap, max;
    export_status st;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->st) return;
    if (t->len + n > t->max) { t->st = EXPORT_TOO_LARGE; return; }
    if (t->len + n + 1 > t->cap) {
        size_t want = t->cap ? t->cap : 4096;
        while (want < t->len + n + 1) want *= 2;
        char *grown = realloc(t->p, want);
        if (!grown) { t->st = EXPORT_NOMEM; return; }
        t->p = grown;
        t->cap = want;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

static void puts_(text *t, const char *s) { put(t, s, strlen(s)); }

/* RFC 4180 field, guarded against formula injection (see export_view.h). */
static void put_field(text *t, const char *v)
{
    int guard = v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r';
    int quote = strpbrk(v, ",\"\r\n") != NULL;
    if (quote) put(t, "\"", 1);
    if (guard) put(t, "'", 1);
    for (const char *s = v; *s; s++) {
        const char *q = strchr(s, '"');
        size_t n = q ? (size_t)(q - s) : strlen(s);
        put(t, s, n);
        if (!q) break;
        put(t, "\"\"", 2);
        s = q;
    }
    if (quote) put(t, "\"", 1);
}

char *export_csv_field(const char *v)
{
    text t = { .max = SIZE_MAX / 2 };
    put(&t, "", 0);
    put_field(&t, v);
    if (t.st) { free(t.p); return NULL; }
    if (!t.p) return strdup("");
    return t.p;
}

static void put_num(text *t, unsigned long long n)
{
    char b[24];
    snprintf(b, sizeof b, "%llu", n);
    puts_(t, b);
}

static void put_time(text *t, int64_t ms)
{
    char b[32];
    export_iso_time(ms, b);
    puts_(t, b);
}

/* ---- grouping rows by room ---- */

typedef struct {
    hashmap by_id;            /* room id -> index + 1 */
    size_t *seat_first, *seat_order;   /* seats of room i: seat_order[seat_first[i] .. seat_first[i+1]) */
    size_t *help_first, *help_order;
} by_room;

static size_t room_index(const by_room *g, const char *id)
{
    void *v = hashmap_get(&g->by_id, id, strlen(id));
    return v ? (size_t)(uintptr_t)v - 1 : SIZE_MAX;
}

/* Counting sort of n items into rooms by their room id; items of unknown rooms are dropped. */
static int group(const by_room *g, size_t n_rooms, size_t n, const char *(*id_of)(const store_export *, size_t),
                 const store_export *e, size_t **first_out, size_t **order_out)
{
    size_t *first = calloc(n_rooms + 2, sizeof *first), *order = malloc((n ? n : 1) * sizeof *order);
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!first || !order || !idx) { free(first); free(order); free(idx); return -1; }
    for (size_t i = 0; i < n; i++) {
        idx[i] = room_index(g, id_of(e, i));
        if (idx[i] != SIZE_MAX) first[idx[i] + 2]++;
    }
    for (size_t r = 0; r < n_rooms; r++) first[r + 2] += first[r + 1];
    for (size_t i = 0; i < n; i++)
        if (idx[i] != SIZE_MAX) order[first[idx[i] + 1]++] = i;
    free(idx);
    *first_out = first;    /* first[r] .. first[r+1] after the shift above */
    *order_out = order;
    return 0;
}

static const char *seat_room(const store_export *e, size_t i) { return e->seats[i].room_id; }
static const char *help_room(const store_export *e, size_t i) { return e->help[i].room_id; }

static void by_room_free(by_room *g)
{
    hashmap_free(&g->by_id);
    free(g->seat_first); free(g->seat_order);
    free(g->help_first); free(g->help_order);
}

static int by_room_build(const store_export *e, by_room *g)
{
    memset(g, 0, sizeof *g);
    hashmap_init(&g->by_id);
    for (size_t i = 0; i < e->n_rooms; i++)
        if (hashmap_put(&g->by_id, e->rooms[i].id, strlen(e->rooms[i].id), (void *)(uintptr_t)(i + 1))) goto fail;
    if (group(g, e->n_rooms, e->n_seats, seat_room, e, &g->seat_first, &g->seat_order)) goto fail;
    if (group(g, e->n_rooms, e->n_help, help_room, e, &g->help_first, &g->help_order)) goto fail;
    return 0;
fail:
    by_room_free(g);
    return -1;
}

static const store_export_round *find_round(const store_export *e, unsigned number)
{
    if (number >= 1 && number <= e->n_rounds && e->rounds[number - 1].number == number) return &e->rounds[number - 1];
    for (size_t i = 0; i < e->n_rounds; i++)
        if (e->rounds[i].number == number) return &e->rounds[i];
    return NULL;
}

/* Turns a room reached: all of them once it is past practice of its last turn or closed after
 * the last; fewer if the facilitator ended it early (the clock stays on the turn it was in). */
static unsigned turns_reached(const store_export_room *room, const store_export_round *round)
{
    unsigned turns = round ? round->turns : room->turn + 1;
    unsigned reached = room->turn + 1;
    return reached < turns ? reached : turns;
}

static const char *role_in(const store_export_room *room, const store_export_seat *m, unsigned turn)
{
    return grouping_role_name(grouping_role_for(room->rotation_size, turn, m->slot));
}

/* ---- CSV ---- */

export_status export_csv(const sc_session *s, const store_export *e, size_t max_bytes, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    by_room g;
    if (by_room_build(e, &g)) return EXPORT_NOMEM;
    unsigned max_turns = 1;
    for (size_t i = 0; i < e->n_rounds; i++)
        if (e->rounds[i].turns > max_turns) max_turns = e->rounds[i].turns;
    if (max_turns > MAX_TURNS_SHOWN) max_turns = MAX_TURNS_SHOWN;

    text t = { .max = max_bytes };
    puts_(&t, "\xEF\xBB\xBF");
    puts_(&t, "record,round,room,room_id,participant_id,participant");
    for (unsigned k = 1; k <= max_turns; k++) {
        char h[32];
        snprintf(h, sizeof h, ",role_turn_%u", k);
        puts_(&t, h);
    }
    puts_(&t, ",joined_at,gone_at,help_at,help_acked_at,help_text,feedback_sent,feedback_softened,phase\r\n");
    for (size_t r = 0; r < e->n_rooms && !t.st; r++) {
        const store_export_room *room = &e->rooms[r];
        const store_export_round *round = find_round(e, room->round);
        unsigned reached = turns_reached(room, round);

        puts_(&t, "room,");
        put_num(&t, room->round); puts_(&t, ",");
        put_num(&t, room->number); puts_(&t, ",");
        put_field(&t, room->id); puts_(&t, ",,,");   /* no participant_id, participant */
        for (unsigned k = 0; k < max_turns; k++) puts_(&t, ",");
        puts_(&t, ",,,,,");
        put_num(&t, room->feedback_sent); puts_(&t, ",");
        put_num(&t, room->feedback_softened); puts_(&t, ",");
        puts_(&t, timeline_phase_name(room->phase));
        puts_(&t, "\r\n");

        for (size_t j = g.seat_first[r]; j < g.seat_first[r + 1]; j++) {
            const store_export_seat *m = &e->seats[g.seat_order[j]];
            puts_(&t, "seat,");
            put_num(&t, room->round); puts_(&t, ",");
            put_num(&t, room->number); puts_(&t, ",");
            put_field(&t, room->id); puts_(&t, ",");
            put_field(&t, m->who.id); puts_(&t, ",");
            put_field(&t, m->who.name);
            for (unsigned k = 0; k < max_turns; k++) {
                puts_(&t, ",");
                if (k < reached) puts_(&t, role_in(room, m, k));
            }
            puts_(&t, ",");
            put_time(&t, m->joined_ms); puts_(&t, ",");
            put_time(&t, m->gone_ms);
            puts_(&t, ",,,,,,\r\n");
        }

        for (size_t j = g.help_first[r]; j < g.help_first[r + 1]; j++) {
            const store_export_help *h = &e->help[g.help_order[j]];
            puts_(&t, "help,");
            put_num(&t, room->round); puts_(&t, ",");
            put_num(&t, room->number); puts_(&t, ",");
            put_field(&t, room->id); puts_(&t, ",");
            put_field(&t, h->who.id); puts_(&t, ",");
            put_field(&t, h->who.name);
            for (unsigned k = 0; k < max_turns; k++) puts_(&t, ",");
            puts_(&t, ",,,");
            put_time(&t, h->at_ms); puts_(&t, ",");
            put_time(&t, h->acked_ms); puts_(&t, ",");
            put_field(&t, h->text);
            puts_(&t, ",,,\r\n");
        }
    }
    by_room_free(&g);
    if (t.st) { free(t.p); return t.st; }
    *out = t.p;
    *len = t.len;
    return EXPORT_OK;
}

/* ---- JSON ---- */

static json_t *time_or_null(int64_t ms) { return ms > 0 ? json_integer(ms) : json_null(); }

static json_t *person(const store_person *p) { return json_pack("{s:s, s:s}", "id", p->id, "name", p->name); }

static json_t *room_json(const store_export *e, const by_room *g, size_t r)
{
    const store_export_room *room = &e->rooms[r];
    const store_export_round *round = find_round(e, room->round);
    unsigned reached = turns_reached(room, round);
    json_t *seats = json_array(), *help = json_array();
    for (size_t j = g->seat_first[r]; seats && j < g->seat_first[r + 1]; j++) {
        const store_export_seat *m = &e->seats[g->seat_order[j]];
        json_t *roles = json_array();
        for (unsigned k = 0; roles && k < reached; k++) json_array_append_new(roles, json_string(role_in(room, m, k)));
        json_array_append_new(seats, json_pack("{s:o, s:o, s:o, s:o}", "participant", person(&m->who), "roles", roles,
                                               "joined_at", time_or_null(m->joined_ms), "gone_at", time_or_null(m->gone_ms)));
    }
    for (size_t j = g->help_first[r]; help && j < g->help_first[r + 1]; j++) {
        const store_export_help *h = &e->help[g->help_order[j]];
        json_array_append_new(help, json_pack("{s:s, s:o, s:s, s:I, s:o}", "id", h->id, "participant", person(&h->who),
                                              "text", h->text, "at", (json_int_t)h->at_ms, "acked_at", time_or_null(h->acked_ms)));
    }
    return json_pack("{s:s, s:I, s:s, s:I, s:{s:I, s:I}, s:o, s:o}", "id", room->id, "number", (json_int_t)room->number,
                     "phase", timeline_phase_name(room->phase), "turns_reached", (json_int_t)reached,
                     "feedback", "sent", (json_int_t)room->feedback_sent, "softened", (json_int_t)room->feedback_softened,
                     "seats", seats, "help", help);
}

json_t *export_json(const sc_session *s, const store_export *e, int64_t now_ms)
{
    by_room g;
    if (by_room_build(e, &g)) return NULL;
    json_t *rounds = json_array();
    size_t r = 0;
    for (size_t i = 0; rounds && i < e->n_rounds; i++) {
        const store_export_round *round = &e->rounds[i];
        json_t *rooms = json_array();
        while (r < e->n_rooms && e->rooms[r].round < round->number) r++;   /* rooms of a missing round: skipped */
        for (; rooms && r < e->n_rooms && e->rooms[r].round == round->number; r++) {
            json_t *one = room_json(e, &g, r);
            if (!one || json_array_append_new(rooms, one)) { json_decref(rooms); rooms = NULL; }
        }
        json_t *jr = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "number", (json_int_t)round->number,
                               "launched_at", (json_int_t)round->launched_ms, "turns", (json_int_t)round->turns,
                               "practice_s", (json_int_t)(round->practice_ms / 1000), "feedback_s", (json_int_t)(round->feedback_ms / 1000),
                               "soften_s", (json_int_t)(round->soften_ms / 1000), "grace_s", (json_int_t)(round->grace_ms / 1000),
                               "rooms", rooms);
        if (!jr || json_array_append_new(rounds, jr)) { json_decref(rounds); rounds = NULL; }
    }
    by_room_free(&g);
    if (!rounds) return NULL;
    return json_pack("{s:s, s:i, s:I, s:{s:s, s:s, s:s, s:I, s:o}, s:o}", "format", "softclose-history", "version", 1,
                     "exported_at", (json_int_t)now_ms, "session", "id", s->id, "code", s->code, "name", s->name,
                     "created_at", (json_int_t)s->created_ms, "ended_at", time_or_null(s->ended_ms), "rounds", rounds);
}
