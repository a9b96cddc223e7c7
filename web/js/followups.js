// followups.js — "a way back" on the participant page: follow-up messages between former room
// mates. This file wires the parts together and follows the page's events:
//   fu-rooms.js / fu-rooms-view.js   "Your rooms" (`my_rooms`, live `room`/`phase` events)
//   fu-messages.js                   every follow-up this page knows, receipts, withdrawals, unread
//   fu-delivery.js                   sending, the outbox (resend with the same client_id after the
//                                    next hello), acknowledging received messages (`followup_ack`)
//   fu-threads.js / fu-thread.js     threads as data / the thread dialog and its composer
//   fu-notice.js                     "New message from …"
//   fu-account.js                    retention and deleting the account (`delete_me`)
//   return-link.js                   the return-link card
// Here: leftover drafts from the soft close (`drafts`), the session-ended notice
// (`session_ended`), inbox pages, marking as read, the unread count in the page title, and where
// the cards go for the page's context (lobby, open room, closed room, signed out).
//
// participant.js calls: onMessage(msg) for every event, joined() after a join, reset() when the
// token is forgotten. Everything is drawn into #way-back (created if the page lacks it).
import { $, el, setChildren, store } from './dom.js';
import { createReturnLinkCard } from './return-link.js';
import { createThreadView } from './fu-thread.js';
import { DAY_MS, INBOX_PAGE_SIZE } from './constants.js';
import { formatWhen, formatDate } from './format.js';
import { localDraftKey } from './draft-keys.js';
import { createMessageStore, needsAck, requestOlderPage } from './fu-messages.js';
import { createOutbox, createAckBatcher, newClientId } from './fu-delivery.js';
import { mergeMyRooms, roomFromEvent, roomsInListOrder } from './fu-rooms.js';
import { personThreadKey, threadKeyOf, threadMessages, threadInfo, threadItems, unreadBySender } from './fu-threads.js';
import { createRoomsSection } from './fu-rooms-view.js';
import { createAccountSection } from './fu-account.js';
import { createNotice } from './fu-notice.js';

// Kept for modules that import them from here.
export { newClientId } from './fu-delivery.js';
export { formatWhen, formatDate } from './format.js';

