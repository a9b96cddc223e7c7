// Follow-ups between former room mates against a real server: delivery to someone offline across
// a kill -9 and days later, exactly once; receipts; strangers refused whatever ids they use;
// idempotent resend; withdraw; revoke the return link; retention purge; delete the account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer, connect, sleep, tempDataDir } from '../lib/server.mjs';

const DAY = 24 * 3600 * 1000;

async function sessionWithRooms(server, names) {
  const fac = await connect(server);
  const created = await fac.request({ type: 'create_session', name: 'Follow-up test' });
  const people = {};
  for (const name of names) {
    const c = await connect(server);
    const w = await c.request({ type: 'join', code: created.session.code, name });
    c.token = w.token; c.id = w.participant.id; c.name = name;
    people[name] = c;
  }
  const launched = await fac.request({ type: 'launch_round', turns: 1, practice_s: 600, feedback_s: 0, soften_s: 60, seed: 7 });
  assert.equal(launched.type, 'round_launched', JSON.stringify(launched));
  for (const c of Object.values(people)) c.room = (await c.waitType('room')).room;
  return { fac, created, people };
}

// Two people who shared a room and one who did not, from a 6-person session (two triads).
function pickPairs(people) {
  const all = Object.values(people);
  const a = all[0];
  const mates = all.filter(p => p !== a && p.room.id === a.room.id);
  const stranger = all.find(p => p.room.id !== a.room.id);
  return { a, b: mates[0], stranger };
}

test('A writes to offline B; kill -9; B returns days later and gets it exactly once; receipts flow back', async () => {
  const dataDir = tempDataDir();
  let server = await startServer({ dataDir });
  const { people } = await sessionWithRooms(server, ['Ana', 'Ben', 'Cy', 'Dee', 'Eli', 'Fay']);
  const { a, b, stranger } = pickPairs(people);
  await b.close();
  const sent = await a.request({ type: 'followup_send', to: b.id, text: 'I was blunt earlier; what I meant was that your reflections were careful.', client_id: 'c-1' });
  assert.equal(sent.type, 'followup_sent', JSON.stringify(sent));
  const id = sent.followups[0].id;
  assert.equal(sent.followups[0].status, 'sent');
  // resend after a "reconnect": acknowledged, not stored twice
  const again = await a.request({ type: 'followup_send', to: b.id, text: 'I was blunt earlier; what I meant was that your reflections were careful.', client_id: 'c-1' });
  assert.equal(again.duplicate, true);
  assert.equal(again.followups.length, 1);
  assert.equal(again.followups[0].id, id);
  // a stranger (same session, never shared a room) is refused, whatever ids they use
  const refused = await stranger.request({ type: 'followup_send', to: b.id, text: 'hello', client_id: 's-1' });
  assert.equal(refused.code, 'forbidden');
  const roomRefused = await stranger.request({ type: 'followup_send', room: a.room.id, text: 'hello', client_id: 's-2' });
  assert.equal(roomRefused.code, 'forbidden');
  const other = await sessionWithRooms(server, ['Gus', 'Hal', 'Ida']);
  const cross = await other.people.Gus.request({ type: 'followup_send', to: b.id, text: 'hello', client_id: 'x-1' });
  assert.equal(cross.code, 'forbidden', 'a participant of another session cannot reach B');
  await server.kill9();
  // days pass: move every timestamp of the message three days back
  execFileSync('sqlite3', [path.join(dataDir, 'softclose.db'), `UPDATE followups SET sent_ms = sent_ms - ${3 * DAY}`]);
  server = await startServer({ dataDir });
  try {
    const a2 = await connect(server);
    await a2.request({ type: 'hello', token: a.token });
    const b2 = await connect(server);
    await b2.request({ type: 'hello', token: b.token });
    const got = await b2.waitFor(m => m.type === 'followup' && m.followup.id === id);
    assert.equal(got.followup.from.name, a.name);
    // a connection that dies before acknowledging loses nothing: the next hello pushes it again
    const bLost = await connect(server);
    await bLost.request({ type: 'hello', token: b.token });
    await bLost.waitFor(m => m.type === 'followup' && m.followup.id === id);
    assert.equal((await b2.request({ type: 'followup_ack', followups: [id] })).type, 'ok');
    const delivered = await a2.waitFor(m => m.type === 'followup_receipt' && m.followup === id && m.status === 'delivered');
    assert.ok(delivered.at > 0);
    assert.equal((await b2.request({ type: 'followup_read', followup: id })).type, 'ok');
    await a2.waitFor(m => m.type === 'followup_receipt' && m.followup === id && m.status === 'read');
    // B comes back again: nothing is delivered twice
    const b3 = await connect(server);
    await b3.request({ type: 'hello', token: b.token });
    await b3.waitType('my_rooms');
    await sleep(200);
    assert.equal(b3.messages.filter(m => m.type === 'followup' && m.followup.id === id).length, 0);
    const inbox = await b3.request({ type: 'inbox' });
    assert.equal(inbox.followups.filter(f => f.id === id).length, 1, 'exactly once in what the user sees');
    assert.equal(inbox.followups[0].status, 'read');
    // B replies; A sees it live
    const reply = await b3.request({ type: 'followup_send', to: a.id, text: 'Thank you for writing. It helped.', client_id: 'r-1' });
    assert.equal(reply.type, 'followup_sent');
    await a2.waitFor(m => m.type === 'followup' && m.followup.id === reply.followups[0].id);
  } finally { await server.stop(); }
});

