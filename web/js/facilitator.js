// facilitator.js — the facilitator page (facilitate.html). Owns: naming a session
// (create_session), the facilitator token ("softclose.facilitator", or the #t= fragment of the
// facilitator link) and resuming with hello, the join code and links with copy buttons, the live
// roster, help requests (help_requested / help_list / help_ack), "message everyone", and wiring
// the launcher (fac-launch.js) and the rooms overview (fac-rooms.js) to the socket.
import { $, el, setChildren, showOnly, formatClock, copyText, store, showConnStatus } from './dom.js';
import { Socket } from './socket.js';
import { bindMuteButton, chime } from './chime.js';
import { createLauncher } from './fac-launch.js';
import { createRoomsView } from './fac-rooms.js';
import { createAfterSession } from './fac-settings.js';
import { createCall } from './call/call.js';
import { createAnnouncer, liveRegion } from './announcer.js';

const KEY = 'softclose.facilitator';
const VIEWS = ['view-create', 'view-dashboard'];

const state = {
  saved: null,            // {token, session:{id,code,name}}
  roster: new Map(),      // id -> {id, name, online, joined_at, room}
  count: 0,
  help: new Map(),        // help id -> {id, room, number, participant:{id,name}, text, at}
};

function loadSaved() {
  try {
    const v = JSON.parse(store.get(KEY) || 'null');
    return v && typeof v.token === 'string' ? v : null;
  } catch { return null; }
}
function save(v) { state.saved = v; store.set(KEY, JSON.stringify(v)); }
function forget() { state.saved = null; store.remove(KEY); sock.setToken(null); }

let announceTimer = null;
function announce(text) {
  const region = $('#sr-announce');
  region.textContent = '';
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { region.textContent = text; }, 60);
}

let statusTimer = null;
function setStatus(text, isError = false) {
  const s = $('#rooms-status');
  s.textContent = text;
  s.classList.toggle('error', isError);
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => { s.textContent = ''; }, isError ? 12000 : 6000);
}

// Coalesces repeated calls of fn into one on the next 50 ms (large sessions send many updates).
const scheduled = new Map();
function schedule(fn) {
  if (scheduled.has(fn)) return;
  scheduled.set(fn, setTimeout(() => { scheduled.delete(fn); fn(); }, 50));
}

const sock = new Socket({ onMessage, onStatus, onHello });
const ctx = {
  sock, state, announce, setStatus,
  onRoundActive(active) {
    document.body.dataset.round = active ? 'active' : 'none';
    launcher.setRoundActive(active);
  },
};
const launcher = createLauncher(ctx, $('#launch-form'));
const rooms = createRoomsView(ctx);
const afterSession = createAfterSession(ctx, $('#after-session'));
// Dropping into a room's call (call/call.js); the room cards have the Join/Leave buttons.
const call = createCall({
  sock, announce: createAnnouncer(liveRegion('sr-call')), root: $('#fac-call'), facilitator: true,
  me: () => ({ name: 'Facilitator' }),
  onVisitChange: () => rooms.callChanged(),
});
ctx.call = call;

function onStatus(status) {
  call.onStatus(status);
  showConnStatus(status, 'Reconnecting… rooms and timers keep running on the server.');
}

function onHello(result) {
  if (result && result.type === 'welcome' && result.role === 'facilitator') {
    save({ ...state.saved, session: result.session });
    call.onWelcome(result);
    showDashboard();
    return;
  }
  forget();
  showCreate(result && result.type === 'welcome'
    ? 'That link belongs to a participant, not a facilitator. Start a session here, or open your facilitator link.'
    : 'That facilitator link is not valid any more. Start a new session, or open the link you were given when you created it.');
}

