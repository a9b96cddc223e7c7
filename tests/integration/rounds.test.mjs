// Rounds and rooms (docs/PROTOCOL.md "Rounds and rooms"), against a real softclose process:
// launch_round, room, phase, rooms, room_update, pause, resume, extend, end_round, broadcast,
// move, help, help_ack, lobby, and a kill -9 in the middle of a phase.
// Most tests use practice_s 60 so that no deadline falls inside them; the few that wait for
// the clock (turn change, soft close to closed, timer after a restart) run concurrently.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { harness, newSession, joinAs, helloAs, assertError, UUID_RE } from '../lib/harness.mjs';

const ROLES = ['client', 'observer', 'therapist'];
const LONG = { turns: 1, practice_s: 60, feedback_s: 0, soften_s: 10 };   // nothing falls due inside a test

const mark = c => c.messages.length;
// The first message of `type` (matching pred) received at or after index `from`.
// Several rooms changing at once reach the facilitator as one `rooms_update`; look inside it as if
// each room had its own `room_update`.
const unpack = m => m.type === 'room_update' ? [m]
  : m.type === 'rooms_update' ? m.rooms.map(room => ({ type: 'room_update', room, server_time: m.server_time })) : [];
const next = (c, type, from = 0, pred = () => true, ms = 5000) => type === 'room_update'
  ? c.waitFor(m => unpack(m).some(pred), ms, from).then(m => unpack(m).find(pred))
  : c.waitFor(m => m.type === type && pred(m), ms, from);
const sorted = a => [...a].sort();
const roleOf = (room, pid) => room.room.members.find(m => m.id === pid)?.role;

// A session with a facilitator and n participants joined (P1..Pn).
async function group(h, s, n, prefix = 'P') {
  const { fac, session, token } = await newSession(h, s);
  const ps = [];
  for (let i = 0; i < n; i++) ps.push(await joinAs(h, s, session.code, `${prefix}${i + 1}`));
  return { fac, session, token, ps };
}

// Launches a round and waits until every participant has its room and phase and the
// facilitator its rooms. Each client gets .room and .phase (the messages).
async function launch(fac, ps, opts = LONG) {
  const marks = ps.map(mark), fm = mark(fac);
  const reply = await fac.request({ type: 'launch_round', ...opts });
  assert.equal(reply.type, 'round_launched', JSON.stringify(reply));
  await Promise.all(ps.map(async (p, i) => {
    p.room = await next(p, 'room', marks[i]);
    p.phase = await next(p, 'phase', marks[i]);
  }));
  const rooms = await next(fac, 'rooms', fm);
  return { reply, rooms };
}

// Participants grouped by room id: Map id -> [client].
function byRoom(ps) {
  const m = new Map();
  for (const p of ps) {
    const id = p.room.room.id;
    if (!m.has(id)) m.set(id, []);
    m.get(id).push(p);
  }
  return m;
}

// Asserts a running phase message: name, turn, deadline about `seconds` from now.
function assertPhase(ph, { phase, turn = 0, turns, seconds, room }, what = '') {
  const ctx = `${what} ${JSON.stringify(ph)}`;
  assert.equal(ph.type, 'phase', ctx);
  if (room) assert.equal(ph.room, room, ctx);
  assert.equal(ph.phase, phase, ctx);
  assert.equal(ph.turn, turn, ctx);
  if (turns !== undefined) assert.equal(ph.turns, turns, ctx);
  assert.equal(ph.paused, false, ctx);
  assert.ok(Number.isInteger(ph.deadline), ctx);
  assert.ok(Number.isInteger(ph.server_time), ctx);
  assert.ok(Math.abs(ph.deadline - ph.server_time - ph.remaining_ms) <= 5, `remaining_ms = deadline - server_time: ${ctx}`);
  assert.ok(Math.abs(ph.server_time - Date.now()) < 3000, `server_time is now: ${ctx}`);
  if (seconds !== undefined) {
    // measured on the server's clock, so a slow test machine does not matter
    const ahead = ph.deadline - ph.server_time;
    assert.ok(ahead <= seconds * 1000 + 50 && ahead >= seconds * 1000 - 1500, `deadline ${ahead} ms ahead, expected ~${seconds * 1000}: ${ctx}`);
  }
}

// Round-trips a ping so that anything the server queued for c before now has arrived.
async function settle(c) {
  const pong = await c.request({ type: 'ping', t0: 0 });
  assert.equal(pong.type, 'pong');
}

// ---- launch and grouping -------------------------------------------------------------------

