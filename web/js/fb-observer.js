// fb-observer.js — the observer's three-part feedback form as text (DOM-free): three answers
// composed into "What worked: …\nA moment to look at: …\nTo try next time: …" and read back.
// composer.js draws the form.

export const OBSERVER_PARTS = [
  { label: 'One thing that worked', prefix: 'What worked: ', placeholder: 'e.g. the reflection after she went quiet' },
  { label: 'One moment to look at', prefix: 'A moment to look at: ', placeholder: 'e.g. when he mentioned his father' },
  { label: 'One thing to try next time', prefix: 'To try next time: ', placeholder: 'e.g. a longer pause before asking' },
];

// The observer's three answers -> one text (empty answers are left out).
export function composeObserver(values) {
  return values.map((v, i) => (v.trim() ? OBSERVER_PARTS[i].prefix + v : null)).filter(v => v !== null).join('\n');
}

// One text -> the three answers (text that is not in that shape goes into the first answer).
export function parseObserver(text) {
  const out = ['', '', ''];
  const seen = [false, false, false];
  let cur = -1;
  for (const line of String(text).split('\n')) {
    const i = OBSERVER_PARTS.findIndex((p, k) => !seen[k] && line.startsWith(p.prefix));
    if (i >= 0) { seen[i] = true; cur = i; out[i] = line.slice(OBSERVER_PARTS[i].prefix.length); continue; }
    if (cur < 0) { cur = 0; seen[0] = true; out[0] = line; continue; }
    out[cur] += `\n${line}`;
  }
  return out;
}
