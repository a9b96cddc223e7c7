// Feedback step and soft close against a real server: hints, needs_softening, send/amend/replace,
// drafts, the grace for someone typing at the soften deadline, counts for the facilitator, and
// kill -9 during the soft close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, connect, sleep, tempDataDir } from '../lib/server.mjs';

const BLUNT = 'I felt what you said was too wordy';
const KIND = 'Thank you for slowing down when she cried; I noticed the client relaxed after your reflection.';

// A session with three people in one room; returns everything a test needs.
async function triad(server, shape = { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10 }) {
  const fac = await connect(server);
  const created = await fac.request({ type: 'create_session', name: 'Feedback test' });
  const people = [];
  for (const name of ['Ana', 'Ben', 'Cy']) {
    const c = await connect(server);
    const w = await c.request({ type: 'join', code: created.session.code, name });
    c.token = w.token; c.id = w.participant.id; c.name = name;
    people.push(c);
  }
  const launched = await fac.request({ type: 'launch_round', ...shape });
  assert.equal(launched.type, 'round_launched', JSON.stringify(launched));
  for (const p of people) {
    p.room = await p.waitType('room');
    p.role = p.room.you.role;
  }
  const byRole = role => people.find(p => p.role === role);
  return { fac, created, people, therapist: byRole('therapist'), client: byRole('client'), observer: byRole('observer') };
}

const phaseIs = name => m => m.type === 'phase' && m.phase === name;

test('feedback_check flags the motivating sentence with a concrete suggestion, and not kind text', async () => {
  const server = await startServer();
  try {
    const { client } = await triad(server);
    const hints = await client.request({ type: 'feedback_check', text: BLUNT });
    assert.equal(hints.type, 'feedback_hints');
    assert.equal(hints.verdict, 'could_soften');
    assert.ok(hints.flags.length >= 1);
    const wordy = hints.flags.find(f => BLUNT.slice(f.start, f.end).includes('wordy'));
    assert.ok(wordy, `no flag covers "wordy": ${JSON.stringify(hints.flags)}`);
    for (const f of hints.flags) assert.ok(f.suggestion.length > 20 && f.why.length > 10, JSON.stringify(f));
    const kind = await client.request({ type: 'feedback_check', text: KIND });
    assert.equal(kind.verdict, 'kind', JSON.stringify(kind.flags));
    assert.deepEqual(kind.flags, []);
    const big = await client.request({ type: 'feedback_check', text: 'a'.repeat(4001) });
    assert.equal(big.code, 'too_large');
  } finally { await server.stop(); }
});

