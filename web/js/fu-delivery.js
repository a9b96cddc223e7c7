// fu-delivery.js — getting follow-ups to the server and telling it what arrived (DOM-free).
// Owns: the `followup_send` message, the outbox (a message whose reply was lost to a dropped
// connection waits here and is resent with the same client_id after the next hello, so the server
// stores it once), and acknowledgements (`followup_ack`, batched: the server counts a message as
// delivered — and stops pushing it on every hello — only once this page has it).
import { ACK_BATCH_MAX, ACK_DELAY_MS } from './constants.js';

// A client_id for followup_send: a UUID (crypto.randomUUID needs a secure context; plain-http
// self-hosted servers on a LAN are not one, so fall back to getRandomValues).
export function newClientId(c = globalThis.crypto) {
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

// target: {to: participant id} or {room: room id}; draft: the leftover draft it came from.
export function followupSendMessage({ target, text, clientId, ack, draft }) {
  const msg = { type: 'followup_send', ...target, text, client_id: clientId };
  if (ack) msg.acknowledge_hints = true;
  if (draft) { msg.draft_room = draft.room; msg.draft_key = draft.key; }
  return msg;
}

// The request never got an answer: it may or may not have been stored.
export const isConnectionLoss = err => !!err && (err.code === 'disconnected' || err.code === 'timeout');

export function outboxFailureText(err) {
  return err.code === 'needs_softening' ? 'Not sent: it has hints on phrasing. Edit it to look at them.' : `Not sent: ${err.message}`;
}

// request(msg) -> Promise<reply>; onStored(reply, draft) after the server stored a message;
// onChange() after the outbox changed; now() the server's clock.
export function createOutbox({ request, onStored, onChange, now }) {
  const items = [];   // [{client_id, key, target, text, ack, draft, state, sent_at, error}]
  let flushing = false;

  // Resolves {ok: true} when stored, {queued: true} when the connection dropped before the reply;
  // rejects with the server's error (needs_softening with hints, rate_limited with retry_after_ms…).
  async function send({ key, target, text, clientId, ack, draft }) {
    try {
      const reply = await request(followupSendMessage({ target, text, clientId, ack, draft }));
      onStored(reply, draft);
      return { ok: true };
    } catch (err) {
      if (!isConnectionLoss(err)) throw err;
      items.push({ client_id: clientId, key, target, text, ack, draft, state: 'waiting', sent_at: now() });
      onChange();
      return { queued: true };
    }
  }

  // After a hello: sends what waits, in order, until the connection drops again.
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      for (const item of items.slice()) {
        if (item.state === 'failed') continue;
        item.state = 'sending';
        try {
          const reply = await request(followupSendMessage({ ...item, clientId: item.client_id }));
          remove(item);
          onStored(reply, item.draft);
        } catch (err) {
          if (isConnectionLoss(err)) { item.state = 'waiting'; break; }
          item.state = 'failed';
          item.error = outboxFailureText(err);
        }
      }
    } finally {
      flushing = false;
      onChange();
    }
  }

  function remove(item) {
    const i = items.indexOf(item);
    if (i >= 0) items.splice(i, 1);
  }

  return {
    send,
    flush,
    forThread: key => items.filter(o => o.key === key),
    drop(item) { remove(item); onChange(); },
    clear() { items.length = 0; },
    get size() { return items.length; },
  };
}

// Batches `followup_ack`: add(id) for each received message this page holds.
export function createAckBatcher({ request, delayMs = ACK_DELAY_MS, max = ACK_BATCH_MAX, setTimer = setTimeout }) {
  const pending = new Set();   // held here, not yet acknowledged
  const acked = new Set();
  let timer = null;

  function add(id) {
    if (acked.has(id)) return;
    pending.add(id);
    if (!timer) timer = setTimer(flush, delayMs);
  }

  async function flush() {
    timer = null;
    const ids = [...pending].slice(0, max);
    if (!ids.length) return;
    for (const id of ids) pending.delete(id);
    try {
      await request({ type: 'followup_ack', followups: ids });
      for (const id of ids) acked.add(id);
    } catch { /* the server pushes them again on the next hello, and they are acknowledged then */ }
    if (pending.size) timer = setTimer(flush, 0);
  }

  return { add, flush, clear() { pending.clear(); acked.clear(); }, isAcked: id => acked.has(id) };
}
