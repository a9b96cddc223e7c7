// Calls (docs/PROTOCOL.md "Calls"), against a real softclose process: joining a room's call,
// relaying signals only between peers of one call, presence, speaking holding the soft close
// open, room chat, the other-call-system link, TURN credentials in welcome, and every refusal
// (non-member, another room, another session, after the room closed, unauthenticated, oversize,
// flooding) leaving the connection open.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { harness, newSession, joinAs, helloAs, assertError, assertAlive, runOnce, serverArgs, UUID_RE } from '../lib/harness.mjs';
import { sleep } from '../lib/server.mjs';

const LONG = { turns: 1, practice_s: 60, feedback_s: 0, soften_s: 10 };
const mark = c => c.messages.length;
const next = (c, type, from = 0, pred = () => true, ms = 5000) => c.waitFor(m => m.type === type && pred(m), ms, from);
const offer = { kind: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

// A session with n participants launched into rooms; returns rooms as arrays of clients.
async function launched(h, s, n, opts = LONG) {
  const { fac, session, token } = await newSession(h, s);
  const ps = [];
  for (let i = 0; i < n; i++) ps.push(await joinAs(h, s, session.code, `P${i + 1}`));
  const marks = ps.map(mark);
  const reply = await fac.request({ type: 'launch_round', ...opts });
  assert.equal(reply.type, 'round_launched', JSON.stringify(reply));
  await Promise.all(ps.map(async (p, i) => { p.room = await next(p, 'room', marks[i]); }));
  const rooms = new Map();
  for (const p of ps) {
    const id = p.room.room.id;
    if (!rooms.has(id)) rooms.set(id, []);
    rooms.get(id).push(p);
  }
  return { fac, session, token, ps, rooms: [...rooms.values()], roomIds: [...rooms.keys()] };
}

async function join(c, extra = {}) {
  const r = await c.request({ type: 'call_join', ...extra });
  assert.equal(r.type, 'call_joined', JSON.stringify(r));
  c.peer = r.peer;
  return r;
}

describe('call signalling', () => {
  test('three members join; the joiner sees who is there, the others see the joiner; signals relay both ways', async t => {
    const h = harness(t);
    const s = await h.server();
    const { rooms } = await launched(h, s, 3);
    const [a, b, c] = rooms[0];
    assert.deepEqual(a.room.call, { mode: 'builtin' });
    const ja = await join(a);
    assert.match(ja.peer, UUID_RE);
    assert.deepEqual(ja.peers, []);
    assert.deepEqual(ja.ice.ice_servers, []);
    const mA = mark(a);
    const jb = await join(b, { muted: true, camera: false });
    assert.equal(jb.peers.length, 1);
    assert.equal(jb.peers[0].peer, a.peer);
    assert.equal(jb.peers[0].participant, a.pid);
    assert.equal(jb.peers[0].role, a.room.you.role);
    const joined = await next(a, 'call_peer_joined', mA);
    assert.equal(joined.peer.peer, b.peer);
    assert.equal(joined.peer.muted, true);
    assert.equal(joined.peer.camera, false);
    assert.equal(joined.peer.name, b.welcome.participant.name);
    await join(c);
    // the joiner offers; the other answers; candidates trickle
    const mB = mark(b);
    assert.equal((await c.request({ type: 'call_signal', to: b.peer, signal: offer })).type, 'ok');
    const got = await next(b, 'call_signal', mB);
    assert.equal(got.from, c.peer);
    assert.deepEqual(got.signal, offer);
    const mC = mark(c);
    const cand = { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    assert.equal((await b.request({ type: 'call_signal', to: c.peer, signal: cand })).type, 'ok');
    assert.deepEqual((await next(c, 'call_signal', mC)).signal, cand);
    assert.equal((await b.request({ type: 'call_signal', to: c.peer, signal: { kind: 'candidate', candidate: null } })).type, 'ok');
    // state changes reach the others
    const mA2 = mark(a);
    assert.equal((await c.request({ type: 'call_state', muted: true, speaking: true })).type, 'ok');
    const st = await next(a, 'call_peer', mA2);
    assert.equal(st.peer.peer, c.peer);
    assert.equal(st.peer.muted, true);
    assert.equal(st.peer.speaking, true);
    // leaving tells the others
    const mB2 = mark(b);
    assert.equal((await c.request({ type: 'call_leave' })).type, 'ok');
    assert.equal((await next(b, 'call_peer_left', mB2)).peer, c.peer);
    assertError(await c.request({ type: 'call_leave' }), 'conflict');
  });

  test('refused: strangers, other rooms, other sessions, unauthenticated, after close — and the connection stays open', async t => {
    const h = harness(t);
    const s = await h.server();
    const one = await launched(h, s, 6);
    const two = await launched(h, s, 3);
    const [a, b] = one.rooms[0];
    const [x] = one.rooms[1];
    const [y] = two.rooms[0];
    await join(a); await join(b); await join(x); await join(y);
    const mB = mark(b);
    // another room of the same session, another session, a made-up peer id: not_found, nothing relayed
    for (const to of [x.peer, y.peer, crypto.randomUUID(), a.peer]) {
      const r = await a.request({ type: 'call_signal', to, signal: offer });
      if (to === a.peer) assertError(r, 'not_found', 'to oneself');
      else assertError(r, 'not_found', `to ${to}`);
    }
    // a participant naming another room's call
    const other = await joinAs(h, s, one.session.code, 'Late');
    assertError(await other.request({ type: 'call_join' }), 'conflict', 'not placed');
    assertError(await a.request({ type: 'call_join', room: one.roomIds[1] }), 'forbidden');
    assertError(await a.request({ type: 'call_join', room: two.roomIds[0] }), 'not_found', 'room of another session');
    assertError(await a.request({ type: 'call_join' }), 'conflict', 'already in the call');
    // not signed in
    const anon = await h.connect(s);
    assertError(await anon.request({ type: 'call_join' }), 'unauthorized');
    assertError(await anon.request({ type: 'call_signal', to: a.peer, signal: offer }), 'unauthorized');
    // a connection of a member that never joined the call
    const a2 = await helloAs(h, s, a.token);
    assertError(await a2.request({ type: 'call_signal', to: b.peer, signal: offer }), 'conflict');
    // bad shapes
    assertError(await a.request({ type: 'call_signal', to: b.peer, signal: { kind: 'bye' } }), 'bad_request');
    assertError(await a.request({ type: 'call_signal', to: b.peer }), 'bad_request');
    assertError(await a.request({ type: 'call_signal', to: b.peer, signal: offer, extra: 1 }), 'bad_request');
    assertError(await a.request({ type: 'call_state' }), 'bad_request');
    // oversize: under the 16 KiB message limit, over the 12 KiB signal limit
    assertError(await a.request({ type: 'call_signal', to: b.peer, signal: { kind: 'offer', sdp: 'a'.repeat(13000) } }), 'too_large');
    await assertAlive(a, 'after refusals');
    assert.equal(b.messages.slice(mB).filter(m => m.type === 'call_signal').length, 0, 'nothing reached b');
    // the facilitator of another session cannot drop in
    assertError(await two.fac.request({ type: 'call_join', room: one.roomIds[0] }), 'not_found');
  });

  test('flooding signals are rate limited with retry_after_ms; the connection stays open', async t => {
    const h = harness(t);
    const s = await h.server();
    const { rooms } = await launched(h, s, 3);
    const [a, b] = rooms[0];
    await join(a); await join(b);
    const cand = { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 150 }, () => a.request({ type: 'call_signal', to: b.peer, signal: cand })));
    // 120 per 10 s, refilled one every 83 ms: a burst that takes longer on a loaded machine earns a
    // few more, never fewer
    const refilled = Math.ceil((Date.now() - started) / 83);
    const ok = replies.filter(r => r.type === 'ok').length;
    const limited = replies.filter(r => r.type === 'error' && r.code === 'rate_limited');
    assert.ok(ok >= 120 && ok <= 120 + refilled, `a burst of 120 goes through (a real browser trickle fits); got ${ok}, refill allowance ${refilled}`);
    assert.equal(limited.length, 150 - ok);
    assert.ok(limited.length > 0);
    assert.ok(limited[0].retry_after_ms > 0 && limited[0].retry_after_ms <= 1000, JSON.stringify(limited[0]));
    await assertAlive(a);
  });

  test('the facilitator drops in and leaves; members see it; nobody else can', async t => {
    const h = harness(t);
    const s = await h.server();
    const { fac, rooms, roomIds } = await launched(h, s, 3);
    const [a] = rooms[0];
    await join(a);
    assertError(await fac.request({ type: 'call_join' }), 'bad_request', 'the facilitator names the room');
    const mA = mark(a);
    const jf = await join(fac, { room: roomIds[0] });
    assert.equal(jf.peers.length, 1);
    const seen = await next(a, 'call_peer_joined', mA);
    assert.equal(seen.peer.facilitator, true);
    assert.equal(seen.peer.role, 'facilitator');
    assert.equal(seen.peer.participant, null);
    // the facilitator can signal a member and chat into the room
    const mA2 = mark(a);
    assert.equal((await fac.request({ type: 'call_signal', to: a.peer, signal: offer })).type, 'ok');
    assert.equal((await next(a, 'call_signal', mA2)).from, fac.peer);
    assert.equal((await fac.request({ type: 'call_leave' })).type, 'ok');
    assert.equal((await next(a, 'call_peer_left', mA2)).peer, fac.peer);
  });
});

