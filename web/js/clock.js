// clock.js — countdowns drawn from the server's `deadline` and the socket's clock offset, never
// from the local clock alone. Owns: the remaining-time rule (paused -> frozen remaining_ms,
// otherwise deadline - serverNow), one shared 250 ms ticker for every countdown on the page, and
// the 1-minute / 10-second warnings (each fires once when the time crosses it, re-arms when the
// facilitator adds time, and never fires for a phase that started below it).

const TICK_MS = 250;
export const WARNINGS = [60000, 10000];
const ARM_MARGIN_MS = 1000;

// Remaining ms of a phase/room state {deadline, remaining_ms, paused, phase} at server time now.
export function remainingMs(state, now) {
  if (!state) return 0;
  if (state.phase === 'closed') return 0;
  if (state.paused || state.deadline === null || state.deadline === undefined) {
    return Math.max(0, state.remaining_ms || 0);
  }
  return Math.max(0, state.deadline - now);
}

// One interval for the whole page; subscribers get called every tick while subscribed.
const subscribers = new Set();
let interval = null;

export function onTick(fn) {
  subscribers.add(fn);
  if (!interval) {
    interval = setInterval(() => { for (const f of [...subscribers]) f(); }, TICK_MS);
    document.addEventListener('visibilitychange', () => { if (!document.hidden) for (const f of [...subscribers]) f(); });
  }
  return () => {
    subscribers.delete(fn);
    if (!subscribers.size && interval) { clearInterval(interval); interval = null; }
  };
}

// A countdown for one phase state.
//   now()                      server time (socket.serverNow)
//   render(ms, state)          called on every tick and on set()
//   warn(thresholdMs, state)   called once when remaining crosses 60 s or 10 s while running
export class Countdown {
  constructor({ now, render, warn }) {
    this.now = now;
    this.render = render || (() => {});
    this.warn = warn || (() => {});
    this.state = null;
    this.armed = new Map();
    this.key = null;
    this.unsubscribe = onTick(() => this.tick());
  }

  // A new phase message (or room_update). Warnings re-arm when the phase or turn changes.
  set(state) {
    const key = state ? `${state.room || state.id}|${state.phase}|${state.turn}` : null;
    const ms = remainingMs(state, this.now());
    if (key !== this.key) {
      this.key = key;
      this.armed.clear();
      // A phase that starts at (or within a second of) a threshold does not warn at once.
      for (const t of WARNINGS) this.armed.set(t, ms > t + ARM_MARGIN_MS);
    }
    this.state = state;
    this.tick();
  }

  remaining() { return remainingMs(this.state, this.now()); }

  tick() {
    if (!this.state) return;
    const ms = this.remaining();
    const running = !this.state.paused && this.state.phase !== 'closed';
    for (const t of WARNINGS) {
      if (ms > t + ARM_MARGIN_MS) this.armed.set(t, true);   // time was added: warn again later
      else if (running && ms <= t && ms > 0 && this.armed.get(t)) {
        this.armed.set(t, false);
        this.warn(t, this.state);
      }
    }
    this.render(ms, this.state);
  }

  stop() { this.unsubscribe(); }
}
