// Browser test of "a way back": three people share a triad; after the room closes Ana writes to
// Ben while Ben's browser is closed (status "Sent"); Ben comes back through his return link in a
// fresh browser, sees the notice and "(1)" in the title, opens the thread (Ana sees "Read") and
// replies (Ana sees it live). Chidi, on a phone, gets hints while typing and "Revise / Send as
// written" for a blunt message. Making a new link stops the old one (join form with a sentence);
// the facilitator sees counts only, sets the retention and ends the session (refused while the
// round runs); deleting the account signs out. Screenshots: return-link, your-rooms, thread,
// followup-phone. A second test: a feedback draft left when the room closed is sent as a follow-up
// (and cleared), and a message whose reply is lost to a dropped connection is resent after the
// reconnect with the same client_id, so it is stored once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { connect } from '../lib/server.mjs';
import { useServerAndBrowser, launchCustom, person, shot, createSession, join, texts, waitForRoster, SHOTS } from './helpers.mjs';

const env = useServerAndBrowser();


const member = name => `[data-testid="fu-member"]:has(.person-name:text-is("${name}"))`;
const thread = '[data-testid="fu-thread"][open]';
const msgWith = text => `${thread} [data-testid="fu-msg"]:has([data-testid="fu-body"]:text-is("${text}"))`;

