// fu-rooms.js — "Your rooms" as data (DOM-free): the rooms this person was in and the room mates
// of each, kept up to date from `my_rooms` (sent only after welcome) and live `room`/`phase`
// events; the order they are listed in; and the drafts left in a room when it closed, with whom
// each can be sent to.
import { draftRecipientId, isSelfDraftKey } from './draft-keys.js';

// A room record: {id, number, round, launched_at, phase, members: [{id, name, reachable}]}.

// The server's list (`my_rooms`), keeping rooms seen live that it may not have yet.
export function mergeMyRooms(current, serverRooms) {
  const merged = new Map();
  for (const r of serverRooms || []) merged.set(r.id, { ...r, members: (r.members || []).slice() });
  for (const [id, r] of current) if (!merged.has(id)) merged.set(id, r);
  return merged;
}

// A live `room` event's room r as a record: me left out, room mates seen before kept (someone who
// moved on is still someone you can write to), names updated.
export function roomFromEvent(prev, r, myId, now) {
  const members = prev ? prev.members.slice() : [];
  for (const m of r.members || []) {
    if (m.id === myId) continue;
    const i = members.findIndex(x => x.id === m.id);
    if (i < 0) members.push({ id: m.id, name: m.name, reachable: true });
    else members[i] = { ...members[i], name: m.name };
  }
  return {
    id: r.id, number: r.number, round: r.round ?? (prev && prev.round), members,
    launched_at: prev ? prev.launched_at : now, phase: prev ? prev.phase : 'practice',
  };
}

// Newest round first, then by room number.
export function roomsInListOrder(rooms) {
  return [...rooms].sort((a, b) => (b.round || 0) - (a.round || 0) || a.number - b.number);
}

export const isRoomInProgress = r => !!r.phase && r.phase !== 'closed';
export const reachableMembers = r => r.members.filter(m => m.reachable !== false);

// The feedback drafts of a closed room that can become follow-ups (a self-reflection cannot).
export function leftoverDrafts(drafts, r) {
  if (isRoomInProgress(r)) return [];
  return drafts.filter(d => d.room === r.id && !isSelfDraftKey(d.key));
}

// Whom a leftover draft can go to: {to: the room mate it was written for, if still reachable,
// or null; choices: everyone reachable (when to is null, the person chooses)}.
export function draftRecipients(r, draft) {
  const id = draftRecipientId(draft.key);
  const to = (id && r.members.find(m => m.id === id && m.reachable !== false)) || null;
  return { to, choices: reachableMembers(r) };
}

// The rooms shared with a person, in round order, and that person's member record.
export function sharedWith(rooms, personId) {
  let person = null;
  const shared = [];
  for (const r of rooms) {
    const m = r.members.find(x => x.id === personId);
    if (m) { person = person || m; shared.push(r); }
  }
  shared.sort((a, b) => a.round - b.round || a.number - b.number);
  return { person, shared };
}
