/* config — the server's settings from flags and SOFTCLOSE_* environment variables.
 * Owns: defaults, parsing, validation and --help. A flag beats its environment variable. */
#ifndef SOFTCLOSE_CONFIG_H
#define SOFTCLOSE_CONFIG_H
#include <stddef.h>

#define CONFIG_MAX_ORIGINS 16
#define CONFIG_PATH_MAX 1024

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
} config;

/* Parses argv and the environment. Returns 0 to run, 1 after printing --help or --version,
 * 2 after printing a one-line error naming the flag (the caller exits with that status). */
int config_load(config *c, int argc, char **argv);
void config_free(config *c);
#endif
