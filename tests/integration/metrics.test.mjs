// /metrics against a real server (docs/OPERATIONS.md "Metrics"): every line parses as the
// Prometheus text format 0.0.4 (HELP and TYPE before a family's samples, valid names and labels,
// histogram buckets cumulative up to +Inf = _count, with _sum); values move when things happen
// (joins, a launch, an error, a follow-up waiting for someone offline); a configured bearer token
// is required (401 without it or with a wrong one) and never shows in the logs; --log-format json
// writes one JSON object per line with the operator events and no token or message text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { harness, newSession, joinAs, assertError } from '../lib/harness.mjs';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

// Parses one exposition strictly. Returns { families: Map name -> {type, help, samples:[{name, labels, value}]},
// get(name, labels) }. Throws (assert) on anything the text format does not allow.
function parseExposition(text) {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const families = new Map();
  let current = null;
  const lines = text.slice(0, -1).split('\n');
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}: ${JSON.stringify(line)}`;
    assert.ok(line.length > 0, `${where}: no empty lines`);
    if (line.startsWith('# HELP ')) {
      const m = /^# HELP (\S+) (.+)$/.exec(line);
      assert.ok(m && NAME.test(m[1]), `${where}: HELP name text`);
      assert.ok(!families.has(m[1]), `${where}: family ${m[1]} appears twice`);
      current = { name: m[1], help: m[2], type: null, samples: [] };
      families.set(m[1], current);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const m = /^# TYPE (\S+) (\S+)$/.exec(line);
      assert.ok(m && current && m[1] === current.name, `${where}: TYPE follows its HELP`);
      assert.ok(TYPES.has(m[2]), `${where}: known type`);
      assert.equal(current.samples.length, 0, `${where}: TYPE before the samples`);
      current.type = m[2];
      continue;
    }
    assert.ok(!line.startsWith('#'), `${where}: only HELP and TYPE comments`);
    const m = /^([^{\s]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    assert.ok(m, `${where}: sample is name{labels} value`);
    const [, name, labelText, value] = m;
    assert.ok(NAME.test(name), `${where}: metric name`);
    assert.ok(VALUE.test(value), `${where}: value`);
    assert.ok(current && current.type, `${where}: sample after HELP and TYPE`);
    const allowed = current.type === 'histogram'
      ? [`${current.name}_bucket`, `${current.name}_sum`, `${current.name}_count`] : [current.name];
    assert.ok(allowed.includes(name), `${where}: sample belongs to family ${current.name}`);
    const labels = {};
    if (labelText !== undefined) {
      for (const part of labelText.match(/[^,]+="(?:[^"\\]|\\.)*"/g) || []) {
        const lm = /^([^=]+)="((?:[^"\\]|\\.)*)"$/.exec(part);
        assert.ok(lm && LABEL.test(lm[1]), `${where}: label ${part}`);
        assert.ok(!(lm[1] in labels), `${where}: label ${lm[1]} twice`);
        labels[lm[1]] = lm[2];
      }
      assert.equal((labelText.match(/[^,]+="(?:[^"\\]|\\.)*"/g) || []).join(','), labelText, `${where}: labels parse`);
    }
    current.samples.push({ name, labels, value: Number(value.replace('Inf', 'Infinity')) });
  }
  for (const f of families.values()) {
    assert.ok(f.type, `${f.name} has a TYPE`);
    assert.ok(f.samples.length > 0, `${f.name} has samples`);
    if (f.type === 'counter') assert.match(f.name, /_total$/, `counter ${f.name} ends in _total`);
    const keys = f.samples.map(s => s.name + JSON.stringify(s.labels));
    assert.equal(new Set(keys).size, keys.length, `${f.name}: no sample twice`);
    if (f.type === 'histogram') {
      const buckets = f.samples.filter(s => s.name.endsWith('_bucket'));
      assert.ok(buckets.length >= 2, `${f.name} has buckets`);
      let lastLe = -Infinity, lastCount = 0;
      for (const b of buckets) {
        assert.ok('le' in b.labels, `${f.name}: bucket has le`);
        const le = b.labels.le === '+Inf' ? Infinity : Number(b.labels.le);
        assert.ok(le > lastLe, `${f.name}: le increasing`);
        assert.ok(b.value >= lastCount, `${f.name}: buckets cumulative`);
        lastLe = le; lastCount = b.value;
      }
      assert.equal(buckets.at(-1).labels.le, '+Inf', `${f.name}: last bucket is +Inf`);
      const count = f.samples.find(s => s.name === `${f.name}_count`);
      const sum = f.samples.find(s => s.name === `${f.name}_sum`);
      assert.ok(count && sum, `${f.name}: _sum and _count`);
      assert.equal(count.value, lastCount, `${f.name}: +Inf bucket equals _count`);
    }
  }
  const get = (name, labels = {}) => {
    const fam = families.get(name) || families.get(name.replace(/_(bucket|sum|count)$/, ''));
    const s = fam?.samples.find(x => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    return s ? s.value : undefined;
  };
  return { families, get };
}

async function scrape(s, headers = {}) {
  const res = await fetch(`${s.url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), auth: res.headers.get('www-authenticate'), text: await res.text() };
}

