// call/mesh.js — the WebRTC full mesh of one call: one RTCPeerConnection per other peer.
// DOM-free (the RTCPeerConnection and MediaStream constructors are passed in, so node:test can
// drive it with fakes). Owns who offers to whom, the offer/answer/candidate exchange, glare
// handling for later renegotiation, local tracks on every connection, and ICE restarts.
//
// Who offers: the JOINER offers to every peer already in the call (`call_joined.peers`); peers
// already in the call wait for its offer (`call_peer_joined`). This avoids both ends of a pair
// offering at once when a call starts. Later renegotiation (an ICE restart after a failure) uses
// "perfect negotiation": the peer that waited is polite (rolls back its own offer on a collision),
// the joiner is impolite (ignores the colliding offer).
//
// Every connection carries one audio and one video transceiver (sendrecv) from the start, even
// with no microphone or camera: a device chosen or allowed later goes in with replaceTrack,
// without renegotiating.

export class Mesh {
  // createPeerConnection(config) -> RTCPeerConnection; createStream() -> MediaStream;
  // send(to, signal): relays a call_signal; onTrack(peerId, stream, track); onState(peerId, state).
  constructor({ createPeerConnection, createStream, send, onTrack = () => {}, onState = () => {}, log = () => {} }) {
    this.createPeerConnection = createPeerConnection;
    this.createStream = createStream;
    this.send = send;
    this.onTrack = onTrack;
    this.onState = onState;
    this.log = log;
    this.config = { iceServers: [] };
    this.self = null;
    this.peers = new Map();             // peer id -> Link
    this.local = { audio: null, video: null };
    this.localStream = null;
  }

  setLocal({ audio = null, video = null, stream = null } = {}) {
    this.local = { audio, video };
    this.localStream = stream;
  }

  setConfig(config) {
    this.config = config;
    for (const link of this.peers.values()) {
      try { link.pc.setConfiguration(config); } catch (err) { this.log('setConfiguration', err); }
    }
  }

  // call_joined: we are the joiner; offer to everyone already here.
  start(selfPeer, peers) {
    this.stop();
    this.self = selfPeer;
    for (const p of peers || []) this.addPeer(p.peer, { initiator: true });
  }

  // call_peer_joined: someone new; they will offer to us.
  peerJoined(peerId) {
    if (!this.self || peerId === this.self) return null;
    if (this.peers.has(peerId)) this.peerLeft(peerId);   // a stale link with the same id
    return this.addPeer(peerId, { initiator: false });
  }

  peerLeft(peerId) {
    const link = this.peers.get(peerId);
    if (!link) return;
    this.peers.delete(peerId);
    link.closed = true;
    try { link.pc.close(); } catch { /* already closed */ }
  }

  stop() {
    for (const id of [...this.peers.keys()]) this.peerLeft(id);
    this.self = null;
  }

  addPeer(peerId, { initiator }) {
    const pc = this.createPeerConnection(this.config);
    const link = {
      id: peerId, pc, initiator, polite: !initiator,
      makingOffer: false, ignoreOffer: false, answered: false, closed: false,
      pendingCandidates: [], stream: null, queue: Promise.resolve(),
    };
    this.peers.set(peerId, link);
    pc.onnegotiationneeded = () => this.negotiate(link);
    pc.onicecandidate = ev => {
      if (link.closed) return;
      const c = ev.candidate;
      this.send(peerId, {
        kind: 'candidate',
        candidate: c && c.candidate ? candidateJson(c) : null,
      });
    };
    pc.ontrack = ev => {
      if (!link.stream) link.stream = this.createStream();
      if (!link.stream.getTracks().includes(ev.track)) link.stream.addTrack(ev.track);
      this.onTrack(peerId, link.stream, ev.track);
    };
    pc.onconnectionstatechange = () => {
      if (link.closed) return;
      this.onState(peerId, pc.connectionState);
      // The joiner restarts ICE when a path fails (a network change); the other end answers.
      if (pc.connectionState === 'failed' && link.initiator && typeof pc.restartIce === 'function') pc.restartIce();
    };
    if (initiator) {
      // Adding the transceivers fires negotiationneeded: that sends our offer.
      pc.addTransceiver(this.local.audio || 'audio', this.transceiverInit());
      pc.addTransceiver(this.local.video || 'video', this.transceiverInit());
    }
    return link;
  }