export function createFollowups({ sock, announce, me, getToken, setToken, sessionName, onDeleted }) {
  const root = $('#way-back') || mountRoot();
  const baseTitle = document.title.replace(/^\(\d+\)\s*/, '');
  const myId = () => (me() || {}).id;

  const S = {
    rooms: new Map(),       // room id -> room record (fu-rooms.js)
    drafts: [],             // leftover drafts [{room, key, text, updated_at}]
    online: new Map(),      // participant id -> online (from roster events)
    more: false,            // older inbox pages exist
    cursor: null,           // the server's `next` of the last page: where the older page starts
    pagedOlder: false,
    loadingOlder: false,
    retentionDays: 30,
    endedAt: 0,
    until: 0,
    reading: new Set(),     // ids with followup_read on the way
    loaded: false,
    fresh: false,           // joined on this page load: the return link card comes first
  };
  const msgs = createMessageStore(myId);
  const outbox = createOutbox({ request: m => sock.request(m), onStored: accept, onChange: () => changed(), now: () => sock.serverNow() });
  const acks = createAckBatcher({ request: m => sock.request(m) });

  // ---- the parts ---------------------------------------------------------------------------------
  const endedNote = el('p', { class: 'notice fu-ended', role: 'status', 'data-testid': 'session-ended', hidden: true });
  const returnCard = createReturnLinkCard({ sock, getToken, setToken, sessionName, announce });
  const account = createAccountSection({ sock, onDeleted });
  const notice = createNotice({ openThread: key => thread.open(key) });
  const thread = createThreadView({ sock, api: threadApi() });
  notice.showInside(thread.dialog);
  const rooms = createRoomsSection({
    myId, openThread: (key, opts) => thread.open(key, opts),
    lastMessageWith: id => threadMessages(msgs.values(), personThreadKey(id), myId()).at(-1),
  });
  setChildren(root, endedNote, returnCard.node, rooms.node, account.node);

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
    rooms.placeOpen(ctx !== 'room');
    // The return link: first and open right after a join; afterwards folded near the account.
    const before = S.fresh ? endedNote : rooms.node;
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
      case 'followup_withdrawn': if (msgs.withdraw(msg.followup)) changed(); break;
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
    S.rooms = mergeMyRooms(S.rooms, msg.rooms);
    S.retentionDays = msg.retention_days || S.retentionDays;
    if (msg.session_ended_at) setEnded(msg.session_ended_at, msg.session_ended_at + S.retentionDays * DAY_MS);
    else { S.endedAt = 0; endedNote.hidden = true; }
    account.setRetention(S.retentionDays);
    returnCard.render();
    applyContext();
    renderRooms();
    loadFirstPage();
    outbox.flush();   // a welcome: the connection is back
  }

  function onRoom(msg) {
    const r = msg.room;
    if (!r || !r.id) return;
    if (S.fresh) { S.fresh = false; returnCard.setFresh(false); applyContext(); }   // practice comes first now
    const prev = S.rooms.get(r.id);
    S.rooms.set(r.id, roomFromEvent(prev, r, myId(), sock.serverNow()));
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
    const known = msgs.has(f.id);
    receive(f);
    const incoming = f.to && f.to.id === myId() && f.from.id !== myId();
    if (incoming && !known && f.status !== 'read' && !f.withdrawn) {
      if (!thread.wouldSee(f)) notify(f);
      announce(`New message from ${f.from.name}.`);
    }
    changed();
  }

  function onReceipt(msg) {
    const f = msgs.receipt(msg);
    if (!f) return;
    changed();
    if (msg.status === 'read') announce(`${f.to.name} read your message.`);
  }

  function setEnded(at, until) {
    S.endedAt = at;
    S.until = until || at + S.retentionDays * DAY_MS;
    endedNote.textContent = `This session has ended; your messages stay available until ${formatDate(S.until)}.`;
    endedNote.hidden = false;
  }

  // ---- messages ----------------------------------------------------------------------------------
  // A follow-up this page now holds: kept, and acknowledged if it is one I received.
  function receive(f) {
    msgs.upsert(f);
    if (needsAck(f, myId())) acks.add(f.id);
  }

  async function loadFirstPage() {
    try {
      const r = await sock.request({ type: 'inbox', limit: INBOX_PAGE_SIZE });
      for (const f of r.followups || []) receive(f);
      if (!S.pagedOlder) { S.more = !!r.more; S.cursor = r.next || null; }
      msgs.setServerUnread(r.unread);
      const firstLoad = !S.loaded;
      S.loaded = true;
      changed();
      // Coming back to unread messages: say so once.
      const unseen = [...msgs.values()].filter(f => msgs.isUnread(f) && !notice.hasTold(f.id) && !thread.wouldSee(f));
      if (firstLoad && unseen.length) for (const f of unseen.sort((a, b) => a.sent_at - b.sent_at)) notify(f);
    } catch { /* the next welcome loads it again */ }
  }

  async function loadOlder() {
    if (S.loadingOlder || !S.more) return;
    S.loadingOlder = true;
    thread.refresh();
    try {
      const r = await requestOlderPage(m => sock.request(m), msgs, S.cursor);
      for (const f of r.followups || []) receive(f);
      S.more = !!r.more;
      S.cursor = r.next || null;
      S.pagedOlder = true;
      msgs.setServerUnread(r.unread);
    } catch (err) {
      thread.say(err.message, true);
    } finally {
      S.loadingOlder = false;
      changed();
    }
  }

  async function markRead(id) {
    const f = msgs.get(id);
    if (!f || !msgs.isUnread(f) || S.reading.has(id)) return;
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
      msgs.withdraw(id);
    }
    changed();
  }

  // The server stored a message (a send, or one from the outbox): it may have cleared the
  // leftover draft it came from.
  function accept(reply, draft) {
    for (const f of reply.followups || []) msgs.upsert(f);
    if (draft) {
      S.drafts = S.drafts.filter(d => !(d.room === draft.room && d.key === draft.key));
      // The server cleared the draft; this device's copy (composer.js keeps one) goes too.
      store.remove(localDraftKey(myId(), draft.room, draft.key));
    }
    changed();
  }

  function threadApi() {
    return {
      me: () => me() || {},
      info: key => threadInfo(key, { rooms: S.rooms, messages: msgs.values(), online: S.online }),
      items: key => threadItems(key, threadMessages(msgs.values(), key, myId()), outbox.forThread(key), myId()),
      dropOutbox: item => outbox.drop(item),
      more: () => S.more,
      loadingOlder: () => S.loadingOlder,
      loadOlder,
      markRead,
      isUnread: f => msgs.isUnread(f),
      withdraw,
      send: args => outbox.send(args),
      newClientId,
      formatWhen,
    };
  }

  // ---- drawing -----------------------------------------------------------------------------------
  function renderRooms() {
    rooms.render({
      rooms: roomsInListOrder(S.rooms.values()), drafts: S.drafts,
      unreadBy: unreadBySender(msgs.values(), msgs.isUnread), total: msgs.unreadCount(),
    });
  }

  // After any change to the messages: the title's unread count, "Your rooms", the open thread.
  function changed() {
    const n = msgs.unreadCount();
    const title = n ? `(${n}) ${baseTitle}` : baseTitle;
    if (document.title !== title) document.title = title;
    renderRooms();
    thread.refresh();
    notice.hideOnceRead(id => { const f = msgs.get(id); return !!f && msgs.isUnread(f); });
  }

  function notify(f) {
    notice.tell(f, ids => ids.map(id => msgs.get(id)).filter(x => x && msgs.isUnread(x)), threadKeyOf(f, myId()));
  }

  function reset() {
    S.rooms.clear();
    msgs.clear();
    S.drafts = [];
    outbox.clear();
    acks.clear();
    S.more = false;
    S.cursor = null;
    S.pagedOlder = false;
    S.loaded = false;
    S.fresh = false;
    S.endedAt = 0;
    rooms.forgetChoice();
    endedNote.hidden = true;
    notice.forget();
    thread.close();
    thread.forget();
    returnCard.reset();
    returnCard.setFresh(false);
    account.closeDialog();
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
