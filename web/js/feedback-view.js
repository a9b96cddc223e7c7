// feedback-view.js — the feedback step and the soft close on the participant page (inside the room
// card). Owns: who you write to (by default the person who played therapist this turn; the
// observer gets a three-part form, the therapist a self-reflection box; any room mate can be
// chosen), one composer per recipient and turn (composer.js: live hints, drafts, send), the
// "Feedback for you" list (`feedback`, `feedback_revised`, `feedback_list.received`), the "Sent"
// list, the soft close ("Soften your feedback": each message you sent with the hints it had and
// "Add what I meant" / "Add an appreciation" / "Replace" -> `feedback_amend`), restoring drafts
// (`drafts` event, matched by room and key) and, once the room has closed, saying that an unsent
// draft is kept.
//
// Draft keys: `to:<participant>:t<turn>`, `observer:<therapist>:t<turn>` (the observer's form),
// `self:t<turn>` (self-reflection), `amend:<feedback>`, `appreciation:<feedback>`,
// `replace:<feedback>`.
import { $, el, setChildren, formatClock } from './dom.js';
import { createComposer } from './composer.js';
import { flagRanges, shortQuote, hintCountText } from './hints.js';

export const KIND_LABEL = {
  feedback: 'Feedback',
  observer: "Observer's notes",
  self_reflection: 'Self-reflection',
  amendment: 'What I meant',
  appreciation: 'Appreciation',
};
const ROLE_LABEL = { therapist: 'Therapist', client: 'Client', observer: 'Observer' };
const AMEND_MODES = {
  amend: { button: 'Add what I meant', label: 'What you meant — added under your message', placeholder: 'What I meant was…', send: 'Add this' },
  appreciation: { button: 'Add an appreciation', label: 'An appreciation — added under your message', placeholder: 'Something I appreciated was…', send: 'Send appreciation' },
  replace: { button: 'Replace', label: 'Your message, rewritten — it replaces the one they have', placeholder: '', send: 'Replace message' },
};
const OPEN_PHASES = new Set(['feedback', 'soften']);
const LOCAL_PREFIX = 'softclose.draft:';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const AMEND_KEY = new RegExp(`^(amend|appreciation|replace):(${UUID})$`);

