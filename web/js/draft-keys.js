// draft-keys.js — the one place that writes and reads draft keys (DOM-free).
//
// A draft key names a feedback box within a room; the server stores drafts under it
// (`feedback_draft`, `drafts`) and clears it when the text is sent (`draft_key`):
//   to:<participant id>:t<turn>        feedback to a room mate in that turn
//   observer:<therapist id>:t<turn>    the observer's three-part notes for the therapist
//   self:t<turn>                       the therapist's self-reflection
//   amend:<feedback id>                "Add what I meant" under a sent message
//   appreciation:<feedback id>         "Add an appreciation"
//   replace:<feedback id>              "Replace" the sent message
// This device keeps its own copy of each draft in localStorage under
//   softclose.draft:<my id>:<room id>:<draft key>
import { UUID_PATTERN } from './constants.js';

export const AMEND_MODE_NAMES = Object.freeze(['amend', 'appreciation', 'replace']);

export const feedbackDraftKey = (toId, turn) => `to:${toId}:t${turn}`;
export const observerDraftKey = (therapistId, turn) => `observer:${therapistId}:t${turn}`;
export const selfDraftKey = turn => `self:t${turn}`;
export const amendDraftKey = (mode, feedbackId) => `${mode}:${feedbackId}`;

const PERSON_KEY = new RegExp(`^(to|observer):(${UUID_PATTERN})(?::([\\s\\S]*))?$`);
const AMEND_KEY = new RegExp(`^(${AMEND_MODE_NAMES.join('|')}):(${UUID_PATTERN})$`);
const TURN = /^t(\d+)$/;

// key -> one of
//   {kind: 'to' | 'observer', person, turn}   turn is null when the key does not end in :t<turn>
//   {kind: 'self', turn}                      (any key starting 'self:'; turn null if not :t<turn>)
//   {kind: 'amend' | 'appreciation' | 'replace', feedback}
//   null                                      anything else
export function parseDraftKey(key) {
  if (typeof key !== 'string') return null;
  let m = PERSON_KEY.exec(key);
  if (m) {
    const t = m[3] === undefined ? null : TURN.exec(m[3]);
    return { kind: m[1], person: m[2], turn: t ? Number(t[1]) : null };
  }
  if (key.startsWith('self:')) {
    const t = TURN.exec(key.slice(5));
    return { kind: 'self', turn: t ? Number(t[1]) : null };
  }
  m = AMEND_KEY.exec(key);
  if (m) return { kind: m[1], feedback: m[2] };
  return null;
}

// The room mate a draft was meant for (to:/observer: keys), or null.
export function draftRecipientId(key) {
  const k = parseDraftKey(key);
  return k && (k.kind === 'to' || k.kind === 'observer') ? k.person : null;
}

export const isSelfDraftKey = key => typeof key === 'string' && key.startsWith('self:');

// ---- this device's copies (localStorage) ----------------------------------------------------------
export const LOCAL_DRAFT_PREFIX = 'softclose.draft:';
export const localDraftRoomPrefix = (myId, roomId) => `${LOCAL_DRAFT_PREFIX}${myId}:${roomId}:`;
export const localDraftKey = (myId, roomId, key) => `${localDraftRoomPrefix(myId, roomId)}${key}`;
export const isLocalDraftKey = storageKey => typeof storageKey === 'string' && storageKey.startsWith(LOCAL_DRAFT_PREFIX);

// The draft key of a localStorage key of this person's room, or null.
export function draftKeyFromLocal(storageKey, myId, roomId) {
  const prefix = localDraftRoomPrefix(myId, roomId);
  return typeof storageKey === 'string' && storageKey.startsWith(prefix) ? storageKey.slice(prefix.length) : null;
}
