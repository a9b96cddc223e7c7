// fu-account.js — "Your messages and account" on the participant page: how long messages are kept
// (the session's retention), and deleting the account (`delete_me`) behind a real modal dialog
// (focus stays inside, Escape cancels). A deleted account also takes this device's copies of
// feedback drafts.
import { $, el, store } from './dom.js';
import { plural } from './format.js';
import { isLocalDraftKey } from './draft-keys.js';

// onDeleted(message) after the server deleted everything.
export function createAccountSection({ sock, onDeleted }) {
  const deleteBtn = el('button', { type: 'button', class: 'quiet danger-text', 'data-testid': 'delete-me', onclick: askDelete },
    'Delete my account and messages');
  const node = el('section', { class: 'card fu-account', 'aria-labelledby': 'fu-account-title', 'data-testid': 'fu-account' },
    el('h2', { id: 'fu-account-title', class: 'section-title' }, 'Your messages and account'),
    el('p', { class: 'hint' }, 'Messages are kept for a limited time set by your facilitator, then deleted.',
      el('span', { class: 'fu-retention', 'data-testid': 'fu-retention' })),
    deleteBtn);

  const status = el('p', { class: 'form-error', role: 'alert' });
  const yes = el('button', { type: 'button', class: 'danger', 'data-testid': 'delete-me-yes', onclick: doDelete },
    'Delete everything');
  const no = el('button', { type: 'button', class: 'quiet', 'data-testid': 'delete-me-no', onclick: () => dialog.close() }, 'Cancel');
  const dialog = el('dialog', { class: 'fu-confirm-dialog', 'aria-labelledby': 'fu-del-title', 'aria-describedby': 'fu-del-text',
    'data-testid': 'delete-me-dialog' },
  el('h2', { id: 'fu-del-title' }, 'Delete your account and messages?'),
  el('p', { id: 'fu-del-text' }, 'This is permanent. It deletes every follow-up you sent and received, your feedback and your ' +
    'drafts, and signs you out on every device. Your room mates will no longer be able to write to you. ' +
    'It cannot be undone.'),
  status,
  el('div', { class: 'button-row' }, yes, no));
  document.body.append(dialog);

  function askDelete() {
    status.textContent = '';
    dialog.showModal();
    no.focus();
  }

  async function doDelete() {
    yes.disabled = true;
    try {
      await sock.request({ type: 'delete_me', confirm: true });
      dialog.close();
      removeLocalDrafts();
      onDeleted('Your account and messages were deleted. Thank you for practising.');
    } catch (err) {
      status.textContent = err.message;
    } finally {
      yes.disabled = false;
    }
  }

  return {
    node,
    setRetention(days) { $('.fu-retention', node).textContent = ` Currently ${plural(days, 'day')}.`; },
    closeDialog() { if (dialog.open) dialog.close(); },
  };
}

function removeLocalDrafts() {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const k = localStorage.key(i);
      if (k && isLocalDraftKey(k)) store.remove(k);
    }
  } catch { /* storage unavailable */ }
}
