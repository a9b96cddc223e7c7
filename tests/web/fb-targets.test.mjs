import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  KIND_LABEL, ROLE_LABEL, AMEND_MODES, nameOf, writeTargets, targetFromKey, defaultTargetKey, boxWording, writeHeading, draftLabel,
} from '../../web/js/fb-targets.js';

const ME = '00000000-0000-4000-8000-000000000001';
const T = '00000000-0000-4000-8000-00000000000a';   // therapist
const C = '00000000-0000-4000-8000-00000000000b';   // client
const O = '00000000-0000-4000-8000-00000000000c';   // observer
const F = '00000000-0000-4000-8000-0000000000ff';   // a feedback id
const members = [
  { id: C, name: 'Cleo', role: 'client' },
  { id: O, name: 'Omar', role: 'observer' },
  { id: T, name: 'Tess', role: 'therapist' },
];
const as = (myId, myRole) => ({ myId, myRole, members: members.map(m => (m.id === myId ? { ...m, name: 'Me' } : m)) });

test('writeTargets: the therapist first, the observer writes the three-part form, myself first only as therapist', () => {
  const cases = [
    [as(C, 'client'), [`to:${T}:t1`, `to:${O}:t1`, 'self:t1'], ['single', 'single', 'single']],
    [as(O, 'observer'), [`observer:${T}:t1`, `to:${C}:t1`, 'self:t1'], ['observer', 'single', 'single']],
    [as(T, 'therapist'), ['self:t1', `to:${C}:t1`, `to:${O}:t1`], ['single', 'single', 'single']],
  ];
  for (const [people, keys, forms] of cases) {
    const list = writeTargets(people, 1);
    assert.deepEqual(list.map(t => t.key), keys, people.myRole);
    assert.deepEqual(list.map(t => t.form), forms, people.myRole);
  }
  const self = writeTargets(as(C, 'client'), 0).at(-1);
  assert.deepEqual(self, { key: 'self:t0', to: C, kind: 'self_reflection', form: 'single', name: 'Myself', self: true });
  const obs = writeTargets(as(O, 'observer'), 2)[0];
  assert.deepEqual(obs, { key: `observer:${T}:t2`, to: T, kind: 'observer', form: 'observer', name: 'Tess', role: 'therapist' });
});

test('targetFromKey reads a box key back as its recipient', () => {
  const people = as(C, 'client');
  const cases = [
    [`to:${T}:t3`, { to: T, kind: 'feedback', form: 'single', turn: 3, name: 'Tess', role: 'therapist' }],
    [`observer:${T}:t0`, { to: T, kind: 'observer', form: 'observer', turn: 0, name: 'Tess', role: 'therapist' }],
    ['self:t2', { to: C, kind: 'self_reflection', form: 'single', turn: 2, name: 'Myself', self: true }],
    [`to:${'00000000-0000-4000-8000-0000000000aa'}:t1`, { to: '00000000-0000-4000-8000-0000000000aa', kind: 'feedback', form: 'single', turn: 1, name: 'someone who left', role: undefined }],
    [`to:${ME}:t1`, { to: ME, kind: 'feedback', form: 'single', turn: 1, name: 'someone who left', role: undefined }],
  ];
  for (const [key, want] of cases) assert.deepEqual(targetFromKey(people, key), { key, ...want }, key);
  for (const key of [`amend:${F}`, `to:${T}`, 'self:', 'junk']) assert.equal(targetFromKey(people, key), null, key);
});

test("targets and the keys they are read back from agree", () => {
  for (const people of [as(C, 'client'), as(O, 'observer'), as(T, 'therapist')]) {
    for (const t of writeTargets(people, 5)) {
      const back = targetFromKey(people, t.key);
      assert.deepEqual({ ...back, turn: undefined }, { ...t, turn: undefined }, t.key);
      assert.equal(back.turn, 5);
    }
  }
});

test('nameOf', () => {
  const people = as(C, 'client');
  assert.deepEqual([nameOf(people, C), nameOf(people, T), nameOf(people, 'gone')], ['yourself', 'Tess', 'someone who left']);
});

test('defaultTargetKey: the therapist, or my reflection as therapist, or the first', () => {
  assert.equal(defaultTargetKey(writeTargets(as(C, 'client'), 1), 'client'), `to:${T}:t1`);
  assert.equal(defaultTargetKey(writeTargets(as(O, 'observer'), 1), 'observer'), `observer:${T}:t1`);
  assert.equal(defaultTargetKey(writeTargets(as(T, 'therapist'), 1), 'therapist'), 'self:t1');
  const noTherapist = { myId: C, myRole: 'client', members: members.filter(m => m.role !== 'therapist') };
  assert.equal(defaultTargetKey(writeTargets(noTherapist, 1), 'client'), `to:${O}:t1`);
});

test('boxWording', () => {
  const cases = [
    [{ self: true }, 'client', 'Your self-reflection', 'Save my reflection', /^How did it go/],
    [{ form: 'observer', name: 'Tess' }, 'observer', 'Your observer notes for Tess', 'Send to Tess', /^$/],
    [{ form: 'single', name: 'Tess', role: 'therapist' }, 'client', 'Your feedback for Tess', 'Send to Tess', /^What helped you as the client/],
    [{ form: 'single', name: 'Cleo', role: 'client' }, 'observer', 'Your feedback for Cleo', 'Send to Cleo', /^Something specific/],
  ];
  for (const [target, role, label, sendLabel, placeholder] of cases) {
    const w = boxWording(target, role);
    assert.equal(w.label, label);
    assert.equal(w.sendLabel, sendLabel);
    assert.match(w.placeholder, placeholder);
  }
});

test('writeHeading', () => {
  const cases = [
    ['feedback', 0, 'client', 'Your feedback', /^Point to a moment/],
    ['feedback', 2, 'observer', 'Your feedback', /^Three short answers/],
    ['feedback', 0, 'therapist', 'Your feedback', /^A few words for yourself/],
    ['soften', 0, 'client', 'Something to say?', /until the room closes/],
    ['soften', 1, 'therapist', 'Something else to say?', /until the room closes/],
  ];
  for (const [phase, sent, role, title, lead] of cases) {
    const h = writeHeading(phase, sent, role);
    assert.equal(h.title, title);
    assert.match(h.lead, lead);
  }
});

test('draftLabel', () => {
  const people = as(C, 'client');
  const sent = new Map([[F, { id: F, to: { name: 'Tess' } }]]);
  const cases = [
    [`to:${T}:t0`, 'To Tess'],
    ['self:t0', 'Your self-reflection'],
    [`amend:${F}`, 'Add what I meant (to Tess)'],
    [`appreciation:${F}`, 'Add an appreciation (to Tess)'],
    [`replace:${'00000000-0000-4000-8000-0000000000ee'}`, 'Replace'],
    [`to:${T}`, 'A draft'],
    ['whatever', 'A draft'],
  ];
  for (const [key, want] of cases) assert.equal(draftLabel(people, key, sent), want, key);
});

test('labels', () => {
  assert.equal(KIND_LABEL.self_reflection, 'Self-reflection');
  assert.equal(ROLE_LABEL.observer, 'Observer');
  assert.deepEqual(Object.keys(AMEND_MODES), ['amend', 'appreciation', 'replace']);
});
