// Foundation of the wire contract (docs/PROTOCOL.md), against a real softclose process:
// identity (create_session, join, hello, leave, ping), the envelope and its errors, limits,
// origin checks, HTTP, persistence across kill -9, flags and exit statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  harness, newSession, joinAs, helloAs, assertError, assertAlive, runOnce, serverArgs,
  CODE_RE, UUID_RE, WEB_ROOT,
} from '../lib/harness.mjs';

const FAC_TOKEN_RE = /^f\.[0-9a-f]{16,}$/;
const PART_TOKEN_RE = /^p\.[0-9a-f]{16,}$/;

// Sends a raw text frame and waits for the next error that has no `re` (the server could not
// read an id out of it).
async function rawError(c, data) {
  const from = c.messages.length;
  c.sendRaw(data);
  return c.waitFor(m => m.type === 'error', 5000, from);
}

const wrongCode = code => {
  // a valid-looking code that differs from `code` in its first character
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return alphabet[(alphabet.indexOf(code[0]) + 1) % alphabet.length] + code.slice(1);
};

// ---- identity ------------------------------------------------------------------------------

test('create_session replies session_created with code, token and a roster after it', async t => {
  const h = harness(t);
  const s = await h.server();
  const fac = await h.connect(s);
  const before = Date.now();
  const r = await fac.request({ type: 'create_session', name: '  SCIP week 3  ' });
  assert.equal(r.type, 'session_created', JSON.stringify(r));
  assert.equal(r.re, 1);
  assert.match(r.session.id, UUID_RE);
  assert.match(r.session.code, CODE_RE);
  assert.equal(r.session.name, 'SCIP week 3', 'session name is trimmed');
  assert.ok(Number.isInteger(r.session.created_at));
  assert.match(r.facilitator_token, FAC_TOKEN_RE);
  assert.ok(Number.isInteger(r.server_time) && Math.abs(r.server_time - before) < 2000, `server_time ${r.server_time}`);
  const idx = fac.messages.indexOf(r);
  const roster = fac.messages[idx + 1] || await fac.waitType('roster', 5000, idx + 1);
  assert.equal(roster.type, 'roster', 'roster follows session_created');
  assert.deepEqual(roster.participants, []);
  assert.equal(roster.count, 0);
  assert.equal(roster.re, undefined, 'events carry no re');

  // codes are distinct across sessions
  const other = await newSession(h, s, 'Another');
  assert.notEqual(other.session.code, r.session.code);
  assert.notEqual(other.token, r.facilitator_token);
});

test('join replies welcome with token and participant; name trimmed; roster follows; facilitator told', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session } = await newSession(h, s, 'Tuesday triads');
  const c = await h.connect(s);
  const w = await c.request({ type: 'join', code: session.code, name: '  Ana  ' });
  assert.equal(w.type, 'welcome', JSON.stringify(w));
  assert.equal(w.re, 1);
  assert.equal(w.role, 'participant');
  assert.match(w.token, PART_TOKEN_RE);
  assert.match(w.participant.id, UUID_RE);
  assert.equal(w.participant.name, 'Ana');
  assert.deepEqual({ id: w.session.id, code: w.session.code, name: w.session.name },
    { id: session.id, code: session.code, name: 'Tuesday triads' });
  assert.ok(Math.abs(w.server_time - Date.now()) < 2000);
  const roster = await c.waitType('roster');
  assert.ok(c.messages.indexOf(roster) > c.messages.indexOf(w), 'roster comes after welcome');
  const me = roster.participants.find(p => p.id === w.participant.id);
  assert.ok(me, `roster lists the new participant: ${JSON.stringify(roster)}`);
  assert.equal(me.name, 'Ana');
  assert.equal(me.online, true);
  assert.equal(roster.count, 1);
  const upd = await fac.waitFor(m => m.type === 'roster_update' && m.participant.id === w.participant.id);
  assert.equal(upd.participant.name, 'Ana');
  assert.equal(upd.participant.online, true);
  assert.equal(upd.count, 1);

  // names need not be unique; a second Ana is a different person with a different token
  const w2 = (await joinAs(h, s, session.code, 'Ana')).welcome;
  assert.notEqual(w2.participant.id, w.participant.id);
  assert.notEqual(w2.token, w.token);
});

