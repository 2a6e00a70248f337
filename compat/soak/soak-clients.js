#!/usr/bin/env node
// The soak's clients (socketeer-bench's SoakMain --mode=soak starts this against the reference server).
//
//   node compat/soak/soak-clients.js '{"host":"127.0.0.1","port":3000,"apiKey":"...","jwtSecret":"...","durationS":3600}'
//
// For durationS seconds, with the official socket.io-client:
//   dashboards  long-lived clients (half websocket, half polling) in hub room "dash": they must receive every
//               claim posted over REST (newClaim), every room notification (POST /websocket/notify/room/dash)
//               and every chat message a churner got confirmed (messageBroadcast);
//   churners    connect (websocket, polling, or polling then upgrade), join a room of their own, send room
//               messages and echo acks and one chat message, wait for all the answers, stay a while, leave
//               (one in eight by dropping the transport); every answer not received is lost;
//   non-readers raw websockets that send CONNECT, stop reading and send pings (the server must drop them);
//   bad input   one probe of the next bad-input class (probes.js) every badEveryS seconds.
// Every statsEveryS a {"type":"stats",...} line, at the end one {"type":"final",...} line on stdout; exit 0
// when no behaving client lost anything, 1 otherwise. Diagnostics go to stderr.
'use strict';

const { io } = require('socket.io-client');
const WebSocket = require('ws');
const { CLASSES, probe, healthy, api, sleep } = require('./probes');

const o = Object.assign({
  host: '127.0.0.1', port: 3000, durationS: 3600, dashboards: 50, churners: 150, nonReaders: 10,
  claimEveryMs: 500, notifyEveryMs: 1000, badEveryS: 5, holdS: [10, 40], roomMessages: 5, statsEveryS: 30,
}, JSON.parse(process.argv[2] || '{}'));
const ctx = Object.assign({ big: false, log: (m) => console.error(m) }, o);
const url = `http://${o.host}:${o.port}`;
const deadline = Date.now() + o.durationS * 1000;
const running = () => Date.now() < deadline;

const s = {
  claimsPosted: 0, claimErrors: 0, notificationsPosted: 0, notifyErrors: 0, chatConfirmed: 0,
  churnSessions: 0, churnConnectErrors: 0, churnExpected: 0, churnReceived: 0, churnLost: 0, churnUnexpectedDisconnects: 0,
  dashboardDisconnects: 0, nonReaderSessions: 0, nonReadersDroppedByServer: 0, nonReadersHeldToCap: 0, probes: {},
};
const claimIds = new Set();
const notifications = new Set();
const chats = new Set();

// ---- dashboards ---------------------------------------------------------------------------------

const dashboards = [];
function dashboard(i) {
  const d = { i, claims: new Set(), notes: new Set(), chats: new Set(), disconnects: 0 };
  const sock = io(url, { forceNew: true, transports: i % 2 ? ['polling'] : ['websocket'], upgrade: false });
  d.sock = sock;
  d.ready = new Promise((resolve) => sock.once('connect', () => {
    sock.timeout(20000).emitWithAck('joinRoom', { room: 'dash' }).then(resolve, resolve);
  }));
  sock.on('newClaim', (c) => d.claims.add(c.id));
  sock.on('notification', (n) => d.notes.add(n.title));
  sock.on('messageBroadcast', (m) => d.chats.add(m.message));
  sock.on('disconnect', (reason) => {
    if (!d.closing) {
      d.disconnects++;
      s.dashboardDisconnects++;
      console.error(`[soak] dashboard ${i} disconnected: ${reason}`);
    }
  });
  return d;
}

// ---- churners -----------------------------------------------------------------------------------

