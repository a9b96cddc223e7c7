// conn-memory — server memory per connection (issue 10): starts softclose on a temporary data
// directory, reads its RSS, opens N WebSocket connections that each send one ping (a message
// received is what used to pin a 16 KiB receive buffer per connection for life), reads the RSS
// again, and prints (growth / N) in kB. Figures, not assertions.
//   node bench/conn-memory.mjs [N=5000] [binary=build/softclose]
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const N = Number(process.argv[2] || 5000);
const BIN = process.argv[3] || process.env.SOFTCLOSE_BIN || 'build/softclose';
const dir = mkdtempSync(path.join(tmpdir(), 'sc-mem-'));
const portFile = path.join(dir, 'port');
const proc = spawn(BIN, ['--port', '0', '--data-dir', dir, '--web-root', 'web',
  '--port-file', portFile, '--log-level', 'error'], { stdio: 'ignore' });
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))[1]);
const sleep = ms => new Promise(r => setTimeout(r, ms));
let exited = false;
proc.once('exit', () => { exited = true; });
for (const t0 = Date.now(); !existsSync(portFile) || !readFileSync(portFile, 'utf8').trim(); await sleep(20))
  if (exited || Date.now() - t0 > 10000) { console.error(`conn-memory: ${BIN} did not start`); process.exit(1); }
const port = Number(readFileSync(portFile, 'utf8'));
await sleep(300);
const before = rssKb();
const sockets = [];
for (let i = 0; i < N; i += 200) {
  await Promise.all(Array.from({ length: Math.min(200, N - i) }, () => new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'ping', t0: Date.now() })));
    ws.once('message', () => resolve());
    sockets.push(ws);
  })));
}
await sleep(500);
const after = rssKb();
console.log(`conn-memory: ${BIN}: ${N} connections, each sent one message: RSS ${(before / 1024).toFixed(1)} -> ${(after / 1024).toFixed(1)} MiB, ` +
  `${((after - before) / N).toFixed(2)} kB per connection`);
for (const ws of sockets) ws.terminate();
proc.kill('SIGTERM');
await new Promise(r => proc.once('exit', r));
rmSync(dir, { recursive: true, force: true });
