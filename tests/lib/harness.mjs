// Per-test helpers on top of server.mjs: servers, clients and temp dirs that are cleaned up when
// the test ends (last in, first out), plus small helpers for sessions, joins and one-shot runs.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, connect, tempDataDir, BIN } from './server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = path.join(ROOT, 'web');
export const CODE_RE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// harness(t) -> { server(opts), connect(server, opts), dir() }. Everything it made is torn down
// in reverse order after the test: clients terminated, servers stopped (SIGTERM; a non-zero
// exit, e.g. a sanitizer report, fails the test), temp dirs removed.
export function harness(t) {
  const cleanups = [];
  t.after(async () => {
    let firstError;
    while (cleanups.length) {
      try { await cleanups.pop()(); } catch (e) { firstError ??= e; }
    }
    if (firstError) throw firstError;
  });
  const h = {
    dir() {
      const d = tempDataDir();
      cleanups.push(() => rmSync(d, { recursive: true, force: true }));
      return d;
    },
    async server(opts = {}) {
      const dataDir = opts.dataDir || h.dir();
      const s = await startServer({ ...opts, dataDir });
      cleanups.push(() => s.stop());
      return s;
    },
    async connect(server, opts) {
      const c = await connect(server, opts);
      c.ws.on('error', () => {});   // errors after open show up as a close; never crash the runner
      c.closeInfo = new Promise(res => c.ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
      cleanups.push(() => c.ws.terminate());
      return c;
    },
  };
  return h;
}

// Creates a session on a fresh connection: { fac, session, token, reply }.
export async function newSession(h, server, name = 'Practice group') {
  const fac = await h.connect(server);
  const reply = await fac.request({ type: 'create_session', name });
  assert.equal(reply.type, 'session_created', JSON.stringify(reply));
  return { fac, session: reply.session, token: reply.facilitator_token, reply };
}

// Joins on a fresh connection; the client gets .welcome, .token and .pid.
export async function joinAs(h, server, code, name) {
  const c = await h.connect(server);
  const w = await c.request({ type: 'join', code, name });
  assert.equal(w.type, 'welcome', `join as ${name}: ${JSON.stringify(w)}`);
  c.welcome = w;
  c.token = w.token;
  c.pid = w.participant.id;
  return c;
}

// Resumes with a token on a fresh connection; the client gets .welcome.
export async function helloAs(h, server, token) {
  const c = await h.connect(server);
  const w = await c.request({ type: 'hello', token });
  assert.equal(w.type, 'welcome', `hello: ${JSON.stringify(w)}`);
  c.welcome = w;
  return c;
}

// Asserts an error reply with the given code (and that it carries a message sentence).
export function assertError(msg, code, context = '') {
  assert.equal(msg.type, 'error', `${context} expected error ${code}, got ${JSON.stringify(msg)}`);
  assert.equal(msg.code, code, `${context} expected ${code}, got ${JSON.stringify(msg)}`);
  assert.equal(typeof msg.message, 'string', `${context} error without message: ${JSON.stringify(msg)}`);
  assert.ok(msg.message.length > 0, `${context} empty error message`);
}

// Proves a connection is still open and served: a ping gets its pong.
export async function assertAlive(c, context = '') {
  assert.equal(c.closed, false, `${context} connection was closed`);
  const t0 = Date.now();
  const pong = await c.request({ type: 'ping', t0 });
  assert.equal(pong.type, 'pong', `${context} ${JSON.stringify(pong)}`);
  assert.equal(pong.t0, t0);
}

// Runs the binary once to completion: { code, signal, stdout, stderr }. Killed after timeoutMs.
export function runOnce(args, { timeoutMs = 10000, env = {} } = {}) {
  return new Promise(resolve => {
    const proc = spawn(BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    proc.stdout.on('data', d => { stdout += d; });
    proc.stderr.on('data', d => { stderr += d; });
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('close', (code, signal) => {   // 'close': the process exited and its pipes drained
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// The arguments startServer() uses, for a one-shot run against a data dir.
export function serverArgs(dataDir, extra = []) {
  return ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir, '--web-root', WEB_ROOT, '--log-level', 'warn', ...extra];
}
