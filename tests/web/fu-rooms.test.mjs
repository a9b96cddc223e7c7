import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  mergeMyRooms, roomFromEvent, roomsInListOrder, isRoomInProgress, reachableMembers, leftoverDrafts, draftRecipients, sharedWith,
} from '../../web/js/fu-rooms.js';

const P1 = '0f8fad5b-d9cb-469f-a165-70867728950e';
const P2 = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const ana = { id: P1, name: 'Ana', reachable: true };
const ben = { id: P2, name: 'Ben', reachable: true };

test("mergeMyRooms takes the server's list and keeps rooms seen live", () => {
  const live = { id: 'live', number: 9, members: [] };
  const current = new Map([['old', { id: 'old', number: 1, members: [] }], ['live', live]]);
  const merged = mergeMyRooms(current, [{ id: 'old', number: 2, members: [ana] }, { id: 'new', number: 3 }]);
  assert.deepEqual([...merged.keys()], ['old', 'new', 'live']);
  assert.equal(merged.get('old').number, 2, 'the server wins');
  assert.deepEqual(merged.get('new').members, []);
  assert.equal(merged.get('live'), live);
  assert.deepEqual([...mergeMyRooms(new Map(), undefined)], []);
});

test('roomFromEvent leaves me out, keeps room mates seen before, updates names', () => {
  const first = roomFromEvent(undefined, { id: 'r', number: 1, round: 2, members: [{ id: 'me', name: 'Me' }, { id: P1, name: 'Ana' }] }, 'me', 555);
  assert.deepEqual(first, { id: 'r', number: 1, round: 2, members: [{ id: P1, name: 'Ana', reachable: true }], launched_at: 555, phase: 'practice' });
  const prev = { ...first, phase: 'feedback', members: [{ id: P1, name: 'Ana', reachable: false }] };
  const next = roomFromEvent(prev, { id: 'r', number: 1, members: [{ id: P1, name: 'Ana B' }, { id: P2, name: 'Ben' }] }, 'me', 999);
  assert.deepEqual(next.members, [{ id: P1, name: 'Ana B', reachable: false }, { id: P2, name: 'Ben', reachable: true }]);
  assert.deepEqual([next.round, next.launched_at, next.phase], [2, 555, 'feedback'], 'round, launch time and phase kept');
});

test('rooms are listed newest round first, then by number', () => {
  const rooms = [{ round: 1, number: 2 }, { round: 2, number: 3 }, { round: 2, number: 1 }, { number: 5 }];
  assert.deepEqual(roomsInListOrder(rooms).map(r => `${r.round}/${r.number}`), ['2/1', '2/3', '1/2', 'undefined/5']);
});

test('isRoomInProgress and reachableMembers', () => {
  const cases = [[{ phase: 'practice' }, true], [{ phase: 'soften' }, true], [{ phase: 'closed' }, false], [{}, false]];
  for (const [r, want] of cases) assert.equal(isRoomInProgress(r), want, r.phase);
  assert.deepEqual(reachableMembers({ members: [ana, { ...ben, reachable: false }, { id: 'c' }] }).map(m => m.id), [P1, 'c']);
});

test('leftoverDrafts: a closed room, its drafts, no self-reflections', () => {
  const drafts = [
    { room: 'r', key: `to:${P1}:t0`, text: 'a' },
    { room: 'r', key: 'self:t0', text: 'b' },
    { room: 'r', key: `amend:${P2}`, text: 'c' },
    { room: 'other', key: `to:${P1}:t0`, text: 'd' },
  ];
  assert.deepEqual(leftoverDrafts(drafts, { id: 'r', phase: 'closed' }).map(d => d.text), ['a', 'c']);
  assert.deepEqual(leftoverDrafts(drafts, { id: 'r' }).map(d => d.text), ['a', 'c'], 'no phase: not in progress');
  assert.deepEqual(leftoverDrafts(drafts, { id: 'r', phase: 'soften' }), []);
});

test('draftRecipients: the person the draft was for, else a choice', () => {
  const r = { id: 'r', members: [ana, ben] };
  const cases = [
    [`to:${P1}:t0`, P1, 2],
    [`observer:${P2}:t1`, P2, 2],
    [`amend:${P2}`, null, 2],
    [`to:${P1}:t0`, null, 1, { id: 'r', members: [{ ...ana, reachable: false }, ben] }],
    [`to:0f8fad5b-d9cb-469f-a165-000000000000:t0`, null, 2],
  ];
  for (const [key, to, choices, room = r] of cases) {
    const got = draftRecipients(room, { key });
    assert.equal(got.to ? got.to.id : null, to, key);
    assert.equal(got.choices.length, choices, key);
  }
});

test('sharedWith', () => {
  const rooms = [{ id: 'b', round: 2, number: 1, members: [ana] }, { id: 'a', round: 1, number: 3, members: [ana, ben] }];
  const s = sharedWith(rooms, P1);
  assert.equal(s.person, ana);
  assert.deepEqual(s.shared.map(r => r.id), ['a', 'b']);
  assert.deepEqual(sharedWith(rooms, 'nobody'), { person: null, shared: [] });
});