function onMessage(msg) {
  afterSession.onMessage(msg);   // counts, retention, end session (fac-settings.js)
  call.onMessage(msg);           // the call of a room visited (call/call.js)
  switch (msg.type) {
    case 'roster':
      state.roster = new Map((msg.participants || []).map(p => [p.id, p]));
      state.count = msg.count ?? state.roster.size;
      schedule(renderRoster);
      rooms.rosterChanged();
      break;
    case 'roster_update': {
      const p = msg.participant;
      if (!p || !p.id) break;
      if (p.left) state.roster.delete(p.id);
      else state.roster.set(p.id, { ...state.roster.get(p.id), ...p });
      if (typeof msg.count === 'number') state.count = msg.count;
      schedule(renderRoster);
      schedule(rooms.rosterChanged);
      break;
    }
    case 'rooms':
      rooms.setRooms(msg);
      schedule(renderRoster);
      break;
    case 'room_update':
      rooms.updateRoom(msg.room);
      call.roomChanged(msg.room);
      schedule(renderRoster);
      break;
    case 'rooms_update':   // many rooms at once (a shared deadline, "pause all")
      for (const R of msg.rooms || []) { rooms.updateRoom(R); call.roomChanged(R); }
      schedule(renderRoster);
      break;
    case 'help_list':
      state.help = new Map((msg.requests || []).map(h => [h.id, h]));
      renderHelp();
      break;
    case 'help_requested':
      state.help.set(msg.help.id, msg.help);
      renderHelp();
      chime('help');
      announce(`Help requested in room ${msg.help.number} by ${msg.help.participant ? msg.help.participant.name : 'someone'}.`);
      break;
    case 'help_acked':
      state.help.delete(typeof msg.help === 'object' && msg.help ? msg.help.id : msg.help);
      renderHelp();
      break;
    default:
      break;
  }
}

// ---- views ----------------------------------------------------------------------------------
function showCreate(notice) {
  const n = $('#create-notice');
  n.hidden = !notice;
  n.textContent = notice || '';
  $('#new-session').hidden = true;
  $('#top-session').textContent = '';
  showOnly(VIEWS, 'view-create');
  document.body.dataset.view = 'view-create';
}

function showDashboard() {
  const { session, token } = state.saved;
  const base = new URL('.', location.href);
  $('#dash-title').textContent = session.name;
  $('#top-session').textContent = session.name;
  $('#join-code-big').textContent = session.code;
  $('#join-code-big').setAttribute('aria-label', `Join code ${session.code.split('').join(' ')}`);
  $('#participant-link').value = new URL(`./?code=${encodeURIComponent(session.code)}`, base).href;
  $('#facilitator-link').value = new URL(`./facilitate.html#t=${encodeURIComponent(token)}`, base).href;
  $('#new-session').hidden = false;
  document.title = `softclose — ${session.name}`;
  showOnly(VIEWS, 'view-dashboard');
  document.body.dataset.view = 'view-dashboard';
}

function renderRoster() {
  const list = $('#fac-roster');
  const people = [...state.roster.values()].sort((a, b) =>
    (b.online !== false) - (a.online !== false) || a.name.localeCompare(b.name));
  const online = people.filter(p => p.online !== false).length;
  $('#roster-count').textContent = `${state.count} · ${online} online`;
  setChildren(list, people.length ? people.map(p => {
    const R = rooms.roomOf(p.id);
    const roomNo = R ? R.number : p.room;
    return el('li', { class: `person${p.online === false ? ' offline' : ''}`, 'data-testid': 'fac-person', 'data-id': p.id,
      'data-online': p.online === false ? 'false' : 'true' },
    el('span', { class: `dot ${p.online === false ? 'dot-off' : 'dot-on'}`, title: p.online === false ? 'offline' : 'online' }),
    el('span', { class: 'person-name' }, p.name),
    roomNo ? el('span', { class: 'room-tag' }, `Room ${roomNo}`) : null,
    el('span', { class: 'sr-only' }, p.online === false ? ' (offline)' : ' (online)'));
  }) : el('li', { class: 'muted' }, 'Nobody has joined yet. Share the code or the participant link.'));
}

function renderHelp() {
  const requests = [...state.help.values()].sort((a, b) => a.at - b.at);
  $('#help-count').textContent = requests.length ? String(requests.length) : '';
  $('#help-section').classList.toggle('has-requests', requests.length > 0);
  rooms.helpChanged();
  setChildren($('#help-list'), requests.length ? requests.map(h => el('li', { class: 'help-item', 'data-testid': 'help-item', 'data-id': h.id },
    el('p', { class: 'help-who' },
      el('strong', null, `Room ${h.number}`), ' · ',
      h.participant ? h.participant.name : 'someone', ' · ',
      el('time', { datetime: new Date(h.at).toISOString() }, formatClock(h.at))),
    h.text ? el('p', { class: 'help-text' }, h.text) : null,
    el('button', { type: 'button', class: 'secondary', 'data-testid': 'help-ack', onclick: ev => ack(h, ev.currentTarget) }, 'Acknowledge')))
    : el('li', { class: 'muted' }, 'No open requests.'));
}

