package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every disconnect reason, as Node names it on the server and as the Node client reports it
 * (checked against socket.io 4.8.4: {@code disconnect(true)} is "server namespace disconnect" on the
 * server, and a client closing its engine sees "forced close").
 */
@ExtendWith(LeakGuard.class)
class DisconnectTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;
    private final BlockingQueue<Socket> sockets = LiveServer.socketQueue();
    private final BlockingQueue<String> reasons = new LinkedBlockingQueue<>();

    /** Records each socket and, on disconnect, "disconnecting:reason" then "disconnect:reason". */
    private void startRecording(SocketIoServer.Builder builder) {
        server = e2e.start(builder, io -> io.onConnection(socket -> {
            socket.onDisconnecting((reason, d) -> reasons.add("disconnecting:" + reason.wireName()));
            socket.onDisconnect((reason, d) -> reasons.add("disconnect:" + reason.wireName()));
            sockets.add(socket);
        }));
    }

    private void assertServerReason(String reason) {
        assertThat(LiveServer.next(reasons, "disconnecting")).isEqualTo("disconnecting:" + reason);
        assertThat(LiveServer.next(reasons, "disconnect")).isEqualTo("disconnect:" + reason);
    }

    @Test
    void clientDisconnectIsClientNamespaceDisconnect() {
        startRecording(SocketIoServer.builder());
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            Socket socket = LiveServer.next(sockets, "connection");
            client.disconnect();
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io client disconnect");
            assertServerReason("client namespace disconnect");
            assertThat(socket.connected()).isFalse();
            assertThat(server.io.localSockets()).isEmpty();
        }
    }

    @Test
    void serverDisconnectIsServerNamespaceDisconnect() {
        startRecording(SocketIoServer.builder());
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            Socket socket = LiveServer.next(sockets, "connection");
            socket.disconnect();
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertServerReason("server namespace disconnect");
            assertThat(socket.connected()).isFalse();
            assertThat(socket.emit("dropped")).isTrue();
        }
    }

    @Test
    void serverDisconnectWithCloseIsServerNamespaceDisconnectAndClosesTheEngine() {
        startRecording(SocketIoServer.builder());
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket("reconnection", false))) {
            client.awaitConnect(WAIT);
            LiveServer.next(sockets, "connection").disconnect(true);
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertServerReason("server namespace disconnect");
            await().atMost(WAIT).until(() -> server.io.engine().clientsCount() == 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void clientClosingItsEngineIsTransportClose(String transport) {
        startRecording(SocketIoServer.builder());
        try (NodeClient client = e2e.driver().connect(server.url("/"),
                Map.of("transports", List.of(transport), "forceNew", true, "reconnection", false))) {
            client.awaitConnect(WAIT);
            client.closeEngine();
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("forced close");
            assertServerReason("transport close");
            await().atMost(WAIT).until(() -> server.io.engine().clientsCount() == 0);
        }
    }

    @Test
    void clientThatStopsAnsweringPingsIsPingTimeout() {
        // the CONNECT below must arrive before the session times out: 2 s after the handshake, on any machine
        startRecording(SocketIoServer.builder()
                .pingInterval(Duration.ofMillis(1000))
                .pingTimeout(Duration.ofMillis(1000)));
        RawPollingClient raw = RawPollingClient.handshake(server.port());
        assertThat(raw.openPacket().path("pingInterval").asInt()).isEqualTo(1000);
        assertThat(raw.openPacket().path("pingTimeout").asInt()).isEqualTo(1000);
        raw.post("40");
        assertThat(LiveServer.next(sockets, "connection").id()).isNotBlank();
        // from here on the client neither polls nor answers the server's ping
        assertServerReason("ping timeout");
        await().atMost(WAIT).until(() -> server.io.engine().clientsCount() == 0);
        assertThat(raw.poll().closed()).isTrue();
    }

    @Test
    void clientThatAnswersPingsStaysConnectedWithShortHeartbeats() {
        Duration interval = Duration.ofMillis(200);
        Duration timeout = Duration.ofSeconds(2); // what a PONG may take on a loaded machine
        startRecording(SocketIoServer.builder().pingInterval(interval).pingTimeout(timeout));
        RawPollingClient raw = RawPollingClient.handshake(server.port());
        raw.post("40");
        LiveServer.next(sockets, "connection");
        // PINGs are at least an interval apart: these many outlast a whole interval + timeout, so a session
        // kept alive by anything but the PONGs (or closed despite them) shows
        long needed = interval.plus(timeout).dividedBy(interval) + 1;
        int pings = 0;
        while (pings < needed) {
            RawPollingClient.Poll poll = raw.poll();
            assertThat(poll.closed()).as("session closed after %d pings", pings).isFalse();
            for (String packet : poll.packets()) {
                if (packet.equals("2")) {
                    pings++;
                    raw.post("3");
                }
            }
        }
        assertThat(reasons).isEmpty();
        assertThat(server.io.localSockets()).hasSize(1);
    }

    @Test
    void serverCloseIsServerShuttingDown() {
        startRecording(SocketIoServer.builder());
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket("reconnection", false))) {
            client.awaitConnect(WAIT);
            LiveServer.next(sockets, "connection");
            server.io.close();
            assertServerReason("server shutting down");
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("transport close");
        }
    }

    @Test
    void disconnectingListenerStillSeesTheRoomsAndDisconnectListenerDoesNot() {
        CompletableFuture<Set<String>> whileDisconnecting = new CompletableFuture<>();
        CompletableFuture<Set<String>> afterDisconnect = new CompletableFuture<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.join("room-1", "room-2");
            socket.onDisconnecting((reason, d) -> whileDisconnecting.complete(Set.copyOf(socket.rooms())));
            socket.onDisconnect((reason, d) -> afterDisconnect.complete(Set.copyOf(socket.rooms())));
            socket.emit("joined");
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            String id = client.awaitConnect(WAIT);
            client.awaitEvent("joined", WAIT);
            client.disconnect();
            assertThat(LiveServer.await(whileDisconnecting, "disconnecting")).containsExactlyInAnyOrder(id, "room-1", "room-2");
            assertThat(LiveServer.await(afterDisconnect, "disconnect")).isEmpty();
        }
    }

    @Test
    void sessionWithoutNamespaceIsClosedAfterTheConnectTimeout() {
        // long enough for the count right after the handshake to see the session on a loaded machine
        startRecording(SocketIoServer.builder().connectTimeout(Duration.ofSeconds(2)));
        RawPollingClient raw = RawPollingClient.handshake(server.port());
        assertThat(server.io.engine().clientsCount()).isEqualTo(1);
        // never sends a Socket.IO CONNECT
        RawPollingClient.Poll poll = raw.poll();
        for (int i = 0; i < 5 && !poll.closed(); i++) {
            poll = raw.poll();
        }
        assertThat(poll.closed()).isTrue();
        await().atMost(WAIT).until(() -> server.io.engine().clientsCount() == 0);
        assertThat(sockets).isEmpty();
    }

    @Test
    void sessionThatJoinsANamespaceInTimeIsKeptAfterTheConnectTimeout() {
        // the clients' CONNECTs, sent as their sessions open, must arrive within it even on a loaded machine
        startRecording(SocketIoServer.builder().connectTimeout(Duration.ofSeconds(3)));
        try (NodeClient late = e2e.driver().connect(server.url("/"), LiveServer.websocket());
             NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            late.awaitConnect(WAIT);
            // a session opened after these two is closed by its timer, so theirs would have fired by now too
            RawPollingClient raw = RawPollingClient.handshake(server.port());
            RawPollingClient.Poll poll = raw.poll();
            for (int i = 0; i < 5 && !poll.closed(); i++) {
                poll = raw.poll();
            }
            assertThat(poll.closed()).isTrue();
            server.io.emit("still", "connected");
            assertThat(client.awaitEvent("still", WAIT)).hasToString("[\"connected\"]");
            assertThat(reasons).isEmpty();
        }
    }
}