let sessionNo = 0;
async function churner(slot) {
  while (running()) {
    const n = sessionNo++;
    const mode = n % 3;
    const sock = io(url, { forceNew: true, reconnection: false,
      transports: mode === 0 ? ['websocket'] : ['polling', 'websocket'], upgrade: mode === 2 });
    let expected = 0;
    let received = 0;
    let unexpected = false;
    let leaving = false;
    const room = `c-${slot}-${n}`;
    try {
      await new Promise((resolve, reject) => {
        sock.once('connect', resolve);
        sock.once('connect_error', reject);
        setTimeout(() => reject(new Error('connect timeout')), 30000);
      });
    } catch (e) {
      s.churnConnectErrors++;
      sock.close();
      await sleep(1000);
      continue;
    }
    s.churnSessions++;
    sock.on('disconnect', (reason) => {
      if (!leaving) unexpected = true;
    });
    const got = new Set();
    const roomDone = new Promise((resolve) => sock.on('roomMessage', (m) => {
      if (m.room === room) got.add(m.message);
      if (got.size === o.roomMessages) resolve();
    }));
    const chat = `chat-${n}`;
    const chatDone = new Promise((resolve) => sock.on('messageReceived', (m) => { if (m.message === chat) resolve(); }));
    const waits = [];
    expected += 1; // the join's ack
    waits.push(sock.timeout(20000).emitWithAck('joinRoom', { room }).then(() => received++, () => {}));
    await waits[0];
    for (let k = 0; k < o.roomMessages; k++) {
      sock.emit('roomMessage', { room, message: `m${k}` });
      expected += 2; // the room message back and the echo's ack
      waits.push(sock.timeout(20000).emitWithAck('echo', { n, k }).then((a) => { if (a.n === n && a.k === k) received++; }, () => {}));
    }
    sock.emit('message', { message: chat });
    expected += 1;
    const timeout = sleep(20000);
    await Promise.race([Promise.all(waits.slice(1)), timeout]);
    await Promise.race([roomDone, timeout]);
    received += got.size;
    const chatOk = await Promise.race([chatDone.then(() => true), timeout.then(() => false)]);
    if (chatOk) {
      received++;
      chats.add(chat);
      s.chatConfirmed++;
    }
    const [lo, hi] = o.holdS;
    const hold = Math.min((lo + Math.random() * (hi - lo)) * 1000, Math.max(0, deadline - Date.now()));
    await sleep(hold);
    leaving = true;
    if (n % 8 === 7 && sock.io.engine) sock.io.engine.close(); else sock.disconnect();
    s.churnExpected += expected;
    s.churnReceived += received;
    s.churnLost += expected - received;
    if (unexpected) s.churnUnexpectedDisconnects++;
    if (expected !== received) console.error(`[soak] churner session ${n} (${room}) got ${received} of ${expected}`);
  }
}

// ---- non-readers --------------------------------------------------------------------------------

