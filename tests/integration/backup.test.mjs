// `softclose backup FILE` against a live server under write load (docs/OPERATIONS.md "Backups"):
// people keep joining and follow-ups keep being sent while the backup runs; the copy passes
// PRAGMA integrity_check; restored into a fresh data dir (softclose.db replaced, no -wal/-shm)
// the server starts and every session, room, person and follow-up written before the backup is
// there. Also: the backup refuses to replace a file and says why when there is no database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { harness, newSession, joinAs, helloAs, runOnce } from '../lib/harness.mjs';

const LAUNCH = { type: 'launch_round', turns: 1, practice_s: 900, feedback_s: 0, soften_s: 60, seed: 5 };

test('backup under write load; restore into a fresh data dir; everything written before is there', async t => {
  const h = harness(t);
  const s = await h.server();
  // before the backup: two sessions with rounds, rooms and follow-ups
  const groups = [];
  for (const name of ['Monday', 'Tuesday']) {
    const { fac, session, token } = await newSession(h, s, name);
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await joinAs(h, s, session.code, `${name}-${i}`));
    const launched = await fac.request(LAUNCH);
    assert.equal(launched.type, 'round_launched', JSON.stringify(launched));
    for (const p of people) p.room = (await p.waitType('room')).room;
    const followups = [];
    for (const p of people) {
      const mate = people.find(q => q !== p && q.room.id === p.room.id);
      const r = await p.request({ type: 'followup_send', to: mate.pid, text: `Thanks from ${p.welcome.participant.name}`, client_id: `b-${p.pid}` });
      assert.equal(r.type, 'followup_sent', JSON.stringify(r));
      followups.push({ from: p, id: r.followups[0].id });
    }
    groups.push({ fac, session, token, people, followups });
  }

  // write load while the backup runs: joins into a third session and follow-ups back and forth
  const load = await newSession(h, s, 'Under load');
  let loading = true, writes = 0;
  const loader = (async () => {
    // senders take turns (each person may send only so many follow-ups a minute)
    const pairs = groups.flatMap(g => g.people.map(p => [p, g.people.find(q => q !== p && q.room.id === p.room.id)]));
    for (let i = 0; loading; i++) {
      await joinAs(h, s, load.session.code, `L${i}`);
      writes++;
      const [p, q] = pairs[i % pairs.length];
      const r = await p.request({ type: 'followup_send', to: q.pid, text: `load ${i}`, client_id: `load-${i}` });
      if (r.type === 'followup_sent') writes++;
      else assert.equal(r.code, 'rate_limited', JSON.stringify(r));
    }
  })();
  await new Promise(r => setTimeout(r, 150));
  const backupFile = path.join(h.dir(), 'softclose-backup.db');
  const writesBefore = writes;
  const b = await runOnce(['backup', backupFile, '--data-dir', s.dataDir], { timeoutMs: 60000 });
  const writesDuring = writes - writesBefore;
  await new Promise(r => setTimeout(r, 100));
  loading = false;
  await loader;
  assert.equal(b.code, 0, `backup failed: ${b.stdout}${b.stderr}`);
  assert.match(b.stdout, /backup wrote .*integrity_check ok/);
  assert.ok(writes > writesBefore, 'the server kept serving writes around the backup');
  t.diagnostic(`writes while the backup ran: ${writesDuring}; total load writes ${writes}`);
  assert.equal(execFileSync('sqlite3', [backupFile, 'PRAGMA integrity_check']).toString().trim(), 'ok');
  assert.equal(execFileSync('sqlite3', [backupFile, 'PRAGMA journal_mode']).toString().trim(), 'delete', 'the copy is one file');
  assert.ok(!existsSync(backupFile + '-wal'));

  // the live server still works
  assert.equal((await groups[0].fac.request({ type: 'ping', t0: 1 })).type, 'pong');

  // restore: a fresh data dir with the copy as softclose.db (no -wal, no -shm)
  const fresh = h.dir();
  copyFileSync(backupFile, path.join(fresh, 'softclose.db'));
  const restored = await h.server({ dataDir: fresh });
  for (const g of groups) {
    const fac = await helloAs(h, restored, g.token);
    assert.equal(fac.welcome.role, 'facilitator');
    assert.equal(fac.welcome.session.id, g.session.id);
    assert.equal(fac.welcome.session.code, g.session.code);
    const rooms = await fac.waitType('rooms');
    const roomIds = new Set(g.people.map(p => p.room.id));
    assert.deepEqual(new Set(rooms.rooms.map(r => r.id)), roomIds, 'every room is back');
    for (const p of g.people) {
      const c = await helloAs(h, restored, p.token);
      assert.equal(c.welcome.participant.id, p.pid);
      const room = await c.waitType('room');
      assert.equal(room.room.id, p.room.id, 'back in the same room');
      const inbox = await c.request({ type: 'inbox', limit: 100 });
      assert.equal(inbox.type, 'inbox', JSON.stringify(inbox));
      for (const f of g.followups.filter(x => x.from === p))
        assert.ok(inbox.followups.some(x => x.id === f.id), `follow-up ${f.id} is in its sender's inbox`);
    }
  }
  // the load session existed before the backup started
  const loadFac = await helloAs(h, restored, load.token);
  assert.equal(loadFac.welcome.session.id, load.session.id);
  const res = await fetch(`${restored.url}/healthz`);
  assert.equal((await res.json()).sessions, 3);
});

test('backup refuses to replace a file, and says when there is no database', async t => {
  const h = harness(t);
  const s = await h.server();
  await newSession(h, s, 'One');
  const dir = h.dir();
  const existing = path.join(dir, 'taken.db');
  writeFileSync(existing, 'keep me');
  const r = await runOnce(['backup', existing, '--data-dir', s.dataDir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /already exists/);
  assert.equal(execFileSync('cat', [existing]).toString(), 'keep me');
  const none = await runOnce(['backup', path.join(dir, 'x.db'), '--data-dir', path.join(dir, 'nowhere')]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no database at/);
  const usage = await runOnce(['backup']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /usage: softclose backup FILE/);
  assert.ok(!existsSync(path.join(dir, 'x.db')));
});