test('join code is accepted lower-case, with a dash and with spaces', async t => {
  const h = harness(t);
  const s = await h.server();
  const { session } = await newSession(h, s);
  const code = session.code;
  const variants = [code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`, `${code.slice(0, 3)} ${code.slice(3)}`,
    ` ${code.slice(0, 3).toLowerCase()} - ${code.slice(3)} `];
  for (const v of variants) {
    const c = await joinAs(h, s, v, `Via ${v}`);
    assert.equal(c.welcome.session.id, session.id, `code ${JSON.stringify(v)}`);
    assert.equal(c.welcome.session.code, code);
  }
});

test('a wrong join code is not_found', async t => {
  const h = harness(t);
  const s = await h.server();
  const { session } = await newSession(h, s);
  const c = await h.connect(s);
  for (const code of [wrongCode(session.code), 'O0I1L5', session.code.slice(0, 5), session.code + 'A', '']) {
    const r = await c.request({ type: 'join', code, name: 'Ana' });
    assertError(r, 'not_found', `code ${JSON.stringify(code)}:`);
  }
  // the connection is still anonymous and usable
  const w = await c.request({ type: 'join', code: session.code, name: 'Ana' });
  assert.equal(w.type, 'welcome', JSON.stringify(w));
});

test('join attempts are rate limited per connection (--join-per-minute 3)', async t => {
  const h = harness(t);
  const s = await h.server({ args: ['--join-per-minute', '3'] });
  const { session, token } = await newSession(h, s);
  const c = await h.connect(s);
  for (let i = 0; i < 3; i++) assertError(await c.request({ type: 'join', code: wrongCode(session.code), name: 'Eve' }), 'not_found', `attempt ${i + 1}:`);
  const r = await c.request({ type: 'join', code: session.code, name: 'Eve' });
  assertError(r, 'rate_limited', 'attempt 4:');
  assert.equal(r.re, 4);
  assert.ok(Number.isInteger(r.retry_after_ms) && r.retry_after_ms > 0 && r.retry_after_ms <= 60000, `retry_after_ms ${r.retry_after_ms}`);
  // hello shares the limit
  assertError(await c.request({ type: 'hello', token }), 'rate_limited', 'hello after the limit:');
  await assertAlive(c, 'after rate limiting');
  // the limit is per connection: a fresh one joins at once
  const ok = await joinAs(h, s, session.code, 'Eve');
  assert.equal(ok.welcome.role, 'participant');
});

test('join attempts are rate limited per address (--join-per-minute-ip 3)', async t => {
  const h = harness(t);
  const s = await h.server({ args: ['--join-per-minute-ip', '3'] });
  const { session, token } = await newSession(h, s);
  await joinAs(h, s, session.code, 'One');
  await joinAs(h, s, session.code, 'Two');
  const c3 = await h.connect(s);
  assertError(await c3.request({ type: 'join', code: wrongCode(session.code), name: 'Three' }), 'not_found');
  const c4 = await h.connect(s);
  const r = await c4.request({ type: 'join', code: session.code, name: 'Four' });
  assertError(r, 'rate_limited', '4th join from one address:');
  assert.ok(Number.isInteger(r.retry_after_ms) && r.retry_after_ms > 0 && r.retry_after_ms <= 60000, `retry_after_ms ${r.retry_after_ms}`);
  const c5 = await h.connect(s);
  assertError(await c5.request({ type: 'hello', token }), 'rate_limited', 'hello from the same address:');
});

test('display name rules: trimmed, 1-40 characters, valid UTF-8, no control characters', async t => {
  const h = harness(t);
  const s = await h.server({ args: ['--join-per-minute', '1000'] });
  const { session } = await newSession(h, s);
  const code = session.code;
  const c = await h.connect(s);
  const bad = {
    'empty': '',
    'white space only': ' \t  ',
    '41 ASCII characters': 'a'.repeat(41),
    '41 × é': 'é'.repeat(41),
    'a control character (BEL)': 'Ana\u0007',
    'a newline': 'Ana\nBob',
    'a carriage return': 'Ana\rBob',
    'DEL': 'Ana\u007f',
    'a C1 control': 'Ana\u0085x',
    'a bidi override': 'Ana\u202Egnp.exe',
    'a line separator': 'Ana\u2028Bob',
  };
  for (const [what, name] of Object.entries(bad))
    assertError(await c.request({ type: 'join', code, name }), 'bad_request', `name with ${what}:`);
  for (const [what, name] of Object.entries({ 'a number': 42, 'null': null, 'an array': ['Ana'] }))
    assertError(await c.request({ type: 'join', code, name }), 'bad_request', `name as ${what}:`);
  assertError(await c.request({ type: 'join', code }), 'bad_request', 'missing name:');
  assertError(await c.request({ type: 'join', name: 'Ana' }), 'bad_request', 'missing code:');

  const good = ['a'.repeat(40), 'é'.repeat(40), '😀'.repeat(40), '李'.repeat(40), 'X', `  ${'é'.repeat(40)}  `, 'Zoë O\'Brien-Łukasz'];
  for (const name of good) {
    const p = await joinAs(h, s, code, name);
    assert.equal(p.welcome.participant.name, name.trim(), `name ${JSON.stringify(name)}`);
  }
});

test('invalid UTF-8 and NUL in a text frame are bad_json (or bad_request), connection stays open', async t => {
  const h = harness(t);
  const s = await h.server({ args: ['--join-per-minute', '1000'] });
  const { session } = await newSession(h, s);
  const c = await h.connect(s);
  const frame = bytes => Buffer.concat([Buffer.from(`{"type":"join","code":"${session.code}","name":"Ana`), Buffer.from(bytes), Buffer.from('"}')]);
  const cases = {
    'a lone continuation byte': [0x80],
    'a truncated sequence': [0xC3, 0x28],
    'an overlong slash': [0xC0, 0xAF],
    'an encoded surrogate': [0xED, 0xA0, 0x80],
    'a code point above U+10FFFF': [0xF4, 0x90, 0x80, 0x80],
    'a 0xFF byte': [0xFF],
  };
  for (const [what, bytes] of Object.entries(cases)) {
    const from = c.messages.length;
    c.ws.send(frame(bytes), { binary: false });
    const r = await c.waitFor(m => m.type === 'error' || m.type === 'welcome', 5000, from);
    assert.equal(r.type, 'error', `${what}: ${JSON.stringify(r)}`);
    assert.ok(['bad_json', 'bad_request'].includes(r.code), `${what}: ${JSON.stringify(r)}`);
  }
  for (const [what, raw] of Object.entries({
    'an escaped lone surrogate': `{"type":"join","code":"${session.code}","name":"Ana\\ud800"}`,
    'an escaped NUL': `{"type":"join","code":"${session.code}","name":"Ana\\u0000"}`,
  })) {
    const r = await rawError(c, raw);
    assert.ok(['bad_json', 'bad_request'].includes(r.code), `${what}: ${JSON.stringify(r)}`);
  }
  await assertAlive(c, 'after invalid UTF-8');
  // nothing was joined by any of them
  assert.equal(c.messages.some(m => m.type === 'welcome'), false);
});

test('session name: 80 characters accepted, 81 refused, empty refused', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  assertError(await c.request({ type: 'create_session', name: 'n'.repeat(81) }), 'bad_request', '81 chars:');
  assertError(await c.request({ type: 'create_session', name: 'é'.repeat(81) }), 'bad_request', '81 × é:');
  assertError(await c.request({ type: 'create_session', name: '   ' }), 'bad_request', 'blank:');
  assertError(await c.request({ type: 'create_session', name: 'a\nb' }), 'bad_request', 'newline:');
  assertError(await c.request({ type: 'create_session' }), 'bad_request', 'missing:');
  const r = await c.request({ type: 'create_session', name: 'é'.repeat(80) });
  assert.equal(r.type, 'session_created', JSON.stringify(r));
  assert.equal(r.session.name, 'é'.repeat(80));
});

