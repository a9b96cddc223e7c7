/* session — see session.h. */
#include "session.h"
#include "auth.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The token index stores a small record so a lookup can say which kind of token it found. */
typedef struct {
    sc_token_kind kind;
    sc_session *session;
    sc_participant *participant;
    const unsigned char *hash;   /* points into the session or participant */
} token_entry;

void world_init(sc_world *w, size_t max_participants)
{
    memset(w, 0, sizeof *w);
    hashmap_init(&w->by_code);
    hashmap_init(&w->by_session_id);
    hashmap_init(&w->by_participant_id);
    hashmap_init(&w->by_token);
    w->max_participants = max_participants ? max_participants : SC_DEFAULT_MAX_PARTICIPANTS;
}

void world_free(sc_world *w)
{
    for (size_t i = 0; i < w->n_sessions; i++) {
        sc_session *s = w->sessions[i];
        for (size_t j = 0; j < s->n_people; j++) {
            free(hashmap_remove(&w->by_token, s->people[j]->token_hash, SC_TOKEN_HASH_LEN));
            free(s->people[j]->history);
            free(s->people[j]);
        }
        free(hashmap_remove(&w->by_token, s->facilitator_token_hash, SC_TOKEN_HASH_LEN));
        free(s->people);
        if (w->free_session_extras) w->free_session_extras(s);
        free(s);
    }
    free(w->sessions);
    free(w->live_rooms);
    hashmap_free(&w->by_code);
    hashmap_free(&w->by_session_id);
    hashmap_free(&w->by_participant_id);
    hashmap_free(&w->by_token);
}

static int index_token(sc_world *w, sc_token_kind kind, sc_session *s, sc_participant *p,
                       const unsigned char *hash)
{
    if (hashmap_get(&w->by_token, hash, SC_TOKEN_HASH_LEN)) return -2;
    token_entry *e = malloc(sizeof *e);
    if (!e) return -1;
    *e = (token_entry){ kind, s, p, hash };
    if (hashmap_put(&w->by_token, hash, SC_TOKEN_HASH_LEN, e) != 0) { free(e); return -1; }
    return 0;
}

static int grow_array(void ***arr, size_t *cap, size_t need)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    void **n = realloc(*arr, ncap * sizeof **arr);
    if (!n) return -1;
    *arr = n;
    *cap = ncap;
    return 0;
}

sc_status world_add_session(sc_world *w, const char *id, const char *code, const char *name,
                            const unsigned char fac_hash[SC_TOKEN_HASH_LEN], int64_t created_ms,
                            sc_session **out)
{
    if (hashmap_get(&w->by_code, code, strlen(code)) || hashmap_get(&w->by_session_id, id, strlen(id)) ||
        hashmap_get(&w->by_token, fac_hash, SC_TOKEN_HASH_LEN))
        return SC_ERR_DUPLICATE;
    if (grow_array((void ***)&w->sessions, &w->cap_sessions, w->n_sessions + 1) != 0) return SC_ERR_NOMEM;
    sc_session *s = calloc(1, sizeof *s);
    if (!s) return SC_ERR_NOMEM;
    strncpy(s->id, id, SC_ID_LEN);
    strncpy(s->code, code, JOINCODE_LEN);
    strncpy(s->name, name, TEXT_NAME_MAX_BYTES);
    memcpy(s->facilitator_token_hash, fac_hash, SC_TOKEN_HASH_LEN);
    s->created_ms = created_ms;
    s->retention_days = SC_DEFAULT_RETENTION_DAYS;
    if (index_token(w, TOKEN_FACILITATOR, s, NULL, s->facilitator_token_hash) != 0) { free(s); return SC_ERR_NOMEM; }
    if (hashmap_put(&w->by_code, s->code, strlen(s->code), s) != 0 ||
        hashmap_put(&w->by_session_id, s->id, strlen(s->id), s) != 0) {
        free(hashmap_remove(&w->by_token, s->facilitator_token_hash, SC_TOKEN_HASH_LEN));
        hashmap_remove(&w->by_code, s->code, strlen(s->code));
        free(s);
        return SC_ERR_NOMEM;
    }
    w->sessions[w->n_sessions++] = s;
    if (out) *out = s;
    return SC_OK;
}

sc_status world_can_join(const sc_world *w, const sc_session *s)
{
    return s->n_present >= w->max_participants ? SC_ERR_FULL : SC_OK;
}

