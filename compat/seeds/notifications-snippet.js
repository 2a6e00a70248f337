// Seed 003 (notifications): the document's front-end NotificationService ("Step 2: Connect to WebSocket
// Server"), run unchanged against a live server.
//
// Only these things differ from the document, all outside its code:
//   - TypeScript's type annotations are removed (this is plain JavaScript): `private socket: Socket | null`
//     becomes a field, parameter types are dropped; nothing else in the class changes;
//   - the `authService` is a stub returning SOCKETEER_TOKEN, and `apiUrl` is SOCKETEER_URL;
//   - the handlers the seed leaves to the reader ("Implement other handlers") read events the way the
//     seed's Angular service does (event.data, event.data.count) and print them;
//   - console.log goes to stderr, and stdout carries one JSON line per event for the Java test:
//     {"event":"log","message":...} | {"event":"notification","data":{...}} | {"event":"unread_count","count":N}
//     | {"event":"disconnect","reason":...}.
// Exits when stdin closes, so it never outlives the test that started it.
//
//   SOCKETEER_URL=http://localhost:3000 SOCKETEER_TOKEN=... node compat/seeds/notifications-snippet.js
import { Console } from 'node:console';
import { format } from 'node:util';

const apiUrl = process.env.SOCKETEER_URL;
const token = process.env.SOCKETEER_TOKEN;
if (!apiUrl || !token) {
  process.stderr.write('set SOCKETEER_URL and SOCKETEER_TOKEN\n');
  process.exit(2);
}
const line = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
const stderrConsole = new Console({ stdout: process.stderr, stderr: process.stderr });
const console = {
  log: (...args) => { stderrConsole.log(...args); line({ event: 'log', message: format(...args) }); },
};
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
const authService = { getToken: () => token };

// ---- seed 003, Step 2, verbatim but for the type annotations ---------------
import { io } from "socket.io-client";

export class NotificationService {
  socket = null;
  connected = false;

  constructor(apiUrl, authService) {
    this.apiUrl = apiUrl;
    this.authService = authService;
  }

  connect() {
    const token = this.authService.getToken();
    if (!token) return;

    this.socket = io(`${this.apiUrl}/notifications`, {
      extraHeaders: {
        Authorization: `Bearer ${token}`,
      },
      transports: ["websocket"],
    });

    this.socket.on("connect", this.handleConnect.bind(this));
    this.socket.on("disconnect", this.handleDisconnect.bind(this));
    this.socket.on("notification", this.handleNotification.bind(this));
    this.socket.on("unread_count", this.handleUnreadCount.bind(this));
  }

  handleConnect() {
    this.connected = true;
    console.log("Connected to notification system");

    // Subscribe to notifications
    this.socket?.emit("subscribe_notifications", {}, (response) => {
      if (response.success) {
        console.log("Successfully subscribed to notifications");
      }
    });
  }

  // Implement other handlers
  // ---- end of seed 003 (the handlers below are the ones the seed leaves to the reader) ----
  handleDisconnect(reason) {
    this.connected = false;
    line({ event: 'disconnect', reason });
  }

  handleNotification(event) {
    line({ event: 'notification', data: event.data });
  }

  handleUnreadCount(event) {
    line({ event: 'unread_count', count: event.data.count });
  }
}

new NotificationService(apiUrl, authService).connect();