async function ack(h, button) {
  button.disabled = true;
  try {
    await sock.request({ type: 'help_ack', help: h.id });
    state.help.delete(h.id);
    renderHelp();
  } catch (err) {
    button.disabled = false;
    setStatus(err.message, true);
  }
}

// ---- actions --------------------------------------------------------------------------------
$('#create-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const input = $('#session-name');
  const name = input.value.trim();
  const error = $('#create-error');
  if (!name) {
    error.textContent = 'Give the session a name, e.g. "Counselling skills, week 3".';
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  error.textContent = '';
  const button = $('#create-submit');
  button.disabled = true;
  try {
    const reply = await sock.request({ type: 'create_session', name });
    save({ token: reply.facilitator_token, session: reply.session });
    sock.setToken(reply.facilitator_token);
    state.roster.clear();
    state.help.clear();
    rooms.setRooms({ round: null, rooms: [] });
    renderRoster();
    renderHelp();
    showDashboard();
    $('#join-code-big').focus();
  } catch (err) {
    error.textContent = err.message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } finally {
    button.disabled = false;
  }
});

for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const input = document.getElementById(button.dataset.copy);
    const ok = await copyText(input.value, input);
    $('#copy-status').textContent = ok ? 'Copied.' : 'Could not copy: select the link and copy it by hand.';
  });
}

$('#reveal-link').addEventListener('click', ev => {
  const input = $('#facilitator-link');
  const show = input.type === 'password';
  input.type = show ? 'text' : 'password';
  ev.currentTarget.textContent = show ? 'Hide' : 'Show';
  ev.currentTarget.setAttribute('aria-pressed', show ? 'true' : 'false');
});

$('#message-all').addEventListener('submit', async ev => {
  ev.preventDefault();
  const box = $('#message-all-text');
  const status = $('#message-all-status');
  const text = box.value.trim();
  if (!text) { box.focus(); return; }
  try {
    await sock.request({ type: 'broadcast', text });
    status.textContent = 'Sent.';
    status.classList.remove('error');
    box.value = '';
  } catch (err) {
    status.textContent = err.message;
    status.classList.add('error');
  }
});

$('#new-session').addEventListener('click', () => { $('#new-session-confirm').hidden = false; $('#new-session-yes').focus(); });
$('#new-session-no').addEventListener('click', () => { $('#new-session-confirm').hidden = true; });
$('#new-session-yes').addEventListener('click', () => {
  $('#new-session-confirm').hidden = true;
  forget();
  sock.restart();   // this connection is signed in as the facilitator; start a fresh one
  state.roster.clear();
  state.help.clear();
  rooms.setRooms({ round: null, rooms: [] });
  renderRoster();
  renderHelp();
  showCreate('');
  $('#session-name').value = '';
  $('#session-name').focus();
});

// ---- start ----------------------------------------------------------------------------------
// Opening another facilitator link in this tab: start over with it.
window.addEventListener('hashchange', () => { if (/[#&]t=/.test(location.hash)) location.reload(); });
bindMuteButton($('#mute-toggle'));
renderRoster();
renderHelp();
{
  const fragment = new URLSearchParams(location.hash.slice(1)).get('t');
  if (fragment) {
    // Keep the secret out of the address bar (screen sharing); it is stored on this device.
    history.replaceState(null, '', location.pathname + location.search);
    const prev = loadSaved();
    save({ token: fragment, session: prev && prev.token === fragment ? prev.session : null });
  } else {
    state.saved = loadSaved();
  }
  if (state.saved) {
    sock.setToken(state.saved.token);
    if (state.saved.session) showDashboard();
    else showOnly(VIEWS, null);
  } else {
    showCreate('');
    $('#session-name').focus();
  }
}
