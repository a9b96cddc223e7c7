// The facilitator downloads the session's history from the "After the session" card: the CSV
// download happens (a file with the server's name), opens with the right rows (a room, its three
// seats with roles, a help request), and the JSON download parses. Participants are plain
// WebSocket clients here: only the facilitator's page matters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, person, createSession, waitForRoster, launchCustom, shot } from './helpers.mjs';
import { connect } from '../lib/server.mjs';
import { csvRecords } from '../lib/csv.mjs';

const env = useServerAndBrowser();

test('facilitator downloads the history as CSV and JSON', async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const people = [];
  try {
    const code = await createSession(fac, 'Export, week 3');
    for (const name of ['Ana', '=Ben', 'Cy, Jr.']) {
      const c = await connect(env.server);
      const w = await c.request({ type: 'join', code, name });
      assert.equal(w.type, 'welcome', JSON.stringify(w));
      Object.assign(c, { name, pid: w.participant.id });
      people.push(c);
    }
    await waitForRoster(fac, ['Ana', '=Ben', 'Cy, Jr.'], { online: true });
    await launchCustom(fac, { turns: 3, practice: 120, soften: 60 });
    for (const p of people) p.room = await p.waitType('room');
    assert.equal((await people[2].request({ type: 'help', text: 'Could you join us?' })).type, 'ok');
    await fac.page.waitForSelector('[data-testid="help-item"]');

    const page = fac.page;
    const button = page.getByTestId('export-csv');
    await button.scrollIntoViewIfNeeded();
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(csvDownload.suggestedFilename(), new RegExp(`^softclose-${code}-\\d{8}-\\d{4}\\.csv$`));
    const csv = await readFile(await csvDownload.path(), 'utf8');
    const { records } = csvRecords(csv);
    const rooms = records.filter(r => r.record === 'room');
    const seats = records.filter(r => r.record === 'seat');
    const help = records.filter(r => r.record === 'help');
    assert.equal(rooms.length, 1);
    assert.equal(rooms[0].room_id, people[0].room.room.id);
    assert.deepEqual([rooms[0].round, rooms[0].room, rooms[0].phase, rooms[0].feedback_sent], ['1', '1', 'practice', '0']);
    assert.equal(seats.length, 3);
    for (const p of people) {
      const seat = seats.find(s => s.participant_id === p.pid);
      assert.ok(seat, `${p.name} has a seat`);
      assert.equal(seat.participant, p.name.startsWith('=') ? `'${p.name}` : p.name, 'names as typed, formulas defused');
      assert.equal(seat.role_turn_1, p.room.you.role, `${p.name}'s role in turn 1`);
      assert.equal(seat.role_turn_2, '', 'turn 2 not reached');
    }
    assert.deepEqual(seats.map(s => s.role_turn_1).sort(), ['client', 'observer', 'therapist']);
    assert.deepEqual([help.length, help[0]?.participant, help[0]?.help_text], [1, 'Cy, Jr.', 'Could you join us?']);
    await page.getByTestId('after-status').filter({ hasText: csvDownload.suggestedFilename() }).waitFor();

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    assert.match(jsonDownload.suggestedFilename(), /\.json$/);
    const doc = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
    assert.equal(doc.session.code, code);
    assert.equal(doc.rounds[0].rooms[0].seats.length, 3);
    assert.ok(doc.rounds[0].rooms[0].seats.some(s => s.participant.name === '=Ben'), 'JSON keeps names as typed');
    await shot(page, 'export-after-session');
    fac.assertNoErrors();
  } finally {
    for (const p of people) p.ws.terminate();
    await fac.close();
  }
});
