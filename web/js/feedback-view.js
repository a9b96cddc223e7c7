// feedback-view.js — the feedback step and the soft close on the participant page (inside the room
// card). This file holds the room's state, follows its events and draws the panel:
//   fb-targets.js      whom to write to this turn (default: the person who played therapist; the
//                      observer gets a three-part form, the therapist a self-reflection box; any
//                      room mate can be chosen) and the words of each box
//   fb-lists.js        what I sent and received (`feedback`, `feedback_revised`, `feedback_list`),
//                      what was added under a message, which drafts are still unsent
//   fb-items-view.js   the "Feedback for you", "Sent" and soft-close lists
//   composer.js        one box per recipient and turn (live hints, drafts, send)
//   draft-keys.js      the draft keys that name the boxes
// Here: one composer per recipient, the soft close ("Soften your feedback": "Add what I meant" /
// "Add an appreciation" / "Replace" -> `feedback_amend`), restoring drafts (`drafts` event and
// this device's copies, matched by room and key) and, once the room has closed, saying that an
// unsent draft is kept.
import { $, el, setChildren } from './dom.js';
import { createComposer } from './composer.js';
import { shortQuote } from './hint-ranges.js';
import { isOpenFeedbackPhase, NEW_FEEDBACK_MS } from './constants.js';
import { amendDraftKey, parseDraftKey } from './draft-keys.js';
import {
  AMEND_MODES, memberOf, writeTargets, targetFromKey, defaultTargetKey, boxWording, writeHeading, draftLabel,
} from './fb-targets.js';
import {
  upsertFeedback, upsertReceived as upsertReceivedInto, topLevel, receivedAnnouncement, amendedAnnouncement,
  roomDraftSources, unsentTexts as unsentOf,
} from './fb-lists.js';
import { createFeedbackItems, createRecipientChips, syncList } from './fb-items-view.js';

