// Unit tests of web/js/call/roster.js: call presence, role badges at turn changes, tile order
// and the screen-reader sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CallRoster, joinedText, leftText } from '../../web/js/call/roster.js';

const P = (peer, participant, name, role, extra = {}) => ({ peer, participant, name, role, facilitator: false,
  muted: false, camera: true, speaking: false, ...extra });
const FAC = { peer: 'pf', participant: null, name: 'Facilitator', role: 'facilitator', facilitator: true, muted: false, camera: true, speaking: false };

test('announcements', () => {
  assert.equal(joinedText(P('p1', 'a', 'Ana', 'client')), 'Ana joined the call');
  assert.equal(leftText(P('p1', 'a', 'Ana', 'client')), 'Ana left the call');
  assert.equal(joinedText(FAC), 'Facilitator joined');
  assert.equal(leftText(FAC), 'Facilitator left the call');
});

test('joined, peer joined, state change, left', () => {
  const r = new CallRoster();
  r.joined({ peer: 'me', peers: [P('p1', 'a', 'Ana', 'client')] });
  assert.equal(r.self, 'me');
  assert.equal(r.peers.size, 1);
  r.upsert(P('p2', 'b', 'Bo', 'observer'));
  r.upsert({ ...r.peers.get('p1'), muted: true });
  assert.equal(r.peers.get('p1').muted, true);
  assert.equal(r.remove('p2').name, 'Bo');
  assert.equal(r.remove('p2'), null);
  assert.deepEqual([...r.peers.keys()], ['p1']);
  r.clear();
  assert.equal(r.self, null);
  assert.equal(r.peers.size, 0);
});

test('roles follow the room at each turn change; the facilitator keeps theirs', () => {
  const r = new CallRoster();
  r.joined({ peer: 'me', peers: [P('p1', 'a', 'Ana', 'therapist'), P('p2', 'b', 'Bo', 'client'), FAC] });
  assert.equal(r.setRoles([{ id: 'a', role: 'client' }, { id: 'b', role: 'observer' }, { id: 'me-id', role: 'therapist' }]), true);
  assert.equal(r.peers.get('p1').role, 'client');
  assert.equal(r.peers.get('p2').role, 'observer');
  assert.equal(r.peers.get('pf').role, 'facilitator');
  assert.equal(r.setRoles([{ id: 'a', role: 'client' }, { id: 'b', role: 'observer' }]), false);
  // A call_peer with the old role does not undo the newer room.
  r.upsert(P('p1', 'a', 'Ana', 'therapist', { speaking: true }));
  assert.equal(r.peers.get('p1').role, 'client');
  assert.equal(r.peers.get('p1').speaking, true);
});

test('tile order: therapist, client, observers by name, facilitator last', () => {
  const r = new CallRoster();
  r.joined({ peer: 'me', peers: [FAC, P('p3', 'c', 'Zoë', 'observer'), P('p2', 'b', 'Bo', 'observer'), P('p1', 'a', 'Ana', 'client'), P('p4', 'd', 'Dee', 'therapist')] });
  assert.deepEqual(r.list().map(p => p.name), ['Dee', 'Ana', 'Bo', 'Zoë', 'Facilitator']);
});
