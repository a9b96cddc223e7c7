import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  upsertFeedback, upsertReceived, topLevel, additionsOf, receivedAnnouncement, amendedAnnouncement, roomDraftSources, unsentTexts,
} from '../../web/js/fb-lists.js';

test("upsertFeedback keeps the room's feedback, merged by id", () => {
  const cases = [
    // room on screen, feedback room, stored?
    ['r1', 'r1', true], ['r1', undefined, true], [null, 'r2', true], ['r1', 'r2', false],
  ];
  for (const [roomId, room, stored] of cases) {
    const map = new Map();
    assert.equal(upsertFeedback(map, { id: 'a', room, text: 'x' }, roomId), stored, `${roomId} ${room}`);
    assert.equal(map.size, stored ? 1 : 0);
  }
  const map = new Map();
  upsertFeedback(map, { id: 'a', text: 'old', hints: [1] }, null);
  upsertFeedback(map, { id: 'a', text: 'new', revised: true }, null);
  assert.deepEqual(map.get('a'), { id: 'a', text: 'new', hints: [1], revised: true });
  assert.equal(upsertFeedback(map, null, null), false);
});

test('upsertReceived: new stays new until cleared', () => {
  const map = new Map();
  upsertReceived(map, { id: 'a' }, null, true);
  assert.equal(map.get('a')._new, true);
  upsertReceived(map, { id: 'a', text: 'again' }, null, false);
  assert.equal(map.get('a')._new, true);
  upsertReceived(map, { id: 'b' }, null, false);
  assert.ok(!map.get('b')._new);
  assert.equal(upsertReceived(map, { id: 'c', room: 'x' }, 'r', true), false);
});

test('topLevel and additionsOf', () => {
  const map = new Map([
    ['b', { id: 'b', sent_at: 20 }],
    ['a', { id: 'a', sent_at: 10 }],
    ['a2', { id: 'a2', sent_at: 40, amends: 'a' }],
    ['a1', { id: 'a1', sent_at: 30, amends: 'a' }],
    ['o', { id: 'o', sent_at: 5, amends: 'not-here' }],   // its message is not in this list
  ]);
  assert.deepEqual(topLevel(map).map(f => f.id), ['o', 'a', 'b']);
  assert.deepEqual(additionsOf(map, 'a').map(f => f.id), ['a1', 'a2']);
  assert.deepEqual(additionsOf(map, 'b'), []);
});

test('announcements', () => {
  const from = { name: 'Ana' };
  const cases = [
    [{ from, kind: 'feedback' }, 'Ana sent you feedback.'],
    [{ from, kind: 'observer' }, 'Ana sent you observer notes.'],
    [{ from, kind: 'appreciation', amends: 'x' }, 'Ana sent you an appreciation.'],
    [{ from, kind: 'amendment', amends: 'x' }, 'Ana sent you an addition to their feedback.'],
  ];
  for (const [fb, want] of cases) assert.equal(receivedAnnouncement(fb), want);
  assert.equal(amendedAnnouncement('replace', { to: { name: 'Ben' } }), 'Your message to Ben is replaced.');
  assert.equal(amendedAnnouncement('amend', { to: { name: 'Ben' } }), 'Added to your message to Ben.');
});

test("roomDraftSources: the server's drafts of this room, then this device's other copies", () => {
  const drafts = [
    { room: 'r', key: 'to:a:t0', text: 'server' },
    { room: 'r', key: 'self:t0', text: '' },         // empty: not a draft
    { room: 'q', key: 'to:a:t0', text: 'other room' },
  ];
  const local = ['softclose.draft:me:r:to:a:t0', 'softclose.draft:me:r:self:t0', 'softclose.draft:me:q:x', 'softclose.draft:you:r:y', 'softclose.token'];
  const got = roomDraftSources(drafts, local, 'me', 'r');
  assert.deepEqual([...got], [['to:a:t0', drafts[0]], ['self:t0', null]]);
});

test('unsentTexts: boxes with text, then server drafts without a box', () => {
  const boxes = [
    { key: 'to:a:t0', text: 'hello' },
    { key: 'to:b:t0', text: '   ' },
    { key: 'replace:f', text: 'as sent', sameAsSent: true },
    { key: 'amend:f', text: 'I meant' },
  ];
  const drafts = [
    { room: 'r', key: 'to:b:t0', text: 'server copy' },   // the box knows best
    { room: 'r', key: 'self:t0', text: 'reflection' },
    { room: 'x', key: 'to:c:t0', text: 'elsewhere' },
    { room: 'r', key: 'to:d:t0', text: '' },
  ];
  assert.deepEqual(unsentTexts(boxes, drafts, 'r'), [
    { key: 'to:a:t0', text: 'hello' }, { key: 'amend:f', text: 'I meant' }, { key: 'self:t0', text: 'reflection' },
  ]);
  assert.deepEqual(unsentTexts([], [], 'r'), []);
});
