// announcer.js — screen-reader announcements through aria-live regions. Each kind of news has a
// region of its own (the page's phases and countdown in #sr-announce, the call's comings and
// goings in #sr-call), so that "Ana joined the call" never replaces "Practice phase, 8 minutes."
// before a screen reader has read it.

// The polite live region with this id, created (visually hidden) if the page has none.
export function liveRegion(id) {
  let region = document.getElementById(id);
  if (!region) {
    region = document.createElement('div');
    region.id = id;
    region.className = 'sr-only';
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    region.dataset.testid = id;
    document.body.append(region);
  }
  return region;
}

// announce(text) for one region. Sentences are queued and each stays ~0.7 s, so two in quick
// succession ("Facilitator left the call", then a connection change) are both read rather than
// the second wiping the first; the region is cleared first so a repeated sentence is read again.
// At most QUEUE_MAX wait: past that the oldest is dropped (news that old is no longer news).
const QUEUE_MAX = 8;
export function createAnnouncer(region, { holdMs = 700 } = {}) {
  const queue = [];
  let busy = false;
  function next() {
    if (!queue.length) { busy = false; return; }
    busy = true;
    region.textContent = '';
    setTimeout(() => { region.textContent = queue.shift(); setTimeout(next, holdMs); }, 60);
  }
  return text => {
    queue.push(text);
    if (queue.length > QUEUE_MAX) queue.shift();
    if (!busy) next();
  };
}