test('9 participants make 3 triads: distinct roles, a practice phase ~practice_s ahead, rooms to the facilitator', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, token, ps } = await group(h, s, 9);
  const { reply, rooms } = await launch(fac, ps, { turns: 3, practice_s: 60, feedback_s: 10, soften_s: 10 });
  assert.equal(reply.rooms, 3);
  assert.equal(reply.round.number, 1);
  assert.equal(reply.round.turns, 3);

  const groups = byRoom(ps);
  assert.equal(groups.size, 3, 'three rooms');
  const seen = new Set();
  const numbers = new Set();
  for (const [id, members] of groups) {
    assert.match(id, UUID_RE);
    for (const p of members) {
      const r = p.room;
      assert.equal(r.room.id, id);
      assert.equal(r.room.round, 1);
      assert.equal(r.room.turns, 3);
      assert.equal(r.turn, 0);
      assert.equal(r.room.members.length, 3, JSON.stringify(r));
      assert.deepEqual(sorted(r.room.members.map(m => m.role)), ROLES, `three distinct roles: ${JSON.stringify(r.room.members)}`);
      assert.deepEqual(sorted(r.room.members.map(m => m.id)), sorted(members.map(x => x.pid)), 'every member got the same room');
      assert.equal(r.you.role, roleOf(r, p.pid), 'you.role is my role in members');
      assert.equal(r.room.members.find(m => m.id === p.pid).name, p.welcome.participant.name);
      assertPhase(p.phase, { phase: 'practice', turn: 0, turns: 3, seconds: 60, room: id }, p.welcome.participant.name);
      assert.equal(p.phase.grace, false);
      seen.add(p.pid);
      numbers.add(r.room.number);
    }
  }
  assert.equal(seen.size, 9, 'everyone is placed exactly once');
  assert.deepEqual(sorted([...numbers]), [1, 2, 3]);

  // the facilitator's view
  assert.equal(rooms.round.number, 1);
  assert.equal(rooms.rooms.length, 3);
  assert.ok(Number.isInteger(rooms.server_time));
  for (const R of rooms.rooms) {
    const mine = groups.get(R.id);
    assert.ok(mine, `facilitator room ${R.id} is one the participants are in`);
    assert.deepEqual(sorted(R.members.map(m => m.id)), sorted(mine.map(p => p.pid)));
    assert.deepEqual(sorted(R.members.map(m => m.role)), ROLES);
    assert.ok(R.members.every(m => m.online === true && typeof m.name === 'string'));
    assert.equal(R.phase, 'practice');
    assert.equal(R.turn, 0);
    assert.equal(R.turns, 3);
    assert.equal(R.paused, false);
    assert.equal(R.grace, false);
    assert.equal(R.deadline, mine[0].phase.deadline);
    assert.ok(Number.isInteger(R.remaining_ms));
  }

  // a facilitator arriving now (hello) gets roster with room numbers, rooms and help_list
  const f2 = await helloAs(h, s, token);
  const roster = await next(f2, 'roster');
  for (const p of ps) {
    const e = roster.participants.find(x => x.id === p.pid);
    assert.equal(e.room, p.room.room.number, `roster room of ${e.name}: ${JSON.stringify(e)}`);
  }
  const rooms2 = await next(f2, 'rooms');
  assert.equal(rooms2.rooms.length, 3);
  const help = await next(f2, 'help_list');
  assert.deepEqual(help.requests, []);
});

test('launch_round validates its fields and refuses with too few people online or a round running', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session, token, ps } = await group(h, s, 1);
  const base = { turns: 1, practice_s: 60, feedback_s: 0, soften_s: 10 };
  const f0 = await helloAs(h, s, token);
  const none = await next(f0, 'rooms');
  assert.equal(none.round, null, 'no round yet');
  assert.deepEqual(none.rooms, []);
  assert.deepEqual((await next(f0, 'help_list')).requests, []);
  const bad = [
    { turns: 0 }, { turns: 11 }, { turns: '3' }, { turns: 2.5 }, { turns: null },
    { practice_s: 9 }, { practice_s: 7201 }, { feedback_s: 5 }, { feedback_s: 3601 }, { feedback_s: -1 },
    { soften_s: 9 }, { soften_s: 1801 }, { grace_s: 301 }, { grace_s: -1 },
    { policy: 'threes' }, { policy: 3 }, { seed: -1 }, { seed: 'abc' }, { scenario: 42 },
    { turn: 1 },
  ];
  for (const change of bad) {
    const r = await fac.request({ type: 'launch_round', ...base, ...change });
    assertError(r, 'bad_request', `launch_round with ${JSON.stringify(change)}:`);
    if ('turn' in change) assert.match(r.message, /turn/);
  }
  for (const missing of ['turns', 'practice_s', 'feedback_s', 'soften_s']) {
    const m = { type: 'launch_round', ...base };
    delete m[missing];
    assertError(await fac.request(m), 'bad_request', `launch_round without ${missing}:`);
  }
  const longScenario = await fac.request({ type: 'launch_round', ...base, scenario: 's'.repeat(1001) });
  assert.ok(longScenario.type === 'error' && ['bad_request', 'too_large'].includes(longScenario.code), JSON.stringify(longScenario));

  assertError(await fac.request({ type: 'launch_round', ...base }), 'conflict', 'one person online:');
  const second = await joinAs(h, s, session.code, 'P2');
  await second.close();
  await next(fac, 'roster_update', 0, m => m.participant.id === second.pid && m.participant.online === false);
  assertError(await fac.request({ type: 'launch_round', ...base }), 'conflict', 'one online, one offline:');
  assert.equal(ps[0].messages.some(m => m.type === 'room'), false, 'nothing was launched');

  const third = await joinAs(h, s, session.code, 'P3');
  const { reply } = await launch(fac, [ps[0], third], { ...base, scenario: 'A client who is late again', seed: 42 });
  assert.equal(reply.rooms, 1, 'two people make one pair');
  assert.equal(ps[0].room.room.members.length, 2);
  assert.equal(ps[0].room.scenario, 'A client who is late again');
  assert.deepEqual(sorted(ps[0].room.room.members.map(m => m.role)), ['client', 'therapist'], 'a pair practises: therapist and client');
  assertError(await fac.request({ type: 'launch_round', ...base }), 'conflict', 'a round is running:');
});

test('10 participants with the default policy make rooms of 3, 3 and 4; the room of 4 has two observers', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 10);
  const { reply, rooms } = await launch(fac, ps);
  assert.equal(reply.rooms, 3);
  const groups = byRoom(ps);
  assert.deepEqual([...groups.values()].map(g => g.length).sort(), [3, 3, 4]);
  for (const members of groups.values()) {
    const roles = sorted(members[0].room.room.members.map(m => m.role));
    if (members.length === 4) assert.deepEqual(roles, ['client', 'observer', 'observer', 'therapist']);
    else assert.deepEqual(roles, ROLES);
    for (const p of members) assert.equal(p.room.you.role, roleOf(p.room, p.pid));
  }
  assert.deepEqual(rooms.rooms.map(R => R.members.length).sort(), [3, 3, 4]);
});

test('policy pairs: 8 participants make rooms of 3, 3 and a pair with no observer', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 8);
  const { reply } = await launch(fac, ps, { ...LONG, policy: 'pairs' });
  assert.equal(reply.rooms, 3);
  assert.equal(reply.round.policy, 'pairs');
  const groups = byRoom(ps);
  assert.deepEqual([...groups.values()].map(g => g.length).sort(), [2, 3, 3]);
  for (const members of groups.values())
    assert.deepEqual(sorted(members[0].room.room.members.map(m => m.role)), members.length === 2 ? ['client', 'therapist'] : ROLES);
});

