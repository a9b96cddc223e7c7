// The accessibility gate: axe-core over every main screen, as several people in their own
// browser contexts — join (empty and with an error), lobby, the room in practice, feedback, soft
// close and closed, follow-ups ("Your rooms" and a thread), and the facilitator's create form,
// session and overview (running and closed) — failing on any serious or critical violation
// (tests/e2e/a11y.mjs). Then keyboard only: joining, asking for help and the countdown heard
// through the live region.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, person, createSession, join, launchCustom, shot } from './helpers.mjs';
import { assertAccessible } from './a11y.mjs';
import { recordAnnouncements } from './call-helpers.mjs';

const env = useServerAndBrowser();

const phase = (p, name, timeout = 30000) =>
  p.page.waitForSelector(`#view-room[data-phase="${name}"]`, { timeout });

test('axe finds no serious or critical violation on any main screen', { timeout: 180000 }, async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const ana = await person(env.browser, env.server, { label: 'Ana' });
  const ben = await person(env.browser, env.server, { label: 'Ben', viewport: { width: 390, height: 844 }, mobile: true });
  const cy = await person(env.browser, env.server, { label: 'Cy' });
  try {
    await fac.page.goto('/facilitate.html');
    await assertAccessible(fac.page, 'facilitator: create a session');
    const code = await createSession(fac, 'Accessibility check');
    await assertAccessible(fac.page, 'facilitator: session before a round');

    await ana.page.goto('/');
    await assertAccessible(ana.page, 'join');
    await ana.page.fill('#join-code', 'ZZZZZZ');
    await ana.page.fill('#join-name', 'Ana');
    await ana.page.click('#join-submit');
    await ana.page.waitForFunction(() => document.querySelector('#join-error').textContent.length > 0);
    await assertAccessible(ana.page, 'join with an error');

    await join(ana, code, 'Ana');
    await join(ben, code, 'Ben');
    await join(cy, code, 'Cy');
    await assertAccessible(ana.page, 'lobby');
    await assertAccessible(ben.page, 'lobby (phone)');
    await fac.page.waitForFunction(() => document.querySelectorAll('[data-testid="fac-person"][data-online="true"]').length === 3);
    await assertAccessible(fac.page, 'facilitator: session with people waiting');

    await launchCustom(fac, { turns: 1, practice: 10, feedback: 10, soften: 10, scenario: 'A student who keeps missing deadlines.' });
    for (const p of [ana, ben, cy]) await phase(p, 'practice', 10000);
    await assertAccessible(ana.page, 'room: practice');
    await assertAccessible(ben.page, 'room: practice (phone)');
    await assertAccessible(fac.page, 'facilitator: overview, a round running');

    await phase(ana, 'feedback');
    await ana.page.waitForSelector('#feedback-panel:not([hidden])');
    await assertAccessible(ana.page, 'room: feedback');
    // with hints beside a blunt sentence
    // (the observer writes in a three-part form; the others in one box)
    await ana.page.locator('#feedback-panel [data-testid="fb-write"] :is([data-testid="fb-text"], [data-testid="fb-observer-1"])')
      .first().fill('I felt what you said was too wordy');
    await ana.page.waitForFunction(() => /^\d+ hints?/.test(document.querySelector(
      '#feedback-panel [data-testid="fb-write"] [data-testid="fb-hints-summary"]')?.textContent || ''), null, { timeout: 5000 });
    await assertAccessible(ana.page, 'room: feedback with hints');

    await phase(ana, 'soften');
    await assertAccessible(ana.page, 'room: soft close');
    await assertAccessible(fac.page, 'facilitator: overview, soft close');

    for (const p of [ana, ben, cy]) await phase(p, 'closed', 40000);
    await ana.page.waitForSelector('#your-rooms[open] [data-testid="fu-room"]', { timeout: 10000 });
    await assertAccessible(ana.page, 'room closed, follow-ups: your rooms');
    await ana.page.locator('[data-testid="fu-write"]').first().click();
    await ana.page.waitForSelector('[data-testid="fu-thread"][open]');
    await assertAccessible(ana.page, 'follow-ups: a thread');
    await assertAccessible(fac.page, 'facilitator: overview, rooms closed');
    await shot(ana.page, 'a11y-followups');
    for (const p of [fac, ana, ben, cy]) p.assertNoErrors();
  } finally {
    for (const p of [fac, ana, ben, cy]) await p.close();
  }
});

test('keyboard only: join, ask for help; the countdown is a timer and phases are announced', { timeout: 120000 }, async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const ana = await person(env.browser, env.server, { label: 'Ana (keyboard)' });
  const ben = await person(env.browser, env.server, { label: 'Ben' });
  try {
    const code = await createSession(fac, 'Keyboard check');
    await join(ben, code, 'Ben');

    const page = ana.page;
    await recordAnnouncements(ana.context);
    const heard = re => page.waitForFunction(src => (window.__announced || []).some(t => new RegExp(src).test(t)), re.source,
      { timeout: 15000 });
    await page.goto('/');
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    // Tab from the top of the page reaches the code, then the name, then the Join button.
    for (let i = 0; i < 6 && await focused() !== 'join-code'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'join-code', 'Tab reaches the join code');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none';
    });
    assert.ok(ring, 'the focused field shows where the focus is');
    await page.keyboard.type(code);
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'join-name');
    await page.keyboard.type('Ana');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-lobby:not([hidden])');

    await launchCustom(fac, { turns: 1, practice: 60, soften: 10 });
    await phase(ana, 'practice', 10000);
    // The countdown is a timer (not read out every second); the live region says the phase.
    assert.equal(await page.getAttribute('#countdown', 'role'), 'timer');
    assert.notEqual(await page.getAttribute('#countdown', 'aria-live'), 'assertive');
    assert.equal(await page.getAttribute('#sr-announce', 'aria-live'), 'polite');
    await heard(/^Practice phase, \d+ (seconds|minutes?)\b/);

    // Help by keyboard: Tab to the note, type, Enter sends.
    for (let i = 0; i < 40 && await focused() !== 'help-text'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'help-text', 'Tab reaches the help note');
    await page.keyboard.type('Our observer dropped out');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#help-status').textContent.length > 0);
    await fac.page.waitForSelector('[data-testid="help-item"]');

    // The facilitator ends the round by keyboard: focus the "end all" button and press Enter.
    await fac.page.focus('#all-controls [data-testid="btn-end"]');
    await fac.page.keyboard.press('Enter');
    await phase(ana, 'soften', 10000);
    await heard(/^Soft close, /);
    await assertAccessible(page, 'room: soft close (keyboard walk)');
    for (const p of [fac, ana, ben]) p.assertNoErrors();
  } finally {
    for (const p of [fac, ana, ben]) await p.close();
  }
});
