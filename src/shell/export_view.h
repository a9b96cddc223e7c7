/* export_view — the facilitator's export as files: CSV (RFC 4180) and JSON, built from the typed
 * rows of store_export. Who was in which room with which role per turn, when they came and went,
 * help requests, and per room the counts of feedback sent and softened — never the text of
 * feedback or follow-ups (store_export does not read it).
 *
 * CSV: UTF-8 with a byte order mark (so spreadsheets read names right), CRLF line ends, a header
 * row, one row per record: `room` (its feedback counts and phase), `seat` (a person in the room,
 * their role in each turn the room reached, joined_at and gone_at) and `help`. Times are ISO 8601
 * UTC. Fields with a comma, quote, CR or LF are quoted, quotes doubled. A cell that starts with
 * = + - @ (or a tab or CR) gets a leading apostrophe, so a spreadsheet never runs a name as a
 * formula. */
#ifndef SOFTCLOSE_EXPORT_VIEW_H
#define SOFTCLOSE_EXPORT_VIEW_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "session.h"
#include "store_export.h"

typedef enum { EXPORT_OK = 0, EXPORT_NOMEM, EXPORT_TOO_LARGE } export_status;

/* One CSV field as it is written (quoted and guarded as above); heap string or NULL. */
char *export_csv_field(const char *text);
/* The CSV file, at most max_bytes long. *out is a heap string (NUL-terminated) of *len bytes. */
export_status export_csv(const sc_session *s, const store_export *e, size_t max_bytes, char **out, size_t *len);
/* The JSON document: {format, version, exported_at, session, rounds:[{…, rooms:[{…, seats, help}]}]}. */
json_t *export_json(const sc_session *s, const store_export *e, int64_t now_ms);
/* "softclose-<join code>-<YYYYMMDD-HHMM UTC>.<ext>" */
void export_filename(const sc_session *s, int64_t now_ms, const char *ext, char *out, size_t size);
/* ISO 8601 UTC with milliseconds ("2026-11-18T09:30:00.000Z"); "" for 0. */
void export_iso_time(int64_t ms, char out[32]);
#endif
