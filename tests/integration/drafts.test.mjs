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

// Group commit covers every write people make at once, not only drafts: feedback, follow-ups,
// their acknowledgements. Two triads send feedback and follow-ups to their room mates as fast as
// they can; the server is killed mid-burst; every message whose feedback_sent / followup_sent a
// client received is in the database after the restart.
test('kill -9 mid-burst of feedback and follow-ups: every acknowledged message is there after the restart', async t => {
  const h = harness(t);
  const dataDir = h.dir();
  let s = await h.server({ dataDir });
  const { fac, session } = await newSession(h, s);
  const people = [];
  for (let i = 0; i < 6; i++) people.push(await joinAs(h, s, session.code, `Writer ${i + 1}`));
  assert.equal((await fac.request({ type: 'launch_round', turns: 1, practice_s: 10, feedback_s: 600, soften_s: 60 })).type, 'round_launched');
  for (const p of people) p.room = (await p.waitType('room')).room;
  for (const p of people) await p.waitFor(m => m.type === 'phase' && m.phase === 'feedback', 20000);
  const feedbackAcked = new Map();   // author index -> [feedback ids]
  const followupAcked = new Map();   // author index -> [follow-up ids]
  let sent = 0;
  for (const [pi, p] of people.entries()) {
    feedbackAcked.set(pi, []);
    followupAcked.set(pi, []);
    p.ws.on('message', data => {
      const m = JSON.parse(data.toString());
      if (m.type === 'feedback_sent') feedbackAcked.get(pi).push(m.feedback.id);
      if (m.type === 'followup_sent') for (const f of m.followups) followupAcked.get(pi).push(f.id);
      if (m.type === 'followup') p.ws.send(JSON.stringify({ type: 'followup_ack', followups: [m.followup.id] }));
    });
  }
  let stop = false;
  const bursts = people.map(async (p, pi) => {
    const mates = p.room.members.filter(m => m.id !== p.pid);
    for (let v = 1; !stop; v++) {
      if (p.ws.readyState !== 1) return;
      const to = mates[v % mates.length].id;
      p.ws.send(JSON.stringify({ type: 'feedback_send', id: `f/${pi}/${v}`, to, text: `Thank you for the careful listening, note ${v}.`, acknowledge_hints: true }));
      if (v <= 25) p.ws.send(JSON.stringify({ type: 'followup_send', id: `u/${pi}/${v}`, to, text: `Thanks again, note ${v}.`, client_id: `c-${pi}-${v}`, acknowledge_hints: true }));
      sent += 2;
      await sleep(10);
    }
  });
  await sleep(1200);
  await s.kill9();
  stop = true;
  await Promise.all(bursts);
  const nFeedback = [...feedbackAcked.values()].reduce((a, l) => a + l.length, 0);
  const nFollowups = [...followupAcked.values()].reduce((a, l) => a + l.length, 0);
  assert.ok(nFeedback > 20 && nFollowups > 20, `sent ${sent}; acknowledged ${nFeedback} feedback, ${nFollowups} follow-ups`);
  s = await h.server({ dataDir });
  for (const [pi, p] of people.entries()) {
    const back = await helloAs(h, s, p.token);
    const list = await back.request({ type: 'feedback_list', room: p.room.id });
    assert.equal(list.type, 'feedback_list', JSON.stringify(list));
    const stored = new Set(list.sent.map(f => f.id));
    for (const id of feedbackAcked.get(pi)) assert.ok(stored.has(id), `writer ${pi}: feedback ${id} was acknowledged but is gone`);
    const inbox = new Set();
    for (let r = await back.request({ type: 'inbox', limit: 100 }); ; r = await back.request({ type: 'inbox', limit: 100, cursor: r.next })) {
      for (const f of r.followups) inbox.add(f.id);
      if (!r.next) break;
    }
    for (const id of followupAcked.get(pi)) assert.ok(inbox.has(id), `writer ${pi}: follow-up ${id} was acknowledged but is gone`);
  }
});
