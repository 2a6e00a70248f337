#!/usr/bin/env node
// Opens fresh socket.io-client connections that emit (with an ack) in their `connect` handler while
// the default transport upgrade (polling -> websocket) runs, as an application with `retries` does.
// Used by Socketeer's tests to check that no such packet reaches the server twice.
//
// Usage: node upgrade-emit.js <url> <connections> <concurrency> [retries]   (ackTimeout 10 s: never reached here)
// Prints one JSON line: {"connections":N,"acked":A,"upgraded":U,"errors":[...]}. Each connection emits
// "hello" with its index, waits for the ack and for the upgrade, then disconnects.
'use strict';

const { io } = require('socket.io-client');

const [url, total = '100', concurrency = '5', retries = '3'] = process.argv.slice(2);
const result = { connections: Number(total), acked: 0, upgraded: 0, errors: [] };

function one(index) {
  return new Promise((resolve) => {
    const socket = io(url, { forceNew: true, reconnection: false, retries: Number(retries), ackTimeout: 10000 });
    let acked = false;
    let upgraded = false;
    const timer = setTimeout(() => finish('timeout (acked ' + acked + ', upgraded ' + upgraded + ')'), 10000);
    function finish(error) {
      clearTimeout(timer);
      if (error) result.errors.push(index + ': ' + error);
      socket.disconnect();
      resolve();
    }
    function check() {
      if (acked && upgraded) finish();
    }
    socket.io.on('open', () => {
      socket.io.engine.once('upgrade', () => {
        upgraded = true;
        result.upgraded++;
        check();
      });
    });
    socket.on('connect_error', (err) => finish('connect_error ' + err.message));
    socket.on('connect', () => {
      socket.emit('hello', index, (err) => {
        if (err) return finish('ack error ' + JSON.stringify(err));
        acked = true;
        result.acked++;
        check();
      });
    });
  });
}

(async () => {
  let next = 0;
  async function worker() {
    while (next < result.connections) {
      await one(next++);
    }
  }
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
})();
