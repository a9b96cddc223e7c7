// fb-items-view.js — draws the feedback lists of the room card and the "Write to" chips: "Feedback for you" (who, kind,
// time, text, "revised", what was added later), the plain "Sent" list, and the soft close's list
// of what I sent (the replaced text struck through, the hints it had, what I added, and the three
// ways to soften it, with the open amendment box). Each item is {node, update(fb)} so that lists
// are updated in place (syncList) and focus, open boxes and half-typed text survive.
import { el, setChildren, formatClock } from './dom.js';
import { flagRanges, shortQuote, hintCountText } from './hint-ranges.js';
import { KIND_LABEL, ROLE_LABEL, AMEND_MODES } from './fb-targets.js';
import { additionsOf } from './fb-lists.js';

// Keeps ul's children in the order of items without touching nodes already in place (focus,
// open composers and half-typed text survive every update).
export function syncList(ul, items, nodes, make) {
  const want = [];
  for (const f of items) {
    let n = nodes.get(f.id);
    if (!n) { n = make(f); nodes.set(f.id, n); }
    n.update(f);
    want.push(n.node);
  }
  const keep = new Set(want);
  for (const child of [...ul.children]) if (!keep.has(child)) child.remove();
  want.forEach((node, i) => { if (ul.children[i] !== node) ul.insertBefore(node, ul.children[i] || null); });
}

// The "Write to" choice: one radio chip per recipient (fb-targets.js writeTargets), rebuilt only
// when the people change. onSelect(key) when one is chosen.
export function createRecipientChips(onSelect) {
  const node = el('div', { class: 'fb-to-chips' });
  let signature = '';
  return {
    node,
    render(list, selectedKey) {
      const sig = list.map(t => `${t.key}|${t.name}|${t.role || ''}`).join(',');
      if (sig !== signature) {
        signature = sig;
        setChildren(node, list.map(chip));
      }
      for (const input of node.querySelectorAll('input')) input.checked = input.value === selectedKey;
    },
    forget() { signature = ''; },
  };

  function chip(t) {
    const id = `fb-to-${t.key.replace(/[^a-z0-9]/g, '-')}`;
    const input = el('input', { type: 'radio', name: 'fb-to', id, value: t.key, 'data-testid': 'fb-to-option' });
    input.addEventListener('change', () => { if (input.checked) onSelect(t.key); });
    return el('label', { for: id, class: 'fb-chip', 'data-to': t.to }, input,
      el('span', { class: 'fb-chip-name' }, t.self ? 'Myself' : t.name),
      t.self ? el('span', { class: 'role-tag' }, 'self-reflection')
        : el('span', { class: `role-tag role-${t.role}` }, ROLE_LABEL[t.role] || t.role));
  }
}

