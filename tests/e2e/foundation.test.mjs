// Browser test of the foundation: a facilitator creates a session, two participants join (one by
// typing the code, one by the participant link), the facilitator's roster updates live, a
// participant reloads and is still in the lobby, wrong codes are explained inline, and leaving
// removes the person. Screenshots: facilitator, join form, lobby, phone lobby.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, connect } from '../lib/server.mjs';
import { useServerAndBrowser, person, shot, createSession, join, texts, waitForRoster } from './helpers.mjs';

const env = useServerAndBrowser();

test('facilitator creates a session, participants join, roster is live, reload resumes', async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const ana = await person(env.browser, env.server, { label: 'ana' });
  const ben = await person(env.browser, env.server, { label: 'ben' });

  const code = await createSession(fac, 'Counselling skills, week 3');
  assert.match(code, /^[A-Z0-9]{6}$/);
  assert.equal(await fac.page.textContent('#dash-title'), 'Counselling skills, week 3');
  const participantLink = await fac.page.inputValue('#participant-link');
  assert.equal(participantLink, `${env.server.url}/?code=${code}`);
  const facLink = await fac.page.inputValue('#facilitator-link');
  assert.match(facLink, new RegExp(`^${env.server.url}/facilitate\\.html#t=.+`));
  assert.match(await fac.page.textContent('#view-dashboard'), /secret/);

  // The join form, with a wrong code first: the server's sentence shows inline.
  await ana.page.goto('/');
  await ana.page.waitForSelector('#view-join:not([hidden])');
  await shot(ana.page, 'participant-join');
  await ana.page.fill('#join-code', 'ZZZZZZ');
  await ana.page.fill('#join-name', 'Ana');
  await ana.page.click('#join-submit');
  await ana.page.waitForFunction(() => document.querySelector('#join-error').textContent.length > 0);
  assert.match(await ana.page.textContent('#join-error'), /code/i);
  assert.equal(await ana.page.getAttribute('#join-code', 'aria-invalid'), 'true');
  assert.equal(await ana.page.getAttribute('#join-error', 'aria-live'), 'assertive');
  assert.ok(await ana.page.isVisible('#view-join'));

  // A name that is only white space is stopped before it is sent.
  await ana.page.fill('#join-code', code.toLowerCase());
  await ana.page.fill('#join-name', '   ');
  await ana.page.click('#join-submit');
  await ana.page.waitForFunction(() => /name/i.test(document.querySelector('#join-error').textContent));

  // Ana types the code (lower case works), Ben uses the link with ?code=.
  await join(ana, code.toLowerCase(), 'Ana');
  assert.equal(await ana.page.textContent('#lobby-title'), 'Counselling skills, week 3');
  await ben.page.goto(`/?code=${code}`);
  assert.equal(await ben.page.inputValue('#join-code'), code);
  await join(ben, code, 'Ben', { viaLink: true });

  // The facilitator sees both without reloading; participants see each other.
  await waitForRoster(fac, ['Ana', 'Ben'], { online: true });
  await ana.page.waitForFunction(() => [...document.querySelectorAll('[data-testid="lobby-person"] .person-name')].some(n => n.textContent === 'Ben'));
  assert.match(await ana.page.textContent('#lobby-count'), /2 people/);
  await shot(ana.page, 'participant-lobby');
  await shot(fac.page, 'facilitator-session', { fullPage: true });

  // A message to everyone (no round running) shows in both lobbies, with its time.
  await fac.page.fill('#message-all-text', 'Welcome! We start in two minutes.');
  await fac.page.click('[data-testid="message-all-send"]');
  for (const p of [ana, ben]) {
    await p.page.waitForSelector('[data-testid="broadcast"]:has-text("Welcome! We start in two minutes.")');
    assert.match(await p.page.textContent('[data-testid="broadcast"] time'), /\d/);
  }

  // Ana reloads: still in the lobby (resumed with hello), and the facilitator still sees her.
  await ana.page.reload();
  await ana.page.waitForSelector('#view-lobby:not([hidden])');
  await ana.page.waitForFunction(() => document.querySelector('#lobby-you').textContent === 'Ana');
  await ana.page.waitForFunction(() => document.querySelectorAll('[data-testid="lobby-person"]').length === 2);
  assert.ok(!(await ana.page.isVisible('#view-join')));
  await waitForRoster(fac, ['Ana', 'Ben'], { online: true });

  // The facilitator reloads: the dashboard comes back with the same code and roster.
  await fac.page.reload();
  await fac.page.waitForSelector('#view-dashboard:not([hidden])');
  await fac.page.waitForFunction(c => document.querySelector('#join-code-big').textContent === c, code);
  await waitForRoster(fac, ['Ana', 'Ben'], { online: true });

  // The facilitator link (#t=) works in a fresh browser, and the secret leaves the address bar.
  const fac2 = await person(env.browser, env.server, { label: 'facilitator-2' });
  await fac2.page.goto(facLink);
  await fac2.page.waitForFunction(c => document.querySelector('#join-code-big').textContent === c, code);
  assert.ok(!fac2.page.url().includes('#t='));
  await waitForRoster(fac2, ['Ana', 'Ben']);

  // Closing Ben's page shows him offline; he comes back by opening the page again.
  await ben.page.close();
  await waitForRoster(fac, ['Ben'], { online: false });
  ben.page = await ben.context.newPage();
  await ben.page.goto('/');
  await ben.page.waitForFunction(() => document.querySelector('#lobby-you').textContent === 'Ben');
  await waitForRoster(fac, ['Ana', 'Ben'], { online: true });

  // Ben leaves: back to the join form; the facilitator and Ana see him gone.
  await ben.page.click('#leave-button');
  await ben.page.click('#leave-yes');
  await ben.page.waitForSelector('#view-join:not([hidden])');
  assert.match(await ben.page.textContent('#join-notice'), /left/);
  assert.equal(await ben.page.evaluate(() => localStorage.getItem('softclose.token')), null);
  await waitForRoster(fac, ['Ana']);
  await ana.page.waitForFunction(() => document.querySelectorAll('[data-testid="lobby-person"]').length === 1);
  await ben.page.reload();
  await ben.page.waitForSelector('#view-join:not([hidden])');

  // A phone-sized lobby.
  const phone = await person(env.browser, env.server, { viewport: { width: 390, height: 844 }, mobile: true, label: 'phone' });
  await join(phone, code, 'Chidi');
  await waitForRoster(fac, ['Ana', 'Chidi']);
  await phone.page.waitForFunction(() => document.querySelectorAll('[data-testid="lobby-person"]').length === 2);
  await shot(phone.page, 'participant-lobby-phone');
  // No horizontal scrolling on a phone.
  assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));

  for (const p of [fac, ana, ben, fac2, phone]) p.assertNoErrors();
  for (const p of [fac, ana, ben, fac2, phone]) await p.close();
});

