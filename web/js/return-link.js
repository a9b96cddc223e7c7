// return-link.js — the participant's personal return link (`<page>#t=<token>`). Owns: reading a
// token from the address (and removing it from the address bar at once, so it does not show in a
// screen share or the history), reloading when another link is pasted into this tab, and the
// "Your return link" card: the link, Copy (clipboard, or select-the-text fallback), "Download as a
// text file" (a Blob and an <a download>), and "Make a new link" (revoke_link: the old link stops
// working at once; the new token replaces the stored one).
import { el, setChildren, copyText } from './dom.js';

// The token in the address (`#t=…`), or null. Strips the fragment from the address bar.
export function takeReturnToken() {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('t');
  if (!token) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return token;
}

// Another return link pasted into the address bar of an open page: start over with it.
window.addEventListener('hashchange', () => { if (/[#&]t=/.test(location.hash)) location.reload(); });

export function returnLinkFor(token) {
  return new URL(`./#t=${encodeURIComponent(token)}`, location.href).href;
}

// card = createReturnLinkCard({ sock, getToken, setToken, sessionName, announce })
// card.node (a <details class="card">), card.render(), card.setFresh(bool) (open and first after a join).
export function createReturnLinkCard({ sock, getToken, setToken, sessionName, announce }) {
  const input = el('input', { id: 'return-link', readonly: true, class: 'return-link-input', 'data-testid': 'return-link',
    'aria-describedby': 'return-link-explain', spellcheck: 'false' });
  const status = el('p', { class: 'action-status', role: 'status', 'data-testid': 'return-link-status' });
  const copyBtn = el('button', { type: 'button', class: 'secondary', 'data-testid': 'return-link-copy', onclick: copy }, 'Copy');
  const downloadBtn = el('button', { type: 'button', class: 'secondary', 'data-testid': 'return-link-download', onclick: download },
    'Download as a text file');
  const newBtn = el('button', { type: 'button', class: 'quiet', 'data-testid': 'return-link-new', onclick: askNew }, 'Make a new link');
  const confirmYes = el('button', { type: 'button', class: 'danger', 'data-testid': 'return-link-new-yes', onclick: makeNew }, 'Make a new link');
  const confirmNo = el('button', { type: 'button', class: 'quiet', onclick: () => { confirmBox.hidden = true; newBtn.hidden = false; newBtn.focus(); } }, 'Cancel');
  const confirmBox = el('div', { class: 'confirm-box', 'data-testid': 'return-link-confirm', hidden: true },
    el('p', null, 'Your current link stops working at once, also on any other device that uses it. ' +
      'This device switches to the new link.'),
    el('div', { class: 'button-row' }, confirmYes, confirmNo));
  const node = el('details', { class: 'card return-card', id: 'return-card', 'data-testid': 'return-card' },
    el('summary', { class: 'return-summary' }, el('span', null, 'Your return link')),
    el('div', { class: 'details-body' },
      el('p', { id: 'return-link-explain', class: 'return-explain' },
        'Open it on any device to come back to your rooms and messages. Keep it private: anyone who has it can read your messages.'),
      el('label', { for: 'return-link', class: 'sr-only' }, 'Your return link'),
      input,
      el('div', { class: 'button-row' }, copyBtn, downloadBtn, newBtn),
      confirmBox,
      status));

  function link() { const t = getToken(); return t ? returnLinkFor(t) : ''; }
  function render() { input.value = link(); }
  function say(text, isError = false) {
    status.textContent = text;
    status.classList.toggle('error', isError);
  }

  async function copy() {
    const ok = await copyText(input.value, input);
    say(ok ? 'Copied. Keep it somewhere private, like your own notes or email to yourself.'
      : 'Could not copy automatically: the link is selected — copy it with your keyboard or the menu.', !ok);
    if (!ok) { input.focus(); input.select(); }
  }

  function download() {
    const name = sessionName() || 'softclose';
    const text = `Your softclose return link (${name}):\n\n${link()}\n\n` +
      'Open it on any device to come back to your rooms and messages.\n' +
      'Keep it private: anyone who has it can read and send your messages.\n';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = el('a', { href: url, download: 'softclose-return-link.txt', class: 'sr-only' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    say('Downloaded softclose-return-link.txt.');
  }

  function askNew() {
    confirmBox.hidden = false;
    newBtn.hidden = true;
    confirmYes.focus();
  }

  async function makeNew() {
    confirmYes.disabled = true;
    try {
      const reply = await sock.request({ type: 'revoke_link' });
      setToken(reply.token);
      render();
      confirmBox.hidden = true;
      newBtn.hidden = false;
      say('New link made. The old one no longer works — save this one.');
      announce('New return link made. The old one no longer works.');
      input.focus();
      input.select();
    } catch (err) {
      say(err.message, true);
    } finally {
      confirmYes.disabled = false;
    }
  }

  return {
    node,
    render,
    setFresh(fresh) {
      node.open = !!fresh;
      node.classList.toggle('fresh', !!fresh);
      if (!fresh) { confirmBox.hidden = true; newBtn.hidden = false; }
      say('');
    },
    reset() { input.value = ''; confirmBox.hidden = true; newBtn.hidden = false; say(''); setChildren(status); },
  };
}