test('7 participants: never a room of 1 (rooms of 3 and 4)', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 7);
  await launch(fac, ps);
  assert.deepEqual([...byRoom(ps).values()].map(g => g.length).sort(), [3, 4]);
});

// ---- clock controls --------------------------------------------------------------------------

test('pause freezes the remaining time (also across hello); resume restarts it; conflicts when already so', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 6);
  await launch(fac, ps);
  const [[aId, A], [, B]] = [...byRoom(ps)];
  const am = A.map(mark), bm = B.map(mark), fm = mark(fac);

  const r = await fac.request({ type: 'pause', room: aId });
  assert.equal(r.type, 'ok', JSON.stringify(r));
  const paused = await Promise.all(A.map((p, i) => next(p, 'phase', am[i])));
  for (const ph of paused) {
    assert.equal(ph.room, aId);
    assert.equal(ph.paused, true, JSON.stringify(ph));
    assert.equal(ph.deadline, null, 'no deadline while paused');
    assert.equal(ph.next, undefined, 'nothing announced ahead while paused');
    assert.equal(ph.phase, 'practice');
    assert.ok(ph.remaining_ms > 55000 && ph.remaining_ms <= 60000, `remaining ${ph.remaining_ms}`);
  }
  const frozen = paused[0].remaining_ms;
  const upd = await next(fac, 'room_update', fm, m => m.room.id === aId);
  assert.equal(upd.room.paused, true);
  assert.equal(upd.room.deadline, null);
  await Promise.all(B.map(settle));
  B.forEach((p, i) => assert.equal(p.messages.slice(bm[i]).some(m => m.type === 'phase'), false, 'the other room is not paused'));
  assertError(await fac.request({ type: 'pause', room: aId }), 'conflict', 'pause when paused:');

  await new Promise(res => setTimeout(res, 600));
  // a member reconnecting sees the same frozen time
  const again = await helloAs(h, s, A[0].token);
  const ph2 = await next(again, 'phase');
  assert.equal(ph2.paused, true);
  assert.ok(Math.abs(ph2.remaining_ms - frozen) <= 20, `remaining frozen: ${ph2.remaining_ms} vs ${frozen}`);

  const am2 = A.map(mark);
  const rr = await fac.request({ type: 'resume', room: aId });
  assert.equal(rr.type, 'ok', JSON.stringify(rr));
  const resumed = await next(A[0], 'phase', am2[0]);
  assert.equal(resumed.paused, false);
  assert.ok(Math.abs(resumed.remaining_ms - frozen) <= 50, `resumed with ${resumed.remaining_ms}, frozen ${frozen}`);
  const ahead = resumed.deadline - resumed.server_time;
  assert.ok(Math.abs(ahead - frozen) <= 50, `deadline ${ahead} ms ahead after resume, expected ~${frozen}`);
  assert.deepEqual(resumed.next, { phase: 'soften', turn: 0, deadline: resumed.deadline + 10000 }, 'announced again from the new deadline');
  assertError(await fac.request({ type: 'resume', room: aId }), 'conflict', 'resume when running:');

  // without `room`: every open room
  const all = ps.map(mark);
  assert.equal((await fac.request({ type: 'pause' })).type, 'ok');
  for (const [i, p] of ps.entries()) assert.equal((await next(p, 'phase', all[i])).paused, true);
  assertError(await fac.request({ type: 'pause' }), 'conflict', 'pause all when all paused:');
  const all2 = ps.map(mark);
  assert.equal((await fac.request({ type: 'resume' })).type, 'ok');
  for (const [i, p] of ps.entries()) assert.equal((await next(p, 'phase', all2[i])).paused, false);
});

test('extend moves the deadline by N seconds (running, paused and in the soft close)', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 3);
  await launch(fac, ps);
  const p = ps[0];
  const roomId = p.room.room.id;
  const d0 = p.phase.deadline;
  let m = mark(p);
  const fm = mark(fac);
  assert.equal((await fac.request({ type: 'extend', seconds: 5 })).type, 'ok');
  const ph = await next(p, 'phase', m);
  assert.ok(Math.abs(ph.deadline - (d0 + 5000)) <= 50, `deadline moved by ${ph.deadline - d0} ms, expected 5000`);
  assert.equal(ph.phase, 'practice');
  const upd = await next(fac, 'room_update', fm, u => u.room.id === roomId);
  assert.equal(upd.room.deadline, ph.deadline);

  m = mark(p);
  assert.equal((await fac.request({ type: 'extend', seconds: 2, room: roomId })).type, 'ok');
  const ph2 = await next(p, 'phase', m);
  assert.ok(Math.abs(ph2.deadline - (ph.deadline + 2000)) <= 50, `with room: moved by ${ph2.deadline - ph.deadline}`);

  for (const seconds of [0, 3601, '5', 1.5, -3])
    assertError(await fac.request({ type: 'extend', seconds }), 'bad_request', `extend ${JSON.stringify(seconds)}:`);
  assertError(await fac.request({ type: 'extend' }), 'bad_request', 'extend without seconds:');

  // while paused: remaining grows, the room stays paused
  m = mark(p);
  await fac.request({ type: 'pause' });
  const pz = await next(p, 'phase', m);
  m = mark(p);
  assert.equal((await fac.request({ type: 'extend', seconds: 7 })).type, 'ok', 'extend works while paused');
  const pz2 = await next(p, 'phase', m);
  assert.equal(pz2.paused, true);
  assert.equal(pz2.deadline, null);
  assert.ok(Math.abs(pz2.remaining_ms - (pz.remaining_ms + 7000)) <= 50, `paused remaining ${pz.remaining_ms} -> ${pz2.remaining_ms}`);
  m = mark(p);
  await fac.request({ type: 'resume' });
  await next(p, 'phase', m);

  // during the soft close
  m = mark(p);
  assert.equal((await fac.request({ type: 'end_round' })).type, 'ok');
  const soft = await next(p, 'phase', m);
  assert.equal(soft.phase, 'soften');
  m = mark(p);
  assert.equal((await fac.request({ type: 'extend', seconds: 4 })).type, 'ok', 'extend works in the soft close');
  const soft2 = await next(p, 'phase', m);
  assert.equal(soft2.phase, 'soften');
  assert.ok(Math.abs(soft2.deadline - (soft.deadline + 4000)) <= 50, `soft close moved by ${soft2.deadline - soft.deadline}`);
});

