#!/usr/bin/env node
// Socketeer compat driver: drives real socket.io-client instances for a Java test.
//
// Protocol (one JSON object per line, stdin -> requests, stdout -> replies and notifications):
//   request       {"id":N,"cmd":"...",...}
//   reply         {"id":N,"ok":true,"result":...} | {"id":N,"ok":false,"error":"..."}
//   notification  {"event":"...","client":C,...}   (no "id")
// Binary values travel as {"$bin":"<base64>"} anywhere inside args, in both directions.
// stdout carries only protocol lines; diagnostics go to stderr. The process exits when stdin closes.
//
// Commands: connect, emit, ackReply, disconnect, connectAgain, closeEngine, moveTo, state, close, list, shutdown.
// See socketeer-testkit's NodeDriver for the Java side and the field-by-field contract.
'use strict';

const readline = require('readline');

const CLIENT_LIBS = {
  '4': () => require('socket.io-client'),
  '3': () => require('socket.io-client-v3'),
};

/** client id -> {socket, version, opts, ackReplies: Map(event -> {args}|{echo:true}), disconnected, pings, detach} */
const clients = new Map();
let nextClientId = 1;

function send(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

function notify(client, event, fields) {
  send(Object.assign({ event, client }, fields));
}

// ---- binary markers -------------------------------------------------------

function isBinary(v) {
  return v instanceof ArrayBuffer || ArrayBuffer.isView(v);
}

/** Outgoing (Java -> server): {"$bin": b64} -> Buffer, recursively. */
function decodeMarkers(v) {
  if (Array.isArray(v)) return v.map(decodeMarkers);
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$bin' && typeof v.$bin === 'string') {
      return Buffer.from(v.$bin, 'base64');
    }
    const out = {};
    for (const k of keys) out[k] = decodeMarkers(v[k]);
    return out;
  }
  return v;
}

/** Incoming (server -> Java): Buffer/ArrayBuffer/typed array -> {"$bin": b64}, recursively; drops functions. */
function encodeMarkers(v, seen = new Set()) {
  if (isBinary(v)) {
    const buf = v instanceof ArrayBuffer ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    return { $bin: buf.toString('base64') };
  }
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (typeof v === 'bigint') return v.toString();
  if (v && typeof v === 'object') {
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    let out;
    if (Array.isArray(v)) {
      out = v.map((x) => { const e = encodeMarkers(x, seen); return e === undefined ? null : e; });
    } else if (v instanceof Error) {
      out = { message: v.message, type: v.type, description: encodeMarkers(v.description, seen), data: encodeMarkers(v.data, seen) };
    } else if (typeof v.toJSON === 'function') {
      out = v.toJSON();
    } else {
      out = {};
      for (const k of Object.keys(v)) {
        const e = encodeMarkers(v[k], seen);
        if (e !== undefined) out[k] = e;
      }
    }
    seen.delete(v);
    return out;
  }
  return v;
}

/** Best-effort, never-throwing serialisation of a disconnect description (may hold XHR/ws objects). */
function describe(v) {
  if (v === undefined || v === null) return null;
  try {
    if (v instanceof Error) return { message: v.message, description: describe(v.description) };
    if (typeof v === 'object') {
      const out = {};
      if ('description' in v) out.description = describe(v.description);
      if ('message' in v) out.message = String(v.message);
      if (v.context && typeof v.context === 'object' && 'status' in v.context) out.status = v.context.status;
      return out;
    }
    return encodeMarkers(v);
  } catch (e) {
    return String(v);
  }
}

// ---- clients --------------------------------------------------------------

function client(msg) {
  const c = clients.get(msg.client);
  if (!c) throw new Error(`unknown client ${JSON.stringify(msg.client)}`);
  return c;
}

function engineOf(c) {
  const engine = c.socket.io.engine;
  if (!engine) throw new Error(`client ${c.id} has no engine yet`);
  return engine;
}

function connect(msg) {
  const version = String(msg.version || '4');
  const lib = CLIENT_LIBS[version];
  if (!lib) throw new Error(`unsupported client version ${JSON.stringify(msg.version)} (use "4" or "3")`);
  if (typeof msg.url !== 'string') throw new Error('connect needs a string "url"');
  let id = msg.client;
  if (id === undefined || id === null) {
    while (clients.has(nextClientId)) nextClientId++;
    id = nextClientId++;
  } else if (clients.has(id)) {
    throw new Error(`client ${JSON.stringify(id)} already exists`);
  }
  const opts = Object.assign({}, msg.options || {});
  if (opts.auth && typeof opts.auth === 'object') opts.auth = decodeMarkers(opts.auth);
  const socket = lib()(msg.url, opts);
  const c = { id, socket, version, opts, ackReplies: new Map(), disconnected: false, pings: 0 };
  clients.set(id, c);
  attach(c);
  return { client: id };
}

