// participant.js — the participant page (index.html). Owns: the join form (code from ?code=),
// the stored token ("softclose.token": {token, session, participant}) and resuming with hello
// (also from a return link `#t=<token>`, see return-link.js),
// the lobby (session, you, who is here, waiting message), switching to the room card
// (room-view.js), facilitator broadcasts, the help request, leaving, and the connection banner.
// A phase change the server announced ahead is shown at its deadline (phase-ahead.js) through the
// same message handler as the server's own.
import { $, el, setChildren, showOnly, formatClock, store, showConnStatus } from './dom.js';
import { Socket } from './socket.js';
import { bindMuteButton } from './chime.js';
import { createRoomView } from './room-view.js';
import { createFeedbackView } from './feedback-view.js';
import { createFollowups } from './followups.js';
import { takeReturnToken } from './return-link.js';
import { createCall } from './call/call.js';
import { createAnnouncer, liveRegion } from './announcer.js';
import { createPhaseAhead } from './phase-ahead.js';

const TOKEN_KEY = 'softclose.token';
const VIEWS = ['view-join', 'view-lobby', 'view-room'];
const DEFAULT_LOBBY = "Waiting for the facilitator to start a round. You'll be placed in a room automatically.";

const S = {
  saved: null,            // {token, session:{id,code,name}, participant:{id,name}}
  roster: new Map(),      // id -> {id, name, online}
  count: 0,
  namesIncluded: true,
  lobbyMessage: DEFAULT_LOBBY,
  broadcasts: [],         // {text, at, room}
  helpPending: false,
};

const normCode = c => String(c || '').toUpperCase().replace(/[\s-]/g, '');

function loadSaved() {
  try {
    const v = JSON.parse(store.get(TOKEN_KEY) || 'null');
    return v && typeof v.token === 'string' && v.session ? v : null;
  } catch { return null; }
}
function save(v) { S.saved = v; store.set(TOKEN_KEY, JSON.stringify(v)); }
function forget() { S.saved = null; store.remove(TOKEN_KEY); sock.setToken(null); ahead.cancel(); followups.reset(); call.reset(); }

// ---- screen reader announcements ----------------------------------------------------------
let announceTimer = null;
function announce(text) {
  const region = $('#sr-announce');
  // Clear first so repeating the same sentence is still announced.
  region.textContent = '';
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { region.textContent = text; }, 60);
}

// ---- socket ---------------------------------------------------------------------------------
const sock = new Socket({ onMessage, onStatus, onHello });
const ahead = createPhaseAhead({
  now: () => sock.serverNow(), ready: () => sock.synced, me: () => ((S.saved && S.saved.participant) || {}).id,
  deliver: onMessage,
});
const roomView = createRoomView({ sock, announce, me: () => (S.saved && S.saved.participant) || {} });
const feedbackView = createFeedbackView({ sock, announce, me: () => (S.saved && S.saved.participant) || {} });
// Follow-ups between former room mates, the return link and the account (followups.js).
const followups = createFollowups({
  sock, announce,
  me: () => (S.saved && S.saved.participant) || {},
  getToken: () => (S.saved ? S.saved.token : null),
  setToken: token => { save({ ...S.saved, token }); sock.setToken(token); },
  sessionName: () => (S.saved && S.saved.session ? S.saved.session.name : ''),
  onDeleted: notice => { forget(); roomView.reset(); sock.restart(); showJoin(notice); },
});
// The room's call (call/call.js): joins by itself while the room is open.
const call = createCall({
  sock, announce: createAnnouncer(liveRegion('sr-call')), root: $('#call-panel'),
  me: () => (S.saved && S.saved.participant) || {},
  wayBack: () => { const w = $('#way-back'); if (w) { w.scrollIntoView({ behavior: 'smooth', block: 'start' }); w.querySelector('h2, [tabindex], button, a')?.focus(); } },
});

