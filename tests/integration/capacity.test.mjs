// Capacity: the server raises its open-file limit to the hard limit, says how many connections it
// can hold, and refuses the one past that cleanly (the upgrade fails; nothing crashes; existing
// connections keep being served; a freed slot is usable again). Run under `prlimit` so that the
// limit is small enough to reach in a test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, assertAlive, newSession, joinAs } from '../lib/harness.mjs';

test('past its capacity the server refuses new websockets and keeps serving the rest', async t => {
  const h = harness(t);
  const s = await h.server({ prefix: ['prlimit', '--nofile=400:400'] });
  const said = s.output().match(/can hold (\d+) connections/);
  assert.ok(said, s.output());
  const capacity = Number(said[1]);
  assert.equal(capacity, 200, 'half of a small limit is kept for HTTP, the database and the listener');
  const { session } = await newSession(h, s);   // one connection
  const held = [];
  for (let i = 1; i < capacity; i++) held.push(await h.connect(s));
  await assert.rejects(h.connect(s), 'the connection past capacity is refused');
  await assertAlive(held[0], 'existing connections are still served');
  const p = await joinAs(h, s, session.code, 'Still works').catch(e => e);
  assert.ok(p instanceof Error, 'still full');
  await held.pop().close();
  await new Promise(r => setTimeout(r, 200));
  const again = await joinAs(h, s, session.code, 'In again');
  assert.equal(again.welcome.type, 'welcome');
  assert.equal(s.proc.exitCode, null, 'the server is running');
});