test('end_round moves rooms into the soft close (full soften_s); no-op for rooms already there', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 6);
  await launch(fac, ps, { turns: 2, practice_s: 60, feedback_s: 30, soften_s: 20 });
  const [[aId, A], [bId, B]] = [...byRoom(ps)];
  let am = A.map(mark), bm = B.map(mark);
  const fm = mark(fac);
  assert.equal((await fac.request({ type: 'end_round', room: aId })).type, 'ok');
  for (const [i, p] of A.entries()) assertPhase(await next(p, 'phase', am[i]), { phase: 'soften', turn: 0, seconds: 20, room: aId }, 'A after end_round');
  const upd = await next(fac, 'room_update', fm, u => u.room.id === aId);
  assert.equal(upd.room.phase, 'soften');
  await Promise.all(B.map(settle));
  B.forEach((p, i) => assert.equal(p.messages.slice(bm[i]).some(m => m.type === 'phase'), false, 'room B keeps practising'));

  am = A.map(mark);
  bm = B.map(mark);
  const softA = A[0].messages.filter(m => m.type === 'phase').at(-1);
  assert.equal((await fac.request({ type: 'end_round' })).type, 'ok');
  for (const [i, p] of B.entries()) assertPhase(await next(p, 'phase', bm[i]), { phase: 'soften', seconds: 20, room: bId }, 'B after end_round');
  await Promise.all(A.map(settle));
  const laterA = A[0].messages.slice(am[0]).filter(m => m.type === 'phase');
  assert.ok(laterA.every(ph => ph.deadline === softA.deadline), 'room A\'s soft close is not restarted');
  const r = await fac.request({ type: 'end_round' });
  assert.equal(r.type, 'ok', `end_round again is a no-op: ${JSON.stringify(r)}`);
});

// ---- broadcast, move, help -----------------------------------------------------------------

test('broadcast reaches room members (or everyone before a round), is replayed on hello, and is validated', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 6);
  let ms = ps.map(mark);
  assert.equal((await fac.request({ type: 'broadcast', text: 'Welcome, we start in a minute' })).type, 'ok');
  for (const [i, p] of ps.entries()) {
    const b = await next(p, 'broadcast', ms[i]);
    assert.equal(b.text, 'Welcome, we start in a minute');
    assert.ok(Math.abs(b.at - Date.now()) < 2000);
  }

  await launch(fac, ps);
  const [[aId, A], [bId, B]] = [...byRoom(ps)];
  ms = ps.map(mark);
  const before = Date.now();
  assert.equal((await fac.request({ type: 'broadcast', text: 'Swap roles now' })).type, 'ok');
  for (const [i, p] of ps.entries()) {
    const b = await next(p, 'broadcast', ms[i]);
    assert.equal(b.text, 'Swap roles now');
    assert.equal(b.room, p.room.room.id);
    assert.ok(b.at >= before - 1000 && b.at <= Date.now() + 1000);
  }
  const bm = B.map(mark);
  const am = A.map(mark);
  assert.equal((await fac.request({ type: 'broadcast', text: 'Only for room A', room: aId })).type, 'ok');
  for (const [i, p] of A.entries()) assert.equal((await next(p, 'broadcast', am[i])).text, 'Only for room A');
  await Promise.all(B.map(settle));
  B.forEach((p, i) => assert.equal(p.messages.slice(bm[i]).some(m => m.type === 'broadcast'), false, 'room B does not get room A\'s broadcast'));

  // replay on hello: B sees its room's history, not room A's
  const b2 = await helloAs(h, s, B[0].token);
  const room = await next(b2, 'room');
  assert.equal(room.room.id, bId);
  await next(b2, 'phase');
  const replayed = await next(b2, 'broadcast', 0, m => m.text === 'Swap roles now');
  assert.equal(replayed.room, bId);
  await settle(b2);
  assert.equal(b2.messages.some(m => m.type === 'broadcast' && m.text === 'Only for room A'), false, 'room A\'s broadcast is not replayed to B');
  const a2 = await helloAs(h, s, A[0].token);
  await next(a2, 'broadcast', 0, m => m.text === 'Only for room A');
  await next(a2, 'broadcast', 0, m => m.text === 'Swap roles now');

  for (const text of ['', '   ', 42]) assertError(await fac.request({ type: 'broadcast', text }), 'bad_request', `broadcast ${JSON.stringify(text)}:`);
  assertError(await fac.request({ type: 'broadcast' }), 'bad_request', 'broadcast without text:');
  const long = await fac.request({ type: 'broadcast', text: 'x'.repeat(501) });
  assert.ok(long.type === 'error' && ['bad_request', 'too_large'].includes(long.code), `501 characters: ${JSON.stringify(long)}`);
  assert.equal((await fac.request({ type: 'broadcast', text: 'é'.repeat(500) })).type, 'ok', '500 characters are fine');
});

test('a broadcast to one room is not replayed to someone waiting in the lobby', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session, ps } = await group(h, s, 6);
  await launch(fac, ps);
  const [[aId, A]] = [...byRoom(ps)];
  const am = mark(A[0]);
  assert.equal((await fac.request({ type: 'broadcast', text: 'Only for room A', room: aId })).type, 'ok');
  await next(A[0], 'broadcast', am);
  const late = await joinAs(h, s, session.code, 'Late');
  await next(late, 'lobby');
  await settle(late);
  assert.equal(late.messages.some(m => m.type === 'broadcast' && m.text === 'Only for room A'), false,
    `a broadcast to room A is not replayed to someone in the lobby: ${JSON.stringify(late.messages.filter(m => m.type === 'broadcast'))}`);
});

