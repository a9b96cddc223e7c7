// dom.js — tiny DOM helpers shared by both pages. Owns: building elements safely (all text goes
// in through textContent / text nodes, never innerHTML), and formatting times and durations.

// el('button', {class: 'x', 'data-testid': 'y', onclick: fn}, 'text', childNode, [more])
// Attribute rules: on* with a function -> event listener; class/className -> className;
// boolean true -> empty attribute, false/null/undefined -> omitted; 'dataset' object -> data-*;
// 'text' -> textContent; anything else -> setAttribute (a string; never parsed as HTML).
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'class' || key === 'className') {
        node.className = value;
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
      } else if (key === 'text') {
        node.textContent = String(value);
      } else if (key === 'value' && 'value' in node) {
        node.value = String(value);
      } else if (value === true) {
        node.setAttribute(key, '');
      } else {
        node.setAttribute(key, String(value));
      }
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

// Replaces all children of node with the given children.
export function setChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const $ = (sel, root = document) => root.querySelector(sel);

// The connection banner (#conn-banner) for a socket status: hidden while online; otherwise
// "Connecting…" or, after a drop, `reconnecting` (what keeps going meanwhile, in the page's words).
export function showConnStatus(status, reconnecting) {
  const banner = document.querySelector('#conn-banner');
  banner.dataset.status = status;
  if (status === 'online') { banner.hidden = true; banner.textContent = ''; return; }
  banner.hidden = false;
  banner.textContent = status === 'reconnecting' ? reconnecting : 'Connecting…';
}
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// Shows exactly one of the given sections (by id) and hides the others.
export function showOnly(ids, visibleId) {
  for (const id of ids) {
    const node = document.getElementById(id);
    if (node) node.hidden = id !== visibleId;
  }
}

// Countdown text: "8:00", "0:09", "1:02:03". ms is rounded up so 0:01 shows until it is over.
export function formatRemaining(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// Spoken/readable duration: "3 minutes", "1 minute 30 seconds", "45 seconds".
export function formatDuration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s || !m) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

// Clock time of a server timestamp in the viewer's locale: "14:05".
export function formatClock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

// Puts text on the clipboard; falls back to selecting an input and execCommand('copy').
export async function copyText(text, input) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* fall through to the old way */ }
  if (input) {
    input.focus();
    input.select();
    try { return document.execCommand('copy'); } catch { return false; }
  }
  return false;
}

// Reads and writes localStorage without throwing (private mode, storage disabled).
export const store = {
  get(key) { try { return localStorage.getItem(key); } catch { return null; } },
  set(key, value) { try { localStorage.setItem(key, value); } catch { /* ignore */ } },
  remove(key) { try { localStorage.removeItem(key); } catch { /* ignore */ } },
};