async function nonReader() {
  while (running()) {
    s.nonReaderSessions++;
    const outcome = await new Promise((resolve) => {
      const ws = new WebSocket(`ws://${o.host}:${o.port}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
      let timer;
      let pinger;
      const finish = (t) => {
        clearTimeout(timer);
        clearInterval(pinger);
        ws.terminate();
        resolve(t);
      };
      ws.on('error', () => finish('dropped'));
      ws.on('close', () => finish('dropped'));
      ws.once('message', () => {
        ws.send('40');
        ws._socket.pause(); // never reads again: the server's pings go unanswered, its writes pile up
        pinger = setInterval(() => {
          if (ws._socket.writableLength < 65536) ws._socket.write(PING);
        }, 100);
        timer = setTimeout(() => finish('held'), 90000);
        ws._socket.on('error', () => finish('dropped'));
      });
    });
    if (outcome === 'dropped') s.nonReadersDroppedByServer++; else s.nonReadersHeldToCap++;
    await sleep(1000);
  }
}
const PING = Buffer.from([0x89, 0x84, 1, 2, 3, 4, 0x71, 0x6b, 0x6a, 0x6d]); // masked ping, payload "ping"

// ---- REST traffic and bad input -----------------------------------------------------------------

async function poster(token) {
  while (running()) {
    const next = sleep(o.claimEveryMs);
    try {
      const r = await api(ctx, 'POST', '/api/v1/claims', { title: 'soak', description: 'a claim from the soak',
        amount: 12.5, currency: 'EUR' }, { authorization: 'Bearer ' + token });
      if (r.status === 201) { s.claimsPosted++; claimIds.add(JSON.parse(r.text).id); } else s.claimErrors++;
    } catch (e) {
      s.claimErrors++;
    }
    await next;
  }
}

async function notifier() {
  let seq = 0;
  while (running()) {
    const next = sleep(o.notifyEveryMs);
    const title = `n-${seq++}`;
    try {
      const r = await api(ctx, 'POST', '/websocket/notify/room/dash', { type: 'info', title, message: 'soak' },
        { 'x-api-key': o.apiKey });
      if (r.status === 200) { s.notificationsPosted++; notifications.add(title); } else s.notifyErrors++;
    } catch (e) {
      s.notifyErrors++;
    }
    await next;
  }
}

async function badInput() {
  const names = Object.keys(CLASSES);
  const inFlight = new Set();
  for (let i = 0; running(); i++) {
    const name = names[i % names.length];
    if (inFlight.size < 4) {
      const p = probe(ctx, name).then((t) => {
        const c = (s.probes[name] = s.probes[name] || {});
        c[t] = (c[t] || 0) + 1;
        inFlight.delete(p);
      });
      inFlight.add(p);
    }
    await sleep(o.badEveryS * 1000);
  }
  await Promise.all(inFlight);
}

// ---- the run ------------------------------------------------------------------------------------

function missing(expectedSet, gotSet) {
  let m = 0;
  for (const x of expectedSet) if (!gotSet.has(x)) m++;
  return m;
}

async function main() {
  const name = 'soak-' + process.pid;
  await api(ctx, 'POST', '/api/v1/auth/register', { username: name, password: 'correct horse' });
  const login = await api(ctx, 'POST', '/api/v1/auth/login', { username: name, password: 'correct horse' });
  if (login.status !== 200) throw new Error('login failed: ' + login.status + ' ' + login.text);
  const token = JSON.parse(login.text).accessToken;

  for (let i = 0; i < o.dashboards; i++) dashboards.push(dashboard(i));
  await Promise.all(dashboards.map((d) => d.ready));
  console.error(`[soak] ${o.dashboards} dashboards in room dash`);
  const started = Date.now();
  const stats = setInterval(() => process.stdout.write(JSON.stringify(Object.assign({ type: 'stats',
    t: Math.round((Date.now() - started) / 1000) }, s)) + '\n'), o.statsEveryS * 1000);
  // the harness stops reading memory here: what follows is the tail (probes finishing, the last deliveries)
  setTimeout(() => process.stdout.write(JSON.stringify({ type: 'draining' }) + '\n'), Math.max(0, deadline - Date.now()));
  const tasks = [poster(token), notifier(), badInput()];
  for (let i = 0; i < o.churners; i++) {
    tasks.push(churner(i));
    await sleep(50);
  }
  for (let i = 0; i < o.nonReaders; i++) tasks.push(nonReader());
  await Promise.all(tasks);
  clearInterval(stats);

  await sleep(5000); // the last posts' events are on their way
  const perDashboard = dashboards.map((d) => ({
    i: d.i, transport: d.i % 2 ? 'polling' : 'websocket', disconnects: d.disconnects,
    missingClaims: missing(claimIds, d.claims), missingNotifications: missing(notifications, d.notes),
    missingChats: missing(chats, d.chats),
  }));
  for (const d of dashboards) { d.closing = true; d.sock.disconnect(); }
  const dashLost = perDashboard.reduce((a, d) => a + d.missingClaims + d.missingNotifications + d.missingChats, 0);
  const ok = await healthy(ctx);
  const final = Object.assign({ type: 'final', seconds: Math.round((Date.now() - started) / 1000), healthy: ok,
    dashboardMessagesExpected: o.dashboards * (claimIds.size + notifications.size + chats.size),
    dashboardMessagesLost: dashLost, lossFree: dashLost === 0 && s.churnLost === 0 && s.dashboardDisconnects === 0,
    dashboardsWithLoss: perDashboard.filter((d) => d.missingClaims + d.missingNotifications + d.missingChats > 0) }, s);
  process.stdout.write(JSON.stringify(final) + '\n');
  process.exit(final.lossFree && ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
