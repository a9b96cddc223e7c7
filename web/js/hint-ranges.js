// hint-ranges.js — the text side of softening hints (DOM-free): the server's UTF-8 *byte* offsets
// (`start`/`end` of each flag) as string indices (snapped to code-point boundaries), flags grouped
// by the words they cover, and short quotes. hints.js draws them.

const enc = new TextEncoder();
const dec = new TextDecoder();

// [from, to) UTF-16 indices of the byte range [start, end) of text's UTF-8 encoding.
export function byteRangeToIndex(text, start, end, bytes = enc.encode(text)) {
  const n = bytes.length;
  let s = Math.max(0, Math.min(Number(start) || 0, n));
  let e = Math.max(s, Math.min(Number(end) || 0, n));
  // Never cut a character in half: a continuation byte (10xxxxxx) is not a boundary.
  while (s > 0 && s < n && (bytes[s] & 0xc0) === 0x80) s--;
  while (e < n && (bytes[e] & 0xc0) === 0x80) e++;
  const from = dec.decode(bytes.subarray(0, s)).length;
  const to = from + dec.decode(bytes.subarray(s, e)).length;
  return [from, to];
}

// Each flag with its string range and the words it quotes: {...flag, from, to, quote}, and its
// one-click softer wording as string indices: use = {from, to, text} (null when the server sent none).
export function flagRanges(text, flags) {
  const bytes = enc.encode(text);
  return (flags || []).map(f => {
    const [from, to] = byteRangeToIndex(text, f.start, f.end, bytes);
    let use = null;
    if (f.use && typeof f.use.text === 'string') {
      const [uf, ut] = byteRangeToIndex(text, f.use.start, f.use.end, bytes);
      if (f.use.text !== text.slice(uf, ut)) use = { from: uf, to: ut, text: f.use.text };
    }
    return { ...f, from, to, quote: text.slice(from, to), use };
  });
}

// text with [from, to) replaced: what "Use this" leaves in the box.
export function applyUse(text, use) {
  return text.slice(0, use.from) + use.text + text.slice(use.to);
}

// A long quote keeps its beginning and its end: "I felt what you said … too wordy".
export function shortQuote(quote, max = 90) {
  const q = quote.replace(/\s+/g, ' ').trim();
  if (q.length <= max) return q;
  const head = q.slice(0, Math.ceil(max * 0.55)).replace(/\s+\S*$/, '');
  const tail = q.slice(q.length - Math.floor(max * 0.4)).replace(/^\S*\s+/, '');
  return `${head} … ${tail}`;
}

// Flags grouped by the exact words they cover, in the order the words were first flagged.
export function sameWords(ranges) {
  const groups = new Map();
  for (const r of ranges) {
    const key = `${r.from}:${r.to}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  return [...groups.values()];
}

// The pieces of text between the ranges' edges, each with the ranges covering it (for <mark>).
export function markedPieces(text, ranges) {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.from); cuts.add(r.to); }
  const points = [...cuts].filter(i => i >= 0 && i <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === b) continue;
    pieces.push({ text: text.slice(a, b), covering: ranges.filter(r => r.from <= a && r.to >= b) });
  }
  return pieces;
}

export function hintCountText(n) { return `${n} ${n === 1 ? 'hint' : 'hints'}`; }