// ---- message size ----------------------------------------------------------------------------

test('a single 17 KiB frame is too_large and the connection stays open', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  const r = await rawError(c, JSON.stringify({ type: 'ping', t0: 1, pad: 'x'.repeat(17 * 1024) }));
  assertError(r, 'too_large');
  await assertAlive(c, 'after a 17 KiB frame');
  // just under the cap is parsed (and refused only for its unknown field)
  const padded = JSON.stringify({ type: 'ping', id: 'under', pad: '' });
  const under = padded.replace('"pad":""', `"pad":"${'x'.repeat(16 * 1024 - padded.length)}"`);
  assert.equal(Buffer.byteLength(under), 16 * 1024);
  c.sendRaw(under);
  const ru = await c.waitFor(m => m.re === 'under');
  assertError(ru, 'bad_request', 'exactly 16 KiB:');
  assert.match(ru.message, /pad/);
});

test('a fragmented message over 16 KiB is too_large and the connection stays open', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  const from = c.messages.length;
  const chunk = 'x'.repeat(4096);
  c.ws.send('{"type":"ping","pad":"', { fin: false });
  for (let i = 0; i < 5; i++) c.ws.send(chunk, { fin: false });   // 20 KiB in all
  c.ws.send('"}', { fin: true });
  const r = await c.waitFor(m => m.type === 'error', 5000, from);
  assertError(r, 'too_large');
  await assertAlive(c, 'after a fragmented 20 KiB message');
});

