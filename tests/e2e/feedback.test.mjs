// Browser test of the feedback step and the soft close. One triad (facilitator + three people), a
// round of 10 s practice, 30 s feedback and a 20 s soft close. In the feedback phase the client
// types the sentence that started this project ("I felt what you said was too wordy"), sees the
// hints beside the text (quoting the flagged words — checked with an emoji and accents before
// them, since the server's offsets are UTF-8 bytes — with why and a suggestion), is asked once to
// revise or send as written, revises to kinder words ("Reads as kind and specific") and sends; the
// therapist sees it arrive without a reload. The observer sends blunt notes through the three-part
// form and chooses "Send as written". The client's page is reloaded mid-typing and the draft comes
// back from the server. In the soft close the observer adds what they meant and the therapist sees
// the addition; the client, still typing at the deadline, holds the room open (grace: "Waiting for
// … to finish…" / "Take your time…"); once closed, the unsent draft is said to be kept. The
// facilitator sees counts only. Screenshots: feedback-hints, feedback-phone, feedback-received,
// soften-view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, launchCustom, person, shot, createSession, join, waitForRoster } from './helpers.mjs';

const env = useServerAndBrowser();

const BLUNT = 'I felt what you said was too wordy';
const KINDER = 'I noticed some long explanations — shorter reflections might let me lead';
const PREFIX = 'Olá 😀 café — ';
const W = '#feedback-panel [data-testid="fb-write"]';


const phaseIs = (p, name, timeout = 20000) =>
  p.page.waitForFunction(n => document.querySelector('#room-phase').textContent === n, name, { timeout });

// The live hints summary of the write box reads `re`.
const summaryIs = (p, re) => p.page.waitForFunction(src => {
  const s = document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-hints-summary"]');
  return s && new RegExp(src).test(s.textContent);
}, re.source, { timeout: 5000 });

