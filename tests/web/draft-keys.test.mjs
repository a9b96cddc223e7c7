import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  feedbackDraftKey, observerDraftKey, selfDraftKey, amendDraftKey, parseDraftKey, draftRecipientId, isSelfDraftKey,
  localDraftKey, localDraftRoomPrefix, isLocalDraftKey, draftKeyFromLocal, AMEND_MODE_NAMES,
} from '../../web/js/draft-keys.js';

const P = '0f8fad5b-d9cb-469f-a165-70867728950e';
const F = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

test('each key is written in its documented form', () => {
  const cases = [
    [feedbackDraftKey(P, 0), `to:${P}:t0`],
    [feedbackDraftKey(P, 12), `to:${P}:t12`],
    [observerDraftKey(P, 2), `observer:${P}:t2`],
    [selfDraftKey(3), 'self:t3'],
    [amendDraftKey('amend', F), `amend:${F}`],
    [amendDraftKey('appreciation', F), `appreciation:${F}`],
    [amendDraftKey('replace', F), `replace:${F}`],
  ];
  for (const [got, want] of cases) assert.equal(got, want);
});

test('what is written is read back', () => {
  const cases = [
    [feedbackDraftKey(P, 4), { kind: 'to', person: P, turn: 4 }],
    [observerDraftKey(P, 0), { kind: 'observer', person: P, turn: 0 }],
    [selfDraftKey(7), { kind: 'self', turn: 7 }],
    ...AMEND_MODE_NAMES.map(mode => [amendDraftKey(mode, F), { kind: mode, feedback: F }]),
  ];
  for (const [key, want] of cases) assert.deepEqual(parseDraftKey(key), want, key);
});

test('keys that are not drafts of a known kind read as null', () => {
  const cases = ['', 'to:', `to:${P.toUpperCase()}:t1`, `from:${P}:t1`, `amend:${F}:x`, 'amend:not-a-uuid',
    `amend${F}`, 'selfish:t1', `toX:${P}:t1`, `to:${P}x`, null, undefined, 42];
  for (const key of cases) assert.equal(parseDraftKey(key), null, String(key));
});

test('a person key without :t<turn> still names the person, with no turn', () => {
  const cases = [
    [`to:${P}`, { kind: 'to', person: P, turn: null }],
    [`to:${P}:`, { kind: 'to', person: P, turn: null }],
    [`observer:${P}:later`, { kind: 'observer', person: P, turn: null }],
    [`to:${P}:t1x`, { kind: 'to', person: P, turn: null }],
    [`to:${P}:t`, { kind: 'to', person: P, turn: null }],
    ['self:', { kind: 'self', turn: null }],
    ['self:tx', { kind: 'self', turn: null }],
  ];
  for (const [key, want] of cases) assert.deepEqual(parseDraftKey(key), want, key);
});

test('draftRecipientId: only to: and observer: keys name a recipient', () => {
  const cases = [
    [feedbackDraftKey(P, 1), P], [observerDraftKey(P, 1), P], [`to:${P}`, P],
    [selfDraftKey(1), null], [amendDraftKey('amend', F), null], ['junk', null],
  ];
  for (const [key, want] of cases) assert.equal(draftRecipientId(key), want, key);
});

test('isSelfDraftKey', () => {
  for (const [key, want] of [['self:t1', true], ['self:', true], ['myself:t1', false], [`to:${P}:t1`, false], [undefined, false]]) {
    assert.equal(isSelfDraftKey(key), want, String(key));
  }
});

test("this device's copies: one key per person, room and draft, read back", () => {
  const k = localDraftKey('me', 'room1', feedbackDraftKey(P, 2));
  assert.equal(k, `softclose.draft:me:room1:to:${P}:t2`);
  assert.ok(k.startsWith(localDraftRoomPrefix('me', 'room1')));
  assert.equal(draftKeyFromLocal(k, 'me', 'room1'), `to:${P}:t2`);
  assert.equal(draftKeyFromLocal(k, 'me', 'room2'), null);
  assert.equal(draftKeyFromLocal(k, 'someone', 'room1'), null);
  assert.equal(draftKeyFromLocal('softclose.token', 'me', 'room1'), null);
  assert.equal(isLocalDraftKey(k), true);
  assert.equal(isLocalDraftKey('softclose.muted'), false);
});
