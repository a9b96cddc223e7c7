// Many writers at once (issue 14): draft saves are committed in groups off the service thread.
// A kill -9 in the middle of a burst of saves loses nothing a client was told was saved: for
// every draft, the text in the database after the restart is the last one acknowledged with
// `draft_saved` or a newer one. A newer save of the same draft may supersede an older one that
// was still queued, and the older request still gets its reply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, newSession, joinAs, helloAs } from '../lib/harness.mjs';
import { sleep } from '../lib/server.mjs';

test('kill -9 mid-burst: every acknowledged draft (or a newer text of it) is there after the restart', async t => {
  const h = harness(t);
  const dataDir = h.dir();
  let s = await h.server({ dataDir });
  const { fac, session } = await newSession(h, s);
  const people = [];
  for (let i = 0; i < 6; i++) people.push(await joinAs(h, s, session.code, `Typist ${i + 1}`));
  assert.equal((await fac.request({ type: 'launch_round', turns: 1, practice_s: 600, feedback_s: 0, soften_s: 60 })).type, 'round_launched');
  for (const p of people) await p.waitType('room');
  // Each typist saves 3 drafts (keys) over and over without waiting for replies: v1, v2, v3 …
  const acked = new Map();   // `${person}:${key}` -> highest version acknowledged
  let sent = 0;
  const keys = ['self:t0', 'to:x:t0', 'observer:y:t0'];
  for (const [pi, p] of people.entries()) {
    p.ws.on('message', data => {
      const m = JSON.parse(data.toString());
      if (m.type !== 'draft_saved') return;
      const [version] = String(m.re).split('/').slice(-1).map(Number);
      const k = `${pi}:${m.key}`;
      acked.set(k, Math.max(acked.get(k) || 0, version));
    });
  }
  let stop = false;
  const bursts = people.map(async (p, pi) => {
    for (let v = 1; !stop; v++) {
      for (const key of keys) {
        if (p.ws.readyState !== 1) return;
        p.ws.send(JSON.stringify({ type: 'feedback_draft', id: `${pi}/${key}/${v}`, key, text: `typist ${pi} ${key} version ${v}` }));
        sent++;
      }
      await sleep(5);
    }
  });
  await sleep(1500);
  await s.kill9();   // in the middle of the burst
  stop = true;
  await Promise.all(bursts);
  assert.ok(acked.size > 0 && sent > 100, `sent ${sent}, acknowledged ${acked.size} drafts`);
  s = await h.server({ dataDir });
  let checked = 0;
  for (const [pi, p] of people.entries()) {
    const back = await helloAs(h, s, p.token);
    const drafts = (await back.waitType('drafts')).drafts;
    for (const key of keys) {
      const want = acked.get(`${pi}:${key}`);
      if (!want) continue;
      const d = drafts.find(x => x.key === key);
      assert.ok(d, `typist ${pi} ${key}: acknowledged version ${want} but no draft after the restart`);
      const have = Number(/version (\d+)$/.exec(d.text)[1]);
      assert.ok(have >= want, `typist ${pi} ${key}: acknowledged version ${want}, database has ${have}`);
      checked++;
    }
  }
  assert.ok(checked >= people.length, `checked ${checked} drafts`);
});

test('a burst of saves from one person gets one reply per request, in order, after commit', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session } = await newSession(h, s);
  const a = await joinAs(h, s, session.code, 'Ana');
  await joinAs(h, s, session.code, 'Ben');
  assert.equal((await fac.request({ type: 'launch_round', turns: 1, practice_s: 600, feedback_s: 0, soften_s: 60 })).type, 'round_launched');
  await a.waitType('room');
  const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => a.request({ type: 'feedback_draft', key: 'self:t0', text: `draft ${i}` })));
  for (const r of replies) assert.equal(r.type, 'draft_saved', JSON.stringify(r));
  const b = await helloAs(h, s, a.token);
  const d = (await b.waitType('drafts')).drafts.find(x => x.key === 'self:t0');
  assert.equal(d.text, 'draft 49', 'the newest text won');
});
