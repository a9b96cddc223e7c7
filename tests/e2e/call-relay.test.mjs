// Browser test of the call through a TURN relay (issue 9): a real coturn on 127.0.0.1 with a
// shared secret, softclose minting credentials from the same secret (--turn + SOFTCLOSE_TURN_SECRET),
// pages forced to relay-only ICE with ?relay=1. Three people connect, the selected candidate pairs
// are of type `relay`, and audio and video bytes flow. With the wrong secret nothing connects
// (coturn refuses the allocation: no relay candidate is ever gathered).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { person, shot, createSession, launchCustom } from './helpers.mjs';
import { launchCallBrowser, waitConnected, waitMediaFlowing, callStats, callState, startTurn, CALL_TIMEOUT } from './call-helpers.mjs';

const SECRET = 'turn-test-secret-8f3a1c';
let turn = null;
let browser = null;

before(async () => {
  turn = await startTurn(SECRET);
  browser = await launchCallBrowser();
});
after(async () => {
  await browser?.close();
  await turn?.stop();
});

// A session of three on `server`, every page opened with ?relay=1; returns the pages.
async function threeInRelayCall(server) {
  const people = [];
  const fac = await person(browser, server, { label: 'facilitator' });
  people.push(fac);
  const code = await createSession(fac, 'Relay');
  for (const name of ['Ana', 'Ben', 'Cleo']) {
    const p = await person(browser, server, { label: name });
    await p.page.goto(`/?relay=1`);
    await p.page.fill('#join-code', code);
    await p.page.fill('#join-name', name);
    await p.page.click('#join-submit');
    await p.page.waitForSelector('#view-lobby:not([hidden])');
    people.push(p);
  }
  await launchCustom(fac, { turns: 1, practice: 600, feedback: 0, soften: 10 });
  return people;
}

async function serverWith(secret) {
  return startServer({ args: ['--turn', turn.url, '--turn-ttl', '600'], env: { SOFTCLOSE_TURN_SECRET: secret } });
}

test('three people connect through coturn: relay pairs, audio and video bytes', { timeout: 150000 }, async () => {
  const server = await serverWith(SECRET);
  let people = [];
  try {
    const t0 = Date.now();
    people = await threeInRelayCall(server);
    const [, ...members] = people;
    const s0 = await callState(members[0].page);
    assert.equal(s0.relay, true);
    const turnEntry = (s0.ice.ice_servers || []).find(x => x.urls.some(u => u.startsWith('turn:')));
    assert.ok(turnEntry && /^\d+:/.test(turnEntry.username) && turnEntry.credential, JSON.stringify(s0.ice));
    assert.equal(JSON.stringify(s0.ice).includes(SECRET), false, 'the secret never reaches a browser');
    await Promise.all(members.map(p => waitConnected(p.page, 2, 60000)));
    console.log(`# three connected through TURN ${Date.now() - t0} ms after the first page opened`);
    for (const p of members) {
      const s = await waitMediaFlowing(p.page);
      for (const e of s) {
        assert.equal(e.state, 'connected');
        assert.equal(e.local, 'relay', JSON.stringify(e));
        assert.ok(e.localCandidates.every(t => t === 'relay'), `only relay candidates: ${JSON.stringify(e.localCandidates)}`);
      }
    }
    assert.match(turn.log(), /ALLOCATE/i);
    await shot(members[0].page, 'call-relay');
  } finally {
    for (const p of people) await p.close().catch(() => {});
    await server.stop();
  }
});

test('with the wrong secret the relay refuses: no relay candidate, nothing connects', { timeout: 120000 }, async () => {
  const server = await serverWith('not-the-secret');
  let people = [];
  try {
    people = await threeInRelayCall(server);
    const [, ...members] = people;
    await Promise.all(members.map(p => p.page.waitForFunction(() => window.__softcloseCall.connections().length === 2, null, { timeout: CALL_TIMEOUT })));
    await members[0].page.waitForTimeout(12000);   // far longer than a working relay needs here
    for (const p of members) {
      const s = await callStats(p.page);
      for (const e of s) {
        assert.notEqual(e.state, 'connected', JSON.stringify(e));
        assert.equal(e.localCandidates.filter(t => t === 'relay').length, 0, JSON.stringify(e));
        assert.equal(e.audio + e.video, 0);
      }
    }
    assert.match(turn.log(), /401|Unauthorized|cannot find credentials|wrong message integrity/i);
  } finally {
    for (const p of people) await p.close().catch(() => {});
    await server.stop();
  }
});
