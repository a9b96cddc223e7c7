// call/roster.js — who is in the call and how they are (DOM-free). Owns: the peers of the
// current call (P = {peer, participant, name, role, facilitator, muted, camera, speaking}) from
// `call_joined` / `call_peer_joined` / `call_peer` / `call_peer_left`, the role badges refreshed
// from each `room` (turn changes) or facilitator `room_update`, the order tiles are shown in, and
// the sentences announced to screen readers ("Ana joined the call", "Facilitator joined").

const ROLE_ORDER = { therapist: 0, client: 1, observer: 2, facilitator: 3 };

export function joinedText(p) {
  return p.facilitator ? 'Facilitator joined' : `${p.name || 'Someone'} joined the call`;
}
export function leftText(p) {
  return p.facilitator ? 'Facilitator left the call' : `${p.name || 'Someone'} left the call`;
}

export class CallRoster {
  constructor() {
    this.peers = new Map();   // peer id -> P
    this.roles = new Map();   // participant id -> role (from the latest room)
    this.self = null;         // own peer id while in the call
  }

  clear() { this.peers.clear(); this.self = null; }

  // call_joined: own peer id and the peers already there.
  joined(msg) {
    this.peers.clear();
    this.self = msg.peer || null;
    for (const p of msg.peers || []) this.upsert(p);
  }

  // call_peer_joined / call_peer. Returns the stored P.
  upsert(p) {
    if (!p || !p.peer) return null;
    const prev = this.peers.get(p.peer) || {};
    const next = { ...prev, ...p };
    if (!next.facilitator && next.participant && this.roles.has(next.participant)) next.role = this.roles.get(next.participant);
    this.peers.set(p.peer, next);
    return next;
  }

  // call_peer_left. Returns the P that left (or null if unknown).
  remove(peerId) {
    const p = this.peers.get(peerId) || null;
    this.peers.delete(peerId);
    return p;
  }

  // Members of the room ({id, role}[]): new badges at every turn change. Returns true if a
  // peer's role changed.
  setRoles(members) {
    this.roles = new Map((members || []).filter(m => m && m.id).map(m => [m.id, m.role]));
    let changed = false;
    for (const p of this.peers.values()) {
      if (p.facilitator || !p.participant || !this.roles.has(p.participant)) continue;
      const role = this.roles.get(p.participant);
      if (p.role !== role) { p.role = role; changed = true; }
    }
    return changed;
  }

  // Peers in tile order: therapist, client, observers, facilitator; then by name.
  list() {
    return [...this.peers.values()].sort((a, b) =>
      (ROLE_ORDER[a.facilitator ? 'facilitator' : a.role] ?? 9) - (ROLE_ORDER[b.facilitator ? 'facilitator' : b.role] ?? 9)
      || String(a.name || '').localeCompare(String(b.name || '')) || String(a.peer).localeCompare(String(b.peer)));
  }
}
