// room-view.js — the participant's room card. Owns: rendering `room` (number, your role with what
// it means, room mates, scenario) and `phase` (the large countdown, turn, paused, soft close,
// grace, closed), the 1-minute / 10-second warnings (colour, text, chime), and the screen-reader
// announcements of phase changes, pauses and added time.
import { $, el, setChildren, formatRemaining, formatDuration } from './dom.js';
import { Countdown } from './clock.js';
import { chime } from './chime.js';

export const ROLES = {
  therapist: {
    name: 'Therapist',
    desc: 'Practise the skill. You lead the conversation: listen, reflect, and try the technique ' +
      'you are working on. It is fine to pause, rephrase and try again.',
  },
  client: {
    name: 'Client',
    desc: "Bring the scenario. Speak from the client's experience — what they feel, want and hold " +
      'back — so the therapist has something real to work with. Stay in role until practice ends.',
  },
  observer: {
    name: 'Observer',
    desc: 'Watch for specific moments: the words the therapist used and how the client responded. ' +
      'Take short notes so your feedback can point to exactly what happened.',
  },
};

export const PHASES = { practice: 'Practice', feedback: 'Feedback', soften: 'Soft close', closed: 'Closed' };

const roleName = r => (ROLES[r] ? ROLES[r].name : r || '');

