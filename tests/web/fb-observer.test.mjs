import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OBSERVER_PARTS, composeObserver, parseObserver } from '../../web/js/fb-observer.js';

test('composeObserver: the answers given, each behind its prefix', () => {
  const cases = [
    [['a', 'b', 'c'], 'What worked: a\nA moment to look at: b\nTo try next time: c'],
    [['a', '', 'c'], 'What worked: a\nTo try next time: c'],
    [['', '  ', ''], ''],
    [['two\nlines', '', ''], 'What worked: two\nlines'],
  ];
  for (const [values, want] of cases) assert.equal(composeObserver(values), want);
});

test('parseObserver reads the composed text back', () => {
  for (const values of [['a', 'b', 'c'], ['a', '', 'c'], ['', 'b', ''], ['two\nlines', 'x', 'more\nlines\nhere']]) {
    assert.deepEqual(parseObserver(composeObserver(values)), values);
  }
});

test('parseObserver: text not in that shape goes into the first answer', () => {
  const cases = [
    ['just some notes', ['just some notes', '', '']],
    ['notes\nTo try next time: pause', ['notes', '', 'pause']],
    ['What worked: a\nWhat worked: again', ['a\nWhat worked: again', '', '']],   // a prefix counts once
    ['', ['', '', '']],
  ];
  for (const [text, want] of cases) assert.deepEqual(parseObserver(text), want, text);
  assert.equal(OBSERVER_PARTS.length, 3);
});
