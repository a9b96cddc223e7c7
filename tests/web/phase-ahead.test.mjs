// phase-ahead.js on a fake clock: the step the server announced ahead (`phase.next`) is delivered
// at its deadline, with the new turn's roles; anything the server says first cancels it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPhaseAhead, aheadMessages, isAnnounced, LATE_MAX_MS } from '../../web/js/phase-ahead.js';

const ROOM = 'room-1';
const roomMsg = (turn = 0) => ({
  type: 'room', turn, you: { role: 'therapist' }, scenario: 's', call: { mode: 'builtin' },
  room: { id: ROOM, number: 1, round: 1, turns: 2, members: [
    { id: 'me', name: 'Ana', role: 'therapist', online: true },
    { id: 'b', name: 'Ben', role: 'client', online: true },
    { id: 'c', name: 'Cy', role: 'observer', online: true }] },
});
const phaseMsg = (over = {}) => ({
  type: 'phase', room: ROOM, phase: 'practice', turn: 0, turns: 2, deadline: 10000, remaining_ms: 10000,
  server_time: 0, paused: false, grace: false, next: { phase: 'feedback', turn: 0, deadline: 15000 }, ...over,
});

// A fake clock and timers: advance(ms) runs every timer that falls due, in order.
function fakeTime(start = 0) {
  let t = start, seq = 0;
  const timers = new Map();
  return {
    now: () => t,
    setTimer(fn, ms) { const id = ++seq; timers.set(id, { at: t + ms, fn }); return id; },
    clearTimer(id) { timers.delete(id); },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].fn();
      }
      t = end;
    },
    pending: () => timers.size,
  };
}

function setup() {
  const time = fakeTime();
  const got = [];
  const ahead = createPhaseAhead({ now: time.now, me: () => 'me', deliver: m => got.push({ at: time.now(), m }),
    setTimer: time.setTimer, clearTimer: time.clearTimer });
  return { time, got, ahead };
}

test('the announced step is delivered at the deadline, not before', () => {
  const { time, got, ahead } = setup();
  ahead.onMessage(roomMsg());
  ahead.onMessage(phaseMsg());
  time.advance(9999);
  assert.equal(got.length, 0);
  time.advance(1);
  assert.equal(got.length, 1);
  assert.equal(got[0].at, 10000);
  assert.deepEqual(got[0].m, { type: 'phase', room: ROOM, phase: 'feedback', turn: 0, turns: 2, deadline: 15000,
    remaining_ms: 5000, server_time: 10000, paused: false, grace: false, ahead: true });
  assert.equal(ahead.pending(), null);
  time.advance(60000);
  assert.equal(got.length, 1, 'once');
});

test('a long phase is approached in steps and follows a changed clock estimate', () => {
  const time = fakeTime();
  let offset = 0;
  const got = [];
  const ahead = createPhaseAhead({ now: () => time.now() + offset, me: () => 'me', deliver: m => got.push(time.now() + offset),
    setTimer: time.setTimer, clearTimer: time.clearTimer });
  ahead.onMessage(phaseMsg({ deadline: 3600000, next: { phase: 'feedback', turn: 0, deadline: 3700000 } }));
  time.advance(60000);
  assert.equal(time.pending(), 1, 'still waiting, re-armed');
  offset = 2000;   // the socket measured the server's clock again: 2 s ahead of what we thought
  time.advance(3600000 - 60000 - 2000);
  assert.deepEqual(got, [3600000], 'on the server clock as now estimated');
});

test('a new turn brings the roles announced for it, before its phase', () => {
  const { time, got, ahead } = setup();
  ahead.onMessage(roomMsg());
  const roles = [{ id: 'me', role: 'client' }, { id: 'b', role: 'observer' }, { id: 'c', role: 'therapist' }];
  ahead.onMessage(phaseMsg({ phase: 'feedback', next: { phase: 'practice', turn: 1, deadline: 25000, roles } }));
  time.advance(10000);
  assert.deepEqual(got.map(g => g.m.type), ['room', 'phase']);
  const r = got[0].m;
  assert.equal(r.ahead, true);
  assert.equal(r.turn, 1);
  assert.equal(r.you.role, 'client');
  assert.deepEqual(r.room.members.map(m => [m.id, m.role, m.name]), [['me', 'client', 'Ana'], ['b', 'observer', 'Ben'], ['c', 'therapist', 'Cy']]);
  assert.equal(r.scenario, 's', 'the rest of the room is kept');
  assert.equal(got[1].m.turn, 1);
  assert.equal(got[1].m.phase, 'practice');
});