describe('the call follows the room', () => {
  test('a move ends the old call ("moved") and the mover can join the new one; a reload replaces the old window', async t => {
    const h = harness(t);
    const s = await h.server();
    const { fac, rooms, roomIds } = await launched(h, s, 6);
    const [a, b] = rooms[0];
    const [x] = rooms[1];
    await join(a); await join(b); await join(x);
    const mA = mark(a), mB = mark(b), mX = mark(x);
    assert.equal((await fac.request({ type: 'move', participant: a.pid, room: roomIds[1] })).type, 'ok');
    assert.equal((await next(a, 'call_ended', mA)).reason, 'moved');
    assert.equal((await next(b, 'call_peer_left', mB)).peer, a.peer);
    await next(a, 'room', mA, m => m.room.id === roomIds[1]);
    const oldPeer = a.peer;
    const j = await join(a);
    assert.equal(j.room, roomIds[1]);
    assert.ok(j.peers.some(p => p.peer === x.peer));
    assert.equal((await next(x, 'call_peer_joined', mX)).peer.peer, a.peer);
    assert.notEqual(a.peer, oldPeer);
    // a reload: a new connection of x joins; the old window hears "elsewhere", the others see the swap
    const x2 = await helloAs(h, s, x.token);
    const mX1 = mark(x), mA2 = mark(a);
    const j2 = await join(x2);
    assert.equal((await next(x, 'call_ended', mX1)).reason, 'elsewhere');
    assert.equal((await next(a, 'call_peer_left', mA2)).peer, x.peer);
    assert.ok(!j2.peers.some(p => p.peer === x.peer));
  });

  test('speaking at the soft-close deadline gets the room its grace and names the speaker; silence does not', async t => {
    const h = harness(t);
    const s = await h.server();
    const quick = { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10, grace_s: 30 };
    const { fac, rooms } = await launched(h, s, 6, quick);
    const [a, b] = rooms[0];
    const [x] = rooms[1];
    await join(a); await join(b); await join(x);
    assert.equal((await fac.request({ type: 'end_round' })).type, 'ok');   // both rooms into the soft close now
    assert.equal((await b.request({ type: 'call_state', speaking: true })).type, 'ok');
    const ph = await next(a, 'phase', mark(a), m => m.phase === 'soften' && m.grace === true, 15000);
    assert.deepEqual(ph.waiting_for, [b.welcome.participant.name]);
    const closed = await next(x, 'call_ended', 0, () => true, 15000);
    assert.equal(closed.reason, 'room_closed', 'the silent room closed and its call ended gently');
    assert.equal(a.messages.filter(m => m.type === 'call_ended').length, 0, 'the speaking room is still open');
  });

  test('the room closing ends the call; signals after that are refused', async t => {
    const h = harness(t);
    const s = await h.server();
    const { fac, rooms } = await launched(h, s, 3, { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10, grace_s: 0 });
    const [a, b] = rooms[0];
    await join(a); await join(b);
    assert.equal((await fac.request({ type: 'end_round' })).type, 'ok');
    const end = await next(a, 'call_ended', 0, () => true, 15000);
    assert.equal(end.reason, 'room_closed');
    assertError(await a.request({ type: 'call_signal', to: b.peer, signal: offer }), 'conflict');
    assertError(await a.request({ type: 'call_join' }), 'conflict');
    assertError(await a.request({ type: 'call_chat', text: 'still there?' }), 'conflict');
    await assertAlive(a);
  });
});

