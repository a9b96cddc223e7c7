// hints.js — the softening hints next to a feedback box. Owns: turning the server's UTF-8 *byte*
// offsets (`start`/`end` of each flag) into string indices (TextEncoder/TextDecoder, snapped to
// code-point boundaries), the debounced `feedback_check` (~400 ms, stale replies ignored), and
// drawing the result: a polite live summary ("2 hints" / "Reads as kind and specific"), a list of
// hints (the flagged words quoted once, then each rule's why in one sentence and its suggestion)
// and a mirrored preview of
// the text with the flagged words in <mark>, and a "Use this" button per hint that puts the softer
// wording into the text as one undoable edit (replaceInField). All user text goes in through text
// nodes.
import { el, setChildren } from './dom.js';

import { flagRanges, shortQuote, sameWords, markedPieces, hintCountText } from './hint-ranges.js';
import { TOO_LONG_TEXT } from './constants.js';

// The text-only helpers live in hint-ranges.js; re-exported for the modules that import them here.
export { byteRangeToIndex, flagRanges, shortQuote, sameWords, hintCountText } from './hint-ranges.js';

export const CHECK_DEBOUNCE_MS = 400;

// Replaces [from, to) of a textarea's value with text as ONE undoable edit: the range is selected
// and typed over with execCommand('insertText') (the browser's own undo stack: Ctrl+Z restores the
// writer's words); where that is unavailable, setRangeText and an input event.
export function replaceInField(field, from, to, text) {
  field.focus();
  field.setSelectionRange(from, to);
  let done = false;
  try { done = document.execCommand('insertText', false, text); } catch { done = false; }
  if (!done || field.value.slice(from, from + text.length) !== text) {
    field.setRangeText(text, from, to, 'end');
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

// Fills node with text, the ranges wrapped in <mark> (overlaps deepen the mark).
export function renderMarked(node, text, ranges) {
  setChildren(node, markedPieces(text, ranges).map(({ text: piece, covering }) => (!covering.length
    ? document.createTextNode(piece)
    : el('mark', { class: 'fb-mark', 'data-depth': String(Math.min(covering.length, 3)),
      'data-hints': covering.map(r => r.n).join(' ') }, piece))));
}

// The live hints of one box.
//   getText()            the text to check (the composed text for multi-field forms)
//   select(from, to)     optional: puts the caret on those indices of getText() (hint "Show" button)
//   replace(from, to, s) optional: replaces those indices of getText() with s, one undoable edit
//                        (hint "Use this" button)
//   context              'feedback' (default) or 'followup': which rules the server applies
//   onResult(result)     optional: after each drawn result {text, flags, verdict}
// Returns {node (the side column), preview (the mirrored text), summaryId, schedule(), checkNow(),
// show(text, flags, verdict), clear(), current()}.
export function createLiveHints({ sock, getText, select, replace, onResult, idBase, context = 'feedback' }) {
  const summaryId = `${idBase}-hints-summary`;
  const summary = el('p', { id: summaryId, class: 'fb-hints-summary', role: 'status', 'aria-live': 'polite',
    'data-testid': 'fb-hints-summary' });
  const list = el('ol', { class: 'fb-hint-list', 'data-testid': 'fb-hint-list', 'aria-label': 'Hints on your wording' });
  const node = el('div', { class: 'fb-hints', 'data-testid': 'fb-hints' }, summary, list);
  const previewText = el('p', { class: 'fb-preview-text', 'data-testid': 'fb-preview' });
  const preview = el('div', { class: 'fb-preview', 'aria-hidden': 'true', hidden: true },
    el('p', { class: 'kicker' }, 'How it reads — flagged words highlighted'), previewText);

  let timer = null;
  let seq = 0;
  let shown = { text: '', flags: [], verdict: '' };

  function setSummary(text, state) {
    if (summary.textContent !== text) summary.textContent = text;
    summary.dataset.state = state;
  }

  function show(text, flags, verdict) {
    const ranges = flagRanges(text, flags).map((f, i) => ({ ...f, n: i + 1 }));
    shown = { text, flags: ranges, verdict };
    node.dataset.verdict = verdict || '';
    if (!text.trim()) {
      setSummary('', 'empty');
      setChildren(list);
      preview.hidden = true;
    } else if (ranges.length) {
      const groups = sameWords(ranges);
      setSummary(`${hintCountText(groups.length)} — ways this could land more softly`, 'hints');
      setChildren(list, groups.map(g => hintItem(g, text)));
      renderMarked(previewText, text, ranges);
      preview.hidden = false;
    } else {
      setSummary(verdict === 'kind' ? 'Reads as kind and specific' : '', verdict === 'kind' ? 'kind' : 'empty');
      setChildren(list);
      preview.hidden = true;
    }
    if (onResult) onResult(shown);
  }

  // One item per stretch of words: when two rules flag exactly the same words (an order written
  // in capitals: "command" and "shouting"), the words are quoted once and each rule's reason and
  // suggestion follow.
  function hintItem(group, text) {
    const f = group[0];
    const showBtn = select ? el('button', { type: 'button', class: 'quiet small fb-hint-show',
      'aria-label': `Show in text: “${shortQuote(f.quote, 40)}”`,
      onclick: () => { if (getText() === text) select(f.from, f.to); } }, 'Show in text') : null;
    const advice = group.flatMap(g => [
      el('p', { class: 'fb-hint-why', 'data-testid': 'fb-hint-why' }, g.why),
      el('p', { class: 'fb-hint-suggestion', 'data-testid': 'fb-hint-suggestion' },
        el('span', { class: 'fb-hint-try' }, 'Try: '), g.suggestion),
      replace && g.use ? el('button', { type: 'button', class: 'secondary small fb-hint-use', 'data-testid': 'fb-hint-use',
        'aria-label': g.use.text ? `Use this: replace “${shortQuote(text.slice(g.use.from, g.use.to), 40)}” with “${shortQuote(g.use.text, 60)}”`
          : `Use this: remove “${shortQuote(text.slice(g.use.from, g.use.to), 40)}”`,
        onclick: () => { if (getText() === text) replace(g.use.from, g.use.to, g.use.text); } }, 'Use this') : null,
    ]);
    return el('li', { class: 'fb-hint', 'data-testid': 'fb-hint', 'data-rule': group.map(g => g.rule).join(' ') },
      el('p', { class: 'fb-hint-quote' },
        el('span', { class: 'sr-only' }, `Hint ${f.n}: `),
        el('q', { 'data-testid': 'fb-hint-quote' }, shortQuote(f.quote))),
      ...advice,
      showBtn);
  }

  async function checkNow() {
    clearTimeout(timer);
    timer = null;
    const text = getText();
    const mine = ++seq;
    if (!text.trim()) { show(text, [], ''); return; }
    try {
      const r = await sock.request({ type: 'feedback_check', text, context });
      if (mine !== seq) return;   // the text changed since; a newer check is coming
      show(text, r.flags || [], r.verdict);
    } catch (err) {
      if (mine !== seq) return;
      if (err.code === 'too_large') setSummary(TOO_LONG_TEXT, 'error');
      else if (err.code !== 'disconnected' && err.code !== 'timeout' && err.code !== 'rate_limited') setSummary(err.message, 'error');
    }
  }

  return {
    node, preview, summaryId,
    schedule() { clearTimeout(timer); timer = setTimeout(checkNow, CHECK_DEBOUNCE_MS); },
    checkNow,
    show,
    clear() { clearTimeout(timer); seq++; show('', [], ''); },
    current: () => shown,
  };
}