test('move puts a participant into another room as an observer; both rooms and the mover are told', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 9);
  await launch(fac, ps);
  const groups = [...byRoom(ps)];
  const [aId, A] = groups[0], [bId, B] = groups[1];
  const mover = A.find(p => p.room.you.role === 'observer');
  const stay = A.filter(p => p !== mover);
  const ms = new Map(ps.map(p => [p, mark(p)]));
  const fm = mark(fac);
  const r = await fac.request({ type: 'move', participant: mover.pid, room: bId });
  assert.equal(r.type, 'ok', JSON.stringify(r));

  const mr = await next(mover, 'room', ms.get(mover), m => m.room.id === bId);
  assert.equal(mr.you.role, 'observer');
  assert.equal(mr.room.members.length, 4);
  assert.equal(roleOf(mr, mover.pid), 'observer');
  const mp = await next(mover, 'phase', ms.get(mover), m => m.room === bId);
  assertPhase(mp, { phase: 'practice', room: bId });
  for (const p of B) {
    const br = await next(p, 'room', ms.get(p));
    assert.deepEqual(sorted(br.room.members.map(m => m.id)), sorted([...B, mover].map(x => x.pid)));
    assert.equal(roleOf(br, mover.pid), 'observer');
    assert.equal(br.you.role, roleOf(p.room, p.pid), 'the others keep their roles');
  }
  for (const p of stay) {
    const ar = await next(p, 'room', ms.get(p));
    assert.equal(ar.room.id, aId);
    assert.deepEqual(sorted(ar.room.members.map(m => m.id)), sorted(stay.map(x => x.pid)), 'the mover left room A');
  }
  await next(fac, 'room_update', fm, u => u.room.id === aId);
  const ub = await next(fac, 'room_update', fm, u => u.room.id === bId);
  assert.equal(ub.room.members.length, 4);

  assertError(await fac.request({ type: 'move', participant: mover.pid, room: bId }), 'conflict', 'move into the same room:');
  assertError(await fac.request({ type: 'move', participant: '00000000-0000-4000-8000-000000000000', room: bId }), 'not_found', 'unknown participant:');
  assertError(await fac.request({ type: 'move', participant: mover.pid, room: '00000000-0000-4000-8000-000000000000' }), 'not_found', 'unknown room:');
  assertError(await fac.request({ type: 'move', participant: mover.pid }), 'bad_request', 'move without room:');
});

test('moving the therapist out hands the seat to an observer who was moved in earlier', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 9);
  await launch(fac, ps);
  const [[aId, A], [bId], [, C]] = [...byRoom(ps)];
  const extra = C.find(p => p.room.you.role === 'observer');
  let ms = A.map(mark);
  assert.equal((await fac.request({ type: 'move', participant: extra.pid, room: aId })).type, 'ok');
  await Promise.all(A.map((p, i) => next(p, 'room', ms[i])));
  const therapist = A.find(p => p.room.you.role === 'therapist');
  const rest = [...A.filter(p => p !== therapist), extra];
  ms = rest.map(mark);
  assert.equal((await fac.request({ type: 'move', participant: therapist.pid, room: bId })).type, 'ok');
  for (const [i, p] of rest.entries()) {
    const r = await next(p, 'room', ms[i], m => m.room.id === aId && !m.room.members.some(x => x.id === therapist.pid));
    assert.equal(r.room.members.length, 3);
    assert.deepEqual(sorted(r.room.members.map(m => m.role)), ROLES, `the therapist seat is taken over: ${JSON.stringify(r.room.members)}`);
    assert.equal(roleOf(r, extra.pid), 'therapist', 'the extra observer takes the seat');
    assert.equal(r.you.role, roleOf(r, p.pid));
  }
});

test('moving the therapist out of a triad with nobody to inherit: the room closes ranks, also after kill -9', async t => {
  const h = harness(t);
  const dataDir = h.dir();
  const s1 = await h.server({ dataDir });
  const { fac, ps } = await group(h, s1, 9);
  await launch(fac, ps);
  const [[aId, A], [bId]] = [...byRoom(ps)];
  const therapist = A.find(p => p.room.you.role === 'therapist');
  const client = A.find(p => p.room.you.role === 'client');
  const observer = A.find(p => p.room.you.role === 'observer');
  const ms = [client, observer].map(mark);
  assert.equal((await fac.request({ type: 'move', participant: therapist.pid, room: bId })).type, 'ok');
  for (const [i, p] of [client, observer].entries()) {
    const r = await next(p, 'room', ms[i], m => m.room.id === aId && !m.room.members.some(x => x.id === therapist.pid));
    assert.deepEqual(sorted(r.room.members.map(m => m.role)), ['client', 'therapist'], JSON.stringify(r.room.members));
    assert.equal(roleOf(r, client.pid), 'client', 'the client keeps practising as the client');
    assert.equal(roleOf(r, observer.pid), 'therapist', 'the observer takes the therapist seat');
    assert.equal(r.you.role, roleOf(r, p.pid));
  }
  await s1.kill9();
  const s2 = await h.server({ dataDir });
  const back = await helloAs(h, s2, observer.token);
  const r = await next(back, 'room');
  assert.equal(r.room.id, aId);
  assert.equal(r.you.role, 'therapist', 'the new seats were saved');
  assert.equal(roleOf(r, client.pid), 'client');
  assert.equal(r.room.members.length, 2);
});

test('policy pairs, 7 people: the lone leftover is an extra observer who takes over a vacated therapist seat', async t => {
  // policy pairs with 7 people: two triads and a lone leftover, who joins a room as an extra
  // observer (PROTOCOL.md: "Never a room of 1"). Moving that room's therapist out hands the
  // therapist seat to the extra observer.
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 7);
  await launch(fac, ps, { ...LONG, policy: 'pairs' });
  const groups = [...byRoom(ps)];
  assert.deepEqual(groups.map(([, g]) => g.length).sort(), [3, 4]);
  const [fourId, four] = groups.find(([, g]) => g.length === 4);
  const [otherId] = groups.find(([, g]) => g.length === 3);
  const therapist = four.find(p => p.room.you.role === 'therapist');
  const rest = four.filter(p => p !== therapist);
  const ms = rest.map(mark);
  assert.equal((await fac.request({ type: 'move', participant: therapist.pid, room: otherId })).type, 'ok');
  for (const [i, p] of rest.entries()) {
    const r = await next(p, 'room', ms[i]);
    assert.equal(r.room.id, fourId);
    assert.deepEqual(sorted(r.room.members.map(m => m.role)), ROLES, `the therapist seat is taken over: ${JSON.stringify(r.room.members)}`);
    assert.equal(r.you.role, roleOf(r, p.pid));
  }
});