describe('room chat', () => {
  test('saved before announced, shown again after a refresh and a kill -9, limited, and gone when the room closes', async t => {
    const h = harness(t);
    const dataDir = h.dir();
    let s = await h.server({ dataDir });
    const { rooms, token } = await launched(h, s, 3);
    const [a, b] = rooms[0];
    const mB = mark(b);
    const r = await a.request({ type: 'call_chat', text: "I can't hear you" });
    assert.equal(r.type, 'ok');
    const msg = await next(b, 'call_chat', mB);
    assert.equal(msg.message.text, "I can't hear you");
    assert.equal(msg.message.from.id, a.pid);
    assertError(await a.request({ type: 'call_chat', text: '' }), 'bad_request');
    assertError(await a.request({ type: 'call_chat', text: 'x'.repeat(501) }), 'too_large');
    for (let i = 0; i < 9; i++) await a.request({ type: 'call_chat', text: `line ${i}` });
    const limited = await a.request({ type: 'call_chat', text: 'one too many' });
    assertError(limited, 'rate_limited');
    assert.ok(limited.retry_after_ms > 0);
    await s.kill9();
    s = await h.server({ dataDir });
    const b2 = await helloAs(h, s, b.token);
    const hist = await next(b2, 'call_chat_history');
    assert.equal(hist.messages.length, 10);
    assert.equal(hist.messages[0].text, "I can't hear you");
    const fac = await helloAs(h, s, token);
    assert.equal((await fac.request({ type: 'end_round' })).type, 'ok');
    await next(b2, 'phase', 0, m => m.phase === 'closed', 15000);
    const b3 = await helloAs(h, s, b.token);
    await sleep(300);
    assert.equal(b3.messages.filter(m => m.type === 'call_chat_history').length, 0, 'a closed room shows no chat');
  });
});