export function createFeedbackView({ sock, announce, me }) {
  const panel = $('#feedback-panel') || mountPanel();

  let roomMsg = null;           // the `room` message
  let roomId = null;
  let phase = null;             // the last `phase` message of this room
  let sent = new Map();         // id -> feedback I wrote in this room
  let received = new Map();     // id -> feedback to me in this room
  let drafts = [];              // the `drafts` event: [{room, key, text, updated_at}]
  const composers = new Map();  // key -> composer of a recipient (this room)
  const amends = new Map();     // feedback id -> {mode, composers: Map(mode -> composer)}
  let selectedKey = null;
  let targetsSig = '';
  const sentNodes = new Map();  // id -> {node, update(fb)} in the soften list
  const plainNodes = new Map(); // id -> {node, update(fb)} in the plain "Sent" list
  const recvNodes = new Map();  // id -> {node, update(fb)}

  // ---- the panel's fixed parts ----------------------------------------------------------------
  const softenIntro = el('p', { class: 'fb-intro', 'data-testid': 'fb-soften-intro' });
  const softenList = el('ol', { class: 'fb-list', 'data-testid': 'fb-soften-list' });
  const softenSection = el('section', { class: 'fb-section fb-soften', 'aria-labelledby': 'fb-soften-title', 'data-testid': 'fb-soften' },
    el('h2', { id: 'fb-soften-title', class: 'section-title' }, 'Soften your feedback'), softenIntro, softenList);

  const recvList = el('ol', { class: 'fb-list', 'data-testid': 'fb-received-list' });
  const recvCount = el('span', { class: 'count-badge', 'data-testid': 'fb-received-count' });
  const recvSection = el('section', { class: 'fb-section fb-received', 'aria-labelledby': 'fb-recv-title', 'data-testid': 'fb-received' },
    el('h2', { id: 'fb-recv-title', class: 'section-title' }, 'Feedback for you', recvCount), recvList);

  const writeTitle = el('h2', { id: 'fb-write-title', class: 'section-title' });
  const writeLead = el('p', { class: 'fb-lead' });
  const toChips = el('div', { class: 'fb-to-chips' });
  const toBox = el('fieldset', { class: 'fb-to', 'data-testid': 'fb-to' }, el('legend', null, 'Write to'), toChips);
  const earlier = el('div', { class: 'fb-earlier', 'data-testid': 'fb-earlier' });
  const slot = el('div', { class: 'fb-slot' });
  // In the soft close the box for something new stays folded until asked for (or holds text).
  const writeMore = el('button', { type: 'button', class: 'secondary', 'data-testid': 'fb-write-more', 'aria-controls': 'fb-write-body',
    onclick: () => { writeOpen = true; render(); const c = selectedKey && composers.get(selectedKey); if (c) c.focus(); } }, 'Write something new');
  const writeBody = el('div', { id: 'fb-write-body', class: 'fb-write-body' }, toBox, earlier, slot);
  const writeSection = el('section', { class: 'fb-section fb-write-section', 'aria-labelledby': 'fb-write-title', 'data-testid': 'fb-write' },
    writeTitle, writeLead, writeMore, writeBody);
  let writeOpen = true;

  const plainList = el('ol', { class: 'fb-list', 'data-testid': 'fb-sent-list' });
  const plainSection = el('section', { class: 'fb-section fb-sent', 'aria-labelledby': 'fb-sent-title', 'data-testid': 'fb-sent' },
    el('h2', { id: 'fb-sent-title', class: 'section-title' }, 'Sent'), plainList);

  const closedNote = el('div', { class: 'notice fb-closed-note', 'data-testid': 'fb-draft-kept' });

  setChildren(panel, closedNote, softenSection, recvSection, writeSection, plainSection);
  panel.hidden = true;

  function mountPanel() {
    const node = el('section', { id: 'feedback-panel', class: 'card fb-panel', 'aria-label': 'Feedback', 'data-testid': 'feedback-panel', hidden: true });
    const anchor = $('#latest-broadcast') || $('#countdown-box');
    if (anchor) anchor.after(node);
    else ($('#view-room') || document.body).append(node);
    return node;
  }

  // ---- who is who -----------------------------------------------------------------------------
  const myId = () => (me() || {}).id;
  const members = () => (roomMsg && roomMsg.room.members) || [];
  const member = id => members().find(m => m.id === id);
  const myRole = () => (roomMsg && roomMsg.you && roomMsg.you.role) || (member(myId()) || {}).role;
  const nameOf = id => (id === myId() ? 'yourself' : (member(id) || {}).name || 'someone who left');
  const turn = () => (phase ? phase.turn : 0);

  // The recipients to choose from this turn, the default first.
  function targets() {
    const t = turn();
    const mine = myRole();
    const mates = members().filter(m => m.id !== myId())
      .sort((a, b) => (b.role === 'therapist') - (a.role === 'therapist'));
    const list = mates.map(m => (mine === 'observer' && m.role === 'therapist'
      ? { key: `observer:${m.id}:t${t}`, to: m.id, kind: 'observer', form: 'observer', name: m.name, role: m.role }
      : { key: `to:${m.id}:t${t}`, to: m.id, kind: 'feedback', form: 'single', name: m.name, role: m.role }));
    const self = { key: `self:t${t}`, to: myId(), kind: 'self_reflection', form: 'single', name: 'Myself', self: true };
    if (mine === 'therapist') list.unshift(self); else list.push(self);
    return list;
  }

  function targetFromKey(key) {
    let m = new RegExp(`^to:(${UUID}):t(\\d+)$`).exec(key);
    if (m) return { key, to: m[1], kind: 'feedback', form: 'single', turn: Number(m[2]), name: nameOf(m[1]), role: (member(m[1]) || {}).role };
    m = new RegExp(`^observer:(${UUID}):t(\\d+)$`).exec(key);
    if (m) return { key, to: m[1], kind: 'observer', form: 'observer', turn: Number(m[2]), name: nameOf(m[1]), role: (member(m[1]) || {}).role };
    m = /^self:t(\d+)$/.exec(key);
    if (m) return { key, to: myId(), kind: 'self_reflection', form: 'single', turn: Number(m[1]), name: 'Myself', self: true };
    return null;
  }

  // ---- composers --------------------------------------------------------------------------------
  function composerFor(target) {
    let c = composers.get(target.key);
    if (c) return c;
    const who = target.self ? 'yourself' : target.name;
    let label;
    let placeholder = '';
    if (target.self) {
      label = 'Your self-reflection';
      placeholder = 'How did it go for you? One thing you would keep, one thing you would try next time.';
    } else if (target.form === 'observer') {
      label = `Your observer notes for ${target.name}`;
    } else {
      label = `Your feedback for ${target.name}`;
      placeholder = myRole() === 'client' && target.role === 'therapist'
        ? 'What helped you as the client? Point to a moment, and one thing they might try.'
        : 'Something specific you noticed, and how it landed for you.';
    }
    c = createComposer({
      sock, me, room: roomId, key: target.key, form: target.form, label, placeholder,
      sendLabel: target.self ? 'Save my reflection' : `Send to ${target.name}`,
      submit: (text, ack) => sock.request({ type: 'feedback_send', to: target.to, text, kind: target.kind, draft_key: target.key,
        ...(ack ? { acknowledge_hints: true } : {}) }),
      onSent: reply => {
        dropDraft(target.key);
        if (reply.feedback) upsertSent(reply.feedback);
        announce(target.self ? 'Your reflection is saved.' : `Sent to ${who}.`);
        render();
      },
    });
    composers.set(target.key, c);
    return c;
  }

  function openAmend(fb, mode, { focus = true } = {}) {
    let a = amends.get(fb.id);
    if (!a) { a = { mode: null, composers: new Map() }; amends.set(fb.id, a); }
    let c = a.composers.get(mode);
    if (!c) {
      const m = AMEND_MODES[mode];
      const key = `${mode}:${fb.id}`;
      c = createComposer({
        sock, me, room: roomId, key, form: 'single', label: m.label, placeholder: m.placeholder, sendLabel: m.send,
        prefill: mode === 'replace' ? fb.text : '', testid: 'fb-amend-composer',
        submit: (text, ack) => sock.request({ type: 'feedback_amend', feedback: fb.id, mode, text, draft_key: key,
          ...(ack ? { acknowledge_hints: true } : {}) }),
        onSent: reply => {
          dropDraft(key);
          a.mode = null;
          a.composers.delete(mode);
          c.destroy();
          if (reply.feedback) upsertSent(reply.feedback);
          announce(mode === 'replace' ? `Your message to ${fb.to.name} is replaced.` : `Added to your message to ${fb.to.name}.`);
          render();
          const n = sentNodes.get(fb.id);
          if (n) n.focusActions();
        },
        onCancel: () => { a.mode = null; render(); const n = sentNodes.get(fb.id); if (n) n.focusActions(); },
        cancelLabel: 'Cancel',
      });
      a.composers.set(mode, c);
    }
    a.mode = mode;
    render();
    if (focus) c.focus();
    return c;
  }

  // ---- lists ---------------------------------------------------------------------------------
  function upsertSent(fb) {
    if (!fb || (roomId && fb.room && fb.room !== roomId)) return;
    sent.set(fb.id, { ...(sent.get(fb.id) || {}), ...fb });
  }
  function upsertReceived(fb, isNew) {
    if (!fb || (roomId && fb.room && fb.room !== roomId)) return;
    const before = received.get(fb.id);
    received.set(fb.id, { ...(before || {}), ...fb, _new: isNew || (before && before._new) });
    if (isNew) setTimeout(() => { const f = received.get(fb.id); if (f) { f._new = false; render(); } }, 8000);
  }

  const byTime = (a, b) => (a.sent_at || 0) - (b.sent_at || 0);
  const topLevel = map => [...map.values()].filter(f => !f.amends || !map.has(f.amends)).sort(byTime);
  const additionsOf = (map, id) => [...map.values()].filter(f => f.amends === id).sort(byTime);

  // Keeps ul's children in the order of items without touching nodes already in place (focus,
  // open composers and half-typed text survive every update).
  function syncList(ul, items, nodes, make) {
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
        const list = additionsOf(received, f.id);
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
          onclick: () => openAmend(sent.get(fb.id), mode) }, m.button);
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
        const list = additionsOf(sent, f.id);
        setChildren(adds, list.map(a => additionNode(a, true)));
        adds.hidden = !list.length;
        const open = OPEN_PHASES.has(phase && phase.phase) && f.kind !== 'self_reflection';
        const a = amends.get(f.id);
        const c = open && a && a.mode ? a.composers.get(a.mode) : null;
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
        const list = additionsOf(sent, f.id);
        setChildren(adds, list.map(a => additionNode(a, true)));
        adds.hidden = !list.length;
      },
    };
  }

  // ---- drafts ----------------------------------------------------------------------------------
  // A draft the server cleared (its text was sent).
  function dropDraft(key) { drafts = drafts.filter(d => !(d.room === roomId && d.key === key)); }

  // Drafts of this room: from the server and the copies kept on this device.
  function roomDraftKeys() {
    const keys = new Map();
    for (const d of drafts) if (d.room === roomId && d.text) keys.set(d.key, d);
    try {
      const prefix = `${LOCAL_PREFIX}${myId()}:${roomId}:`;
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k && k.startsWith(prefix) && !keys.has(k.slice(prefix.length))) keys.set(k.slice(prefix.length), null);
      }
    } catch { /* storage unavailable */ }
    return keys;
  }

  // Puts each draft of this room back into its box (creating the box if needed).
  function applyDrafts() {
    if (!roomId || !phase) return;
    const open = OPEN_PHASES.has(phase.phase);
    for (const [key, d] of roomDraftKeys()) {
      const t = targetFromKey(key);
      if (t) {
        const c = composerFor(t);
        if (d) c.restore(d);
        continue;
      }
      const m = AMEND_KEY.exec(key);
      if (m && open && sent.has(m[2])) {
        const a = amends.get(m[2]);
        if (a && a.composers.has(m[1])) { if (d) a.composers.get(m[1]).restore(d); continue; }
        const c = openAmend(sent.get(m[2]), m[1], { focus: false });
        if (d) c.restore(d);
      }
    }
    // If the box on screen is empty and another box of this turn holds text, show that one.
    const cur = selectedKey && composers.get(selectedKey);
    if (open && (!cur || (!cur.hasText() && !cur.isFocused()))) {
      const withText = targets().find(t => composers.has(t.key) && composers.get(t.key).hasText());
      if (withText) selectedKey = withText.key;
    }
    render();
  }

  function unsentTexts() {
    const out = [];
    const seen = new Set();
    for (const c of composers.values()) if (c.hasText()) { out.push({ key: c.key, text: c.text() }); seen.add(c.key); }
    for (const a of amends.values()) for (const c of a.composers.values()) {
      if (c.hasText() && !(c.key.startsWith('replace:') && sent.has(c.key.slice(8)) && sent.get(c.key.slice(8)).text === c.text())) {
        out.push({ key: c.key, text: c.text() });
        seen.add(c.key);
      }
    }
    // Server drafts without a box on this page (a box, once made, knows its own text best).
    const boxes = new Set(allComposers().map(c => c.key));
    for (const d of drafts) if (d.room === roomId && d.text && !seen.has(d.key) && !boxes.has(d.key)) out.push({ key: d.key, text: d.text });
    return out;
  }

  function draftLabel(key) {
    const t = targetFromKey(key);
    if (t) return t.self ? 'Your self-reflection' : `To ${t.name}`;
    const m = AMEND_KEY.exec(key);
    if (m) {
      const fb = sent.get(m[2]);
      return `${AMEND_MODES[m[1]].button}${fb ? ` (to ${fb.to.name})` : ''}`;
    }
    return 'A draft';
  }

  // ---- drawing ---------------------------------------------------------------------------------
  function render() {
    const ph = phase ? phase.phase : null;
    const open = OPEN_PHASES.has(ph);
    const unsent = ph === 'closed' ? unsentTexts() : [];
    const visible = !!roomMsg && (open || (ph === 'closed' && (sent.size || received.size || unsent.length)));
    panel.hidden = !visible;
    panel.dataset.phase = ph || '';
    if (!visible) return;

    // The soft close: what I said, and ways to soften it.
    softenSection.hidden = ph !== 'soften';
    if (ph === 'soften') {
      const mine = topLevel(sent);
      softenIntro.textContent = mine.length
        ? 'Here is what you said in this room. If something might land hard, add what you meant, add an appreciation, or replace it — before anyone leaves.'
        : 'You have not sent feedback in this room. There is still time to say something kind or useful before it closes.';
      syncList(softenList, mine, sentNodes, softenNode);
    }

    // Feedback for me.
    const recv = topLevel(received);
    syncList(recvList, recv, recvNodes, receivedNode);
    recvCount.textContent = received.size ? String(received.size) : '';
    recvSection.hidden = !recv.length;

    // Writing.
    writeSection.hidden = !open;
    if (open) renderWrite(ph);

    // The plain "Sent" list (the soft close shows them above, with ways to soften).
    const mine = topLevel(sent);
    plainSection.hidden = ph === 'soften' || !mine.length;
    if (!plainSection.hidden) syncList(plainList, mine, plainNodes, plainNode);

    // Closed: unsent drafts are kept.
    closedNote.hidden = !unsent.length;
    if (unsent.length) {
      setChildren(closedNote,
        el('p', { class: 'fb-closed-title' }, unsent.length === 1
          ? 'Your unsent draft is saved — you can send it later as a follow-up.'
          : 'Your unsent drafts are saved — you can send them later as follow-ups.'),
        el('ul', { class: 'fb-closed-drafts' }, unsent.map(d => el('li', { 'data-testid': 'fb-kept-draft' },
          el('span', { class: 'fb-who' }, `${draftLabel(d.key)}: `), el('q', null, shortQuote(d.text, 120))))));
    }
  }

  function renderWrite(ph) {
    const list = targets();
    if (!list.some(t => t.key === selectedKey) && !(selectedKey && composers.has(selectedKey) && targetFromKey(selectedKey))) {
      const therapist = list.find(t => t.role === 'therapist' || (myRole() === 'therapist' && t.self));
      selectedKey = (therapist || list[0]).key;
    }
    const sel = targetFromKey(selectedKey) || list[0];
    const current = list.find(t => t.key === selectedKey) || { ...sel, name: sel.name };

    writeTitle.textContent = ph !== 'soften' ? 'Your feedback' : sent.size ? 'Something else to say?' : 'Something to say?';
    const role = myRole();
    writeLead.textContent = ph === 'soften' ? 'Feedback can still be sent until the room closes.'
      : role === 'observer' ? 'Three short answers — specific moments are the most useful.'
        : role === 'therapist' ? 'A few words for yourself first; you can also write to your room mates. What they send you appears on this page as it arrives.'
          : 'Point to a moment, say how it landed, and one thing to try.';

    // Recipient chips (rebuilt only when the choice of people changes).
    const sig = list.map(t => `${t.key}|${t.name}|${t.role || ''}`).join(',');
    if (sig !== targetsSig) {
      targetsSig = sig;
      setChildren(toChips, list.map(t => {
        const id = `fb-to-${t.key.replace(/[^a-z0-9]/g, '-')}`;
        const input = el('input', { type: 'radio', name: 'fb-to', id, value: t.key, 'data-testid': 'fb-to-option' });
        input.addEventListener('change', () => { if (input.checked) { selectedKey = t.key; render(); } });
        return el('label', { for: id, class: 'fb-chip', 'data-to': t.to }, input,
          el('span', { class: 'fb-chip-name' }, t.self ? 'Myself' : t.name),
          t.self ? el('span', { class: 'role-tag' }, 'self-reflection')
            : el('span', { class: `role-tag role-${t.role}` }, ROLE_LABEL[t.role] || t.role));
      }));
    }
    for (const input of toChips.querySelectorAll('input')) input.checked = input.value === selectedKey;

    // Unsent drafts of this room that are not in one of this turn's boxes.
    const others = [...composers.values()].filter(c => c.hasText() && !list.some(t => t.key === c.key) && c.key !== selectedKey);
    earlier.hidden = !others.length;
    if (others.length) {
      setChildren(earlier, el('p', { class: 'kicker' }, 'Unsent from earlier'), el('ul', null, others.map(c => {
        const t = targetFromKey(c.key);
        const present = t && (t.self || member(t.to));
        return el('li', null, el('span', null, `${draftLabel(c.key)}: `), el('q', null, shortQuote(c.text(), 60)), ' ',
          present ? el('button', { type: 'button', class: 'quiet small', onclick: () => { selectedKey = c.key; render(); c.focus(); } }, 'Continue')
            : el('span', { class: 'muted' }, '(not in the room now)'));
      })));
    }

    const c = composerFor(current);
    c.setEnabled(true);
    if (slot.firstChild !== c.node) setChildren(slot, c.node);

    // Folded in the soft close unless asked for, or something is being written.
    const busy = c.isFocused() || c.hasText() || others.length > 0 || list.some(t => composers.has(t.key) && composers.get(t.key).hasText());
    const folded = ph === 'soften' && !writeOpen && !busy;
    writeBody.hidden = folded;
    writeMore.hidden = !folded;
    writeMore.setAttribute('aria-expanded', folded ? 'false' : 'true');
  }

  // ---- messages --------------------------------------------------------------------------------
  function setRoom(msg) {
    if (!msg || !msg.room) return;
    if (msg.room.id !== roomId) resetState(msg.room.id);
    roomMsg = msg;
    render();
  }

  function setPhase(msg) {
    if (!roomId || (msg.room && msg.room !== roomId)) return;
    const prev = phase;
    phase = msg;
    const changed = !prev || prev.phase !== msg.phase || prev.turn !== msg.turn;
    if (changed && msg.phase === 'soften' && (!prev || prev.phase !== 'soften')) { requestList(); writeOpen = false; }
    if (changed && !OPEN_PHASES.has(msg.phase)) {
      for (const c of allComposers()) { c.setEnabled(false); c.flush(); }
    }
    if (changed && (!prev || prev.turn !== msg.turn)) selectedKey = null;   // a new turn: the new therapist
    if (!prev || changed) applyDrafts();
    render();
  }

  function allComposers() {
    const out = [...composers.values()];
    for (const a of amends.values()) out.push(...a.composers.values());
    return out;
  }

  async function requestList() {
    const id = roomId;
    try {
      const list = await sock.request({ type: 'feedback_list', room: id });
      if (id === roomId) applyList(list);
    } catch { /* the list also comes with every hello */ }
  }

  function applyList(msg) {
    if (!msg || msg.room !== roomId) return;
    sent = new Map();
    for (const f of msg.sent || []) upsertSent(f);
    const old = received;
    received = new Map();
    for (const f of msg.received || []) upsertReceived({ ...f, _new: old.get(f.id) ? old.get(f.id)._new : false }, false);
    applyDrafts();
  }

  function resetState(id) {
    for (const c of allComposers()) c.destroy();
    composers.clear();
    amends.clear();
    sentNodes.clear();
    plainNodes.clear();
    recvNodes.clear();
    setChildren(softenList);
    setChildren(recvList);
    setChildren(plainList);
    setChildren(slot);
    sent = new Map();
    received = new Map();
    roomId = id;
    phase = null;
    selectedKey = null;
    targetsSig = '';
  }

  // Every message of the page; returns true when it was a feedback message.
  function onMessage(msg) {
    switch (msg.type) {
      case 'room': setRoom(msg); return false;
      case 'phase': setPhase(msg); return false;
      case 'feedback_list': applyList(msg); render(); return true;
      case 'drafts': drafts = Array.isArray(msg.drafts) ? msg.drafts : []; applyDrafts(); return true;
      case 'feedback': {
        const fb = msg.feedback;
        if (!fb || fb.room !== roomId) return true;
        if (fb.from && fb.from.id === myId()) { upsertSent(fb); render(); return true; }
        const isNew = !received.has(fb.id);
        upsertReceived(fb, isNew);
        render();
        if (isNew) {
          const what = fb.kind === 'appreciation' ? 'an appreciation' : fb.amends ? 'an addition to their feedback'
            : fb.kind === 'observer' ? 'observer notes' : 'feedback';
          announce(`${fb.from.name} sent you ${what}.`);
        }
        return true;
      }
      case 'feedback_revised': {
        const fb = msg.feedback;
        if (!fb || fb.room !== roomId) return true;
        if (fb.from && fb.from.id === myId()) upsertSent(fb);
        else { upsertReceived({ ...fb, _new: true }, false); announce(`${fb.from.name} revised their feedback.`); }
        render();
        return true;
      }
      default: return false;
    }
  }

  return {
    onMessage,
    reset() { resetState(null); roomMsg = null; render(); },
    get roomId() { return roomId; },
  };
}
