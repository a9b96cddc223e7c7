// composer.js — one feedback box. Owns: the text field(s) (one box, or the observer's three-part
// form composed into "What worked: …\nA moment to look at: …\nTo try next time: …"), the live
// hints beside it (hints.js), the draft (a copy in localStorage at every keystroke; `feedback_draft`
// to the server ~1 s after typing stops and at least every 2.5 s while typing, so the room knows
// someone is still writing), restoring a draft, and sending: first without acknowledge_hints; on
// `needs_softening` one choice — "Revise" or "Send as written" (resent with acknowledge_hints).
// The owner says what sending means (feedback_send or feedback_amend) through submit().
import { el, setChildren, store } from './dom.js';
import { createLiveHints, hintCountText, replaceInField } from './hints.js';
import { MAX_CHARS } from './constants.js';
import { localDraftKey } from './draft-keys.js';
import { OBSERVER_PARTS, composeObserver, parseObserver } from './fb-observer.js';

export const DRAFT_DEBOUNCE_MS = 1000;
const DRAFT_MAX_WAIT_MS = 2500;

// The observer's three-part form lives in fb-observer.js (DOM-free); re-exported for importers.
export { OBSERVER_PARTS, composeObserver, parseObserver } from './fb-observer.js';

let counter = 0;

// opts: {sock, me, room, key, form: 'single'|'observer', label, placeholder, sendLabel, prefill,
//        submit(text, acknowledge) -> Promise<reply>, onSent(reply, text), onCancel?, cancelLabel?,
//        announce?, testid?}
export function createComposer(opts) {
  const { sock, me, room, key } = opts;
  const idBase = `fb-c${++counter}`;
  const observer = opts.form === 'observer';
  const localKey = () => localDraftKey((me() || {}).id || '', room, key);

  let enabled = true;
  let sending = false;
  let dirty = false;            // typed in this page since it was created or restored
  let lastSaved = null;         // the text the server has as this draft (null: unknown)
  let draftTimer = null;
  let firstUnsavedAt = 0;
  let choiceFor = null;         // the text the "Revise / Send as written" choice is about

  // ---- fields --------------------------------------------------------------------------------
  const fields = observer
    ? OBSERVER_PARTS.map((p, i) => el('textarea', { id: `${idBase}-f${i}`, rows: 2, maxlength: 1300,
      placeholder: p.placeholder, 'data-testid': `fb-observer-${i}`, class: 'fb-field' }))
    : [el('textarea', { id: `${idBase}-f0`, rows: 4, maxlength: MAX_CHARS, placeholder: opts.placeholder || '',
      'data-testid': 'fb-text', class: 'fb-field' })];

  const compose = () => (observer ? composeObserver(fields.map(f => f.value)) : fields[0].value);
  function fill(text) {
    if (observer) parseObserver(text).forEach((v, i) => { fields[i].value = v; });
    else fields[0].value = text;
  }

  // Puts the caret on [from, to) of the composed text (for a hint's "Show in text").
  function select(from, to) {
    if (!observer) { fields[0].focus(); fields[0].setSelectionRange(from, to); return; }
    let at = 0;
    for (let i = 0; i < fields.length; i++) {
      const v = fields[i].value;
      if (!v.trim()) continue;
      const start = at + OBSERVER_PARTS[i].prefix.length;
      const end = start + v.length;
      if (to > start && from < end) {
        fields[i].focus();
        fields[i].setSelectionRange(Math.max(0, from - start), Math.min(v.length, to - start));
        return;
      }
      at = end + 1;
    }
  }

  // Replaces [from, to) of the composed text with s in the field that holds it (one undoable edit).
  function replace(from, to, s) {
    if (!observer) { replaceInField(fields[0], from, to, s); return; }
    let at = 0;
    for (let i = 0; i < fields.length; i++) {
      const v = fields[i].value;
      if (!v.trim()) continue;
      const start = at + OBSERVER_PARTS[i].prefix.length;
      const end = start + v.length;
      if (to >= start && from <= end) {
        replaceInField(fields[i], Math.max(0, from - start), Math.min(v.length, Math.max(0, to - start)), s);
        return;
      }
      at = end + 1;
    }
  }

  const hints = createLiveHints({ sock, getText: compose, select, replace, idBase });

  const draftStatus = el('p', { class: 'fb-draft-status', 'data-testid': 'fb-draft-status' });
  const sendStatus = el('p', { class: 'fb-send-status', role: 'status', 'data-testid': 'fb-send-status' });
  const sendButton = el('button', { type: 'button', class: 'primary fb-send', 'data-testid': 'fb-send' }, opts.sendLabel || 'Send');
  const cancelButton = opts.onCancel ? el('button', { type: 'button', class: 'quiet fb-cancel', 'data-testid': 'fb-cancel' },
    opts.cancelLabel || 'Close') : null;

  const choiceQ = el('p', { id: `${idBase}-choice`, class: 'fb-choice-q' });
  const reviseButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'fb-revise' }, 'Revise');
  const anywayButton = el('button', { type: 'button', class: 'quiet', 'data-testid': 'fb-send-anyway' }, 'Send as written');
  const choice = el('div', { class: 'fb-choice', role: 'group', 'aria-labelledby': `${idBase}-choice`, 'data-testid': 'fb-choice', hidden: true },
    choiceQ, el('div', { class: 'fb-choice-buttons' }, reviseButton, anywayButton));

  for (const f of fields) f.setAttribute('aria-describedby', hints.summaryId);

  let writeBlock;
  if (observer) {
    writeBlock = el('div', { class: 'fb-write' },
      opts.label ? el('p', { class: 'fb-label', id: `${idBase}-label` }, opts.label) : null,
      el('div', { class: 'fb-observer-form', role: 'group', 'aria-labelledby': opts.label ? `${idBase}-label` : null },
        fields.map((f, i) => el('div', { class: 'field' }, el('label', { for: f.id }, OBSERVER_PARTS[i].label), f))),
      draftStatus);
  } else {
    writeBlock = el('div', { class: 'fb-write' },
      el('label', { for: fields[0].id, class: 'fb-label' }, opts.label || 'Your feedback'), fields[0], draftStatus);
  }

  const node = el('div', { class: 'fb-composer', 'data-testid': opts.testid || 'fb-composer', 'data-key': key },
    el('div', { class: 'fb-compose-grid' }, writeBlock, hints.node, hints.preview),
    choice, sendStatus,
    el('div', { class: 'fb-actions' }, sendButton, cancelButton));

  // ---- drafts --------------------------------------------------------------------------------
  function saveLocal(text) {
    if (text) store.set(localKey(), JSON.stringify({ text, at: sock.serverNow() }));
    else store.remove(localKey());
  }
  function loadLocal() {
    try {
      const v = JSON.parse(store.get(localKey()) || 'null');
      return v && typeof v.text === 'string' ? v : null;
    } catch { return null; }
  }

  function scheduleDraft() {
    clearTimeout(draftTimer);
    const now = Date.now();
    if (!firstUnsavedAt) firstUnsavedAt = now;
    const wait = Math.min(DRAFT_DEBOUNCE_MS, Math.max(0, firstUnsavedAt + DRAFT_MAX_WAIT_MS - now));
    draftTimer = setTimeout(flush, wait);
  }

  // Sends the draft now if the server does not have this text yet.
  async function flush() {
    clearTimeout(draftTimer);
    draftTimer = null;
    firstUnsavedAt = 0;
    const text = compose();
    if (text === lastSaved || (lastSaved === null && !text)) return;
    try {
      await sock.request({ type: 'feedback_draft', key, text, room });
      lastSaved = text;
      if (compose() === text) setDraftStatus(text ? 'Draft saved' : '', 'saved');
    } catch (err) {
      setDraftStatus(err.code === 'too_large' ? 'Too long to save — shorten it a little.'
        : 'Not saved to the server yet — kept on this device.', 'pending');
    }
  }

  function setDraftStatus(text, state) {
    draftStatus.textContent = text;
    draftStatus.dataset.state = state || '';
  }

  function onInput() {
    dirty = true;
    const text = compose();
    saveLocal(text);
    if (choiceFor !== null && text !== choiceFor) hideChoice();
    if (sendStatus.dataset.state === 'error') setSendStatus('');
    draftStatus.dataset.state = 'saving';   // the words stay calm; the next save updates them
    hints.schedule();
    scheduleDraft();
    updateButtons();
  }

  for (const f of fields) {
    f.addEventListener('input', onInput);
    f.addEventListener('keydown', ev => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); send(false); }
    });
  }

  // ---- sending -------------------------------------------------------------------------------
  function setSendStatus(text, state) {
    sendStatus.textContent = text;
    sendStatus.dataset.state = state || '';
  }

  function showChoice(text, n) {
    choiceFor = text;
    setChildren(choiceQ, el('strong', null, 'This may land harder than you mean. '),
      `${hintCountText(n)} ${n === 1 ? 'is' : 'are'} shown with your text. Revise it, or send it as written?`);
    choice.hidden = false;
    reviseButton.focus();
  }
  function hideChoice() {
    choiceFor = null;
    choice.hidden = true;
  }

  reviseButton.addEventListener('click', () => {
    hideChoice();
    setSendStatus('');
    const f = fields.find(x => x.value.trim()) || fields[0];
    f.focus();
  });
  anywayButton.addEventListener('click', () => send(true));
  sendButton.addEventListener('click', () => send(false));
  if (cancelButton) cancelButton.addEventListener('click', () => { flush(); opts.onCancel(); });

  async function send(acknowledge) {
    if (sending || !enabled) return;
    const text = acknowledge && choiceFor !== null ? choiceFor : compose();
    if (!text.trim()) { setSendStatus('Write something first.', 'error'); fields[0].focus(); return; }
    sending = true;
    clearTimeout(draftTimer);   // never save again what is being sent
    draftTimer = null;
    firstUnsavedAt = 0;
    updateButtons();
    setSendStatus('Sending…', 'sending');
    try {
      const reply = await opts.submit(text, acknowledge);
      hideChoice();
      setSendStatus('');
      setDraftStatus('');
      // The server cleared the draft (draft_key). Keep anything typed while it was on its way.
      const now = compose();
      lastSaved = '';
      if (now === text) { fill(''); dirty = false; saveLocal(''); hints.clear(); } else { saveLocal(now); scheduleDraft(); }
      opts.onSent(reply, text);
    } catch (err) {
      if (err.code === 'needs_softening') {
        const flags = err.hints || [];
        hints.show(text, flags, 'could_soften');
        setSendStatus('');
        showChoice(text, flags.length);
      } else {
        setSendStatus(err.message || 'Could not send; your text is still here, try again.', 'error');
        if (compose()) scheduleDraft();
      }
    } finally {
      sending = false;
      updateButtons();
    }
  }

  function updateButtons() {
    const has = !!compose().trim();
    sendButton.disabled = !enabled || sending || !has;
    anywayButton.disabled = !enabled || sending;
    for (const f of fields) f.readOnly = !enabled || sending;
  }

  // ---- start: the prefill, or a copy kept on this device -------------------------------------
  const local = loadLocal();
  if (local && local.text) {
    fill(local.text);             // the server may not have it: save it again
    hints.checkNow();
    scheduleDraft();
  } else if (opts.prefill) {
    fill(opts.prefill);
    hints.checkNow();
  }
  updateButtons();

  return {
    node, key, room,
    text: compose,
    hasText: () => !!compose().trim(),
    // A draft from the server (`drafts` event). Ignored when this page already holds newer text.
    restore(draft) {
      if (!draft || typeof draft.text !== 'string') return;
      const mine = compose();
      if (mine === draft.text) { lastSaved = draft.text; if (mine) setDraftStatus('Draft saved', 'saved'); return; }
      const localCopy = loadLocal();
      const localNewer = !!mine && localCopy && localCopy.text === mine && localCopy.at > (draft.updated_at || 0);
      if ((dirty && mine) || localNewer) { scheduleDraft(); return; }
      fill(draft.text);
      lastSaved = draft.text;
      saveLocal(draft.text);
      setDraftStatus(draft.text ? 'Draft restored' : '', 'saved');
      hints.checkNow();
      updateButtons();
    },
    flush,
    setEnabled(on) { enabled = !!on; updateButtons(); if (!on) hideChoice(); },
    focus() { fields[0].focus(); },
    isFocused: () => fields.includes(document.activeElement),
    hasChoice: () => choiceFor !== null,
    destroy() { clearTimeout(draftTimer); },
  };
}
