// followups.js — "a way back" on the participant page: follow-up messages between former room
// mates. Owns: "Your rooms" (`my_rooms`, kept up to date from live `room`/`phase` events, since the
// server sends `my_rooms` only after welcome), every follow-up this page knows (`inbox` pages and
// live `followup` events, deduplicated by id because delivery is at least once), receipts
// (`followup_receipt`), withdrawals (`followup_withdrawn`), marking as read, the unread count in
// the page title and the "New message from …" notice, leftover drafts from the soft close
// (`drafts`), acknowledging received messages (`followup_ack`, batched: the server counts a
// message as delivered — and stops pushing it on every hello — only once this page has it),
// the outbox (a message whose reply was lost to a dropped connection is resent with
// the same client_id after the next hello, so the server stores it once), the session-ended notice
// (`session_ended`), the return-link card (return-link.js) and deleting the account (`delete_me`).
// The thread view and composer are in fu-thread.js.
//
// participant.js calls: onMessage(msg) for every event, joined() after a join, reset() when the
// token is forgotten. Everything is drawn into #way-back (created if the page lacks it).
import { $, el, setChildren, store } from './dom.js';
import { createReturnLinkCard } from './return-link.js';
import { createThreadView } from './fu-thread.js';
import { shortQuote } from './hints.js';

const DAY_MS = 24 * 3600 * 1000;
const STATUS_RANK = { pending: -1, sent: 0, delivered: 1, read: 2 };
const PAGE = 50;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TO_KEY = new RegExp(`^(?:to|observer):(${UUID})(?::|$)`);

// A client_id for followup_send: a UUID (crypto.randomUUID needs a secure context; plain-http
// self-hosted servers on a LAN are not one, so fall back to getRandomValues).
export function newClientId() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

