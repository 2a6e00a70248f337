#!/usr/bin/env node
// A Node socket.io 4.8 server on @socket.io/redis-adapter 8.x (or, with ADAPTER=redis-streams, on
// @socket.io/redis-streams-adapter 0.3 with connectionStateRecovery), for Socketeer's mixed-cluster tests.
//
// Usage: PORT=0 REDIS_URL=redis://127.0.0.1:6379 KEY=socket.io node redis-node.js --exit-with-stdin
// The first stdout line is {"port":N}, printed once the adapter of "/" has subscribed.
// With ADAPTER=redis-streams: KEY is the channelPrefix, STREAM the streamName (default KEY),
// SESSION_PREFIX the sessionKeyPrefix (default KEY + ':session:'), RECOVERY_MS the
// maxDisconnectionDuration (default 120000), SHARDED=true its useShardedPubSub.
// With ADAPTER=redis-sharded: createShardedAdapter of @socket.io/redis-adapter with KEY as channelPrefix and
// SUBSCRIPTION_MODE (default "dynamic") as subscriptionMode.
//
// Contract (client events on namespace "/"):
//   join room, ack                  -> socket.join(room); ack()
//   cast {to,except,local,volatile,compress,event,args,special}, ack
//                                   -> io[.to(...)][.except(...)][.local][.volatile][.compress(c)]
//                                      .emit(event, ...args); with special, args are followed by
//                                      new Date(0), {u: undefined, k: 1}, [undefined] and a Uint8Array;
//                                      then ack()
//   sse {event,args,withAck}, ack    -> io.serverSideEmit(event, ...args), then ack(); with withAck,
//                                      io.serverSideEmitWithAck(...) and ack({ok, responses, error})
//   fetch {in,except}, ack           -> io.in(in).except(except).fetchSockets(), then
//                                      ack({ok, sockets: [{id, rooms, data, query, address}]} or {ok:false,error})
//   sjoin / sleave {in,rooms}, ack   -> io.in(in).socketsJoin(rooms) / socketsLeave(rooms); ack()
//   sdisconnect {in,close}, ack      -> io.in(in).disconnectSockets(close); ack()
//   setData {key,value}, ack         -> socket.data[key] = value; ack()
//   whoami ack                       -> ack({id, rooms})
//   getData ack                      -> ack(socket.data)
//   remoteEmit {id,event,args}, ack  -> the fetched remote socket `id`.emit(event, ...args); ack(found)
//   remoteJoin / remoteLeave {id,room}, ack
//                                   -> the fetched remote socket `id`.join(room) / .leave(room); ack(found)
//   remoteDisconnect {id,close}, ack -> the fetched remote socket `id`.disconnect(close); ack(found)
//   castAck {to,event,args,timeout}, ack
//                                   -> io.to(to).timeout(timeout).emitWithAck(event, ...args), then
//                                      ack({ok, responses} or {ok:false, error, responses})
// Server-side listeners (from other nodes):
//   note arg                         -> io.local.emit('noted', {by: 'node', arg})
//   ping arg, callback               -> callback({from: 'node', got: arg})
//   silent ...                       -> never answers
//   name callback                    -> callback(NAME)
//   allRooms ack                     -> io.of('/').adapter.allRooms(), then ack({ok, rooms} or {ok:false,error})
// REQUESTS_TIMEOUT (ms) sets the adapter's requestsTimeout; PUBLISH_SPECIFIC=true its
// publishOnSpecificResponseChannel; PING_INTERVAL (ms) the server's pingInterval (25000). NAME (default
// "node") names this node in the answer to `name`. RESPONSE_DELAY (ms, default 0) holds back every answer this
// node publishes to another node's request (fetchSockets, allRooms, broadcast client counts and acks), so that a
// test can kill it mid-request.
'use strict';

const http = require('http');
const { Server } = require('socket.io');
const { createClient } = require('redis');
const { createAdapter, createShardedAdapter } = require('@socket.io/redis-adapter');
const streams = require('@socket.io/redis-streams-adapter');

