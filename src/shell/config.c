/* config — see config.h. Every flag has an environment twin: --data-dir <-> SOFTCLOSE_DATA_DIR. */
#include "config.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { OPT_INT, OPT_STR, OPT_ORIGIN, OPT_LOG, OPT_LOG_FORMAT } opt_kind;
typedef struct {
    const char *flag, *env, *meta, *help;
    opt_kind kind;
    size_t offset;     /* into config */
    long min, max;     /* for OPT_INT; for OPT_STR max is the buffer size */
} option;

#define OFF(f) offsetof(config, f)
static const option options[] = {
    { "--port", "SOFTCLOSE_PORT", "N", "TCP port to listen on (0 = pick a free one)", OPT_INT, OFF(port), 0, 65535 },
    { "--host", "SOFTCLOSE_HOST", "ADDR", "address to bind; 127.0.0.1 (default) or 0.0.0.0 to serve a room of people", OPT_STR, OFF(host), 1, sizeof(((config *)0)->host) },
    { "--data-dir", "SOFTCLOSE_DATA_DIR", "DIR", "where softclose.db lives; created if missing (default ./var)", OPT_STR, OFF(data_dir), 1, CONFIG_PATH_MAX },
    { "--web-root", "SOFTCLOSE_WEB_ROOT", "DIR", "static files for the browser (default ./web)", OPT_STR, OFF(web_root), 1, CONFIG_PATH_MAX },
    { "--allowed-origin", "SOFTCLOSE_ALLOWED_ORIGIN", "URL", "browser Origin allowed to open /ws, e.g. https://practice.example.org; repeatable (env: comma-separated); default: the server's own host", OPT_ORIGIN, 0, 0, 0 },
    { "--tls-cert", "SOFTCLOSE_TLS_CERT", "FILE", "PEM certificate; with --tls-key serves HTTPS and WSS", OPT_STR, OFF(tls_cert), 1, CONFIG_PATH_MAX },
    { "--tls-key", "SOFTCLOSE_TLS_KEY", "FILE", "PEM private key for --tls-cert", OPT_STR, OFF(tls_key), 1, CONFIG_PATH_MAX },
    { "--log-level", "SOFTCLOSE_LOG_LEVEL", "LEVEL", "error, warn, info (default) or debug", OPT_LOG, OFF(log_level), 0, 3 },
    { "--max-participants", "SOFTCLOSE_MAX_PARTICIPANTS", "N", "participants per session (default 10000)", OPT_INT, OFF(max_participants), 1, 1000000 },
    { "--join-per-minute", "SOFTCLOSE_JOIN_PER_MINUTE", "N", "join/hello attempts allowed per connection per minute (default 10)", OPT_INT, OFF(join_per_minute), 1, 1000000 },
    { "--join-per-minute-ip", "SOFTCLOSE_JOIN_PER_MINUTE_IP", "N", "join/hello attempts allowed per remote address per minute (default 600: a class behind one NAT)", OPT_INT, OFF(join_per_minute_ip), 1, 10000000 },
    { "--port-file", "SOFTCLOSE_PORT_FILE", "FILE", "write the bound port to FILE once listening (for scripts and tests)", OPT_STR, OFF(port_file), 1, CONFIG_PATH_MAX },
    { "--stun", "SOFTCLOSE_STUN", "URLS", "STUN servers for calls, comma-separated stun:host:port (default: none; host candidates work on a LAN)", OPT_STR, OFF(stun), 1, CONFIG_URLS_MAX },
    { "--turn", "SOFTCLOSE_TURN", "URLS", "TURN servers for calls, comma-separated turn:host:port?transport=udp; needs a secret", OPT_STR, OFF(turn), 1, CONFIG_URLS_MAX },
    { "--turn-secret-file", "SOFTCLOSE_TURN_SECRET_FILE", "FILE", "file holding the TURN shared secret (coturn static-auth-secret); or set SOFTCLOSE_TURN_SECRET", OPT_STR, OFF(turn_secret_file), 1, CONFIG_PATH_MAX },
    { "--turn-ttl", "SOFTCLOSE_TURN_TTL", "SECONDS", "how long a minted TURN credential is valid (default 3600)", OPT_INT, OFF(turn_ttl), 60, 86400 },
    { "--metrics-token-file", "SOFTCLOSE_METRICS_TOKEN_FILE", "FILE", "file holding a bearer token /metrics requires; or set SOFTCLOSE_METRICS_TOKEN (default: /metrics is open)", OPT_STR, OFF(metrics_token_file), 1, CONFIG_PATH_MAX },
    { "--log-format", "SOFTCLOSE_LOG_FORMAT", "FORMAT", "text (default) or json: one JSON object per line", OPT_LOG_FORMAT, OFF(log_json), 0, 1 },
};
#define N_OPTIONS (sizeof options / sizeof options[0])