export function createRoomView({ sock, announce, me }) {
  let room = null;      // the `room` message
  let phase = null;     // the last `phase` message
  const countdown = new Countdown({ now: () => sock.serverNow(), render, warn });

  function setRoom(msg) {
    const first = !room || room.room.id !== msg.room.id;
    room = msg;
    if (first) phase = null;
    const r = msg.room;
    const myRole = (msg.you && msg.you.role) || (r.members.find(m => m.id === me().id) || {}).role;
    $('#room-title').textContent = `Room ${r.number}`;
    $('#my-role').textContent = roleName(myRole);
    $('#role-card').dataset.role = myRole || '';
    $('#role-desc').textContent = ROLES[myRole] ? ROLES[myRole].desc : '';
    const mates = r.members.filter(m => m.id !== me().id);
    setChildren($('#room-mates'), mates.length
      ? mates.map(m => el('li', { class: `person${m.online === false ? ' offline' : ''}`, 'data-testid': 'room-mate' },
        el('span', { class: 'person-name' }, m.name),
        el('span', { class: `role-tag role-${m.role}` }, roleName(m.role)),
        m.online === false ? el('span', { class: 'muted' }, ' (offline)') : null))
      : el('li', { class: 'muted' }, 'Nobody else yet.'));
    renderScenario(msg.scenario, myRole);
    renderHead();
    if (first && !phase) announce(`You are in room ${r.number}. Your role: ${roleName(myRole)}.`);
  }

  function renderScenario(text, myRole) {
    const box = $('#scenario');
    if (!text) { box.hidden = true; box.replaceChildren(); return; }
    box.hidden = false;
    if (myRole === 'client') {
      box.className = 'scenario scenario-client';
      setChildren(box, el('p', { class: 'kicker' }, 'Your scenario'),
        el('p', { class: 'scenario-text', 'data-testid': 'scenario-text' }, text));
    } else {
      box.className = 'scenario';
      setChildren(box, el('details', null,
        el('summary', null, "The client's scenario"),
        el('p', { class: 'scenario-text', 'data-testid': 'scenario-text' }, text)));
    }
  }

  function setPhase(msg) {
    if (room && msg.room && msg.room !== room.room.id) return;   // a stale room's phase
    const prev = phase;
    phase = msg;
    countdown.set(msg);
    renderHead();
    const ms = countdown.remaining();
    const turnText = msg.turns > 1 ? ` Turn ${msg.turn + 1} of ${msg.turns}.` : '';
    if (!prev || prev.phase !== msg.phase || prev.turn !== msg.turn || prev.paused !== msg.paused) hideToast();
    if (!prev || prev.phase !== msg.phase || prev.turn !== msg.turn) {
      if (prev) chime('phase');
      if (msg.phase === 'closed') announce('The room has closed. Thank you.');
      else if (msg.phase === 'soften') announce(`Soft close, ${formatDuration(ms)}. Take a moment to soften anything you said.`);
      else announce(`${PHASES[msg.phase] || msg.phase} phase, ${formatDuration(ms)}.${turnText}${roleLine()}`);
    } else if (prev.paused !== msg.paused) {
      announce(msg.paused ? 'Paused by the facilitator.' : `Resumed. ${formatDuration(ms)} left.`);
    } else if (msg.grace && !prev.grace) {
      // The soft close waits for someone still typing: not time added by the facilitator.
      const names = Array.isArray(msg.waiting_for) ? msg.waiting_for : [];
      announce(names.includes(me().name) ? 'Take your time — the room waits a little for you.'
        : names.length ? `Waiting for ${names.join(', ')} to finish.` : 'A little extra time to finish writing.');
    } else if (prev.ahead) {
      // the server confirming a switch made here; a later deadline is its own lateness, not added time
    } else if (!msg.paused && prev.deadline && msg.deadline && msg.deadline - prev.deadline > 1500) {
      added(msg.deadline - prev.deadline, ms);
    } else if (msg.paused && prev.paused && msg.remaining_ms - prev.remaining_ms > 1500) {
      added(msg.remaining_ms - prev.remaining_ms, ms);
    }
  }

  function roleLine() {
    const r = room && room.you && room.you.role;
    return r ? ` You are the ${roleName(r).toLowerCase()}.` : '';
  }

  let toastTimer = null;
  function added(deltaMs, ms) {
    const text = `The facilitator added ${formatDuration(Math.round(deltaMs / 1000) * 1000)}. ${formatDuration(ms)} left.`;
    const toast = $('#extend-toast');
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(hideToast, 8000);
    announce(text);
  }
  function hideToast() {
    clearTimeout(toastTimer);
    $('#extend-toast').hidden = true;
  }

  function renderHead() {
    const p = phase;
    $('#room-phase').textContent = p ? PHASES[p.phase] || p.phase : '';
    $('#room-phase').dataset.phase = p ? p.phase : '';
    $('#room-turn').textContent = p && p.turns > 1 && p.phase !== 'closed' ? `Turn ${p.turn + 1} of ${p.turns}` : '';
    $('#view-room').dataset.phase = p ? p.phase : '';
    $('#role-card').hidden = !!p && p.phase === 'closed';
    $('#help-form').hidden = !!p && p.phase === 'closed';
    if (!p) {
      $('#countdown-label').textContent = 'Starting…';
      $('#countdown').textContent = '';
      $('#countdown-note').textContent = '';
    }
  }

  // Every tick: the big number, and the label/note/colour that go with it.
  function render(ms, p) {
    const box = $('#countdown-box');
    const running = !p.paused && p.phase !== 'closed';
    const level = running && ms > 0 ? (ms <= 10000 ? '10' : ms <= 60000 ? '60' : '') : '';
    box.dataset.phase = p.phase;
    box.dataset.paused = p.paused ? 'true' : 'false';
    box.dataset.warn = level;
    const cd = $('#countdown');
    const text = p.phase === 'closed' ? '' : formatRemaining(ms);
    if (cd.textContent !== text) cd.textContent = text;
    cd.dataset.remainingMs = String(Math.round(ms));
    cd.dataset.seconds = String(Math.ceil(ms / 1000));
    let label;
    let note = '';
    if (p.phase === 'closed') {
      label = 'This room has closed';
      note = 'Thank you. Stay on this page — you will be placed in a room when the next round starts.';
    } else if (p.paused) {
      label = 'Paused by the facilitator';
      note = 'The time is on hold.';
    } else if (p.phase === 'soften') {
      label = 'closing in';
      // Grace: someone was still typing when the soft close ended (see feedback-view.js).
      const names = Array.isArray(p.waiting_for) ? p.waiting_for : [];
      const others = names.filter(n => n !== me().name);
      const list = others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}` : others[0];
      note = !p.grace ? 'Take a moment to soften anything you said.'
        : names.includes(me().name) ? `Take your time — the room waits a little for you${others.length ? ` (and ${list})` : ''}.`
          : others.length ? `Waiting for ${list} to finish…` : 'A little extra time so everyone can finish what they are writing.';
    } else {
      label = `${PHASES[p.phase] || p.phase} · time left`;
      if (level === '10') note = 'Last 10 seconds';
      else if (level === '60') note = 'Under a minute left';
      else if (p.phase === 'practice' && room) note = room.you && room.you.role === 'observer' ? 'Notice specific moments for your feedback.' : '';
      else if (p.phase === 'feedback') note = 'Share what you noticed — specific and kind.';
    }
    if (p.phase === 'soften' && !p.paused) cd.setAttribute('aria-label', `closing in ${formatRemaining(ms)}`);
    else cd.removeAttribute('aria-label');
    setText('#countdown-label', label);
    setText('#countdown-note', note);
  }

  function warn(threshold, p) {
    const what = PHASES[p.phase] || p.phase;
    if (threshold === 60000) {
      chime('minute');
      announce(p.phase === 'soften' ? 'The room closes in 1 minute.' : `1 minute left in ${what.toLowerCase()}.`);
    } else {
      chime('final');
      announce(p.phase === 'soften' ? 'The room closes in 10 seconds.' : `10 seconds left in ${what.toLowerCase()}.`);
    }
  }

  function setText(sel, text) {
    const n = $(sel);
    if (n.textContent !== text) n.textContent = text;
  }

  return {
    setRoom,
    setPhase,
    get room() { return room; },
    get phase() { return phase; },
    isOpen() { return !!room && (!phase || phase.phase !== 'closed'); },
    reset() { room = null; phase = null; countdown.set(null); },
  };
}
