// Browser test: the server is killed (kill -9) in the middle of a call and started again on the
// same port and database. Nobody touches anything: every page reconnects, says hello, gets its
// room back and rejoins the call by itself; the pairs are connected again with media flowing.
// (Call presence is never stored: it is rebuilt as the browsers come back.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, tempDataDir } from '../lib/server.mjs';
import { person, createSession, join, launchCustom, shot } from './helpers.mjs';
import { launchCallBrowser, waitConnected, waitMediaFlowing } from './call-helpers.mjs';

const env = { server: null, browser: null, dataDir: tempDataDir(), port: 0 };
const W = {};

function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

before(async () => {
  env.port = await freeTcpPort();
  env.server = await startServer({ dataDir: env.dataDir, args: ['--port', String(env.port)] });
  env.browser = await launchCallBrowser();
});
after(async () => {
  for (const p of Object.values(W)) await p.close().catch(() => {});
  await env.browser?.close();
  await env.server?.stop();
});

test('after a kill -9 and a restart, everyone is back in the call without doing anything', { timeout: 180000 }, async () => {
  assert.equal(env.server.port, env.port);
  W.fac = await person(env.browser, env.server, { label: 'facilitator' });
  const code = await createSession(W.fac, 'Restart during a call');
  for (const name of ['Ana', 'Ben', 'Cleo']) {
    W[name] = await person(env.browser, env.server, { label: name.toLowerCase() });
    await join(W[name], code, name);
  }
  const people = [W.Ana, W.Ben, W.Cleo];
  await launchCustom(W.fac, { turns: 1, practice: 600, feedback: 0, soften: 10 });
  await Promise.all(people.map(p => waitConnected(p.page, 2)));
  const peersBefore = await Promise.all(people.map(p => p.page.evaluate(() => window.__softcloseCall.state().peer)));

  await env.server.kill9();
  const t0 = Date.now();
  env.server = await startServer({ dataDir: env.dataDir, args: ['--port', String(env.port)] });
  await Promise.all(people.map(p => waitConnected(p.page, 2, 90000)));
  console.log(`# all three back in the call ${Date.now() - t0} ms after the restart`);
  for (const s of await Promise.all(people.map(p => waitMediaFlowing(p.page)))) {
    for (const e of s) assert.ok(e.audio > 0 && e.video > 0, JSON.stringify(e));
  }
  const peersAfter = await Promise.all(people.map(p => p.page.evaluate(() => window.__softcloseCall.state().peer)));
  for (let i = 0; i < 3; i++) assert.notEqual(peersAfter[i], peersBefore[i], 'a new call after the restart');
  await shot(W.Ana.page, 'call-after-restart');
});