static void print_help(void)
{
    printf("softclose — peer-practice breakout rooms with a soft close\n\n"
           "usage: softclose [options]\n\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        char left[64];
        snprintf(left, sizeof left, "%s %s", options[i].flag, options[i].meta);
        printf("  %-26s %s\n  %-26s   env %s\n", left, options[i].help, "", options[i].env);
    }
    printf("  %-26s %s\n  %-26s %s\n", "--help", "this text", "--version", "print the version");
    printf("\nsoftclose backup FILE [--data-dir DIR]\n"
           "  copy the live database to FILE (a new file) while the server runs, then check the copy\n");
}

static int add_origin(config *c, const char *flag, const char *v)
{
    if (c->n_origins >= CONFIG_MAX_ORIGINS) {
        fprintf(stderr, "softclose: %s: at most %d origins\n", flag, CONFIG_MAX_ORIGINS);
        return 2;
    }
    size_t len = strlen(v);
    while (len && v[len - 1] == '/') len--;   /* browsers send origins without a trailing slash */
    if ((strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0) || len < 9 || len > 255) {
        fprintf(stderr, "softclose: %s: '%s' is not an origin like https://host[:port]\n", flag, v);
        return 2;
    }
    c->origins[c->n_origins] = strndup(v, len);
    if (!c->origins[c->n_origins]) return 2;
    c->n_origins++;
    return 0;
}

static int apply(config *c, const option *o, const char *v, const char *source)
{
    char *base = (char *)c;
    switch (o->kind) {
    case OPT_INT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (errno || end == v || *end || n < o->min || n > o->max) {
            fprintf(stderr, "softclose: %s: '%s' is not a whole number from %ld to %ld\n", source, v, o->min, o->max);
            return 2;
        }
        if (o->offset == OFF(port)) c->port = (int)n;
        else *(long *)(base + o->offset) = n;
        return 0;
    }
    case OPT_STR:
        if (!*v || strlen(v) >= (size_t)o->max) {
            fprintf(stderr, "softclose: %s: value must be 1 to %ld characters\n", source, o->max - 1);
            return 2;
        }
        strcpy(base + o->offset, v);
        return 0;
    case OPT_LOG: {
        static const char *levels[] = { "error", "warn", "info", "debug" };
        for (int i = 0; i < 4; i++)
            if (strcmp(v, levels[i]) == 0) { c->log_level = i; return 0; }
        fprintf(stderr, "softclose: %s: '%s' is not one of error, warn, info, debug\n", source, v);
        return 2;
    }
    case OPT_LOG_FORMAT:
        if (strcmp(v, "text") && strcmp(v, "json")) {
            fprintf(stderr, "softclose: %s: '%s' is not one of text, json\n", source, v);
            return 2;
        }
        c->log_json = !strcmp(v, "json");
        return 0;
    case OPT_ORIGIN: {
        char *copy = strdup(v), *save = NULL;
        if (!copy) return 2;
        int rc = 0;
        for (char *t = strtok_r(copy, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save))
            rc = add_origin(c, source, t);
        free(copy);
        return rc;
    }
    }
    return 2;
}

/* Each comma-separated URL must start with one of the two schemes; at most CONFIG_MAX_URLS. */
static int check_ice_urls(const char *flag, const char *list, const char *scheme, const char *secure)
{
    if (!*list) return 0;
    size_t n = 0;
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if ((strncmp(p, scheme, strlen(scheme)) && strncmp(p, secure, strlen(secure))) || len <= strlen(secure) ||
            memchr(p, ' ', len) || memchr(p, '"', len) || ++n > CONFIG_MAX_URLS) {
            fprintf(stderr, "softclose: %s: give 1 to %d URLs starting %s or %s, separated by commas\n", flag, CONFIG_MAX_URLS,
                    scheme, secure);
            return 2;
        }
        p += len + (end != NULL);
    }
    return 0;
}

/* A secret comes from a file flag or an environment variable (never a flag: flags show in `ps`).
 * Trailing white space (a newline at the end of the file) is not part of it. */
static int load_secret(const char *file, const char *flag, const char *env_name, char out[CONFIG_SECRET_MAX + 1])
{
    const char *env = getenv(env_name);
    if (*file) {
        FILE *f = fopen(file, "r");
        if (!f) { fprintf(stderr, "softclose: %s: cannot read %s: %s\n", flag, file, strerror(errno)); return 2; }
        size_t n = fread(out, 1, CONFIG_SECRET_MAX, f);
        int longer = fgetc(f) != EOF;
        fclose(f);
        out[n] = '\0';
        while (n && strchr(" \t\r\n", out[n - 1])) out[--n] = '\0';
        if (longer || !n || strlen(out) != n) {
            fprintf(stderr, "softclose: %s: the secret must be 1 to %d bytes of text\n", flag, CONFIG_SECRET_MAX);
            return 2;
        }
    } else if (env && *env) {
        if (strlen(env) > CONFIG_SECRET_MAX) {
            fprintf(stderr, "softclose: %s: at most %d bytes\n", env_name, CONFIG_SECRET_MAX);
            return 2;
        }
        strcpy(out, env);
    }
    return 0;
}

