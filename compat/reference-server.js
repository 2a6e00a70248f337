#!/usr/bin/env node
// The Node socket.io 4.8 server implementing Socketeer's "room" contract on namespace "/".
// It proves the test driver against the real server and is the baseline in side-by-side benchmarks.
//
// Usage: PORT=0 node reference-server.js   (0 picks a free port)
//        PORT=0 node reference-server.js --exit-with-stdin   (also exit when stdin closes: for a parent process)
// The first stdout line is {"port":N}; the process exits on SIGTERM/SIGINT.
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
const httpServer = http.createServer();
const io = new Server(httpServer, { cors: { origin: '*' } });

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

httpServer.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: httpServer.address().port }) + '\n');
});

const stop = () => io.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (process.argv.includes('--exit-with-stdin')) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
