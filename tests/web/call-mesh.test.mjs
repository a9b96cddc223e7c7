// Unit tests of web/js/call/mesh.js with fake RTCPeerConnections: the joiner offers to everyone
// already in the call and they only answer; candidates are relayed (and held until the remote
// description is there); later renegotiation survives glare (perfect negotiation); a new device
// is swapped into every connection; peers leaving close their connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mesh } from '../../web/js/call/mesh.js';

const tick = () => new Promise(r => setTimeout(r, 0));
async function settle() { for (let i = 0; i < 20; i++) await tick(); }

let pcCount = 0;
class FakePC {
  constructor(config) {
    this.n = ++pcCount;
    this.config = config;
    this.transceivers = [];
    this.signalingState = 'stable';
    this.localDescription = null;
    this.remoteDescription = null;
    this.candidates = [];
    this.closed = false;
    this.rollbacks = 0;
  }
  setConfiguration(c) { this.config = c; }
  getTransceivers() { return this.transceivers; }
  makeTransceiver(kind, track, direction) {
    const t = {
      kind, direction,
      sender: { track, async replaceTrack(tr) { this.track = tr; } },
      receiver: { track: { kind } },
    };
    this.transceivers.push(t);
    return t;
  }
  addTransceiver(trackOrKind, init = {}) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const t = this.makeTransceiver(kind, track, init.direction || 'sendrecv');
    this.needNegotiation();
    return t;
  }
  needNegotiation() {
    if (this.pendingNeg) return;
    this.pendingNeg = true;
    setTimeout(() => { this.pendingNeg = false; if (this.signalingState === 'stable' && !this.closed) this.onnegotiationneeded?.(); }, 0);
  }
  restartIce() { this.needNegotiation(); }
  async setLocalDescription() {
    await tick();
    if (this.signalingState === 'stable') {
      this.localDescription = { type: 'offer', sdp: `offer ${this.n}` };
      this.signalingState = 'have-local-offer';
    } else if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `answer ${this.n}` };
      this.signalingState = 'stable';
    } else throw new Error(`setLocalDescription in ${this.signalingState}`);
  }
  async setRemoteDescription(desc) {
    await tick();
    if (desc.type === 'offer') {
      if (this.signalingState === 'have-local-offer') { this.rollbacks++; this.signalingState = 'stable'; }
      if (this.signalingState !== 'stable') throw new Error(`offer in ${this.signalingState}`);
      if (!this.transceivers.length) { this.makeTransceiver('audio', null, 'recvonly'); this.makeTransceiver('video', null, 'recvonly'); }
      this.signalingState = 'have-remote-offer';
    } else {
      if (this.signalingState !== 'have-local-offer') throw new Error(`answer in ${this.signalingState}`);
      this.signalingState = 'stable';
    }
    this.remoteDescription = desc;
  }
  async addIceCandidate(c) {
    if (!this.remoteDescription) throw new Error('no remote description');
    this.candidates.push(c);
  }
  close() { this.closed = true; }
  emitCandidate(c) { this.onicecandidate?.({ candidate: c }); }
}
class FakeStream { constructor() { this.tracks = []; } getTracks() { return this.tracks; } addTrack(t) { this.tracks.push(t); } }

// A little world of meshes joined by an in-memory signalling relay (in order, like the socket).
function world() {
  const meshes = new Map();
  const sent = [];   // {from, to, signal}
  const errors = [];
  function make(peerId) {
    const m = new Mesh({
      createPeerConnection: c => new FakePC(c),
      createStream: () => new FakeStream(),
      send: (to, signal) => { sent.push({ from: peerId, to, signal }); setTimeout(() => meshes.get(to)?.signal(peerId, signal), 0); },
      log: (what, err) => errors.push(`${peerId} ${what}: ${err.message}`),
    });
    m.setLocal({ audio: { kind: 'audio', id: `${peerId}-mic` }, video: { kind: 'video', id: `${peerId}-cam` }, stream: new FakeStream() });
    meshes.set(peerId, m);
    return m;
  }
  return { make, meshes, sent, errors };
}

test('the joiner offers to everyone already in the call; they only answer', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B'); const c = w.make('C');
  // A first (alone), then B joins (A waits), then C joins (A and B wait).
  a.start('A', []);
  b.start('B', [{ peer: 'A' }]); a.peerJoined('B');
  await settle();
  c.start('C', [{ peer: 'A' }, { peer: 'B' }]); a.peerJoined('C'); b.peerJoined('C');
  await settle();
  const offers = w.sent.filter(s => s.signal.kind === 'offer').map(s => `${s.from}->${s.to}`).sort();
  const answers = w.sent.filter(s => s.signal.kind === 'answer').map(s => `${s.from}->${s.to}`).sort();
  assert.deepEqual(offers, ['B->A', 'C->A', 'C->B']);
  assert.deepEqual(answers, ['A->B', 'A->C', 'B->C']);
  for (const m of [a, b, c]) {
    assert.equal(m.peers.size, 2);
    for (const l of m.peers.values()) {
      assert.equal(l.pc.signalingState, 'stable');
      assert.equal(l.pc.rollbacks, 0, 'no glare at the start');
      // Both transceivers send this side's own tracks.
      const sending = l.pc.getTransceivers().map(t => [t.direction, t.sender.track && t.sender.track.id]);
      assert.deepEqual(sending, [['sendrecv', `${[...w.meshes].find(([, v]) => v === m)[0]}-mic`], ['sendrecv', `${[...w.meshes].find(([, v]) => v === m)[0]}-cam`]]);
    }
  }
  assert.equal(b.peers.get('A').initiator, true);
  assert.equal(a.peers.get('B').initiator, false);
  assert.equal(a.peers.get('B').polite, true);
  assert.deepEqual(w.errors, []);
});

