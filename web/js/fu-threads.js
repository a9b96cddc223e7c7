// fu-threads.js — follow-up threads as data (DOM-free). A thread is 'p:<participant id>'
// (everything between me and that person, including messages sent to a whole room) or
// 'r:<room id>' (messages sent to everyone in that room). Owns: which thread a message belongs
// to, a thread's messages in order, its title/subtitle/recipients, the items drawn in it (one
// message to a room is one row per person, shown as one item), receipts for the sender, unread
// counts per person and the words of the "New message from …" notice.
import { STATUS_RANK } from './constants.js';
import { formatWhen, joinNames } from './format.js';
import { reachableMembers, sharedWith } from './fu-rooms.js';

export const personThreadKey = id => `p:${id}`;
export const roomThreadKey = id => `r:${id}`;
export const parseThreadKey = key => ({ kind: key.slice(0, 1), id: key.slice(2) });

// The person thread a message appears in (the other side of it).
export function threadKeyOf(f, myId) {
  const other = f.from.id === myId ? f.to : f.from;
  return personThreadKey(other.id);
}

// Would a message show in the thread with this key?
export function threadShows(key, f, myId) {
  const other = f.from.id === myId ? f.to.id : f.from.id;
  return key === personThreadKey(other) || (!!f.room && key === roomThreadKey(f.room));
}

const bySentAt = (a, b) => a.sent_at - b.sent_at || (a.id < b.id ? -1 : 1);

// The messages of a thread, oldest first (ties by id, so the order is stable).
export function threadMessages(messages, key, myId) {
  const { kind, id } = parseThreadKey(key);
  const list = [...messages].filter(f => (kind === 'p'
    ? (f.from.id === myId && f.to.id === id) || (f.from.id === id && f.to.id === myId)
    : f.room === id));
  return list.sort(bySentAt);
}

const roomWhen = r => `round ${r.round}${r.launched_at ? `, ${formatWhen(r.launched_at)}` : ''}`;

// What the thread view shows about a thread and whom it writes to.
//   {rooms: Map id -> room record, messages: iterable of follow-ups, online: Map id -> bool}
export function threadInfo(key, { rooms, messages, online }) {
  const { kind, id } = parseThreadKey(key);
  if (kind === 'r') {
    const r = rooms.get(id);
    const reachable = r ? reachableMembers(r) : [];
    return {
      key, kind, title: r ? `Everyone from Room ${r.number}` : 'Everyone from your room',
      subtitle: r ? `${joinNames(r.members.map(m => m.name))} · ${roomWhen(r)}` : '',
      target: { room: id }, writeLabel: r ? `Write to everyone from Room ${r.number}` : 'Write to the room',
      recipients: reachable, canWrite: reachable.length > 0,
    };
  }
  const found = sharedWith(rooms.values(), id);
  const { shared } = found;
  let { person } = found;
  if (!person) {
    const f = [...messages].find(x => x.from.id === id || x.to.id === id);
    if (f) person = f.from.id === id ? f.from : f.to;
  }
  const name = person ? person.name : 'Your room mate';
  return {
    key, kind, title: name,
    subtitle: shared.length ? `You shared ${shared.map(r => `Room ${r.number} (round ${r.round})`).join(', ')}` : '',
    target: { to: id }, writeLabel: `Write to ${name}`, name,
    online: online.get(id), recipients: person ? [person] : [],
    canWrite: !!person && person.reachable !== false,
  };
}

// The items of a thread: a message; or (a room thread, my side) the rows of one message to the
// room grouped by client_id; or a message waiting in the outbox.
export function threadItems(key, messages, outbox, myId) {
  const out = [];
  const groups = new Map();
  for (const f of messages) {
    if (key.startsWith('r:') && f.from.id === myId && f.client_id) {
      let g = groups.get(f.client_id);
      if (!g) { g = { key: `g:${f.client_id}`, mine: true, rows: [], sent_at: f.sent_at }; groups.set(f.client_id, g); out.push(g); }
      g.rows.push(f);
    } else {
      out.push({ key: f.id, mine: f.from.id === myId, rows: [f], sent_at: f.sent_at });
    }
  }
  for (const o of outbox) out.push({ key: `o:${o.client_id}`, mine: true, outbox: o, rows: [], sent_at: o.sent_at });
  return out;
}

const STATUS_TEXT = { sent: 'Sent', delivered: 'Delivered', read: 'Read' };

// The least advanced status of the rows of one message.
export const lowestStatus = rows => rows.reduce((a, r) => (STATUS_RANK[r.status] < STATUS_RANK[a] ? r.status : a), 'read');

// The sender's receipt line for the rows of one stored message.
export function senderReceipt(rows) {
  if (rows.length > 1) {
    return [...rows].sort((a, b) => a.to.name.localeCompare(b.to.name))
      .map(r => `${r.to.name}: ${STATUS_TEXT[r.status].toLowerCase()}`).join(' · ');
  }
  const f = rows[0];
  return f.status === 'read' && f.read_at ? `Read ${formatWhen(f.read_at)}`
    : f.status === 'delivered' ? 'Delivered' : `Sent — waiting for ${f.to.name} to come back`;
}

// The receipt line of a message in the outbox.
export function outboxReceipt(o) {
  return o.state === 'failed' ? o.error
    : o.state === 'sending' ? 'Sending…' : 'Not sent yet — it goes as soon as the connection is back.';
}

// Unread messages per sender id.
export function unreadBySender(messages, isUnread) {
  const by = new Map();
  for (const f of messages) if (isUnread(f)) by.set(f.from.id, (by.get(f.from.id) || 0) + 1);
  return by;
}

// "New message from Ana" / "3 new messages from Ana and Ben" (unread: the messages told about).
export function noticeText(unread, latest) {
  const from = [...new Set(unread.map(x => x.from.name))];
  return unread.length > 1 ? `${unread.length} new messages from ${joinNames(from)}` : `New message from ${latest.from.name}`;
}