test('feedback only in feedback/soften phases, only to room mates; needs_softening unless acknowledged', async () => {
  const server = await startServer();
  try {
    const { fac, client, therapist, observer } = await triad(server, { turns: 1, practice_s: 10, feedback_s: 10, soften_s: 10 });
    const early = await client.request({ type: 'feedback_send', to: therapist.id, text: KIND });
    assert.equal(early.code, 'conflict', 'practice phase refuses feedback');
    await client.waitFor(phaseIs('feedback'), 15000);
    const stranger = await client.request({ type: 'feedback_send', to: '00000000-0000-4000-8000-000000000000', text: KIND });
    assert.equal(stranger.code, 'forbidden');
    const selfWrong = await client.request({ type: 'feedback_send', to: client.id, text: KIND });
    assert.equal(selfWrong.code, 'bad_request');
    const refused = await client.request({ type: 'feedback_send', to: therapist.id, text: BLUNT });
    assert.equal(refused.code, 'needs_softening');
    assert.ok(refused.hints.length >= 1);
    // the writer saw the hints and chooses to send as written
    const sent = await client.request({ type: 'feedback_send', to: therapist.id, text: BLUNT, acknowledge_hints: true });
    assert.equal(sent.type, 'feedback_sent');
    assert.equal(sent.feedback.text, BLUNT);
    assert.ok(sent.feedback.hints.length >= 1, 'the author sees the hints it had');
    const got = await therapist.waitFor(m => m.type === 'feedback' && m.feedback.id === sent.feedback.id);
    assert.equal(got.feedback.from.name, client.name);
    assert.equal(got.feedback.hints, undefined, 'hints are for the author only');
    // the observer's structured form and the therapist's self-reflection
    const form = await observer.request({ type: 'feedback_send', to: therapist.id, kind: 'observer',
      text: 'What worked: your pacing.\nA moment to look at: the pause after she cried.\nTo try next time: name the feeling.', acknowledge_hints: true });
    assert.equal(form.type, 'feedback_sent', JSON.stringify(form));
    const self = await therapist.request({ type: 'feedback_send', to: therapist.id, kind: 'self_reflection', text: 'I rushed the opening.', acknowledge_hints: true });
    assert.equal(self.type, 'feedback_sent', JSON.stringify(self));
    // a softened message: the draft had hints, the sent text has none
    await observer.request({ type: 'feedback_draft', key: 'to:t0', text: 'You were way too cold.' });
    const soft = await observer.request({ type: 'feedback_send', to: therapist.id, text: KIND, draft_key: 'to:t0' });
    assert.equal(soft.type, 'feedback_sent');
    assert.equal(soft.feedback.softened, true);
    const upd = await fac.waitFor(m => m.type === 'room_update' && m.room.feedback && m.room.feedback.sent >= 4);
    assert.equal(upd.room.feedback.softened, 1);
    assert.equal(JSON.stringify(upd).includes('worthless') || JSON.stringify(upd).includes('wordy'), false, 'no content to the facilitator');
    // facilitator cannot send feedback
    const facTry = await fac.request({ type: 'feedback_send', to: therapist.id, text: KIND });
    assert.equal(facTry.code, 'forbidden');
  } finally { await server.stop(); }
});

test('soft close: amend, appreciation and replace; the recipient sees the revision, the old text stays with its author', async () => {
  const server = await startServer();
  try {
    const { client, therapist } = await triad(server, { turns: 1, practice_s: 10, feedback_s: 10, soften_s: 20 });
    await client.waitFor(phaseIs('feedback'), 15000);
    const sent = await client.request({ type: 'feedback_send', to: therapist.id, text: BLUNT, acknowledge_hints: true });
    await client.waitFor(phaseIs('soften'), 15000);
    const list = await client.request({ type: 'feedback_list' });
    assert.equal(list.sent.length, 1);
    assert.ok(list.sent[0].hints.length >= 1);
    const amend = await client.request({ type: 'feedback_amend', feedback: sent.feedback.id, mode: 'amend',
      text: 'What I meant was: I noticed some long explanations, and shorter reflections might let the client lead.' });
    assert.equal(amend.type, 'feedback_sent', JSON.stringify(amend));
    assert.equal(amend.feedback.amends, sent.feedback.id);
    const appr = await client.request({ type: 'feedback_amend', feedback: sent.feedback.id, mode: 'appreciation', text: 'Thank you for staying with her silence.' });
    assert.equal(appr.type, 'feedback_sent');
    const repl = await client.request({ type: 'feedback_amend', feedback: sent.feedback.id, mode: 'replace',
      text: 'I noticed some long explanations; shorter reflections might let the client lead.' });
    assert.equal(repl.type, 'feedback_revised', JSON.stringify(repl));
    assert.equal(repl.feedback.original_text, BLUNT);
    const rev = await therapist.waitFor(m => m.type === 'feedback_revised');
    assert.equal(rev.feedback.revised, true);
    assert.equal(rev.feedback.original_text, undefined, 'the old text is kept only for its author');
    const notMine = await therapist.request({ type: 'feedback_amend', feedback: sent.feedback.id, mode: 'replace', text: 'hijack' });
    assert.equal(notMine.code, 'forbidden');
  } finally { await server.stop(); }
});