/* The TURN secret: --turn-secret-file or SOFTCLOSE_TURN_SECRET; --turn needs one. */
static int load_turn_secret(config *c)
{
    int rc = load_secret(c->turn_secret_file, "--turn-secret-file", "SOFTCLOSE_TURN_SECRET", c->turn_secret);
    if (rc) return rc;
    if (*c->turn && !*c->turn_secret) {
        fprintf(stderr, "softclose: --turn: needs the shared secret (--turn-secret-file or SOFTCLOSE_TURN_SECRET)\n");
        return 2;
    }
    return 0;
}

/* The /metrics bearer token: --metrics-token-file or SOFTCLOSE_METRICS_TOKEN; printable, no spaces
 * (it travels in an HTTP header). */
static int load_metrics_token(config *c)
{
    int rc = load_secret(c->metrics_token_file, "--metrics-token-file", "SOFTCLOSE_METRICS_TOKEN", c->metrics_token);
    if (rc) return rc;
    for (const char *p = c->metrics_token; *p; p++)
        if (*p <= ' ' || *p > '~') {
            fprintf(stderr, "softclose: %s: the token must be printable ASCII without spaces\n",
                    *c->metrics_token_file ? "--metrics-token-file" : "SOFTCLOSE_METRICS_TOKEN");
            return 2;
        }
    return 0;
}

int config_load(config *c, int argc, char **argv)
{
    memset(c, 0, sizeof *c);
    c->port = 8080;
    strcpy(c->host, "127.0.0.1");
    strcpy(c->data_dir, "./var");
    strcpy(c->web_root, "./web");
    c->log_level = 2;
    c->max_participants = 10000;
    c->join_per_minute = 10;
    c->join_per_minute_ip = 600;
    c->turn_ttl = 3600;

    for (size_t i = 0; i < N_OPTIONS; i++) {
        const char *v = getenv(options[i].env);
        if (v && *v) {
            int rc = apply(c, &options[i], v, options[i].env);
            if (rc) return rc;
        }
    }
    int flag_origins = 0;
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) { print_help(); return 1; }
        if (!strcmp(arg, "--version")) { printf("softclose 0.1.0\n"); return 1; }
        const option *o = NULL;
        const char *v = NULL;
        for (size_t i = 0; i < N_OPTIONS && !o; i++) {
            size_t fl = strlen(options[i].flag);
            if (!strncmp(arg, options[i].flag, fl) && (arg[fl] == '\0' || arg[fl] == '=')) {
                o = &options[i];
                v = arg[fl] == '=' ? arg + fl + 1 : NULL;
            }
        }
        if (!o) { fprintf(stderr, "softclose: unknown option '%s' (see --help)\n", arg); return 2; }
        if (!v) {
            if (a + 1 >= argc) { fprintf(stderr, "softclose: %s needs a value (%s)\n", o->flag, o->meta); return 2; }
            v = argv[++a];
        }
        if (o->kind == OPT_ORIGIN && !flag_origins) {
            /* flags replace origins from the environment rather than adding to them */
            for (size_t i = 0; i < c->n_origins; i++) free(c->origins[i]);
            c->n_origins = 0;
            flag_origins = 1;
        }
        int rc = apply(c, o, v, o->flag);
        if (rc) return rc;
    }
    int rc = check_ice_urls("--stun", c->stun, "stun:", "stuns:");
    if (!rc) rc = check_ice_urls("--turn", c->turn, "turn:", "turns:");
    if (!rc) rc = load_turn_secret(c);
    if (!rc) rc = load_metrics_token(c);
    if (rc) return rc;
    if ((*c->tls_cert != 0) != (*c->tls_key != 0)) {
        fprintf(stderr, "softclose: %s: --tls-cert and --tls-key go together\n", *c->tls_cert ? "--tls-key" : "--tls-cert");
        return 2;
    }
    return 0;
}

void config_free(config *c)
{
    explicit_bzero(c->turn_secret, sizeof c->turn_secret);
    explicit_bzero(c->metrics_token, sizeof c->metrics_token);
    for (size_t i = 0; i < c->n_origins; i++) free(c->origins[i]);
    c->n_origins = 0;
}
