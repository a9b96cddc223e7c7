import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  personThreadKey, roomThreadKey, parseThreadKey, threadKeyOf, threadShows, threadMessages, threadInfo, threadItems,
  lowestStatus, senderReceipt, outboxReceipt, unreadBySender, noticeText,
} from '../../web/js/fu-threads.js';

const ME = 'me';
const me = { id: ME, name: 'Me' };
const ana = { id: 'ana', name: 'Ana' };
const ben = { id: 'ben', name: 'Ben' };
const fu = (id, from, to, over = {}) => ({ id, from, to, text: id, status: 'sent', sent_at: 100, ...over });

test('thread keys', () => {
  assert.equal(personThreadKey('ana'), 'p:ana');
  assert.equal(roomThreadKey('r1'), 'r:r1');
  assert.deepEqual(parseThreadKey('p:ana'), { kind: 'p', id: 'ana' });
  assert.deepEqual(parseThreadKey('r:r1'), { kind: 'r', id: 'r1' });
  assert.equal(threadKeyOf(fu('a', ana, me), ME), 'p:ana');
  assert.equal(threadKeyOf(fu('a', me, ben), ME), 'p:ben');
});

test('threadShows: the person thread of the other side, or the room thread of a room message', () => {
  const toRoom = fu('a', ana, me, { room: 'r1' });
  const cases = [
    ['p:ana', fu('a', ana, me), true],
    ['p:ana', fu('a', me, ana), true],
    ['p:ben', fu('a', ana, me), false],
    ['r:r1', fu('a', ana, me), false],
    ['r:r1', toRoom, true],
    ['p:ana', toRoom, true],
    ['r:r2', toRoom, false],
  ];
  for (const [key, f, want] of cases) assert.equal(threadShows(key, f, ME), want, `${key} ${f.id}`);
});

test('threadMessages: only the thread, oldest first, ties by id', () => {
  const all = [
    fu('c', ana, me, { sent_at: 300 }),
    fu('b', me, ana, { sent_at: 200 }),
    fu('a', me, ana, { sent_at: 200 }),
    fu('x', ben, me, { sent_at: 50 }),
    fu('r', ana, me, { sent_at: 10, room: 'r1' }),
    fu('s', me, ben, { sent_at: 20, room: 'r1' }),
  ];
  assert.deepEqual(threadMessages(all, 'p:ana', ME).map(f => f.id), ['r', 'a', 'b', 'c']);
  assert.deepEqual(threadMessages(all, 'p:ben', ME).map(f => f.id), ['s', 'x']);
  assert.deepEqual(threadMessages(all, 'r:r1', ME).map(f => f.id), ['r', 's']);
  assert.deepEqual(threadMessages(all, 'p:nobody', ME), []);
});

const room = (id, number, round, members, over = {}) => ({ id, number, round, members, launched_at: 0, ...over });

test('threadInfo of a person: name, shared rooms in round order, whether one can write', () => {
  const rooms = new Map([
    ['r2', room('r2', 4, 2, [{ ...ana, reachable: true }])],
    ['r1', room('r1', 1, 1, [{ ...ana, reachable: true }, { ...ben, reachable: false }])],
  ]);
  const online = new Map([['ana', true]]);
  const info = threadInfo('p:ana', { rooms, messages: [], online });
  assert.equal(info.title, 'Ana');
  assert.equal(info.subtitle, 'You shared Room 1 (round 1), Room 4 (round 2)');
  assert.deepEqual(info.target, { to: 'ana' });
  assert.equal(info.writeLabel, 'Write to Ana');
  assert.equal(info.online, true);
  assert.equal(info.canWrite, true);
  assert.equal(threadInfo('p:ben', { rooms, messages: [], online }).canWrite, false, 'deleted their account');
  const fromMessage = threadInfo('p:zoe', { rooms, messages: [fu('a', { id: 'zoe', name: 'Zoe' }, me)], online });
  assert.deepEqual([fromMessage.title, fromMessage.subtitle, fromMessage.canWrite], ['Zoe', '', true]);
  const unknown = threadInfo('p:who', { rooms, messages: [], online });
  assert.deepEqual([unknown.title, unknown.canWrite, unknown.recipients], ['Your room mate', false, []]);
});

