// Seed 002 (projects and chat): the document's "Connect from React Native/Web Client" code, run against a
// live server.
//
// Only these things differ from the document:
//   - 'http://localhost:3001' comes from the environment variable SOCKETEER_URL;
//   - the placeholders 'user-id-here', 'project-id' and 'conv-id' come from SOCKETEER_USER_ID,
//     SOCKETEER_PROJECT_ID and SOCKETEER_CONVERSATION_ID;
//   - the JWT from SOCKETEER_TOKEN is added to `query` (as `token`), the one line the README adds: the server
//     never trusts `query.userId`. Without SOCKETEER_TOKEN the query is the seed's own (`userId` only) and the
//     client is anonymous;
//   - console.log goes to stderr, and stdout carries one JSON line per event for the Java test:
//     {"event":"connect"} | {"event":"connect_error","message":...} | {"event":"disconnect"} |
//     {"event":"project:update"|"stage:completed"|"message:new"|"notification:new"|"exception","data":{...}}.
//     (`exception` is how the server answers an emit without an ack callback that it refused.)
// Exits when stdin closes, so it never outlives the test that started it.
//
//   SOCKETEER_URL=http://localhost:3000 SOCKETEER_TOKEN=<jwt> SOCKETEER_USER_ID=7 SOCKETEER_PROJECT_ID=1 \
//   SOCKETEER_CONVERSATION_ID=1 node compat/seeds/chat-snippet.js
import { Console } from 'node:console';

const url = process.env.SOCKETEER_URL;
if (!url) {
  process.stderr.write('set SOCKETEER_URL, e.g. SOCKETEER_URL=http://localhost:3000\n');
  process.exit(2);
}
const token = process.env.SOCKETEER_TOKEN;
const userId = process.env.SOCKETEER_USER_ID ?? 'user-id-here';
const projectId = process.env.SOCKETEER_PROJECT_ID ?? 'project-id';
const conversationId = process.env.SOCKETEER_CONVERSATION_ID ?? 'conv-id';
const console = new Console({ stdout: process.stderr, stderr: process.stderr });
const line = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

// ---- seed 002, verbatim but for the URL, the ids and the token -------------
import { io } from 'socket.io-client';

const socket = io(url, {
  query: {
    userId: userId, // Pass user ID for authentication
    ...(token ? { token } : {}), // added: the JWT is the identity (query.userId is never trusted)
  },
  transports: ['websocket'],
});

// Join a project room to receive updates
socket.emit('join:project', { projectId: projectId });

// Listen for project updates
socket.on('project:update', (data) => {
  console.log('Project updated:', data);
});

// Listen for stage completions
socket.on('stage:completed', (data) => {
  console.log('Stage completed:', data);
});

// Join a conversation for chat
socket.emit('join:conversation', { conversationId: conversationId });

// Send a message
socket.emit('message:send', {
  conversationId: conversationId,
  message: {
    content: 'Hello!',
    type: 'text',
  },
});

// Listen for new messages
socket.on('message:new', (message) => {
  console.log('New message:', message);
});

// Listen for notifications
socket.on('notification:new', (notification) => {
  console.log('New notification:', notification);
});
// ---- end of seed 002 -------------------------------------------------------

socket.on('connect', () => line({ event: 'connect', id: socket.id }));
socket.on('connect_error', (err) => line({ event: 'connect_error', message: err.message, data: err.data ?? null }));
socket.on('disconnect', (reason) => line({ event: 'disconnect', reason }));
for (const name of ['project:update', 'stage:completed', 'message:new', 'notification:new', 'exception']) {
  socket.on(name, (data) => line({ event: name, data }));
}