test('a stale token returns to the join form with a sentence', async () => {
  const p = await person(env.browser, env.server, { label: 'stale' });
  await p.page.goto('/');
  await p.page.evaluate(() => localStorage.setItem('softclose.token', JSON.stringify({
    token: 'p.not-a-real-token', session: { id: 'x', code: 'ABCDEF', name: 'Old session' }, participant: { id: 'y', name: 'Old' },
  })));
  await p.page.reload();
  await p.page.waitForSelector('#view-join:not([hidden])');
  await p.page.waitForFunction(() => /no longer valid/.test(document.querySelector('#join-notice').textContent));
  assert.equal(await p.page.evaluate(() => localStorage.getItem('softclose.token')), null);
  p.assertNoErrors();
  await p.close();
});

test('a server restart: the participant page reconnects and resumes', async () => {
  const fac = await person(env.browser, env.server, { label: 'facilitator' });
  const p = await person(env.browser, env.server, { label: 'restart' });
  const code = await createSession(fac, 'Restart check');
  await join(p, code, 'Dana');
  // Stop the server; the page shows it is reconnecting.
  await env.server.stop();
  await p.page.waitForSelector('#conn-banner:not([hidden])');
  assert.match(await p.page.textContent('#conn-banner'), /Reconnecting/);
  // Start it again on the same port with the same data directory.
  const { port, dataDir } = env.server;
  env.server = await startServer({ dataDir, args: ['--port', String(port)] }).catch(async () => {
    return startServer({ dataDir });   // if the port is taken, the page cannot come back: fail below
  });
  assert.equal(env.server.port, port, 'restarted server got a different port');
  await p.page.waitForSelector('#conn-banner', { state: 'hidden', timeout: 20000 });
  await p.page.waitForFunction(() => document.querySelector('#lobby-you').textContent === 'Dana');
  assert.ok(await p.page.isVisible('#view-lobby'));
  await waitForRoster(fac, ['Dana'], { online: true });
  p.assertNoErrors();
  fac.assertNoErrors();
  await p.close();
  await fac.close();
});

test('a large session: participants see the count instead of names', async () => {
  const facWs = await connect(env.server);
  const created = await facWs.request({ type: 'create_session', name: 'Big lecture' });
  const code = created.session.code;
  // 301 people present: above 300 the server stops sending participants the names.
  const clients = [];
  for (let batch = 0; batch < 10; batch++) {
    const group = await Promise.all(Array.from({ length: 30 }, () => connect(env.server)));
    await Promise.all(group.map((c, i) => c.request({ type: 'join', code, name: `P${batch * 30 + i}` })));
    clients.push(...group);
  }
  const p = await person(env.browser, env.server, { label: 'big' });
  await join(p, code, 'Zoe');
  await p.page.waitForFunction(() => /too many to list/.test(document.querySelector('#lobby-roster').textContent));
  assert.match(await p.page.textContent('#lobby-count'), /301 people/);
  assert.equal(await p.page.locator('[data-testid="lobby-person"]').count(), 0);
  p.assertNoErrors();
  await p.close();
  await Promise.all([facWs, ...clients].map(c => c.close()));
});
