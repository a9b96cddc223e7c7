// Browser test of a call with someone whose browser gives no camera or microphone (permission
// denied, or none there): they join anyway, the page says what is missing and how to fix it,
// they still hear and see the others, the others see them as muted with no camera, and the rest
// of the room (clock, roles) is there. Two browsers: one with fake devices (Ana, Ben) and one
// with none and no automatic permission (Cleo).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startServer } from '../lib/server.mjs';
import { person, shot, createSession, join, launchCustom } from './helpers.mjs';
import { launchCallBrowser, waitConnected, waitMediaFlowing } from './call-helpers.mjs';

const env = { server: null, withMedia: null, without: null };
const W = {};

before(async () => {
  env.server = await startServer();
  env.withMedia = await launchCallBrowser();
  env.without = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required', '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns', '--deny-permission-prompts'],
  });
});
after(async () => {
  for (const p of Object.values(W)) await p.close().catch(() => {});
  await env.withMedia?.close();
  await env.without?.close();
  await env.server?.stop();
});

test('no camera or microphone: still in the call, told what is missing, the room unaffected', { timeout: 150000 }, async () => {
  W.fac = await person(env.withMedia, env.server, { label: 'facilitator' });
  const code = await createSession(W.fac, 'No devices');
  W.ana = await person(env.withMedia, env.server, { label: 'ana' });
  W.ben = await person(env.withMedia, env.server, { label: 'ben' });
  W.cleo = await person(env.without, env.server, { label: 'cleo' });
  await join(W.ana, code, 'Ana');
  await join(W.ben, code, 'Ben');
  await join(W.cleo, code, 'Cleo');
  await launchCustom(W.fac, { turns: 3, practice: 600, feedback: 0, soften: 10 });
  await Promise.all([W.ana, W.ben, W.cleo].map(p => waitConnected(p.page, 2)));
  // Cleo hears and sees the others
  const stats = await waitMediaFlowing(W.cleo.page);
  for (const e of stats) assert.ok(e.audio > 0 && e.video > 0, JSON.stringify(e));
  // and her page says what is missing, with a way to try again
  await W.cleo.page.waitForSelector('#call-panel [data-testid="call-problems"]:not([hidden])', { timeout: 15000 });
  const told = await W.cleo.page.textContent('#call-panel [data-testid="call-problems"]');
  assert.match(told, /microphone/i);
  assert.match(told, /camera/i);
  assert.ok(await W.cleo.page.isVisible('#call-panel [data-testid="call-retry-media"]'), 'a way to try again');
  // the others see her without microphone and camera
  await W.ana.page.waitForFunction(() => {
    const t = [...document.querySelectorAll('#call-panel [data-testid="tile"]')]
      .find(li => li.querySelector('[data-testid="tile-name"]').textContent === 'Cleo');
    return t && t.querySelector('[data-testid="tile-muted"]') && t.querySelector('[data-testid="tile-camera-off"]');
  }, null, { timeout: 15000 });
  // the room itself is unaffected: clock and role are there
  assert.match(await W.cleo.page.textContent('#my-role'), /Therapist|Client|Observer/);
  await shot(W.cleo.page, 'call-no-devices');
  for (const p of [W.ana, W.ben]) p.assertNoErrors();
});