async function metrics(s, headers) {
  const r = await scrape(s, headers);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.type, 'text/plain; version=0.0.4; charset=utf-8');
  return parseExposition(r.text);
}

const LAUNCH = { type: 'launch_round', turns: 1, practice_s: 600, feedback_s: 0, soften_s: 60, seed: 11 };

test('/metrics parses as the text format and its values move when things happen', async t => {
  const h = harness(t);
  const s = await h.server();
  const m0 = await metrics(s);
  for (const name of ['softclose_connections', 'softclose_sessions', 'softclose_rooms', 'softclose_participants_present',
    'softclose_messages_received_total', 'softclose_messages_sent_total', 'softclose_errors_total', 'softclose_queue_bytes',
    'softclose_laggards_culled_total', 'softclose_launch_duration_seconds', 'softclose_commit_duration_seconds',
    'softclose_timer_lateness_seconds', 'softclose_followups_pending', 'softclose_database_bytes', 'softclose_sqlite_memory_bytes', 'softclose_calls',
    'softclose_call_peers', 'softclose_call_signals_relayed_total']) assert.ok(m0.families.has(name), `${name} is exposed`);
  assert.equal(m0.get('softclose_sessions'), 0);
  assert.ok(m0.get('softclose_database_bytes') > 0);
  assert.ok(m0.get('softclose_sqlite_memory_bytes') > 0, 'SQLite holds at least its schema and statements');
  assert.equal(m0.families.get('softclose_launch_duration_seconds').type, 'histogram');

  const { fac, session } = await newSession(h, s, 'Metrics');
  const people = [];
  for (const name of ['Ana', 'Ben', 'Cy']) people.push(await joinAs(h, s, session.code, name));
  const m1 = await metrics(s);
  assert.equal(m1.get('softclose_sessions'), 1);
  assert.equal(m1.get('softclose_participants_present'), 3, 'three joined');
  assert.equal(m1.get('softclose_participants_online'), 3);
  assert.equal(m1.get('softclose_connections', { role: 'participant' }), 3);
  assert.equal(m1.get('softclose_connections', { role: 'facilitator' }), 1);
  assert.equal(m1.get('softclose_messages_received_total', { type: 'join' }), 3);
  assert.equal(m1.get('softclose_messages_sent_total', { type: 'welcome' }), 3);
  assert.ok(m1.get('softclose_commit_duration_seconds_count') >= 4, 'session + 3 joins committed');

  // an error counts under its code
  const before = m1.get('softclose_errors_total', { code: 'unknown_type' });
  assertError(await fac.request({ type: 'no_such_thing' }), 'unknown_type');
  assertError(await people[0].request({ type: 'launch_round', ...LAUNCH }), 'forbidden');
  const m2 = await metrics(s);
  assert.equal(m2.get('softclose_errors_total', { code: 'unknown_type' }), before + 1);
  assert.equal(m2.get('softclose_errors_total', { code: 'forbidden' }), m1.get('softclose_errors_total', { code: 'forbidden' }) + 1);
  assert.equal(m2.get('softclose_messages_received_total', { type: 'other' }), m1.get('softclose_messages_received_total', { type: 'other' }) + 1,
    'an unknown type counts as other: the label set stays bounded');

  // a launch: the launch histogram counts one, rooms are practising
  const launched = await fac.request(LAUNCH);
  assert.equal(launched.type, 'round_launched', JSON.stringify(launched));
  for (const p of people) p.room = (await p.waitType('room')).room;
  const m3 = await metrics(s);
  assert.equal(m3.get('softclose_launch_duration_seconds_count'), m2.get('softclose_launch_duration_seconds_count') + 1);
  assert.ok(m3.get('softclose_launch_duration_seconds_sum') > 0);
  assert.equal(m3.get('softclose_rooms', { phase: 'practice' }), launched.rooms);
  assert.ok(m3.get('softclose_commit_duration_seconds_count') > m2.get('softclose_commit_duration_seconds_count'),
    'the launch commit (on the helper thread) is counted after the join');
  assert.equal(m3.get('softclose_messages_sent_total', { type: 'room' }), 3);

  // a follow-up to someone offline waits for delivery
  const [a, b] = people;
  await b.close();
  await new Promise(r => setTimeout(r, 100));
  const m4 = await metrics(s);
  assert.equal(m4.get('softclose_participants_online'), 2);
  assert.equal(m4.get('softclose_participants_present'), 3, 'offline is still present');
  assert.equal(m4.get('softclose_connections', { role: 'participant' }), 2);
  const sent = await a.request({ type: 'followup_send', to: b.welcome.participant.id, text: 'Thank you for the practice.', client_id: 'm-1' });
  assert.equal(sent.type, 'followup_sent', JSON.stringify(sent));
  const m5 = await metrics(s);
  assert.equal(m5.get('softclose_followups_pending'), m4.get('softclose_followups_pending') + 1);
  assert.equal(m5.get('softclose_queue_bytes') >= 0, true);
  assert.ok(m5.get('softclose_messages_received_total', { type: 'followup_send' }) >= 1);
});