test('no microphone or camera: the joiner still offers send-and-receive transceivers', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B');
  b.setLocal({ audio: null, video: null, stream: null });
  a.start('A', []);
  b.start('B', [{ peer: 'A' }]); a.peerJoined('B');
  await settle();
  const kinds = b.peers.get('A').pc.getTransceivers().map(t => [t.kind, t.direction, t.sender.track]);
  assert.deepEqual(kinds, [['audio', 'sendrecv', null], ['video', 'sendrecv', null]]);
  assert.equal(a.peers.get('B').pc.signalingState, 'stable');
});

test('candidates are relayed with their fields, held until the offer is there, and the end of trickle is sent as null', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B');
  a.start('A', []);
  a.peerJoined('B');
  // A candidate from B arrives at A before B's offer (not normal, but must not be lost).
  await a.signal('B', { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
  assert.equal(a.peers.get('B').pendingCandidates.length, 1);
  b.start('B', [{ peer: 'A' }]);
  await settle();
  assert.equal(a.peers.get('B').pendingCandidates.length, 0);
  assert.equal(a.peers.get('B').pc.candidates.length, 1);
  b.peers.get('A').pc.emitCandidate({ candidate: 'candidate:2 1 udp 2 127.0.0.1 5001 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'uf', extra: 'x' });
  b.peers.get('A').pc.emitCandidate(null);
  await settle();
  const cands = w.sent.filter(s => s.signal.kind === 'candidate');
  assert.deepEqual(cands.map(s => s.signal.candidate), [
    { candidate: 'candidate:2 1 udp 2 127.0.0.1 5001 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'uf' }, null]);
  assert.equal(a.peers.get('B').pc.candidates.length, 2);
});

test('later renegotiation from both ends at once (glare): the polite side rolls back, both end stable', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B');
  a.start('A', []);
  b.start('B', [{ peer: 'A' }]); a.peerJoined('B');
  await settle();
  const pa = a.peers.get('B').pc; const pb = b.peers.get('A').pc;
  pa.restartIce(); pb.restartIce();
  await settle();
  assert.equal(pa.signalingState, 'stable');
  assert.equal(pb.signalingState, 'stable');
  assert.equal(pa.rollbacks, 1, 'A waited for B at the start, so A is polite');
  assert.equal(pb.rollbacks, 0);
  assert.deepEqual(w.errors, []);
});

test('the waiting side renegotiates after its first answer (not before)', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B');
  a.start('A', []);
  a.peerJoined('B');
  const la = a.peers.get('B');
  await a.negotiate(la);
  assert.equal(w.sent.length, 0, 'no offer from the side that waits');
  b.start('B', [{ peer: 'A' }]);
  await settle();
  la.pc.restartIce();
  await settle();
  assert.deepEqual(w.sent.filter(s => s.signal.kind === 'offer').map(s => s.from), ['B', 'A']);
  assert.equal(la.pc.signalingState, 'stable');
});

test('a new microphone is swapped into every connection; config updates reach every connection', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B'); const c = w.make('C');
  a.start('A', []);
  b.start('B', [{ peer: 'A' }]); a.peerJoined('B');
  c.start('C', [{ peer: 'A' }, { peer: 'B' }]); a.peerJoined('C'); b.peerJoined('C');
  await settle();
  const mic2 = { kind: 'audio', id: 'A-mic2' };
  await a.replaceTrack('audio', mic2);
  for (const l of a.peers.values()) {
    const t = l.pc.getTransceivers();
    assert.equal(t.find(x => x.kind === 'audio').sender.track, mic2);
    assert.equal(t.find(x => x.kind === 'video').sender.track.id, 'A-cam');
  }
  await a.replaceTrack('video', null);
  for (const l of a.peers.values()) assert.equal(l.pc.getTransceivers().find(x => x.kind === 'video').sender.track, null);
  a.setConfig({ iceServers: [{ urls: ['turn:x'] }], iceTransportPolicy: 'relay' });
  for (const l of a.peers.values()) assert.equal(l.pc.config.iceTransportPolicy, 'relay');
});

test('peers leaving and stop() close connections; signals from unknown peers are ignored', async () => {
  const w = world();
  const a = w.make('A'); const b = w.make('B');
  a.start('A', []);
  b.start('B', [{ peer: 'A' }]); a.peerJoined('B');
  await settle();
  const pc = a.peers.get('B').pc;
  a.peerLeft('B');
  assert.equal(pc.closed, true);
  assert.equal(a.peers.size, 0);
  await a.signal('B', { kind: 'offer', sdp: 'x' });   // a late signal: nothing happens
  assert.equal(a.peers.size, 0);
  const pcB = b.peers.get('A').pc;
  b.stop();
  assert.equal(pcB.closed, true);
  assert.equal(b.self, null);
  assert.equal(a.peerJoined('A'), null, 'never a link to yourself');
});

test('remote tracks are gathered into one stream per peer', async () => {
  const w = world();
  const got = [];
  const a = new Mesh({ createPeerConnection: c => new FakePC(c), createStream: () => new FakeStream(), send: () => {},
    onTrack: (peer, stream, track) => got.push([peer, stream.getTracks().length, track.kind]) });
  a.start('A', [{ peer: 'B' }]);
  const pc = a.peers.get('B').pc;
  const audio = { kind: 'audio' }; const video = { kind: 'video' };
  pc.ontrack({ track: audio, streams: [] });
  pc.ontrack({ track: video, streams: [] });
  assert.deepEqual(got, [['B', 1, 'audio'], ['B', 2, 'video']]);
  void w;
});
