// fb-targets.js — whom feedback goes to, as data (DOM-free). Owns: the recipients to choose from
// in a turn (by default the person who played therapist; the observer writes the therapist a
// three-part form, the therapist writes a self-reflection; any room mate can be chosen), the
// recipient a draft key stands for (draft-keys.js), the words of each box, of the write section
// and of a draft's label, and the labels of kinds, roles and the three ways to soften.
import { feedbackDraftKey, observerDraftKey, selfDraftKey, parseDraftKey } from './draft-keys.js';

export const KIND_LABEL = Object.freeze({
  feedback: 'Feedback',
  observer: "Observer's notes",
  self_reflection: 'Self-reflection',
  amendment: 'What I meant',
  appreciation: 'Appreciation',
});
export const ROLE_LABEL = Object.freeze({ therapist: 'Therapist', client: 'Client', observer: 'Observer' });
export const AMEND_MODES = Object.freeze({
  amend: { button: 'Add what I meant', label: 'What you meant — added under your message', placeholder: 'What I meant was…', send: 'Add this' },
  appreciation: { button: 'Add an appreciation', label: 'An appreciation — added under your message', placeholder: 'Something I appreciated was…', send: 'Send appreciation' },
  replace: { button: 'Replace', label: 'Your message, rewritten — it replaces the one they have', placeholder: '', send: 'Replace message' },
});

// people: {myId, members: the room's members [{id, name, role}], myRole}
export const memberOf = (people, id) => people.members.find(m => m.id === id);
export const nameOf = (people, id) => (id === people.myId ? 'yourself' : (memberOf(people, id) || {}).name || 'someone who left');

const personTarget = (people, m, turn) => (people.myRole === 'observer' && m.role === 'therapist'
  ? { key: observerDraftKey(m.id, turn), to: m.id, kind: 'observer', form: 'observer', name: m.name, role: m.role }
  : { key: feedbackDraftKey(m.id, turn), to: m.id, kind: 'feedback', form: 'single', name: m.name, role: m.role });
const selfTarget = (people, key) => ({ key, to: people.myId, kind: 'self_reflection', form: 'single', name: 'Myself', self: true });

// The recipients to choose from this turn: the therapist first among room mates; myself first
// when I am the therapist, last otherwise.
export function writeTargets(people, turn) {
  const mates = people.members.filter(m => m.id !== people.myId)
    .sort((a, b) => (b.role === 'therapist') - (a.role === 'therapist'));
  const list = mates.map(m => personTarget(people, m, turn));
  const self = selfTarget(people, selfDraftKey(turn));
  if (people.myRole === 'therapist') list.unshift(self); else list.push(self);
  return list;
}

// The recipient of a box's draft key (with the turn it was written in), or null for keys that
// are not a recipient (amendments).
export function targetFromKey(people, key) {
  const k = parseDraftKey(key);
  if (!k || k.turn === null || k.turn === undefined) return null;
  if (k.kind === 'self') return { ...selfTarget(people, key), turn: k.turn };
  const role = (memberOf(people, k.person) || {}).role;
  return k.kind === 'to'
    ? { key, to: k.person, kind: 'feedback', form: 'single', turn: k.turn, name: nameOf(people, k.person), role }
    : { key, to: k.person, kind: 'observer', form: 'observer', turn: k.turn, name: nameOf(people, k.person), role };
}

// The key selected by default: the therapist's box (my self-reflection when I am the therapist).
export function defaultTargetKey(list, myRole) {
  const therapist = list.find(t => t.role === 'therapist' || (myRole === 'therapist' && t.self));
  return (therapist || list[0]).key;
}

// The words of a recipient's box: {label, placeholder, sendLabel}.
export function boxWording(target, myRole) {
  if (target.self) {
    return { label: 'Your self-reflection', sendLabel: 'Save my reflection',
      placeholder: 'How did it go for you? One thing you would keep, one thing you would try next time.' };
  }
  const sendLabel = `Send to ${target.name}`;
  if (target.form === 'observer') return { label: `Your observer notes for ${target.name}`, placeholder: '', sendLabel };
  return {
    label: `Your feedback for ${target.name}`, sendLabel,
    placeholder: myRole === 'client' && target.role === 'therapist'
      ? 'What helped you as the client? Point to a moment, and one thing they might try.'
      : 'Something specific you noticed, and how it landed for you.',
  };
}

// The write section's title and lead for the phase ('feedback' | 'soften').
export function writeHeading(phase, sentCount, myRole) {
  const title = phase !== 'soften' ? 'Your feedback' : sentCount ? 'Something else to say?' : 'Something to say?';
  const lead = phase === 'soften' ? 'Feedback can still be sent until the room closes.'
    : myRole === 'observer' ? 'Three short answers — specific moments are the most useful.'
      : myRole === 'therapist' ? 'A few words for yourself first; you can also write to your room mates. What they send you appears on this page as it arrives.'
        : 'Point to a moment, say how it landed, and one thing to try.';
  return { title, lead };
}

// "To Ana", "Your self-reflection", "Add what I meant (to Ana)", "A draft".
export function draftLabel(people, key, sent) {
  const t = targetFromKey(people, key);
  if (t) return t.self ? 'Your self-reflection' : `To ${t.name}`;
  const k = parseDraftKey(key);
  if (k && AMEND_MODES[k.kind]) {
    const fb = sent.get(k.feedback);
    return `${AMEND_MODES[k.kind].button}${fb ? ` (to ${fb.to.name})` : ''}`;
  }
  return 'A draft';
}