test('a fragmented message under the cap is reassembled (join in 3 fragments)', async t => {
  const h = harness(t);
  const s = await h.server();
  const { session } = await newSession(h, s);
  const c = await h.connect(s);
  const msg = JSON.stringify({ type: 'join', id: 'frag', code: session.code, name: 'Fragmented Fran' });
  const a = Math.floor(msg.length / 3), b = Math.floor(2 * msg.length / 3);
  c.ws.send(msg.slice(0, a), { fin: false });
  c.ws.send(msg.slice(a, b), { fin: false });
  c.ws.send(msg.slice(b), { fin: true });
  const w = await c.waitFor(m => m.re === 'frag');
  assert.equal(w.type, 'welcome', JSON.stringify(w));
  assert.equal(w.participant.name, 'Fragmented Fran');
  // and the next, unfragmented message is read on its own
  await assertAlive(c, 'after a fragmented join');
});

test('a message over 1 MiB closes the connection with status 1009; others are not disturbed', async t => {
  const h = harness(t);
  const s = await h.server();
  const bystander = await h.connect(s);
  const c = await h.connect(s);
  c.sendRaw(JSON.stringify({ type: 'ping', pad: 'x'.repeat(1100 * 1024) }));
  const { code } = await c.closeInfo;
  assert.equal(code, 1009);
  await assertAlive(bystander, 'bystander');
  const fresh = await h.connect(s);
  await assertAlive(fresh, 'new connection');
});

// ---- the envelope and its errors -------------------------------------------------------------

test('binary frame is bad_request; the connection stays open', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  const from = c.messages.length;
  c.ws.send(Buffer.from(JSON.stringify({ type: 'ping', t0: 1 })), { binary: true });
  assertError(await c.waitFor(m => m.type === 'error', 5000, from), 'bad_request');
  assert.equal(c.messages.some(m => m.type === 'pong'), false, 'a binary frame is not processed');
  await assertAlive(c, 'after a binary frame');
});

test('malformed, non-object, typeless and duplicate-key JSON; unknown type', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  for (const raw of ['{"type":"ping"', 'not json', '{type:"ping"}', "{'type':'ping'}", '{"type":"ping",}', ''])
    assertError(await rawError(c, raw), 'bad_json', `${JSON.stringify(raw)}:`);
  for (const raw of ['[1,2]', '[{"type":"ping"}]', '[]'])
    assertError(await rawError(c, raw), 'bad_request', `${raw}:`);
  for (const raw of ['{}', '{"type":42}', '{"type":""}', '{"type":null}'])
    assertError(await rawError(c, raw), 'bad_request', `${raw}:`);
  assertError(await rawError(c, '{"type":"ping","type":"ping"}'), 'bad_json', 'duplicate type:');
  assertError(await rawError(c, '{"type":"ping","t0":1,"t0":2}'), 'bad_json', 'duplicate t0:');
  const u = await c.request({ type: 'frobnicate' });
  assertError(u, 'unknown_type');
  assert.match(u.message, /frobnicate/);
  await assertAlive(c, 'after all of those');
});

test('valid JSON that is a scalar (string, number, null, boolean) is bad_request: not an object', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  for (const raw of ['"ping"', '42', 'null', 'true'])
    assertError(await rawError(c, raw), 'bad_request', `${raw}:`);
  await assertAlive(c);
});

test('unknown fields are bad_request naming the field; integers must be JSON integers', async t => {
  const h = harness(t);
  const s = await h.server();
  const { session } = await newSession(h, s);
  const c = await h.connect(s);
  const typo = await c.request({ type: 'join', code: session.code, nmae: 'Ana' });
  assertError(typo, 'bad_request');
  assert.match(typo.message, /nmae/, 'the message names the unknown field');
  const extra = await c.request({ type: 'ping', t0: 1, colour: 'blue' });
  assertError(extra, 'bad_request');
  assert.match(extra.message, /colour/);
  assert.equal(c.messages.some(m => m.type === 'welcome'), false, 'the typo did not join');

  const str = await c.request({ type: 'ping', t0: '5' });
  assertError(str, 'bad_request', 't0 as a string:');
  assert.match(str.message, /t0/);
  assertError(await c.request({ type: 'ping', t0: 1.5 }), 'bad_request', 't0 as 1.5:');
  c.sendRaw('{"type":"ping","id":"float","t0":1.0}');
  assertError(await c.waitFor(m => m.re === 'float'), 'bad_request', 't0 as 1.0:');
  assertError(await c.request({ type: 'ping', t0: true }), 'bad_request', 't0 as true:');
});

