// fu-rooms-view.js — draws "Your rooms" (a <details> card): each room with its room mates, the
// last message with each and how many are unread, "Write to …" buttons that open a thread, and
// the drafts a closed room left, each with a way to send it as a follow-up. The data comes from
// followups.js (fu-rooms.js, fu-threads.js); this file only draws it.
import { el, setChildren } from './dom.js';
import { formatWhen } from './format.js';
import { shortQuote } from './hint-ranges.js';
import { isRoomInProgress, reachableMembers, leftoverDrafts, draftRecipients } from './fu-rooms.js';
import { personThreadKey, roomThreadKey } from './fu-threads.js';

// openThread(key, opts?) opens a thread; lastMessageWith(id) is the newest message with a person.
export function createRoomsSection({ myId, openThread, lastMessageWith }) {
  let openByUser = null;   // the person opened/closed "Your rooms" themselves
  const badge = el('span', { class: 'count-badge fu-unread-badge', 'data-testid': 'fu-unread-total' });
  const list = el('ol', { class: 'fu-rooms', 'data-testid': 'fu-rooms' });
  const empty = el('p', { class: 'muted fu-empty', 'data-testid': 'fu-rooms-empty' },
    'When a room closes, the people you practised with appear here, so you can write to them — ' +
    'the next hour or the next week. They get your message when they come back.');
  const intro = el('p', { class: 'hint fu-intro' },
    'Write to anyone you shared a room with. If they are away, they get it when they come back.');
  const node = el('details', { class: 'card fu-your-rooms', id: 'your-rooms', 'data-testid': 'your-rooms' },
    el('summary', { class: 'fu-summary' }, el('h2', { class: 'section-title' }, 'Your rooms', badge)),
    el('div', { class: 'details-body' }, intro, empty, list));
  node.addEventListener('toggle', () => {
    if (node.dataset.auto === 'true') { delete node.dataset.auto; return; }
    openByUser = node.open;
  });

  // rooms in list order; drafts: leftover drafts; unreadBy: Map sender id -> count; total unread.
  function render({ rooms, drafts, unreadBy, total }) {
    empty.hidden = rooms.length > 0;
    intro.hidden = rooms.length === 0;
    setChildren(list, rooms.map(r => roomItem(r, drafts, unreadBy)));
    badge.textContent = total ? `${total} new` : '';
  }

  function roomItem(r, drafts, unreadBy) {
    const inProgress = isRoomInProgress(r);
    return el('li', { class: 'fu-room', 'data-testid': 'fu-room', 'data-room-id': r.id, 'data-room-number': r.number },
      el('div', { class: 'fu-room-head' },
        el('h3', { class: 'fu-room-title' }, `Room ${r.number}`),
        el('span', { class: 'muted fu-room-when' }, r.launched_at
          ? el('time', { datetime: new Date(r.launched_at).toISOString() }, `Round ${r.round} · ${formatWhen(r.launched_at)}`)
          : `Round ${r.round}`),
        inProgress ? el('span', { class: 'badge fu-now' }, 'in progress') : null),
      el('ul', { class: 'fu-members' }, r.members.length ? r.members.map(m => memberItem(r, m, unreadBy.get(m.id) || 0))
        : el('li', { class: 'muted' }, 'Nobody else was in this room.')),
      reachableMembers(r).length > 1 ? el('button', { type: 'button', class: 'secondary fu-write-room', 'data-testid': 'fu-write-room',
        onclick: () => openThread(roomThreadKey(r.id)) }, 'Write to the room') : null,
      leftoverDrafts(drafts, r).map(d => draftItem(r, d)));
  }

  function memberItem(r, m, unread) {
    const last = lastMessageWith(m.id);
    const canWrite = m.reachable !== false;
    return el('li', { class: 'fu-member', 'data-testid': 'fu-member', 'data-id': m.id },
      el('div', { class: 'fu-member-text' },
        el('span', { class: 'person-name' }, m.name),
        unread ? el('span', { class: 'fu-new', 'data-testid': 'fu-member-unread' }, `${unread} new`) : null,
        last ? el('span', { class: 'muted fu-last' },
          `${last.from.id === myId() ? 'You' : last.from.name}: `,
          last.withdrawn ? 'message withdrawn' : shortQuote(last.text, 60)) : null,
        !canWrite ? el('span', { class: 'muted' }, ' — no longer here') : null),
      canWrite ? el('button', { type: 'button', class: unread ? 'primary fu-write' : 'secondary fu-write', 'data-testid': 'fu-write',
        'aria-label': `${unread ? `${unread} new — ` : ''}Write to ${m.name} (Room ${r.number})`,
        onclick: () => openThread(personThreadKey(m.id)) }, unread ? `Read and reply to ${m.name}` : `Write to ${m.name}`) : null);
  }

  // A feedback draft left when the room closed: to the person it was written for, or (an
  // amendment of a sent message, say) to whom the person chooses.
  function draftItem(r, d) {
    const { to, choices } = draftRecipients(r, d);
    const openFor = key => openThread(key, { prefill: d.text, draft: { room: d.room, key: d.key } });
    const button = (key, label, testid) => el('button', { type: 'button', class: 'secondary', 'data-testid': testid, onclick: () => openFor(key) }, label);
    return el('div', { class: 'fu-draft', 'data-testid': 'fu-draft' },
      el('p', { class: 'fu-draft-title' }, 'Unsent draft — send it as a follow-up'),
      el('p', { class: 'fu-draft-text' }, el('q', null, shortQuote(d.text, 140))),
      el('div', { class: 'button-row' }, to
        ? button(personThreadKey(to.id), `Open it to send to ${to.name}`, 'fu-draft-open')
        : [...choices.map(m => button(personThreadKey(m.id), `Send to ${m.name}`, 'fu-draft-open')),
          choices.length > 1 ? button(roomThreadKey(r.id), 'Send to the room', null) : null]));
  }

  return {
    node,
    render,
    // Open or fold it for where the person is (defaultOpen), unless they chose themselves.
    placeOpen(defaultOpen) {
      const wantOpen = openByUser !== null ? openByUser : defaultOpen;
      if (node.open !== wantOpen) { node.dataset.auto = 'true'; node.open = wantOpen; }
    },
    forgetChoice() { openByUser = null; },
  };
}