// "14:05" today, "Tue 3 Dec, 14:05" this year, "3 Dec 2024, 14:05" before.
export function formatWhen(ms) {
  const d = new Date(ms);
  const now = new Date();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return time;
  const opts = d.getFullYear() === now.getFullYear()
    ? { weekday: 'short', day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return `${d.toLocaleDateString([], opts)}, ${time}`;
}

export function formatDate(ms) {
  return new Date(ms).toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' });
}

const names = list => (list.length <= 1 ? list.join('')
  : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`);

export function createFollowups({ sock, announce, me, getToken, setToken, sessionName, onDeleted }) {
  const root = $('#way-back') || mountRoot();
  const baseTitle = document.title.replace(/^\(\d+\)\s*/, '');

  const S = {
    rooms: new Map(),       // room id -> {id, number, round, launched_at, phase, members:[{id,name,reachable}]}
    msgs: new Map(),        // follow-up id -> follow-up
    drafts: [],             // leftover drafts [{room, key, text, updated_at}]
    online: new Map(),      // participant id -> online (from roster events)
    unreadOutside: 0,       // unread messages older than the pages loaded
    more: false,            // older inbox pages exist
    pagedOlder: false,
    loadingOlder: false,
    retentionDays: 30,
    endedAt: 0,
    until: 0,
    outbox: [],             // [{client_id, key, target, text, ack, draft, state, error}]
    reading: new Set(),     // ids with followup_read on the way
    toAck: new Set(),       // received ids this page holds, not yet acknowledged to the server
    acked: new Set(),
    notified: new Set(),    // ids the notice has told about
    noticeIds: [],
    loaded: false,
    fresh: false,           // joined on this page load: the return link card comes first
    roomsOpenByUser: null,  // the person opened/closed "Your rooms" themselves
  };

  const myId = () => (me() || {}).id;

  // ---- the fixed parts ---------------------------------------------------------------------------
  const endedNote = el('p', { class: 'notice fu-ended', role: 'status', 'data-testid': 'session-ended', hidden: true });
  const returnCard = createReturnLinkCard({ sock, getToken, setToken, sessionName, announce });

  const roomsBadge = el('span', { class: 'count-badge fu-unread-badge', 'data-testid': 'fu-unread-total' });
  const roomsList = el('ol', { class: 'fu-rooms', 'data-testid': 'fu-rooms' });
  const roomsEmpty = el('p', { class: 'muted fu-empty', 'data-testid': 'fu-rooms-empty' },
    'When a room closes, the people you practised with appear here, so you can write to them — ' +
    'the next hour or the next week. They get your message when they come back.');
  const roomsIntro = el('p', { class: 'hint fu-intro' },
    'Write to anyone you shared a room with. If they are away, they get it when they come back.');
  const roomsSection = el('details', { class: 'card fu-your-rooms', id: 'your-rooms', 'data-testid': 'your-rooms' },
    el('summary', { class: 'fu-summary' }, el('h2', { class: 'section-title' }, 'Your rooms', roomsBadge)),
    el('div', { class: 'details-body' }, roomsIntro, roomsEmpty, roomsList));
  roomsSection.addEventListener('toggle', () => {
    if (roomsSection.dataset.auto === 'true') { delete roomsSection.dataset.auto; return; }
    S.roomsOpenByUser = roomsSection.open;
  });

  const deleteBtn = el('button', { type: 'button', class: 'quiet danger-text', 'data-testid': 'delete-me', onclick: askDelete },
    'Delete my account and messages');
  const accountSection = el('section', { class: 'card fu-account', 'aria-labelledby': 'fu-account-title', 'data-testid': 'fu-account' },
    el('h2', { id: 'fu-account-title', class: 'section-title' }, 'Your messages and account'),
    el('p', { class: 'hint' }, 'Messages are kept for a limited time set by your facilitator, then deleted.',
      el('span', { class: 'fu-retention', 'data-testid': 'fu-retention' })),
    deleteBtn);

  // The delete confirmation: a real modal dialog (focus stays inside, Escape cancels).
  const deleteStatus = el('p', { class: 'form-error', role: 'alert' });
  const deleteYes = el('button', { type: 'button', class: 'danger', 'data-testid': 'delete-me-yes', onclick: doDelete },
    'Delete everything');
  const deleteNo = el('button', { type: 'button', class: 'quiet', 'data-testid': 'delete-me-no', onclick: () => deleteDialog.close() }, 'Cancel');
  const deleteDialog = el('dialog', { class: 'fu-confirm-dialog', 'aria-labelledby': 'fu-del-title', 'aria-describedby': 'fu-del-text',
    'data-testid': 'delete-me-dialog' },
  el('h2', { id: 'fu-del-title' }, 'Delete your account and messages?'),
  el('p', { id: 'fu-del-text' }, 'This is permanent. It deletes every follow-up you sent and received, your feedback and your ' +
    'drafts, and signs you out on every device. Your room mates will no longer be able to write to you. ' +
    'It cannot be undone.'),
  deleteStatus,
  el('div', { class: 'button-row' }, deleteYes, deleteNo));
  document.body.append(deleteDialog);

  // The "New message from …" notice: small, at the bottom, never in the way of the countdown.
  const noticeText = el('span', { class: 'fu-notice-text', 'data-testid': 'fu-notice-text' });
  const noticeOpen = el('button', { type: 'button', class: 'primary small', 'data-testid': 'fu-notice-open', onclick: openFromNotice }, 'Open');
  const noticeClose = el('button', { type: 'button', class: 'quiet small', 'aria-label': 'Dismiss', onclick: hideNotice }, '×');
  // Not a live region itself: announce() already says it once.
  const notice = el('div', { class: 'fu-notice', 'data-testid': 'fu-notice', hidden: true },
    noticeText, noticeOpen, noticeClose);
  document.body.append(notice);

  const thread = createThreadView({ sock, api: threadApi() });
  // A modal dialog sits in the top layer: while a thread is open the notice lives inside it.
  const placeNotice = () => { const host = thread.dialog.open ? thread.dialog : document.body; if (notice.parentNode !== host) host.append(notice); };
  thread.dialog.addEventListener('close', placeNotice);

  setChildren(root, endedNote, returnCard.node, roomsSection, accountSection);

  // ---- context: lobby, an open room, a closed room, the join form ----------------------------------
  // participant.js marks the view on <body data-view> and room-view.js the phase on #view-room.
  const observer = new MutationObserver(() => applyContext());
  observer.observe(document.body, { attributes: true, attributeFilter: ['data-view'] });
  const roomNode = $('#view-room');
  if (roomNode) observer.observe(roomNode, { attributes: true, attributeFilter: ['data-phase'] });

  function context() {
    const view = document.body.dataset.view;
    if (!view || view === 'view-join' || !getToken()) return 'out';
    if (view === 'view-room' && roomNode && roomNode.dataset.phase !== 'closed') return 'room';
    return 'free';   // the lobby, or a room that has closed
  }

  function applyContext() {
    const ctx = context();
    root.hidden = ctx === 'out';
    if (ctx === 'out') { thread.close(); return; }
    // In an open room "Your rooms" stays folded; in the lobby and after the close it is open —
    // unless the person folded or opened it themselves.
    const wantOpen = S.roomsOpenByUser !== null ? S.roomsOpenByUser : ctx !== 'room';
    if (roomsSection.open !== wantOpen) { roomsSection.dataset.auto = 'true'; roomsSection.open = wantOpen; }
    // The return link: first and open right after a join; afterwards folded near the account.
    const before = S.fresh ? endedNote : roomsSection;
    if (returnCard.node.previousElementSibling !== before) before.after(returnCard.node);
  }

  // ---- events ------------------------------------------------------------------------------------
  function onMessage(msg) {
    switch (msg.type) {
      case 'my_rooms': onMyRooms(msg); break;
      case 'room': onRoom(msg); break;
      case 'phase': onPhase(msg); break;
      case 'drafts': S.drafts = Array.isArray(msg.drafts) ? msg.drafts.filter(d => d && d.text) : []; renderRooms(); break;
      case 'followup': onFollowup(msg.followup); break;
      case 'followup_receipt': onReceipt(msg); break;
      case 'followup_withdrawn': onWithdrawn(msg.followup); break;
      case 'session_ended': setEnded(msg.at, msg.followups_until); break;
      case 'roster':
        S.online = new Map((msg.participants || []).map(p => [p.id, p.online !== false]));
        thread.refresh();
        break;
      case 'roster_update':
        if (msg.participant && msg.participant.id) S.online.set(msg.participant.id, !msg.participant.left && msg.participant.online !== false);
        thread.refresh();
        break;
      default: break;
    }
  }

  function onMyRooms(msg) {
    const fresh = new Map();
    for (const r of msg.rooms || []) fresh.set(r.id, { ...r, members: (r.members || []).slice() });
    // Keep rooms seen live that the server's list (sent at welcome) may not have yet.
    for (const [id, r] of S.rooms) if (!fresh.has(id)) fresh.set(id, r);
    S.rooms = fresh;
    S.retentionDays = msg.retention_days || S.retentionDays;
    if (msg.session_ended_at) setEnded(msg.session_ended_at, msg.session_ended_at + S.retentionDays * DAY_MS);
    else { S.endedAt = 0; endedNote.hidden = true; }
    $('.fu-retention', accountSection).textContent = ` Currently ${S.retentionDays} day${S.retentionDays === 1 ? '' : 's'}.`;
    returnCard.render();
    applyContext();
    renderRooms();
    loadFirstPage();
    flushOutbox();   // a welcome: the connection is back
  }

  function onRoom(msg) {
    const r = msg.room;
    if (!r || !r.id) return;
    if (S.fresh) { S.fresh = false; returnCard.setFresh(false); applyContext(); }   // practice comes first now
    const prev = S.rooms.get(r.id);
    const members = prev ? prev.members.slice() : [];
    for (const m of r.members || []) {
      if (m.id === myId()) continue;
      const i = members.findIndex(x => x.id === m.id);
      if (i < 0) members.push({ id: m.id, name: m.name, reachable: true });
      else members[i] = { ...members[i], name: m.name };
    }
    S.rooms.set(r.id, {
      id: r.id, number: r.number, round: r.round ?? (prev && prev.round), members,
      launched_at: prev ? prev.launched_at : sock.serverNow(), phase: prev ? prev.phase : 'practice',
    });
    thread.roomStarted(prev ? null : S.rooms.get(r.id));
    renderRooms();
  }

  function onPhase(msg) {
    const r = S.rooms.get(msg.room);
    if (!r || r.phase === msg.phase) return;
    r.phase = msg.phase;
    renderRooms();
  }

  function onFollowup(f) {
    if (!f || !f.id) return;
    const known = S.msgs.has(f.id);
    upsert(f);
    ack(f);
    const incoming = f.to && f.to.id === myId() && f.from.id !== myId();
    if (incoming && !known && f.status !== 'read' && !f.withdrawn) {
      if (!thread.wouldSee(f)) notify(f);
      announce(`New message from ${f.from.name}.`);
    }
    changed();
  }

  function onReceipt(msg) {
    const f = S.msgs.get(msg.followup);
    if (!f) return;
    if (STATUS_RANK[msg.status] > STATUS_RANK[f.status]) {
      f.status = msg.status;
      if (msg.status === 'read') f.read_at = msg.at;
      if (msg.status === 'delivered') f.delivered_at = msg.at;
      changed();
      if (msg.status === 'read') announce(`${f.to.name} read your message.`);
    }
  }

  function onWithdrawn(id) {
    const f = S.msgs.get(id);
    if (!f) return;
    f.withdrawn = true;
    f.text = '';
    changed();
  }

  function setEnded(at, until) {
    S.endedAt = at;
    S.until = until || at + S.retentionDays * DAY_MS;
    endedNote.textContent = `This session has ended; your messages stay available until ${formatDate(S.until)}.`;
    endedNote.hidden = false;
  }

  // ---- messages ----------------------------------------------------------------------------------
  function upsert(f) {
    const prev = S.msgs.get(f.id);
    if (!prev) { S.msgs.set(f.id, { ...f }); return; }
    const keep = STATUS_RANK[prev.status] > STATUS_RANK[f.status] ? prev.status : f.status;
    Object.assign(prev, f, {
      status: keep,
      read_at: f.read_at || prev.read_at,
      withdrawn: prev.withdrawn || f.withdrawn,
      text: prev.withdrawn || f.withdrawn ? '' : f.text,
    });
  }

  function isUnread(f) { return f.to.id === myId() && f.from.id !== myId() && f.status !== 'read' && !f.withdrawn; }
  function unreadCount() {
    let n = 0;
    for (const f of S.msgs.values()) if (isUnread(f)) n++;
    return n + S.unreadOutside;
  }

  async function loadFirstPage() {
    try {
      const r = await sock.request({ type: 'inbox', limit: PAGE });
      for (const f of r.followups || []) { upsert(f); ack(f); }
      if (!S.pagedOlder) S.more = !!r.more;
      let loadedUnread = 0;
      for (const f of S.msgs.values()) if (isUnread(f)) loadedUnread++;
      S.unreadOutside = Math.max(0, (r.unread || 0) - loadedUnread);
      const firstLoad = !S.loaded;
      S.loaded = true;
      changed();
      // Coming back to unread messages: say so once.
      const unseen = [...S.msgs.values()].filter(f => isUnread(f) && !S.notified.has(f.id) && !thread.wouldSee(f));
      if (firstLoad && unseen.length) for (const f of unseen.sort((a, b) => a.sent_at - b.sent_at)) notify(f);
    } catch { /* the next welcome loads it again */ }
  }

  async function loadOlder() {
    if (S.loadingOlder || !S.more) return;
    S.loadingOlder = true;
    thread.refresh();
    try {
      let oldest = Infinity;
      for (const f of S.msgs.values()) oldest = Math.min(oldest, f.sent_at);
      // `before` is exclusive; +1 keeps messages sharing that millisecond (a message to a room is
      // one row per person, all with the same time). Known ids are skipped.
      let r = await sock.request({ type: 'inbox', limit: PAGE, before: oldest + 1 });
      if ((r.followups || []).every(f => S.msgs.has(f.id)) && r.more) r = await sock.request({ type: 'inbox', limit: PAGE, before: oldest });
      for (const f of r.followups || []) { upsert(f); ack(f); }
      S.more = !!r.more;
      S.pagedOlder = true;
      let loadedUnread = 0;
      for (const f of S.msgs.values()) if (isUnread(f)) loadedUnread++;
      S.unreadOutside = Math.max(0, (r.unread || 0) - loadedUnread);
    } catch (err) {
      thread.say(err.message, true);
    } finally {
      S.loadingOlder = false;
      changed();
    }
  }

  // "This page has it": a received message still marked sent is acknowledged (batched, ≤ 100).
  let ackTimer = null;
  function ack(f) {
    if (!f.to || f.to.id !== myId() || f.from.id === myId() || f.status !== 'sent' || S.acked.has(f.id)) return;
    S.toAck.add(f.id);
    if (!ackTimer) ackTimer = setTimeout(flushAcks, 150);
  }
  async function flushAcks() {
    ackTimer = null;
    const ids = [...S.toAck].slice(0, 100);
    if (!ids.length) return;
    for (const id of ids) S.toAck.delete(id);
    try {
      await sock.request({ type: 'followup_ack', followups: ids });
      for (const id of ids) S.acked.add(id);
    } catch { /* the server pushes them again on the next hello, and they are acknowledged then */ }
    if (S.toAck.size) ackTimer = setTimeout(flushAcks, 0);
  }

  async function markRead(id) {
    const f = S.msgs.get(id);
    if (!f || !isUnread(f) || S.reading.has(id)) return;
    if (document.visibilityState !== 'visible') return;
    S.reading.add(id);
    try {
      await sock.request({ type: 'followup_read', followup: id });
      f.status = 'read';
      f.read_at = sock.serverNow();
      changed();
    } catch { /* stays unread; tried again when shown again */ } finally {
      S.reading.delete(id);
    }
  }

  async function withdraw(ids) {
    for (const id of ids) {
      await sock.request({ type: 'followup_delete', followup: id });
      const f = S.msgs.get(id);
      if (f) { f.withdrawn = true; f.text = ''; }
    }
    changed();
  }

  // Sends one message. Resolves with {ok:true} when stored, {queued:true} when the connection
  // dropped before the reply (the outbox sends it again, same client_id, after the next hello);
  // rejects with the server's error (needs_softening with hints, rate_limited with retry_after_ms…).
  async function send({ key, target, text, clientId, ack, draft }) {
    const msg = { type: 'followup_send', ...target, text, client_id: clientId };
    if (ack) msg.acknowledge_hints = true;
    if (draft) { msg.draft_room = draft.room; msg.draft_key = draft.key; }
    try {
      const reply = await sock.request(msg);
      accept(reply, draft);
      return { ok: true };
    } catch (err) {
      if (err.code === 'disconnected' || err.code === 'timeout') {
        S.outbox.push({ client_id: clientId, key, target, text, ack, draft, state: 'waiting', sent_at: sock.serverNow() });
        changed();
        return { queued: true };
      }
      throw err;
    }
  }

  function accept(reply, draft) {
    for (const f of reply.followups || []) upsert(f);
    if (draft) {
      S.drafts = S.drafts.filter(d => !(d.room === draft.room && d.key === draft.key));
      // The server cleared the draft; this device's copy (composer.js keeps one) goes too.
      store.remove(`softclose.draft:${myId()}:${draft.room}:${draft.key}`);
    }
    changed();
  }

  let flushing = false;
  async function flushOutbox() {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of S.outbox.slice()) {
        if (item.state === 'failed') continue;
        item.state = 'sending';
        const msg = { type: 'followup_send', ...item.target, text: item.text, client_id: item.client_id };
        if (item.ack) msg.acknowledge_hints = true;
        if (item.draft) { msg.draft_room = item.draft.room; msg.draft_key = item.draft.key; }
        try {
          const reply = await sock.request(msg);
          S.outbox.splice(S.outbox.indexOf(item), 1);
          accept(reply, item.draft);
        } catch (err) {
          if (err.code === 'disconnected' || err.code === 'timeout') { item.state = 'waiting'; break; }
          item.state = 'failed';
          item.error = err.code === 'needs_softening' ? 'Not sent: it has hints on phrasing. Edit it to look at them.' : `Not sent: ${err.message}`;
        }
      }
    } finally {
      flushing = false;
      changed();
    }
  }

  function dropOutbox(item) {
    const i = S.outbox.indexOf(item);
    if (i >= 0) S.outbox.splice(i, 1);
    changed();
  }

  // ---- threads -----------------------------------------------------------------------------------
  // A thread is 'p:<participant id>' (everything between me and that person, including messages
  // sent to a whole room) or 'r:<room id>' (messages sent to everyone in that room).
  function threadKeyOf(f) {
    const other = f.from.id === myId() ? f.to : f.from;
    return `p:${other.id}`;
  }

  function threadMessages(key) {
    const [kind, id] = [key.slice(0, 1), key.slice(2)];
    const list = [...S.msgs.values()].filter(f => (kind === 'p'
      ? (f.from.id === myId() && f.to.id === id) || (f.from.id === id && f.to.id === myId())
      : f.room === id));
    return list.sort((a, b) => a.sent_at - b.sent_at || (a.id < b.id ? -1 : 1));
  }

  function threadInfo(key) {
    const kind = key.slice(0, 1);
    const id = key.slice(2);
    if (kind === 'r') {
      const r = S.rooms.get(id);
      const reachable = r ? r.members.filter(m => m.reachable !== false) : [];
      return {
        key, kind, title: r ? `Everyone from Room ${r.number}` : 'Everyone from your room',
        subtitle: r ? `${names(r.members.map(m => m.name))} · ${roomWhen(r)}` : '',
        target: { room: id }, writeLabel: r ? `Write to everyone from Room ${r.number}` : 'Write to the room',
        recipients: reachable, canWrite: reachable.length > 0,
      };
    }
    let person = null;
    const shared = [];
    for (const r of S.rooms.values()) {
      const m = r.members.find(x => x.id === id);
      if (m) { person = person || m; shared.push(r); }
    }
    if (!person) {
      const f = [...S.msgs.values()].find(x => x.from.id === id || x.to.id === id);
      if (f) person = f.from.id === id ? f.from : f.to;
    }
    const name = person ? person.name : 'Your room mate';
    shared.sort((a, b) => a.round - b.round || a.number - b.number);
    return {
      key, kind, title: name,
      subtitle: shared.length ? `You shared ${shared.map(r => `Room ${r.number} (round ${r.round})`).join(', ')}` : '',
      target: { to: id }, writeLabel: `Write to ${name}`, name,
      online: S.online.get(id), recipients: person ? [person] : [],
      canWrite: !!person && person.reachable !== false,
    };
  }

  function roomWhen(r) {
    return `round ${r.round}${r.launched_at ? `, ${formatWhen(r.launched_at)}` : ''}`;
  }

  function threadApi() {
    return {
      me: () => me() || {},
      info: threadInfo,
      messages: threadMessages,
      outbox: key => S.outbox.filter(o => o.key === key),
      dropOutbox,
      more: () => S.more,
      loadingOlder: () => S.loadingOlder,
      loadOlder,
      markRead,
      isUnread,
      withdraw,
      send,
      newClientId,
      formatWhen,
    };
  }

  // ---- "Your rooms" ------------------------------------------------------------------------------
  function renderRooms() {
    const rooms = [...S.rooms.values()].sort((a, b) => (b.round || 0) - (a.round || 0) || a.number - b.number);
    roomsEmpty.hidden = rooms.length > 0;
    roomsIntro.hidden = rooms.length === 0;
    const unreadBy = new Map();
    for (const f of S.msgs.values()) if (isUnread(f)) unreadBy.set(f.from.id, (unreadBy.get(f.from.id) || 0) + 1);
    setChildren(roomsList, rooms.map(r => roomItem(r, unreadBy)));
    const total = unreadCount();
    roomsBadge.textContent = total ? `${total} new` : '';
  }

  function roomItem(r, unreadBy) {
    const open = r.phase && r.phase !== 'closed';
    const reachable = r.members.filter(m => m.reachable !== false);
    const drafts = S.drafts.filter(d => d.room === r.id && !open && !/^self:/.test(d.key));
    return el('li', { class: 'fu-room', 'data-testid': 'fu-room', 'data-room-id': r.id, 'data-room-number': r.number },
      el('div', { class: 'fu-room-head' },
        el('h3', { class: 'fu-room-title' }, `Room ${r.number}`),
        el('span', { class: 'muted fu-room-when' }, r.launched_at
          ? el('time', { datetime: new Date(r.launched_at).toISOString() }, `Round ${r.round} · ${formatWhen(r.launched_at)}`)
          : `Round ${r.round}`),
        open ? el('span', { class: 'badge fu-now' }, 'in progress') : null),
      el('ul', { class: 'fu-members' }, r.members.length ? r.members.map(m => memberItem(r, m, unreadBy.get(m.id) || 0))
        : el('li', { class: 'muted' }, 'Nobody else was in this room.')),
      reachable.length > 1 ? el('button', { type: 'button', class: 'secondary fu-write-room', 'data-testid': 'fu-write-room',
        onclick: () => thread.open(`r:${r.id}`) }, 'Write to the room') : null,
      drafts.map(d => draftItem(r, d)));
  }

  function memberItem(r, m, unread) {
    const last = threadMessages(`p:${m.id}`).at(-1);
    const canWrite = m.reachable !== false;
    return el('li', { class: 'fu-member', 'data-testid': 'fu-member', 'data-id': m.id },
      el('div', { class: 'fu-member-text' },
        el('span', { class: 'person-name' }, m.name),
        unread ? el('span', { class: 'fu-new', 'data-testid': 'fu-member-unread' }, `${unread} new`) : null,
        last ? el('span', { class: 'muted fu-last' },
          `${last.from.id === myId() ? 'You' : last.from.name}: `,
          last.withdrawn ? 'message withdrawn' : shortQuote(last.text, 60)) : null,
        !canWrite ? el('span', { class: 'muted' }, ' — no longer here') : null),
      canWrite ? el('button', { type: 'button', class: unread ? 'primary fu-write' : 'secondary fu-write', 'data-testid': 'fu-write',
        'aria-label': `${unread ? `${unread} new — ` : ''}Write to ${m.name} (Room ${r.number})`,
        onclick: () => thread.open(`p:${m.id}`) }, unread ? `Read and reply to ${m.name}` : `Write to ${m.name}`) : null);
  }

  // A feedback draft left when the room closed. Keys `to:<id>:…` / `observer:<id>:…` name the
  // person; others (an amendment of a sent message) let the person choose.
  function draftItem(r, d) {
    const match = TO_KEY.exec(d.key);
    const to = match && r.members.find(m => m.id === match[1] && m.reachable !== false);
    const openFor = key => thread.open(key, { prefill: d.text, draft: { room: d.room, key: d.key } });
    const reachable = r.members.filter(m => m.reachable !== false);
    return el('div', { class: 'fu-draft', 'data-testid': 'fu-draft' },
      el('p', { class: 'fu-draft-title' }, 'Unsent draft — send it as a follow-up'),
      el('p', { class: 'fu-draft-text' }, el('q', null, shortQuote(d.text, 140))),
      el('div', { class: 'button-row' }, to
        ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'fu-draft-open', onclick: () => openFor(`p:${to.id}`) },
          `Open it to send to ${to.name}`)
        : [...reachable.map(m => el('button', { type: 'button', class: 'secondary', 'data-testid': 'fu-draft-open',
          onclick: () => openFor(`p:${m.id}`) }, `Send to ${m.name}`)),
        reachable.length > 1 ? el('button', { type: 'button', class: 'secondary', onclick: () => openFor(`r:${r.id}`) }, 'Send to the room') : null]));
  }

  // ---- unread: title and notice -----------------------------------------------------------------
  function changed() {
    const n = unreadCount();
    const title = n ? `(${n}) ${baseTitle}` : baseTitle;
    if (document.title !== title) document.title = title;
    renderRooms();
    thread.refresh();
    // The notice goes once everything it told about has been read.
    if (!notice.hidden && S.noticeIds.every(id => { const f = S.msgs.get(id); return !f || !isUnread(f); })) hideNotice();
  }

  function notify(f) {
    if (S.notified.has(f.id)) return;
    S.notified.add(f.id);
    S.noticeIds.push(f.id);
    const unread = S.noticeIds.map(id => S.msgs.get(id)).filter(x => x && isUnread(x));
    const from = [...new Set(unread.map(x => x.from.name))];
    noticeText.textContent = unread.length > 1 ? `${unread.length} new messages from ${names(from)}` : `New message from ${f.from.name}`;
    noticeOpen.dataset.thread = threadKeyOf(f);
    placeNotice();
    notice.hidden = false;
  }

  function hideNotice() {
    notice.hidden = true;
    S.noticeIds = [];
  }

  function openFromNotice() {
    const key = noticeOpen.dataset.thread;
    hideNotice();
    if (key) thread.open(key);
  }

  // ---- account -----------------------------------------------------------------------------------
  function askDelete() {
    deleteStatus.textContent = '';
    deleteDialog.showModal();
    deleteNo.focus();
  }

  async function doDelete() {
    deleteYes.disabled = true;
    try {
      await sock.request({ type: 'delete_me', confirm: true });
      deleteDialog.close();
      // This device's copies of feedback drafts go too.
      try {
        for (let i = localStorage.length - 1; i >= 0; i--) {
          const k = localStorage.key(i);
          if (k && k.startsWith('softclose.draft:')) store.remove(k);
        }
      } catch { /* storage unavailable */ }
      onDeleted('Your account and messages were deleted. Thank you for practising.');
    } catch (err) {
      deleteStatus.textContent = err.message;
    } finally {
      deleteYes.disabled = false;
    }
  }

  function reset() {
    S.rooms.clear();
    S.msgs.clear();
    S.drafts = [];
    S.outbox = [];
    S.notified.clear();
    S.toAck.clear();
    S.acked.clear();
    S.unreadOutside = 0;
    S.more = false;
    S.pagedOlder = false;
    S.loaded = false;
    S.fresh = false;
    S.endedAt = 0;
    S.roomsOpenByUser = null;
    endedNote.hidden = true;
    hideNotice();
    thread.close();
    thread.forget();
    returnCard.reset();
    returnCard.setFresh(false);
    if (deleteDialog.open) deleteDialog.close();
    document.title = baseTitle;
    renderRooms();
    applyContext();
  }

  renderRooms();
  applyContext();

  return {
    onMessage,
    reset,
    // After a join on this page: the return link card first, open.
    joined() {
      reset();
      S.fresh = true;
      returnCard.render();
      returnCard.setFresh(true);
      applyContext();
    },
    tokenChanged() { returnCard.render(); },
  };
}

function mountRoot() {
  const node = el('div', { id: 'way-back', class: 'way-back', 'data-testid': 'way-back', hidden: true });
  const anchor = document.getElementById('broadcasts-section');
  if (anchor) anchor.before(node); else (document.querySelector('main') || document.body).append(node);
  return node;
}
