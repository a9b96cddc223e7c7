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
let silentBrowser = null;   // the fake microphone flag is per browser: one browser per source
before(async () => {
  server = await startServer();
  silentBrowser = await launchCallBrowser([`--use-file-for-fake-audio-capture=${writeWav(path.join(dir, 'silent.wav'), { loud: false })}`]);
});
after(async () => { await silentBrowser?.close(); await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

// Two people (each from the browser given) in a pair room with a 10 s practice and soft close.
async function pairInSoftClose(browsers, names) {
  const fac = await person(silentBrowser, server, { label: 'facilitator' });
  const code = await createSession(fac, `Speaking ${names.join(' ')}`);
  const people = [];
  for (const [i, n] of names.entries()) {
    const p = await person(browsers[i], server, { label: n });
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
    const { fac, people } = await pairInSoftClose([browser, silentBrowser], ['Ana', 'Ben']);
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
    assert.match(note, /Waiting for Ana/);
    assert.match(await ana.page.textContent('#countdown-note'), /Take your time — the room waits a little for you\.$/);
    assert.equal((await callState(people[1].page)).speaking, false);
    assert.equal(await fac.page.isVisible('[data-testid="room-card"] [data-testid="room-grace"]'), true);
    await shot(people[1].page, 'call-grace-speaking');
    for (const p of [fac, ...people]) await p.close();
  } finally {
    await browser.close();
  }
});

test('silent microphones: the room closes on time, no grace', { timeout: 150000 }, async () => {
  {
    const { fac, people } = await pairInSoftClose([silentBrowser, silentBrowser], ['Cleo', 'Dev']);
    const [cleo] = people;
    await cleo.page.waitForFunction(() => document.querySelector('#room-phase')?.dataset.phase === 'soften', null, { timeout: 30000 });
    const softenAt = Date.now();
    const s = await callState(cleo.page);
    assert.equal(s.speaking, false);
    assert.ok(s.level < 0.02, `silent level ${s.level}`);
    await cleo.page.waitForFunction(() => document.querySelector('#room-phase')?.dataset.phase === 'closed', null, { timeout: 30000 });
    assert.equal(await fac.page.isVisible('[data-testid="room-card"] [data-testid="room-grace"]'), false);
    // A 10 s soft close; a grace would have added 30 s.
    assert.ok(Date.now() - softenAt < 16000, `closed ${Date.now() - softenAt} ms after the soft close began`);
    await cleo.page.waitForSelector('[data-testid="call-ended"]:not([hidden])', { timeout: 15000 });
    for (const p of [fac, ...people]) await p.close();
  }
});
