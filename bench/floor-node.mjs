/* floor-node: the Node `ws` comparator for issue 10, a behavioural twin of bench/floor.c. It is a
 * bare `ws` 8 WebSocket server (per-message-deflate off) with no application logic. It sends the
 * same replies, field for field and byte for byte, that bench/loadgen needs:
 * create_session → session_created; join → welcome; hello → welcome + help_list; ping → pong;
 * launch_round → round_launched, then to every participant a `room` and a `phase` message padded to
 * --room-bytes and --phase-bytes (the same `,"pad":"xxx…"}` scheme), and the facilitator `rooms`
 * and `roster`. At each shared deadline it sends one `phase` to everyone (soften after practice_s,
 * closed after soften_s more) and one `rooms_update` naming every room to the facilitator. Anything else gets `ok`, and unparsable input gets a bad_request
 * error. It has no store and no rooms, so it shows what the same traffic costs in Node.
 *   node bench/floor-node.mjs --port P [--port-file F] [--room-bytes B] [--phase-bytes B] [--rx-bytes B (ignored)]
 * --port 0 means an ephemeral port. It listens on 127.0.0.1 and exits 0 on SIGTERM or SIGINT. */
import { writeFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

let port = 0, portFile = null, roomBytes = 700, phaseBytes = 200;
const argv = process.argv.slice(2);
for (let i = 0; i + 1 < argv.length; i += 2) {
  const v = argv[i + 1];
  if (argv[i] === '--port') port = parseInt(v, 10) || 0;
  else if (argv[i] === '--port-file') portFile = v;
  else if (argv[i] === '--room-bytes') roomBytes = parseInt(v, 10) || 0;
  else if (argv[i] === '--phase-bytes') phaseBytes = parseInt(v, 10) || 0;
  else if (argv[i] === '--rx-bytes') { /* lws's receive buffer size in floor.c; nothing to set in ws */ }
  else { process.stderr.write(`floor-node: unknown option ${argv[i]}\n`); process.exit(2); }
}

const people = [];        // participants in join order (null once closed)
const deadlineMs = [0, 0]; // practice end, soften end
let phaseAt = 0;          // phases sent so far after the launch
let timer = null;
let facWs = null;         // who launched: gets a rooms_update at each deadline

// Sends text, padded with a "pad" field up to padTo bytes when longer is asked for (floor.c's queue()).
// Every message here is ASCII, so string length equals byte length.
function send(ws, text, padTo) {
  const len = text.length;
  if (padTo > len && len > 1 && padTo - len >= 10) {
    const head = text.slice(0, len - 1) + ',"pad":"';
    text = head + 'x'.repeat(padTo - head.length - 2) + '"}';
  }
  ws.send(text);
}

function sendPhase(name, deadline) {
  const t = Date.now();
  const dl = deadline >= 0 ? String(deadline) : 'null';
  for (let i = 0; i < people.length; i++) {
    if (!people[i]) continue;
    send(people[i], `{"type":"phase","room":"r${Math.floor(i / 3)}","phase":"${name}","deadline":${dl},"server_time":${t}}`, phaseBytes);
  }
}

function schedule(at) {
  clearTimeout(timer);
  timer = setTimeout(onDeadline, Math.max(0, at - Date.now()));
}

// The facilitator's view of a deadline: one rooms_update naming every room (floor.c's send_rooms_update).
function sendRoomsUpdate() {
  if (!facWs || facWs.readyState !== 1) return;
  const rooms = Math.floor((people.length + 2) / 3);
  const list = [];
  for (let r = 0; r < rooms; r++) list.push(`{"number":${r + 1}}`);
  send(facWs, `{"type":"rooms_update","rooms":[${list.join(',')}]}`, 0);
}

function onDeadline() {
  if (phaseAt === 1) {
    sendPhase('soften', deadlineMs[1]);
    sendRoomsUpdate();
    phaseAt = 2;
    schedule(deadlineMs[1]);
  } else if (phaseAt === 2) {
    sendPhase('closed', -1);
    sendRoomsUpdate();
    phaseAt = 3;
  }
}

const intOr = (v, d) => (Number.isInteger(v) ? v : d);

function launch(fac, req) {
  const practice = intOr(req.practice_s, 10), soften = intOr(req.soften_s, 10);
  const t = Date.now();
  deadlineMs[0] = t + practice * 1000;
  deadlineMs[1] = deadlineMs[0] + soften * 1000;
  const rooms = Math.floor((people.length + 2) / 3);
  facWs = fac;
  send(fac, `{"type":"round_launched","re":${intOr(req.id, 0)},"rooms":${rooms}}`, 0);
  for (let i = 0; i < people.length; i++) {
    if (!people[i]) continue;
    const r = Math.floor(i / 3);
    send(people[i], `{"type":"room","room":{"id":"r${r}","number":${r + 1}}}`, roomBytes);
  }
  sendPhase('practice', deadlineMs[0]);
  send(fac, '{"type":"rooms","rooms":[]}', 0);
  send(fac, '{"type":"roster","people":[]}', 0);
  phaseAt = 1;
  schedule(deadlineMs[0]);
}

function onMessage(ws, data) {
  let req = null;
  try { req = JSON.parse(data.toString()); } catch { req = null; }
  if (req === null || typeof req !== 'object' || Array.isArray(req)) req = null;
  const type = req && typeof req.type === 'string' ? req.type : null;
  const id = req ? intOr(req.id, 0) : 0;
  if (type === null) {
    send(ws, '{"type":"error","code":"bad_request"}', 0);
  } else if (type === 'create_session') {
    send(ws, `{"type":"session_created","re":${id},"session":{"code":"FLOOR2"},"facilitator_token":"f"}`, 0);
  } else if (type === 'join') {
    ws.isParticipant = true;
    ws.index = people.length;
    people.push(ws);
    send(ws, `{"type":"welcome","re":${id},"token":"t${ws.index}","participant":{"id":"p${ws.index}"}}`, 0);
  } else if (type === 'hello') {
    send(ws, `{"type":"welcome","re":${id}}`, 0);
    send(ws, '{"type":"help_list","help":[]}', 0);
  } else if (type === 'ping') {
    send(ws, `{"type":"pong","re":${id},"server_time":${Date.now()}}`, 0);
  } else if (type === 'launch_round') {
    launch(ws, req);
  } else {
    send(ws, `{"type":"ok","re":${id}}`, 0);
  }
}

const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, clientTracking: false });
wss.on('error', (err) => {
  process.stderr.write(`floor-node: cannot listen (${err.message})\n`);
  process.exit(1);
});
wss.on('listening', () => {
  if (portFile) writeFileSync(portFile, `${wss.address().port}\n`);
});
wss.on('connection', (ws) => {
  ws.isParticipant = false;
  ws.on('message', (data) => onMessage(ws, data));
  ws.on('error', () => {});
  ws.on('close', () => {
    if (ws.isParticipant && ws.index < people.length) people[ws.index] = null;
  });
});

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