export { KIND_LABEL } from './fb-targets.js';

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
  const sentNodes = new Map();  // id -> {node, update(fb)} in the soften list
  const plainNodes = new Map(); // id -> {node, update(fb)} in the plain "Sent" list
  const recvNodes = new Map();  // id -> {node, update(fb)}

  const items = createFeedbackItems({
    getSent: () => sent, getReceived: () => received, openAmend: (fb, mode) => openAmend(fb, mode),
    amendsOpen: () => isOpenFeedbackPhase(phase && phase.phase),
    activeAmend: id => { const a = amends.get(id); return a && a.mode ? a.composers.get(a.mode) : null; },
  });

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
  const chips = createRecipientChips(key => { selectedKey = key; render(); });
  const toBox = el('fieldset', { class: 'fb-to', 'data-testid': 'fb-to' }, el('legend', null, 'Write to'), chips.node);
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

  // ---- who is who -----------------------------------------------------------------------------
  const myId = () => (me() || {}).id;
  const members = () => (roomMsg && roomMsg.room.members) || [];
  const myRole = () => (roomMsg && roomMsg.you && roomMsg.you.role) || (memberOf({ members: members() }, myId()) || {}).role;
  const people = () => ({ myId: myId(), members: members(), myRole: myRole() });
  const turn = () => (phase ? phase.turn : 0);
  const targets = () => writeTargets(people(), turn());
  const targetOf = key => targetFromKey(people(), key);

  // ---- composers --------------------------------------------------------------------------------
  function composerFor(target) {
    let c = composers.get(target.key);
    if (c) return c;
    const who = target.self ? 'yourself' : target.name;
    const { label, placeholder, sendLabel } = boxWording(target, myRole());
    c = createComposer({
      sock, me, room: roomId, key: target.key, form: target.form, label, placeholder, sendLabel,
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
    const c = a.composers.get(mode) || amendComposer(fb, mode, a);
    a.mode = mode;
    render();
    if (focus) c.focus();
    return c;
  }

  // The box of one way to soften a sent message (a: its entry in amends).
  function amendComposer(fb, mode, a) {
    const m = AMEND_MODES[mode];
    const key = amendDraftKey(mode, fb.id);
    const focusActions = () => { const n = sentNodes.get(fb.id); if (n) n.focusActions(); };
    const c = createComposer({
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
        announce(amendedAnnouncement(mode, fb));
        render();
        focusActions();
      },
      onCancel: () => { a.mode = null; render(); focusActions(); },
      cancelLabel: 'Cancel',
    });
    a.composers.set(mode, c);
    return c;
  }

  function allComposers() {
    const out = [...composers.values()];
    for (const a of amends.values()) out.push(...a.composers.values());
    return out;
  }

  // ---- lists ---------------------------------------------------------------------------------
  function upsertSent(fb) { upsertFeedback(sent, fb, roomId); }
  function upsertReceived(fb, isNew) {
    if (!upsertReceivedInto(received, fb, roomId, isNew)) return;
    if (isNew) setTimeout(() => { const f = received.get(fb.id); if (f) { f._new = false; render(); } }, NEW_FEEDBACK_MS);
  }

  // ---- drafts ----------------------------------------------------------------------------------
  // A draft the server cleared (its text was sent).
  function dropDraft(key) { drafts = drafts.filter(d => !(d.room === roomId && d.key === key)); }

  function localStorageKeys() {
    const keys = [];
    try {
      for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    } catch { /* storage unavailable */ }
    return keys;
  }

  // Puts each draft of this room (from the server, or kept on this device) back into its box,
  // creating the box if needed.
  function applyDrafts() {
    if (!roomId || !phase) return;
    const open = isOpenFeedbackPhase(phase.phase);
    for (const [key, d] of roomDraftSources(drafts, localStorageKeys(), myId(), roomId)) {
      const t = targetOf(key);
      if (t) {
        const c = composerFor(t);
        if (d) c.restore(d);
        continue;
      }
      const k = parseDraftKey(key);
      if (k && AMEND_MODES[k.kind] && open && sent.has(k.feedback)) {
        const a = amends.get(k.feedback);
        if (a && a.composers.has(k.kind)) { if (d) a.composers.get(k.kind).restore(d); continue; }
        const c = openAmend(sent.get(k.feedback), k.kind, { focus: false });
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
    const boxes = [...composers.values()].map(c => ({ key: c.key, text: c.text() }));
    for (const [id, a] of amends) {
      for (const [mode, c] of a.composers) {
        const text = c.text();
        boxes.push({ key: c.key, text, sameAsSent: mode === 'replace' && sent.has(id) && sent.get(id).text === text });
      }
    }
    return unsentOf(boxes, drafts, roomId);
  }

  // ---- drawing ---------------------------------------------------------------------------------
  function render() {
    const ph = phase ? phase.phase : null;
    const open = isOpenFeedbackPhase(ph);
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
      syncList(softenList, mine, sentNodes, items.softenNode);
    }

    // Feedback for me.
    const recv = topLevel(received);
    syncList(recvList, recv, recvNodes, items.receivedNode);
    recvCount.textContent = received.size ? String(received.size) : '';
    recvSection.hidden = !recv.length;

    // Writing.
    writeSection.hidden = !open;
    if (open) renderWrite(ph);

    // The plain "Sent" list (the soft close shows them above, with ways to soften).
    const mine = topLevel(sent);
    plainSection.hidden = ph === 'soften' || !mine.length;
    if (!plainSection.hidden) syncList(plainList, mine, plainNodes, items.plainNode);

    renderKeptDrafts(unsent);
  }

  // Closed: unsent drafts are kept.
  function renderKeptDrafts(unsent) {
    closedNote.hidden = !unsent.length;
    if (!unsent.length) return;
    setChildren(closedNote,
      el('p', { class: 'fb-closed-title' }, unsent.length === 1
        ? 'Your unsent draft is saved — you can send it later as a follow-up.'
        : 'Your unsent drafts are saved — you can send them later as follow-ups.'),
      el('ul', { class: 'fb-closed-drafts' }, unsent.map(d => el('li', { 'data-testid': 'fb-kept-draft' },
        el('span', { class: 'fb-who' }, `${draftLabel(people(), d.key, sent)}: `), el('q', null, shortQuote(d.text, 120))))));
  }

  function renderWrite(ph) {
    const list = targets();
    if (!list.some(t => t.key === selectedKey) && !(selectedKey && composers.has(selectedKey) && targetOf(selectedKey))) {
      selectedKey = defaultTargetKey(list, myRole());
    }
    const sel = targetOf(selectedKey) || list[0];
    const current = list.find(t => t.key === selectedKey) || { ...sel, name: sel.name };

    const heading = writeHeading(ph, sent.size, myRole());
    writeTitle.textContent = heading.title;
    writeLead.textContent = heading.lead;
    chips.render(list, selectedKey);
    const others = renderEarlier(list);

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

  // Unsent drafts of this room that are not in one of this turn's boxes; returns their boxes.
  function renderEarlier(list) {
    const others = [...composers.values()].filter(c => c.hasText() && !list.some(t => t.key === c.key) && c.key !== selectedKey);
    earlier.hidden = !others.length;
    if (others.length) {
      setChildren(earlier, el('p', { class: 'kicker' }, 'Unsent from earlier'), el('ul', null, others.map(c => {
        const t = targetOf(c.key);
        const present = t && (t.self || memberOf(people(), t.to));
        return el('li', null, el('span', null, `${draftLabel(people(), c.key, sent)}: `), el('q', null, shortQuote(c.text(), 60)), ' ',
          present ? el('button', { type: 'button', class: 'quiet small', onclick: () => { selectedKey = c.key; render(); c.focus(); } }, 'Continue')
            : el('span', { class: 'muted' }, '(not in the room now)'));
      })));
    }
    return others;
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
    if (changed && msg.phase === 'soften' && (!prev || prev.phase !== 'soften')) writeOpen = false;
    // the soft close's list: asked for on the server's own phase, not at the instant thousands of
    // browsers switch by themselves (phase-ahead.js) — the confirming phase follows within moments
    if (msg.phase === 'soften' && !msg.ahead && (changed ? !prev || prev.phase !== 'soften' : prev.ahead)) requestList();
    if (changed && !isOpenFeedbackPhase(msg.phase)) {
      for (const c of allComposers()) { c.setEnabled(false); c.flush(); }
    }
    if (changed && (!prev || prev.turn !== msg.turn)) selectedKey = null;   // a new turn: the new therapist
    if (!prev || changed) applyDrafts();
    render();
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
    chips.forget();
  }

  function onFeedback(fb) {
    if (!fb || fb.room !== roomId) return;
    if (fb.from && fb.from.id === myId()) { upsertSent(fb); render(); return; }
    const isNew = !received.has(fb.id);
    upsertReceived(fb, isNew);
    render();
    if (isNew) announce(receivedAnnouncement(fb));
  }

  function onRevised(fb) {
    if (!fb || fb.room !== roomId) return;
    if (fb.from && fb.from.id === myId()) upsertSent(fb);
    else { upsertReceived({ ...fb, _new: true }, false); announce(`${fb.from.name} revised their feedback.`); }
    render();
  }

  // Every message of the page; returns true when it was a feedback message.
  function onMessage(msg) {
    switch (msg.type) {
      case 'room': setRoom(msg); return false;
      case 'phase': setPhase(msg); return false;
      case 'feedback_list': applyList(msg); render(); return true;
      case 'drafts': drafts = Array.isArray(msg.drafts) ? msg.drafts : []; applyDrafts(); return true;
      case 'feedback': onFeedback(msg.feedback); return true;
      case 'feedback_revised': onRevised(msg.feedback); return true;
      default: return false;
    }
  }

  return {
    onMessage,
    reset() { resetState(null); roomMsg = null; render(); },
    get roomId() { return roomId; },
  };
}

function mountPanel() {
  const node = el('section', { id: 'feedback-panel', class: 'card fb-panel', 'aria-label': 'Feedback', 'data-testid': 'feedback-panel', hidden: true });
  const anchor = $('#latest-broadcast') || $('#countdown-box');
  if (anchor) anchor.after(node);
  else ($('#view-room') || document.body).append(node);
  return node;
}
