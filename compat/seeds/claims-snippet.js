// Seed 000 (claims): the document's "Example Frontend Code", run unchanged against a live server.
//
// Only two things differ from the document, both outside its code:
//   - the URL 'http://localhost:3000' comes from the environment variable SOCKETEER_URL;
//   - the snippet's console.log lines go to stderr, and stdout carries one JSON line per event
//     ({"event":"connect"} | {"event":"newClaim","claim":{...}} | {"event":"disconnect"}), for the Java test.
// Exits when stdin closes, so it never outlives the test that started it.
//
//   SOCKETEER_URL=http://localhost:3000 node compat/seeds/claims-snippet.js
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

// ---- seed 000, verbatim but for the URL ------------------------------------
import { io } from 'socket.io-client';

const socket = io(url);

socket.on('newClaim', (claim) => {
  console.log('New claim received:', claim);
  // Update UI with new claim
  // e.g., add to claims list, show notification, etc.
});

socket.on('connect', () => {
  console.log('Connected to WebSocket server');
});

socket.on('disconnect', () => {
  console.log('Disconnected from WebSocket server');
});
// ---- end of seed 000 -------------------------------------------------------

socket.on('newClaim', (claim) => line({ event: 'newClaim', claim }));
socket.on('connect', () => line({ event: 'connect', id: socket.id }));
socket.on('disconnect', (reason) => line({ event: 'disconnect', reason }));