function onStatus(status) {
  call.onStatus(status);
  showConnStatus(status, 'Reconnecting… your place is kept; the timer keeps running.');
}

function onHello(result) {
  if (result && result.type === 'welcome') {
    if (result.role !== 'participant') {   // a facilitator token ended up here
      forget();
      setTimeout(() => sock.restart(), 0);   // this connection is signed in as the facilitator
      showJoin('That link belongs to a facilitator; open the facilitator page to use it.');
      return;
    }
    save({ ...S.saved, session: result.session, participant: result.participant || S.saved.participant });
    call.onWelcome(result);
    ahead.cancel();   // the server sends this connection's room and phase again
    renderIdentity();
    // The server follows the welcome with `room` + `phase` (in a room) or `lobby`; until then
    // keep what is on screen, and fall back to the lobby if no room comes.
    roomView.reset();
    if (!document.body.dataset.view) showLobby();   // opened from a return link: nothing shown yet
    clearTimeout(S.lobbyFallback);
    S.lobbyFallback = setTimeout(() => { if (!roomView.room) showLobby(); }, 1500);
    return;
  }
  const name = S.saved && S.saved.session ? `“${S.saved.session.name}”` : 'the session';
  const code = S.saved && S.saved.session ? S.saved.session.code : '';
  const fromLink = S.saved && S.saved.fromLink;
  forget();
  roomView.reset();
  if (fromLink) {
    showJoin('This return link no longer works: a newer link was made for it, or the account was deleted. ' +
      'Open your newest return link, or join again with the code from your facilitator.', code);
    return;
  }
  showJoin(`Your place in ${name} is no longer valid (you may have left it, or the facilitator removed it). Join again with the code.`, code);
}

function onMessage(msg) {
  ahead.onMessage(msg);          // schedules `phase.next`; its own messages come back here with `ahead: true`
  feedbackView.onMessage(msg);   // feedback step and soft close (feedback-view.js)
  followups.onMessage(msg);      // follow-ups, "Your rooms" (followups.js)
  call.onMessage(msg);           // the room's call and chat (call/call.js)
  switch (msg.type) {
    case 'roster':
      S.roster = new Map((msg.participants || []).map(p => [p.id, p]));
      S.count = msg.count ?? S.roster.size;
      S.namesIncluded = msg.names_included !== false;
      renderRoster();
      break;
    case 'roster_update': {
      const p = msg.participant;
      if (p && p.left) S.roster.delete(p.id);
      else if (p && p.id) S.roster.set(p.id, p);
      if (typeof msg.count === 'number') S.count = msg.count;
      renderRoster();
      break;
    }
    case 'lobby':
      S.lobbyMessage = msg.message || DEFAULT_LOBBY;
      $('#lobby-message').textContent = S.lobbyMessage;
      if (!roomView.isOpen()) showLobby();
      break;
    case 'room':
      if (!roomView.room || roomView.room.room.id !== msg.room.id) {
        setHelp(false, '');
        $('#latest-broadcast').hidden = true;   // it belonged to the previous room
      }
      roomView.setRoom(msg);
      show('view-room');
      break;
    case 'phase':
      roomView.setPhase(msg);
      break;
    case 'broadcast':
      addBroadcast(msg);
      break;
    case 'help_acknowledged':
      setHelp(false, 'The facilitator has seen your request and will join you soon.');
      announce('The facilitator has seen your help request.');
      break;
    case 'signed_out':
      forget();
      roomView.reset();
      showJoin(msg.reason === 'deleted' ? 'Your account and messages were deleted (from another tab or device).'
        : msg.reason === 'revoked' ? 'A new return link was made for you, so this device was signed out. Open the new link to come back.'
          : 'You left this session (from another tab or device).');
      break;
    default:
      break;
  }
}