test('every reply carries re equal to the request id (string or integer); no id, no re', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  const cases = [['abc', 'pong'], [0, 'pong'], [7, 'pong'], ['x'.repeat(64), 'pong'], [9007199254740991, 'pong']];
  for (const [id, type] of cases) {
    c.sendRaw(JSON.stringify({ type: 'ping', id, t0: 3 }));
    const r = await c.waitFor(m => m.re === id);
    assert.equal(r.type, type, `id ${id}`);
  }
  // errors carry it too
  c.sendRaw(JSON.stringify({ type: 'frobnicate', id: 'e1' }));
  assertError(await c.waitFor(m => m.re === 'e1'), 'unknown_type');
  c.sendRaw(JSON.stringify({ type: 'join', id: 12, code: 'AAAAAA', name: 'X' }));
  assertError(await c.waitFor(m => m.re === 12), 'not_found');
  c.sendRaw(JSON.stringify({ type: 'leave', id: 'anon' }));
  assertError(await c.waitFor(m => m.re === 'anon'), 'unauthorized');
  c.sendRaw(JSON.stringify({ type: 'ping', id: 'bad-field', t0: 'x' }));
  assertError(await c.waitFor(m => m.re === 'bad-field'), 'bad_request');
  // a request without id still gets its reply, without re
  const from = c.messages.length;
  c.sendRaw(JSON.stringify({ type: 'ping', t0: 99 }));
  const pong = await c.waitFor(m => m.type === 'pong' && m.t0 === 99, 5000, from);
  assert.equal('re' in pong, false, JSON.stringify(pong));
  // ids that are not allowed
  for (const id of [-1, 1.5, '', 'x'.repeat(65), { a: 1 }, [1], true])
    assertError(await rawError(c, JSON.stringify({ type: 'ping', id })), 'bad_request', `id ${JSON.stringify(id)}:`);
});

test('messages per connection are rate limited (200 per 10 s) with retry_after_ms; connection stays open', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  for (let i = 0; i < 205; i++) c.sendRaw(JSON.stringify({ type: 'ping', id: i, t0: i }));
  const last = await c.waitFor(m => m.re === 204);
  const limited = c.messages.filter(m => m.type === 'error' && m.code === 'rate_limited');
  assert.ok(limited.length >= 5, `expected the messages past 200 to be rate_limited, got ${limited.length}`);
  assert.equal(c.messages.filter(m => m.type === 'pong').length, 200, 'the first 200 are served');
  assertError(last, 'rate_limited');
  assert.ok(Number.isInteger(last.retry_after_ms) && last.retry_after_ms > 0 && last.retry_after_ms <= 10000,
    `rate_limited carries retry_after_ms (PROTOCOL.md errors table): ${JSON.stringify(last)}`);
  assert.equal(c.closed, false);
});

// ---- who may do what -----------------------------------------------------------------------

const FACILITATOR_ACTIONS = [
  { type: 'launch_round', turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10 },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'extend', seconds: 30 },
  { type: 'end_round' },
  { type: 'broadcast', text: 'Two minutes left' },
  { type: 'move', participant: '00000000-0000-4000-8000-000000000000', room: '00000000-0000-4000-8000-000000000001' },
  { type: 'help_ack', help: '00000000-0000-4000-8000-000000000002' },
];

test('a participant asking for a facilitator action is forbidden', async t => {
  const h = harness(t);
  const s = await h.server();
  const { session } = await newSession(h, s);
  const p = await joinAs(h, s, session.code, 'Ana');
  for (const msg of FACILITATOR_ACTIONS)
    assertError(await p.request(msg), 'forbidden', `participant ${msg.type}:`);
  await assertAlive(p);
});

test('a facilitator asking for a participant action is forbidden', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac } = await newSession(h, s);
  assertError(await fac.request({ type: 'leave' }), 'forbidden', 'facilitator leave:');
  assertError(await fac.request({ type: 'help', text: 'help me' }), 'forbidden', 'facilitator help:');
});

test('an anonymous connection is unauthorized for signed-in actions', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  assertError(await c.request({ type: 'leave' }), 'unauthorized', 'anonymous leave:');
  await assertAlive(c);
});

test('an anonymous connection asking for a round action is unauthorized', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  for (const msg of [...FACILITATOR_ACTIONS, { type: 'help' }])
    assertError(await c.request(msg), 'unauthorized', `anonymous ${msg.type}:`);
});

test('create_session, join or hello on an already signed-in connection is conflict', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session, token } = await newSession(h, s);
  assertError(await fac.request({ type: 'create_session', name: 'Second' }), 'conflict', 'facilitator create_session:');
  assertError(await fac.request({ type: 'join', code: session.code, name: 'Sneaky' }), 'conflict', 'facilitator join:');
  assertError(await fac.request({ type: 'hello', token }), 'conflict', 'facilitator hello:');
  const p = await joinAs(h, s, session.code, 'Ana');
  assertError(await p.request({ type: 'create_session', name: 'Mine' }), 'conflict', 'participant create_session:');
  assertError(await p.request({ type: 'join', code: session.code, name: 'Ana again' }), 'conflict', 'participant join:');
  assertError(await p.request({ type: 'hello', token: p.token }), 'conflict', 'participant hello:');
  // still the same facilitator: the roster did not gain a "Sneaky"
  const roster = await (await helloAs(h, s, token)).waitType('roster');
  assert.deepEqual(roster.participants.map(x => x.name), ['Ana']);
});

