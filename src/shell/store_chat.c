/* store_chat — see store_chat.h. */
#include "store_chat.h"

int store_chat_insert(store *st, const sc_room *room, const char *id, int64_t author_pid, const char *author_id,
                      const char *author_name, int facilitator, const char *text, int64_t at_ms)
{
    sqlite3_stmt *q = store_prepare(st, "INSERT INTO room_chat (id, room_id, author_pid, author_id, author_name, facilitator,"
                                        " text, at_ms) VALUES (?,?,?,?,?,?,?,?)");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, room->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, author_pid);
    sqlite3_bind_text(q, 4, author_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, author_name, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 6, facilitator);
    sqlite3_bind_text(q, 7, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 8, at_ms);
    return store_finish(q);
}

int store_chat_count(store *st, const sc_room *room)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT COUNT(*) FROM room_chat WHERE room_id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, room->id, -1, SQLITE_STATIC);
    int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}

int store_chat_each(store *st, const sc_room *room, void (*fn)(const chat_row *row, void *ctx), void *ctx)
{
    sqlite3_stmt *q = store_prepare(st, "SELECT id, author_id, author_name, facilitator, text, at_ms FROM room_chat"
                                        " WHERE room_id = ? ORDER BY at_ms, rowid");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, room->id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        chat_row row = { (const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
                         (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 4),
                         sqlite3_column_int(q, 3), sqlite3_column_int64(q, 5) };
        fn(&row, ctx);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_chat_delete_room(store *st, const sc_room *room)
{
    sqlite3_stmt *q = store_prepare(st, "DELETE FROM room_chat WHERE room_id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, room->id, -1, SQLITE_STATIC);
    return store_finish(q);
}

int store_set_call_link(store *st, const sc_session *s, const char *link)
{
    sqlite3_stmt *q = store_prepare(st, "UPDATE sessions SET call_link = ? WHERE id = ?");
    if (!q) return -1;
    sqlite3_bind_text(q, 1, link, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, s->id, -1, SQLITE_STATIC);
    return store_finish(q);
}
