// Shared helpers of the browser tests: launching Debian's Chromium through playwright-core,
// one browser context per person, screenshots into tests/e2e/screenshots/, and collecting page
// errors (uncaught exceptions, console errors such as CSP violations) so a test fails on them.
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { startServer } from '../lib/server.mjs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SHOTS = path.join(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      '--autoplay-policy=no-user-gesture-required'],
  });
}

// One server and one browser for a whole test file, started before its tests and stopped after:
// use env.server and env.browser inside the tests.
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// A person: their own context (own localStorage) and page. errors collects anything that went
// wrong inside the page; call assertNoErrors() at the end of a test.
// clockSkewMs makes the page's Date.now() wrong by that much (a laptop with a bad clock).
export async function person(browser, server, { viewport = { width: 1280, height: 900 }, mobile = false, label = 'page', clockSkewMs = 0 } = {}) {
  const context = await browser.newContext({
    viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 2 : 1,
    baseURL: server.url,
  });
  if (clockSkewMs) {
    await context.addInitScript(skew => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + skew;
    }, clockSkewMs);
  }
  const page = await context.newPage();
  const errors = [];
  const watch = pg => {
    pg.on('pageerror', err => errors.push(`${label}: pageerror: ${err.message}`));
    pg.on('console', msg => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // Reconnect attempts while a test restarts the server are expected noise.
      if (/WebSocket connection to .* failed/.test(text)) return;
      if (/Failed to load resource/.test(text)) return;   // reported with its URL below
      errors.push(`${label}: console: ${text}`);
    });
    pg.on('response', res => { if (res.status() >= 400) errors.push(`${label}: HTTP ${res.status()} ${res.url()}`); });
  };
  context.on('page', watch);
  watch(page);
  return {
    context, page, errors, label,
    assertNoErrors() { assert.deepEqual(errors, [], `errors in ${label}`); },
    close: () => context.close(),
  };
}

export async function shot(page, name, opts = {}) {
  const file = path.join(SHOTS, `${name}.png`);
  if (opts.fullPage) await page.evaluate(() => window.scrollTo(0, 0));   // sticky parts sit right
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  return file;
}

// Facilitator: open facilitate.html and create a session; returns the join code.
export async function createSession(fac, name = 'Counselling skills, week 3') {
  await fac.page.goto('/facilitate.html');
  await fac.page.fill('#session-name', name);
  await fac.page.click('#create-submit');
  await fac.page.waitForFunction(() => /^[A-Z0-9]{6}$/.test(document.querySelector('#join-code-big')?.textContent || ''));
  return (await fac.page.textContent('#join-code-big')).trim();
}

// Participant: open the page and join with code + name; waits for the lobby.
export async function join(p, code, name, { viaLink = false } = {}) {
  await p.page.goto(viaLink ? `/?code=${code}` : '/');
  if (!viaLink) await p.page.fill('#join-code', code);
  await p.page.fill('#join-name', name);
  await p.page.click('#join-submit');
  await p.page.waitForSelector('#view-lobby:not([hidden])');
  await p.page.waitForFunction(n => document.querySelector('#lobby-you')?.textContent === n, name);
}

// Names in a list of elements (by selector) on a page.
export async function texts(page, selector) {
  return page.$$eval(selector, nodes => nodes.map(n => n.textContent.trim()));
}

// Waits until the facilitator's roster shows exactly these names (in any order).
export async function waitForRoster(fac, names, { online } = {}) {
  await fac.page.waitForFunction(({ want, online: on }) => {
    const got = [...document.querySelectorAll('[data-testid="fac-person"]')]
      .filter(li => on === undefined || li.dataset.online === String(on))
      .map(li => li.querySelector('.person-name').textContent);
    return got.length === want.length && want.every(n => got.includes(n));
  }, { want: names, online }, { timeout: 10000 });
}

// Launches a custom round from the facilitator's page (durations in seconds) and waits for the
// overview to show rooms.
export async function launchCustom(fac, { turns, practice, feedback = 0, soften, scenario = '' }) {
  const page = fac.page;
  await page.check('#preset-custom');
  await page.fill('#turns', String(turns));
  await page.fill('#practice-min', String(Math.floor(practice / 60)));
  await page.fill('#practice-sec', String(practice % 60));
  await page.fill('#feedback-min', String(Math.floor(feedback / 60)));
  await page.fill('#feedback-sec', String(feedback % 60));
  await page.fill('#soften-min', String(Math.floor(soften / 60)));
  await page.fill('#soften-sec', String(soften % 60));
  if (scenario) await page.fill('#scenario', scenario);
  assert.ok(await page.isChecked('#preset-custom'));
  await page.click('#launch-button');
  await page.waitForSelector('[data-testid="room-card"]');
}