// ---- origins ---------------------------------------------------------------------------------

test('a foreign Origin is refused before the upgrade; the same origin and no origin are admitted', async t => {
  const h = harness(t);
  const s = await h.server();
  for (const origin of ['http://evil.example', `http://127.0.0.1:${s.port}.evil.example`, `http://127.0.0.1:${s.port + 1}`,
    'http://127.0.0.1', 'null', `ftp://127.0.0.1:${s.port}`])
    await assert.rejects(h.connect(s, { origin }), /403|hang up|ECONNRESET|closed|Unexpected server response/, `Origin ${origin}`);
  const same = await h.connect(s, { origin: `http://127.0.0.1:${s.port}` });
  await assertAlive(same, 'same origin');
  const sameTls = await h.connect(s, { origin: `https://127.0.0.1:${s.port}` });
  await assertAlive(sameTls, 'same host over https');
  const none = await h.connect(s);
  await assertAlive(none, 'no origin');
});

test('--allowed-origin admits that origin and refuses others', async t => {
  const h = harness(t);
  const s = await h.server({ args: ['--allowed-origin', 'https://practice.example.org'] });
  const ok = await h.connect(s, { origin: 'https://practice.example.org' });
  await assertAlive(ok, 'allowed origin');
  for (const origin of ['https://evil.example.org', 'http://practice.example.org', 'https://practice.example.org.evil.net',
    'https://practice.example.org:8443'])
    await assert.rejects(h.connect(s, { origin }), /403|hang up|ECONNRESET|closed|Unexpected server response/, `Origin ${origin}`);
});

// ---- resume, leave, ping ---------------------------------------------------------------------

test('a participant resumes with hello after reconnecting; the facilitator sees offline then online', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session } = await newSession(h, s);
  const p = await joinAs(h, s, session.code, 'Ana');
  await fac.waitFor(m => m.type === 'roster_update' && m.participant.id === p.pid && m.participant.online === true);
  await p.close();
  const off = await fac.waitFor(m => m.type === 'roster_update' && m.participant.id === p.pid && m.participant.online === false);
  const afterOff = fac.messages.indexOf(off) + 1;

  const p2 = await h.connect(s);
  const w = await p2.request({ type: 'hello', token: p.token });
  assert.equal(w.type, 'welcome', JSON.stringify(w));
  assert.equal(w.role, 'participant');
  assert.equal(w.participant.id, p.pid);
  assert.equal(w.participant.name, 'Ana');
  assert.equal(w.session.id, session.id);
  assert.equal(w.session.code, session.code);
  assert.equal('token' in w, false, 'hello does not echo the token');
  const roster = await p2.waitType('roster');
  const me = roster.participants.find(x => x.id === p.pid);
  assert.ok(me && me.online === true, `roster shows them online: ${JSON.stringify(roster)}`);
  const on = await fac.waitFor(m => m.type === 'roster_update' && m.participant.id === p.pid && m.participant.online === true, 5000, afterOff);
  assert.equal(on.participant.name, 'Ana');
});

test('hello with the facilitator token resumes the facilitator', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session, token } = await newSession(h, s, 'Resumable');
  await joinAs(h, s, session.code, 'Ana');
  await fac.close();
  const f2 = await h.connect(s);
  const w = await f2.request({ type: 'hello', token });
  assert.equal(w.type, 'welcome', JSON.stringify(w));
  assert.equal(w.role, 'facilitator');
  assert.equal(w.participant, undefined, 'a facilitator has no participant');
  assert.equal('token' in w, false);
  assert.deepEqual({ id: w.session.id, code: w.session.code, name: w.session.name }, { id: session.id, code: session.code, name: 'Resumable' });
  const roster = await f2.waitType('roster');
  assert.equal(roster.count, 1);
  const ana = roster.participants[0];
  assert.equal(ana.name, 'Ana');
  assert.ok(Number.isInteger(ana.joined_at), 'facilitator roster entries carry joined_at');
  assert.ok('room' in ana && ana.room === null, `facilitator roster entries carry room (null outside a round): ${JSON.stringify(ana)}`);
  // the facilitator is really signed in: a participant action is forbidden, not unauthorized
  assertError(await f2.request({ type: 'leave' }), 'forbidden');
});