  transceiverInit() {
    return this.localStream ? { direction: 'sendrecv', streams: [this.localStream] } : { direction: 'sendrecv' };
  }

  async negotiate(link) {
    // The waiting side never opens the first exchange: its first offer would collide with the
    // joiner's. After its first answer it may renegotiate like anyone (perfect negotiation).
    if (link.closed || (!link.initiator && !link.answered)) return;
    try {
      link.makingOffer = true;
      await link.pc.setLocalDescription();
      if (link.closed) return;
      const d = link.pc.localDescription;
      this.send(link.id, { kind: d.type, sdp: d.sdp });
    } catch (err) {
      this.log('offer', err);
    } finally {
      link.makingOffer = false;
    }
  }

  // call_signal {from, signal}. Signals of one peer are handled one after another, in the order
  // they arrived (a candidate never overtakes the offer it belongs to).
  signal(from, signal) {
    const link = this.peers.get(from);
    if (!link || !signal) return Promise.resolve();   // a peer that left, or not announced
    link.queue = link.queue.then(() => this.handleSignal(link, signal));
    return link.queue;
  }

  async handleSignal(link, signal) {
    if (link.closed) return;
    const pc = link.pc;
    try {
      if (signal.kind === 'offer' || signal.kind === 'answer') {
        const collision = signal.kind === 'offer' && (link.makingOffer || pc.signalingState !== 'stable');
        link.ignoreOffer = !link.polite && collision;
        if (link.ignoreOffer) return;
        await pc.setRemoteDescription({ type: signal.kind, sdp: signal.sdp });
        if (link.closed) return;
        await this.flushCandidates(link);
        if (signal.kind === 'offer') {
          await this.attachLocal(link);
          await pc.setLocalDescription();
          if (link.closed) return;
          const d = pc.localDescription;
          this.send(link.id, { kind: d.type, sdp: d.sdp });
          link.answered = true;
        }
      } else if (signal.kind === 'candidate') {
        if (!signal.candidate) return;   // end of the trickle
        if (!pc.remoteDescription) { link.pendingCandidates.push(signal.candidate); return; }
        await this.addCandidate(link, signal.candidate);
      }
    } catch (err) {
      this.log(`signal ${signal.kind}`, err);
    }
  }

  async addCandidate(link, candidate) {
    try {
      await link.pc.addIceCandidate(candidate);
    } catch (err) {
      if (!link.ignoreOffer) this.log('candidate', err);
    }
  }

  async flushCandidates(link) {
    const list = link.pendingCandidates.splice(0);
    for (const c of list) await this.addCandidate(link, c);
  }

  // The waiting side answers with its own tracks on the transceivers the offer created.
  async attachLocal(link) {
    for (const t of link.pc.getTransceivers()) {
      const kind = transceiverKind(t);
      if (kind !== 'audio' && kind !== 'video') continue;
      if (t.direction === 'recvonly' || t.direction === 'inactive') t.direction = 'sendrecv';
      if (t.sender.track !== this.local[kind]) await t.sender.replaceTrack(this.local[kind]);
      if (this.localStream && typeof t.sender.setStreams === 'function') {
        try { t.sender.setStreams(this.localStream); } catch { /* older browsers */ }
      }
    }
  }

  // A new microphone or camera (or none): swapped into every connection without renegotiation.
  async replaceTrack(kind, track) {
    this.local[kind] = track;
    const jobs = [];
    for (const link of this.peers.values()) {
      for (const t of link.pc.getTransceivers()) {
        if (transceiverKind(t) === kind && t.sender.track !== track) jobs.push(t.sender.replaceTrack(track).catch(err => this.log('replaceTrack', err)));
      }
    }
    await Promise.all(jobs);
  }

  connections() { return [...this.peers.values()].map(l => ({ peer: l.id, pc: l.pc, initiator: l.initiator })); }
}

export function transceiverKind(t) {
  return (t.receiver && t.receiver.track && t.receiver.track.kind) || (t.sender && t.sender.track && t.sender.track.kind) || t.kind || null;
}

function candidateJson(c) {
  const out = { candidate: c.candidate, sdpMid: c.sdpMid ?? null, sdpMLineIndex: c.sdpMLineIndex ?? null };
  if (c.usernameFragment) out.usernameFragment = c.usernameFragment;
  return out;
}
