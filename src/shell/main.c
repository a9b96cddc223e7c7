/* main — flags, data directory, store, signals, start and stop. */
#include "app.h"
#include "backup.h"
#include "writer.h"
#include "log.h"
#include <libwebsockets.h>
#include "config.h"
#include "iplimit.h"
#include "rounds.h"
#include "registry.h"
#include "store_rounds.h"
#include "store_feedback.h"
#include "checkpoint.h"
#include "server.h"
#include "store.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

static void on_signal(int sig)
{
    (void)sig;
    server_stop();   /* only lws_cancel_service() inside: safe in a signal handler */
}

static int ensure_dir(const char *path, char *err, size_t size)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        snprintf(err, size, "--data-dir: %s exists and is not a directory", path);
        return -1;
    }
    if (mkdir(path, 0750) != 0) {
        snprintf(err, size, "--data-dir: cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Each connection is a descriptor: take the whole hard limit (often 1,024 soft, 1,048,576 hard on
 * Debian), so 18,000 people fit without the operator tuning ulimit. */
static void raise_open_file_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max) return;
    rlim_t want = rl.rlim_max;
    if (want == RLIM_INFINITY || want > 65536) want = 65536;   /* lws sizes its descriptor tables to this */
    if (want > rl.rlim_cur) {
        rl.rlim_cur = want;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* `softclose backup FILE [options]`: a consistent copy of the database in --data-dir, taken while
 * the server runs (see backup.h). Exit 0 once the checked copy is in place, 1 if it failed. */
static int run_backup(int argc, char **argv)
{
    static config cfg;
    if (argc < 3 || argv[2][0] == '-') {
        fprintf(stderr, "softclose: usage: softclose backup FILE [--data-dir DIR]\n");
        return 2;
    }
    const char *dest = argv[2];
    int rc = config_load(&cfg, argc - 2, argv + 2);   /* FILE stands where argv[0] would */
    if (rc == 1) return 0;
    if (rc) return 2;
    log_setup(cfg.log_level, cfg.log_json);
    char db_path[CONFIG_PATH_MAX + 32], info[4400], err[4400];
    snprintf(db_path, sizeof db_path, "%s/softclose.db", cfg.data_dir);
    rc = backup_run(db_path, dest, info, sizeof info, err, sizeof err);
    if (rc == 0) lwsl_notice("backup: %s\n", info);
    else lwsl_err("backup: failed: %s\n", err);
    if (rc == 0) printf("softclose: backup %s\n", info);
    else fprintf(stderr, "softclose: backup failed: %s\n", err);
    config_free(&cfg);
    return rc == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    static config cfg;
    static app_t the_app;
    if (argc >= 2 && !strcmp(argv[1], "backup")) return run_backup(argc, argv);
    int rc = config_load(&cfg, argc, argv);
    if (rc == 1) return 0;
    if (rc) return 2;
    log_setup(cfg.log_level, cfg.log_json);
    char err[2048];
    struct stat st;
    if (stat(cfg.web_root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "softclose: --web-root: %s is not a directory\n", cfg.web_root);
        return 2;
    }
    if (ensure_dir(cfg.data_dir, err, sizeof err) != 0) { fprintf(stderr, "softclose: %s\n", err); return 2; }
    char db_path[CONFIG_PATH_MAX + 32];
    snprintf(db_path, sizeof db_path, "%s/softclose.db", cfg.data_dir);

    app = &the_app;
    app->cfg = &cfg;
    app->started_ms = app_now_ms();
    world_init(&app->world, (size_t)cfg.max_participants);
    rounds_install(&app->world);
    app->store = store_open(db_path, err, sizeof err);
    if (!app->store) { fprintf(stderr, "softclose: %s\n", err); return 1; }
    if (store_load_world(app->store, &app->world, err, sizeof err) != 0 ||
        store_load_rounds(app->store, &app->world, err, sizeof err) != 0 ||
        store_load_feedback_counts(app->store, &app->world) != 0 ||
        store_load_typing(app->store, &app->world) != 0) {
        fprintf(stderr, "softclose: %s\n", *err ? err : store_last_error(app->store));
        return 1;
    }
    raise_open_file_limit();
    if (server_start(app, err, sizeof err) != 0) { fprintf(stderr, "softclose: %s\n", err); return 1; }
    /* Drafts, feedback and follow-ups are committed in groups on a writer thread; without it they
     * are saved one by one on the service thread (correct, slower under many writers). */
    if (writer_start(db_path, err, sizeof err) != 0) fprintf(stderr, "softclose: warning: %s; saving messages one by one\n", err);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    registry_start(app_now_ms());   /* rooms whose deadline passed while we were down advance once; purge */
    checkpoint_start();
    int port = server_port();
    const char *scheme = *cfg.tls_cert ? "https" : "http";
    const char *shown = strcmp(cfg.host, "0.0.0.0") ? cfg.host : "localhost";
    /* The time from start to ready (database read, overdue deadlines advanced, socket open) is what
     * a restart costs everyone; bench/run-recovery.sh measures it from outside as well. */
    long long ready_ms = (long long)(app_now_ms() - app->started_ms);
    printf("softclose: listening on %s://%s:%d/ (database %s, %zu sessions loaded, ready in %lld ms)\n", scheme, shown, port,
           db_path, app->world.n_sessions, ready_ms);
    printf("softclose: can hold %zu connections (open-file limit less a reserve)\n", server_capacity());
    printf("softclose: participants open  %s://%s:%d/\n", scheme, shown, port);
    printf("softclose: facilitators open  %s://%s:%d/facilitate.html\n", scheme, shown, port);
    fflush(stdout);
    lwsl_notice("start: softclose 0.1.0 listening on %s:%d (database %s, %zu sessions loaded, ready in %lld ms, room for %zu connections, /metrics %s)\n",
                cfg.host, port, db_path, app->world.n_sessions, ready_ms, server_capacity(), *cfg.metrics_token ? "needs a token" : "open");
    if (*cfg.port_file) {
        FILE *f = fopen(cfg.port_file, "w");
        if (f) { fprintf(f, "%d\n", port); fclose(f); }
    }
    server_run();
    writer_stop();   /* every queued write committed and answered before the connections go */
    printf("softclose: shutting down\n");
    lwsl_notice("stop: shutting down after %lld s\n", (long long)((app_now_ms() - app->started_ms) / 1000));
    server_destroy();
    store_close(app->store);
    world_free(&app->world);
    iplimit_clear();
    config_free(&cfg);
    return 0;
}
