// typists — many people typing in the soft close at once (issue 14), against a real softclose:
// T typists (and IDLE more people who only watch) in one session, all in the soft close; each
// typist saves a draft R times a second for S seconds (as a fast typist's debounced saves would),
// while a bystander in a process of its own (bench/pinger.mjs) pings every 20 ms. Prints the saves
// sent, acknowledged (draft_saved: committed) and refused, per second, and the bystander's ping
// round trip p50/p99/max. Figures, not assertions.
//   node bench/typists.mjs [T=300] [R=10] [S=10] [binary=build/softclose] [IDLE=0]
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const [T, R, S] = [300, 10, 10].map((d, i) => Number(process.argv[2 + i] || d));
const BIN = process.argv[5] || process.env.SOFTCLOSE_BIN || 'build/softclose';
const IDLE = Number(process.argv[6] || 0);
const dir = mkdtempSync(path.join(process.env.TYPISTS_DATA_PARENT || tmpdir(), 'sc-typists-'));
const portFile = path.join(dir, 'port');
const proc = spawn(BIN, ['--port', '0', '--data-dir', dir, '--web-root', 'web', '--port-file', portFile, '--log-level', 'error',
  '--join-per-minute-ip', '1000000', '--max-participants', '30000'], { stdio: 'ignore' });
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
async function people(n, label) {
  const out = [];
  for (let i = 0; i < n; i += 100) {
    out.push(...await Promise.all(Array.from({ length: Math.min(100, n - i) }, async (_, k) => {
      const c = await client();
      const w = await c.request({ type: 'join', code: session.code, name: `${label} ${i + k}` });
      if (w.type !== 'welcome') throw new Error(JSON.stringify(w));
      return c;
    })));
  }
  return out;
}
const typists = await people(T, 'Typist');
const watchers = await people(IDLE, 'Watcher');
const pinger = spawn(process.execPath, [path.join(path.dirname(new URL(import.meta.url).pathname), 'pinger.mjs'), String(port), session.code],
  { stdio: ['pipe', 'pipe', 'inherit'] });
let pingerOut = '';
pinger.stdout.on('data', d => { pingerOut += d; });
for (const t0 = Date.now(); !pingerOut.includes('ready'); await sleep(20))
  if (Date.now() - t0 > 10000) throw new Error('typists: the bystander did not join');
// Everyone in the soft close: a 10 s practice (the shortest), no feedback phase.
const launched = await fac.request({ type: 'launch_round', turns: 1, practice_s: 10, feedback_s: 0, soften_s: 600 });
if (launched.type !== 'round_launched') throw new Error(JSON.stringify(launched));
await sleep(11000);

let sent = 0, acked = 0, ackedInWindow = 0, stop = false;
const refused = {};
pinger.stdin.write('go\n');
const t0 = performance.now();
const typing = typists.map(async (c, i) => {
  await sleep(Math.random() * 1000 / R);
  for (let v = 0; !stop; v++) {
    sent++;
    c.request({ type: 'feedback_draft', key: 'self:t0', text: `typist ${i}: so what I meant was ${v}` })
      .then(m => { if (m.type === 'draft_saved') acked++; else refused[m.code || m.type] = (refused[m.code || m.type] || 0) + 1; });
    await sleep(1000 / R);
  }
});
await sleep(S * 1000);
stop = true;
await Promise.all(typing);
const typedFor = (performance.now() - t0) / 1000;
ackedInWindow = acked;
pinger.stdin.write('stop\n');
await new Promise(r => pinger.once('exit', r));
const rtts = JSON.parse(pingerOut.trim().split('\n').pop()).rtts.sort((a, b) => a - b);
// every request answered (acknowledged or refused) before counting, up to 30 s
const tw = performance.now();
while (acked + Object.values(refused).reduce((a, b) => a + b, 0) < sent && performance.now() - tw < 30000) await sleep(50);
const drain = (performance.now() - tw) / 1000;
const q = p => rtts[Math.min(rtts.length - 1, Math.floor(p * rtts.length))].toFixed(1);
const nRefused = Object.values(refused).reduce((a, b) => a + b, 0);
console.log(`typists: ${BIN}: ${T} typists x ${R}/s for ${S} s${IDLE ? ` (+${IDLE} watching)` : ''}: sent ${sent} (${(sent / typedFor).toFixed(0)}/s),` +
  ` acknowledged ${acked} (${(ackedInWindow / typedFor).toFixed(0)}/s while typing; the rest within ${drain.toFixed(1)} s after),` +
  ` refused ${nRefused}${nRefused ? ' ' + JSON.stringify(refused) : ''}, unanswered ${sent - acked - nRefused}; bystander ping p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms (${rtts.length} pings)`);
for (const c of [fac, ...typists, ...watchers]) c.ws.terminate();
proc.kill('SIGTERM');
await new Promise(r => proc.once('exit', r));
rmSync(dir, { recursive: true, force: true });