test('threadInfo of a room: everyone reachable, named', () => {
  const rooms = new Map([['r1', room('r1', 3, 2, [{ ...ana }, { ...ben, reachable: false }, { id: 'chi', name: 'Chi' }])]]);
  const info = threadInfo('r:r1', { rooms, messages: [], online: new Map() });
  assert.equal(info.title, 'Everyone from Room 3');
  assert.equal(info.subtitle, 'Ana, Ben and Chi · round 2');
  assert.deepEqual(info.recipients.map(m => m.id), ['ana', 'chi']);
  assert.deepEqual(info.target, { room: 'r1' });
  assert.equal(info.canWrite, true);
  const gone = threadInfo('r:gone', { rooms, messages: [], online: new Map() });
  assert.deepEqual([gone.title, gone.subtitle, gone.canWrite, gone.writeLabel], ['Everyone from your room', '', false, 'Write to the room']);
});

test('threadItems groups my rows of one room message by client_id and adds the outbox last', () => {
  const rows = [
    fu('1', me, ana, { room: 'r1', client_id: 'c1', sent_at: 10 }),
    fu('2', me, ben, { room: 'r1', client_id: 'c1', sent_at: 10 }),
    fu('3', ana, me, { room: 'r1', client_id: 'c9', sent_at: 20 }),
    fu('4', me, ana, { room: 'r1', sent_at: 30 }),
  ];
  const outbox = [{ client_id: 'o1', sent_at: 5, text: 'waiting' }];
  const items = threadItems('r:r1', rows, outbox, ME);
  assert.deepEqual(items.map(i => [i.key, i.mine, i.rows.map(r => r.id)]),
    [['g:c1', true, ['1', '2']], ['3', false, ['3']], ['4', true, ['4']], ['o:o1', true, []]]);
  assert.equal(items[3].outbox, outbox[0]);
  const inPersonThread = threadItems('p:ana', rows.slice(0, 1), [], ME);
  assert.deepEqual(inPersonThread.map(i => i.key), ['1'], 'not grouped outside a room thread');
});

test('receipts for the sender', () => {
  const r = (to, status, over = {}) => fu(`${to.id}-${status}`, me, to, { status, ...over });
  assert.equal(lowestStatus([r(ana, 'read'), r(ben, 'delivered')]), 'delivered');
  assert.equal(lowestStatus([r(ana, 'read')]), 'read');
  assert.equal(lowestStatus([r(ana, 'sent'), r(ben, 'read')]), 'sent');
  const cases = [
    [[r(ana, 'sent')], 'Sent — waiting for Ana to come back'],
    [[r(ana, 'delivered')], 'Delivered'],
    [[r(ben, 'read'), r(ana, 'delivered')], 'Ana: delivered · Ben: read'],
  ];
  for (const [rows, want] of cases) assert.equal(senderReceipt(rows), want);
  assert.match(senderReceipt([r(ana, 'read', { read_at: Date.now() })]), /^Read \S/);
  assert.equal(senderReceipt([r(ana, 'read')]), 'Sent — waiting for Ana to come back', 'read without a time (as before)');
});

test('outboxReceipt', () => {
  const cases = [
    [{ state: 'waiting' }, 'Not sent yet — it goes as soon as the connection is back.'],
    [{ state: 'sending' }, 'Sending…'],
    [{ state: 'failed', error: 'Not sent: x' }, 'Not sent: x'],
  ];
  for (const [o, want] of cases) assert.equal(outboxReceipt(o), want);
});

test('unreadBySender and the notice words', () => {
  const list = [fu('1', ana, me), fu('2', ana, me), fu('3', ben, me), fu('4', ana, me, { status: 'read' })];
  const unread = f => f.status !== 'read';
  assert.deepEqual([...unreadBySender(list, unread)], [['ana', 2], ['ben', 1]]);
  assert.equal(noticeText([list[0]], list[0]), 'New message from Ana');
  assert.equal(noticeText(list.slice(0, 3), list[2]), '3 new messages from Ana and Ben');
  assert.equal(noticeText([], list[2]), 'New message from Ben', 'the latest, when the others were read');
});