sc_status world_add_participant(sc_world *w, sc_session *s, int64_t pid, const char *id, const char *name,
                                const unsigned char token_hash[SC_TOKEN_HASH_LEN], int64_t joined_ms,
                                int64_t left_ms, sc_participant **out)
{
    if (!left_ms && world_can_join(w, s) != SC_OK) return SC_ERR_FULL;
    if (hashmap_get(&w->by_participant_id, id, strlen(id)) || hashmap_get(&w->by_token, token_hash, SC_TOKEN_HASH_LEN))
        return SC_ERR_DUPLICATE;
    if (grow_array((void ***)&s->people, &s->cap_people, s->n_people + 1) != 0) return SC_ERR_NOMEM;
    sc_participant *p = calloc(1, sizeof *p);
    if (!p) return SC_ERR_NOMEM;
    p->pid = pid;
    strncpy(p->id, id, SC_ID_LEN);
    strncpy(p->name, name, TEXT_NAME_MAX_BYTES);
    memcpy(p->token_hash, token_hash, SC_TOKEN_HASH_LEN);
    p->joined_ms = joined_ms;
    p->left_ms = left_ms;
    p->session = s;
    p->index = (uint32_t)s->n_people;
    if (index_token(w, TOKEN_PARTICIPANT, s, p, p->token_hash) != 0) { free(p); return SC_ERR_NOMEM; }
    if (hashmap_put(&w->by_participant_id, p->id, strlen(p->id), p) != 0) {
        free(hashmap_remove(&w->by_token, p->token_hash, SC_TOKEN_HASH_LEN));
        free(p);
        return SC_ERR_NOMEM;
    }
    s->people[s->n_people++] = p;
    if (!left_ms) s->n_present++;
    if (out) *out = p;
    return SC_OK;
}

void world_mark_left(sc_world *w, sc_participant *p, int64_t now_ms)
{
    if (p->left_ms) return;
    p->left_ms = now_ms;
    p->session->n_present--;
    /* The token stops working: a person who left joins again with the code. */
    free(hashmap_remove(&w->by_token, p->token_hash, SC_TOKEN_HASH_LEN));
}

sc_status world_replace_token(sc_world *w, sc_participant *p, const unsigned char new_hash[SC_TOKEN_HASH_LEN])
{
    if (p->left_ms) return SC_ERR_LEFT;
    if (hashmap_get(&w->by_token, new_hash, SC_TOKEN_HASH_LEN)) return SC_ERR_DUPLICATE;
    token_entry *e = hashmap_remove(&w->by_token, p->token_hash, SC_TOKEN_HASH_LEN);
    memcpy(p->token_hash, new_hash, SC_TOKEN_HASH_LEN);
    if (!e) return SC_ERR_NOMEM;
    e->hash = p->token_hash;
    if (hashmap_put(&w->by_token, p->token_hash, SC_TOKEN_HASH_LEN, e) != 0) { free(e); return SC_ERR_NOMEM; }
    return SC_OK;
}

sc_session *world_find_session_by_code(const sc_world *w, const char *code)
{
    return hashmap_get(&w->by_code, code, strlen(code));
}

sc_session *world_find_session_by_id(const sc_world *w, const char *id)
{
    return hashmap_get(&w->by_session_id, id, strlen(id));
}

sc_participant *world_find_participant(const sc_world *w, const sc_session *s, const char *id)
{
    sc_participant *p = hashmap_get(&w->by_participant_id, id, strlen(id));
    return (p && p->session == s) ? p : NULL;
}

sc_token_kind world_find_by_token(const sc_world *w, const unsigned char hash[SC_TOKEN_HASH_LEN],
                                  sc_session **session, sc_participant **participant)
{
    const token_entry *e = hashmap_get(&w->by_token, hash, SC_TOKEN_HASH_LEN);
    if (!e || !auth_equal_secret(e->hash, hash, SC_TOKEN_HASH_LEN)) return TOKEN_NONE;
    if (e->participant && e->participant->left_ms) return TOKEN_NONE;
    if (session) *session = e->session;
    if (participant) *participant = e->participant;
    return e->kind;
}

int world_participant_online(sc_participant *p)
{
    return ++p->online == 1;
}

int world_participant_offline(sc_participant *p)
{
    if (p->online == 0) return 0;
    return --p->online == 0;
}