test('hello with a garbage or unknown token is unauthorized', async t => {
  const h = harness(t);
  const s = await h.server();
  const { token } = await newSession(h, s);
  const c = await h.connect(s);
  const forged = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');
  for (const tok of ['garbage', '', `p.${'0'.repeat(32)}`, forged, token.toUpperCase(), `${token} `])
    assertError(await c.request({ type: 'hello', token: tok }), 'unauthorized', `token ${JSON.stringify(tok)}:`);
  assertError(await c.request({ type: 'hello', token: 42 }), 'bad_request', 'token as a number:');
  // still anonymous
  assertError(await c.request({ type: 'leave' }), 'unauthorized');
});

test('leave: ok, other connections signed out, the token stops working, facilitator sees left', async t => {
  const h = harness(t);
  const s = await h.server();
  const { fac, session, token } = await newSession(h, s);
  const p = await joinAs(h, s, session.code, 'Ana');
  const other = await helloAs(h, s, p.token);   // the same person on a second device
  const r = await p.request({ type: 'leave' });
  assert.equal(r.type, 'ok', JSON.stringify(r));
  const bye = await other.waitType('signed_out');
  assert.equal(bye.reason, 'left');
  const upd = await fac.waitFor(m => m.type === 'roster_update' && m.participant.id === p.pid && m.participant.left === true);
  assert.equal(upd.count, 0);
  const again = await h.connect(s);
  assertError(await again.request({ type: 'hello', token: p.token }), 'unauthorized', 'hello after leave:');
  // the leaver is gone from the roster
  const roster = await (await helloAs(h, s, token)).waitType('roster');
  assert.equal(roster.participants.some(x => x.id === p.pid), false, JSON.stringify(roster));
  assert.equal(roster.count, 0);
});

test('ping answers pong with t0 echoed and server_time close to now', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  const t0 = Date.now();
  const pong = await c.request({ type: 'ping', t0 });
  const t1 = Date.now();
  assert.equal(pong.type, 'pong');
  assert.equal(pong.t0, t0);
  assert.ok(Number.isInteger(pong.server_time));
  assert.ok(pong.server_time >= t0 - 1000 && pong.server_time <= t1 + 1000, `server_time ${pong.server_time} vs [${t0}, ${t1}]`);
  const bare = await c.request({ type: 'ping' });
  assert.equal(bare.type, 'pong', 't0 is optional');
});

// ---- HTTP ------------------------------------------------------------------------------------

function assertSecurityHeaders(res, what) {
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp && /default-src 'self'/.test(csp), `${what}: content-security-policy ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP forbids framing`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  assert.ok(res.headers.get('referrer-policy'), `${what}: referrer-policy`);
}