test('follow-ups: write to an offline room mate, return link, read receipt, live reply, revoke, counts only', async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const ana = await person(env.browser, env.server, { label: 'ana' });
  const ben = await person(env.browser, env.server, { label: 'ben' });
  const chidi = await person(env.browser, env.server, { label: 'chidi', viewport: { width: 390, height: 844 }, mobile: true });
  const code = await createSession(fac, 'Follow-up practice');
  await join(ana, code, 'Ana');
  await join(ben, code, 'Ben');
  await join(chidi, code, 'Chidi');
  await waitForRoster(fac, ['Ana', 'Ben', 'Chidi'], { online: true });

  // Right after joining: the return link card, open, with the link, copy and download.
  await ben.page.waitForSelector('[data-testid="return-card"][open]');
  assert.match(await ben.page.textContent('[data-testid="return-card"]'), /open it on any device/i);
  assert.match(await ben.page.textContent('[data-testid="return-card"]'), /Keep it private/);
  const benLink = await ben.page.inputValue('[data-testid="return-link"]');
  assert.match(benLink, new RegExp(`^${env.server.url.replace(/\./g, '\\.')}/#t=p\\.`));
  const benToken = await ben.page.evaluate(() => JSON.parse(localStorage.getItem('softclose.token')).token);
  assert.equal(benLink, `${env.server.url}/#t=${encodeURIComponent(benToken)}`);
  await ben.page.locator('[data-testid="return-card"]').screenshot({ path: path.join(SHOTS, 'return-link.png') });
  const [download] = await Promise.all([ben.page.waitForEvent('download'), ben.page.click('[data-testid="return-link-download"]')]);
  assert.equal(download.suggestedFilename(), 'softclose-return-link.txt');
  assert.ok(readFileSync(await download.path(), 'utf8').includes(benLink), 'the text file holds the link');
  await ben.page.click('[data-testid="return-link-copy"]');
  await ben.page.waitForFunction(() => /Copied|copy it/.test(document.querySelector('[data-testid="return-link-status"]').textContent));

  // A short round; ending a session is refused while it runs (the server's sentence is shown).
  await launchCustom(fac, { turns: 1, practice: 30, soften: 10 });
  for (const p of [ana, ben, chidi]) await p.page.waitForSelector('#view-room:not([hidden])', { timeout: 10000 });
  // In an open room "Your rooms" is folded and lists the room "in progress".
  await ana.page.waitForSelector('#your-rooms:not([open]) [data-testid="fu-room"]', { state: 'attached' });
  await fac.page.click('[data-testid="end-session"]');
  await fac.page.click('[data-testid="end-session-yes"]');
  await fac.page.waitForFunction(() => /round is still running/i.test(document.querySelector('[data-testid="after-status"]').textContent));
  // "End all now": the 10 s soft close, then the room closes.
  await fac.page.click('#all-controls [data-testid="btn-end"]');
  for (const p of [ana, ben, chidi]) await p.page.waitForSelector('#view-room[data-phase="closed"]', { timeout: 25000 });

  // Ben closes his browser: he is offline.
  await ben.close();
  await waitForRoster(fac, ['Ben'], { online: false });

  // Ana: "Your rooms" opens once the room has closed, with the round, the time and the members.
  await ana.page.waitForSelector('#your-rooms[open] [data-testid="fu-room"][data-room-number="1"]');
  const room = '[data-testid="fu-room"][data-room-number="1"]';
  assert.deepEqual((await texts(ana.page, `${room} [data-testid="fu-member"] .person-name`)).sort(), ['Ben', 'Chidi']);
  assert.match(await ana.page.textContent(`${room} .fu-room-when`), /Round 1 · \d/);
  assert.equal(await ana.page.textContent(`${member('Ben')} [data-testid="fu-write"]`), 'Write to Ben');
  assert.ok(await ana.page.isVisible(`${room} [data-testid="fu-write-room"]`));
  await ana.page.locator('#your-rooms').scrollIntoViewIfNeeded();
  await shot(ana.page, 'your-rooms');

  // Ana writes to Ben: live hints, then "Sent" (Ben is away).
  await ana.page.click(`${member('Ben')} [data-testid="fu-write"]`);
  await ana.page.waitForSelector(thread);
  assert.equal(await ana.page.textContent(`${thread} [data-testid="fu-title"]`), 'Ben');
  assert.match(await ana.page.textContent(`${thread} [data-testid="fu-away"]`), /not here right now/);
  const first = 'Thank you for the moment when you paused and asked how I felt — it helped me open up.';
  await ana.page.fill('[data-testid="fu-text"]', first);
  await ana.page.waitForFunction(() => /Reads as kind and specific/.test(document.querySelector('[data-testid="fu-thread"] [data-testid="fb-hints-summary"]').textContent));
  await ana.page.click('[data-testid="fu-send"]');
  await ana.page.waitForSelector(`${msgWith(first)}[data-status="sent"]`);
  assert.match(await ana.page.textContent(`${msgWith(first)} [data-testid="fu-receipt"]`), /^Sent/);
  assert.equal(await ana.page.inputValue('[data-testid="fu-text"]'), '', 'the box is emptied once stored');

  // Ben comes back days later on another device: his return link in a fresh browser.
  const ben2 = await person(env.browser, env.server, { label: 'ben-returns' });
  await ben2.page.goto(benLink);
  await ben2.page.waitForSelector('[data-testid="fu-notice"]:not([hidden])');
  assert.equal(await ben2.page.textContent('[data-testid="fu-notice-text"]'), 'New message from Ana');
  await ben2.page.waitForFunction(() => /^\(1\) softclose/.test(document.title));
  assert.ok(!ben2.page.url().includes('#t='), 'the token leaves the address bar');
  assert.equal(await ben2.page.evaluate(() => JSON.parse(localStorage.getItem('softclose.token')).token), benToken);
  assert.equal(await ben2.page.textContent('#top-session'), 'Follow-up practice');
  // Ana sees it delivered.
  await ana.page.waitForSelector(`${msgWith(first)}[data-status="delivered"]`);
  // "Your rooms" on Ben's side marks Ana's message as new.
  await ben2.page.waitForSelector(`${member('Ana')} [data-testid="fu-member-unread"]`);

  // Ben opens it: it is on screen, so it is read; Ana sees "Read".
  await ben2.page.click('[data-testid="fu-notice-open"]');
  await ben2.page.waitForSelector(msgWith(first));
  assert.equal(await ben2.page.textContent(`${msgWith(first)} .fu-who`), 'Ana');
  await ana.page.waitForSelector(`${msgWith(first)}[data-status="read"]`);
  assert.match(await ana.page.textContent(`${msgWith(first)} [data-testid="fu-receipt"]`), /^Read/);
  await ben2.page.waitForFunction(() => document.title === 'softclose — practice rooms');
  assert.ok(await ben2.page.isHidden('[data-testid="fu-notice"]'));

  // Ben replies; Ana, whose thread is open, sees it live (and reading it sends Ben a receipt).
  const reply = 'Thanks for writing, Ana. I noticed that pause too — it felt like the turning point.';
  await ben2.page.fill('[data-testid="fu-text"]', reply);
  await ben2.page.click('[data-testid="fu-send"]');
  await ben2.page.waitForSelector(msgWith(reply));
  await ana.page.waitForSelector(msgWith(reply));
  await ben2.page.waitForSelector(`${msgWith(reply)}[data-status="read"]`);
  await shot(ben2.page, 'thread');

  // Ana withdraws her first message: Ben sees "message withdrawn".
  await ana.page.click(`${msgWith(first)} [data-testid="fu-delete"]`);
  await ana.page.click(`${msgWith(first)} [data-testid="fu-delete-yes"]`);
  await ana.page.waitForSelector(`${thread} [data-testid="fu-msg"][data-withdrawn="true"]`);
  await ben2.page.waitForSelector(`${thread} [data-testid="fu-msg"][data-withdrawn="true"] [data-testid="fu-body"]:text-is("message withdrawn")`);

  // Chidi, on a phone: a blunt message gets hints while typing, then the one-time choice.
  await chidi.page.waitForSelector('#your-rooms[open]');
  await chidi.page.locator('#your-rooms').scrollIntoViewIfNeeded();
  await shot(chidi.page, 'your-rooms-phone');
  await chidi.page.click(`${member('Ana')} [data-testid="fu-write"]`);
  await chidi.page.waitForSelector(thread);
  const blunt = 'Honestly, you were way too cold with me.';
  await chidi.page.fill('[data-testid="fu-text"]', blunt);
  await chidi.page.waitForSelector(`${thread} [data-testid="fb-hint"]`);
  await chidi.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="fu-thread"] [data-testid="fb-hint-quote"]')]
    .some(q => /too cold/.test(q.textContent)));   // the quoted words, from byte offsets
  await shot(chidi.page, 'followup-phone');
  assert.ok(await chidi.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling on a phone');
  await chidi.page.click('[data-testid="fu-send"]');
  await chidi.page.waitForSelector('[data-testid="fu-choice"]:not([hidden])');
  await shot(chidi.page, 'followup-phone-choice');
  await chidi.page.click('[data-testid="fu-send-anyway"]');
  await chidi.page.waitForSelector(msgWith(blunt));
  // Ana is not in that thread: a notice and the count in the title.
  await ana.page.waitForSelector('[data-testid="fu-notice"]:not([hidden])');
  assert.equal(await ana.page.textContent('[data-testid="fu-notice-text"]'), 'New message from Chidi');
  await ana.page.waitForFunction(() => /^\(1\) /.test(document.title));
  await shot(ana.page, 'followup-notice');

  // Ben makes a new return link: the old one stops working at once — a device signed in with it
  // is signed out, and opening it again shows the join form with a sentence.
  const other = await person(env.browser, env.server, { label: 'ben-other-device' });
  await other.page.goto(benLink);
  await other.page.waitForFunction(() => document.querySelector('#lobby-you')?.textContent === 'Ben');
  await ben2.page.click('[data-testid="fu-close"]');
  await ben2.page.click('[data-testid="return-card"] summary');
  await ben2.page.click('[data-testid="return-link-new"]');
  await ben2.page.click('[data-testid="return-link-new-yes"]');
  await ben2.page.waitForFunction(old => {
    const v = document.querySelector('[data-testid="return-link"]').value;
    return v && v !== old;
  }, benLink);
  const newLink = await ben2.page.inputValue('[data-testid="return-link"]');
  await other.page.waitForSelector('#view-join:not([hidden])');
  assert.match(await other.page.textContent('#join-notice'), /new return link was made/);
  assert.equal(await other.page.evaluate(() => localStorage.getItem('softclose.token')), null);
  assert.notEqual(await ben2.page.evaluate(() => JSON.parse(localStorage.getItem('softclose.token')).token), benToken);
  const stale = await person(env.browser, env.server, { label: 'old-link' });
  await stale.page.goto(benLink);
  await stale.page.waitForSelector('#view-join:not([hidden])');
  await stale.page.waitForFunction(() => /return link no longer works/.test(document.querySelector('#join-notice').textContent));
  assert.equal(await stale.page.evaluate(() => localStorage.getItem('softclose.token')), null);
  const fresh = await person(env.browser, env.server, { label: 'new-link' });
  await fresh.page.goto(newLink);
  await fresh.page.waitForFunction(() => document.querySelector('#lobby-you')?.textContent === 'Ben');

  // The facilitator: counts only, the retention period, ending the session.
  await fac.page.reload();
  await fac.page.waitForFunction(() => Number(document.querySelector('[data-testid="stat-followups_sent"]').textContent) === 3);
  assert.equal(await fac.page.textContent('[data-testid="stat-followups_read"]'), '2');
  const facText = await fac.page.textContent('[data-testid="after-session"]');
  for (const t of [first, reply, blunt]) assert.ok(!facText.includes(t.slice(0, 20)), 'no content for the facilitator');
  await fac.page.fill('[data-testid="retention-days"]', '14');
  await fac.page.click('[data-testid="retention-save"]');
  await fac.page.waitForFunction(() => /kept for 14 days/.test(document.querySelector('[data-testid="after-status"]').textContent));
  await fac.page.click('[data-testid="end-session"]');
  await fac.page.click('[data-testid="end-session-yes"]');
  await fac.page.waitForSelector('[data-testid="session-ended-note"]:not([hidden])');
  await fac.page.locator('[data-testid="after-session"]').screenshot({ path: path.join(SHOTS, 'after-session.png') });
  await ana.page.waitForSelector('[data-testid="session-ended"]:not([hidden])');
  const until = await ana.page.evaluate(() => new Date(Date.now() + 14 * 24 * 3600 * 1000)
    .toLocaleDateString([], { day: 'numeric', month: 'long', year: 'numeric' }));
  assert.equal(await ana.page.textContent('[data-testid="session-ended"]'),
    `This session has ended; your messages stay available until ${until}.`);

  // Chidi deletes the account: back to the join form, token gone; Ana can no longer write to him.
  await chidi.page.click('[data-testid="fu-close"]');
  await chidi.page.click('[data-testid="delete-me"]');
  await chidi.page.waitForSelector('[data-testid="delete-me-dialog"][open]');
  assert.match(await chidi.page.textContent('[data-testid="delete-me-dialog"]'), /permanent/);
  await chidi.page.click('[data-testid="delete-me-yes"]');
  await chidi.page.waitForSelector('#view-join:not([hidden])');
  assert.match(await chidi.page.textContent('#join-notice'), /deleted/);
  assert.equal(await chidi.page.evaluate(() => localStorage.getItem('softclose.token')), null);
  assert.equal(await chidi.page.evaluate(() => document.querySelector('#way-back').hidden), true);

  for (const p of [fac, ana, ben, chidi, ben2, other, stale, fresh]) p.assertNoErrors();
  for (const p of [fac, ana, chidi, ben2, other, stale, fresh]) await p.close();
});

