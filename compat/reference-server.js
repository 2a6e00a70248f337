#!/usr/bin/env node
// The Node socket.io 4.8 server implementing Socketeer's "room" contract on namespace "/".
// It proves the test driver against the real server and is the baseline in side-by-side benchmarks.
//
// Usage: PORT=0 node reference-server.js   (0 picks a free port)
//        PORT=0 node reference-server.js --exit-with-stdin   (also exit when stdin closes: for a parent process)
// The first stdout line is {"port":N}; the process exits on SIGTERM/SIGINT.
// With REDIS_URL set (e.g. redis://127.0.0.1:6379) the server is a cluster node on @socket.io/redis-adapter
// (channel prefix REDIS_KEY, default socket.io), as socketeer-example is with SOCKETEER_REDIS_URL: the
// benchmark's cluster scenarios. The port line then comes once the request channel of "/" has a
// subscriber (this node's, unless another node was there first: the benchmark waits until PUBSUB NUMSUB
// counts every node).
//
// Contract (the client events of seed 001's event hub, which the Spring server's bench profile measures;
// message values are strings there, e.g. the load generator's timestamps as decimal strings):
//   joinRoom {room}            -> socket.join(room); emit roomJoined {room} to the socket; ack {room} if asked
//   leaveRoom {room}           -> socket.leave(room); emit roomLeft {room} to the socket; ack {room} if asked
//   roomMessage {room,message} -> io.to(room).emit roomMessage {room, message, from: socket.id}
//   echo ...args, ack          -> ack(...args)
//   message payload            -> emit messageReceived {message, timestamp} to the socket, and
//                                 socket.broadcast.emit messageBroadcast {message, from: socket.id}
//                                 (payload may be {message} or the bare message)
// Test-only, to prove the driver's answers to server acks:
//   askAck {event,args,timeout}  -> socket.timeout(timeout).emit(event, ...args, ack), then emit to the
//                                   socket askAckResult {ok:true,args} or {ok:false,error}
'use strict';

const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 0);
const redisUrl = process.env.REDIS_URL;
const redisKey = process.env.REDIS_KEY || 'socket.io';
const httpServer = http.createServer();
const io = new Server(httpServer, { cors: { origin: '*' } });
let redisClients = [];

io.on('connection', (socket) => {
  socket.on('joinRoom', (payload, ack) => {
    const room = payload && payload.room;
    socket.join(room);
    socket.emit('roomJoined', { room });
    if (typeof ack === 'function') ack({ room });
  });
  socket.on('leaveRoom', (payload, ack) => {
    const room = payload && payload.room;
    socket.leave(room);
    socket.emit('roomLeft', { room });
    if (typeof ack === 'function') ack({ room });
  });
  socket.on('roomMessage', (payload) => {
    const { room, message } = payload || {};
    io.to(room).emit('roomMessage', { room, message, from: socket.id });
  });
  socket.on('echo', (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    if (ack) ack(...args);
  });
  socket.on('askAck', ({ event, args = [], timeout = 1000 } = {}) => {
    socket.timeout(timeout).emit(event, ...args, (err, ...res) => {
      socket.emit('askAckResult', err ? { ok: false, error: err.message } : { ok: true, args: res });
    });
  });
  socket.on('message', (payload) => {
    const message = payload && typeof payload === 'object' && 'message' in payload ? payload.message : payload;
    socket.emit('messageReceived', { message, timestamp: new Date() });
    socket.broadcast.emit('messageBroadcast', { message, from: socket.id });
  });
});

async function joinCluster() {
  const { createClient } = require('redis');
  const { createAdapter } = require('@socket.io/redis-adapter');
  const pubClient = createClient({ url: redisUrl });
  const subClient = pubClient.duplicate();
  pubClient.on('error', (e) => console.error('redis pub error', e.message));
  subClient.on('error', (e) => console.error('redis sub error', e.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);
  redisClients = [pubClient, subClient];
  io.adapter(createAdapter(pubClient, subClient, { key: redisKey }));
  // the adapter subscribes asynchronously; wait until the request channel of "/" has a subscriber
  const requestChannel = `${redisKey}-request#/#`;
  for (;;) {
    const res = await pubClient.sendCommand(['PUBSUB', 'NUMSUB', requestChannel]);
    if (Number(res[1]) >= 1) break;
    await new Promise((r) => setTimeout(r, 20));
  }
}

(redisUrl ? joinCluster() : Promise.resolve()).then(() => {
  httpServer.listen(port, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ port: httpServer.address().port }) + '\n');
  });
}, (e) => {
  console.error(e);
  process.exit(1);
});

const stop = () => io.close(() => Promise.allSettled(redisClients.map((c) => c.quit())).then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
