// fu-messages.js — every follow-up this page knows (DOM-free). Owns: the messages by id
// (deduplicated: delivery is at least once, so the same follow-up can arrive from an `inbox` page
// and a live `followup` event), merging a newer copy without moving its status backwards,
// receipts (`followup_receipt`), withdrawals, what counts as unread, the unread count (including
// unread messages older than the pages loaded), and which received messages still need a
// `followup_ack`.
import { STATUS_RANK, INBOX_PAGE_SIZE } from './constants.js';

// Sent to me by someone else, not read, not withdrawn.
export function isUnreadFor(f, myId) {
  return f.to.id === myId && f.from.id !== myId && f.status !== 'read' && !f.withdrawn;
}

// A received message still marked sent: the server counts it as delivered once acknowledged.
export function needsAck(f, myId) {
  return !!f.to && f.to.id === myId && f.from.id !== myId && f.status === 'sent';
}

// prev updated with a newer copy f: the status never goes back, a withdrawal sticks.
export function mergeFollowup(prev, f) {
  const status = STATUS_RANK[prev.status] > STATUS_RANK[f.status] ? prev.status : f.status;
  const withdrawn = prev.withdrawn || f.withdrawn;
  return Object.assign(prev, f, { status, read_at: f.read_at || prev.read_at, withdrawn, text: withdrawn ? '' : f.text });
}

// Applies a receipt {status, at} to f; true when it moved the status forward.
export function applyReceipt(f, { status, at }) {
  if (!(STATUS_RANK[status] > STATUS_RANK[f.status])) return false;
  f.status = status;
  if (status === 'read') f.read_at = at;
  if (status === 'delivered') f.delivered_at = at;
  return true;
}

export function withdrawFollowup(f) {
  f.withdrawn = true;
  f.text = '';
}

// The store: getMyId() is read on every question (the page's person can change).
export function createMessageStore(getMyId) {
  const msgs = new Map();   // follow-up id -> follow-up
  let unreadOutside = 0;    // unread messages older than the pages loaded

  const isUnread = f => isUnreadFor(f, getMyId());
  const loadedUnread = () => { let n = 0; for (const f of msgs.values()) if (isUnread(f)) n++; return n; };

  return {
    get: id => msgs.get(id),
    has: id => msgs.has(id),
    values: () => msgs.values(),
    get size() { return msgs.size; },
    upsert(f) {
      const prev = msgs.get(f.id);
      if (prev) mergeFollowup(prev, f); else msgs.set(f.id, { ...f });
    },
    receipt(msg) { const f = msgs.get(msg.followup); return f && applyReceipt(f, msg) ? f : null; },
    withdraw(id) { const f = msgs.get(id); if (f) withdrawFollowup(f); return f || null; },
    isUnread,
    unreadCount: () => loadedUnread() + unreadOutside,
    // The server's unread total, of which the loaded pages hold some.
    setServerUnread(total) { unreadOutside = Math.max(0, (total || 0) - loadedUnread()); },
    oldestSentAt() { let t = Infinity; for (const f of msgs.values()) t = Math.min(t, f.sent_at); return t; },
    clear() { msgs.clear(); unreadOutside = 0; },
  };
}

// The page of the inbox just older than what store holds. With the server's cursor (`next` of
// the last page) that is exact: no message is skipped or repeated. Without one (an older server),
// `before` is exclusive; +1 keeps messages sharing the oldest millisecond (a message to a room is
// one row per person, all with the same time); if that page holds nothing new, it asks again
// strictly before.
export async function requestOlderPage(request, store, cursor = null) {
  if (cursor) return request({ type: 'inbox', limit: INBOX_PAGE_SIZE, cursor });
  const oldest = store.oldestSentAt();
  const r = await request({ type: 'inbox', limit: INBOX_PAGE_SIZE, before: oldest + 1 });
  if ((r.followups || []).every(f => store.has(f.id)) && r.more) return request({ type: 'inbox', limit: INBOX_PAGE_SIZE, before: oldest });
  return r;
}
