// Browser test of "nobody is cut mid-sentence" (issue 9): someone whose microphone is loud at
// the moment the soft close ends gets the room its grace (phase.grace, waiting_for names them);
// a room where the microphones are silent closes on time. The fake microphones play WAV files
// generated here: a voice-like tone, and digital silence.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../lib/server.mjs';
import { person, shot, createSession, join, launchCustom } from './helpers.mjs';
import { launchCallBrowser, waitConnected, callState, writeWav } from './call-helpers.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'softclose-wav-'));
let server = null;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

// Two people in a pair room, each page's phase messages recorded; returns them.
async function pairInSoftClose(browser, names) {
  const fac = await person(browser, server, { label: 'facilitator' });
  const code = await createSession(fac, `Speaking ${names.join(' ')}`);
  const people = [];
  for (const n of names) {
    const p = await person(browser, server, { label: n });
    await join(p, code, n);
    people.push(p);
  }
  await launchCustom(fac, { turns: 1, practice: 10, feedback: 0, soften: 10 });
  await Promise.all(people.map(p => waitConnected(p.page, 1)));
  return { fac, people };
}

test('someone speaking when the soft close ends gets the room its grace', { timeout: 150000 }, async () => {
  const loud = writeWav(path.join(dir, 'loud.wav'), { loud: true });
  const browser = await launchCallBrowser([`--use-file-for-fake-audio-capture=${loud}`]);
  try {
    const { fac, people } = await pairInSoftClose(browser, ['Ana', 'Ben']);
    const [ana] = people;
    await ana.page.waitForFunction(() => window.__softcloseCall.state().speaking === true, null, { timeout: 20000 });
    console.log(`# loud microphone level ${(await callState(ana.page)).level.toFixed(3)}`);
    // The others see Ana speaking.
    await people[1].page.waitForFunction(() => [...document.querySelectorAll('#call-panel [data-testid="tile"]')]
      .some(t => t.dataset.speaking === 'true'), null, { timeout: 10000 });
    await ana.page.waitForFunction(() => document.querySelector('#room-phase')?.dataset.phase === 'soften', null, { timeout: 30000 });
    await shot(ana.page, 'call-soft-close-speaking');
    // At the end of the soft close: grace, waiting for the speakers.
    await ana.page.waitForFunction(() => /Take your time|Waiting for/.test(document.querySelector('#countdown-note')?.textContent || ''), null, { timeout: 30000 });
    const note = await people[1].page.textContent('#countdown-note');
    assert.match(note, /Waiting for .*Ana/);
    assert.equal(await fac.page.isVisible('[data-testid="room-card"] [data-testid="room-grace"]'), true);
    await shot(people[1].page, 'call-grace-speaking');
    for (const p of [fac, ...people]) await p.close();
  } finally {
    await browser.close();
  }
});

test('silent microphones: the room closes on time, no grace', { timeout: 150000 }, async () => {
  const silent = writeWav(path.join(dir, 'silent.wav'), { loud: false });
  const browser = await launchCallBrowser([`--use-file-for-fake-audio-capture=${silent}`]);
  try {
    const { fac, people } = await pairInSoftClose(browser, ['Cleo', 'Dev']);
    const [cleo] = people;
    await cleo.page.waitForFunction(() => document.querySelector('#room-phase')?.dataset.phase === 'soften', null, { timeout: 30000 });
    const s = await callState(cleo.page);
    assert.equal(s.speaking, false);
    assert.ok(s.level < 0.02, `silent level ${s.level}`);
    await cleo.page.waitForFunction(() => document.querySelector('#room-phase')?.dataset.phase === 'closed', null, { timeout: 30000 });
    assert.equal(await fac.page.isVisible('[data-testid="room-card"] [data-testid="room-grace"]'), false);
    const seenGrace = await cleo.page.evaluate(() => /Waiting for|Take your time/.test(document.body.textContent));
    assert.equal(seenGrace, false);
    await cleo.page.waitForSelector('[data-testid="call-ended"]:not([hidden])', { timeout: 15000 });
    for (const p of [fac, ...people]) await p.close();
  } finally {
    await browser.close();
  }
});
