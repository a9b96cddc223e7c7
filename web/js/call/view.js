// call/view.js — draws the call into its root element: a tile per person (video or initials,
// name, role badge, muted / camera-off, speaking), the controls (microphone, camera, device
// choice, leave / rejoin), what is missing and how to fix it, the external call link, the gentle
// "room closed" moment, and the room chat. All user text goes in through textContent (el()).
import { el, setChildren, formatClock } from '../dom.js';
import { ROLES } from '../room-view.js';

const roleName = (p) => (p.facilitator ? 'Facilitator' : ROLES[p.role] ? ROLES[p.role].name : p.role || '');
const initials = name => String(name || '?').trim().split(/\s+/).slice(0, 2).map(w => [...w][0] || '').join('').toUpperCase() || '?';

export function createCallView({ root, facilitator, roster, media, state: S, me, actions, announce = () => {} }) {
  const tiles = new Map();   // peer id | 'self' -> {li, video, avatar, name, role, flags, speaking}
  const streams = new Map(); // peer id -> MediaStream
  let soundBlocked = false;

  // ---- the fixed parts --------------------------------------------------------------------
  const title = el('h2', { class: 'section-title call-title', id: `${root.id}-title` }, 'Call');
  const status = el('p', { class: 'call-status', 'data-testid': 'call-status' });
  const problems = el('div', { class: 'call-problems notice', 'data-testid': 'call-problems', hidden: true });
  const errorLine = el('p', { class: 'form-error', 'data-testid': 'call-error' });
  const externalBox = el('div', { class: 'call-external', 'data-testid': 'call-external', hidden: true });
  const endedBox = el('div', { class: 'call-ended', 'data-testid': 'call-ended', role: 'status', hidden: true });
  const tileList = el('ul', { class: 'call-tiles', 'data-testid': 'call-tiles', 'aria-label': 'People in the call' });
  const soundButton = el('button', { type: 'button', class: 'primary', 'data-testid': 'call-sound', hidden: true,
    onclick: () => { for (const t of tiles.values()) if (t.video.srcObject && t !== tiles.get('self')) t.video.play().catch(() => {}); soundBlocked = false; render(); } },
  'Turn on the call sound');

  const muteBtn = el('button', { type: 'button', class: 'secondary call-btn', 'data-testid': 'call-mute', 'aria-pressed': 'false', onclick: () => actions.mute() });
  const camBtn = el('button', { type: 'button', class: 'secondary call-btn', 'data-testid': 'call-camera', 'aria-pressed': 'false', onclick: () => actions.camera() });
  const leaveBtn = el('button', { type: 'button', class: 'quiet call-btn call-leave', 'data-testid': 'call-leave', onclick: () => actions.leave() }, 'Leave call');
  const rejoinBtn = el('button', { type: 'button', class: 'primary call-btn', 'data-testid': 'call-rejoin', onclick: () => actions.rejoin() }, 'Join the call');
  const micSelect = el('select', { id: `${root.id}-mic`, 'data-testid': 'call-mic-select' });
  const camSelect = el('select', { id: `${root.id}-cam`, 'data-testid': 'call-cam-select' });
  micSelect.addEventListener('change', () => actions.useDevice('audio', micSelect.value));
  camSelect.addEventListener('change', () => actions.useDevice('video', camSelect.value));
  const devices = el('details', { class: 'call-devices', 'data-testid': 'call-devices' },
    el('summary', null, 'Microphone and camera'),
    el('div', { class: 'call-device-grid' },
      el('label', { for: micSelect.id }, 'Microphone'), micSelect,
      el('label', { for: camSelect.id }, 'Camera'), camSelect));
  devices.addEventListener('toggle', () => { if (devices.open) fillDevices(); });
  const controls = el('div', { class: 'call-controls', role: 'group', 'aria-label': 'Call controls', 'data-testid': 'call-controls' },
    muteBtn, camBtn, leaveBtn);

  // Room chat.
  const chatList = el('ol', { class: 'call-chat-list', 'data-testid': 'call-chat-list' });
  const chatInput = el('input', { id: `${root.id}-chat-text`, maxlength: 500, autocomplete: 'off', 'data-testid': 'call-chat-text',
    placeholder: 'e.g. I can’t hear you' });
  const chatError = el('p', { class: 'form-error', role: 'alert', 'data-testid': 'call-chat-error' });
  const chatForm = el('form', { class: 'inline-form call-chat-form', novalidate: true },
    el('label', { for: chatInput.id, class: 'sr-only' }, 'Message to the room'), chatInput,
    el('button', { type: 'submit', class: 'secondary', 'data-testid': 'call-chat-send' }, 'Send'));
  chatForm.addEventListener('submit', async ev => {
    ev.preventDefault();
    const text = chatInput.value.trim();
    if (!text) { chatInput.focus(); return; }
    chatError.textContent = '';
    try { await actions.sendChat(text); chatInput.value = ''; } catch (err) { chatError.textContent = err.message; }
  });
  const chat = el('section', { class: 'call-chat', 'aria-label': 'Room chat', 'data-testid': 'call-chat' },
    el('h3', { class: 'call-chat-title' }, 'Room chat'), chatList, chatForm, chatError);

  root.classList.add('call-panel');
  if (!root.getAttribute('aria-labelledby')) root.setAttribute('aria-labelledby', title.id);
  setChildren(root, el('div', { class: 'call-head' }, title, status), problems, errorLine, externalBox, endedBox,
    tileList, soundButton, el('div', { class: 'call-bar' }, controls, rejoinBtn, devices), chat);

  // ---- tiles ----------------------------------------------------------------------------------
  function ensureTile(key) {
    let t = tiles.get(key);
    if (t) return t;
    const video = el('video', { autoplay: true, playsinline: true, class: 'tile-video' });
    if (key === 'self') { video.muted = true; video.classList.add('mirror'); }
    const avatar = el('div', { class: 'tile-avatar', 'aria-hidden': 'true' });
    const name = el('span', { class: 'tile-name', 'data-testid': 'tile-name' });
    const role = el('span', { class: 'role-tag', 'data-testid': 'tile-role' });
    const flags = el('span', { class: 'tile-flags' });
    const speaking = el('span', { class: 'tile-speaking', 'data-testid': 'tile-speaking', hidden: true }, 'speaking');
    const conn = el('span', { class: 'tile-conn', 'data-testid': 'tile-conn', hidden: true });
    const li = el('li', { class: 'tile', 'data-testid': key === 'self' ? 'tile-self' : 'tile', 'data-peer': key },
      el('div', { class: 'tile-media' }, video, avatar, conn),
      el('div', { class: 'tile-label' }, name, role, speaking, flags));
    t = { li, video, avatar, name, role, flags, speaking, conn };
    tiles.set(key, t);
    return t;
  }

  function paintTile(t, p, { self = false } = {}) {
    const camera = self ? media.cameraOn : p.camera !== false && !!(streams.get(p.peer) && streams.get(p.peer).getVideoTracks().length);
    const muted = self ? media.muted : !!p.muted;
    const speaking = self ? media.speaking : !!p.speaking;
    t.li.dataset.muted = String(muted);
    t.li.dataset.camera = String(camera);
    t.li.dataset.speaking = String(speaking);
    t.li.dataset.role = p.facilitator ? 'facilitator' : p.role || '';
    const name = self ? `${p.name || 'You'} (you)` : p.name || 'Someone';
    if (t.name.textContent !== name) t.name.textContent = name;
    const rn = roleName(p);
    t.role.textContent = rn;
    t.role.className = `role-tag role-${p.facilitator ? 'facilitator' : p.role}`;
    t.role.hidden = !rn;
    t.avatar.textContent = initials(p.name);
    t.speaking.hidden = !speaking;
    setChildren(t.flags,
      muted ? el('span', { class: 'tile-flag', 'data-testid': 'tile-muted' }, self && !media.state.audio ? 'No microphone' : 'Muted') : null,
      !camera ? el('span', { class: 'tile-flag', 'data-testid': 'tile-camera-off' }, self && !media.state.video && media.state.wantCamera ? 'No camera' : 'Camera off') : null);
    const label = [name, rn, muted ? 'muted' : 'microphone on', camera ? 'camera on' : 'camera off'].filter(Boolean).join(', ');
    t.li.setAttribute('aria-label', label);
    if (!self) {
      const st = S.states.get(p.peer) || 'new';
      t.li.dataset.conn = st;
      const text = st === 'connected' ? '' : st === 'failed' ? 'No connection' : st === 'disconnected' ? 'Reconnecting…' : 'Connecting…';
      t.conn.textContent = text;
      t.conn.hidden = !text;
    }
  }

  function renderTiles() {
    const self = ensureTile('self');
    const selfStream = media.state.stream;
    if (self.video.srcObject !== selfStream) self.video.srcObject = selfStream || null;
    const mine = me() || {};
    paintTile(self, { name: mine.name || (facilitator ? 'Facilitator' : 'You'), facilitator, role: mine.role || myRole() }, { self: true });
    const order = [self.li];
    for (const p of roster.list()) {
      const t = ensureTile(p.peer);
      paintTile(t, p);
      order.push(t.li);
    }
    for (const key of [...tiles.keys()]) if (key !== 'self' && !roster.peers.has(key)) { tiles.get(key).li.remove(); tiles.delete(key); }
    const same = order.length === tileList.children.length && order.every((n, i) => tileList.children[i] === n);
    if (!same) setChildren(tileList, order);
    tileList.dataset.count = String(order.length);
  }

  function myRole() {
    if (facilitator) return 'facilitator';
    const mine = (S.memberRoles || []).find(m => m.id === (me() || {}).id);
    return mine ? mine.role : '';
  }

  // ---- the whole panel ----------------------------------------------------------------------
  function render(hint) {
    if (!S.room) { root.hidden = true; return; }
    root.hidden = false;
    root.dataset.state = S.joined ? 'joined' : S.ended || (S.joining ? 'joining' : 'out');
    const ext = S.room.call && S.room.call.mode === 'external';
    title.textContent = facilitator ? `Call · room ${S.room.number}` : 'Call';
    externalBox.hidden = !ext;
    if (ext) {
      const url = String(S.room.call.url || '');
      const safe = /^https?:\/\//i.test(url) ? url : null;
      setChildren(externalBox,
        el('p', null, 'Your group uses its own call system. Open your room’s call in a new tab and keep this page open for the clock, roles and feedback.'),
        safe ? el('a', { href: safe, target: '_blank', rel: 'noopener noreferrer', class: 'button-link primary', 'data-testid': 'call-external-link' }, 'Join your room’s call') : null);
      status.textContent = '';
    }
    const closed = S.ended === 'room_closed';
    endedBox.hidden = !closed && S.ended !== 'elsewhere';
    if (closed) {
      setChildren(endedBox,
        el('p', { class: 'call-ended-title' }, 'The room has closed, and the call with it.'),
        el('p', null, facilitator ? 'Thank you for dropping in.'
          : 'Thank you for practising together. You can still write to your room mates — a thank-you, or what you meant to say — under “Your rooms”.'),
        !facilitator && actions.wayBack ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'call-way-back', onclick: actions.wayBack }, 'Write to your room mates') : null);
    } else if (S.ended === 'elsewhere') {
      setChildren(endedBox, el('p', null, 'You joined this call from another window or device, so it ended here.'));
    }
    const showCall = !ext && !(closed && !S.joined);
    tileList.hidden = !showCall || (!S.joined && !S.joining);
    controls.hidden = !showCall || !S.joined;
    devices.hidden = !showCall || (!S.joined && !S.joining);
    rejoinBtn.hidden = ext || closed || S.joined || !!S.joining || hint === 'reconnecting';
    rejoinBtn.textContent = facilitator ? 'Join this call' : 'Join the call';
    soundButton.hidden = !soundBlocked || !S.joined;
    errorLine.textContent = S.error || '';

    if (!ext) {
      const n = roster.peers.size + 1;
      status.textContent = closed ? '' : S.joined ? (n === 1 ? 'You are in the call. Waiting for the others…' : `In the call · ${n} people`)
        : S.joining ? 'Joining the call…' : hint === 'reconnecting' ? 'Reconnecting to the call…'
          : S.ended === 'left' ? '' : 'You are not in the call.';
    }

    const pr = media.state.problems;
    const lines = [pr.audio, media.state.wantCamera ? pr.video : null].filter(Boolean);
    problems.hidden = ext || closed || lines.length === 0 || (!S.joined && !S.joining);
    if (!problems.hidden) {
      const missing = pr.audio && pr.video ? 'You are in the call without microphone and camera: you can hear and see the others.'
        : pr.audio ? 'You are in the call without a microphone: the others cannot hear you, and you can still hear them.'
          : 'You are in the call without a camera: the others can hear you.';
      setChildren(problems, el('p', { class: 'call-missing' }, missing), lines.map(l => el('p', null, l)),
        el('button', { type: 'button', class: 'secondary', 'data-testid': 'call-retry-media', onclick: () => actions.retryMedia() }, 'Try again'));
    }

    if (showCall && (S.joined || S.joining)) renderTiles();
    muteBtn.textContent = media.muted ? 'Unmute' : 'Mute';
    muteBtn.setAttribute('aria-pressed', String(media.muted));
    // the accessible name starts with the visible words (WCAG 2.5.3, label in name)
    muteBtn.setAttribute('aria-label', media.muted ? 'Unmute (your microphone is off)' : 'Mute (your microphone is on)');
    muteBtn.disabled = !media.state.audio;
    camBtn.textContent = media.cameraOn ? 'Camera off' : 'Camera on';
    camBtn.setAttribute('aria-pressed', String(!media.cameraOn));
    camBtn.setAttribute('aria-label', media.cameraOn ? 'Camera off (your camera is on)' : 'Camera on (your camera is off)');
    chat.hidden = closed || (facilitator && !S.joined);   // the chat is deleted when the room closes
  }

  function renderChat(isNew) {
    const mine = (me() || {}).id;
    setChildren(chatList, S.chat.length ? S.chat.map(m => el('li', { class: 'call-chat-msg', 'data-testid': 'call-chat-msg' },
      el('span', { class: 'call-chat-from' }, m.from ? (m.from.facilitator ? 'Facilitator' : m.from.name) : ''),
      el('time', { datetime: new Date(m.at).toISOString() }, formatClock(m.at)),
      el('span', { class: 'call-chat-text' }, m.text)))
      : el('li', { class: 'muted call-chat-empty' }, 'No messages yet. Links and “I can’t hear you” go here.'));
    chatList.scrollTop = chatList.scrollHeight;
    const last = S.chat[S.chat.length - 1];
    if (isNew && last && last.from && last.from.id !== mine) announce(`${last.from.facilitator ? 'Facilitator' : last.from.name} in the chat: ${last.text}`);
  }

  async function fillDevices() {
    const list = await actions.listDevices();
    const opts = (items, current, none) => items.length
      ? items.map(d => el('option', { value: d.id, selected: d.id === current }, d.label)) : el('option', { value: '' }, none);
    setChildren(micSelect, opts(list.audio, media.currentDevice('audio'), 'No microphone found'));
    setChildren(camSelect, opts(list.video, media.currentDevice('video'), 'No camera found'));
  }

  function play(video) {
    const p = video.play();
    if (p && p.catch) p.catch(err => { if (err && err.name === 'NotAllowedError') { soundBlocked = true; render(); } });
  }

  renderChat(false);
  return {
    render,
    renderChat,
    attachStream(peer, stream) {
      streams.set(peer, stream);
      const t = ensureTile(peer);
      if (t.video.srcObject !== stream) t.video.srcObject = stream;
      play(t.video);
      render();
    },
    dropStream(peer) { streams.delete(peer); },
    clearStreams() {
      streams.clear();
      for (const [key, t] of tiles) { if (key !== 'self') { t.video.srcObject = null; t.li.remove(); tiles.delete(key); } }
      root.classList.remove('call-fading');
      for (const t of tiles.values()) t.video.style.removeProperty('opacity');
    },
    // The gentle end: tiles fade and the sound ramps down over ms.
    fadeOut(ms) {
      root.style.setProperty('--call-fade-ms', `${ms}ms`);
      root.classList.add('call-fading');
      const start = performance.now();
      const step = () => {
        const k = Math.max(0, 1 - (performance.now() - start) / ms);
        for (const [key, t] of tiles) if (key !== 'self') t.video.volume = k;
        if (k > 0 && root.classList.contains('call-fading')) setTimeout(step, 100);
      };
      step();
    },
  };
}
