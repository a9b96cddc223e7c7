/* config — the server's settings from flags and SOFTCLOSE_* environment variables.
 * Owns: defaults, parsing, validation and --help. A flag beats its environment variable. */
#ifndef SOFTCLOSE_CONFIG_H
#define SOFTCLOSE_CONFIG_H
#include <stddef.h>

#define CONFIG_MAX_ORIGINS 16
#define CONFIG_PATH_MAX 1024
#define CONFIG_URLS_MAX 1024    /* a comma-separated list of at most CONFIG_MAX_URLS ICE URLs */
#define CONFIG_MAX_URLS 4
#define CONFIG_SECRET_MAX 256

typedef struct {
    int port;                        /* 0 = ephemeral (tests); printed at start */
    char host[256];
    char data_dir[CONFIG_PATH_MAX];
    char web_root[CONFIG_PATH_MAX];
    char *origins[CONFIG_MAX_ORIGINS];
    size_t n_origins;
    char tls_cert[CONFIG_PATH_MAX];
    char tls_key[CONFIG_PATH_MAX];
    int log_level;                   /* 0 error, 1 warn, 2 info (default), 3 debug */
    long max_participants;           /* per session */
    long join_per_minute;            /* join/hello attempts per connection per minute */
    long join_per_minute_ip;         /* join/hello attempts per remote address per minute */
    char port_file[CONFIG_PATH_MAX]; /* if set, the bound port is written here (tests) */
    /* Calls: ICE servers handed to browsers. TURN credentials are minted per person from the
     * shared secret (coturn's use-auth-secret); the secret is never sent or logged. */
    char stun[CONFIG_URLS_MAX];      /* comma-separated stun:/stuns: URLs, or empty */
    char turn[CONFIG_URLS_MAX];      /* comma-separated turn:/turns: URLs, or empty */
    char turn_secret_file[CONFIG_PATH_MAX];
    char turn_secret[CONFIG_SECRET_MAX + 1];   /* from the file or SOFTCLOSE_TURN_SECRET */
    long turn_ttl;                   /* seconds a minted TURN credential is valid */
    /* /metrics: when a token is set, a scrape must send "Authorization: Bearer <token>". */
    char metrics_token_file[CONFIG_PATH_MAX];
    char metrics_token[CONFIG_SECRET_MAX + 1];  /* from the file or SOFTCLOSE_METRICS_TOKEN; never logged */
    int log_json;                    /* --log-format json: one JSON object per line */
} config;

/* Parses argv and the environment. Returns 0 to run, 1 after printing --help or --version,
 * 2 after printing a one-line error naming the flag (the caller exits with that status). */
int config_load(config *c, int argc, char **argv);
void config_free(config *c);
#endif
