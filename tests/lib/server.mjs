// Starts a real softclose process on an ephemeral port with a temporary data directory,
// and small WebSocket client helpers. Used by the integration and browser tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.SOFTCLOSE_BIN || path.join(root, 'build/softclose');

export function tempDataDir() {
  return mkdtempSync(path.join(tmpdir(), 'softclose-test-'));
}

// start({dataDir, args, env}) -> {port, url, proc, dataDir, stop(), kill9()}
export async function startServer(opts = {}) {
  const dataDir = opts.dataDir || tempDataDir();
  const portFile = path.join(dataDir, `port-${process.pid}-${Date.now()}`);
  const args = ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--web-root', path.join(root, 'web'),
    '--port-file', portFile, '--log-level', 'warn', ...(opts.args || [])];
  // opts.prefix runs the server under another command, e.g. ['prlimit', '--nofile=400:400']
  const [cmd, ...cmdArgs] = [...(opts.prefix || []), BIN, ...args];
  const proc = spawn(cmd, cmdArgs, { env: { ...process.env, ...(opts.env || {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', d => { output += d; });
  proc.stderr.on('data', d => { output += d; });
  const exited = new Promise(res => proc.on('exit', (code, signal) => res({ code, signal })));
  const deadline = Date.now() + 10000;
  while (!existsSync(portFile) || !readFileSync(portFile, 'utf8').trim()) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`softclose did not start: ${output}`);
    await new Promise(r => setTimeout(r, 20));
  }
  const port = Number(readFileSync(portFile, 'utf8').trim());
  rmSync(portFile, { force: true });
  const server = {
    port, dataDir, proc, url: `http://127.0.0.1:${port}`, output: () => output, exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      if (r.code !== 0 && r.signal !== 'SIGKILL') throw new Error(`softclose exited ${r.code}/${r.signal}: ${output}`);
      return r;
    },
    async kill9() { proc.kill('SIGKILL'); return exited; },
  };
  return server;
}

// A WebSocket client that records every message and can wait for one matching a predicate.
export async function connect(server, { origin, headers = {} } = {}) {
  const h = { ...headers };
  if (origin) h.Origin = origin;
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: h });
  const client = { ws, messages: [], waiters: [], nextId: 1, closed: false };
  ws.on('message', data => {
    const msg = JSON.parse(data.toString());
    client.messages.push(msg);
    for (const w of [...client.waiters]) if (w.pred(msg)) { client.waiters.splice(client.waiters.indexOf(w), 1); w.resolve(msg); }
  });
  ws.on('close', () => { client.closed = true; });
  await new Promise((res, rej) => { ws.once('open', res); ws.once('error', rej); });
  // Resolves with the first message (already received or future) matching pred.
  client.waitFor = (pred, ms = 5000, from = 0) => {
    const found = client.messages.slice(from).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve };
      client.waiters.push(w);
      setTimeout(() => { const i = client.waiters.indexOf(w); if (i >= 0) { client.waiters.splice(i, 1); reject(new Error(`timed out waiting; got ${JSON.stringify(client.messages.slice(-5))}`)); } }, ms);
    });
  };
  client.waitType = (type, ms, from) => client.waitFor(m => m.type === type, ms, from);
  // Sends a request with a fresh id and resolves with its direct reply.
  client.request = (msg, ms = 5000) => {
    const id = client.nextId++;
    const p = client.waitFor(m => m.re === id, ms);
    ws.send(JSON.stringify({ ...msg, id }));
    return p;
  };
  client.sendRaw = data => ws.send(data);
  client.close = () => new Promise(res => { if (client.closed) return res(); ws.once('close', res); ws.close(); });
  return client;
}

export const sleep = ms => new Promise(r => setTimeout(r, ms));
