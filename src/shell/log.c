/* log — see log.h. */
#include "log.h"
#include <libwebsockets.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int json_lines;

static const char *level_name(int level, char *letter)
{
    switch (level) {
    case LLL_ERR: *letter = 'E'; return "error";
    case LLL_WARN: *letter = 'W'; return "warn";
    case LLL_NOTICE: *letter = 'N'; return "notice";
    case LLL_INFO: *letter = 'I'; return "info";
    default: *letter = 'D'; return "debug";
    }
}

/* Appends s as the inside of a JSON string (quotes, backslashes and control characters escaped). */
static int put_escaped(char *out, int at, int size, const char *s, size_t len)
{
    for (size_t i = 0; i < len && at < size - 7; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') { out[at++] = '\\'; out[at++] = (char)ch; }
        else if (ch == '\n') { out[at++] = '\\'; out[at++] = 'n'; }
        else if (ch == '\t') { out[at++] = '\\'; out[at++] = 't'; }
        else if (ch < 0x20) at += snprintf(out + at, (size_t)(size - at), "\\u%04x", ch);
        else out[at++] = (char)ch;
    }
    return at;
}

int log_format_line(char *out, int size, int lws_level, const char *msg, long long now_ms, int json)
{
    char ts[40], letter;
    time_t secs = (time_t)(now_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    size_t n = strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(ts + n, sizeof ts - n, ".%03lldZ", now_ms % 1000);
    const char *level = level_name(lws_level, &letter);
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r')) len--;
    if (!json) {
        int at = snprintf(out, (size_t)size, "%s %c: %.*s\n", ts, letter, (int)len, msg);
        return at < size ? at : size - 1;
    }
    /* "event: rest" -> event and msg, for the events operators watch (lws' own lines have none) */
    static const char *const events[] = { "start", "stop", "launch", "laggard", "commit_failed", "retention", "backup" };
    size_t ev = 0;
    int has_event = 0;
    for (size_t i = 0; i < sizeof events / sizeof events[0] && !has_event; i++) {
        ev = strlen(events[i]);
        has_event = len > ev + 1 && !memcmp(msg, events[i], ev) && msg[ev] == ':' && msg[ev + 1] == ' ';
    }
    int at = snprintf(out, (size_t)size, "{\"ts\":\"%s\",\"level\":\"%s\",", ts, level);
    if (has_event) {
        at += snprintf(out + at, (size_t)(size - at), "\"event\":\"%.*s\",", (int)ev, msg);
        msg += ev + 2;
        len -= ev + 2;
    }
    at += snprintf(out + at, (size_t)(size - at), "\"msg\":\"");
    at = put_escaped(out, at, size, msg, len);
    at += snprintf(out + at, (size_t)(size - at), "\"}\n");
    return at < size ? at : size - 1;
}

static void emit(int level, const char *line)
{
    char out[2048];
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    int n = log_format_line(out, sizeof out, level, line, (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000, json_lines);
    if (n > 0 && out[n - 1] != '\n') out[n - 1] = '\n';   /* cut short: still one line */
    ssize_t w = write(STDERR_FILENO, out, (size_t)n);   /* one write per line: lines never interleave */
    (void)w;
}

void log_setup(int level, int json)
{
    static const int levels[] = { LLL_ERR, LLL_ERR | LLL_WARN, LLL_ERR | LLL_WARN | LLL_NOTICE,
                                  LLL_ERR | LLL_WARN | LLL_NOTICE | LLL_INFO };
    json_lines = json;
    lws_set_log_level(levels[level < 0 ? 0 : level > 3 ? 3 : level], emit);
}
