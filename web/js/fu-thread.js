// fu-thread.js — one follow-up thread on the participant page, in a modal <dialog> (full screen on
// a phone). Owns: the list of messages of a pair ('p:<id>') or a room ('r:<room id>') — oldest at
// the top, "Older messages" pages the inbox — each with sender, time, and for the sender a receipt
// (Sent / Delivered / Read) or, for a message to a room, one per person; "message withdrawn";
// deleting your own message (asked first); marking a received message read once it is on screen
// (IntersectionObserver, only while the page is visible); and the composer: live hints
// (hints.js, debounced feedback_check), send with one client_id per message (kept while the
// message is not yet stored), `needs_softening` -> "Revise" / "Send as written" (resent with
// acknowledge_hints and the same client_id), `rate_limited` -> the wait, a lost reply -> the
// outbox (fu-delivery.js) resends it after the next hello. The data lives in followups.js (api);
// what a thread holds and the receipt words are worked out in fu-threads.js.
import { el, setChildren } from './dom.js';
import { createLiveHints, replaceInField } from './hints.js';
import { MAX_CHARS, TOO_LONG_TEXT } from './constants.js';
import { threadShows, lowestStatus, senderReceipt, outboxReceipt } from './fu-threads.js';

export function createThreadView({ sock, api }) {
  let key = null;                 // the open thread
  const composers = new Map();    // thread key -> {text, clientId, draft, choice}
  const nodes = new Map();        // item key -> {node, update(item)}
  let waitTimer = null;
  let blockedUntil = 0;
  let busy = false;               // a send is on its way

  // ---- the dialog ------------------------------------------------------------------------------
  const title = el('h2', { id: 'fu-title', class: 'fu-title', 'data-testid': 'fu-title' });
  const subtitle = el('p', { class: 'muted fu-subtitle', 'data-testid': 'fu-subtitle' });
  const closeBtn = el('button', { type: 'button', class: 'quiet fu-back', 'data-testid': 'fu-close', onclick: () => close() },
    el('span', { 'aria-hidden': 'true' }, '← '), 'Back');
  const banner = el('div', { class: 'fu-banner', role: 'status', 'data-testid': 'fu-banner', hidden: true });
  const older = el('button', { type: 'button', class: 'quiet small fu-older', 'data-testid': 'fu-older', onclick: () => api.loadOlder() },
    'Older messages');
  const list = el('ol', { class: 'fu-messages', 'aria-label': 'Messages', 'data-testid': 'fu-messages' });
  const empty = el('p', { class: 'muted fu-empty', 'data-testid': 'fu-thread-empty' });
  const scroller = el('div', { class: 'fu-scroll', 'data-testid': 'fu-scroll', tabindex: '-1' }, older, empty, list);

  const label = el('label', { for: 'fu-text', class: 'fu-label' });
  const text = el('textarea', { id: 'fu-text', rows: 4, maxlength: MAX_CHARS, 'data-testid': 'fu-text',
    placeholder: 'Say what you wanted to say — a thank-you, what you meant, a question.' });
  const away = el('p', { class: 'hint fu-away', 'data-testid': 'fu-away' });
  const hints = createLiveHints({
    sock, idBase: 'fu', getText: () => text.value, context: 'followup',
    select: (from, to) => { text.focus(); text.setSelectionRange(from, to); },
    replace: (from, to, s) => replaceInField(text, from, to, s),
  });
  text.setAttribute('aria-describedby', `${hints.summaryId} fu-away`);
  away.id = 'fu-away';
  const choiceQ = el('p', { id: 'fu-choice-q', class: 'fb-choice-q' },
    'This message has hints on phrasing that may land hard (shown with your text). Revise it, or send it as written?');
  const reviseBtn = el('button', { type: 'button', class: 'secondary', 'data-testid': 'fu-revise', onclick: revise }, 'Revise');
  const anywayBtn = el('button', { type: 'button', class: 'quiet', 'data-testid': 'fu-send-anyway', onclick: () => submit(true) },
    'Send as written');
  const choice = el('div', { class: 'fb-choice fu-choice', role: 'group', 'aria-labelledby': 'fu-choice-q', 'data-testid': 'fu-choice', hidden: true },
    choiceQ, el('div', { class: 'button-row' }, reviseBtn, anywayBtn));
  const status = el('p', { class: 'action-status fu-status', role: 'status', 'data-testid': 'fu-status' });
  const sendBtn = el('button', { type: 'submit', class: 'primary fu-send', 'data-testid': 'fu-send' }, 'Send');
  const form = el('form', { class: 'fu-composer', novalidate: true, 'data-testid': 'fu-composer' },
    el('div', { class: 'fu-compose-grid' }, el('div', { class: 'fu-write' }, label, text, away), hints.node),
    choice,
    el('div', { class: 'fu-actions' }, sendBtn, status));
  const closedNote = el('p', { class: 'notice fu-cannot', 'data-testid': 'fu-cannot', hidden: true });

  const dialog = el('dialog', { class: 'fu-dialog', 'aria-labelledby': 'fu-title', 'data-testid': 'fu-thread' },
    el('div', { class: 'fu-dialog-inner' },
      el('header', { class: 'fu-head' }, closeBtn, el('div', { class: 'fu-head-text' }, title, subtitle)),
      banner, scroller, closedNote, form));
  document.body.append(dialog);

  dialog.addEventListener('close', () => { if (key) stash(); key = null; nodes.clear(); list.replaceChildren(); observer.disconnect(); });
  dialog.addEventListener('cancel', ev => { if (!choice.hidden) { ev.preventDefault(); revise(); } });

  text.addEventListener('input', () => {
    const c = current();
    if (c) c.text = text.value;
    if (!choice.hidden) choice.hidden = true;   // revising
    hints.schedule();
    renderSendState();
  });
  form.addEventListener('submit', ev => { ev.preventDefault(); submit(false); });
  // Scrolling up to the top loads older messages (the button does the same).
  scroller.addEventListener('scroll', () => {
    if (scroller.scrollTop < 30 && scroller.scrollHeight > scroller.clientHeight && api.more() && !api.loadingOlder()) api.loadOlder();
  }, { passive: true });
  // Ctrl/Cmd+Enter sends.
  text.addEventListener('keydown', ev => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); submit(false); } });

  // ---- reading: a received message counts as read once it is on screen --------------------------
  const observer = new IntersectionObserver(entries => {
    for (const e of entries) if (e.isIntersecting && e.target.dataset.unread === 'true') api.markRead(e.target.dataset.id);
  }, { threshold: 0.6 });   // the implicit root: clipped by the message box and the dialog alike
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !key) return;
    for (const n of list.querySelectorAll('[data-unread="true"]')) { observer.unobserve(n); observer.observe(n); }
  });

  // ---- open / close ------------------------------------------------------------------------------
  function current() { return key ? composers.get(key) : null; }

  function open(k, { prefill, draft } = {}) {
    if (key && key !== k) stash();
    if (key !== k) { nodes.clear(); list.replaceChildren(); observer.disconnect(); }
    key = k;
    if (!composers.has(k)) composers.set(k, { text: '', clientId: null, draft: null });
    const c = composers.get(k);
    if (prefill !== undefined) {
      // A leftover draft: it replaces an empty box; otherwise it goes under what is there.
      c.text = c.text.trim() ? `${c.text}\n\n${prefill}` : prefill;
      c.draft = draft || null;
      c.clientId = null;
    }
    text.value = c.text;
    choice.hidden = true;
    banner.hidden = true;
    say('');
    if (!dialog.open) dialog.showModal();
    refresh();
    hints.clear();
    if (text.value.trim()) hints.checkNow();
    scroller.scrollTop = scroller.scrollHeight;
    dialog.scrollTop = dialog.scrollHeight;   // a phone: the dialog itself scrolls
    text.focus({ preventScroll: true });
    if (prefill !== undefined) text.setSelectionRange(text.value.length, text.value.length);
  }

  function stash() {
    const c = current();
    if (c) c.text = text.value;
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  // ---- drawing -----------------------------------------------------------------------------------
  function refresh() {
    if (!key || !dialog.open) return;
    const info = api.info(key);
    title.textContent = info.title;
    subtitle.textContent = info.subtitle;
    subtitle.hidden = !info.subtitle;
    label.textContent = info.writeLabel;
    if (info.kind === 'p') {
      away.textContent = !info.canWrite ? '' : info.online === true
        ? `${info.name} is online now.` : `${info.name} is not here right now; they get your message when they come back.`;
    } else {
      away.textContent = info.canWrite ? `One message to each of ${info.recipients.map(m => m.name).join(', ')}.` : '';
    }
    form.hidden = !info.canWrite;
    closedNote.hidden = info.canWrite;
    closedNote.textContent = info.canWrite ? '' : 'This person deleted their account; messages can no longer reach them.';

    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const heightBefore = scroller.scrollHeight;
    const topBefore = scroller.scrollTop;
    const firstBefore = list.firstElementChild;
    const all = api.items(key);   // fu-threads.js threadItems
    const seen = new Set();
    const ordered = all.map(item => {
      seen.add(item.key);
      let n = nodes.get(item.key);
      if (!n) { n = messageNode(item); nodes.set(item.key, n); }
      n.update(item);
      return n.node;
    });
    for (const [k, n] of nodes) if (!seen.has(k)) { observer.unobserve(n.node); n.node.remove(); nodes.delete(k); }
    // Re-order only when needed (moving a node can take the focus away from its buttons).
    const same = ordered.length === list.children.length && ordered.every((n, i) => list.children[i] === n);
    if (!same) {
      const prefix = [...list.children].every((n, i) => ordered[i] === n);
      if (prefix) list.append(...ordered.slice(list.children.length));
      else list.replaceChildren(...ordered);
    }
    empty.hidden = all.length > 0;
    empty.textContent = info.kind === 'r'
      ? 'No messages to the whole room yet.'
      : `No messages with ${info.name} yet. Whatever you write waits for them until they come back.`;
    older.hidden = !api.more();
    older.disabled = api.loadingOlder();
    older.textContent = api.loadingOlder() ? 'Loading…' : 'Older messages';
    // Stay at the newest message when already there; keep the view steady when older ones arrive.
    const grew = scroller.scrollHeight - heightBefore;
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
    else if (grew > 0 && firstBefore && ordered[0] !== firstBefore) scroller.scrollTop = topBefore + grew;
    renderSendState();
  }

  function messageNode(item) {
    const who = el('strong', { class: 'fu-who' });
    const when = el('time', { class: 'fu-when' });
    const scope = el('span', { class: 'fu-scope' });
    const body = el('p', { class: 'fu-body', 'data-testid': 'fu-body' });
    const receipt = el('p', { class: 'fu-receipt', 'data-testid': 'fu-receipt' });
    const delBtn = el('button', { type: 'button', class: 'quiet small fu-delete', 'data-testid': 'fu-delete' }, 'Delete');
    const delYes = el('button', { type: 'button', class: 'danger small', 'data-testid': 'fu-delete-yes' }, 'Delete it');
    const delNo = el('button', { type: 'button', class: 'quiet small' }, 'Keep it');
    const delQ = el('p', { class: 'fu-delete-q' });
    const delBox = el('div', { class: 'fu-delete-confirm', role: 'group', 'data-testid': 'fu-delete-confirm', hidden: true },
      delQ, el('div', { class: 'button-row' }, delYes, delNo));
    const editBtn = el('button', { type: 'button', class: 'quiet small', 'data-testid': 'fu-outbox-edit' }, 'Edit');
    const node = el('li', { class: 'fu-msg', 'data-testid': 'fu-msg' },
      el('p', { class: 'fu-meta' }, who, ' · ', when, scope), body,
      el('div', { class: 'fu-foot' }, receipt, delBtn, editBtn), delBox);
    let cur = item;
    delBtn.addEventListener('click', () => { delBox.hidden = false; delBtn.hidden = true; delNo.focus(); });
    delNo.addEventListener('click', () => { delBox.hidden = true; delBtn.hidden = false; delBtn.focus(); });
    delYes.addEventListener('click', async () => {
      delYes.disabled = true;
      try {
        await api.withdraw(cur.rows.map(f => f.id));
        say('Deleted. They see “message withdrawn”.');
        text.focus();
      } catch (err) {
        say(err.message, true);
      } finally { delYes.disabled = false; }
    });
    editBtn.addEventListener('click', () => {
      const o = cur.outbox;
      if (!o) return;
      api.dropOutbox(o);
      const c = current();
      text.value = text.value.trim() ? `${text.value}\n\n${o.text}` : o.text;
      if (c) { c.text = text.value; c.clientId = o.client_id; }
      hints.checkNow();
      text.focus();
    });

    function update(it) {
      cur = it;
      const me = api.me();
      const f = it.rows[0];
      const o = it.outbox;
      const at = f ? f.sent_at : o.sent_at;
      node.className = `fu-msg ${it.mine ? 'fu-mine' : 'fu-theirs'}`;
      node.dataset.id = f ? f.id : '';
      who.textContent = it.mine ? 'You' : f.from.name;
      when.textContent = api.formatWhen(at);
      when.setAttribute('datetime', new Date(at).toISOString());
      const inRoomThread = key.startsWith('r:');
      scope.textContent = f && f.room && !inRoomThread ? ' · to everyone in the room' : '';
      const withdrawn = f && it.rows.every(r => r.withdrawn);
      node.dataset.withdrawn = withdrawn ? 'true' : 'false';
      body.classList.toggle('fu-withdrawn', !!withdrawn);
      body.textContent = o ? o.text : withdrawn ? 'message withdrawn' : f.text;
      // Receipts, for the sender.
      if (o) {
        node.dataset.status = 'pending';
        receipt.textContent = outboxReceipt(o);
        receipt.classList.toggle('error', o.state === 'failed');
      } else if (it.mine && !withdrawn) {
        node.dataset.status = lowestStatus(it.rows);
        receipt.classList.remove('error');
        receipt.textContent = senderReceipt(it.rows);
      } else {
        node.dataset.status = f.status;
        receipt.textContent = '';
      }
      receipt.hidden = !receipt.textContent;
      const canDelete = it.mine && !o && !withdrawn;
      delBtn.hidden = !canDelete || !delBox.hidden;
      if (!canDelete) delBox.hidden = true;
      delQ.textContent = it.rows.length > 1
        ? 'Delete this message for everyone you sent it to? They will see “message withdrawn”.'
        : `Delete this message? ${f ? f.to.name : 'They'} will see “message withdrawn”.`;
      delBtn.setAttribute('aria-label', `Delete your message from ${api.formatWhen(at)}`);
      editBtn.hidden = !(o && o.state === 'failed');
      // Received and unread: watched until it is on screen.
      const unread = !it.mine && f && api.isUnread(f);
      node.dataset.unread = unread ? 'true' : 'false';
      node.classList.toggle('fu-unread', !!unread);
      if (unread) observer.observe(node); else observer.unobserve(node);
    }
    return { node, update };
  }

  // ---- sending -----------------------------------------------------------------------------------
  function renderSendState() {
    const now = Date.now();
    const blocked = blockedUntil > now;
    sendBtn.disabled = blocked || busy || !text.value.trim();
    sendBtn.hidden = !choice.hidden;   // while the choice is open, it holds the two ways on
  }

  async function submit(ack) {
    const c = current();
    if (!c || busy) return;
    const body = text.value.trim();
    if (!body) { say('Write something first.', true); text.focus(); return; }
    if ([...body].length > MAX_CHARS) { say(TOO_LONG_TEXT, true); return; }
    if (blockedUntil > Date.now()) return;
    if (!c.clientId) c.clientId = api.newClientId();
    const info = api.info(key);
    const sendingKey = key;
    busy = true;
    choice.hidden = true;
    renderSendState();
    say('Sending…');
    try {
      const r = await api.send({ key: sendingKey, target: info.target, text: body, clientId: c.clientId, ack, draft: c.draft });
      // Stored (or waiting in the outbox with its client_id): this box starts afresh.
      c.text = '';
      c.clientId = null;
      c.draft = null;
      if (key === sendingKey) {
        text.value = '';
        hints.clear();
        say(r.queued ? 'Not sent yet — the connection dropped. It goes as soon as you are back online.' : 'Sent.');
        scroller.scrollTop = scroller.scrollHeight;
      }
    } catch (err) {
      if (key !== sendingKey) return;
      if (err.code === 'needs_softening') {
        hints.show(body, err.hints || [], 'could_soften');
        choice.hidden = false;
        renderSendState();
        say('');
        anywayBtn.focus();
      } else if (err.code === 'rate_limited') {
        blockWait(err.retry_after_ms || 10000);
      } else {
        say(err.message, true);
      }
    } finally {
      busy = false;
      renderSendState();
    }
  }

  function revise() {
    choice.hidden = true;
    renderSendState();
    say('');
    text.focus();
  }

  function blockWait(ms) {
    blockedUntil = Date.now() + ms;
    clearInterval(waitTimer);
    const tick = () => {
      const left = Math.ceil((blockedUntil - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(waitTimer);
        say('You can send again now.');
        renderSendState();
        return;
      }
      say(`You have sent many messages in the last minute. You can send again in ${left} second${left === 1 ? '' : 's'}.`, true);
      renderSendState();
    };
    tick();
    waitTimer = setInterval(tick, 1000);
  }

  function say(msg, isError = false) {
    status.textContent = msg;
    status.classList.toggle('error', isError);
  }

  return {
    open,
    close,
    refresh,
    say,
    // Would this message be seen at once (its thread open on a visible page)?
    wouldSee(f) {
      if (!key || !dialog.open || document.visibilityState !== 'visible') return false;
      return threadShows(key, f, api.me().id);
    },
    // A new room started while a thread is open: say so, with a way to the room.
    roomStarted(room) {
      if (!room || !dialog.open) return;
      setChildren(banner,
        el('span', null, `A new round has started — you are in Room ${room.number}. What you typed here is kept.`),
        el('button', { type: 'button', class: 'primary small', 'data-testid': 'fu-go-room', onclick: () => close() }, 'Go to your room'));
      banner.hidden = false;
    },
    forget() { composers.clear(); },
    dialog,
    get key() { return key; },
  };
}
