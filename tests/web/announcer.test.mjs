// announcer.js: sentences announced in quick succession are each written to the live region in
// order (none wipes another), a repeated sentence is written again, and the queue is bounded.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createAnnouncer } from '../../web/js/announcer.js';

function recordingRegion() {
  const written = [];
  let text = '';
  return {
    written,
    get textContent() { return text; },
    set textContent(v) { text = v; if (v) written.push(v); },
  };
}

test('quick announcements are all written, in order; a repeat is written again', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const region = recordingRegion();
    const say = createAnnouncer(region);
    say('Facilitator left the call');
    say('Ben joined the call');
    say('Ben joined the call');
    for (let i = 0; i < 100; i++) mock.timers.tick(50);
    assert.deepEqual(region.written, ['Facilitator left the call', 'Ben joined the call', 'Ben joined the call']);
  } finally { mock.timers.reset(); }
});

test('the queue keeps the newest sentences when flooded', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const region = recordingRegion();
    const say = createAnnouncer(region);
    for (let i = 0; i < 20; i++) say(`news ${i}`);
    for (let i = 0; i < 400; i++) mock.timers.tick(50);
    assert.ok(region.written.length <= 9, String(region.written.length));
    assert.equal(region.written.at(-1), 'news 19');
  } finally { mock.timers.reset(); }
});
