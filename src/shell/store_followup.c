/* store_followup — see store_followup.h. */
#include "store_followup.h"
#include <stdio.h>
#include <stdlib.h>
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
    " f.sender_pid, a.id, a.name, f.recipient_pid, b.id, b.name FROM followups f" \
    " JOIN participants a ON a.pid = f.sender_pid JOIN participants b ON b.pid = f.recipient_pid"

static int read_row(sqlite3_stmt *q, store_followup_row *f)
{
    int oom = 0;
    memset(f, 0, sizeof *f);
    store_column_copy(q, 0, f->id, sizeof f->id);
    store_column_copy(q, 1, f->room_id, sizeof f->room_id);
    store_column_copy(q, 2, f->client_id, sizeof f->client_id);
    f->text = store_column_dup(q, 3, 0, &oom);
    f->sent_ms = sqlite3_column_int64(q, 4);
    f->delivered_ms = sqlite3_column_int64(q, 5);
    f->read_ms = sqlite3_column_int64(q, 6);
    f->withdrawn_ms = sqlite3_column_int64(q, 7);
    f->state = f->read_ms ? FOLLOWUP_READ : f->delivered_ms ? FOLLOWUP_DELIVERED : FOLLOWUP_SENT;
    store_column_person(q, 8, &f->from);
    store_column_person(q, 11, &f->to);
    return oom ? -1 : 0;
}

void store_followup_row_free(store_followup_row *f)
{
    if (!f) return;
    free(f->text);
    f->text = NULL;
}

void store_followup_list_free(store_followup_list *l)
{
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) store_followup_row_free(&l->rows[i]);
    free(l->rows);
    l->rows = NULL;
    l->n = l->cap = 0;
}

/* Steps q to the end (or `limit` rows, setting out->more if there are others) and finalizes it. */
static int collect(sqlite3_stmt *q, int limit, store_followup_list *out)
{
    int rc = q ? 0 : -1;
    while (!rc && sqlite3_step(q) == SQLITE_ROW) {
        if (limit && out->n == (size_t)limit) { out->more = 1; break; }
        store_followup_row *rows = store_rows_grow(out->rows, out->n, &out->cap, sizeof *rows);
        if (!rows) { rc = -1; break; }
        out->rows = rows;
        if (read_row(q, &rows[out->n]) != 0) { store_followup_row_free(&rows[out->n]); rc = -1; break; }
        out->n++;
    }
    sqlite3_finalize(q);
    if (rc) store_followup_list_free(out);
    return rc;
}

int store_followup_get(store *st, const sc_session *s, const char *id, store_followup_row *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE f.id = ?1 AND (?2 IS NULL OR f.session_id = ?2)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    if (s) sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q) == SQLITE_ROW ? read_row(q, out) : -1;
    sqlite3_finalize(q);
    if (rc) store_followup_row_free(out);
    return rc;
}

int store_followups_by_client_id(store *st, const sc_participant *from, const char *client_id, store_followup_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE f.sender_pid = ? AND f.client_id = ? ORDER BY f.rowid");
    if (q) {
        sqlite3_bind_int64(q, 1, from->pid);
        sqlite3_bind_text(q, 2, client_id, -1, SQLITE_STATIC);
    }
    return collect(q, 0, out);
}

int store_followup_mark(store *st, const char *id, followup_state mark, int64_t at_ms)
{
    const char *sql;
    switch (mark) {
    case FOLLOWUP_READ:
        sql = "UPDATE followups SET read_ms = ?1, delivered_ms = CASE WHEN delivered_ms = 0 THEN ?1 ELSE delivered_ms END"
              " WHERE id = ?2 AND read_ms = 0";
        break;
    case FOLLOWUP_DELIVERED:
        sql = "UPDATE followups SET delivered_ms = ?1 WHERE id = ?2 AND delivered_ms = 0";
        break;
    default:
        return -1;   /* "sent" is not a mark: every row starts there */
    }
    sqlite3_stmt *q = store_prepare(st, sql);
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, at_ms);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_followup_withdraw(store *st, const char *id, int64_t at_ms)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE followups SET withdrawn_ms = ?, text = '' WHERE id = ? AND withdrawn_ms = 0");
    if (!q) return -1;
    sqlite3_bind_int64(q, 1, at_ms);
    sqlite3_bind_text(q, 2, id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_followups_undelivered(store *st, const sc_participant *p, store_followup_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE f.recipient_pid = ? AND f.delivered_ms = 0 AND f.withdrawn_ms = 0"
                                        " ORDER BY f.sent_ms, f.rowid");
    if (q) sqlite3_bind_int64(q, 1, p->pid);
    return collect(q, 0, out);
}

int store_followup_page(store *st, const sc_participant *p, const store_followup_cursor *after, int limit,
                        store_followup_list *out)
{
    memset(out, 0, sizeof *out);
    /* (sent_ms, id) is unique and totally ordered: a page never skips or repeats rows that share
     * a millisecond (a message to a room is one row per recipient, all sent at once). */
    sqlite3_stmt *q = store_prepare(st, FOLLOWUP_COLUMNS " WHERE (f.sender_pid = ?1 OR f.recipient_pid = ?1)"
                                        " AND (f.sent_ms < ?2 OR (f.sent_ms = ?2 AND f.id < ?3))"
                                        " ORDER BY f.sent_ms DESC, f.id DESC LIMIT ?4");
    if (q) {
        sqlite3_bind_int64(q, 1, p->pid);
        sqlite3_bind_int64(q, 2, after ? after->sent_ms : INT64_MAX);
        sqlite3_bind_text(q, 3, after ? after->id : "", -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(q, 4, limit + 1);   /* one more tells whether there is another page */
    }
    return collect(q, limit, out);
}

int store_followup_cursor_parse(const char *text, size_t len, store_followup_cursor *out)
{
    /* "<sent_ms>:<id>", as store_followup_cursor_format writes it */
    const char *colon = memchr(text, ':', len);
    if (!colon || colon == text || colon - text > 18 || colon + 1 == text + len || (size_t)(text + len - colon - 1) > SC_ID_LEN)
        return -1;
    int64_t ms = 0;
    for (const char *c = text; c < colon; c++) {
        if (*c < '0' || *c > '9') return -1;
        ms = ms * 10 + (*c - '0');
    }
    size_t id_len = (size_t)(text + len - colon - 1);
    for (size_t i = 0; i < id_len; i++) {
        char ch = colon[1 + i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-')) return -1;
    }
    out->sent_ms = ms;
    memcpy(out->id, colon + 1, id_len);
    out->id[id_len] = '\0';
    return 0;
}

void store_followup_cursor_format(const store_followup_row *last, char out[STORE_FOLLOWUP_CURSOR_MAX + 1])
{
    snprintf(out, STORE_FOLLOWUP_CURSOR_MAX + 1, "%lld:%s", (long long)last->sent_ms, last->id);
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
           exec_pid(st, "DELETE FROM room_chat WHERE author_pid = ?1", pid, now_ms) ||
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
