/* session — the in-memory world: sessions, their facilitator and participants.
 * Owns: identity (who is who, found by join code, id or token hash), the roster and presence,
 * and the per-session participant cap. It holds no sockets, JSON or SQL: the shell loads the world
 * from the store at start, persists each change before applying it here, and turns the results
 * into messages. Tokens never reach the core: only their SHA-256 hashes. */
#ifndef SOFTCLOSE_SESSION_H
#define SOFTCLOSE_SESSION_H
#include <stddef.h>
#include <stdint.h>
#include "hashmap.h"
#include "joincode.h"
#include "ratelimit.h"
#include "text.h"

#define SC_ID_LEN 36            /* canonical UUID text */
#define SC_TOKEN_HASH_LEN 32    /* SHA-256 */
#define SC_DEFAULT_MAX_PARTICIPANTS 10000
#define SC_DEFAULT_RETENTION_DAYS 30
#define SC_CALL_LINK_MAX 500        /* bytes of a session's call link template */

struct sc_room;
struct sc_round;
struct sc_session;

typedef struct sc_participant {
    int64_t pid;                        /* store row id; stable across restarts */
    char id[SC_ID_LEN + 1];             /* public id, shown to the facilitator and room mates */
    char name[TEXT_NAME_MAX_BYTES + 1];
    unsigned char token_hash[SC_TOKEN_HASH_LEN];
    int64_t joined_ms;
    int64_t left_ms;                    /* 0 while in the session */
    unsigned online;                    /* open connections signed in as this person */
    unsigned therapist_count;           /* times placed as therapist, for role balance */
    int64_t deleted_ms;                 /* deleted their account and content (delete_me) */
    ratelimit_window followup_window;   /* follow-ups sent per minute */
    uint32_t index;                     /* position in session->people: the id grouping works with */
    struct sc_session *session;
    struct sc_room *room;               /* the room of the current round, or NULL (lobby) */
    struct sc_room **history;           /* every room they were ever in (rounds module) */
    size_t n_history, cap_history;
    void *shell_conns;                  /* opaque: the shell's list of this person's connections */
} sc_participant;

typedef struct sc_session {
    char id[SC_ID_LEN + 1];
    char code[JOINCODE_LEN + 1];
    char name[TEXT_NAME_MAX_BYTES + 1];
    unsigned char facilitator_token_hash[SC_TOKEN_HASH_LEN];
    int64_t created_ms;
    int64_t ended_ms;                   /* the facilitator ended the session: no joins, no rounds */
    int retention_days;                 /* follow-ups older than this are purged */
    char call_link[SC_CALL_LINK_MAX + 1]; /* another call system's link template; "" = the built-in call */
    sc_participant **people;            /* in join order, including those who left */
    size_t n_people, cap_people;
    size_t n_present;                   /* joined and not left */
    unsigned facilitator_online;
    void *shell_facilitator_conns;      /* opaque: the shell's list of facilitator connections */
    struct sc_round **rounds;           /* every round so far, oldest first; owned by the rounds module */
    size_t n_rounds, cap_rounds;
    struct sc_help **help;              /* help requests (rounds module) */
    size_t n_help, cap_help;
} sc_session;

typedef enum { TOKEN_NONE = 0, TOKEN_FACILITATOR, TOKEN_PARTICIPANT } sc_token_kind;

typedef struct sc_world {
    hashmap by_code, by_session_id, by_participant_id, by_token;
    sc_session **sessions;
    size_t n_sessions, cap_sessions;
    size_t max_participants;
    struct sc_room **live_rooms;        /* rooms not yet closed, across sessions: the timer looks only here */
    size_t n_live_rooms, cap_live_rooms;
    void (*free_session_extras)(sc_session *s);  /* set by the rounds module: frees rounds and help */
} sc_world;

typedef enum {
    SC_OK = 0,
    SC_ERR_NOMEM,
    SC_ERR_DUPLICATE,     /* id, code or token already in use */
    SC_ERR_FULL,          /* session at its participant cap */
    SC_ERR_LEFT           /* the participant has left the session */
} sc_status;

void world_init(sc_world *w, size_t max_participants);
void world_free(sc_world *w);

sc_status world_add_session(sc_world *w, const char *id, const char *code, const char *name,
                            const unsigned char fac_hash[SC_TOKEN_HASH_LEN], int64_t created_ms,
                            sc_session **out);
/* Checks the cap before the shell writes anything: SC_OK or SC_ERR_FULL. */
sc_status world_can_join(const sc_world *w, const sc_session *s);
sc_status world_add_participant(sc_world *w, sc_session *s, int64_t pid, const char *id, const char *name,
                                const unsigned char token_hash[SC_TOKEN_HASH_LEN], int64_t joined_ms,
                                int64_t left_ms, sc_participant **out);
void world_mark_left(sc_world *w, sc_participant *p, int64_t now_ms);
/* Replaces a participant's token (revoke_link): the old one stops working at once. */
sc_status world_replace_token(sc_world *w, sc_participant *p, const unsigned char new_hash[SC_TOKEN_HASH_LEN]);

sc_session *world_find_session_by_code(const sc_world *w, const char *code);
sc_session *world_find_session_by_id(const sc_world *w, const char *id);
/* Finds a participant of session s by public id; people of other sessions are invisible. */
sc_participant *world_find_participant(const sc_world *w, const sc_session *s, const char *id);
/* Resolves a token hash. Compares the stored hash in constant time after the index lookup. */
sc_token_kind world_find_by_token(const sc_world *w, const unsigned char hash[SC_TOKEN_HASH_LEN],
                                  sc_session **session, sc_participant **participant);

/* Presence: returns 1 when the person went from offline to online (or back), i.e. the roster changed. */
int world_participant_online(sc_participant *p);
int world_participant_offline(sc_participant *p);
#endif
