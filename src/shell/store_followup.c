/* store_followup — see store_followup.h. */
#include "store_followup.h"
#include <stdio.h>
#include <string.h>

int store_insert_followup(store *st, const sc_session *s, const char *id, const sc_participant *from,
                          const sc_participant *to, const sc_room *room, const char *client_id, const char *text,
                          int64_t sent_ms)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO followups(id, session_id, sender_pid, recipient_pid, room_id, client_id, text, sent_ms)"
                               " VALUES (?,?,?,?,?,?,?,?)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, from->pid);
    sqlite3_bind_int64(q, 4, to->pid);
    if (room) sqlite3_bind_text(q, 5, room->id, -1, SQLITE_STATIC);
    else sqlite3_bind_null(q, 5);
    sqlite3_bind_text(q, 6, client_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 8, sent_ms);
    return store_finish(q);
}

#define FOLLOWUP_COLUMNS \
    "SELECT f.id, f.room_id, f.client_id, f.text, f.sent_ms, f.delivered_ms, f.read_ms, f.withdrawn_ms," \
    " a.id, a.name, b.id, b.name, f.sender_pid FROM followups f JOIN participants a ON a.pid = f.sender_pid" \
    " JOIN participants b ON b.pid = f.recipient_pid"

static json_t *row_json(sqlite3_stmt *q, const sc_participant *viewer)
{
#define TXT(i) ((const char *)sqlite3_column_text(q, i))
    int withdrawn = sqlite3_column_int64(q, 7) != 0;
    const char *status = sqlite3_column_int64(q, 6) ? "read" : sqlite3_column_int64(q, 5) ? "delivered" : "sent";
    json_t *o = json_pack("{s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:I, s:s, s:b}", "id", TXT(0),
                          "from", "id", TXT(8), "name", TXT(9), "to", "id", TXT(10), "name", TXT(11),
                          "text", withdrawn ? "" : TXT(3), "sent_at", (json_int_t)sqlite3_column_int64(q, 4),
                          "status", status, "withdrawn", withdrawn);
    json_object_set_new(o, "room", TXT(1) ? json_string(TXT(1)) : json_null());
    if (viewer && viewer->pid == sqlite3_column_int64(q, 12)) json_object_set_new(o, "client_id", json_string(TXT(2)));
    if (sqlite3_column_int64(q, 6)) json_object_set_new(o, "read_at", json_integer(sqlite3_column_int64(q, 6)));
    return o;
#undef TXT
}

static json_t *collect(sqlite3_stmt *q, const sc_participant *viewer, int limit, int *more)
{
    json_t *a = json_array();
    int n = 0;
    while (q && sqlite3_step(q) == SQLITE_ROW) {
        if (limit && n == limit) { if (more) *more = 1; break; }
        json_array_append_new(a, row_json(q, viewer));
        n++;
    }
    sqlite3_finalize(q);
    return a;
}

json_t *store_followups_by_client_id(store *st, const sc_participant *from, const char *client_id)
{
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE f.sender_pid = ? AND f.client_id = ? ORDER BY f.rowid");
    if (!q) return json_array();
    sqlite3_bind_int64(q, 1, from->pid);
    sqlite3_bind_text(q, 2, client_id, -1, SQLITE_STATIC);
    return collect(q, from, 0, NULL);
}

json_t *store_followup_json(store *st, const char *id, const sc_participant *viewer)
{
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE f.id = ?");
    if (!q) return NULL;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    json_t *a = collect(q, viewer, 0, NULL);
    json_t *o = json_array_size(a) ? json_incref(json_array_get(a, 0)) : NULL;
    json_decref(a);
    return o;
}

int store_followup_parties(store *st, const sc_session *s, const char *id, int64_t *sender, int64_t *recipient,
                           int64_t *read_ms, int64_t *withdrawn_ms)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT sender_pid, recipient_pid, read_ms, withdrawn_ms FROM followups WHERE id = ? AND session_id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    int rc = -1;
    if (sqlite3_step(q) == SQLITE_ROW) {
        *sender = sqlite3_column_int64(q, 0);
        *recipient = sqlite3_column_int64(q, 1);
        *read_ms = sqlite3_column_int64(q, 2);
        *withdrawn_ms = sqlite3_column_int64(q, 3);
        rc = 0;
    }
    sqlite3_finalize(q);
    return rc;
}

int store_followup_mark(store *st, const char *id, const char *column, int64_t at_ms)
{
    /* column is one of two fixed names, never user input */
    const char *sql = !strcmp(column, "read_ms")
        ? "UPDATE followups SET read_ms = ?, delivered_ms = CASE WHEN delivered_ms = 0 THEN ?1 ELSE delivered_ms END WHERE id = ?2 AND read_ms = 0"
        : "UPDATE followups SET delivered_ms = ? WHERE id = ?2 AND delivered_ms = 0";
    sqlite3_stmt *q = store_prepare(st, sql);
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, at_ms);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_followup_withdraw(store *st, const char *id, int64_t at_ms)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE followups SET withdrawn_ms = ?, text = '' WHERE id = ?");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, at_ms);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    return store_finish(q);
}

