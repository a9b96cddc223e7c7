// Browser test of softening beyond the feedback form (issue 13): in a follow-up thread an ordinary
// message with an acronym and a "wow" of delight gets no hint, while "How many times do I have to
// say it?" does, with "Use this": one click puts the softer sentence in the box as ONE undoable
// edit (Ctrl+Z brings the writer's words back), and capitals come back in lower case ("I said
// no."). A message hostile as a whole, with no phrase a rule knows, gets the learned tone score's
// hint ("tone") with the same one click. Screenshots: soften-use-this, soften-after-use, soften-tone-hint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, launchCustom, person, shot, createSession, join, waitForRoster } from './helpers.mjs';

const env = useServerAndBrowser();
const thread = '[data-testid="fu-thread"][open]';
const summary = `${thread} [data-testid="fb-hints-summary"]`;
const box = '[data-testid="fu-text"]';

async function typeAndWait(page, text) {
  await page.$eval(summary, s => { s.dataset.state = 'pending'; });   // so a stale result is not read
  await page.fill(box, text);
  // the check is debounced; wait for the result drawn for exactly this text
  await page.waitForFunction(({ sel, t }) => {
    const s = document.querySelector(sel);
    const v = document.querySelector('[data-testid="fu-text"]').value;
    return v === t && s && (s.dataset.state === 'kind' || s.dataset.state === 'hints');
  }, { sel: summary, t: text }, { timeout: 10000 });
  return page.$eval(summary, s => s.dataset.state);
}

test('follow-up hints: no false alarm on an acronym and delight, one-click softer wording for a demand', async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const ana = await person(env.browser, env.server, { label: 'ana' });
  const ben = await person(env.browser, env.server, { label: 'ben' });
  const code = await createSession(fac, 'Softening practice');
  await join(ana, code, 'Ana');
  await join(ben, code, 'Ben');
  await waitForRoster(fac, ['Ana', 'Ben'], { online: true });
  await launchCustom(fac, { turns: 1, practice: 30, soften: 10 });
  for (const p of [ana, ben]) await p.page.waitForSelector('#view-room:not([hidden])', { timeout: 10000 });
  await fac.page.click('#all-controls [data-testid="btn-end"]');
  await ana.page.waitForSelector('#view-room[data-phase="closed"]', { timeout: 25000 });

  await ana.page.waitForSelector('#your-rooms[open] [data-testid="fu-room"]');
  await ana.page.click('[data-testid="fu-member"]:has(.person-name:text-is("Ben")) [data-testid="fu-write"]');
  await ana.page.waitForSelector(thread);

  // Ordinary: an acronym and "wow, lovely" are not shouting or dismissive.
  assert.equal(await typeAndWait(ana.page, 'Did you see the BBC piece? wow, lovely'), 'kind');
  assert.equal(await ana.page.locator(`${thread} [data-testid="fb-hint"]`).count(), 0);
  // Neither is a logistics question without praise (no_appreciation is feedback-only).
  assert.equal(await typeAndWait(ana.page, 'Before Monday: can you tell me which slot you want?'), 'kind');

  // A demand: a hint with "Use this".
  const demand = 'How many times do I have to say it?';
  assert.equal(await typeAndWait(ana.page, demand), 'hints');
  const use = ana.page.locator(`${thread} [data-testid="fb-hint-use"]`).first();
  await use.waitFor();
  await ana.page.locator(`${thread} .fu-compose-grid`).scrollIntoViewIfNeeded();
  await shot(ana.page, 'soften-use-this');
  await use.click();
  const softer = "I've raised this before, and I'd like us to sort it out together.";
  assert.equal(await ana.page.inputValue(box), softer);
  // one undoable edit: Ctrl+Z restores the writer's words in one step
  await ana.page.focus(box);
  await ana.page.keyboard.press('Control+z');
  assert.equal(await ana.page.inputValue(box), demand);
  await ana.page.keyboard.press('Control+Shift+z');
  assert.equal(await ana.page.inputValue(box), softer);
  // the softer version reads as kind once re-checked
  await ana.page.waitForFunction(sel => document.querySelector(sel).dataset.state === 'kind', summary, { timeout: 10000 });

  // Capitals: lower case where the writer shouted, the sentence's capital kept.
  assert.equal(await typeAndWait(ana.page, 'I SAID NO. Thanks anyway'), 'hints');
  await ana.page.locator(`${thread} [data-testid="fb-hint"][data-rule~="shouting"] [data-testid="fb-hint-use"]`).first().click();
  assert.equal(await ana.page.inputValue(box), 'I said no. Thanks anyway');

  // Words kept where the suggestion quotes them: "Do you ever check your messages?"
  assert.equal(await typeAndWait(ana.page, 'Do you ever check your messages?'), 'hints');
  await ana.page.locator(`${thread} [data-testid="fb-hint-use"]`).first().click();
  assert.equal(await ana.page.inputValue(box), 'When you get a chance, could you check your messages?');
  await shot(ana.page, 'soften-after-use');

  // Hostile as a whole, with no phrase a rule knows: the learned tone score's hint, one click away.
  const cold = 'Your idea of teamwork is letting everyone else carry you.';
  assert.equal(await typeAndWait(ana.page, cold), 'hints');
  const toneHint = ana.page.locator(`${thread} [data-testid="fb-hint"][data-rule~="tone"]`);
  await toneHint.waitFor();
  await shot(ana.page, 'soften-tone-hint');
  await toneHint.locator('[data-testid="fb-hint-use"]').click();
  assert.equal(await ana.page.inputValue(box), "I'm frustrated about this, and I'd like us to sort it out together.");
  await ana.page.waitForFunction(sel => document.querySelector(sel).dataset.state === 'kind', summary, { timeout: 10000 });
});