// ---- views ----------------------------------------------------------------------------------
function show(id) {
  showOnly(VIEWS, id);
  const inSession = id !== 'view-join';
  $('#leave-area').hidden = !inSession;
  $('#broadcasts-section').hidden = !inSession || S.broadcasts.length === 0;
  $('#top-session').textContent = inSession && S.saved ? S.saved.session.name : '';
  document.body.dataset.view = id;
}

function showJoin(notice, code) {
  const n = $('#join-notice');
  n.hidden = !notice;
  n.textContent = notice || '';
  if (code) $('#join-code').value = code;
  $('#join-error').textContent = '';
  $('#join-submit').disabled = false;
  S.broadcasts = [];
  renderBroadcasts();
  show('view-join');
}

function showLobby() {
  renderIdentity();
  $('#lobby-message').textContent = S.lobbyMessage;
  show('view-lobby');
}

function renderIdentity() {
  if (!S.saved) return;
  $('#lobby-title').textContent = S.saved.session.name;
  $('#lobby-you').textContent = S.saved.participant ? S.saved.participant.name : '';
  $('#top-session').textContent = document.body.dataset.view === 'view-join' ? '' : S.saved.session.name;
}

function renderRoster() {
  const list = $('#lobby-roster');
  $('#lobby-count').textContent = `${S.count} ${S.count === 1 ? 'person' : 'people'}`;
  if (!S.namesIncluded) {
    setChildren(list, el('li', { class: 'muted' }, `${S.count} people are here — too many to list by name.`));
    return;
  }
  const meId = S.saved && S.saved.participant ? S.saved.participant.id : null;
  const people = [...S.roster.values()].sort((a, b) =>
    (b.id === meId) - (a.id === meId) || (b.online !== false) - (a.online !== false) || a.name.localeCompare(b.name));
  setChildren(list, people.map(p => el('li', {
    class: `person${p.online === false ? ' offline' : ''}`, 'data-testid': 'lobby-person', 'data-id': p.id,
  },
  el('span', { class: `dot ${p.online === false ? 'dot-off' : 'dot-on'}`, 'aria-hidden': 'true' }),
  el('span', { class: 'person-name' }, p.name),
  p.id === meId ? el('span', { class: 'muted' }, ' (you)') : null,
  p.online === false ? el('span', { class: 'muted' }, ' — offline') : null)));
}

function addBroadcast(msg) {
  if (S.broadcasts.some(b => b.at === msg.at && b.text === msg.text)) return;   // replayed on hello
  S.broadcasts.push({ text: msg.text, at: msg.at || sock.serverNow(), room: msg.room });
  S.broadcasts.sort((a, b) => a.at - b.at);
  renderBroadcasts();
  announce(`Message from the facilitator: ${msg.text}`);
  // The newest message also shows right under the countdown for two minutes.
  const latest = $('#latest-broadcast');
  const age = sock.serverNow() - (msg.at || sock.serverNow());
  const current = roomView.room && roomView.room.room.id;
  if (age < 120000 && (!msg.room || msg.room === current)) {
    setChildren(latest, el('span', { class: 'kicker' }, 'From the facilitator'), el('span', null, msg.text));
    latest.hidden = false;
    clearTimeout(S.latestTimer);
    S.latestTimer = setTimeout(() => { latest.hidden = true; }, 120000 - Math.max(0, age));
  }
}

function renderBroadcasts() {
  const list = $('#broadcasts');
  setChildren(list, [...S.broadcasts].reverse().map(b => el('li', { 'data-testid': 'broadcast' },
    el('time', { datetime: new Date(b.at).toISOString() }, formatClock(b.at)),
    el('span', { class: 'broadcast-text' }, b.text))));
  $('#broadcasts-section').hidden = S.broadcasts.length === 0 || document.body.dataset.view === 'view-join';
}

function setHelp(pending, status) {
  S.helpPending = pending;
  $('#help-button').disabled = pending;
  $('#help-button').textContent = pending ? 'Help requested' : 'Ask for help';
  $('#help-status').textContent = status;
}

