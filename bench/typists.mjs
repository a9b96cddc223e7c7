// typists — many people typing in the soft close at once (issue 14), against a real softclose:
// T typists in one session each save a draft R times a second for S seconds (as a fast typist's
// debounced saves would), while a bystander in the same process pings every 20 ms. Prints the
// draft saves acknowledged per second and the bystander's ping round trip p50/p99/max.
// Figures, not assertions.   node bench/typists.mjs [T=300] [R=10] [S=10] [binary=build/softclose]
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const [T, R, S] = [300, 10, 10].map((d, i) => Number(process.argv[2 + i] || d));
const BIN = process.argv[5] || process.env.SOFTCLOSE_BIN || 'build/softclose';
const dir = mkdtempSync(path.join(process.env.TYPISTS_DATA_PARENT || tmpdir(), 'sc-typists-'));
const portFile = path.join(dir, 'port');
const proc = spawn(BIN, ['--port', '0', '--data-dir', dir, '--web-root', 'web', '--port-file', portFile, '--log-level', 'error',
  '--join-per-minute-ip', '100000'], { stdio: 'ignore' });
const sleep = ms => new Promise(r => setTimeout(r, ms));
for (const t0 = Date.now(); !existsSync(portFile) || !readFileSync(portFile, 'utf8').trim(); await sleep(20))
  if (Date.now() - t0 > 10000) { console.error('typists: server did not start'); process.exit(1); }
const port = Number(readFileSync(portFile, 'utf8'));

function client() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const c = { ws, next: 1, waiting: new Map(), onEvent: () => {} };
    ws.on('message', d => {
      const m = JSON.parse(d);
      const w = m.re !== undefined && c.waiting.get(m.re);
      if (w) { c.waiting.delete(m.re); w(m); } else c.onEvent(m);
    });
    c.request = msg => new Promise(res => { const id = c.next++; c.waiting.set(id, res); ws.send(JSON.stringify({ ...msg, id })); });
    ws.once('open', () => resolve(c));
    ws.once('error', reject);
  });
}

const fac = await client();
const { session } = await fac.request({ type: 'create_session', name: 'Typists' });
const typists = [];
for (let i = 0; i < T; i += 50) {
  typists.push(...await Promise.all(Array.from({ length: Math.min(50, T - i) }, async (_, k) => {
    const c = await client();
    const w = await c.request({ type: 'join', code: session.code, name: `Typist ${i + k}` });
    if (w.type !== 'welcome') throw new Error(JSON.stringify(w));
    return c;
  })));
}
const bystander = await client();
await bystander.request({ type: 'join', code: session.code, name: 'Bystander' });
const launched = await fac.request({ type: 'launch_round', turns: 1, practice_s: 600, feedback_s: 0, soften_s: 60 });
if (launched.type !== 'round_launched') throw new Error(JSON.stringify(launched));
await sleep(1000);

let acked = 0, errors = 0, stop = false;
const rtts = [];
const pinger = (async () => {
  while (!stop) {
    const t0 = performance.now();
    await bystander.request({ type: 'ping', t0: Date.now() });
    rtts.push(performance.now() - t0);
    await sleep(20);
  }
})();
const t0 = performance.now();
const typing = typists.map(async (c, i) => {
  await sleep(Math.random() * 1000 / R);
  for (let v = 0; !stop; v++) {
    c.request({ type: 'feedback_draft', key: 'self:t0', text: `typist ${i}: so what I meant was ${v}` })
      .then(m => { if (m.type === 'draft_saved') acked++; else errors++; });
    await sleep(1000 / R);
  }
});
await sleep(S * 1000);
stop = true;
await Promise.all(typing);
await pinger;
await sleep(500);
const secs = (performance.now() - t0) / 1000;
rtts.sort((a, b) => a - b);
const q = p => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))].toFixed(1);
console.log(`typists: ${BIN}: ${T} typists x ${R}/s for ${S} s: ${(acked / secs).toFixed(0)} draft saves acknowledged per s` +
  ` (${errors} errors); bystander ping p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms (${rtts.length} pings)`);
for (const c of [fac, bystander, ...typists]) c.ws.terminate();
proc.kill('SIGTERM');
await new Promise(r => proc.once('exit', r));
rmSync(dir, { recursive: true, force: true });
