#!/usr/bin/env node
// One send of Node's @socket.io/redis-emitter 5.x, for Socketeer's Redis tests.
//
// Usage: node redis-emit.js '<json command>'
// Command: {redisUrl, key, nsp?, to?: [...], except?: [...], volatile?, compress?,
//           op: "emit" | "socketsJoin" | "socketsLeave" | "disconnectSockets" | "serverSideEmit",
//           event?, args?: [...], binary?: [bytes...] (appended to args as a Buffer),
//           rooms?: [...] (socketsJoin / socketsLeave), close? (disconnectSockets)}
// Prints "ok" once the message is published, then exits.
'use strict';

const { createClient } = require('redis');
const { Emitter } = require('@socket.io/redis-emitter');

async function main() {
  const cmd = JSON.parse(process.argv[2]);
  const client = createClient({ url: cmd.redisUrl || 'redis://127.0.0.1:6379' });
  client.on('error', (e) => console.error('redis error', e.message));
  await client.connect();
  let target = new Emitter(client, { key: cmd.key || 'socket.io' });
  if (cmd.nsp) target = target.of(cmd.nsp);
  const serverSide = cmd.op === 'serverSideEmit';
  if (!serverSide) {
    for (const room of cmd.to || []) target = target.to(room);
    for (const room of cmd.except || []) target = target.except(room);
    if (cmd.volatile) target = target.volatile;
    if (cmd.compress !== undefined) target = target.compress(cmd.compress);
  }
  const args = [...(cmd.args || [])];
  if (cmd.binary) args.push(Buffer.from(cmd.binary));
  switch (cmd.op) {
    case 'emit': target.emit(cmd.event, ...args); break;
    case 'socketsJoin': target.socketsJoin(cmd.rooms); break;
    case 'socketsLeave': target.socketsLeave(cmd.rooms); break;
    case 'disconnectSockets': target.disconnectSockets(!!cmd.close); break;
    case 'serverSideEmit': target.serverSideEmit(cmd.event, ...args); break;
    default: throw new Error('unknown op ' + cmd.op);
  }
  // node-redis sends commands in order: once this answers, the publish above went out
  await client.ping();
  await client.quit();
  console.log('ok');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