test('/healthz is 200 JSON with status ok and security headers', async t => {
  const h = harness(t);
  const s = await h.server();
  const res = await fetch(`${s.url}/healthz`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assertSecurityHeaders(res, '/healthz');
  const body = await res.json();
  assert.equal(body.status, 'ok');
});

test('/ serves text/html with the CSP; an unknown path is 404', async t => {
  const h = harness(t);
  const s = await h.server();
  const res = await fetch(`${s.url}/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assertSecurityHeaders(res, '/');
  assert.match(await res.text(), /<!doctype html/i);
  for (const p of ['/no-such-page.html', '/js/no-such-module.js', '/healthzz']) {
    const r404 = await fetch(`${s.url}${p}`);
    assert.equal(r404.status, 404, p);
    assertSecurityHeaders(r404, p);
    await r404.arrayBuffer();
  }
  const traversal = await fetch(`${s.url}/..%2f..%2fetc%2fpasswd`);
  assert.notEqual(traversal.status, 200, 'no path traversal');
  await traversal.arrayBuffer();
});

function findWebFile(ext, dir = WEB_ROOT) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) { const f = findWebFile(ext, full); if (f) return f; }
    else if (name.endsWith(ext)) return full;
  }
  return null;
}

test('static .js modules are served as text/javascript (.css as text/css)', async t => {
  const js = findWebFile('.js');
  const css = findWebFile('.css');
  if (!js && !css) { t.skip('web/ has no .js or .css file yet'); return; }
  const h = harness(t);
  const s = await h.server();
  for (const [file, type] of [[js, /^text\/javascript/], [css, /^text\/css/]]) {
    if (!file) continue;
    const url = '/' + path.relative(WEB_ROOT, file).split(path.sep).join('/');
    const res = await fetch(`${s.url}${url}`);
    assert.equal(res.status, 200, url);
    assert.match(res.headers.get('content-type'), type, url);
    assertSecurityHeaders(res, url);
    await res.arrayBuffer();
  }
});

// ---- persistence and process lifecycle -------------------------------------------------------

test('kill -9 mid-session, restart on the same data dir: both tokens resume, everything intact', async t => {
  const h = harness(t);
  const dataDir = h.dir();
  const s1 = await h.server({ dataDir });
  const { session, token } = await newSession(h, s1, 'Survives a crash');
  const ana = await joinAs(h, s1, session.code, 'Ana');
  await joinAs(h, s1, session.code, 'Bo');
  await s1.kill9();

  const s2 = await h.server({ dataDir });
  const fac = await helloAs(h, s2, token);
  assert.equal(fac.welcome.role, 'facilitator');
  assert.deepEqual({ id: fac.welcome.session.id, code: fac.welcome.session.code, name: fac.welcome.session.name },
    { id: session.id, code: session.code, name: 'Survives a crash' });
  const roster = await fac.waitType('roster');
  assert.deepEqual(roster.participants.map(p => p.name).sort(), ['Ana', 'Bo']);
  assert.equal(roster.count, 2);

  const p = await helloAs(h, s2, ana.token);
  assert.equal(p.welcome.role, 'participant');
  assert.equal(p.welcome.participant.id, ana.pid);
  assert.equal(p.welcome.participant.name, 'Ana');
  assert.equal(p.welcome.session.id, session.id);
  await fac.waitFor(m => m.type === 'roster_update' && m.participant.id === ana.pid && m.participant.online === true);

  const cy = await joinAs(h, s2, session.code, 'Cy');
  assert.equal(cy.welcome.session.id, session.id);
  await fac.waitFor(m => m.type === 'roster_update' && m.participant.name === 'Cy');
  // a new session after the restart gets a code that does not clash
  const other = await newSession(h, s2);
  assert.notEqual(other.session.code, session.code);
});

test('SIGTERM stops the server with exit status 0', async t => {
  const h = harness(t);
  const s = await h.server();
  const c = await h.connect(s);
  await assertAlive(c);
  s.proc.kill('SIGTERM');
  const r = await s.exited;
  assert.deepEqual(r, { code: 0, signal: null }, s.output());
  await c.closeInfo;   // the client was disconnected
});

test('a bad flag exits with status 2 and a one-line error naming the flag', async t => {
  const h = harness(t);
  const dir = h.dir();
  for (const [args, flag] of [[['--port', 'abc'], '--port'], [['--log-level', 'loud'], '--log-level'], [['--nope'], '--nope'],
    [['--port', '70000'], '--port'], [['--join-per-minute', '0'], '--join-per-minute'], [['--allowed-origin', 'example.org'], '--allowed-origin'],
    [['--port'], '--port']]) {
    const r = await runOnce([...serverArgs(dir), ...args]);
    const what = args.join(' ');
    assert.equal(r.code, 2, `${what}: exit ${r.code}/${r.signal}; stderr ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `${what}: one line, got ${JSON.stringify(r.stderr)}`);
    assert.ok(lines[0].includes(flag), `${what}: the error names ${flag}: ${lines[0]}`);
    assert.equal(r.stdout.includes('listening'), false, `${what}: did not start`);
  }
});

test('--help exits 0 and lists the flags', async () => {
  const r = await runOnce(['--help']);
  assert.equal(r.code, 0, r.stderr);
  for (const flag of ['--port', '--data-dir', '--allowed-origin', '--join-per-minute'])
    assert.ok(r.stdout.includes(flag), `--help mentions ${flag}`);
});

test('a database from a newer schema version is refused with a clear error', async t => {
  const h = harness(t);
  const dataDir = h.dir();
  const s = await h.server({ dataDir });
  await newSession(h, s, 'Old data');
  const stopped = await s.stop();
  assert.equal(stopped.code, 0);
  const db = path.join(dataDir, 'softclose.db');
  execFileSync('sqlite3', [db, 'UPDATE schema_version SET version=999']);
  const r = await runOnce(serverArgs(dataDir));
  assert.notEqual(r.code, 0, `a newer schema must be refused; exit ${r.code}/${r.signal}: ${r.stdout}${r.stderr}`);
  assert.equal(r.signal, null, `exited, not killed: ${r.stderr}`);
  assert.match(r.stderr, /schema version/i);
  assert.match(r.stderr, /999/, 'names the version it found');
  assert.equal(r.stdout.includes('listening'), false);
  // and the data was not touched
  assert.equal(execFileSync('sqlite3', [db, 'SELECT version FROM schema_version']).toString().trim(), '999');
  assert.equal(execFileSync('sqlite3', [db, 'SELECT name FROM sessions']).toString().trim(), 'Old data');
});