json_t *store_followups_undelivered(store *st, const sc_participant *p)
{
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE f.recipient_pid = ? AND f.delivered_ms = 0 AND f.withdrawn_ms = 0 ORDER BY f.sent_ms, f.rowid");
    if (!q) return json_array();
    sqlite3_bind_int64(q, 1, p->pid);
    return collect(q, p, 0, NULL);
}

json_t *store_followup_page(store *st, const sc_participant *p, int64_t before, int limit, int *more)
{
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE (f.sender_pid = ?1 OR f.recipient_pid = ?1) AND f.sent_ms < ?2"
                               " ORDER BY f.sent_ms DESC, f.rowid DESC LIMIT ?3");
    if (!q) return json_array();
    sqlite3_bind_int64(q, 1, p->pid);
    sqlite3_bind_int64(q, 2, before > 0 ? before : INT64_MAX);
    sqlite3_bind_int(q, 3, limit + 1);   /* one more tells whether there is another page */
    *more = 0;
    return collect(q, p, limit, more);
}

int store_followup_unread(store *st, const sc_participant *p)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT COUNT(*) FROM followups WHERE recipient_pid = ? AND read_ms = 0 AND withdrawn_ms = 0");
    if (!q) return 0;
    sqlite3_bind_int64(q, 1, p->pid);
    int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    return n;
}

int store_followup_counts(store *st, const sc_session *s, int64_t *sent, int64_t *read)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT COUNT(*), COALESCE(SUM(read_ms > 0), 0) FROM followups WHERE session_id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, s->id, -1, SQLITE_STATIC);
    int rc = -1;
    if (sqlite3_step(q) == SQLITE_ROW) {
        *sent = sqlite3_column_int64(q, 0);
        *read = sqlite3_column_int64(q, 1);
        rc = 0;
    }
    sqlite3_finalize(q);
    return rc;
}

int store_replace_token(store *st, int64_t pid, const unsigned char hash[32])
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE participants SET token_hash = ? WHERE pid = ?");
    if (!q) return -1;
    sqlite3_bind_blob(q, 1, hash, 32, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, pid);
    return store_finish(q);
}

static int exec_pid(store *st, const char *sql, int64_t pid, int64_t now_ms)
{
    sqlite3_stmt *q = store_prepare(st, sql);
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, pid);
    if (sqlite3_bind_parameter_count(q) >= 2) sqlite3_bind_int64(q, 2, now_ms);
    return store_finish(q);
}

int store_delete_participant(store *st, int64_t pid, int64_t now_ms)
{
    return exec_pid(st, "DELETE FROM followups WHERE sender_pid = ?1 OR recipient_pid = ?1", pid, now_ms) ||
           exec_pid(st, "DELETE FROM feedback WHERE author_pid = ?1", pid, now_ms) ||
           exec_pid(st, "DELETE FROM drafts WHERE author_pid = ?1", pid, now_ms) ||
           exec_pid(st, "UPDATE help_requests SET text = '' WHERE pid = ?1", pid, now_ms) ||
           exec_pid(st, "UPDATE participants SET name = '(deleted)', deleted_ms = ?2,"
                        " left_ms = CASE WHEN left_ms = 0 THEN ?2 ELSE left_ms END WHERE pid = ?1", pid, now_ms)
               ? -1 : 0;
}

int store_set_retention(store *st, const sc_session *s, int days)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE sessions SET retention_days = ? WHERE id = ?");
    if (!q) return -1;
    sqlite3_bind_int(q, 1, days);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_end_session(store *st, const sc_session *s, int64_t now_ms)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE sessions SET ended_ms = ? WHERE id = ? AND ended_ms = 0");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, now_ms);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    return store_finish(q);
}

long store_purge_expired(store *st, int64_t now_ms)
{
    /* retention_days * 86,400,000 ms before now, per session */
    static const char *const sql[] = {
        "DELETE FROM followups WHERE sent_ms < ?1 - (SELECT retention_days FROM sessions s WHERE s.id = followups.session_id) * 86400000",
        "DELETE FROM drafts WHERE updated_ms < ?1 - (SELECT s.retention_days FROM sessions s JOIN participants p ON p.session_id = s.id"
        " WHERE p.pid = drafts.author_pid) * 86400000",
    };
    long purged = 0;
    for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
        sqlite3_stmt *q = store_prepare(st, sql[i]);
        if (!q) return -1;
        sqlite3_bind_int64(q, 1, now_ms);
        if (sqlite3_step(q) != SQLITE_DONE) { sqlite3_finalize(q); return -1; }
        purged += sqlite3_changes(store_db(st));
        sqlite3_finalize(q);
    }
    return purged;
}
