// Browser tests of the room chat and of rooms that use another call system (issue 9): two people
// chat in their room and the chat is there again after a reload; the facilitator switches the
// session to a link template, every room shows "Join your room's call" with its own link and no
// built-in call, and switching back brings the call back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { person, shot, createSession, join, launchCustom } from './helpers.mjs';
import { launchCallBrowser, waitConnected } from './call-helpers.mjs';

const env = { server: null, browser: null };
const W = {};

before(async () => {
  env.server = await startServer();
  env.browser = await launchCallBrowser();
});
after(async () => {
  for (const p of Object.values(W)) await p.close().catch(() => {});
  await env.browser?.close();
  await env.server?.stop();
});

const chatTexts = page => page.$$eval('#call-panel [data-testid="call-chat-msg"]', n => n.map(x => x.textContent));

test('room chat reaches room mates, is escaped, and survives a reload', { timeout: 120000 }, async () => {
  W.fac = await person(env.browser, env.server, { label: 'facilitator' });
  const code = await createSession(W.fac, 'Chat and links');
  W.ana = await person(env.browser, env.server, { label: 'ana' });
  W.ben = await person(env.browser, env.server, { label: 'ben' });
  await join(W.ana, code, 'Ana');
  await join(W.ben, code, 'Ben');
  await launchCustom(W.fac, { turns: 1, practice: 600, feedback: 0, soften: 10 });
  await Promise.all([W.ana, W.ben].map(p => p.page.waitForSelector('#view-room:not([hidden])')));
  await W.ana.page.fill('#call-panel [data-testid="call-chat-text"]', "I can't hear you <b>at all</b>");
  await W.ana.page.click('#call-panel [data-testid="call-chat-send"]');
  await W.ben.page.waitForFunction(() => [...document.querySelectorAll('#call-panel [data-testid="call-chat-msg"]')]
    .some(li => li.textContent.includes("I can't hear you <b>at all</b>")), null, { timeout: 15000 });
  assert.equal(await W.ben.page.$$eval('#call-panel [data-testid="call-chat-msg"] b', n => n.length), 0, 'text, never markup');
  await shot(W.ben.page, 'call-chat');
  await W.ben.page.reload();
  await W.ben.page.waitForSelector('#view-room:not([hidden])');
  await W.ben.page.waitForFunction(() => document.querySelectorAll('#call-panel [data-testid="call-chat-msg"]').length === 1, null, { timeout: 15000 });
  assert.match((await chatTexts(W.ben.page))[0], /I can't hear you/);
  for (const p of [W.ana, W.ben]) p.assertNoErrors();
});

test('another call system: each room shows its own link and no built-in call; switching back restores the call', { timeout: 120000 }, async () => {
  const code = (await W.fac.page.textContent('#join-code-big')).trim();
  await W.fac.page.fill('[data-testid="call-link"]', 'https://meet.example.org/softclose-{session}-{round}-{room}');
  await W.fac.page.click('[data-testid="call-link-save"]');
  await W.fac.page.waitForFunction(() => /Saved/.test(document.querySelector('[data-testid="after-status"]').textContent), null, { timeout: 10000 });
  for (const p of [W.ana, W.ben]) {
    await p.page.waitForSelector('#call-panel [data-testid="call-external-link"]', { timeout: 15000 });
    const href = await p.page.getAttribute('#call-panel [data-testid="call-external-link"]', 'href');
    assert.match(href, new RegExp(`^https://meet\\.example\\.org/softclose-${code}-1-\\d+$`));
    assert.equal(await p.page.$$eval('#call-panel [data-testid="tile"]', n => n.length), 0, 'no built-in call');
    assert.equal(await p.page.evaluate(() => window.__softcloseCall.connections().length), 0);
  }
  await shot(W.ana.page, 'call-external-link');
  // a bad template is refused with the server's sentence
  await W.fac.page.fill('[data-testid="call-link"]', 'https://meet.example.org/{nope}');
  await W.fac.page.click('[data-testid="call-link-save"]');
  await W.fac.page.waitForFunction(() => /placeholders/.test(document.querySelector('[data-testid="after-status"]').textContent), null, { timeout: 10000 });
  // back to the built-in call: the two connect
  await W.fac.page.click('[data-testid="call-link-clear"]');
  await Promise.all([W.ana, W.ben].map(p => waitConnected(p.page, 1)));
  assert.equal(await W.ana.page.isVisible('#call-panel [data-testid="call-external-link"]'), false, 'the link is gone');
  await shot(W.ana.page, 'call-back-to-builtin');
});