test('a participant who leaves during a round is taken out of their room', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 6);
  await launch(fac, ps);
  const [[aId, A]] = [...byRoom(ps)];
  const leaver = A[0];
  const rest = A.slice(1);
  const ms = rest.map(mark), fm = mark(fac);
  assert.equal((await leaver.request({ type: 'leave' })).type, 'ok');
  for (const [i, p] of rest.entries()) {
    const r = await next(p, 'room', ms[i]);
    assert.equal(r.room.id, aId);
    assert.deepEqual(sorted(r.room.members.map(m => m.id)), sorted(rest.map(x => x.pid)), 'the leaver is gone from the room');
  }
  const upd = await next(fac, 'room_update', fm, u => u.room.id === aId);
  assert.equal(upd.room.members.some(m => m.id === leaver.pid), false);
});

test('help: facilitator gets help_requested (and help_list on hello); help_ack reaches the participant', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, token, session, ps } = await group(h, s, 3);
  await launch(fac, ps);
  const p = ps[0];
  const fm = mark(fac);
  const before = Date.now();
  const r = await p.request({ type: 'help', text: 'We are stuck on the role play' });
  assert.equal(r.type, 'ok', JSON.stringify(r));
  const req = await next(fac, 'help_requested', fm);
  const help = req.help;
  assert.match(help.id, UUID_RE);
  assert.equal(help.room, p.room.room.id);
  assert.equal(help.number, p.room.room.number);
  assert.deepEqual({ id: help.participant.id, name: help.participant.name }, { id: p.pid, name: 'P1' });
  assert.equal(help.text, 'We are stuck on the role play');
  assert.ok(help.at >= before - 1000 && help.at <= Date.now() + 1000);

  const f2 = await helloAs(h, s, token);
  const list = await next(f2, 'help_list');
  assert.deepEqual(list.requests.map(x => x.id), [help.id]);

  const pm = mark(p), fm2 = mark(fac);
  const ack = await fac.request({ type: 'help_ack', help: help.id });
  assert.equal(ack.type, 'ok', JSON.stringify(ack));
  const acked = await next(fac, 'help_acked', fm2);
  assert.equal(acked.help.id ?? acked.help, help.id);
  await next(f2, 'help_acked');   // every facilitator connection
  const got = await next(p, 'help_acknowledged', pm);
  assert.equal(got.help.id ?? got.help, help.id);
  const f3 = await helloAs(h, s, token);
  assert.deepEqual((await next(f3, 'help_list')).requests, [], 'acknowledged requests leave the list');

  assert.equal((await ps[1].request({ type: 'help' })).type, 'ok', 'help text is optional');
  const tooLong = await ps[1].request({ type: 'help', text: 'h'.repeat(301) });
  assert.ok(tooLong.type === 'error' && ['bad_request', 'too_large'].includes(tooLong.code), `301 characters: ${JSON.stringify(tooLong)}`);
  assertError(await ps[1].request({ type: 'help', text: 7 }), 'bad_request');
  assertError(await fac.request({ type: 'help_ack', help: '00000000-0000-4000-8000-000000000000' }), 'not_found', 'unknown help id:');
  const late = await joinAs(h, s, session.code, 'Late');
  assertError(await late.request({ type: 'help', text: 'where am I?' }), 'conflict', 'help from the lobby:');
});

test('a room, participant or help id from another session is not_found and changes nothing there', async t => {
  const h = harness(t);
  const s = await h.server();
  const one = await group(h, s, 3, 'A');
  const two = await group(h, s, 3, 'B');
  await launch(one.fac, one.ps);
  await launch(two.fac, two.ps);
  const theirRoom = two.ps[0].room.room.id;
  const ourRoom = one.ps[0].room.room.id;
  const helpReply = await two.ps[0].request({ type: 'help', text: 'ours' });
  assert.equal(helpReply.type, 'ok');
  const theirHelp = (await next(two.fac, 'help_requested')).help.id;
  const marks = two.ps.map(mark);
  const f = one.fac;
  for (const msg of [
    { type: 'pause', room: theirRoom }, { type: 'resume', room: theirRoom }, { type: 'extend', seconds: 30, room: theirRoom },
    { type: 'end_round', room: theirRoom }, { type: 'broadcast', text: 'hi', room: theirRoom },
    { type: 'move', participant: one.ps[0].pid, room: theirRoom }, { type: 'move', participant: two.ps[0].pid, room: ourRoom },
    { type: 'help_ack', help: theirHelp },
  ])
    assertError(await f.request(msg), 'not_found', `${JSON.stringify(msg)}:`);
  await Promise.all(two.ps.map(settle));
  two.ps.forEach((p, i) => assert.deepEqual(p.messages.slice(marks[i]).filter(m => m.type !== 'pong').map(m => m.type), [],
    'nothing reached the other session'));
});

test('every facilitator action from a participant is forbidden during a round, and changes nothing', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, ps } = await group(h, s, 3);
  await launch(fac, ps);
  const p = ps[0];
  await p.request({ type: 'help', text: 'x' });
  const helpId = (await next(fac, 'help_requested')).help.id;
  const roomId = p.room.room.id;
  const marks = ps.map(mark);
  for (const msg of [
    { type: 'launch_round', turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10 },
    { type: 'pause' }, { type: 'pause', room: roomId }, { type: 'resume', room: roomId }, { type: 'extend', seconds: 60 },
    { type: 'extend', seconds: 60, room: roomId }, { type: 'end_round' }, { type: 'end_round', room: roomId },
    { type: 'broadcast', text: 'I am the facilitator now' }, { type: 'move', participant: ps[1].pid, room: roomId },
    { type: 'help_ack', help: helpId },
  ])
    assertError(await p.request(msg), 'forbidden', `participant ${JSON.stringify(msg)}:`);
  await Promise.all(ps.map(settle));
  ps.forEach((q, i) => assert.equal(q.messages.slice(marks[i]).some(m => ['phase', 'room', 'broadcast', 'help_acknowledged'].includes(m.type)), false,
    'nothing changed'));
});