test('my_rooms, room messages, withdraw, revoke link, rate limit, retention purge, delete_me, counts only for the facilitator', async () => {
  const dataDir = tempDataDir();
  const server = await startServer({ dataDir });
  try {
    const { fac, people } = await sessionWithRooms(server, ['Ana', 'Ben', 'Cy']);
    const [a, b, c] = Object.values(people);
    const rooms = await connect(server);
    await rooms.request({ type: 'hello', token: a.token });
    const mine = await rooms.waitType('my_rooms');
    assert.equal(mine.rooms.length, 1);
    assert.deepEqual(mine.rooms[0].members.map(m => m.name).sort(), [b.name, c.name].sort());
    // to the whole room: one message per recipient
    const all = await a.request({ type: 'followup_send', room: a.room.id, text: 'Thanks, both of you.', client_id: 'room-1' });
    assert.equal(all.followups.length, 2);
    await b.waitFor(m => m.type === 'followup' && m.followup.room === a.room.id);
    // withdraw
    const one = await a.request({ type: 'followup_send', to: b.id, text: 'Please ignore this note, thank you.', client_id: 'w-1' });
    assert.equal((await a.request({ type: 'followup_delete', followup: one.followups[0].id })).type, 'ok');
    await b.waitFor(m => m.type === 'followup_withdrawn' && m.followup === one.followups[0].id);
    const bInbox = await b.request({ type: 'inbox' });
    const w = bInbox.followups.find(f => f.id === one.followups[0].id);
    assert.equal(w.withdrawn, true);
    assert.equal(w.text, '');
    assert.equal((await b.request({ type: 'followup_delete', followup: all.followups[0].id })).code, 'forbidden');
    // needs_softening applies to follow-ups too; the writer may still send as written
    const blunt = await a.request({ type: 'followup_send', to: b.id, text: 'You were way too cold.', client_id: 'b-1' });
    assert.equal(blunt.code, 'needs_softening');
    assert.equal((await a.request({ type: 'followup_send', to: b.id, text: 'You were way too cold.', client_id: 'b-1', acknowledge_hints: true })).type, 'followup_sent');
    // revoke the return link
    const revoked = await b.request({ type: 'revoke_link' });
    assert.equal(revoked.type, 'link_revoked');
    assert.notEqual(revoked.token, b.token);
    const old = await connect(server);
    assert.equal((await old.request({ type: 'hello', token: b.token })).code, 'unauthorized');
    const fresh = await connect(server);
    assert.equal((await fresh.request({ type: 'hello', token: revoked.token })).type, 'welcome');
    // rate limit: 30 a minute
    let limited = null;
    for (let i = 0; i < 32 && !limited; i++) {
      const r = await c.request({ type: 'followup_send', to: a.id, text: `Note ${i}: thank you.`, client_id: `rl-${i}` });
      if (r.code === 'rate_limited') limited = r;
    }
    assert.ok(limited, 'the 31st message in a minute is refused');
    assert.ok(limited.retry_after_ms > 0);
    // counts only for the facilitator
    const stats = await fac.request({ type: 'stats' });
    assert.ok(stats.followups_sent >= 4);
    assert.equal(JSON.stringify(stats).includes('Thanks'), false);
    assert.equal((await fac.request({ type: 'followup_send', to: a.id, text: 'hi', client_id: 'f-1' })).code, 'forbidden');
    // retention: make everything a week old, set retention to 1 day: purged
    execFileSync('sqlite3', [path.join(dataDir, 'softclose.db'), `UPDATE followups SET sent_ms = sent_ms - ${7 * DAY} WHERE sender_pid = (SELECT pid FROM participants WHERE name = '${c.name}')`]);
    assert.equal((await fac.request({ type: 'session_settings', retention_days: 1 })).retention_days, 1);
    const aInbox = await a.request({ type: 'inbox', limit: 100 });
    assert.equal(aInbox.followups.filter(f => f.from.name === c.name).length, 0, 'week-old messages purged');
    assert.ok(aInbox.followups.length >= 3, 'recent ones kept');
    // delete_me: B's messages go, nobody can write to B any more
    assert.equal((await fresh.request({ type: 'delete_me' })).code, 'bad_request', 'needs confirm');
    assert.equal((await fresh.request({ type: 'delete_me', confirm: true })).type, 'ok');
    const after = await a.request({ type: 'inbox', limit: 100 });
    assert.equal(after.followups.filter(f => f.to.id === b.id || f.from.id === b.id).length, 0);
    assert.equal((await a.request({ type: 'followup_send', to: b.id, text: 'Are you there?', client_id: 'gone-1' })).code, 'forbidden');
    // ending the session waits for the rooms to close
    assert.equal((await fac.request({ type: 'end_session' })).code, 'conflict');
  } finally { await server.stop(); }
});

