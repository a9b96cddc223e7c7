// call/call.js — the room's call on a page (participant room page, or the facilitator visiting a
// room). Owns: when to join (participants: by itself once `room` + `phase` say the room is open,
// again after a reload, a network drop or a server restart; not after "Leave call" until
// "Rejoin"), call_join / call_leave / call_state / call_ice, the mesh (mesh.js) and the local
// media (media.js), call events (peers joining/leaving, state, call_ended: a gentle "room closed"
// moment, `moved`: the next room's call), the external call link, and room chat. Drawing is in
// view.js. Exposes itself as window.__softcloseCall for the browser tests (connections, state).
import { Mesh } from './mesh.js';
import { CallRoster, joinedText, leftText } from './roster.js';
import { rtcConfig, refreshDelayMs, relayForced } from './ice.js';
import { createMedia } from './media.js';
import { createCallView } from './view.js';

const LEFT_KEY = 'softclose.call.left';   // sessionStorage: the room whose call this tab left
const GENTLE_MS = 2500;

export function createCall({ sock, announce, root, facilitator = false, me = () => ({}), wayBack = null, onVisitChange = () => {} }) {
  const relay = relayForced(location.search);
  const S = {
    ice: null,
    room: null,          // {id, number, call:{mode,url}} the call belongs to
    phase: null,         // participant: the room's phase name
    joined: false,
    joining: null,       // a promise while call_join is on its way
    selfPeer: null,
    ended: null,         // reason of the last call_ended (gentle end shown)
    error: '',
    chat: [],            // messages of this room
    states: new Map(),   // peer id -> connectionState
    joinedAt: 0,
  };
  const roster = new CallRoster();
  let iceTimer = null;

  const media = createMedia({
    onSpeaking: speaking => { if (S.joined) sendState({ speaking }); view.render(); },
    onChange: () => { syncTracks(); view.render(); },
  });

  const mesh = new Mesh({
    createPeerConnection: config => new RTCPeerConnection(config),
    createStream: () => new MediaStream(),
    send: (to, signal) => {
      sock.request({ type: 'call_signal', to, signal }).catch(err => {
        if (err.code !== 'not_found' && err.code !== 'disconnected') console.warn('call_signal', err.code, err.message);
      });
    },
    onTrack: (peer, stream) => view.attachStream(peer, stream),
    onState: (peer, state) => { S.states.set(peer, state); view.render(); },
    log: (what, err) => console.warn(`call ${what}:`, err && err.message),
  });

  const view = createCallView({
    root, facilitator, roster, media, state: S, me, announce,
    actions: {
      mute: () => setMuted(!media.muted),
      camera: () => setCamera(!media.cameraOn),
      leave: () => leave(true),
      rejoin: () => { forgetLeft(); S.ended = null; join(); },
      retryMedia: async () => { await media.acquire(); syncTracks(); sendState({ muted: media.muted, camera: media.cameraOn }); view.render(); },
      useDevice: async (kind, id) => {
        try { await media.useDevice(kind, id); syncTracks(); } catch (err) { S.error = err.message; }
        view.render();
      },
      listDevices: () => media.listDevices(),
      sendChat: text => sock.request({ type: 'call_chat', text }),
      wayBack,
    },
  });

  // ---- ICE --------------------------------------------------------------------------------
  function setIce(ice) {
    if (!ice) return;
    S.ice = ice;
    mesh.setConfig(rtcConfig(ice, { relay }));
    clearTimeout(iceTimer);
    const delay = refreshDelayMs(ice, sock.serverNow());
    if (delay !== null) iceTimer = setTimeout(refreshIce, Math.min(delay, 2 ** 31 - 1));
  }
  async function refreshIce() {
    try {
      const reply = await sock.request({ type: 'call_ice' });
      setIce(reply.ice);
    } catch {
      iceTimer = setTimeout(refreshIce, 15000);
    }
  }

  // ---- joining and leaving -----------------------------------------------------------------
  function leftRoom() { try { return sessionStorage.getItem(LEFT_KEY); } catch { return null; } }
  function rememberLeft(id) { try { sessionStorage.setItem(LEFT_KEY, id); } catch { /* private mode */ } }
  function forgetLeft() { try { sessionStorage.removeItem(LEFT_KEY); } catch { /* private mode */ } }

  function external() { return !!(S.room && S.room.call && S.room.call.mode === 'external'); }

  function maybeJoin() {
    if (facilitator || !S.room || external() || S.joined || S.joining || S.ended === 'room_closed') return;
    if (!S.phase || S.phase === 'closed') return;
    if (leftRoom() === S.room.id) return;
    if (sock.status !== 'online') return;
    join();
  }

  async function join() {
    if (!S.room || S.joined || S.joining || external()) return;
    const roomId = S.room.id;
    S.error = '';
    S.ended = null;
    const run = (async () => {
      view.render('joining');
      await media.acquire();
      if (!S.room || S.room.id !== roomId) return;
      const msg = { type: 'call_join', muted: media.muted, camera: media.cameraOn };
      if (facilitator || roomId) msg.room = roomId;
      const reply = await sock.request(msg);
      // No await between the reply and starting the mesh: events that follow it find it ready.
      if (!S.room || S.room.id !== roomId) { sock.request({ type: 'call_leave' }).catch(() => {}); return; }
      S.joined = true;
      S.joinedAt = Date.now();
      S.selfPeer = reply.peer;
      if (reply.ice) setIce(reply.ice);
      roster.joined(reply);
      if (S.memberRoles) roster.setRoles(S.memberRoles);
      syncTracks();
      mesh.start(reply.peer, reply.peers || []);
      if (media.speaking) sendState({ speaking: true });
      announce(facilitator ? `You joined the call of room ${S.room.number}.` : 'You joined the call.');
      onVisitChange();
    })();
    S.joining = run;
    try {
      await run;
    } catch (err) {
      if (err && err.code === 'conflict' && /already/i.test(err.message || '')) {
        // The server still has us in this call on this connection: leave and join again.
        await sock.request({ type: 'call_leave' }).catch(() => {});
      } else if (err && err.code !== 'disconnected') {
        S.error = err.message || 'Could not join the call.';
      }
    } finally {
      S.joining = null;
      view.render();
    }
  }

  // Leaving by choice (the Leave button) or for a reason (the page stays).
  async function leave(byChoice) {
    const wasJoined = S.joined;
    teardown();
    if (byChoice && S.room && !facilitator) rememberLeft(S.room.id);
    if (wasJoined) await sock.request({ type: 'call_leave' }).catch(() => {});
    if (byChoice) announce('You left the call.');
    if (facilitator) { S.room = null; S.chat = []; media.stop(); }
    view.render();
    onVisitChange();
  }

  // Forgets the call on this side (the server forgot it already, or is being told).
  function teardown() {
    mesh.stop();
    roster.clear();
    S.states.clear();
    S.joined = false;
    S.selfPeer = null;
    view.clearStreams();
  }

  function syncTracks() {
    const st = media.state;
    mesh.setLocal({ audio: st.audio, video: st.video, stream: st.stream });
    mesh.replaceTrack('audio', st.audio);
    mesh.replaceTrack('video', st.video);
  }

  function sendState(fields) {
    if (!S.joined) return;
    sock.request({ type: 'call_state', ...fields }).catch(() => {});
  }

  function setMuted(on) {
    media.setMuted(on);
    sendState(on ? { muted: true, speaking: false } : { muted: false });
    announce(on ? 'Microphone off.' : 'Microphone on.');
    view.render();
  }

  async function setCamera(on) {
    await media.setCamera(on);
    syncTracks();
    sendState({ camera: media.cameraOn });
    announce(media.cameraOn ? 'Camera on.' : 'Camera off.');
    view.render();
  }

  // The gentle end: the call fades for a moment, then says where the conversation goes next.
  function gentleEnd() {
    if (S.ended === 'room_closed') return;
    S.ended = 'room_closed';
    view.fadeOut(GENTLE_MS);
    setTimeout(() => {
      if (S.ended !== 'room_closed') return;
      teardown();
      media.stop();
      view.render();
    }, GENTLE_MS);
    announce('The room has closed, and the call with it.');
  }

  // ---- events -------------------------------------------------------------------------------
  function onMessage(msg) {
    switch (msg.type) {
      case 'room': {
        if (facilitator) break;
        const r = msg.room;
        const changed = !S.room || S.room.id !== r.id;
        if (changed) {
          if (S.joined || S.joining) teardown();
          S.phase = null;
          S.chat = [];
          S.ended = null;
          S.error = '';
          view.renderChat(false);
        }
        const wasExternal = external();
        S.room = { id: r.id, number: r.number, call: msg.call || r.call || { mode: 'builtin' } };   // `call` rides on the event
        S.memberRoles = r.members;
        roster.setRoles(r.members);
        if (external() && (S.joined || S.joining)) { teardown(); media.stop(); }
        if (wasExternal && !external()) S.ended = null;
        view.render();
        maybeJoin();
        break;
      }
      case 'phase':
        if (facilitator || !S.room || (msg.room && msg.room !== S.room.id)) break;
        S.phase = msg.phase;
        if (msg.phase === 'closed' && S.joined && S.ended !== 'room_closed') gentleEnd();
        view.render();
        maybeJoin();
        break;
      case 'call_peer_joined':
        if (!S.joined || (msg.room && S.room && msg.room !== S.room.id)) break;
        if (msg.peer.peer === S.selfPeer) break;
        roster.upsert(msg.peer);
        mesh.peerJoined(msg.peer.peer);
        announce(joinedText(msg.peer));
        view.render();
        break;
      case 'call_peer': {
        if (!S.joined) break;
        roster.upsert(msg.peer);
        view.render();
        break;
      }
      case 'call_peer_left': {
        const p = roster.remove(msg.peer);
        mesh.peerLeft(msg.peer);
        S.states.delete(msg.peer);
        view.dropStream(msg.peer);
        if (p) announce(leftText(p));
        view.render();
        break;
      }
      case 'call_signal':
        if (S.joined) mesh.signal(msg.from, msg.signal);
        break;
      case 'call_ended':
        if (S.room && msg.room && msg.room !== S.room.id) break;
        if (msg.reason === 'room_closed') { gentleEnd(); break; }
        teardown();
        if (msg.reason === 'moved') { S.ended = null; break; }   // the next `room` joins its call
        if (msg.reason === 'elsewhere') { S.ended = 'elsewhere'; if (S.room && !facilitator) rememberLeft(S.room.id); media.stop(); }
        if (msg.reason === 'external') { S.ended = null; media.stop(); }
        if (msg.reason === 'left') { S.ended = 'left'; media.stop(); }
        if (facilitator) { S.room = null; onVisitChange(); }
        view.render();
        break;
      case 'call_chat':
        if (S.room && msg.room && msg.room !== S.room.id) break;
        if (msg.message && !S.chat.some(m => m.id === msg.message.id)) {
          S.chat.push(msg.message);
          view.renderChat(true);
        }
        break;
      case 'call_chat_history':
        if (S.room && msg.room && msg.room !== S.room.id) break;
        S.chat = (msg.messages || []).slice();
        view.renderChat(false);
        break;
      case 'call_ice':
        setIce(msg.ice);
        break;
      default:
        break;
    }
  }

  // The connection dropped: the server forgets this connection's call; so do we. The next
  // hello → room → phase joins again by itself.
  function onStatus(status) {
    if (status === 'online') { maybeJoin(); if (facilitator && S.room && !S.joined) join(); return; }
    if (S.joined || S.joining) { teardown(); S.joining = null; }
    view.render('reconnecting');
  }

  // A (re)connection was welcomed: the server has no call for it yet. Participants wait for the
  // fresh `room` + `phase` that follow before joining again.
  function onWelcome(welcome) {
    if (welcome && welcome.ice) setIce(welcome.ice);
    if (S.joined) teardown();
    if (!facilitator) S.phase = null;
  }

  const api = {
    onMessage, onStatus, onWelcome, setIce,
    // Signed out, or the page is showing something else: no call, no chat.
    reset() {
      teardown();
      media.stop();
      S.room = null; S.phase = null; S.chat = []; S.ended = null; S.error = '';
      view.render();
    },
    // Facilitator: drop into a room's call (R from rooms/room_update), or leave it.
    visit(R) {
      if (S.joined || S.joining) teardown();
      S.room = { id: R.id, number: R.number, call: { mode: 'builtin' } };
      S.memberRoles = R.members;
      S.chat = [];
      S.ended = null;
      roster.setRoles(R.members);
      view.render();
      return join();
    },
    leaveVisit: () => leave(true),
    // Facilitator: a room changed (roles at a turn change; closing).
    roomChanged(R) {
      if (!S.room || R.id !== S.room.id) return;
      S.memberRoles = R.members;
      if (roster.setRoles(R.members)) view.render();
    },
    get visiting() { return facilitator && S.room ? S.room.id : null; },
    get joined() { return S.joined; },
    // For the browser tests.
    connections: () => mesh.connections(),
    state: () => ({
      joined: S.joined, room: S.room && S.room.id, peer: S.selfPeer, ended: S.ended, error: S.error,
      relay, ice: S.ice, peers: roster.list(), states: Object.fromEntries(S.states),
      muted: media.muted, camera: media.cameraOn, speaking: media.speaking, level: media.state.level,
      problems: { ...media.state.problems }, chat: S.chat.length,
    }),
  };
  window.__softcloseCall = api;
  view.render();
  return api;
}