// ---- actions --------------------------------------------------------------------------------
$('#join-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const codeInput = $('#join-code');
  const nameInput = $('#join-name');
  const code = codeInput.value.trim();
  const name = nameInput.value.trim();
  const error = $('#join-error');
  codeInput.removeAttribute('aria-invalid');
  nameInput.removeAttribute('aria-invalid');
  if (!normCode(code)) return fail(codeInput, 'Enter the join code your facilitator gave you.');
  if (!name) return fail(nameInput, 'Enter your name so your room mates know who you are.');
  error.textContent = '';
  const button = $('#join-submit');
  button.disabled = true;
  button.textContent = 'Joining…';
  try {
    const welcome = await sock.request({ type: 'join', code, name });
    save({ token: welcome.token, session: welcome.session, participant: welcome.participant });
    sock.setToken(welcome.token);
    call.onWelcome(welcome);
    followups.joined();   // shows the return link card
    S.broadcasts = [];
    S.lobbyMessage = DEFAULT_LOBBY;
    roomView.reset();
    if (!roomView.isOpen()) showLobby();
    $('#join-notice').hidden = true;
    const url = new URL(location.href);
    if (url.searchParams.get('code') !== welcome.session.code) {
      url.searchParams.set('code', welcome.session.code);
      history.replaceState(null, '', url);
    }
  } catch (err) {
    fail(err.code === 'not_found' ? codeInput : err.code === 'bad_request' ? nameInput : null, err.message);
  } finally {
    button.disabled = false;
    button.textContent = 'Join';
  }

  function fail(input, message) {
    error.textContent = message;
    if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
  }
});

$('#help-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  if (S.helpPending) return;
  const text = $('#help-text').value.trim();
  setHelp(true, 'Sending…');
  try {
    await sock.request(text ? { type: 'help', text } : { type: 'help' });
    setHelp(true, 'Help requested — the facilitator has been told.');
    $('#help-text').value = '';
    announce('Help requested.');
  } catch (err) {
    setHelp(false, err.message);
  }
});

$('#leave-button').addEventListener('click', () => {
  $('#leave-confirm').hidden = false;
  $('#leave-button').hidden = true;
  $('#leave-yes').focus();
});
$('#leave-no').addEventListener('click', () => {
  $('#leave-confirm').hidden = true;
  $('#leave-button').hidden = false;
  $('#leave-button').focus();
});
$('#leave-yes').addEventListener('click', async () => {
  const code = S.saved ? S.saved.session.code : '';
  try {
    await sock.request({ type: 'leave' });
  } catch (err) {
    if (err.code !== 'unauthorized') {
      $('#leave-confirm').querySelector('p').textContent = `Could not leave: ${err.message}`;
      return;
    }
  }
  $('#leave-confirm').hidden = true;
  $('#leave-button').hidden = false;
  forget();
  roomView.reset();
  showJoin('You left the session. Thank you for practising.', code);
});

// ---- start ----------------------------------------------------------------------------------
bindMuteButton($('#mute-toggle'));
{
  const urlCode = new URLSearchParams(location.search).get('code');
  if (urlCode) $('#join-code').value = normCode(urlCode);
  const saved = loadSaved();
  const linkToken = takeReturnToken();   // a return link: <page>#t=<token>
  if (linkToken) {
    // It replaces whatever this browser had; the welcome fills in the session and the name.
    S.saved = { token: linkToken, session: null, participant: null, fromLink: true };
    if (saved && saved.token === linkToken) S.saved = { ...saved, fromLink: true };
    sock.setToken(linkToken);
    if (S.saved.session) showLobby(); else showOnly(VIEWS, null);
  } else if (saved && (!urlCode || normCode(urlCode) === normCode(saved.session.code))) {
    S.saved = saved;
    sock.setToken(saved.token);
    showLobby();   // shown at once; the welcome from hello confirms it
  } else {
    show('view-join');
    (urlCode ? $('#join-name') : $('#join-code')).focus();
  }
}