test('end_session: no more joins or rounds; people already in keep their follow-ups', async () => {
  const server = await startServer();
  try {
    const fac = await connect(server);
    const created = await fac.request({ type: 'create_session', name: 'Ending' });
    const p = await connect(server);
    const w = await p.request({ type: 'join', code: created.session.code, name: 'Ana' });
    assert.equal((await fac.request({ type: 'end_session' })).type, 'ok');
    const ended = await p.waitType('session_ended');
    assert.ok(ended.followups_until - ended.at === 30 * DAY, 'default retention is 30 days');
    const late = await connect(server);
    assert.equal((await late.request({ type: 'join', code: created.session.code, name: 'Ben' })).code, 'conflict');
    assert.equal((await fac.request({ type: 'launch_round', turns: 1, practice_s: 60, feedback_s: 0, soften_s: 60 })).code, 'conflict');
    const back = await connect(server);
    assert.equal((await back.request({ type: 'hello', token: w.token })).type, 'welcome');
    assert.equal((await back.waitType('my_rooms')).session_ended_at, ended.at);
  } finally { await server.stop(); }
});

test('inbox paging with the cursor never skips rows that share a millisecond (a message to a room)', async () => {
  const dataDir = tempDataDir();
  const server = await startServer({ dataDir });
  try {
    const { people } = await sessionWithRooms(server, ['Ana', 'Ben', 'Cy', 'Dee', 'Eli', 'Fay']);
    const { a } = pickPairs(people);
    // two messages to the whole room: each is one row per recipient, all sent in the same millisecond
    for (const text of ['Thanks both', 'See you Monday']) {
      const r = await a.request({ type: 'followup_send', room: a.room.id, text, client_id: `room-${text.length}` });
      assert.equal(r.type, 'followup_sent', JSON.stringify(r));
      assert.equal(r.followups.length, 2);
    }
    const all = (await a.request({ type: 'inbox', limit: 100 })).followups.map(f => f.id);
    assert.equal(all.length, 4);
    for (let limit = 1; limit <= 5; limit++) {
      const seen = [];
      let r = await a.request({ type: 'inbox', limit });
      for (;;) {
        seen.push(...r.followups.map(f => f.id));
        if (!r.more) { assert.equal(r.next, null); break; }
        assert.equal(typeof r.next, 'string');
        r = await a.request({ type: 'inbox', limit, cursor: r.next });
      }
      assert.deepEqual(seen, all, `limit ${limit}: every row once, newest first`);
    }
    const bad = await a.request({ type: 'inbox', cursor: 'not a cursor' });
    assert.equal(bad.code, 'bad_request');
    const both = await a.request({ type: 'inbox', cursor: '1:abc', before: 5 });
    assert.equal(both.code, 'bad_request');
  } finally {
    await server.stop();
  }
});
