// phase-ahead.js — the step the server announced ahead (`phase.next`), shown at its deadline on
// this device's estimate of the server's clock. At a deadline shared by thousands of rooms the
// server's own `phase` messages reach people one socket after another, 100–200 ms apart at 10,000
// people; switching on the announced schedule changes every screen together, on time. The
// server's `phase` then confirms it (same phase and turn: nothing visible happens) or corrects it
// (a pause or added time that crossed the switch on the wire). The server announces only steps
// that are certain (practice and feedback ends); a room closes only on the server's word.
// DOM-free: tests/web drive it with a fake clock and fake timers.

const REARM_MAX_MS = 30000;   // long phases are approached in steps
export const LATE_MAX_MS = 2000;   // a switch this late (a laptop waking from sleep) is left to the server

// The messages that make the announced step happen here: a `room` with the new turn's roles
// (when the turn changes), then the `phase`. Both carry `ahead: true`.
export function aheadMessages(phase, room, myId, nowMs) {
  const n = phase.next;
  const out = [];
  if (n.roles && room && room.room && room.room.id === phase.room) {
    const roles = new Map(n.roles.map(r => [r.id, r.role]));
    out.push({
      ...room,
      room: { ...room.room, members: room.room.members.map(m => (roles.has(m.id) ? { ...m, role: roles.get(m.id) } : m)) },
      you: { ...(room.you || {}), role: roles.get(myId) || (room.you && room.you.role) },
      turn: n.turn,
      ahead: true,
    });
  }
  out.push({
    type: 'phase', room: phase.room, phase: n.phase, turn: n.turn, turns: phase.turns,
    deadline: n.deadline, remaining_ms: Math.max(0, n.deadline - nowMs), server_time: Math.round(nowMs),
    paused: false, grace: false, ahead: true,
  });
  return out;
}

// A `phase` worth scheduling: running, with a well-formed `next` after its deadline.
export function isAnnounced(msg) {
  const n = msg && msg.next;
  return !!n && !msg.paused && Number.isFinite(msg.deadline) && typeof n.phase === 'string' &&
    Number.isInteger(n.turn) && Number.isFinite(n.deadline) && n.deadline >= msg.deadline &&
    (n.roles === undefined || Array.isArray(n.roles));
}

// now(): the server's clock as this device estimates it; ready(): whether that estimate has been
// measured yet (until then nothing is switched: the socket's `_clock` message re-arms).
// deliver(msg): the page's message handler.
export function createPhaseAhead({ now, me, deliver, ready = () => true, setTimer = setTimeout, clearTimer = clearTimeout }) {
  let pending = null;   // the `phase` whose `next` is scheduled
  let room = null;      // the latest `room`
  let timer = null;

  function cancel() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    pending = null;
  }

  function arm() {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!pending || !ready()) return;
    const wait = pending.deadline - now();
    if (wait > 0) { timer = setTimer(arm, Math.min(wait, REARM_MAX_MS)); return; }
    if (-wait > LATE_MAX_MS) { pending = null; return; }   // long gone: the server's state will follow
    const msgs = aheadMessages(pending, room, me(), now());
    pending = null;
    for (const m of msgs) deliver(m);
  }

  return {
    onMessage(msg) {
      if (!msg || msg.ahead) return;   // our own
      switch (msg.type) {
        case 'room':
          if (pending && pending.room !== msg.room.id) cancel();
          room = msg;
          break;
        case 'phase':
          cancel();   // whatever was announced, the server has spoken since
          if (isAnnounced(msg) && (!room || room.room.id === msg.room)) { pending = msg; arm(); }
          break;
        case '_clock':   // the clock offset was (re)measured: count again from it
          if (pending) arm();
          break;
        case 'lobby':
        case 'signed_out':
          cancel();
          room = null;
          break;
        default:
          break;
      }
    },
    cancel,
    pending: () => pending,
  };
}