test('feedback: hints beside the text, revise or send as written, drafts, soft close and grace', async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const names = ['Ana', 'Ben', 'Chidi'];
  const people = [];
  for (const n of names) people.push(await person(env.browser, env.server, { label: n }));
  const code = await createSession(fac, 'Feedback practice');
  for (let i = 0; i < names.length; i++) await join(people[i], code, names[i]);
  await waitForRoster(fac, names, { online: true });

  await launchCustom(fac, { turns: 1, practice: 10, feedback: 30, soften: 20 });
  for (const p of people) await p.page.waitForSelector('#view-room:not([hidden])', { timeout: 10000 });
  const roles = await Promise.all(people.map(p => p.page.textContent('#my-role')));
  const by = role => people[roles.indexOf(role)];
  const client = by('Client');
  const therapist = by('Therapist');
  const observer = by('Observer');
  const nameOf = p => names[people.indexOf(p)];
  // During practice there is no feedback panel.
  for (const p of people) assert.ok(await p.page.isHidden('#feedback-panel'), `${p.label}: panel during practice`);

  // ---- the feedback phase ---------------------------------------------------------------------
  for (const p of people) await phaseIs(p, 'Feedback');
  for (const p of people) await p.page.waitForSelector('#feedback-panel:not([hidden])');
  // Addressed by default to the person who played therapist; the therapist reflects first.
  const label = p => p.page.textContent(`${W} .fb-label`);
  assert.equal(await label(client), `Your feedback for ${nameOf(therapist)}`);
  assert.equal(await label(observer), `Your observer notes for ${nameOf(therapist)}`);
  assert.equal(await label(therapist), 'Your self-reflection');
  assert.ok(await client.page.isChecked(`${W} .fb-chip:has-text("${nameOf(therapist)}") input`));
  assert.equal(await observer.page.locator(`${W} [data-testid^="fb-observer-"]`).count(), 3, 'the observer gets the three-part form');
  assert.match(await observer.page.textContent(`${W} .fb-observer-form`), /One thing that worked.*One moment to look at.*One thing to try next time/s);

  // The client types the blunt sentence after an emoji and accents: the hint quotes exactly the
  // flagged words (byte offsets converted properly) and the preview marks them.
  const box = client.page.locator(`${W} [data-testid="fb-text"]`);
  await box.click();
  await box.pressSequentially(PREFIX + BLUNT, { delay: 8 });
  await summaryIs(client, /^\d+ hints?/);
  const quotes = await client.page.$$eval(`${W} [data-testid="fb-hint-quote"]`, ns => ns.map(n => n.textContent));
  assert.ok(quotes.includes(BLUNT), `a hint quotes exactly the flagged words: ${JSON.stringify(quotes)}`);
  assert.ok(quotes.every(q => !q.includes('\uFFFD')), 'no broken characters in the quotes');
  assert.equal(await client.page.textContent(`${W} [data-testid="fb-preview"]`), PREFIX + BLUNT, 'the preview mirrors the text');
  // The flagged sentence starts right after the accents and the emoji: a mark begins exactly there.
  const marks = await client.page.$$eval(`${W} [data-testid="fb-preview"] mark`, ns => ns.map(n => n.textContent));
  assert.ok(marks.includes(BLUNT), `marks: ${JSON.stringify(marks)}`);

  // The plain sentence: hints with why and a concrete suggestion, beside the text.
  await box.fill(BLUNT);
  await client.page.waitForFunction(b => document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-preview"]').textContent === b, BLUNT);
  const hint = client.page.locator(`${W} [data-testid="fb-hint"]`, { hasText: 'too wordy' }).first();
  assert.match(await hint.locator('[data-testid="fb-hint-quote"]').textContent(), /too wordy/);
  // (the same words may carry more than one rule's advice: each has a reason and a suggestion)
  const whys = await hint.locator('[data-testid="fb-hint-why"]').allTextContents();
  assert.ok(whys.length >= 1 && whys.every(w => w.length > 20), JSON.stringify(whys));
  const suggestions = await hint.locator('[data-testid="fb-hint-suggestion"]').allTextContents();
  assert.equal(suggestions.length, whys.length);
  assert.ok(suggestions.some(x => /I noticed some long explanations/.test(x)), JSON.stringify(suggestions));
  const summary = `${W} [data-testid="fb-hints-summary"]`;
  assert.equal(await client.page.getAttribute(summary, 'aria-live'), 'polite');
  const nHints = await client.page.locator(`${W} [data-testid="fb-hint-list"] > li`).count();
  assert.ok(nHints >= 1);
  assert.match(await client.page.textContent(summary), new RegExp(`^${nHints} hints?`));
  assert.equal(await box.getAttribute('aria-describedby'), await client.page.getAttribute(summary, 'id'));
  // Two rules on exactly the same words (an order in capitals): the words are quoted once, with
  // each rule's reason and suggestion under them — not the same highlight listed twice.
  const SHOUT = 'STOP INTERRUPTING ZOË';
  await box.fill(SHOUT);
  await client.page.waitForFunction(b => document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-preview"]').textContent === b, SHOUT);
  const both = client.page.locator(`${W} [data-testid="fb-hint"][data-rule~="command"][data-rule~="shouting"]`);
  assert.equal(await both.count(), 1, 'one item for the two rules');
  assert.equal(await both.locator('[data-testid="fb-hint-quote"]').count(), 1);
  const rules = (await both.getAttribute('data-rule')).split(' ');
  assert.ok(rules.length >= 2, rules.join(' '));
  assert.equal(await both.locator('[data-testid="fb-hint-why"]').count(), rules.length, 'a reason per rule');
  assert.equal(await client.page.locator(`${W} [data-testid="fb-hint-quote"]`, { hasText: SHOUT }).count(), 1, 'the words are quoted once');
  await both.scrollIntoViewIfNeeded();
  await shot(client.page, 'feedback-hints-grouped');
  await box.fill(BLUNT);
  await client.page.waitForFunction(b => document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-preview"]').textContent === b, BLUNT);
  // Beside: on a wide screen the hints sit to the right of the box, not under it.
  const [boxRect, hintsRect] = await Promise.all([box.boundingBox(), client.page.locator(`${W} [data-testid="fb-hints"]`).boundingBox()]);
  assert.ok(hintsRect.x >= boxRect.x + boxRect.width - 1, `hints beside the text: box ${JSON.stringify(boxRect)}, hints ${JSON.stringify(hintsRect)}`);
  // The draft is saved quietly.
  await client.page.waitForSelector(`${W} [data-testid="fb-draft-status"][data-state="saved"]`);
  assert.equal(await client.page.textContent(`${W} [data-testid="fb-draft-status"]`), 'Draft saved');
  await client.page.evaluate(() => window.scrollTo(0, 0));
  await shot(client.page, 'feedback-hints');
  await client.page.setViewportSize({ width: 390, height: 844 });
  await client.page.evaluate(() => {
    document.querySelector('#feedback-panel [data-testid="fb-write"] .fb-label').scrollIntoView({ block: 'start' });
    window.scrollBy(0, -12);
  });
  await shot(client.page, 'feedback-phone');
  assert.ok(await client.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling on a phone');
  await client.page.setViewportSize({ width: 1280, height: 900 });

  // Sending it as it is: the server asks once — revise or send as written. Revise puts the
  // caret back in the box with the hints still shown.
  await client.page.click(`${W} [data-testid="fb-send"]`);
  await client.page.waitForSelector(`${W} [data-testid="fb-choice"]:not([hidden])`);
  assert.match(await client.page.textContent(`${W} [data-testid="fb-choice"]`), /Revise.*Send as written/s);
  await client.page.click(`${W} [data-testid="fb-revise"]`);
  assert.ok(await client.page.isHidden(`${W} [data-testid="fb-choice"]`));
  assert.equal(await client.page.evaluate(() => document.activeElement?.dataset.testid), 'fb-text');
  assert.ok((await client.page.locator(`${W} [data-testid="fb-hint"]`).count()) >= 1, 'hints still visible after Revise');
  await box.fill(KINDER);
  await summaryIs(client, /^Reads as kind and specific$/);
  assert.equal(await client.page.locator(`${W} [data-testid="fb-hint"]`).count(), 0);
  await client.page.click(`${W} [data-testid="fb-send"]`);
  await client.page.waitForSelector(`[data-testid="fb-sent-item"]:has-text("${KINDER}")`);
  assert.equal(await box.inputValue(), '', 'the box is empty after sending');
  assert.ok(await client.page.isHidden(`${W} [data-testid="fb-choice"]`), 'kind text just sends');

  // The therapist sees it at once, with the author, the kind and the time.
  const got = therapist.page.locator('[data-testid="fb-received-item"]', { hasText: KINDER });
  await got.waitFor({ timeout: 5000 });
  assert.match(await got.locator('.fb-meta').textContent(), new RegExp(`${nameOf(client)}.*Feedback.*\\d`));

  // The observer fills the three-part form bluntly and sends as written.
  await observer.page.fill(`${W} [data-testid="fb-observer-0"]`, 'the opening question');
  await observer.page.fill(`${W} [data-testid="fb-observer-1"]`, 'you always interrupt');
  await observer.page.fill(`${W} [data-testid="fb-observer-2"]`, 'stop talking so much');
  await observer.page.waitForFunction(() => /hint/.test(document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-hints-summary"]').textContent));
  assert.ok(await observer.page.locator(`${W} [data-testid="fb-hint-quote"]`, { hasText: 'you always' }).count() >= 1);
  await observer.page.click(`${W} [data-testid="fb-send"]`);
  await observer.page.waitForSelector(`${W} [data-testid="fb-choice"]:not([hidden])`);
  assert.equal(await observer.page.locator('[data-testid="fb-choice"]:not([hidden])').count(), 1, 'one choice, once');
  await observer.page.click(`${W} [data-testid="fb-send-anyway"]`);
  const observerText = 'What worked: the opening question\nA moment to look at: you always interrupt\nTo try next time: stop talking so much';
  await observer.page.waitForSelector('[data-testid="fb-sent-item"]:has-text("you always interrupt")');
  assert.equal(await observer.page.textContent('[data-testid="fb-sent-item"] [data-testid="fb-item-text"]'), observerText);
  assert.ok(await observer.page.isHidden(`${W} [data-testid="fb-choice"]`));
  const obsGot = therapist.page.locator('[data-testid="fb-received-item"]', { hasText: 'you always interrupt' });
  await obsGot.waitFor({ timeout: 5000 });
  assert.match(await obsGot.locator('.fb-meta').textContent(), new RegExp(`${nameOf(observer)}.*Observer's notes`));
  assert.equal(await therapist.page.textContent('[data-testid="fb-received-count"]'), '2');
  await therapist.page.locator('[data-testid="fb-received"]').scrollIntoViewIfNeeded();
  await shot(therapist.page, 'feedback-received');

  // The client starts a note to the observer; the page is reloaded mid-typing and the draft comes
  // back from the server (the copy this device keeps is removed first, so only the server has it).
  await client.page.click(`${W} .fb-chip:has-text("${nameOf(observer)}")`);
  assert.equal(await label(client), `Your feedback for ${nameOf(observer)}`);
  const draft = 'Thank you for keeping time so gently — I';
  await box.pressSequentially(draft, { delay: 5 });
  await client.page.waitForFunction(d => {
    const s = document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-draft-status"]');
    return s.dataset.state === 'saved' && document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-text"]').value === d;
  }, draft);
  await client.page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('softclose.draft:')) localStorage.removeItem(k);
  });
  await client.page.reload();
  await client.page.waitForSelector('#feedback-panel:not([hidden])', { timeout: 10000 });
  await client.page.waitForFunction(d => document.querySelector('#feedback-panel [data-testid="fb-write"] [data-testid="fb-text"]')?.value === d, draft, { timeout: 5000 });
  assert.ok(await client.page.isChecked(`${W} .fb-chip:has-text("${nameOf(observer)}") input`));
  // What was sent before the reload is listed again.
  await client.page.waitForSelector(`[data-testid="fb-sent-item"]:has-text("${KINDER}"), [data-testid="fb-soften-item"]:has-text("${KINDER}")`);

  // ---- the soft close -------------------------------------------------------------------------
  for (const p of people) await phaseIs(p, 'Soft close', 30000);
  for (const p of people) {
    assert.equal(await p.page.textContent('#countdown-label'), 'closing in');
    assert.match(await p.page.textContent('#countdown-note'), /soften anything you said/);
  }
  // The observer sees what they sent, with the hints it had and three ways to soften it.
  const mine = observer.page.locator('[data-testid="fb-soften-item"]', { hasText: 'you always interrupt' });
  await mine.waitFor();
  assert.match(await mine.locator('[data-testid="fb-had-hints"]').textContent(), /you always/);
  for (const b of ['fb-amend', 'fb-appreciation', 'fb-replace']) assert.ok(await mine.locator(`[data-testid="${b}"]`).isVisible(), b);
  assert.equal(await mine.locator('[data-testid="fb-amend"]').textContent(), 'Add what I meant');
  await observer.page.evaluate(() => window.scrollTo(0, 0));
  await shot(observer.page, 'soften-view');
  // "Add what I meant": a small composer with the same live hints and its own draft.
  await mine.locator('[data-testid="fb-amend"]').click();
  const amendBox = mine.locator('[data-testid="fb-amend-composer"] [data-testid="fb-text"]');
  await amendBox.waitFor();
  assert.equal(await observer.page.evaluate(() => document.activeElement?.dataset.testid), 'fb-text');
  const meant = 'What I meant was: when you paused after her tears, she opened up; more of those pauses might help.';
  await amendBox.pressSequentially(meant, { delay: 2 });
  await observer.page.waitForFunction(() => /Reads as kind/.test(document.querySelector('[data-testid="fb-amend-composer"] [data-testid="fb-hints-summary"]').textContent));
  await mine.locator('[data-testid="fb-amend-composer"] [data-testid="fb-send"]').click();
  await mine.locator('[data-testid="fb-addition"]', { hasText: 'when you paused' }).waitFor();
  // The therapist sees the addition under the observer's message.
  await obsGot.locator('[data-testid="fb-addition"]', { hasText: 'when you paused' }).waitFor({ timeout: 5000 });
  assert.match(await obsGot.locator('[data-testid="fb-addition"]').textContent(), /What I meant/);
  // The client's sent message had no hints.
  const clientMine = client.page.locator('[data-testid="fb-soften-item"]', { hasText: KINDER });
  await clientMine.waitFor();
  assert.match(await clientMine.locator('[data-testid="fb-had-hints"]').textContent(), /No hints/);
  // "Replace", prefilled with the text: the therapist sees the new text marked "revised"; the
  // author sees the old text struck through.
  await clientMine.locator('[data-testid="fb-replace"]').click();
  const replBox = clientMine.locator('[data-testid="fb-amend-composer"] [data-testid="fb-text"]');
  assert.equal(await replBox.inputValue(), KINDER);
  const REPLACED = 'I noticed some long explanations; I wonder if shorter reflections might let me lead.';
  await replBox.fill(REPLACED);
  await client.page.waitForFunction(() => /Reads as kind/.test(document.querySelector('[data-testid="fb-amend-composer"] [data-testid="fb-hints-summary"]').textContent));
  await clientMine.locator('[data-testid="fb-amend-composer"] [data-testid="fb-send"]').click();
  await clientMine.locator('[data-testid="fb-original"] s', { hasText: KINDER }).waitFor();
  assert.equal(await clientMine.locator('[data-testid="fb-item-text"]').textContent(), REPLACED);
  assert.ok(await clientMine.locator('[data-testid="fb-amend-composer"]').count() === 0, 'the composer closes after replacing');
  const revised = therapist.page.locator('[data-testid="fb-received-item"]', { hasText: REPLACED });
  await revised.locator('[data-testid="fb-revised"]').waitFor({ timeout: 5000 });
  assert.ok(!(await therapist.page.textContent('#feedback-panel')).includes(KINDER), 'the old text stays with its author');
  await client.page.evaluate(() => document.querySelector('[data-testid="fb-soften"]').scrollIntoView({ block: 'start' }));
  await shot(client.page, 'soften-replaced');

  // The facilitator sees counts, never content.
  await fac.page.waitForFunction(() => /Feedback: 2 sent · 2 softened/.test(document.querySelector('[data-testid="room-feedback"]').textContent));
  const facHtml = await fac.page.content();
  for (const t of ['wordy', 'long explanations', 'interrupt', 'when you paused']) assert.ok(!facHtml.includes(t), `facilitator page shows "${t}"`);

  // Grace: the client is still typing when the soft close ends.
  await client.page.waitForFunction(() => Number(document.querySelector('#countdown').dataset.remainingMs) < 3800, null, { timeout: 25000 });
  await box.pressSequentially(' loved how you held the pauses', { delay: 25 });
  await therapist.page.waitForFunction(n => document.querySelector('#countdown-note').textContent === `Waiting for ${n} to finish…`,
    nameOf(client), { timeout: 10000 });
  await client.page.waitForFunction(() => document.querySelector('#countdown-note').textContent.startsWith('Take your time — the room waits a little for you'));
  await fac.page.waitForSelector('[data-testid="room-grace"]:not([hidden])');
  await therapist.page.evaluate(() => window.scrollTo(0, 0));
  await shot(therapist.page, 'soften-grace');

  // Closed: the unsent draft is kept and the person is told so; received feedback stays readable.
  await client.page.waitForFunction(() => document.querySelector('#room-phase').textContent === 'Closed', null, { timeout: 40000 });
  await client.page.waitForSelector('[data-testid="fb-draft-kept"]:not([hidden])');
  assert.match(await client.page.textContent('[data-testid="fb-draft-kept"]'),
    /Your unsent draft is saved — you can send it later as a follow-up\..*held the pauses/s);
  await therapist.page.waitForFunction(() => document.querySelector('#room-phase').textContent === 'Closed');
  assert.ok(await therapist.page.isVisible('[data-testid="fb-received-item"]:has-text("long explanations")'));
  assert.ok(await therapist.page.isHidden('[data-testid="fb-draft-kept"]'), 'nothing unsent for the therapist');
  await client.page.evaluate(() => window.scrollTo(0, 0));
  await shot(client.page, 'feedback-closed');

  for (const p of [fac, ...people]) p.assertNoErrors();
  for (const p of [fac, ...people]) await p.close();
});
