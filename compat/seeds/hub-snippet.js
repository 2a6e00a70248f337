// Seed 001 (event hub): the document's "Basic WebSocket Connection" snippet, run unchanged.
//
// Only these things differ from the document, all outside its code:
//   - 'http://localhost:3000' comes from the environment variable SOCKETEER_URL;
//   - console.log goes to stderr, and stdout carries one JSON line per event for the Java test:
//     {"event":"connect","id":...} | {"event":"disconnect","reason":...} |
//     {"event":<one of the seed's server events>,"data":{...}}.
// Exits when stdin closes, so it never outlives the test that started it.
//
//   SOCKETEER_URL=http://localhost:3000 node compat/seeds/hub-snippet.js
import { Console } from 'node:console';

const url = process.env.SOCKETEER_URL;
if (!url) {
  process.stderr.write('set SOCKETEER_URL, e.g. SOCKETEER_URL=http://localhost:3000\n');
  process.exit(2);
}
const console = new Console({ stdout: process.stderr, stderr: process.stderr });
const line = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

// ---- seed 001, verbatim but for the URL ------------------------------------
import { io } from 'socket.io-client';

const socket = io(url, {
  transports: ['websocket'],
  upgrade: false
});

// Connection events
socket.on('connect', () => {
  console.log('Connected to WebSocket server');
});

socket.on('disconnect', () => {
  console.log('Disconnected from WebSocket server');
});
// ---- end of seed 001 -------------------------------------------------------

socket.on('connect', () => line({ event: 'connect', id: socket.id }));
socket.on('disconnect', (reason) => line({ event: 'disconnect', reason }));
// the seed's "Server Events (listen on client)", and what its integrations broadcast
for (const name of ['connected', 'messageReceived', 'messageBroadcast', 'roomJoined', 'roomLeft', 'roomMessage',
  'clientJoined', 'clientLeft', 'notification', 'chatMessage', 'whatsappStatusUpdate', 'whatsappMessageUpdate',
  'conversationUpdate', 'customerUpdated', 'whatsappMessageSent']) {
  socket.on(name, (data) => line({ event: name, data }));
}
