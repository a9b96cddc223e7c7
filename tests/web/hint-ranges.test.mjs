import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyUse, byteRangeToIndex, flagRanges, shortQuote, sameWords, markedPieces, hintCountText } from '../../web/js/hint-ranges.js';

test('byteRangeToIndex: UTF-8 byte offsets become string indices', () => {
  const cases = [
    // text, start, end, want
    ['hello', 0, 5, [0, 5]],
    ['hello', 1, 3, [1, 3]],
    ['café ok', 0, 5, [0, 4]],          // é is 2 bytes
    ['café ok', 6, 8, [5, 7]],
    ['a😀b', 1, 5, [1, 3]],              // the emoji is 4 bytes, 2 UTF-16 units
    ['a😀b', 5, 6, [3, 4]],
    ['a😀b', 2, 3, [1, 3]],              // inside the emoji: widened to the whole character
    ['héllo', 2, 2, [1, 2]],            // an empty range inside é widens to é
    ['abc', -4, 99, [0, 3]],            // clamped
    ['abc', 2, 1, [2, 2]],              // end before start
    ['abc', 'x', undefined, [0, 0]],    // not numbers
  ];
  for (const [text, s, e, want] of cases) assert.deepEqual(byteRangeToIndex(text, s, e), want, `${text} ${s} ${e}`);
});

test('flagRanges quotes the flagged words', () => {
  const r = flagRanges('Naïve? You always do that', [{ rule: 'absolute', start: 12, end: 18 }]);
  assert.deepEqual(r, [{ rule: 'absolute', start: 12, end: 18, from: 11, to: 17, quote: 'always', use: null }]);
  // "Use this": the replacement's byte range as string indices, applied with applyUse
  const t = 'Naïve? You always do that';
  const [u] = flagRanges(t, [{ rule: 'you_always', start: 12, end: 18, use: { start: 12, end: 18, text: 'sometimes' } }]);
  assert.deepEqual(u.use, { from: 11, to: 17, text: 'sometimes' });
  assert.equal(applyUse(t, u.use), 'Naïve? You sometimes do that');
  assert.deepEqual(flagRanges('x', null), []);
});

test('shortQuote keeps short text and cuts long text at word edges', () => {
  assert.equal(shortQuote('  a   few\nwords '), 'a few words');
  const long = 'I felt that what you said at the start was rather too long and also too wordy for me';
  // 55% of the length from the start and 40% from the end, each cut back to a whole word.
  assert.equal(shortQuote(long, 40), 'I felt that what you … wordy for me');
  assert.equal(shortQuote(long, 60), 'I felt that what you said at the … also too wordy for me');
  assert.equal(shortQuote('x'.repeat(10), 10), 'x'.repeat(10));
});

test('sameWords groups flags on exactly the same words, in first-flagged order', () => {
  const a = { from: 0, to: 4, rule: 'command' };
  const b = { from: 5, to: 9, rule: 'absolute' };
  const c = { from: 0, to: 4, rule: 'shouting' };
  assert.deepEqual(sameWords([a, b, c]), [[a, c], [b]]);
  assert.deepEqual(sameWords([]), []);
});

test('markedPieces cuts the text at every range edge', () => {
  const r1 = { from: 0, to: 5, n: 1 };
  const r2 = { from: 3, to: 8, n: 2 };
  const pieces = markedPieces('abcdefghij', [r1, r2]);
  assert.deepEqual(pieces.map(p => [p.text, p.covering.map(r => r.n)]),
    [['abc', [1]], ['de', [1, 2]], ['fgh', [2]], ['ij', []]]);
  assert.deepEqual(markedPieces('', []), []);
  assert.deepEqual(markedPieces('plain', []).map(p => p.text), ['plain']);
});

test('hintCountText', () => {
  assert.deepEqual([0, 1, 2].map(hintCountText), ['0 hints', '1 hint', '2 hints']);
});
