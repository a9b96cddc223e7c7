import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isUnreadFor, needsAck, mergeFollowup, applyReceipt, createMessageStore, requestOlderPage,
} from '../../web/js/fu-messages.js';

const ME = 'me';
const ana = { id: 'ana', name: 'Ana' };
const me = { id: ME, name: 'Me' };
const fu = (id, over = {}) => ({ id, from: ana, to: me, text: `text ${id}`, status: 'sent', sent_at: 1000, ...over });

test('isUnreadFor: received, not read, not withdrawn', () => {
  const cases = [
    [fu('a'), true],
    [fu('a', { status: 'delivered' }), true],
    [fu('a', { status: 'read' }), false],
    [fu('a', { withdrawn: true }), false],
    [fu('a', { from: me, to: ana }), false],          // mine
    [fu('a', { from: me, to: me }), false],           // to myself
    [fu('a', { to: { id: 'ben' } }), false],          // not to me
  ];
  for (const [f, want] of cases) assert.equal(isUnreadFor(f, ME), want, JSON.stringify(f));
});

test('needsAck: a received message still marked sent', () => {
  const cases = [
    [fu('a'), true],
    [fu('a', { status: 'delivered' }), false],
    [fu('a', { status: 'read' }), false],
    [fu('a', { from: me, to: ana }), false],
    [fu('a', { to: undefined }), false],
  ];
  for (const [f, want] of cases) assert.equal(needsAck(f, ME), want, JSON.stringify(f));
});

test('mergeFollowup never moves the status back and keeps a withdrawal', () => {
  const cases = [
    // prev, newer copy, expected status, withdrawn, text
    [{ status: 'read', read_at: 5 }, { status: 'sent' }, 'read', undefined, 'new'],
    [{ status: 'sent' }, { status: 'delivered' }, 'delivered', undefined, 'new'],
    [{ status: 'sent', withdrawn: true, text: '' }, { status: 'sent' }, 'sent', true, ''],
    [{ status: 'sent' }, { status: 'sent', withdrawn: true }, 'sent', true, ''],
  ];
  for (const [prev, next, status, withdrawn, text] of cases) {
    const p = fu('a', { text: 'old', ...prev });
    const merged = mergeFollowup(p, fu('a', { text: 'new', ...next }));
    assert.equal(merged, p, 'merged in place');
    assert.equal(p.status, status);
    assert.equal(p.withdrawn, withdrawn);
    assert.equal(p.text, text);
  }
  const p = fu('a', { status: 'read', read_at: 5 });
  mergeFollowup(p, fu('a', { status: 'read' }));
  assert.equal(p.read_at, 5, 'a copy without read_at keeps the known one');
});

test('applyReceipt moves forward only', () => {
  const cases = [
    ['sent', 'delivered', true, 'delivered'],
    ['sent', 'read', true, 'read'],
    ['delivered', 'read', true, 'read'],
    ['read', 'delivered', false, 'read'],
    ['delivered', 'delivered', false, 'delivered'],
    ['sent', 'bogus', false, 'sent'],
  ];
  for (const [from, to, moved, final] of cases) {
    const f = fu('a', { status: from });
    assert.equal(applyReceipt(f, { status: to, at: 77 }), moved, `${from} -> ${to}`);
    assert.equal(f.status, final);
  }
  const f = fu('a');
  applyReceipt(f, { status: 'delivered', at: 10 });
  applyReceipt(f, { status: 'read', at: 20 });
  assert.deepEqual([f.delivered_at, f.read_at], [10, 20]);
});

test('the store deduplicates by id and counts unread, including older pages', () => {
  const s = createMessageStore(() => ME);
  s.upsert(fu('a'));
  s.upsert(fu('a', { status: 'delivered' }));   // the same message again (at-least-once)
  s.upsert(fu('b', { from: me, to: ana }));
  assert.equal(s.size, 2);
  assert.equal(s.get('a').status, 'delivered');
  assert.equal(s.unreadCount(), 1);
  s.setServerUnread(5);          // the server knows of 5 unread, 1 of them loaded
  assert.equal(s.unreadCount(), 5);
  s.upsert(fu('c', { sent_at: 500 }));   // an older page brings one of them
  assert.equal(s.unreadCount(), 6, 'counted twice until the server total is read again');
  s.setServerUnread(5);
  assert.equal(s.unreadCount(), 5);
  s.setServerUnread(undefined);
  assert.equal(s.unreadCount(), 2);
  assert.equal(s.oldestSentAt(), 500);
  s.clear();
  assert.equal(s.size, 0);
  assert.equal(s.unreadCount(), 0);
  assert.equal(s.oldestSentAt(), Infinity);
});

test('the store applies receipts and withdrawals to known messages only', () => {
  const s = createMessageStore(() => ME);
  s.upsert(fu('a', { from: me, to: ana }));
  assert.equal(s.receipt({ followup: 'zzz', status: 'read', at: 1 }), null);
  assert.equal(s.receipt({ followup: 'a', status: 'read', at: 1 }).status, 'read');
  assert.equal(s.receipt({ followup: 'a', status: 'delivered', at: 2 }), null, 'not backwards');
  assert.equal(s.withdraw('zzz'), null);
  assert.deepEqual([s.withdraw('a').withdrawn, s.get('a').text], [true, '']);
});

test("the store asks for the person's id each time", () => {
  let id = ME;
  const s = createMessageStore(() => id);
  s.upsert(fu('a'));
  assert.equal(s.unreadCount(), 1);
  id = 'ana';
  assert.equal(s.unreadCount(), 0);
});

test('requestOlderPage follows the server cursor when it has one', async () => {
  const s = createMessageStore(() => ME);
  s.upsert(fu('a'));
  const asked = [];
  const r = await requestOlderPage(async msg => { asked.push(msg); return { followups: [fu('b', { sent_at: 1000 })], more: false }; }, s, '1000:a');
  assert.deepEqual(asked, [{ type: 'inbox', limit: 50, cursor: '1000:a' }]);
  assert.deepEqual(r.followups.map(f => f.id), ['b']);
});

test('requestOlderPage asks before the oldest known (inclusive), then strictly before if nothing new', async () => {
  const cases = [
    // replies in order, expected `before` values asked, expected result ids
    [[{ followups: [fu('x', { sent_at: 900 })], more: true }], [1001], ['x']],
    [[{ followups: [fu('a')], more: true }, { followups: [fu('y')], more: false }], [1001, 1000], ['y']],
    [[{ followups: [fu('a')], more: false }], [1001], ['a']],
    [[{ followups: [], more: true }, { followups: [], more: false }], [1001, 1000], []],
  ];
  for (const [replies, befores, ids] of cases) {
    const s = createMessageStore(() => ME);
    s.upsert(fu('a'));
    const asked = [];
    const r = await requestOlderPage(async msg => { asked.push(msg); return replies[asked.length - 1]; }, s);
    assert.deepEqual(asked.map(m => m.before), befores);
    assert.ok(asked.every(m => m.type === 'inbox' && m.limit === 50));
    assert.deepEqual(r.followups.map(f => f.id), ids);
  }
});
