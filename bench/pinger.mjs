// pinger — the bystander of bench/typists.mjs, in a process of its own so that the load
// generator's own event loop does not count against the server: joins the session, pings every
// 20 ms from a line `go` on stdin, and on a line `stop` prints {"rtts":[…]} (milliseconds) and
// exits.   node bench/pinger.mjs PORT CODE
import WebSocket from 'ws';

const [port, code] = process.argv.slice(2);
const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
const waiting = new Map();
let next = 1;
ws.on('message', d => {
  const m = JSON.parse(d);
  const w = m.re !== undefined && waiting.get(m.re);
  if (w) { waiting.delete(m.re); w(m); }
});
const request = msg => new Promise(res => { const id = next++; waiting.set(id, res); ws.send(JSON.stringify({ ...msg, id })); });
await new Promise((res, rej) => { ws.once('open', res); ws.once('error', rej); });
const w = await request({ type: 'join', code, name: 'Bystander' });
if (w.type !== 'welcome') { console.error('pinger: ' + JSON.stringify(w)); process.exit(1); }
// A ping every 20 ms on a fixed schedule, whether or not the last one was answered (waiting would
// hide a stall behind a single slow sample); a ping still unanswered at the end counts with the
// time it has waited so far.
const sentAt = new Map(), rtts = [];
let n = 0;
ws.removeAllListeners('message');
ws.on('message', d => {
  const m = JSON.parse(d);
  const t = sentAt.get(m.re);
  if (t !== undefined) { sentAt.delete(m.re); rtts.push(performance.now() - t); }
});
let timer = null;
function go() {
  timer = setInterval(() => {
    const id = `p${n++}`;
    sentAt.set(id, performance.now());
    ws.send(JSON.stringify({ type: 'ping', id, t0: Date.now() }));
  }, 20);
}
function stop() {
  clearInterval(timer);
  const end = performance.now();
  for (const t of sentAt.values()) rtts.push(end - t);
  console.log(JSON.stringify({ rtts }));
  ws.terminate();
  process.exit(0);
}
console.log('ready');
let input = '';
process.stdin.on('data', d => {
  input += d;
  for (let i; (i = input.indexOf('\n')) >= 0; input = input.slice(i + 1)) {
    const line = input.slice(0, i).trim();
    if (line === 'go') go();
    if (line === 'stop') stop();
  }
});