async function main() {
  const port = Number(process.env.PORT || 0);
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const key = process.env.KEY || 'socket.io';
  const useStreams = process.env.ADAPTER === 'redis-streams';
  const useSharded = process.env.ADAPTER === 'redis-sharded';
  const pubClient = createClient({ url });
  const subClient = pubClient.duplicate();
  pubClient.on('error', (e) => console.error('pub error', e.message));
  subClient.on('error', (e) => console.error('sub error', e.message));
  await Promise.all([pubClient.connect(), useStreams ? Promise.resolve() : subClient.connect()]);

  const httpServer = http.createServer();
  const pingInterval = Number(process.env.PING_INTERVAL || 25000);
  const io = new Server(httpServer, useStreams ? {
    pingInterval,
    adapter: streams.createAdapter(pubClient, {
      channelPrefix: key,
      streamName: process.env.STREAM || key,
      sessionKeyPrefix: process.env.SESSION_PREFIX || key + ':session:',
      useShardedPubSub: process.env.SHARDED === 'true',
    }),
    connectionStateRecovery: { maxDisconnectionDuration: Number(process.env.RECOVERY_MS || 120000) },
  } : useSharded ? {
    pingInterval,
    adapter: createShardedAdapter(pubClient, subClient, {
      channelPrefix: key,
      subscriptionMode: process.env.SUBSCRIPTION_MODE || 'dynamic',
    }),
  } : {
    pingInterval,
    adapter: createAdapter(pubClient, subClient, {
      key,
      requestsTimeout: Number(process.env.REQUESTS_TIMEOUT || 5000),
      publishOnSpecificResponseChannel: process.env.PUBLISH_SPECIFIC === 'true',
    }),
  });

  io.on('note', (arg) => io.local.emit('noted', { by: 'node', arg }));
  io.on('ping', (arg, callback) => callback({ from: 'node', got: arg }));
  io.on('silent', () => {});
  io.on('name', (callback) => callback(process.env.NAME || 'node'));

  const delay = Number(process.env.RESPONSE_DELAY || 0);
  if (delay > 0) {
    const adapter = io.of('/').adapter;
    const publishResponse = adapter.publishResponse.bind(adapter);
    adapter.publishResponse = (request, response) => setTimeout(() => publishResponse(request, response), delay);
  }

  io.on('connection', (socket) => {
    const select = (cmd) => {
      let op = io.in(cmd.in && cmd.in.length ? cmd.in : []);
      if (cmd.except && cmd.except.length) op = op.except(cmd.except);
      return op;
    };
    socket.on('fetch', (cmd, ack) => {
      select(cmd).fetchSockets().then(
        (sockets) => ack({
          ok: true,
          sockets: sockets.map((s) => ({ id: s.id, rooms: [...s.rooms], data: s.data, query: s.handshake.query, address: s.handshake.address })),
        }),
        (err) => ack({ ok: false, error: err.message }),
      );
    });
    socket.on('sjoin', (cmd, ack) => { select(cmd).socketsJoin(cmd.rooms); ack(); });
    socket.on('sleave', (cmd, ack) => { select(cmd).socketsLeave(cmd.rooms); ack(); });
    socket.on('sdisconnect', (cmd, ack) => { select(cmd).disconnectSockets(!!cmd.close); ack(); });
    socket.on('setData', (cmd, ack) => { socket.data[cmd.key] = cmd.value; ack(); });
    socket.on('whoami', (ack) => ack({ id: socket.id, rooms: [...socket.rooms] }));
    socket.on('getData', (ack) => ack(socket.data));
    socket.on('remoteEmit', (cmd, ack) => {
      io.in(cmd.id).fetchSockets().then((sockets) => {
        const target = sockets.find((s) => s.id === cmd.id);
        if (target) target.emit(cmd.event, ...(cmd.args || []));
        ack(!!target);
      }, () => ack(false));
    });
    const onRemote = (cmd, ack, action) => {
      io.in(cmd.id).fetchSockets().then((sockets) => {
        const target = sockets.find((s) => s.id === cmd.id);
        if (target) action(target);
        ack(!!target);
      }, () => ack(false));
    };
    socket.on('remoteJoin', (cmd, ack) => onRemote(cmd, ack, (target) => target.join(cmd.room)));
    socket.on('remoteLeave', (cmd, ack) => onRemote(cmd, ack, (target) => target.leave(cmd.room)));
    socket.on('remoteDisconnect', (cmd, ack) => onRemote(cmd, ack, (target) => target.disconnect(!!cmd.close)));
    socket.on('castAck', (cmd, ack) => {
      let op = io;
      if (cmd.to && cmd.to.length) op = op.to(cmd.to);
      op.timeout(cmd.timeout || 5000).emitWithAck(cmd.event, ...(cmd.args || [])).then(
        (responses) => ack({ ok: true, responses }),
        (err) => ack({ ok: false, error: err.message, responses: err.responses || [] }),
      );
    });
    socket.on('allRooms', (ack) => {
      io.of('/').adapter.allRooms().then(
        (rooms) => ack({ ok: true, rooms: [...rooms] }),
        (err) => ack({ ok: false, error: err.message }),
      );
    });
    socket.on('sse', (cmd, ack) => {
      const args = cmd.args || [];
      if (!cmd.withAck) {
        io.serverSideEmit(cmd.event, ...args);
        ack();
        return;
      }
      io.serverSideEmitWithAck(cmd.event, ...args).then(
        (responses) => ack({ ok: true, responses }),
        (err) => ack({ ok: false, error: err.message, responses: err.responses || [] }),
      );
    });
    socket.on('join', (room, ack) => {
      socket.join(room);
      if (typeof ack === 'function') ack();
    });
    socket.on('cast', (cmd, ack) => {
      let op = io;
      if (cmd.to && cmd.to.length) op = op.to(cmd.to);
      if (cmd.except && cmd.except.length) op = op.except(cmd.except);
      if (cmd.local) op = op.local;
      if (cmd.volatile) op = op.volatile;
      if (cmd.compress === false) op = op.compress(false);
      const args = cmd.args || [];
      if (cmd.special) {
        args.push(new Date(0), { u: undefined, k: 1 }, [undefined], new Uint8Array([7, 8]));
      }
      op.emit(cmd.event, ...args);
      if (typeof ack === 'function') ack();
    });
  });

  // wait until the adapter of "/" is subscribed: this node then counts in PUBSUB NUMSUB
  const requestChannel = useStreams || useSharded ? `${key}#/#` : `${key}-request#/#`;
  for (;;) {
    const numsub = useSharded || (useStreams && process.env.SHARDED === 'true') ? 'SHARDNUMSUB' : 'NUMSUB';
    const res = await pubClient.sendCommand(['PUBSUB', numsub, requestChannel]);
    if (Number(res[1]) >= 1) break;
    await new Promise((r) => setTimeout(r, 20));
  }

  httpServer.listen(port, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: httpServer.address().port }) + '\n');
  });

  const stop = () => io.close(() => Promise.allSettled([pubClient.quit(), useStreams ? null : subClient.quit()])
    .then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
