import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newClientId, followupSendMessage, isConnectionLoss, outboxFailureText, createOutbox, createAckBatcher,
} from '../../web/js/fu-delivery.js';

const err = (code, message = code) => Object.assign(new Error(message), { code });

test('newClientId: randomUUID when there is one, 32 hex digits otherwise', () => {
  assert.match(newClientId(), /^[0-9a-f-]{36}$/);
  const id = newClientId({ getRandomValues: a => a.fill(0xab) });
  assert.equal(id, 'ab'.repeat(16));
});

test('followupSendMessage', () => {
  const cases = [
    [{ target: { to: 'p' }, text: 'hi', clientId: 'c1' }, { type: 'followup_send', to: 'p', text: 'hi', client_id: 'c1' }],
    [{ target: { room: 'r' }, text: 'hi', clientId: 'c2', ack: true },
      { type: 'followup_send', room: 'r', text: 'hi', client_id: 'c2', acknowledge_hints: true }],
    [{ target: { to: 'p' }, text: 'x', clientId: 'c3', ack: false, draft: { room: 'r', key: 'to:p:t0' } },
      { type: 'followup_send', to: 'p', text: 'x', client_id: 'c3', draft_room: 'r', draft_key: 'to:p:t0' }],
  ];
  for (const [args, want] of cases) assert.deepEqual(followupSendMessage(args), want);
});

test('isConnectionLoss and outboxFailureText', () => {
  for (const [e, want] of [[err('disconnected'), true], [err('timeout'), true], [err('rate_limited'), false], [null, false]]) {
    assert.equal(isConnectionLoss(e), want);
  }
  assert.equal(outboxFailureText(err('needs_softening')), 'Not sent: it has hints on phrasing. Edit it to look at them.');
  assert.equal(outboxFailureText(err('rate_limited', 'Too many')), 'Not sent: Too many');
});

// A fake server: answers each request with the next of `answers` (an Error is thrown).
function harness(answers) {
  const sent = [];
  const stored = [];
  let changes = 0;
  const outbox = createOutbox({
    request: async msg => { sent.push(msg); const a = answers.shift(); if (a instanceof Error) throw a; return a; },
    onStored: (reply, draft) => stored.push({ reply, draft }),
    onChange: () => { changes++; },
    now: () => 4242,
  });
  return { outbox, sent, stored, changes: () => changes };
}

const item = (n, over = {}) => ({ key: 'p:ana', target: { to: 'ana' }, text: `m${n}`, clientId: `c${n}`, ...over });

test('a stored send resolves ok; a lost reply is queued; other errors reject', async () => {
  const h = harness([{ followups: [{ id: 'f1' }] }, err('disconnected'), err('needs_softening')]);
  assert.deepEqual(await h.outbox.send(item(1, { draft: { room: 'r', key: 'k' } })), { ok: true });
  assert.deepEqual(h.stored, [{ reply: { followups: [{ id: 'f1' }] }, draft: { room: 'r', key: 'k' } }]);
  assert.deepEqual(await h.outbox.send(item(2)), { queued: true });
  assert.equal(h.outbox.size, 1);
  assert.deepEqual(h.outbox.forThread('p:ana').map(o => [o.client_id, o.state, o.sent_at]), [['c2', 'waiting', 4242]]);
  assert.deepEqual(h.outbox.forThread('p:ben'), []);
  await assert.rejects(h.outbox.send(item(3)), { code: 'needs_softening' });
  assert.equal(h.outbox.size, 1, 'a refused message is not queued');
});

test('after the next hello the outbox resends with the same client_id, once', async () => {
  const h = harness([err('timeout'), err('disconnected'), { followups: [{ id: 'f1' }] }, { followups: [{ id: 'f2' }] }]);
  await h.outbox.send(item(1, { ack: true }));
  await h.outbox.send(item(2));
  await h.outbox.flush();
  assert.equal(h.outbox.size, 0);
  assert.deepEqual(h.sent.map(m => m.client_id), ['c1', 'c2', 'c1', 'c2']);
  assert.equal(h.sent[2].acknowledge_hints, true, 'resent as it was first sent');
  assert.deepEqual(h.stored.map(s => s.reply.followups[0].id), ['f1', 'f2']);
  await h.outbox.flush();
  assert.equal(h.sent.length, 4, 'nothing left to send');
});

test('a flush stops at the next connection loss and keeps the rest in order', async () => {
  const h = harness([err('timeout'), err('timeout'), err('disconnected')]);
  await h.outbox.send(item(1));
  await h.outbox.send(item(2));
  await h.outbox.flush();
  assert.deepEqual(h.sent.map(m => m.client_id), ['c1', 'c2', 'c1']);
  assert.deepEqual(h.outbox.forThread('p:ana').map(o => o.state), ['waiting', 'waiting']);
});

test('a message the server refuses on resend is marked failed, kept, and skipped later', async () => {
  const h = harness([err('timeout'), err('needs_softening'), err('rate_limited', 'Slow down')]);
  await h.outbox.send(item(1));
  await h.outbox.flush();
  const [o] = h.outbox.forThread('p:ana');
  assert.equal(o.state, 'failed');
  assert.match(o.error, /hints on phrasing/);
  await h.outbox.flush();
  assert.equal(h.sent.length, 2, 'a failed message is not sent again by itself');
  h.outbox.drop(o);
  assert.equal(h.outbox.size, 0);
});

test('two flushes at once send each message once', async () => {
  let release;
  const gate = new Promise(r => { release = r; });
  const sent = [];
  let first = true;
  const outbox = createOutbox({
    request: async msg => { sent.push(msg.client_id); if (first) { first = false; throw err('timeout'); } await gate; return {}; },
    onStored: () => {}, onChange: () => {}, now: () => 0,
  });
  await outbox.send(item(1));
  const a = outbox.flush();
  const b = outbox.flush();
  release();
  await Promise.all([a, b]);
  assert.deepEqual(sent, ['c1', 'c1']);
});

// Timers run when the test says so.
function fakeTimers() {
  const queue = [];
  return { setTimer: (fn, ms) => { queue.push({ fn, ms }); return queue.length; }, queue,
    async runAll() { while (queue.length) await queue.shift().fn(); } };
}

test('acks are batched, at most max per request, and each id is acknowledged once', async () => {
  const t = fakeTimers();
  const asked = [];
  const acks = createAckBatcher({ request: async m => { asked.push(m.followups); }, max: 2, delayMs: 150, setTimer: t.setTimer });
  acks.add('a'); acks.add('b'); acks.add('c'); acks.add('a');
  assert.equal(t.queue.length, 1, 'one timer for the batch');
  assert.equal(t.queue[0].ms, 150);
  await t.runAll();
  assert.deepEqual(asked, [['a', 'b'], ['c']]);
  assert.ok(acks.isAcked('a') && acks.isAcked('c'));
  acks.add('a');
  assert.equal(t.queue.length, 0, 'already acknowledged');
});

test('a failed ack is not remembered, so the next hello acknowledges it again', async () => {
  const t = fakeTimers();
  let fail = true;
  const asked = [];
  const acks = createAckBatcher({ request: async m => { asked.push(m.followups); if (fail) throw err('disconnected'); }, setTimer: t.setTimer });
  acks.add('a');
  await t.runAll();
  assert.equal(acks.isAcked('a'), false);
  fail = false;
  acks.add('a');
  await t.runAll();
  assert.deepEqual(asked, [['a'], ['a']]);
  assert.equal(acks.isAcked('a'), true);
  acks.clear();
  assert.equal(acks.isAcked('a'), false);
});
