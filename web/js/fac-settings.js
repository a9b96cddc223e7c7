// fac-settings.js — the facilitator's "After the session" card. Owns: the counts from `stats`
// (follow-ups sent and read, feedback sent and softened — counts only, never content), refreshed
// after each welcome/roster, when rooms change (debounced) and every 30 s; the retention period
// (`session_settings {retention_days}`, 1–3650, default 30); and "End session" (asked first;
// `end_session`, refused by the server while a round runs — its sentence is shown as is); and the
// rooms' call: built in, or a link template to another call system (`session_settings {call_link}`);
// and "Download history" (`export {format}`: who sat where with which role, moves, help, counts —
// saved as a file through a Blob and a temporary <a download>).
import { el, setChildren } from './dom.js';

const REFRESH_MS = 30000;
const DAY_MS = 24 * 3600 * 1000;
const fmtDate = ms => new Date(ms).toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' });

export function createAfterSession(ctx, card) {
  const node = card || document.getElementById('after-session');
  const values = {};
  const stat = (key, label) => {
    values[key] = el('dd', { 'data-testid': `stat-${key}` }, '–');
    return el('div', null, el('dt', null, label), values[key]);
  };
  const stats = el('dl', { class: 'after-stats', 'data-testid': 'after-stats' },
    stat('followups_sent', 'Follow-ups sent'), stat('followups_read', 'Follow-ups read'),
    stat('feedback_sent', 'Feedback sent'), stat('feedback_softened', 'Feedback softened'));

  const days = el('input', { id: 'retention-days', type: 'number', min: 1, max: 3650, step: 1, inputmode: 'numeric',
    value: '30', 'data-testid': 'retention-days', 'aria-describedby': 'retention-hint' });
  const saveBtn = el('button', { type: 'submit', class: 'secondary', 'data-testid': 'retention-save' }, 'Save');
  const retention = el('form', { class: 'after-retention', novalidate: true },
    el('label', { for: 'retention-days' }, 'Keep messages for'),
    el('div', { class: 'after-retention-row' }, days, el('span', { 'aria-hidden': 'true' }, 'days'), saveBtn));
  days.setAttribute('aria-label', 'Keep messages for how many days');
  const retentionHint = el('p', { id: 'retention-hint', class: 'hint' },
    'Follow-up messages and unsent drafts older than this are deleted.');

  const link = el('input', { id: 'call-link', type: 'url', maxlength: 500, spellcheck: 'false', autocomplete: 'off',
    placeholder: 'https://meet.example.org/softclose-{session}-{round}-{room}', 'data-testid': 'call-link',
    'aria-describedby': 'call-link-hint' });
  const linkSave = el('button', { type: 'submit', class: 'secondary', 'data-testid': 'call-link-save' }, 'Save');
  const linkClear = el('button', { type: 'button', class: 'quiet', 'data-testid': 'call-link-clear' }, 'Use the built-in call');
  const callForm = el('form', { class: 'after-retention', novalidate: true },
    el('label', { for: 'call-link' }, 'Room calls'),
    el('div', { class: 'after-retention-row' }, link, linkSave), linkClear);
  const linkHint = el('p', { id: 'call-link-hint', class: 'hint' },
    'Empty: every room is a call in softclose. Or a link to your own call system; {session}, {round}, {room} ' +
    'and {room_id} are filled in for each room.');

  const ended = el('p', { class: 'after-ended notice', 'data-testid': 'session-ended-note', hidden: true });
  const endBtn = el('button', { type: 'button', class: 'quiet danger-text', 'data-testid': 'end-session' }, 'End session');
  const endYes = el('button', { type: 'button', class: 'danger', 'data-testid': 'end-session-yes' }, 'End the session');
  const endNo = el('button', { type: 'button', class: 'quiet' }, 'Cancel');
  const endConfirm = el('div', { class: 'confirm-box', role: 'group', 'aria-labelledby': 'end-session-q', 'data-testid': 'end-session-confirm', hidden: true },
    el('p', { id: 'end-session-q' }, 'End the session? Nobody can join or start a round any more. People who took part can ' +
      'still write to their former room mates until the messages expire.'),
    el('div', { class: 'button-row' }, endYes, endNo));
  const status = el('p', { class: 'action-status', role: 'status', 'data-testid': 'after-status' });

  const dlCsv = el('button', { type: 'button', class: 'secondary', 'data-testid': 'export-csv' }, 'Download history (CSV)');
  const dlJson = el('button', { type: 'button', class: 'secondary', 'data-testid': 'export-json' }, 'Download history (JSON)');
  const exportBox = el('div', { class: 'after-export', role: 'group', 'aria-labelledby': 'export-title', 'aria-describedby': 'export-hint' },
    el('h3', { id: 'export-title' }, 'History'),
    el('p', { id: 'export-hint', class: 'hint' }, 'Who was in which room with which role, moves, help requests and feedback ' +
      'counts — never what anyone wrote.'),
    el('div', { class: 'button-row' }, dlCsv, dlJson));
  async function download(format) {
    dlCsv.disabled = dlJson.disabled = true;
    try {
      const r = await ctx.sock.request({ type: 'export', format });
      const url = URL.createObjectURL(new Blob([r.data], { type: r.content_type }));
      const a = el('a', { href: url, download: r.filename, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      say(`Downloaded ${r.filename}.`);
    } catch (err) {
      say(err.message, true);
    } finally { dlCsv.disabled = dlJson.disabled = false; }
  }
  dlCsv.addEventListener('click', () => download('csv'));
  dlJson.addEventListener('click', () => download('json'));

  setChildren(node,
    el('h2', { id: 'after-title' }, 'After the session'),
    el('p', { class: 'hint' }, 'Counts only — you never see what people write to each other.'),
    stats, retention, retentionHint, callForm, linkHint, exportBox, ended, endBtn, endConfirm, status);

  let timer = null;
  let refreshTimer = null;
  let editing = false;   // the person is typing a retention period: do not overwrite it

  days.addEventListener('input', () => { editing = true; });
  retention.addEventListener('submit', async ev => {
    ev.preventDefault();
    const n = Number(days.value);
    if (!Number.isInteger(n) || n < 1 || n > 3650) { say('Type a whole number of days from 1 to 3650.', true); days.focus(); return; }
    saveBtn.disabled = true;
    try {
      const r = await ctx.sock.request({ type: 'session_settings', retention_days: n });
      editing = false;
      say(`Saved: messages are kept for ${r.retention_days ?? n} day${n === 1 ? '' : 's'}.`);
      refresh();
    } catch (err) {
      say(err.message, true);
    } finally { saveBtn.disabled = false; }
  });

  let editingLink = false;
  link.addEventListener('input', () => { editingLink = true; });
  async function saveLink(value) {
    linkSave.disabled = linkClear.disabled = true;
    try {
      const r = await ctx.sock.request({ type: 'session_settings', call_link: value });
      editingLink = false;
      link.value = r.call_link ?? value;
      say(value ? 'Saved: each room shows its own link to your call system.' : 'Saved: rooms use the built-in call.');
    } catch (err) {
      say(err.message, true);
      link.focus();
    } finally { linkSave.disabled = linkClear.disabled = false; }
  }
  callForm.addEventListener('submit', ev => { ev.preventDefault(); saveLink(link.value.trim()); });
  linkClear.addEventListener('click', () => { link.value = ''; saveLink(''); });

  endBtn.addEventListener('click', () => { endConfirm.hidden = false; endBtn.hidden = true; endNo.focus(); });
  endNo.addEventListener('click', () => { endConfirm.hidden = true; endBtn.hidden = false; endBtn.focus(); });
  endYes.addEventListener('click', async () => {
    endYes.disabled = true;
    try {
      await ctx.sock.request({ type: 'end_session' });
      endConfirm.hidden = true;
      say('The session has ended.');
      refresh();
    } catch (err) {
      endConfirm.hidden = true;
      endBtn.hidden = false;
      say(err.message, true);   // e.g. a round is still running
    } finally { endYes.disabled = false; }
  });

  function say(text, isError = false) {
    status.textContent = text;
    status.classList.toggle('error', isError);
  }

  function show(s) {
    for (const k of Object.keys(values)) values[k].textContent = typeof s[k] === 'number' ? String(s[k]) : '–';
    if (!editing && s.retention_days) days.value = String(s.retention_days);
    if (!editingLink && typeof s.call_link === 'string') link.value = s.call_link;
    if (s.ended_at) {
      ended.textContent = `Ended ${fmtDate(s.ended_at)}. Follow-ups keep working until ${fmtDate(s.ended_at + s.retention_days * DAY_MS)}.`;
      ended.hidden = false;
      endBtn.hidden = true;
      endConfirm.hidden = true;
    } else {
      ended.hidden = true;
      if (endConfirm.hidden) endBtn.hidden = false;
    }
  }

  async function refresh() {
    clearTimeout(refreshTimer);
    refreshTimer = null;
    try {
      show(await ctx.sock.request({ type: 'stats' }));
    } catch { /* not signed in (yet): the next roster refreshes */ }
  }

  // Coalesces bursts (a room_update per room at a shared deadline).
  function soon(ms = 1500) {
    if (!refreshTimer) refreshTimer = setTimeout(refresh, ms);
  }

  clearInterval(timer);
  timer = setInterval(() => { if (document.visibilityState === 'visible' && document.body.dataset.view === 'view-dashboard') refresh(); }, REFRESH_MS);

  return {
    refresh,
    onMessage(msg) {
      switch (msg.type) {
        case 'roster': editing = false; say(''); soon(50); break;   // after every welcome / new session
        case 'rooms': case 'room_update': case 'rooms_update': soon(); break;
        case 'session_ended': soon(50); break;
        default: break;
      }
    },
  };
}
