// The facilitator's export (docs/PROTOCOL.md "Export"): `export {format:"csv"|"json"}` over the
// facilitator's WebSocket. Refused for participants and anonymous connections; after a launch, a
// move, a help request and feedback, the rows say who was where with which role, when the mover
// came and went, the help request, and the feedback counts — and no text of feedback, drafts or
// follow-ups appears anywhere. Names that look like formulas are defused in the CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, newSession, joinAs, assertError } from '../lib/harness.mjs';
import { csvRecords } from '../lib/csv.mjs';

const FEEDBACK = 'Thank you for slowing down when she cried; zebra-feedback-marker.';
const DRAFT = 'You were way too cold, quokka-draft-marker.';
const FOLLOWUP = 'Coffee next week? narwhal-followup-marker.';
const HELP = 'Our client left, can you come?';
const NAMES = ['Ana', '=HYPERLINK("http://evil")', 'Ben, Jr.', 'Cy "the quiet"', '@Dee', 'Eve', '-Fay'];

const latest = (c, type, pred = () => true) => [...c.messages].reverse().find(m => m.type === type && pred(m));

test('export: refused to participants and strangers; rows after a launch, a move, help and feedback; no texts', async t => {
  const h = harness(t);
  const server = await h.server();
  const { fac, session } = await newSession(h, server, 'Export, "week 3"');
  const ps = [];
  for (const name of NAMES) ps.push(await joinAs(h, server, session.code, name));
  ps.forEach((p, i) => { p.name = NAMES[i]; });

  // nobody but the facilitator
  assertError(await ps[0].request({ type: 'export', format: 'csv' }), 'forbidden', 'participant:');
  const anon = await h.connect(server);
  assertError(await anon.request({ type: 'export', format: 'csv' }), 'unauthorized', 'anonymous:');
  assertError(await fac.request({ type: 'export', format: 'xlsx' }), 'bad_request', 'format:');
  assertError(await fac.request({ type: 'export' }), 'bad_request', 'no format:');
  assertError(await fac.request({ type: 'export', format: 'csv', room: 'x' }), 'bad_request', 'unknown field:');

  // before any round: a header and nothing else
  const empty = await fac.request({ type: 'export', format: 'csv' });
  assert.equal(empty.type, 'export', JSON.stringify(empty));
  assert.equal(csvRecords(empty.data).records.length, 0);

  const launched = await fac.request({ type: 'launch_round', turns: 2, practice_s: 120, feedback_s: 0, soften_s: 120 });
  assert.equal(launched.type, 'round_launched', JSON.stringify(launched));
  for (const p of ps) p.room = await p.waitType('room');
  const rooms = new Map();
  for (const p of ps) {
    if (!rooms.has(p.room.room.id)) rooms.set(p.room.room.id, []);
    rooms.get(p.room.room.id).push(p);
  }
  assert.equal(rooms.size, 2, '7 people: a triad and a room of four');
  const [[triadId, triad], [fourId, four]] = [...rooms.entries()].sort((a, b) => a[1].length - b[1].length);

  // a move: someone from the room of four into the triad, as an observer
  const mover = four[0];
  const moveMark = mover.messages.length;
  assert.equal((await fac.request({ type: 'move', participant: mover.pid, room: triadId })).type, 'ok');
  await mover.waitFor(m => m.type === 'room' && m.room.id === triadId, 5000, moveMark);
  // a help request from the triad
  const asker = triad[1];
  assert.equal((await asker.request({ type: 'help', text: HELP })).type, 'ok');
  // feedback in the room of four (its soft close): softened, since the draft had more hints
  assert.equal((await fac.request({ type: 'end_round', room: fourId })).type, 'ok');
  const [writer, reader] = four.slice(1);
  await writer.waitFor(m => m.type === 'phase' && m.phase === 'soften');
  assert.equal((await writer.request({ type: 'feedback_draft', key: 'to:x:t0', text: DRAFT })).type, 'draft_saved');
  const sent = await writer.request({ type: 'feedback_send', to: reader.pid, text: FEEDBACK, draft_key: 'to:x:t0', acknowledge_hints: true });
  assert.equal(sent.type, 'feedback_sent', JSON.stringify(sent));
  assert.equal((await writer.request({ type: 'feedback_draft', key: 'to:y:t0', text: DRAFT })).type, 'draft_saved');
  const fu = await writer.request({ type: 'followup_send', to: reader.pid, text: FOLLOWUP, client_id: 'c1', acknowledge_hints: true });
  assert.equal(fu.type, 'followup_sent', JSON.stringify(fu));
  // everyone's latest room message says their role now (turn 0)
  await Promise.all(ps.map(p => p.request({ type: 'ping' })));

  const csv = await fac.request({ type: 'export', format: 'csv' });
  assert.equal(csv.type, 'export', JSON.stringify(csv).slice(0, 300));
  assert.ok(csv.re !== undefined, 'a reply to the request');
  assert.equal(csv.format, 'csv');
  assert.match(csv.filename, new RegExp(`^softclose-${session.code}-\\d{8}-\\d{4}\\.csv$`));
  assert.equal(csv.content_type, 'text/csv; charset=utf-8');
  assert.equal(csv.bytes, Buffer.byteLength(csv.data));
  for (const secret of [FEEDBACK, DRAFT, FOLLOWUP, 'zebra', 'quokka', 'narwhal'])
    assert.ok(!csv.data.includes(secret), `the CSV holds no text of feedback, drafts or follow-ups (${secret})`);

  const { header, records } = csvRecords(csv.data);
  assert.deepEqual(header, ['record', 'round', 'room', 'room_id', 'participant_id', 'participant', 'role_turn_1', 'role_turn_2',
    'joined_at', 'gone_at', 'help_at', 'help_acked_at', 'help_text', 'feedback_sent', 'feedback_softened', 'phase']);
  const of = kind => records.filter(r => r.record === kind);
  const roomRows = of('room'), seats = of('seat'), help = of('help');
  assert.equal(roomRows.length, 2);
  assert.equal(seats.length, 8, 'seven seats at launch and one for the mover in the triad');
  assert.equal(help.length, 1);

  const triadRow = roomRows.find(r => r.room_id === triadId), fourRow = roomRows.find(r => r.room_id === fourId);
  assert.deepEqual([triadRow.round, triadRow.feedback_sent, triadRow.feedback_softened, triadRow.phase], ['1', '0', '0', 'practice']);
  assert.deepEqual([fourRow.round, fourRow.feedback_sent, fourRow.feedback_softened, fourRow.phase], ['1', '1', '1', 'soften']);
  assert.equal(triadRow.room, String(ps.find(p => p.room.room.id === triadId).room.room.number));

  // every present member's role in turn 1 is the one their room message gives them; turn 2 not reached yet
  const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  for (const p of ps) {
    const now = latest(p, 'room');
    const seat = seats.find(s => s.participant_id === p.pid && s.room_id === now.room.id);
    assert.ok(seat, `${p.name} has a seat in ${now.room.id}`);
    assert.equal(seat.role_turn_1, now.you.role, `${p.name}'s role`);
    assert.equal(seat.role_turn_2, '', 'turn 2 was not reached');
    assert.equal(seat.gone_at, '', `${p.name} is still there`);
    assert.match(seat.joined_at, iso);
    assert.equal(seat.round, '1');
    assert.equal(seat.room, String(now.room.number));
  }
  // the move: the mover's seat in the room of four ended when the seat in the triad began
  const moverSeats = seats.filter(s => s.participant_id === mover.pid);
  assert.equal(moverSeats.length, 2);
  const gone = moverSeats.find(s => s.room_id === fourId), came = moverSeats.find(s => s.room_id === triadId);
  assert.match(gone.gone_at, iso);
  assert.equal(gone.gone_at, came.joined_at);
  assert.equal(came.role_turn_1, 'observer');

  // the help request, with its asker and text; not acknowledged yet
  assert.deepEqual([help[0].room_id, help[0].participant_id, help[0].help_text, help[0].help_acked_at],
    [triadId, asker.pid, HELP, '']);
  assert.match(help[0].help_at, iso);

  // names are as people typed them, except that a spreadsheet never sees a formula
  const nameOf = pid => seats.find(s => s.participant_id === pid).participant;
  assert.equal(nameOf(ps[1].pid), `'${NAMES[1]}`);
  assert.equal(nameOf(ps[4].pid), `'${NAMES[4]}`);
  assert.equal(nameOf(ps[6].pid), `'${NAMES[6]}`);
  assert.equal(nameOf(ps[2].pid), NAMES[2]);
  assert.equal(nameOf(ps[3].pid), NAMES[3]);
  assert.ok(csv.data.includes('"Cy ""the quiet"""'), 'quotes doubled inside a quoted field');

  // JSON: the same history, nested by round and room; names unchanged
  const js = await fac.request({ type: 'export', format: 'json' });
  assert.equal(js.type, 'export', JSON.stringify(js).slice(0, 300));
  assert.equal(js.content_type, 'application/json');
  assert.match(js.filename, /\.json$/);
  for (const secret of [FEEDBACK, DRAFT, FOLLOWUP, 'zebra', 'quokka', 'narwhal'])
    assert.ok(!js.data.includes(secret), `the JSON holds no text of feedback, drafts or follow-ups (${secret})`);
  const doc = JSON.parse(js.data);
  assert.equal(doc.format, 'softclose-history');
  assert.deepEqual([doc.session.code, doc.session.name, doc.session.ended_at], [session.code, 'Export, "week 3"', null]);
  assert.equal(doc.rounds.length, 1);
  const round = doc.rounds[0];
  assert.deepEqual([round.number, round.turns, round.practice_s, round.feedback_s, round.soften_s], [1, 2, 120, 0, 120]);
  const jTriad = round.rooms.find(r => r.id === triadId), jFour = round.rooms.find(r => r.id === fourId);
  assert.deepEqual(jFour.feedback, { sent: 1, softened: 1 });
  assert.deepEqual(jTriad.feedback, { sent: 0, softened: 0 });
  assert.equal(jTriad.seats.length, 4);
  assert.equal(jFour.seats.length, 4);
  assert.deepEqual(jTriad.help.map(x => [x.participant.id, x.text, x.acked_at]), [[asker.pid, HELP, null]]);
  const jMover = jFour.seats.find(s => s.participant.id === mover.pid);
  assert.ok(Number.isInteger(jMover.gone_at) && jMover.gone_at === jTriad.seats.find(s => s.participant.id === mover.pid).joined_at);
  const allSeats = round.rooms.flatMap(r => r.seats);
  assert.equal(allSeats.find(s => s.participant.id === ps[1].pid).participant.name, NAMES[1], 'JSON keeps names as typed');
  for (const p of ps) {
    const now = latest(p, 'room');
    const seat = round.rooms.find(r => r.id === now.room.id).seats.find(s => s.participant.id === p.pid && s.gone_at === null);
    assert.deepEqual(seat.roles, [now.you.role], `${p.name}'s roles`);
  }

  // acknowledging the help request shows in the next export
  const hid = latest(fac, 'help_requested').help.id;
  assert.equal((await fac.request({ type: 'help_ack', help: hid })).type, 'ok');
  const again = await fac.request({ type: 'export', format: 'csv' });
  assert.match(csvRecords(again.data).records.find(r => r.record === 'help').help_acked_at, iso);

  // at most six exports a minute per session
  const refusals = [];
  for (let i = 0; i < 4; i++) {
    const r = await fac.request({ type: 'export', format: 'json' });
    if (r.type === 'error') refusals.push(r);
  }
  assert.ok(refusals.length >= 1, 'six exports a minute per session');
  assertError(refusals[0], 'rate_limited');
  assert.ok(refusals[0].retry_after_ms > 0 && refusals[0].retry_after_ms <= 10000, JSON.stringify(refusals[0]));
});