// getSent() / getReceived(): the maps of this room (fb-lists.js); openAmend(fb, mode) opens a
// way to soften a sent message; amendsOpen(): the phase allows it; activeAmend(id): the open
// amendment box of a sent message, or null.
export function createFeedbackItems({ getSent, getReceived, openAmend, amendsOpen, activeAmend }) {
  function metaLine(fb, mine) {
    const who = mine ? (fb.kind === 'self_reflection' ? 'To yourself' : `To ${fb.to.name}`) : fb.from.name;
    return [
      el(mine ? 'span' : 'strong', { class: 'fb-who' }, who),
      el('span', { class: 'fb-kind', 'data-kind': fb.kind }, KIND_LABEL[fb.kind] || fb.kind),
      el('time', { datetime: new Date(fb.sent_at).toISOString() }, formatClock(fb.sent_at)),
      fb.revised ? el('span', { class: 'fb-badge fb-badge-revised', 'data-testid': 'fb-revised' }, 'revised') : null,
      mine && fb.softened ? el('span', { class: 'fb-badge fb-badge-softened', 'data-testid': 'fb-softened' }, 'softened') : null,
    ];
  }

  function additionNode(f, mine) {
    return el('li', { class: 'fb-addition', 'data-testid': 'fb-addition', 'data-kind': f.kind },
      el('p', { class: 'fb-meta' }, el('span', { class: 'fb-kind', 'data-kind': f.kind }, KIND_LABEL[f.kind] || f.kind),
        el('time', { datetime: new Date(f.sent_at).toISOString() }, formatClock(f.sent_at)),
        f.revised ? el('span', { class: 'fb-badge fb-badge-revised' }, 'revised') : null),
      el('p', { class: 'fb-text', 'data-testid': 'fb-addition-text' }, f.text),
      mine && f.hints && f.hints.length ? el('p', { class: 'fb-had-none' }, `Sent with ${hintCountText(f.hints.length)}.`) : null);
  }

  // A message someone sent me: who, kind, time, text, "revised", and what they added later.
  function receivedNode(fb) {
    const meta = el('p', { class: 'fb-meta' });
    const text = el('p', { class: 'fb-text', 'data-testid': 'fb-item-text' });
    const adds = el('ul', { class: 'fb-additions', 'aria-label': 'Added later' });
    const node = el('li', { class: 'fb-item', 'data-testid': 'fb-received-item', 'data-id': fb.id }, meta, text, adds);
    return {
      node,
      update(f) {
        node.dataset.kind = f.kind;
        node.dataset.new = f._new ? 'true' : 'false';
        setChildren(meta, metaLine(f, false));
        if (text.textContent !== f.text) text.textContent = f.text;
        const list = additionsOf(getReceived(), f.id);
        setChildren(adds, list.map(a => additionNode(a, false)));
        adds.hidden = !list.length;
      },
    };
  }

  // The hints a sent message had, quoted, each with its suggestion.
  function hadHints(f) {
    const hs = flagRanges(f.text, f.hints || []);
    if (!hs.length) return el('p', { class: 'fb-had-none', 'data-testid': 'fb-had-hints' }, 'No hints — it reads kindly.');
    return el('div', { class: 'fb-had', 'data-testid': 'fb-had-hints' },
      el('p', { class: 'fb-had-title' }, `It had ${hintCountText(hs.length)}:`),
      el('ul', { class: 'fb-had-list' }, hs.map(h => el('li', null,
        el('q', null, shortQuote(h.quote, 60)), ' — ', el('span', { class: 'fb-had-suggestion' }, h.suggestion)))));
  }

  // A message I sent, in the soft close: its text (the replaced one struck through), the hints it
  // had, what I added, and the three ways to soften it.
  function softenNode(fb) {
    const meta = el('p', { class: 'fb-meta' });
    const old = el('p', { class: 'fb-old', 'data-testid': 'fb-original' });
    const text = el('p', { class: 'fb-text', 'data-testid': 'fb-item-text' });
    const had = el('div');
    const adds = el('ul', { class: 'fb-additions', 'aria-label': 'Added later' });
    const buttons = {};
    const actions = el('div', { class: 'fb-amend-actions', role: 'group', 'aria-label': 'Soften this message' },
      Object.entries(AMEND_MODES).map(([mode, m]) => {
        buttons[mode] = el('button', { type: 'button', class: mode === 'replace' ? 'quiet' : 'gentle', 'data-testid': `fb-${mode}`,
          onclick: () => openAmend(getSent().get(fb.id), mode) }, m.button);
        return buttons[mode];
      }));
    const amendSlot = el('div', { class: 'fb-amend-slot' });
    const node = el('li', { class: 'fb-item fb-mine', 'data-testid': 'fb-soften-item', 'data-id': fb.id },
      meta, old, text, had, adds, actions, amendSlot);
    return {
      node,
      focusActions() { (buttons.amend || node).focus(); },
      update(f) {
        node.dataset.kind = f.kind;
        setChildren(meta, metaLine(f, true));
        old.hidden = !f.original_text;
        if (f.original_text) setChildren(old, el('span', { class: 'sr-only' }, 'Replaced text: '), el('s', null, f.original_text));
        if (text.textContent !== f.text) text.textContent = f.text;
        setChildren(had, f.kind === 'self_reflection' ? null : hadHints(f));
        const list = additionsOf(getSent(), f.id);
        setChildren(adds, list.map(a => additionNode(a, true)));
        adds.hidden = !list.length;
        const open = amendsOpen() && f.kind !== 'self_reflection';
        const c = open ? activeAmend(f.id) : null;
        actions.hidden = !open || !!c;
        if (c) { if (amendSlot.firstChild !== c.node) setChildren(amendSlot, c.node); c.setEnabled(true); } else if (amendSlot.firstChild) setChildren(amendSlot);
      },
    };
  }

  // A message I sent, in the plain "Sent" list of the feedback step.
  function plainNode(fb) {
    const meta = el('p', { class: 'fb-meta' });
    const old = el('p', { class: 'fb-old' });
    const text = el('p', { class: 'fb-text', 'data-testid': 'fb-item-text' });
    const adds = el('ul', { class: 'fb-additions' });
    const node = el('li', { class: 'fb-item fb-mine', 'data-testid': 'fb-sent-item', 'data-id': fb.id }, meta, old, text, adds);
    return {
      node,
      update(f) {
        setChildren(meta, metaLine(f, true));
        old.hidden = !f.original_text;
        if (f.original_text) setChildren(old, el('span', { class: 'sr-only' }, 'Replaced text: '), el('s', null, f.original_text));
        if (text.textContent !== f.text) text.textContent = f.text;
        const list = additionsOf(getSent(), f.id);
        setChildren(adds, list.map(a => additionNode(a, true)));
        adds.hidden = !list.length;
      },
    };
  }

  return { receivedNode, softenNode, plainNode };
}
