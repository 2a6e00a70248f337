// The bad-input classes of issue 18, as probes against a running reference server (socketeer-server).
// Each class is an async function (ctx) -> outcome tag (a short string: an HTTP status, "closed", ...);
// the callers count the tags per class. Every probe ends its own connections: by the server closing them,
// or by the probe after its cap, so nothing of a probe outlives it.
//
// ctx: {host, port, apiKey, jwtSecret, big (true: the full sizes), log(msg)}
'use strict';

const net = require('net');
const crypto = require('crypto');
const WebSocket = require('ws');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Sends raw bytes on a fresh TCP connection; resolves {status, closedByServer, ms} when the server closes or capMs passes. */
function rawHttp(ctx, payload, capMs = 10000, onConnect) {
  return new Promise((resolve) => {
    const started = Date.now();
    const s = net.connect(ctx.port, ctx.host);
    let head = '';
    let done = false;
    const finish = (closedByServer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      resolve({ status: m ? Number(m[1]) : 0, closedByServer, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish(false), capMs);
    s.on('connect', () => {
      if (payload) s.write(payload);
      if (onConnect) onConnect(s);
    });
    s.on('data', (d) => {
      if (head.length < 256) head += d.toString('latin1');
      // an answered request with Connection: close ends here; a keep-alive answer is enough too
      if (/^HTTP\/1\.[01] \d{3}/.test(head) && !onConnect) finish(false);
    });
    s.on('end', () => finish(true));
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
  });
}

const tag = (r) => (r.status ? String(r.status) : r.closedByServer ? 'closed' : 'held') ;

function request(method, path, headers = {}, body = '') {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  let text = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`;
  for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
  if (b.length || method === 'POST') text += `Content-Length: ${b.length}\r\n`;
  return Buffer.concat([Buffer.from(text + '\r\n', 'latin1'), b]);
}

async function api(ctx, method, path, body, headers = {}) {
  const res = await fetch(`http://${ctx.host}:${ctx.port}${path}`, {
    method,
    headers: Object.assign({ 'content-type': 'application/json' }, headers),
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text };
}

/** A websocket Engine.IO session (no polling first); resolves the open WebSocket, rejects on failure. */
function openWs(ctx, query = '') {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${ctx.host}:${ctx.port}/socket.io/?EIO=4&transport=websocket${query}`,
      { perMessageDeflate: false, maxPayload: 4 * 1024 * 1024 });
    const t = setTimeout(() => { ws.terminate(); reject(new Error('ws open timeout')); }, 15000);
    ws.on('error', (e) => { clearTimeout(t); reject(e); });
    ws.once('message', () => { clearTimeout(t); resolve(ws); }); // the Engine.IO OPEN packet
  });
}

/** Sends each message, then waits for the server to answer or close (capMs); resolves a tag and terminates. */
function wsExchange(ws, messages, until, capMs = 5000) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (t) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(t);
    };
    const timer = setTimeout(() => finish('no-answer'), capMs);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      if (text === '2') { ws.send('3'); return; }
      if (!until || until(text)) finish('answered:' + text.slice(0, 2));
    });
    ws.on('close', (code) => finish('close:' + code));
    ws.on('error', () => finish('error'));
    for (const m of messages) {
      if (typeof m === 'function') m(ws); else ws.send(m);
    }
  });
}

/** A masked websocket frame written straight to the socket (for what the ws library refuses to send). */
function frame(opcode, payload) {
  const mask = crypto.randomBytes(4);
  const p = Buffer.from(payload);
  for (let i = 0; i < p.length; i++) p[i] ^= mask[i % 4];
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | p.length]), mask, p]);
}

async function pollingHandshake(ctx) {
  const r = await fetch(`http://${ctx.host}:${ctx.port}/socket.io/?EIO=4&transport=polling`);
  const text = await r.text();
  return JSON.parse(text.slice(1)).sid;
}

function hs256(secret, claims) {
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = enc({ alg: 'HS256', typ: 'JWT' }) + '.' + enc(claims);
  return body + '.' + crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64url');
}

/** What the reference server sends a client of / on its own (presence, the soak's broadcasts): not an answer. */
const BROADCAST = /^42\["(connected|clientJoined|clientLeft|newClaim|messageBroadcast|notification)"/;

let unique = 0;
const uid = () => `${process.pid}-${Date.now().toString(36)}-${unique++}`;

// ---- the classes ----------------------------------------------------------------------------

const CLASSES = {
  /** CONNECT to a huge unknown namespace (900 KB names in the issue; metric tags must not take them). */
  async 'huge-namespace'(ctx) {
    const ws = await openWs(ctx);
    const name = '/' + uid() + 'n'.repeat(ctx.big ? 900_000 : 50_000);
    return wsExchange(ws, ['40' + name], (t) => t.startsWith('44'));
  },

  /** Back-to-back websocket pings from a client that never reads (pongs must count against its buffer). */
  async 'ping-flood'(ctx) {
    const ws = await openWs(ctx);
    ws.send('40');
    ws._socket.pause();
    const sock = ws._socket;
    const ping = frame(0x9, Buffer.alloc(125, 0x70));
    const until = Date.now() + (ctx.big ? 5000 : 2000);
    let sent = 0;
    let broken = false;
    sock.on('error', () => { broken = true; });
    while (Date.now() < until && !broken && !sock.destroyed) {
      // keep at most 1 MB queued on our side: the point is the server's queue, not ours
      if (sock.writableLength < 1 << 20) {
        for (let i = 0; i < 64; i++) sock.write(ping);
        sent += 64;
      }
      await new Promise((r) => setImmediate(r));
    }
    sock.destroy();
    return sent > 0 ? (broken ? 'reset' : 'sent') : 'none';
  },

  /** Request heads that trickle in (REST and /socket.io/); the probe gives up after its cap. */
  async 'slow-headers'(ctx) {
    const path = Math.random() < 0.5 ? '/api/v1/claims' : '/socket.io/?EIO=4&transport=polling';
    let timer;
    const r = await rawHttp(ctx, `GET ${path} HTTP/1.1\r\nHost: x\r\n`, ctx.big ? 30000 : 20000, (s) => {
      timer = setInterval(() => s.write('X-Slow: a\r\n'), 5000);
    });
    clearInterval(timer);
    return r.closedByServer ? 'closed' : 'held';
  },

  /** A TCP connection that sends nothing: closed by server.netty.idle-timeout (60 s) or by the probe's cap. */
  async idle(ctx) {
    const r = await rawHttp(ctx, null, 75000, () => {});
    return r.closedByServer ? 'closed' : 'held';
  },

  /** A polling POST whose body trickles: the session ends at its ping timeout and the POST with it. */
  async 'slow-polling-body'(ctx) {
    const sid = await pollingHandshake(ctx);
    let timer;
    const r = await rawHttp(ctx, `POST /socket.io/?EIO=4&transport=polling&sid=${sid} HTTP/1.1\r\nHost: x\r\n`
      + 'Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\n', 70000, (s) => {
      timer = setInterval(() => s.write('4xxxxxxxxx'), 5000);
    });
    clearInterval(timer);
    return r.status ? String(r.status) : r.closedByServer ? 'closed' : 'held';
  },

  /** A polling POST over maxHttpBufferSize (1 MB): 413. */
  async 'oversized-post'(ctx) {
    const sid = await pollingHandshake(ctx);
    const body = '4' + 'x'.repeat(1_100_000);
    return tag(await rawHttp(ctx, request('POST', `/socket.io/?EIO=4&transport=polling&sid=${sid}`,
      { 'Content-Type': 'text/plain' }, body)));
  },

  /** Wrong passwords for one account: 401, then 429 once the budget is spent. */
  async 'wrong-logins'(ctx) {
    const r = await api(ctx, 'POST', '/api/v1/auth/login', { username: 'soak-victim', password: 'wrong-' + uid() });
    return String(r.status);
  },

  /** Passwords over 72 bytes (40 x "é" is 80 bytes): 400 on register, a wrong one (401/429) on login. */
  async 'long-password'(ctx) {
    const pw = 'é'.repeat(40);
    const a = await api(ctx, 'POST', '/api/v1/auth/register', { username: 'lp-' + uid(), password: pw });
    const b = await api(ctx, 'POST', '/api/v1/auth/login', { username: 'soak-victim', password: pw });
    return `${a.status}/${b.status}`;
  },

  /** 20 registrations of one name at once: one 201, the rest 409. */
  async 'concurrent-registration'(ctx) {
    const name = 'cr-' + uid();
    const all = await Promise.all(Array.from({ length: 20 },
      () => api(ctx, 'POST', '/api/v1/auth/register', { username: name, password: 'correct horse' })));
    const c = {};
    for (const r of all) c[r.status] = (c[r.status] || 0) + 1;
    return Object.entries(c).map(([k, v]) => `${k}x${v}`).sort().join(',');
  },

  /** Malformed percent-encoding on REST and on /socket.io/: 400, never a dropped connection. */
  async 'bad-percent-encoding'(ctx) {
    const paths = ['/api/v1/claims/%zz', '/socket.io/?EIO=4&transport=polling&t=%zz', '/%E0%A4%A',
      '/socket.io/%zz?EIO=4&transport=polling', '/api/v1/claims?page=%'];
    const out = [];
    for (const p of paths) out.push(tag(await rawHttp(ctx, request('GET', p))));
    return out.join(',');
  },

  /** A validly signed token of a user that does not exist: 401 on REST, CONNECT_ERROR on the handshake. */
  async 'deleted-user-token'(ctx) {
    const now = Math.floor(Date.now() / 1000);
    const token = hs256(ctx.jwtSecret, { iss: 'socketeer', sub: 'ghost-' + uid(), uid: 900000000 + unique,
      roles: ['DONOR'], iat: now, exp: now + 600 });
    const rest = await api(ctx, 'POST', '/api/v1/claims',
      { title: 't', description: 'd', amount: 1, currency: 'EUR' }, { authorization: 'Bearer ' + token });
    const ws = await openWs(ctx);
    const sio = await wsExchange(ws, ['40/donations,' + JSON.stringify({ token })], (t) => t.startsWith('4'));
    return `${rest.status}/${sio}`;
  },

  /** Malformed Engine.IO / Socket.IO packets over a websocket, one fresh session each. */
  async 'malformed-packets'(ctx) {
    const deep = (n) => '['.repeat(n) + ']'.repeat(n);
    const cases = [
      'garbage', '', '9', '4', '42', '42[', '42{}', '42[1,2]', '42["ev"', '43', '44/x,', '451-', '45-["a"]',
      '4-1["a"]', '40/nsp,{bad', '42/,["a"]', '2probe', '5', '6', 'b', '42[{"x":1}]', '42[null]', '42["__proto__"]',
      '40{"__proto__":{"x":1}}', '43999["unknown ack"]', '42["error"]', '421a["x"]', '42/ghost,["a"]',
      // socket.io-parser CVEs: huge attachment counts, placeholders beyond them, binary frames with no header
      '4599999999999-["a",{"_placeholder":true,"num":0}]', '451-["a",{"_placeholder":true,"num":99}]',
      '4610-[{"_placeholder":true,"num":0}]', '451-["a",{"_placeholder":"true","num":"0"}]',
      (ws) => ws.send(Buffer.from([1, 2, 3])),
      // deep JSON nesting
      '42["a",' + deep(ctx.big ? 100_000 : 10_000) + ']',
      // invalid UTF-8 in a text frame (close 1007)
      (ws) => ws._socket.write(frame(0x1, Buffer.from([0x34, 0x32, 0xff, 0xfe, 0xc3]))),
      // close code 999 (a close frame answers 1002)
      (ws) => ws._socket.write(frame(0x8, Buffer.from([0x03, 0xe7]))),
      // a fragmented control frame, a reserved opcode
      (ws) => ws._socket.write(Buffer.concat([Buffer.from([0x09, 0x80]), crypto.randomBytes(4)])),
      (ws) => ws._socket.write(Buffer.concat([Buffer.from([0x83, 0x80]), crypto.randomBytes(4)])),
    ];
    const out = {};
    for (const c of cases) {
      let t;
      try {
        const ws = await openWs(ctx);
        ws.send('40');
        t = await wsExchange(ws, [c], (m) => !m.startsWith('40') && !BROADCAST.test(m), 1500);
      } catch (e) {
        t = 'open-failed';
      }
      out[t] = (out[t] || 0) + 1;
    }
    return Object.entries(out).map(([k, v]) => `${k}x${v}`).sort().join(',');
  },

  /** Malformed polling requests: bad bodies, bad queries, unknown sessions, JSONP, old protocol. */
  async 'malformed-polling'(ctx) {
    const out = [];
    for (const body of ['garbage', '\x1e\x1e', 'bAAA===', '42[', '2\x1e'.repeat(50_000), '40\x1e40\x1e40', '1']) {
      const sid = await pollingHandshake(ctx);
      out.push(tag(await rawHttp(ctx, request('POST', `/socket.io/?EIO=4&transport=polling&sid=${sid}`,
        { 'Content-Type': 'text/plain;charset=UTF-8' }, body))));
    }
    for (const q of ['EIO=3&transport=polling', 'EIO=4&transport=unknown', 'EIO=4&transport=polling&sid=nope',
      'EIO=4&transport=polling&j=1', 'EIO=4&transport=websocket', 'EIO=4&transport=polling&sid=' + 'a'.repeat(5000)]) {
      out.push(tag(await rawHttp(ctx, request('GET', '/socket.io/?' + q))));
    }
    return out.join(',');
  },

  /** Websocket upgrades gone wrong: no Sec-WebSocket-Key, thousands of headers (ws CVE-2024-37890). */
  async 'bad-upgrade'(ctx) {
    const base = { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Version': '13' };
    const a = tag(await rawHttp(ctx, request('GET', '/socket.io/?EIO=4&transport=websocket', base)));
    const many = Object.assign({}, base, { 'Sec-WebSocket-Key': crypto.randomBytes(16).toString('base64') });
    for (let i = 0; i < 2000; i++) many['X-H' + i] = 'v';
    const b = tag(await rawHttp(ctx, request('GET', '/socket.io/?EIO=4&transport=websocket', many)));
    return `${a}/${b}`;
  },

  /** REST abuse: deep JSON, amount as a string, a huge body, HTML in a title (stored as text). */
  async 'rest-abuse'(ctx) {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const a = await api(ctx, 'POST', '/api/v1/auth/login', deep);
    const b = await api(ctx, 'POST', '/api/v1/auth/register', { username: 'x'.repeat(10_000), password: 'p'.repeat(2000) });
    const c = tag(await rawHttp(ctx, request('POST', '/api/v1/auth/login', { 'Content-Type': 'application/json' },
      '{"username":"' + 'u'.repeat(3_000_000) + '"}'), 15000));
    return `${a.status}/${b.status}/${c}`;
  },
};

/** How many times the bad-input check runs each class (the counts where it gives them). */
const FULL_COUNTS = {
  'huge-namespace': 100, 'ping-flood': 10, 'slow-headers': 50, idle: 50, 'slow-polling-body': 20,
  'oversized-post': 20, 'wrong-logins': 200, 'long-password': 20, 'concurrent-registration': 5,
  'bad-percent-encoding': 20, 'deleted-user-token': 20, 'malformed-packets': 3, 'malformed-polling': 5,
  'bad-upgrade': 5, 'rest-abuse': 3,
};

/** Runs one probe; never throws (a failure to even connect is an outcome too). */
async function probe(ctx, name) {
  try {
    return await CLASSES[name](ctx);
  } catch (e) {
    return 'error:' + (e.code || e.message || e).toString().slice(0, 40);
  }
}

async function healthy(ctx) {
  try {
    return (await api(ctx, 'GET', '/actuator/health')).status === 200;
  } catch (e) {
    return false;
  }
}

module.exports = { CLASSES, FULL_COUNTS, probe, healthy, api, sleep };
