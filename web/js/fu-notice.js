// fu-notice.js — the "New message from …" notice: small, at the bottom, never in the way of the
// countdown; "Open" opens the thread of the latest message. It tells about each message once and
// goes once everything it told about has been read. Not a live region itself: the page's
// announce() already says it once.
import { el } from './dom.js';
import { noticeText } from './fu-threads.js';

// openThread(key). Then showInside(threadDialog): while that modal dialog is open (in the top
// layer) the notice lives inside it.
export function createNotice({ openThread }) {
  let threadDialog = null;
  const told = new Set();   // ids the notice has told about, ever
  let shownIds = [];        // ids it tells about now
  const text = el('span', { class: 'fu-notice-text', 'data-testid': 'fu-notice-text' });
  const openBtn = el('button', { type: 'button', class: 'primary small', 'data-testid': 'fu-notice-open', onclick: openLatest }, 'Open');
  const closeBtn = el('button', { type: 'button', class: 'quiet small', 'aria-label': 'Dismiss', onclick: hide }, '×');
  const node = el('div', { class: 'fu-notice', 'data-testid': 'fu-notice', hidden: true }, text, openBtn, closeBtn);
  document.body.append(node);

  const place = () => { const host = threadDialog && threadDialog.open ? threadDialog : document.body; if (node.parentNode !== host) host.append(node); };

  function hide() {
    node.hidden = true;
    shownIds = [];
  }

  function openLatest() {
    const key = openBtn.dataset.thread;
    hide();
    if (key) openThread(key);
  }

  return {
    showInside(dialog) { threadDialog = dialog; dialog.addEventListener('close', place); },
    hasTold: id => told.has(id),
    // f arrived; unreadAmong(ids) -> the messages of ids still unread; threadKey: where f is.
    tell(f, unreadAmong, threadKey) {
      if (told.has(f.id)) return;
      told.add(f.id);
      shownIds.push(f.id);
      text.textContent = noticeText(unreadAmong(shownIds), f);
      openBtn.dataset.thread = threadKey;
      place();
      node.hidden = false;
    },
    hideOnceRead(isStillUnread) { if (!node.hidden && shownIds.every(id => !isStillUnread(id))) hide(); },
    hide,
    forget() { told.clear(); hide(); },
  };
}
