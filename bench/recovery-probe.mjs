// recovery-probe — how long a restarted softclose takes to serve `hello` again (issue 10).
// Starts the server command given after `--` itself, so that the clock starts at the spawn: from
// then on it tries to open a WebSocket every 2 ms and, once one opens, sends `hello {token}`; the
// figure is spawn -> `welcome`. Also prints when the port first accepted a connection, and the
// server's own "listening" line. Used by bench/run-recovery.sh; the server keeps running after the
// probe exits (its PID is printed so the caller can stop it).
//   node bench/recovery-probe.mjs --port P --token T -- build/softclose --port P ...
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const args = process.argv.slice(2);
const sep = args.indexOf('--');
if (sep < 0 || sep === args.length - 1) { console.error('usage: recovery-probe --port P --token T [--log F] -- server args...'); process.exit(2); }
const opt = {};
for (let i = 0; i < sep; i += 2) opt[args[i].replace(/^--/, '')] = args[i + 1];
if (!opt.port || !opt.token) { console.error('recovery-probe: --port and --token are required'); process.exit(2); }
const limitMs = 30000;

const log = opt.log ? openSync(opt.log, 'a') : 'ignore';
const t0 = performance.now();
const server = spawn(args[sep + 1], args.slice(sep + 2), { stdio: ['ignore', log, log], detached: true });
server.unref();

function attempt() {
  return new Promise(resolve => {
    const ws = new WebSocket(`ws://127.0.0.1:${opt.port}/ws`);
    let opened = 0;
    ws.on('open', () => {
      opened = performance.now();
      ws.send(JSON.stringify({ type: 'hello', id: 1, token: opt.token }));
    });
    ws.on('message', data => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'welcome') { ws.terminate(); resolve({ opened, welcome: performance.now() }); }
      else if (msg.type === 'error') { ws.terminate(); resolve({ opened, error: msg }); }
    });
    ws.on('error', () => resolve(null));
    ws.on('close', () => resolve(null));
  });
}

let firstOpen = 0;
for (;;) {
  if (performance.now() - t0 > limitMs) { console.error(`recovery-probe: no welcome within ${limitMs} ms`); process.exit(1); }
  const r = await attempt();
  if (r && r.opened && !firstOpen) firstOpen = r.opened;
  if (r && r.error) { console.error(`recovery-probe: hello refused: ${JSON.stringify(r.error)}`); process.exit(1); }
  if (r && r.welcome) {
    console.log(`recovery: spawn -> first WebSocket open ${(firstOpen - t0).toFixed(1)} ms, -> welcome to hello ${(r.welcome - t0).toFixed(1)} ms (server pid ${server.pid})`);
    process.exit(0);
  }
  await new Promise(res => setTimeout(res, 2));
}