describe('another call system and TURN', () => {
  test('a session link template gives every room its own link and refuses the built-in call', async t => {
    const h = harness(t);
    const s = await h.server();
    const { fac, session, rooms } = await launched(h, s, 3);
    const [a, b] = rooms[0];
    await join(b);
    assertError(await fac.request({ type: 'session_settings', call_link: 'ftp://x/{room}' }), 'bad_request');
    assertError(await fac.request({ type: 'session_settings', call_link: 'https://meet.example.org/{nope}' }), 'bad_request');
    assertError(await fac.request({ type: 'session_settings' }), 'bad_request');
    const mA = mark(a), mB = mark(b);
    const ok = await fac.request({ type: 'session_settings', call_link: 'https://meet.example.org/sc-{session}-{round}-{room}' });
    assert.equal(ok.type, 'ok', JSON.stringify(ok));
    const room = await next(a, 'room', mA);
    assert.deepEqual(room.call, { mode: 'external', url: `https://meet.example.org/sc-${session.code}-1-${room.room.number}` });
    assert.equal((await next(b, 'call_ended', mB)).reason, 'external');
    assertError(await a.request({ type: 'call_join' }), 'conflict');
    const stats = await fac.request({ type: 'stats' });
    assert.equal(stats.call_link, 'https://meet.example.org/sc-{session}-{round}-{room}');
    assert.equal((await fac.request({ type: 'session_settings', call_link: '' })).type, 'ok');
    await join(a);
  });

  test('with a TURN secret, welcome and call_ice carry a credential coturn would accept', async t => {
    const h = harness(t);
    const dir = h.dir();
    const secretFile = path.join(dir, 'turn-secret');
    writeFileSync(secretFile, 'correct horse battery\n');
    const s = await h.server({ args: ['--turn', 'turn:127.0.0.1:3478?transport=udp', '--turn-secret-file', secretFile, '--stun', 'stun:127.0.0.1:3478', '--turn-ttl', '600'] });
    const { session } = await newSession(h, s);
    const p = await joinAs(h, s, session.code, 'Ana');
    const ice = p.welcome.ice;
    assert.equal(ice.ice_servers.length, 2);
    assert.deepEqual(ice.ice_servers[0], { urls: ['stun:127.0.0.1:3478'] });
    const turn = ice.ice_servers[1];
    const [expiry, who] = turn.username.split(':');
    assert.equal(who, p.pid);
    const now = Date.now() / 1000;
    assert.ok(Number(expiry) > now + 590 && Number(expiry) < now + 610, turn.username);
    const want = crypto.createHmac('sha1', 'correct horse battery').update(turn.username).digest('base64');
    assert.equal(turn.credential, want);
    assert.equal(ice.expires_at, Number(expiry) * 1000);
    assert.ok(!JSON.stringify(p.messages).includes('correct horse'), 'the secret never reaches a client');
    const fresh = await p.request({ type: 'call_ice' });
    assert.equal(fresh.type, 'call_ice');
    assert.equal(fresh.ice.ice_servers[1].urls[0], 'turn:127.0.0.1:3478?transport=udp');
  });

  test('bad TURN settings stop the server with a clear error', async t => {
    const h = harness(t);
    const dir = h.dir();
    const cases = [
      [['--turn', 'turn:127.0.0.1:3478'], /needs the shared secret/],
      [['--stun', 'http://x'], /--stun/],
      [['--turn-secret-file', path.join(dir, 'missing')], /cannot read/],
      [['--turn-ttl', '5'], /60 to 86400/],
    ];
    for (const [args, re] of cases) {
      const r = await runOnce(serverArgs(dir, args), { env: { SOFTCLOSE_TURN_SECRET: '' } });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
    }
  });
});