test('a latecomer joining during a round gets lobby, and can be moved into a room', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session, ps } = await group(h, s, 3);
  await launch(fac, ps);
  const late = await joinAs(h, s, session.code, 'Latecomer');
  const lobby = await next(late, 'lobby');
  assert.equal(lobby.round_active, true);
  assert.equal(typeof lobby.message, 'string');
  assert.ok(late.messages.indexOf(lobby) > late.messages.indexOf(late.welcome));
  await settle(late);
  assert.equal(late.messages.some(m => m.type === 'room'), false, 'a latecomer is not placed automatically');
  const upd = await next(fac, 'roster_update', 0, m => m.participant.id === late.pid);
  assert.equal(upd.participant.room ?? null, null);

  const roomId = ps[0].room.room.id;
  const lm = mark(late), pm = ps.map(mark);
  assert.equal((await fac.request({ type: 'move', participant: late.pid, room: roomId })).type, 'ok');
  const r = await next(late, 'room', lm);
  assert.equal(r.room.id, roomId);
  assert.equal(r.you.role, 'observer');
  assertPhase(await next(late, 'phase', lm), { phase: 'practice', room: roomId });
  for (const [i, p] of ps.entries()) assert.equal((await next(p, 'room', pm[i])).room.members.length, 4);
  // and after a reconnect the latecomer is in the room, not the lobby
  const again = await helloAs(h, s, late.token);
  assert.equal((await next(again, 'room')).room.id, roomId);
  await settle(again);
  assert.equal(again.messages.some(m => m.type === 'lobby'), false);
});

test('kill -9 mid-phase and restart: room, phase (same deadline), paused rooms still paused, history and help intact', async t => {
  const h = harness(t);
  const dataDir = h.dir();
  const s1 = await h.server({ dataDir });
  const { fac, token, ps } = await group(h, s1, 6);
  await launch(fac, ps, { turns: 3, practice_s: 120, feedback_s: 30, soften_s: 30 });
  const [[aId, A], [bId, B]] = [...byRoom(ps)];
  let am = mark(A[0]);
  assert.equal((await fac.request({ type: 'pause', room: aId })).type, 'ok');
  const frozen = (await next(A[0], 'phase', am)).remaining_ms;
  am = mark(A[0]);
  assert.equal((await fac.request({ type: 'broadcast', text: 'Before the crash' })).type, 'ok');
  await next(A[0], 'broadcast', am);
  await B[1].request({ type: 'help', text: 'still there?' });
  const helpId = (await next(fac, 'help_requested')).help.id;
  const deadlineB = B[0].phase.deadline;
  const rolesA = new Map(A[0].room.room.members.map(m => [m.id, m.role]));
  await s1.kill9();

  const s2 = await h.server({ dataDir });
  const a = await helloAs(h, s2, A[0].token);
  const ra = await next(a, 'room');
  assert.equal(ra.room.id, aId);
  assert.deepEqual(new Map(ra.room.members.map(m => [m.id, m.role])), rolesA, 'same members, same roles');
  const pa = await next(a, 'phase');
  assert.equal(pa.room, aId);
  assert.equal(pa.paused, true, `paused rooms stay paused: ${JSON.stringify(pa)}`);
  assert.equal(pa.deadline, null);
  assert.ok(Math.abs(pa.remaining_ms - frozen) <= 50, `remaining ${pa.remaining_ms}, before the crash ${frozen}`);

  const b = await helloAs(h, s2, B[0].token);
  assert.equal((await next(b, 'room')).room.id, bId);
  const pb = await next(b, 'phase');
  assertPhase(pb, { phase: 'practice', turn: 0, turns: 3, room: bId });
  assert.ok(Math.abs(pb.deadline - deadlineB) <= 1000, `deadline after restart ${pb.deadline} vs ${deadlineB}`);

  const f = await helloAs(h, s2, token);
  const rooms = await next(f, 'rooms');
  assert.equal(rooms.round.number, 1);
  const RA = rooms.rooms.find(R => R.id === aId), RB = rooms.rooms.find(R => R.id === bId);
  assert.ok(RA && RB, JSON.stringify(rooms));
  assert.equal(RA.paused, true);
  assert.ok(Math.abs(RA.remaining_ms - frozen) <= 50);
  assert.ok(Math.abs(RB.deadline - deadlineB) <= 1000);
  assert.deepEqual((await next(f, 'help_list')).requests.map(x => x.id), [helpId], 'unacknowledged help survives');

  // still controllable after the restart
  const am2 = mark(a);
  assert.equal((await f.request({ type: 'resume', room: aId })).type, 'ok');
  const res = await next(a, 'phase', am2);
  assert.ok(Math.abs(res.deadline - res.server_time - frozen) <= 50, `resumed deadline ${res.deadline - res.server_time} ms ahead, frozen ${frozen}`);
  assertError(await f.request({ type: 'launch_round', ...LONG }), 'conflict', 'the restored round is still running:');

  // broadcast history is replayed after the restart
  await next(a, 'broadcast', 0, m => m.text === 'Before the crash');
});

// ---- waiting for the clock (concurrently, to keep the file short) ----------------------------

