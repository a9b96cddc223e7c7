// format.js — words and dates for the participant page (DOM-free; uses the viewer's locale).

// "14:05" today, "Tue 3 Dec, 14:05" this year, "3 Dec 2024, 14:05" before.
export function formatWhen(ms, now = new Date()) {
  const d = new Date(ms);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return time;
  const opts = d.getFullYear() === now.getFullYear()
    ? { weekday: 'short', day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return `${d.toLocaleDateString([], opts)}, ${time}`;
}

// "3 December 2025".
export function formatDate(ms) {
  return new Date(ms).toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' });
}

// ['Ana'] -> 'Ana'; ['Ana', 'Ben', 'Chi'] -> 'Ana, Ben and Chi'.
export function joinNames(list) {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

// '1 day', '30 days'.
export const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