test('a leftover draft becomes a follow-up; a reply lost to a dropped connection is resent once', async () => {
  // The room, over plain WebSockets: Xena leaves a feedback draft for Yusuf in the soft close.
  const facWs = await connect(env.server);
  const created = await facWs.request({ type: 'create_session', name: 'Draft and reconnect' });
  const ws = {};
  for (const name of ['Xena', 'Yusuf', 'Zoe']) {
    const c = await connect(env.server);
    const w = await c.request({ type: 'join', code: created.session.code, name });
    Object.assign(c, { token: w.token, id: w.participant.id });
    ws[name] = c;
  }
  assert.equal((await facWs.request({ type: 'launch_round', turns: 1, practice_s: 600, feedback_s: 0, soften_s: 10 })).type, 'round_launched');
  for (const c of Object.values(ws)) c.room = (await c.waitType('room')).room;
  await facWs.request({ type: 'end_round' });
  await ws.Xena.waitFor(m => m.type === 'phase' && m.phase === 'soften');
  const draftText = 'Your summary was way too long and you never let her finish.';
  assert.equal((await ws.Xena.request({ type: 'feedback_draft', key: `to:${ws.Yusuf.id}:t0`, text: draftText })).type, 'draft_saved');
  await ws.Xena.waitFor(m => m.type === 'phase' && m.phase === 'closed', 20000);
  await ws.Xena.close();

  // Xena opens her return link. The WebSocket goes through a route that, once, swallows the
  // reply to a follow-up and drops the connection (as a flaky network would).
  const xena = await person(env.browser, env.server, { label: 'xena' });
  let dropNext = false;
  let sends = [];
  await xena.context.routeWebSocket(/\/ws$/, route => {
    const upstream = route.connectToServer();
    route.onMessage(m => {
      const msg = JSON.parse(m);
      if (msg.type === 'followup_send') sends.push(msg);
      upstream.send(m);
    });
    upstream.onMessage(m => {
      if (dropNext && JSON.parse(m).type === 'followup_sent') { dropNext = false; route.close(); upstream.close(); return; }
      route.send(m);
    });
  });
  await xena.page.goto(`/#t=${encodeURIComponent(ws.Xena.token)}`);
  await xena.page.waitForSelector('[data-testid="fu-draft"]');
  assert.match(await xena.page.textContent('[data-testid="fu-draft"]'), /Unsent draft — send it as a follow-up/);
  await xena.page.click('[data-testid="fu-draft-open"]');
  await xena.page.waitForSelector('[data-testid="fu-thread"][open]');
  assert.equal(await xena.page.inputValue('[data-testid="fu-text"]'), draftText);
  assert.equal(await xena.page.textContent('[data-testid="fu-title"]'), 'Yusuf');
  await xena.page.click('[data-testid="fu-send"]');
  await xena.page.click('[data-testid="fu-send-anyway"]');   // "way too long", "you never": hints
  const got = await ws.Yusuf.waitFor(m => m.type === 'followup' && m.followup.text === draftText);
  assert.equal((await ws.Yusuf.request({ type: 'followup_ack', followups: [got.followup.id] })).type, 'ok');
  await xena.page.waitForSelector(`${msgWith(draftText)}[data-status="delivered"]`);
  const draftSend = sends.find(m => m.text === draftText && m.acknowledge_hints);
  assert.equal(draftSend.draft_key, `to:${ws.Yusuf.id}:t0`, 'sent with the draft it came from');
  await xena.page.click('[data-testid="fu-close"]');
  await xena.page.waitForSelector('[data-testid="fu-draft"]', { state: 'detached' });

  // Now the lost reply: the message waits, the page reconnects and resends the same client_id.
  sends = [];
  dropNext = true;
  const text = 'Thank you both — it was a good room.';
  await xena.page.click('[data-testid="fu-write-room"]');
  await xena.page.fill('[data-testid="fu-text"]', text);
  await xena.page.click('[data-testid="fu-send"]');
  await xena.page.waitForSelector(`${thread} [data-testid="fu-msg"][data-status="pending"]`);
  await xena.page.waitForSelector(`${msgWith(text)}:not([data-status="pending"])`, { timeout: 20000 });
  assert.equal(sends.length, 2, 'sent, then resent once after the reconnect');
  assert.equal(sends[0].client_id, sends[1].client_id, 'the same client_id both times');
  // Stored once per person: each room mate has exactly one copy.
  for (const name of ['Yusuf', 'Zoe']) {
    const inbox = await ws[name].request({ type: 'inbox' });
    assert.equal(inbox.followups.filter(f => f.text === text).length, 1, `${name} has it once`);
  }
  assert.equal(await xena.page.locator(msgWith(text)).count(), 1, 'shown once');
  assert.match(await xena.page.textContent(`${msgWith(text)} [data-testid="fu-receipt"]`), /Yusuf: \w+ · Zoe: \w+/);

  xena.assertNoErrors();
  await xena.close();
  await Promise.all([facWs, ws.Yusuf, ws.Zoe].map(c => c.close()));
});

test('a facilitator link opened on the participant page: a sentence, and joining still works', async () => {
  const facWs = await connect(env.server);
  const created = await facWs.request({ type: 'create_session', name: 'Wrong link' });
  const p = await person(env.browser, env.server, { label: 'wrong-link' });
  await p.page.goto(`/#t=${encodeURIComponent(created.facilitator_token)}`);
  await p.page.waitForSelector('#view-join:not([hidden])');
  await p.page.waitForFunction(() => /belongs to a facilitator/.test(document.querySelector('#join-notice').textContent));
  assert.ok(!p.page.url().includes('#t='));
  await p.page.fill('#join-code', created.session.code);
  await p.page.fill('#join-name', 'Nia');
  await p.page.click('#join-submit');
  await p.page.waitForFunction(() => document.querySelector('#lobby-you')?.textContent === 'Nia');
  await p.page.waitForSelector('[data-testid="return-card"][open]');
  p.assertNoErrors();
  await p.close();
  await facWs.close();
});