function attach(c) {
  const { socket, id } = c;
  const manager = socket.io;
  const engines = new WeakSet();
  const watchEngine = () => {
    const engine = manager.engine;
    if (!engine || engines.has(engine)) return;
    engines.add(engine);
    engine.on('upgrade', (transport) => {
      if (clients.get(id) === c) notify(id, 'upgrade', { transport: transport && transport.name });
    });
  };
  socket.on('connect', () => {
    c.disconnected = false;
    notify(id, 'connect', {
      socketId: socket.id,
      transport: manager.engine && manager.engine.transport ? manager.engine.transport.name : null,
      recovered: socket.recovered === true,
    });
  });
  socket.on('connect_error', (err) => {
    notify(id, 'connect_error', { message: err && err.message, data: encodeMarkers(err && err.data) ?? null });
  });
  socket.on('disconnect', (reason, description) => {
    c.disconnected = true;
    notify(id, 'disconnect', { reason, description: describe(description) });
  });
  socket.onAny((name, ...args) => {
    const ack = args.length > 0 && typeof args[args.length - 1] === 'function' ? args.pop() : null;
    notify(id, 'event', { name, args: encodeMarkers(args), hasAck: ack !== null });
    const reply = ack && c.ackReplies.get(name);
    if (reply) ack(...(reply.echo ? args : decodeMarkers(reply.args)));
  });
  const managerListeners = {
    open: watchEngine,
    ping: () => { c.pings += 1; }, // the server's heartbeat PINGs, counted (not notified: they can be many)
    reconnect_attempt: (attempt) => notify(id, 'reconnect_attempt', { attempt }),
    reconnect: (attempt) => notify(id, 'reconnect', { attempt }),
    reconnect_error: (err) => notify(id, 'reconnect_error', { message: err && err.message }),
    reconnect_failed: () => notify(id, 'reconnect_failed', {}),
  };
  for (const [ev, fn] of Object.entries(managerListeners)) manager.on(ev, fn);
  watchEngine(); // a multiplexed manager may already be open
  c.detach = () => {
    for (const [ev, fn] of Object.entries(managerListeners)) manager.off(ev, fn);
    socket.offAny();
    socket.off();
  };
}

function emit(msg, reply) {
  const c = client(msg);
  if (typeof msg.event !== 'string') throw new Error('emit needs a string "event"');
  const args = decodeMarkers(Array.isArray(msg.args) ? msg.args : []);
  let target = c.socket;
  if (msg.volatile) target = target.volatile;
  if (msg.compress !== undefined) target = target.compress(Boolean(msg.compress));
  if (!msg.ack) {
    target.emit(msg.event, ...args);
    return { sent: true };
  }
  const done = (res) => reply({ id: msg.id, ok: true, result: { args: encodeMarkers(res) } });
  const fail = (err) => reply({ id: msg.id, ok: false, error: (err && err.message) || String(err) });
  const timeout = msg.timeout;
  if (timeout !== undefined && timeout !== null && typeof target.timeout !== 'function') {
    // 3.x clients have no socket.timeout(): emulate its error.
    let settled = false;
    const timer = setTimeout(() => { settled = true; fail(new Error('operation has timed out')); }, timeout);
    target.emit(msg.event, ...args, (...res) => { if (!settled) { clearTimeout(timer); done(res); } });
  } else if (timeout !== undefined && timeout !== null) {
    target.timeout(timeout).emit(msg.event, ...args, (err, ...res) => (err ? fail(err) : done(res)));
  } else if (c.opts.ackTimeout !== undefined || c.opts.retries !== undefined) {
    // With these client options socket.io-client calls every ack callback in the (err, ...args) form.
    target.emit(msg.event, ...args, (err, ...res) => (err ? fail(err) : done(res)));
  } else {
    target.emit(msg.event, ...args, (...res) => done(res));
  }
  return undefined; // replied asynchronously
}

function ackReply(msg) {
  const c = client(msg);
  if (typeof msg.event !== 'string') throw new Error('ackReply needs a string "event"');
  if (msg.clear) c.ackReplies.delete(msg.event);
  else if (msg.echo) c.ackReplies.set(msg.event, { echo: true });
  else c.ackReplies.set(msg.event, { args: Array.isArray(msg.args) ? msg.args : [] });
  return { event: msg.event };
}

function state(c) {
  const engine = c.socket.io.engine;
  return {
    id: c.socket.id ?? null,
    connected: c.socket.connected,
    recovered: c.socket.recovered === true,
    transport: engine && engine.transport ? engine.transport.name : null,
    disconnected: c.disconnected,
    pings: c.pings,
  };
}

const COMMANDS = {
  connect,
  emit,
  ackReply,
  disconnect: (msg) => { client(msg).socket.disconnect(); return {}; },
  connectAgain: (msg) => { client(msg).socket.connect(); return {}; },
  closeEngine: (msg) => { engineOf(client(msg)).close(); return {}; },
  // the Manager's next connection goes to msg.url (another node of a cluster); the socket keeps its
  // recovery state (_pid, _lastOffset), so it presents them there
  moveTo: (msg) => { client(msg).socket.io.uri = msg.url; return {}; },
  state: (msg) => state(client(msg)),
  close: (msg) => {
    const c = client(msg);
    c.detach();
    c.socket.disconnect();
    clients.delete(c.id);
    return {};
  },
  list: () => [...clients.keys()],
  shutdown: () => {
    setImmediate(() => process.exit(0));
    return {};
  },
};

function handle(line) {
  if (!line.trim()) return;
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (e) {
    process.stderr.write(`driver: unparsable line ignored: ${line}\n`);
    return;
  }
  const id = msg && msg.id;
  try {
    const fn = COMMANDS[msg.cmd];
    if (!fn) throw new Error(`unknown cmd ${JSON.stringify(msg.cmd)}`);
    const result = fn(msg, send);
    if (result !== undefined) send({ id, ok: true, result });
  } catch (e) {
    send({ id, ok: false, error: (e && e.message) || String(e) });
  }
}

process.on('uncaughtException', (e) => process.stderr.write(`driver: uncaught ${e && e.stack}\n`));
process.on('unhandledRejection', (e) => process.stderr.write(`driver: unhandled rejection ${e && e.stack}\n`));

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', handle);
rl.on('close', () => process.exit(0));
