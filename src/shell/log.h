/* log — where libwebsockets' log lines (lwsl_err/warn/notice/info, ours and lws' own) go: one line
 * each on stderr, as text ("2025-03-01T09:00:00.123Z N: launch: round 1 …") or, with
 * --log-format json, as one JSON object per line:
 *   {"ts":"2025-03-01T09:00:00.123Z","level":"notice","event":"launch","msg":"round 1 …"}
 * A message that starts with one of the events operators watch and ": " (start, stop, launch,
 * laggard, commit_failed, retention, backup) names its event; others have no "event". Nothing logged ever
 * carries a token, a secret or what people wrote: callers log ids, counts and times only. */
#ifndef SOFTCLOSE_LOG_H
#define SOFTCLOSE_LOG_H

/* level: 0 error, 1 warn, 2 info (notice and up), 3 debug (lws info too); json: 0 text, 1 JSON. */
void log_setup(int level, int json);
/* Formats one line as log_setup's emitter would (tests). Returns bytes written (< size). */
int log_format_line(char *out, int size, int lws_level, const char *msg, long long now_ms, int json);
#endif
