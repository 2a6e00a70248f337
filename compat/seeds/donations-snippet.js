// Seed 004 (donations): the document's "Manual Testing in Browser Console" snippet, run unchanged.
//
// Only these things differ from the document, all outside its code:
//   - 'http://localhost:3000' comes from the environment variable SOCKETEER_URL;
//   - `localStorage` (where the logged-in front end keeps its JWT) is a stand-in returning SOCKETEER_TOKEN;
//   - `io` is imported (a browser page loads it with a script tag);
//   - console.log goes to stderr, and stdout carries one JSON line per event for the Java test:
//     {"event":"connect"} | {"event":"connect_error","message":...,"data":...} |
//     {"event":"donation.created"|"donation.claimed"|"donation.status.updated","data":{...}} | {"event":"disconnect"}.
// Exits when stdin closes, so it never outlives the test that started it.
//
//   SOCKETEER_URL=http://localhost:3000 SOCKETEER_TOKEN=<jwt> node compat/seeds/donations-snippet.js
import { Console } from 'node:console';
import { io } from 'socket.io-client';

const url = process.env.SOCKETEER_URL;
if (!url) {
  process.stderr.write('set SOCKETEER_URL, e.g. SOCKETEER_URL=http://localhost:3000\n');
  process.exit(2);
}
const console = new Console({ stdout: process.stderr, stderr: process.stderr });
const localStorage = { getItem: (key) => (key === 'token' ? process.env.SOCKETEER_TOKEN ?? null : null) };
const line = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

// ---- seed 004, verbatim but for the URL ------------------------------------
// After logging in on frontend
const socket = io(url + '/donations', {
  auth: {
    token: localStorage.getItem('token')
  }
});

socket.on('donation.created', (data) => {
  console.log('New donation:', data);
});

socket.on('donation.claimed', (data) => {
  console.log('Donation claimed:', data);
});
// ---- end of seed 004 -------------------------------------------------------

socket.on('connect', () => line({ event: 'connect', id: socket.id }));
socket.on('connect_error', (err) => line({ event: 'connect_error', message: err.message, data: err.data ?? null }));
socket.on('disconnect', (reason) => line({ event: 'disconnect', reason }));
for (const name of ['donation.created', 'donation.claimed', 'donation.status.updated']) {
  socket.on(name, (data) => line({ event: name, data }));
}
