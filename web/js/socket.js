// socket.js — the one WebSocket of a page. Owns: connecting to ws(s)://<host>/ws, reconnecting
// with exponential backoff and jitter (0.5 s doubling to a 10 s cap), resuming with `hello {token}`
// on every (re)connect, request/reply matching by `id`/`re` (promises), the server clock offset
// (fastest of several ping/pong round trips, re-synced every 60 s), and the connection status
// shown to the person ("connecting", "online", "reconnecting").
//
// Usage:
//   const sock = new Socket({ onMessage, onStatus, onHello });
//   sock.setToken(token);           // resumes with hello on every connect from now on
//   const reply = await sock.request({ type: 'join', code, name });   // rejects with {code, message}
//   sock.serverNow()                // Date.now() corrected to the server's clock

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 10000;
const RESYNC_MS = 60000;
const SYNC_SAMPLES = 5;
const REQUEST_TIMEOUT_MS = 15000;

export class SocketError extends Error {
  constructor(code, message, extra = {}) {
    super(message || code);
    this.code = code;
    Object.assign(this, extra);
  }
}

export class Socket {
  // onMessage(msg): every event that is not a reply to one of our requests.
  // onStatus(status): 'connecting' | 'online' | 'reconnecting'.
  // onHello(result): after each hello; result is the welcome, or a SocketError.
  constructor({ onMessage, onStatus, onHello, url } = {}) {
    this.onMessage = onMessage || (() => {});
    this.onStatus = onStatus || (() => {});
    this.onHello = onHello || (() => {});
    this.url = url || `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    this.token = null;
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();       // id -> {resolve, reject, timer}
    this.queue = [];                // requests made before the connection was ready
    this.ready = false;             // open and (if we have a token) hello answered
    this.attempt = 0;
    this.everOnline = false;
    this.offset = 0;                // server_time - local time, ms
    this.rtt = Infinity;
    this.synced = false;
    this.syncTimer = null;
    this.reconnectTimer = null;
    this.status = 'connecting';
    this.stopped = false;
    this.connect();
  }

  setToken(token) { this.token = token || null; }

  // The server's clock now, as best we know it.
  serverNow() { return Date.now() + this.offset; }

  // Sends a request and resolves with its direct reply (rejects with SocketError on error).
  // Waits for the connection (and hello) if it is not ready yet.
  request(msg) {
    return new Promise((resolve, reject) => {
      const item = { msg, resolve, reject };
      if (this.ready) { this.sendNow(item); return; }
      this.queue.push(item);
      setTimeout(() => {
        const i = this.queue.indexOf(item);
        if (i < 0) return;
        this.queue.splice(i, 1);
        reject(new SocketError('disconnected', 'Still not connected to the server; try again in a moment.'));
      }, REQUEST_TIMEOUT_MS);
    });
  }

  // Closes for good (tests, leaving the page).
  stop() {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.syncTimer);
    if (this.ws) this.ws.close();
  }

  // Drops the current connection and connects again at once (after sign-out, to get a fresh,
  // unauthenticated connection).
  restart() {
    if (this.ws) {
      const old = this.ws;
      this.ws = null;
      old.onclose = null;
      old.close();
    }
    this.onClosed(false);
    clearTimeout(this.reconnectTimer);
    this.connect();
  }

  // ---- internals ---------------------------------------------------------------------------

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.onStatus(status);
  }

  connect() {
    if (this.stopped) return;
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.onOpen(ws);
    ws.onmessage = ev => this.onFrame(ws, ev.data);
    ws.onclose = () => { if (this.ws === ws) { this.ws = null; this.onClosed(true); } };
    ws.onerror = () => { /* onclose follows */ };
  }

  async onOpen(ws) {
    this.attempt = 0;
    if (this.token) {
      let result;
      try {
        result = await this.raw(ws, { type: 'hello', token: this.token });
      } catch (err) {
        result = err;
      }
      if (ws !== this.ws) return;
      if (result instanceof SocketError && result.code !== 'unauthorized') {
        // Rate limited or the server hiccuped: try again after a pause.
        const wait = result.retry_after_ms || 0;
        this.attempt = Math.max(this.attempt, 2);
        ws.onclose = null;
        ws.close();
        this.ws = null;
        this.onClosed(true, wait);
        return;
      }
      if (result instanceof SocketError) this.token = null;
      this.onHello(result);
    }
    this.ready = true;
    this.everOnline = true;
    this.setStatus('online');
    const queued = this.queue.splice(0);
    for (const item of queued) this.sendNow(item);
    this.syncClock(ws);
    clearInterval(this.syncTimer);
    this.syncTimer = setInterval(() => this.syncClock(ws), RESYNC_MS);
  }

  onClosed(reconnect, minDelay = 0) {
    this.ready = false;
    clearInterval(this.syncTimer);
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new SocketError('disconnected', 'The connection dropped; try again in a moment.'));
    }
    this.pending.clear();
    if (reconnect) {
      this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
      this.scheduleReconnect(minDelay);
    }
  }

  scheduleReconnect(minDelay = 0) {
    if (this.stopped) return;
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    const delay = Math.max(minDelay, base / 2 + Math.random() * base / 2);
    this.attempt++;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  sendNow(item) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      item.reject(new SocketError('disconnected', 'Not connected; try again in a moment.'));
      return;
    }
    this.raw(this.ws, item.msg).then(item.resolve, item.reject);
  }

  // Sends on a specific connection, bypassing the ready queue (hello and ping).
  raw(ws, msg) {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SocketError('timeout', 'The server did not answer; try again.'));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      try {
        ws.send(JSON.stringify({ ...msg, id }));
      } catch {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new SocketError('disconnected', 'Not connected; try again in a moment.'));
      }
    });
  }

  onFrame(ws, data) {
    let msg;
    try { msg = JSON.parse(data); } catch { return; }
    if (!msg || typeof msg !== 'object') return;
    if (msg.re !== undefined && this.pending.has(msg.re)) {
      const p = this.pending.get(msg.re);
      this.pending.delete(msg.re);
      clearTimeout(p.timer);
      if (msg.type === 'error') {
        const { code, message, ...extra } = msg;
        p.reject(new SocketError(code, message, extra));
      } else {
        p.resolve(msg);
      }
      return;
    }
    if (msg.type === 'pong') return;   // a late pong from an abandoned sync
    this.onMessage(msg);
  }

  // Several ping round trips; keeps the offset of the fastest one (least queueing noise).
  async syncClock(ws) {
    let best = null;
    for (let i = 0; i < SYNC_SAMPLES; i++) {
      if (ws !== this.ws) return;
      const t0 = Date.now();
      let pong;
      try { pong = await this.raw(ws, { type: 'ping', t0 }); } catch { return; }
      const t1 = Date.now();
      const rtt = t1 - t0;
      if (typeof pong.server_time !== 'number') continue;
      if (!best || rtt < best.rtt) best = { rtt, offset: pong.server_time - (t0 + t1) / 2 };
    }
    if (best) {
      this.offset = best.offset;
      this.rtt = best.rtt;
      this.synced = true;
      this.onMessage({ type: '_clock', offset: this.offset, rtt: this.rtt });
    }
  }
}