test('someone typing at the soften deadline gets the grace, and an unsent draft survives the close', async () => {
  const server = await startServer();
  try {
    const { client, therapist } = await triad(server, { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10, grace_s: 10 });
    const soften = await client.waitFor(phaseIs('soften'), 15000);
    // keep typing right up to the deadline
    const draftText = 'I want to add that your warmth at the end';
    while (Date.now() < soften.deadline - 1500 + 0) {
      await client.request({ type: 'feedback_draft', key: `to:${therapist.id}:t0`, text: draftText });
      await sleep(1000);
    }
    await client.request({ type: 'feedback_draft', key: `to:${therapist.id}:t0`, text: draftText });
    const grace = await therapist.waitFor(m => m.type === 'phase' && m.grace === true, 8000);
    assert.equal(grace.phase, 'soften');
    assert.deepEqual(grace.waiting_for, [client.name]);
    assert.ok(grace.deadline - grace.server_time > 8000, 'a bounded grace of about grace_s');
    await therapist.waitFor(phaseIs('closed'), 15000);
    // the draft is still there after the room closed, and after a reconnect
    const again = await connect(server);
    await again.request({ type: 'hello', token: client.token });
    const drafts = await again.waitType('drafts');
    assert.ok(drafts.drafts.some(d => d.text === draftText), JSON.stringify(drafts));
  } finally { await server.stop(); }
});

test('kill -9 while someone types at the end of the soft close: back after the deadline, the room still waits for them', async () => {
  const dataDir = tempDataDir();
  let server = await startServer({ dataDir });
  try {
    const { client, therapist } = await triad(server, { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 10, grace_s: 30 });
    const soften = await client.waitFor(phaseIs('soften'), 15000);
    const draft = () => client.request({ type: 'feedback_draft', key: `to:${therapist.id}:t0`, text: 'and one more thing I noticed' });
    while (Date.now() < soften.deadline - 1500) { await draft(); await sleep(500); }
    await draft();
    await server.kill9();   // down before the deadline, back after it
    await sleep(Math.max(0, soften.deadline - Date.now()) + 200);
    server = await startServer({ dataDir });
    const back = await connect(server);
    await back.request({ type: 'hello', token: therapist.token });
    const phase = await back.waitType('phase');
    assert.equal(phase.phase, 'soften', JSON.stringify(phase));
    assert.equal(phase.grace, true, 'the typing before the crash still counts');
    assert.deepEqual(phase.waiting_for, [client.name]);
  } finally { await server.stop(); }
});

test('kill -9 during the soft close: drafts and sent feedback intact', async () => {
  const dataDir = tempDataDir();
  let server = await startServer({ dataDir });
  const { client, therapist } = await triad(server, { turns: 1, practice_s: 10, feedback_s: 0, soften_s: 60 });
  await client.waitFor(phaseIs('soften'), 15000);
  const sent = await client.request({ type: 'feedback_send', to: therapist.id, text: KIND });
  assert.equal(sent.type, 'feedback_sent', JSON.stringify(sent));
  await client.request({ type: 'feedback_draft', key: 'amend:x', text: 'half a thought' });
  await server.kill9();
  server = await startServer({ dataDir });
  try {
    const back = await connect(server);
    await back.request({ type: 'hello', token: client.token });
    const phase = await back.waitType('phase');
    assert.equal(phase.phase, 'soften');
    const list = await back.waitType('feedback_list');
    assert.equal(list.sent[0].text, KIND);
    const drafts = await back.waitType('drafts');
    assert.ok(drafts.drafts.some(d => d.text === 'half a thought'));
    const t = await connect(server);
    await t.request({ type: 'hello', token: therapist.token });
    const tl = await t.waitType('feedback_list');
    assert.equal(tl.received[0].text, KIND);
  } finally { await server.stop(); }
});
