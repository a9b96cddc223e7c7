import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWhen, formatDate, joinNames, plural } from '../../web/js/format.js';

test('joinNames', () => {
  const cases = [[[], ''], [['Ana'], 'Ana'], [['Ana', 'Ben'], 'Ana and Ben'], [['Ana', 'Ben', 'Chi'], 'Ana, Ben and Chi']];
  for (const [list, want] of cases) assert.equal(joinNames(list), want);
});

test('plural', () => {
  assert.deepEqual([[1, 'day'], [2, 'day'], [0, 'day']].map(([n, w]) => plural(n, w)), ['1 day', '2 days', '0 days']);
});

test('formatWhen: only the time today, the date before', () => {
  const now = new Date(2025, 5, 15, 18, 0);
  const time = d => d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const today = new Date(2025, 5, 15, 9, 5);
  assert.equal(formatWhen(today.getTime(), now), time(today));
  const thisYear = new Date(2025, 0, 3, 9, 5);
  const s = formatWhen(thisYear.getTime(), now);
  assert.ok(s.endsWith(`, ${time(thisYear)}`) && s.length > time(thisYear).length + 2, s);
  assert.ok(!s.includes('2025'), s);
  const lastYear = new Date(2024, 11, 3, 9, 5);
  assert.ok(formatWhen(lastYear.getTime(), now).includes('2024'));
});

test('formatDate has the year', () => {
  assert.ok(formatDate(new Date(2024, 11, 3).getTime()).includes('2024'));
});