test('/metrics with a token: 401 without it or with a wrong one; the token never logged', async t => {
  const h = harness(t);
  const dir = h.dir();
  const token = 'mt-' + 'a1b2c3d4e5f6'.repeat(3);
  const file = path.join(dir, 'metrics-token');
  writeFileSync(file, token + '\n');
  const s = await h.server({ args: ['--metrics-token-file', file, '--log-level', 'info'] });
  const none = await scrape(s);
  assert.equal(none.status, 401);
  assert.match(none.auth || '', /^Bearer/);
  assert.doesNotMatch(none.text, /softclose_/);
  const wrong = await scrape(s, { Authorization: `Bearer ${token.slice(0, -1)}x` });
  assert.equal(wrong.status, 401);
  const longer = await scrape(s, { Authorization: `Bearer ${token}x` });
  assert.equal(longer.status, 401, 'a longer token is not a match');
  const basic = await scrape(s, { Authorization: `Basic ${Buffer.from('x:' + token).toString('base64')}` });
  assert.equal(basic.status, 401);
  await metrics(s, { Authorization: `Bearer ${token}` });
  // health stays open
  assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
  await s.stop();
  assert.ok(!s.output().includes(token), 'the token is not in the output');
  assert.match(s.output(), /\/metrics needs a token/);

  // the environment twin, without a file
  const s2 = await h.server({ env: { SOFTCLOSE_METRICS_TOKEN: token } });
  assert.equal((await scrape(s2)).status, 401);
  await metrics(s2, { Authorization: `Bearer ${token}` });
});

test('--log-format json: one JSON object per line, operator events, no tokens or message text', async t => {
  const h = harness(t);
  const s = await h.server({ args: ['--log-format', 'json', '--log-level', 'info'] });
  const { fac, session, token: facToken } = await newSession(h, s, 'Logs');
  const people = [];
  for (const name of ['Ana', 'Ben', 'Cy']) people.push(await joinAs(h, s, session.code, name));
  assert.equal((await fac.request(LAUNCH)).type, 'round_launched');
  for (const p of people) await p.waitType('room');
  const secretText = 'a sentence only the recipient should ever see 7731';
  const sent = await people[0].request({ type: 'followup_send', to: people[1].pid, text: secretText, client_id: 'l-1' });
  assert.equal(sent.type, 'followup_sent');
  await s.stop();
  const lines = s.output().split('\n').filter(l => l && !l.startsWith('softclose: '));   // stdout's banner is for people
  assert.ok(lines.length >= 3, s.output());
  const entries = lines.map(l => {
    const e = JSON.parse(l);
    assert.match(e.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, l);
    assert.ok(['error', 'warn', 'notice', 'info', 'debug'].includes(e.level), l);
    assert.equal(typeof e.msg, 'string', l);
    return e;
  });
  const events = entries.map(e => e.event).filter(Boolean);
  for (const ev of ['start', 'launch', 'stop']) assert.ok(events.includes(ev), `${ev} logged: ${events}`);
  assert.match(entries.find(e => e.event === 'launch').msg, /^round 1: 3 people in 1 rooms/);
  const all = s.output();
  for (const secret of [facToken, ...people.map(p => p.token), secretText])
    assert.ok(!all.includes(secret), `never logged: ${secret.slice(0, 12)}…`);
});

test('--log-format refuses other values', async t => {
  const { runOnce, serverArgs } = await import('../lib/harness.mjs');
  const h = harness(t);
  const r = await runOnce(serverArgs(h.dir(), ['--log-format', 'xml']));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--log-format: 'xml' is not one of text, json/);
});
