// fac-rooms.js — the facilitator's rooms overview. Owns: the room cards built from `rooms` and
// `room_update` (number, members with roles, phase, turn, live remaining time from deadline +
// clock offset, paused badge), the per-room controls (pause/resume, extend +1/+2/+5 min or a typed
// amount, end now = soft close, message the room, move someone here), the same controls for all
// rooms, the "Join the call" / "Leave the call" button of each room (ctx.call), and the
// "Waiting to be placed" list (people in no room while a round runs -> `move`).
import { $, el, setChildren, formatRemaining } from './dom.js';
import { remainingMs, onTick } from './clock.js';
import { ROLES, PHASES } from './room-view.js';

const roleName = r => (ROLES[r] ? ROLES[r].name : r || '');

export function createRoomsView(ctx) {
  let round = null;
  const cards = new Map();      // room id -> {R, node, parts}
  const placeChoice = new Map(); // participant id -> room id chosen in the waiting list

  buildAllControls();
  onTick(tick);

  // ---- controls shared by "all rooms" and one room -------------------------------------------
  function controlButtons(roomId, parts) {
    const scope = roomId ? { room: roomId } : {};
    const where = roomId ? 'this room' : 'every open room';
    const pause = el('button', { type: 'button', class: 'secondary', 'data-testid': 'btn-pause' }, 'Pause');
    pause.addEventListener('click', () => {
      const paused = roomId ? cards.get(roomId).R.paused : false;
      run({ type: paused ? 'resume' : 'pause', ...scope }, paused ? 'Resumed.' : 'Paused.');
    });
    const resume = roomId ? null : el('button', { type: 'button', class: 'secondary', 'data-testid': 'btn-resume',
      onclick: () => run({ type: 'resume' }, 'Resumed every paused room.') }, 'Resume');
    const extends_ = [1, 2, 5].map(m => el('button', {
      type: 'button', class: 'secondary', 'data-testid': `btn-extend-${m}`,
      onclick: () => run({ type: 'extend', seconds: m * 60, ...scope }, `Added ${m} min.`),
    }, `+${m} min`, el('span', { class: 'sr-only' }, ` for ${where}`)));   // the name holds the visible words
    const amountId = `extend-amount-${roomId || 'all'}`;
    const amount = el('input', { type: 'number', id: amountId, min: 0.25, max: 60, step: 0.25, inputmode: 'decimal',
      class: 'amount', placeholder: 'min', 'data-testid': 'extend-amount' });
    const typed = el('form', { class: 'typed-extend', novalidate: true },
      el('label', { for: amountId, class: 'sr-only' }, `Minutes to add to ${where}`),
      amount,
      el('button', { type: 'submit', class: 'secondary', 'data-testid': 'btn-extend-typed' }, 'Add'));
    typed.addEventListener('submit', ev => {
      ev.preventDefault();
      const seconds = Math.round(Number(amount.value) * 60);
      if (!(seconds >= 1 && seconds <= 3600)) { ctx.setStatus('Type how many minutes to add (up to 60).', true); amount.focus(); return; }
      run({ type: 'extend', seconds, ...scope }, `Added ${amount.value} min.`).then(ok => { if (ok) amount.value = ''; });
    });
    const end = el('button', { type: 'button', class: 'gentle', 'data-testid': 'btn-end',
      title: `Moves ${where} into the soft close (never an abrupt cut)`,
      onclick: () => run({ type: 'end_round', ...scope }, roomId ? 'Moved into the soft close.' : 'Every room is moving into the soft close.'),
    }, roomId ? 'End now' : 'End all now');
    if (parts) parts.pause = pause;
    return el('div', { class: 'controls' },
      el('div', { class: 'control-group' }, pause, resume, extends_),
      el('div', { class: 'control-group' }, typed),
      el('div', { class: 'control-group' }, end,
        el('span', { class: 'hint' }, roomId ? 'moves the room into the soft close' : 'moves every room into the soft close')));
  }

  async function run(msg, okText) {
    try {
      await ctx.sock.request(msg);
      ctx.setStatus(okText);
      return true;
    } catch (err) {
      ctx.setStatus(err.message, true);
      return false;
    }
  }

  function buildAllControls() {
    setChildren($('#all-controls'), el('p', { class: 'kicker' }, 'All rooms'), controlButtons(null, null));
  }

  // ---- one room card ---------------------------------------------------------------------------
  function buildCard(R) {
    const parts = {};
    parts.title = el('h3', { class: 'room-card-title' });
    parts.phase = el('span', { class: 'phase-pill', 'data-testid': 'room-phase' });
    parts.turn = el('span', { class: 'turn', 'data-testid': 'room-turn' });
    parts.paused = el('span', { class: 'badge badge-paused', 'data-testid': 'room-paused' }, 'Paused');
    parts.grace = el('span', { class: 'badge', 'data-testid': 'room-grace' }, 'Grace');
    parts.help = el('span', { class: 'badge badge-help', 'data-testid': 'room-help' }, 'Help requested');
    parts.time = el('p', { class: 'room-time', 'data-testid': 'room-remaining' });
    parts.members = el('ul', { class: 'people members', 'data-testid': 'room-members' });
    parts.feedback = el('p', { class: 'hint room-feedback', 'data-testid': 'room-feedback' });

    const msgId = `room-msg-${R.id}`;
    const msgText = el('input', { id: msgId, maxlength: 500, autocomplete: 'off', 'data-testid': 'room-message-text' });
    const msgForm = el('form', { class: 'inline-form', novalidate: true },
      el('label', { for: msgId, class: 'sr-only' }, 'Message to this room'), msgText,
      el('button', { type: 'submit', class: 'secondary', 'data-testid': 'room-message-send' }, 'Send'));
    msgForm.addEventListener('submit', async ev => {
      ev.preventDefault();
      const text = msgText.value.trim();
      if (!text) { msgText.focus(); return; }
      if (await run({ type: 'broadcast', text, room: R.id }, `Message sent to room ${cards.get(R.id).R.number}.`)) msgText.value = '';
    });

    const moveId = `room-move-${R.id}`;
    const moveSelect = el('select', { id: moveId, 'data-testid': 'move-select' });
    const moveForm = el('form', { class: 'inline-form', novalidate: true },
      el('label', { for: moveId, class: 'sr-only' }, 'Person to move into this room'), moveSelect,
      el('button', { type: 'submit', class: 'secondary', 'data-testid': 'move-send' }, 'Move here'));
    const moveDetails = el('details', { class: 'room-more' }, el('summary', null, 'Move someone here'), moveForm);
    moveDetails.addEventListener('toggle', () => { if (moveDetails.open) fillMoveSelect(moveSelect, R.id); });
    moveForm.addEventListener('submit', async ev => {
      ev.preventDefault();
      if (!moveSelect.value) return;
      const who = ctx.state.roster.get(moveSelect.value);
      if (await run({ type: 'move', participant: moveSelect.value, room: R.id },
        `${who ? who.name : 'They'} moved to room ${cards.get(R.id).R.number}.`)) fillMoveSelect(moveSelect, R.id);
    });

    // Drop into this room's call, and leave again (call/call.js).
    parts.call = el('button', { type: 'button', class: 'secondary', 'data-testid': 'fac-call-join', onclick: () => {
      const c = cards.get(R.id);
      if (ctx.call.visiting === R.id) ctx.call.leaveVisit();
      else ctx.call.visit(c.R);
    } });
    const node = el('article', { class: 'room-card', 'data-testid': 'room-card', 'data-room-id': R.id },
      el('header', { class: 'room-card-head' }, parts.title, parts.phase, parts.turn, parts.paused, parts.grace, parts.help),
      parts.time, parts.members, parts.feedback, parts.call,
      controlButtons(R.id, parts),
      el('details', { class: 'room-more' }, el('summary', null, 'Message this room'), msgForm),
      moveDetails);
    return { R, node, parts };
  }

  function paintCard(card) {
    const { R, node, parts } = card;
    node.dataset.roomNumber = String(R.number);
    node.dataset.phase = R.phase;
    node.dataset.paused = R.paused ? 'true' : 'false';
    parts.title.textContent = `Room ${R.number}`;
    parts.phase.textContent = PHASES[R.phase] || R.phase;
    parts.phase.dataset.phase = R.phase;
    parts.turn.textContent = R.turns > 1 && R.phase !== 'closed' ? `Turn ${R.turn + 1} of ${R.turns}` : '';
    parts.paused.hidden = !R.paused;
    parts.grace.hidden = !R.grace;
    const help = [...ctx.state.help.values()].some(h => h.room === R.id);
    parts.help.hidden = !help;
    node.dataset.help = help ? 'true' : 'false';
    parts.pause.textContent = R.paused ? 'Resume' : 'Pause';
    parts.pause.setAttribute('aria-label', `${R.paused ? 'Resume' : 'Pause'} room ${R.number}`);
    for (const b of node.querySelectorAll('.controls button, .controls input')) b.disabled = R.phase === 'closed';
    const inCall = ctx.call && ctx.call.visiting === R.id;
    parts.call.textContent = inCall ? 'Leave the call' : 'Join the call';
    parts.call.setAttribute('aria-label', `${inCall ? 'Leave' : 'Join'} the call of room ${R.number}`);
    parts.call.disabled = R.phase === 'closed' && !inCall;
    node.dataset.inCall = inCall ? 'true' : 'false';
    setChildren(parts.members, (R.members || []).map(m => el('li', { class: `person${m.online === false ? ' offline' : ''}`, 'data-testid': 'room-member' },
      el('span', { class: `dot ${m.online === false ? 'dot-off' : 'dot-on'}`, 'aria-hidden': 'true' }),
      el('span', { class: 'person-name' }, m.name),
      el('span', { class: `role-tag role-${m.role}` }, roleName(m.role)),
      m.online === false ? el('span', { class: 'sr-only' }, ' (offline)') : null)));
    const fb = R.feedback;
    parts.feedback.textContent = fb && (fb.sent || fb.softened)
      ? `Feedback: ${fb.sent} sent · ${fb.softened || 0} softened` : '';   // counts only, never content
    paintTime(card);
  }

  function paintTime(card) {
    const { R, parts } = card;
    const ms = remainingMs(R, ctx.sock.serverNow());
    const text = R.phase === 'closed' ? 'Closed' : formatRemaining(ms);
    if (parts.time.textContent !== text) parts.time.textContent = text;
    parts.time.dataset.seconds = String(Math.ceil(ms / 1000));
    parts.time.dataset.warn = R.phase !== 'closed' && !R.paused && ms <= 60000 ? 'true' : 'false';
  }

  function tick() { for (const card of cards.values()) paintTime(card); }

  // ---- moving people -----------------------------------------------------------------------
  function roomOf(pid) {
    for (const { R } of cards.values()) if (R.phase !== 'closed' && (R.members || []).some(m => m.id === pid)) return R;
    return null;
  }

  function fillMoveSelect(select, roomId) {
    const people = [...ctx.state.roster.values()].filter(p => !p.left && !(roomOf(p.id) && roomOf(p.id).id === roomId))
      .sort((a, b) => a.name.localeCompare(b.name));
    setChildren(select, people.length ? people.map(p => {
      const r = roomOf(p.id);
      return el('option', { value: p.id }, `${p.name} — ${r ? `room ${r.number}` : 'waiting'}${p.online === false ? ' (offline)' : ''}`);
    }) : el('option', { value: '' }, 'Nobody to move'));
  }

  function openRooms() {
    return [...cards.values()].map(c => c.R).filter(R => R.phase !== 'closed').sort((a, b) => a.number - b.number);
  }

  function renderWaiting() {
    const section = $('#waiting-section');
    const active = isRoundActive();
    const waiting = active ? [...ctx.state.roster.values()].filter(p => !p.left && !roomOf(p.id)) : [];
    section.hidden = !active;
    $('#waiting-count').textContent = String(waiting.length);
    const rooms = openRooms();
    setChildren($('#waiting-list'), waiting.length ? waiting.map(p => {
      const selId = `place-${p.id}`;
      const select = el('select', { id: selId, 'data-testid': 'place-room' },
        rooms.map(R => el('option', { value: R.id }, `Room ${R.number} (${(R.members || []).length})`)));
      if (placeChoice.has(p.id) && rooms.some(R => R.id === placeChoice.get(p.id))) select.value = placeChoice.get(p.id);
      select.addEventListener('change', () => placeChoice.set(p.id, select.value));
      const form = el('form', { class: 'inline-form', novalidate: true },
        el('label', { for: selId, class: 'sr-only' }, `Room for ${p.name}`), select,
        el('button', { type: 'submit', class: 'secondary', 'data-testid': 'place-send' }, 'Place in room'));
      form.addEventListener('submit', ev => {
        ev.preventDefault();
        const R = rooms.find(r => r.id === select.value);
        if (R) run({ type: 'move', participant: p.id, room: R.id }, `${p.name} placed in room ${R.number}.`);
      });
      return el('li', { class: `person waiting${p.online === false ? ' offline' : ''}`, 'data-testid': 'waiting-person', 'data-id': p.id },
        el('span', { class: `dot ${p.online === false ? 'dot-off' : 'dot-on'}`, 'aria-hidden': 'true' }),
        el('span', { class: 'person-name' }, p.name), rooms.length ? form : el('span', { class: 'muted' }, 'no open room'));
    }) : el('li', { class: 'muted' }, 'Everyone is in a room.'));
  }

  function isRoundActive() { return [...cards.values()].some(c => c.R.phase !== 'closed'); }

  function summarize() {
    const all = [...cards.values()].map(c => c.R);
    const open = all.filter(R => R.phase !== 'closed').length;
    const paused = all.filter(R => R.paused).length;
    $('#round-summary').textContent = all.length
      ? `Round ${round && round.number ? round.number : ''} · ${open} of ${all.length} rooms open${paused ? ` · ${paused} paused` : ''}`
      : '';
    $('#rooms-section').hidden = all.length === 0;
    $('#all-controls').hidden = open === 0;
    ctx.onRoundActive(open > 0);
  }

  function sorted() { return [...cards.values()].sort((a, b) => a.R.number - b.R.number); }

  return {
    // `rooms {round, rooms}`: the whole picture (after launch and on hello).
    setRooms(msg) {
      round = msg.round || null;
      cards.clear();
      for (const R of msg.rooms || []) cards.set(R.id, buildCard(R));
      setChildren($('#rooms-grid'), sorted().map(c => c.node));
      for (const c of cards.values()) paintCard(c);
      summarize();
      renderWaiting();
    },
    // `room_update {room}`: one room changed.
    updateRoom(R) {
      let card = cards.get(R.id);
      if (!card) {
        card = buildCard(R);
        cards.set(R.id, card);
        setChildren($('#rooms-grid'), sorted().map(c => c.node));
      }
      card.R = { ...card.R, ...R };
      paintCard(card);
      summarize();
      renderWaiting();
    },
    rosterChanged: renderWaiting,
    // Help requests changed: mark the rooms that asked.
    helpChanged() { for (const c of cards.values()) paintCard(c); },
    // The facilitator joined or left a room's call: the cards' Join/Leave buttons.
    callChanged() { for (const c of cards.values()) paintCard(c); },
    roomOf,
  };
}
