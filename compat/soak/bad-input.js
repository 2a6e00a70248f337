#!/usr/bin/env node
// The bad-input heap check's client side (socketeer-bench's SoakMain --mode=bad-input starts it twice).
//
//   node compat/soak/bad-input.js '{"host":"127.0.0.1","port":3000,"apiKey":"...","jwtSecret":"...","phase":"warmup"}'
//
// phase "warmup": ordinary traffic (official clients, REST) and every bad-input class once at small sizes, so
//   that what the attack would load once (classes, JIT, pools, caches) is loaded before the baseline.
// phase "attack": every class the number of times FULL_COUNTS says, at the sizes; long-lived ones
//   (idle, slow headers, slow polling bodies) in parallel with the rest.
// Prints one JSON line {phase, ms, classes: {name: {tag: count}}, healthy} and exits 0 (1 if the server died).
'use strict';

const { io } = require('socket.io-client');
const { CLASSES, FULL_COUNTS, probe, healthy, api, sleep } = require('./probes');

const opts = JSON.parse(process.argv[2] || '{}');
const ctx = Object.assign({ host: '127.0.0.1', port: 3000, big: opts.phase === 'attack', log: (m) => console.error(m) }, opts);
const LONG = new Set(['idle', 'slow-headers', 'slow-polling-body']);
const counts = {};

async function runClass(name, n, parallel) {
  const c = (counts[name] = counts[name] || {});
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      const t = await probe(ctx, name);
      c[t] = (c[t] || 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker));
}

/** Ordinary traffic: a few official clients (websocket and polling) joining, echoing, getting claims. */
async function ordinaryTraffic() {
  const url = `http://${ctx.host}:${ctx.port}`;
  const name = 'warm-' + process.pid;
  await api(ctx, 'POST', '/api/v1/auth/register', { username: name, password: 'correct horse' });
  const login = JSON.parse((await api(ctx, 'POST', '/api/v1/auth/login', { username: name, password: 'correct horse' })).text);
  for (let round = 0; round < 3; round++) {
    const sockets = Array.from({ length: 20 }, (_, i) => io(url, { forceNew: true, reconnection: false,
      transports: i % 2 ? ['polling'] : ['websocket'] }));
    await Promise.all(sockets.map((s) => new Promise((r) => s.on('connect', r))));
    await Promise.all(sockets.map((s) => s.timeout(10000).emitWithAck('joinRoom', { room: 'warm' })));
    await Promise.all(sockets.map((s) => s.timeout(10000).emitWithAck('echo', 'x'.repeat(100))));
    for (let i = 0; i < 10; i++) {
      await api(ctx, 'POST', '/api/v1/claims', { title: 'warm', description: 'd', amount: 1, currency: 'EUR' },
        { authorization: 'Bearer ' + login.accessToken });
    }
    sockets.forEach((s) => s.disconnect());
  }
}

async function main() {
  const started = Date.now();
  if (ctx.phase === 'warmup') {
    await ordinaryTraffic();
    await Promise.all(Object.keys(CLASSES).map((name) => runClass(name, 1, 1)));
  } else {
    const long = Object.keys(CLASSES).filter((n) => LONG.has(n)).map((n) => runClass(n, FULL_COUNTS[n], FULL_COUNTS[n]));
    for (const name of Object.keys(CLASSES).filter((n) => !LONG.has(n))) {
      await runClass(name, FULL_COUNTS[name], name === 'huge-namespace' ? 4 : 10);
      console.error(`[bad-input] ${name}: ${JSON.stringify(counts[name])}`);
    }
    await Promise.all(long);
  }
  await sleep(1000);
  const ok = await healthy(ctx);
  process.stdout.write(JSON.stringify({ phase: ctx.phase, ms: Date.now() - started, classes: counts, healthy: ok }) + '\n');
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
