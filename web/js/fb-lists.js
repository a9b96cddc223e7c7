// fb-lists.js — the feedback of one room as data (DOM-free). Owns: what I sent and what I
// received (`feedback`, `feedback_revised`, `feedback_list`), merged by id and kept to this room;
// a message and what was added under it later (`amends`); the words announced when feedback
// arrives; and which drafts of the room are still unsent (this page's boxes, the server's
// `drafts` and this device's copies).
import { draftKeyFromLocal } from './draft-keys.js';

// Belongs to the room on screen (a message without a room, or no room yet, is taken).
const inRoom = (fb, roomId) => !roomId || !fb.room || fb.room === roomId;

// Merges fb into map (id -> feedback); false when it is not this room's.
export function upsertFeedback(map, fb, roomId) {
  if (!fb || !inRoom(fb, roomId)) return false;
  map.set(fb.id, { ...(map.get(fb.id) || {}), ...fb });
  return true;
}

// The same for received feedback, which also carries `_new` (highlighted for a while): new
// when it just arrived, or when it already was.
export function upsertReceived(map, fb, roomId, isNew) {
  if (!fb || !inRoom(fb, roomId)) return false;
  const before = map.get(fb.id);
  map.set(fb.id, { ...(before || {}), ...fb, _new: isNew || (before && before._new) });
  return true;
}

const bySentAt = (a, b) => (a.sent_at || 0) - (b.sent_at || 0);
// The messages not added under another message of the map, oldest first.
export const topLevel = map => [...map.values()].filter(f => !f.amends || !map.has(f.amends)).sort(bySentAt);
// What was added under message id, oldest first.
export const additionsOf = (map, id) => [...map.values()].filter(f => f.amends === id).sort(bySentAt);

// "Ana sent you feedback." and the like, for a message that just arrived.
export function receivedAnnouncement(fb) {
  const what = fb.kind === 'appreciation' ? 'an appreciation' : fb.amends ? 'an addition to their feedback'
    : fb.kind === 'observer' ? 'observer notes' : 'feedback';
  return `${fb.from.name} sent you ${what}.`;
}

// After an amendment was sent.
export function amendedAnnouncement(mode, fb) {
  return mode === 'replace' ? `Your message to ${fb.to.name} is replaced.` : `Added to your message to ${fb.to.name}.`;
}

// The drafts of a room to put back into boxes: Map draft key -> the server's draft, or null for
// a copy only this device has (localKeys: every localStorage key).
export function roomDraftSources(drafts, localKeys, myId, roomId) {
  const keys = new Map();
  for (const d of drafts) if (d.room === roomId && d.text) keys.set(d.key, d);
  for (const k of localKeys) {
    const key = draftKeyFromLocal(k, myId, roomId);
    if (key !== null && !keys.has(key)) keys.set(key, null);
  }
  return keys;
}

// What is written and not sent: every box with text (a Replace box still holding the message as
// sent does not count), then the server's drafts that have no box on this page (a box, once made,
// knows its own text best). boxes: [{key, text, sameAsSent}].
export function unsentTexts(boxes, drafts, roomId) {
  const out = boxes.filter(b => b.text.trim() && !b.sameAsSent).map(b => ({ key: b.key, text: b.text }));
  const boxKeys = new Set(boxes.map(b => b.key));
  for (const d of drafts) if (d.room === roomId && d.text && !boxKeys.has(d.key)) out.push({ key: d.key, text: d.text });
  return out;
}