test('whatever the server says first replaces what was announced', () => {
  const cases = [
    ['a pause', phaseMsg({ paused: true, deadline: null, next: undefined })],
    ['added time', phaseMsg({ deadline: 70000, next: { phase: 'feedback', turn: 0, deadline: 75000 } })],
    ['the phase itself, early', phaseMsg({ phase: 'feedback', deadline: 15000, next: undefined })],
    ['back to the lobby', { type: 'lobby', message: 'x' }],
    ['signed out', { type: 'signed_out', reason: 'left' }],
    ['another room', { ...roomMsg(), room: { ...roomMsg().room, id: 'room-2' } }],
  ];
  for (const [what, msg] of cases) {
    const { time, got, ahead } = setup();
    ahead.onMessage(roomMsg());
    ahead.onMessage(phaseMsg());
    time.advance(5000);
    ahead.onMessage(msg);
    time.advance(5000);
    const early = got.filter(g => g.at === 10000);
    assert.equal(early.length, 0, `${what}: nothing at the old deadline`);
  }
  // added time announces the step again, at the new deadline
  const { time, got, ahead } = setup();
  ahead.onMessage(phaseMsg());
  ahead.onMessage(phaseMsg({ deadline: 70000, next: { phase: 'feedback', turn: 0, deadline: 75000 } }));
  time.advance(70000);
  assert.deepEqual(got.map(g => g.at), [70000]);
});

test('messages it made itself, and unannounced or malformed phases, schedule nothing', () => {
  const bad = [
    phaseMsg({ next: undefined }),
    phaseMsg({ paused: true }),
    phaseMsg({ deadline: null }),
    phaseMsg({ next: { phase: 'feedback', turn: 0, deadline: 5000 } }),          // before the deadline
    phaseMsg({ next: { phase: 'feedback', turn: '0', deadline: 15000 } }),
    phaseMsg({ next: { phase: 'feedback', turn: 1, deadline: 15000, roles: 'x' } }),
    phaseMsg({ ahead: true }),
  ];
  for (const m of bad) {
    const { time, got, ahead } = setup();
    ahead.onMessage(m);
    time.advance(100000);
    assert.equal(got.length, 0, JSON.stringify(m));
  }
  assert.equal(isAnnounced(phaseMsg()), true);
});

test('a phase of another room than the one shown is not scheduled', () => {
  const { time, got, ahead } = setup();
  ahead.onMessage(roomMsg());
  ahead.onMessage(phaseMsg({ room: 'room-9' }));
  time.advance(20000);
  assert.equal(got.length, 0);
});

test('aheadMessages without a room still gives the phase', () => {
  const msgs = aheadMessages(phaseMsg({ next: { phase: 'practice', turn: 1, deadline: 20000, roles: [{ id: 'me', role: 'client' }] } }), null, 'me', 10000);
  assert.deepEqual(msgs.map(m => m.type), ['phase']);
});

test('nothing is switched before the clock offset is measured; `_clock` re-arms from the new estimate', () => {
  const time = fakeTime();
  let offset = 0, synced = false;
  const got = [];
  const ahead = createPhaseAhead({ now: () => time.now() + offset, ready: () => synced, me: () => 'me',
    deliver: m => got.push(time.now() + offset), setTimer: time.setTimer, clearTimer: time.clearTimer });
  ahead.onMessage(phaseMsg({ deadline: 20000, next: { phase: 'feedback', turn: 0, deadline: 25000 } }));   // arrives before the socket measured the clock
  assert.equal(time.pending(), 0);
  time.advance(500);
  synced = true;
  offset = 8000;   // this laptop is 8 s slow
  ahead.onMessage({ type: '_clock', offset, rtt: 1 });
  time.advance(11499);
  assert.deepEqual(got, []);
  time.advance(1);
  assert.deepEqual(got, [20000], 'at the deadline on the measured server clock, not 8 s off');
  // a re-measure while waiting moves the switch with it
  ahead.onMessage(phaseMsg({ deadline: 80000, next: { phase: 'feedback', turn: 0, deadline: 85000 } }));
  time.advance(30000);
  offset = 9000;
  ahead.onMessage({ type: '_clock', offset, rtt: 1 });
  time.advance(60000);
  assert.deepEqual(got, [20000, 80000]);
});

test(`a switch more than ${LATE_MAX_MS} ms late (a laptop waking from sleep) is left to the server`, () => {
  const time = fakeTime();
  const got = [];
  const ahead = createPhaseAhead({ now: time.now, me: () => 'me', deliver: m => got.push(m),
    setTimer: (fn, ms) => time.setTimer(fn, ms + 60000), clearTimer: time.clearTimer });   // timers fire a minute late
  ahead.onMessage(phaseMsg());
  time.advance(200000);
  assert.deepEqual(got, []);
  assert.equal(ahead.pending(), null);
});