describe('deadlines', { concurrency: true }, () => {
  test('turn change: practice -> feedback -> next turn, room sent again with roles rotated', async t => {
    const h = harness(t);
    const s = await h.server();
    const { fac, ps } = await group(h, s, 3);
    await launch(fac, ps, { turns: 2, practice_s: 10, feedback_s: 10, soften_s: 10 });
    const roles0 = new Map(ps[0].room.room.members.map(m => [m.id, m.role]));
    const d0 = ps[0].phase.deadline;
    const marks = ps.map(mark);
    // announced ahead (phase.next): browsers switch at the deadline on their own clock
    assert.deepEqual(ps[0].phase.next, { phase: 'feedback', turn: 0, deadline: d0 + 10000 }, 'practice announces its feedback');
    const fb = await next(ps[0], 'phase', marks[0], m => m.phase !== 'practice' || m.turn !== 0, 14000);
    assert.ok(fb.server_time - d0 >= -50 && fb.server_time - d0 <= 1500, `feedback started ${fb.server_time - d0} ms from the practice deadline`);
    assertPhase(fb, { phase: 'feedback', turn: 0, turns: 2, seconds: 10 }, 'after practice turn 0');
    assert.equal(fb.deadline, d0 + 10000, 'feedback ends feedback_s after the practice deadline: the schedule announced holds');
    // the next turn brings new roles: announced with it, and the same as the server then sends
    assert.equal(fb.next.phase, 'practice');
    assert.equal(fb.next.turn, 1);
    assert.equal(fb.next.deadline, fb.deadline + 10000);
    const announced = new Map(fb.next.roles.map(r => [r.id, r.role]));
    assert.equal(announced.size, 3);

    await Promise.all(ps.map(async (p, i) => {
      const r = await next(p, 'room', marks[i], m => m.turn === 1, 14000);
      assert.equal(r.room.id, p.room.room.id);
      assert.deepEqual(sorted(r.room.members.map(m => m.role)), ROLES, 'still three distinct roles');
      for (const m of r.room.members) assert.notEqual(m.role, roles0.get(m.id), `${m.name} has a new role at turn 1`);
      assert.equal(r.you.role, roleOf(r, p.pid));
      const ph = await next(p, 'phase', marks[i], m => m.turn === 1);
      assertPhase(ph, { phase: 'practice', turn: 1, turns: 2, seconds: 10 });
      assert.ok(p.messages.indexOf(r) < p.messages.indexOf(ph), 'the new room comes before its phase');
      for (const m of r.room.members) assert.equal(m.role, announced.get(m.id), `${m.name}: the role announced ahead`);
      assert.equal(ph.deadline, fb.next.deadline);
      assert.deepEqual(ph.next, { phase: 'feedback', turn: 1, deadline: ph.deadline + 10000 });
      const last = await next(p, 'phase', marks[i], m => m.phase === 'feedback' && m.turn === 1, 14000);
      assert.deepEqual(last.next, { phase: 'soften', turn: 1, deadline: last.deadline + 10000 }, 'the last feedback announces the soft close');
      const soft = await next(p, 'phase', marks[i], m => m.phase === 'soften', 14000);
      assert.equal(soft.next, undefined, 'the soft close is never announced ahead: its end depends on who is typing');
    }));
    const upd = await next(fac, 'room_update', 0, u => u.room.turn === 1);
    assert.deepEqual(sorted(upd.room.members.map(m => m.role)), ROLES);
  });

  test('end_round -> soften -> closed (deadline null); then a second round is allowed and mixes partners', async t => {
    const h = harness(t);
    const s = await h.server();
    const { fac, ps } = await group(h, s, 9);
    await launch(fac, ps, { turns: 1, practice_s: 60, feedback_s: 0, soften_s: 10, grace_s: 0 });
    const mates1 = new Map(ps.map(p => [p.pid, new Set(p.room.room.members.map(m => m.id).filter(id => id !== p.pid))]));
    const oldRoom = ps[0].room.room.id;
    const marks = ps.map(mark);
    assert.equal((await fac.request({ type: 'end_round' })).type, 'ok');
    const soft = await next(ps[0], 'phase', marks[0]);
    assertPhase(soft, { phase: 'soften', seconds: 10 });
    const closed = await next(ps[0], 'phase', marks[0], m => m.phase === 'closed', 13000);
    assert.ok(closed.server_time - soft.deadline >= -50 && closed.server_time - soft.deadline <= 1500,
      `closed ${closed.server_time - soft.deadline} ms from the soft-close deadline`);
    assert.equal(closed.deadline, null);
    await Promise.all(ps.map((p, i) => next(p, 'phase', marks[i], m => m.phase === 'closed', 3000)));
    await next(fac, 'room_update', 0, u => u.room.phase === 'closed');
    assertError(await fac.request({ type: 'pause', room: oldRoom }), 'conflict', 'pause a closed room:');
    assertError(await fac.request({ type: 'pause' }), 'conflict', 'pause with no round running:');
    assertError(await fac.request({ type: 'extend', seconds: 5 }), 'conflict', 'extend with no round running:');
    assertError(await fac.request({ type: 'move', participant: ps[0].pid, room: ps[3].room.room.id }), 'conflict', 'move into a closed room:');
    assertError(await ps[0].request({ type: 'help', text: 'anyone?' }), 'conflict', 'help from a closed room:');

    const { reply } = await launch(fac, ps, { turns: 1, practice_s: 60, feedback_s: 0, soften_s: 10 });
    assert.equal(reply.round.number, 2);
    assertError(await fac.request({ type: 'pause', room: oldRoom }), 'not_found', 'a room of an earlier round:');
    const repeats = [];
    for (const p of ps)
      for (const m of p.room.room.members)
        if (m.id !== p.pid && mates1.get(p.pid).has(m.id)) repeats.push(`${p.welcome.participant.name}+${m.name}`);
    assert.deepEqual(repeats, [], 'with 9 people, round 2 needs no repeated partner');
  });

  test('the deadline timer runs again after kill -9 and restart', async t => {
    const h = harness(t);
    const dataDir = h.dir();
    const s1 = await h.server({ dataDir });
    const { fac, ps } = await group(h, s1, 3);
    await launch(fac, ps, { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10 });
    const d0 = ps[0].phase.deadline;
    await s1.kill9();
    const s2 = await h.server({ dataDir });
    const p = await helloAs(h, s2, ps[0].token);
    const ph = await next(p, 'phase');
    assert.equal(ph.phase, 'practice');
    assert.ok(Math.abs(ph.deadline - d0) <= 1000);
    const soft = await next(p, 'phase', 0, m => m.phase === 'soften', 14000);
    assert.ok(soft.server_time - d0 >= -50 && soft.server_time - d0 <= 1500, `soft close came ${soft.server_time - d0} ms from the deadline`);
    assertPhase(soft, { phase: 'soften', seconds: 10 });
  });
});
