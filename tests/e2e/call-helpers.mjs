// Helpers of the call browser tests: Chromium with fake media devices, reading a page's
// RTCPeerConnections (window.__softcloseCall) and their getStats(), a real coturn started on
// 127.0.0.1 for the relay tests (stopped by its PID), and WAV files for loud and silent fake
// microphones. Calls are heavy on a 2-core machine: timeouts are generous and tests run serially.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import dgram from 'node:dgram';
import path from 'node:path';

export const CALL_TIMEOUT = 45000;
export const CALL_FLAGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required', '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns'];

export async function launchCallBrowser(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...CALL_FLAGS, ...extra],
  });
}

// Records every screen-reader announcement of a page in window.__announced (the live region is
// rewritten quickly, so a test could miss one by polling).
export async function recordAnnouncements(context) {
  await context.addInitScript(() => {
    window.__announced = [];
    // every polite live region of the page: the phases (#sr-announce) and the call (#sr-call)
    document.addEventListener('DOMContentLoaded', () => {
      for (const region of document.querySelectorAll('[aria-live]')) {
        new MutationObserver(() => { const t = region.textContent.trim(); if (t) window.__announced.push(t); })
          .observe(region, { childList: true, characterData: true, subtree: true });
      }
    });
  });
}

// One entry per RTCPeerConnection of the page: state, bytes received, selected pair types.
export function callStats(page) {
  return page.evaluate(async () => {
    const c = window.__softcloseCall;
    if (!c) return null;
    const out = [];
    for (const { peer, pc } of c.connections()) {
      const st = await pc.getStats();
      const e = { peer, state: pc.connectionState, ice: pc.iceConnectionState, audio: 0, video: 0, local: null, remote: null, localCandidates: [] };
      let pair = null;
      st.forEach(r => {
        if (r.type === 'inbound-rtp') { if (r.kind === 'audio') e.audio += r.bytesReceived || 0; else if (r.kind === 'video') e.video += r.bytesReceived || 0; }
        if (r.type === 'transport' && r.selectedCandidatePairId) pair = st.get(r.selectedCandidatePairId);
        if (r.type === 'local-candidate') e.localCandidates.push(r.candidateType);
      });
      if (pair) {
        e.local = st.get(pair.localCandidateId)?.candidateType ?? null;
        e.remote = st.get(pair.remoteCandidateId)?.candidateType ?? null;
      }
      out.push(e);
    }
    return out;
  });
}

export const callState = page => page.evaluate(() => window.__softcloseCall && window.__softcloseCall.state());

// Waits until the page has `n` connections, all `connected`.
export async function waitConnected(page, n, timeout = CALL_TIMEOUT) {
  await page.waitForFunction(want => {
    const c = window.__softcloseCall;
    if (!c || !c.state().joined) return false;
    const list = c.connections();
    return list.length === want && list.every(x => x.pc.connectionState === 'connected');
  }, n, { timeout, polling: 250 });
}

// Waits until every connection of the page has received audio and video bytes (and they grow).
export async function waitMediaFlowing(page, timeout = CALL_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let first = null;
  for (;;) {
    const s = await callStats(page);
    if (s && s.length && s.every(e => e.audio > 0 && e.video > 0)) {
      if (!first) first = s;
      else if (s.every(e => { const f = first.find(x => x.peer === e.peer); return f && e.audio > f.audio && e.video > f.video; })) return s;
    }
    if (Date.now() > deadline) throw new Error(`media not flowing: ${JSON.stringify(s)}`);
    await new Promise(r => setTimeout(r, 500));
  }
}

// ---- coturn -----------------------------------------------------------------------------------
export function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Starts `turnserver` in the foreground on 127.0.0.1 with a shared secret; returns
// {port, url, pid, log(), stop()}.
export async function startTurn(secret) {
  const dir = mkdtempSync(path.join(tmpdir(), 'softclose-turn-'));
  const conf = path.join(dir, 'turnserver.conf');
  writeFileSync(conf, '');
  const port = await freeUdpPort();
  const minPort = 49160 + Math.floor(Math.random() * 2000);
  const pidfile = path.join(dir, 'turnserver.pid');
  const args = ['-c', conf, '--pidfile', pidfile, '--db', path.join(dir, 'turndb'),
    '--use-auth-secret', '--static-auth-secret', secret, '--realm', 'softclose.test',
    '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(port),
    '--min-port', String(minPort), '--max-port', String(minPort + 200),
    '--no-tls', '--no-dtls', '--no-cli', '--allow-loopback-peers', '--no-software-attribute',
    '--log-file', 'stdout', '--simple-log', '-v'];
  const proc = spawn(process.env.TURNSERVER_BIN || 'turnserver', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', d => { log += d; });
  proc.stderr.on('data', d => { log += d; });
  const exited = new Promise(res => proc.on('exit', (code, signal) => res({ code, signal })));
  const deadline = Date.now() + 10000;
  while (!/listener opened on|Total (UDP|General) servers/i.test(log)) {
    if (proc.exitCode !== null || Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`turnserver did not start: ${log.slice(-2000)}`); }
    await new Promise(r => setTimeout(r, 50));
  }
  await new Promise(r => setTimeout(r, 200));
  return {
    port, url: `turn:127.0.0.1:${port}?transport=udp`, pid: proc.pid, log: () => log,
    async stop() {
      const pid = existsSync(pidfile) ? Number(readFileSync(pidfile, 'utf8').trim()) || proc.pid : proc.pid;
      if (proc.exitCode === null && proc.signalCode === null) {
        try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
        const t = setTimeout(() => { try { process.kill(proc.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- fake microphones -------------------------------------------------------------------------
// A 16-bit mono WAV: `loud` is a voice-like tone (fundamental + harmonics, syllable-like swell),
// `silent` is digital silence. Chromium loops it as the fake microphone.
export function writeWav(file, { seconds = 4, rate = 48000, loud = true } = {}) {
  const n = seconds * rate;
  const data = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    let v = 0;
    if (loud) {
      const swell = 0.65 + 0.35 * Math.sin(2 * Math.PI * 3 * t);
      const f0 = 160 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
      v = swell * (0.45 * Math.sin(2 * Math.PI * f0 * t) + 0.25 * Math.sin(2 * Math.PI * 2 * f0 * t) + 0.12 * Math.sin(2 * Math.PI * 3 * f0 * t));
    }
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, v)) * 32767), i * 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36); h.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([h, data]));
  return file;
}
