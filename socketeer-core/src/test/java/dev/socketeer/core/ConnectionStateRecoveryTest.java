package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.AllowRequest;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Connection state recovery with the real client: a dropped connection ({@code engine.close()}) is
 * followed by the client's own reconnection, which restores the socket id, rooms, data and the events
 * missed meanwhile (stored events carry their offset as last argument, as in Node).
 */
@ExtendWith(LeakGuard.class)
class ConnectionStateRecoveryTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Reconnects at once; {@link #gate} keeps it away while the test emits what it must miss. */
    private static final Map<String, Object> CLIENT = Map.of("transports", List.of("websocket"), "forceNew", true,
            "reconnectionDelay", 100, "randomizationFactor", 0);

    private SocketIoServer io;
    private final HandshakeGate gate = new HandshakeGate();
    private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();
    private final BlockingQueue<DisconnectReason> disconnects = new LinkedBlockingQueue<>();
    private final AtomicInteger middlewareRuns = new AtomicInteger();

    private void start(ConnectionStateRecoveryOptions recovery) {
        io = e2e.start(SocketIoServer.builder().connectionStateRecovery(recovery).engine(b -> b.allowRequest(gate)), server -> {
            server.use((socket, next) -> {
                socket.data().put("middlewareRuns", middlewareRuns.incrementAndGet());
                next.proceed();
            });
            server.onConnection(socket -> {
                if (!socket.recovered()) {
                    socket.join("room1");
                    socket.data().put("user", "ann");
                }
                socket.onDisconnect((reason, description) -> disconnects.add(reason));
                connections.add(socket);
            });
        }).io;
    }

    /**
     * Holds new sessions (handshakes) while closed: a dropped client's reconnection waits at the door until the
     * test has emitted what it must miss, on any machine, instead of racing a reconnection delay.
     */
    private static final class HandshakeGate implements AllowRequest {
        private final List<AllowRequest.Callback> held = new ArrayList<>();
        private boolean closed;

        @Override
        public synchronized void check(EngineRequest request, AllowRequest.Callback callback) {
            if (closed) {
                held.add(callback);
            } else {
                callback.allow();
            }
        }

        synchronized void close() {
            closed = true;
        }

        void open() {
            List<AllowRequest.Callback> waiting;
            synchronized (this) {
                closed = false;
                waiting = List.copyOf(held);
                held.clear();
            }
            waiting.forEach(AllowRequest.Callback::allow);
        }
    }

    private NodeClient connect() {
        return e2e.driver().connect("http://127.0.0.1:" + io.port() + "/", CLIENT);
    }

    private Socket nextConnection() throws InterruptedException {
        Socket socket = connections.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(socket).as("server-side connection").isNotNull();
        return socket;
    }

    private DisconnectReason nextDisconnect() throws InterruptedException {
        DisconnectReason reason = disconnects.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(reason).as("server-side disconnect").isNotNull();
        return reason;
    }

    /** Connects and receives one stored event, so the client has an offset to recover from. */
    private Socket connectWithOffset(NodeClient client) throws InterruptedException {
        client.awaitConnect(WAIT);
        Socket socket = nextConnection();
        io.emit("seq", 0);
        assertThat(client.awaitEvent("seq", WAIT).get(0).asInt()).isEqualTo(0);
        return socket;
    }

    private static List<Integer> numbers(List<? extends JsonNode> events) {
        return events.stream().map(args -> args.get(0).asInt()).toList();
    }

    @Test
    void droppedConnectionIsRecoveredWithIdRoomsDataAndEveryMissedEventInOrder() throws Exception {
        start(ConnectionStateRecoveryOptions.DEFAULT);
        try (NodeClient client = connect()) {
            Socket first = connectWithOffset(client);
            String id = first.id();
            for (int n = 1; n <= 3; n++) {
                first.emit("seq", n);
            }
            assertThat(numbers(client.awaitEvents("seq", 3, WAIT))).containsExactly(1, 2, 3);

            gate.close();
            client.closeEngine();
            assertThat(nextDisconnect()).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
            // while away: a room broadcast, a direct emit to the old socket, a global broadcast, to its id
            io.to("room1").emit("seq", 4);
            first.emit("seq", 5);
            io.emit("seq", 6);
            io.to(id).emit("seq", 7);
            io.to("room-it-never-joined").emit("seq", -1);
            gate.open();

            JsonNode details = client.awaitConnectDetails(WAIT);
            assertThat(details.path("recovered").asBoolean()).isTrue();
            assertThat(details.path("socketId").asString()).isEqualTo(id);
            Socket second = nextConnection();
            assertThat(second.recovered()).isTrue();
            assertThat(second.id()).isEqualTo(id);
            assertThat(second.rooms()).containsExactlyInAnyOrder(id, "room1");
            assertThat(second.data()).containsEntry("user", "ann");

            io.to("room1").emit("seq", 8);
            second.emit("seq", 9);
            io.emit("marker");
            client.awaitEvent("marker", WAIT);
            List<Integer> all = numbers(client.received("seq"));
            assertThat(all).containsExactlyElementsOf(IntStream.rangeClosed(0, 9).boxed().toList());
            assertThat(client.received("seq")).allSatisfy(args -> assertThat(args.get(args.size() - 1).isString())
                    .as("offset as last argument").isTrue());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void middlewareRunsOnRecoveryOnlyWithSkipMiddlewaresFalse(boolean skipMiddlewares) throws Exception {
        start(ConnectionStateRecoveryOptions.newBuilder().skipMiddlewares(skipMiddlewares).build());
        try (NodeClient client = connect()) {
            connectWithOffset(client);
            client.closeEngine();
            nextDisconnect();
            assertThat(client.awaitConnectDetails(WAIT).path("recovered").asBoolean()).isTrue();
            Socket recovered = nextConnection();
            assertThat(recovered.recovered()).isTrue();
            assertThat(middlewareRuns.get()).isEqualTo(skipMiddlewares ? 1 : 2);
            assertThat(recovered.data().get("middlewareRuns")).isEqualTo(skipMiddlewares ? 1 : 2);
        }
    }

    @Test
    void sessionIsNotRecoveredAfterMaxDisconnectionDuration() throws Exception {
        start(ConnectionStateRecoveryOptions.newBuilder().maxDisconnectionDuration(Duration.ofMillis(300)).build());
        // the client stays away 2 s, well past the 300 ms the server keeps the session
        try (NodeClient client = e2e.driver().connect("http://127.0.0.1:" + io.port() + "/", Map.of(
                "transports", List.of("websocket"), "forceNew", true, "reconnectionDelay", 2000, "randomizationFactor", 0))) {
            Socket first = connectWithOffset(client);
            client.closeEngine();
            nextDisconnect();
            JsonNode details = client.awaitConnectDetails(WAIT);
            assertThat(details.path("recovered").asBoolean()).isFalse();
            assertThat(details.path("socketId").asString()).isNotEqualTo(first.id());
            Socket second = nextConnection();
            assertThat(second.recovered()).isFalse();
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.data()).containsEntry("user", "ann").containsEntry("middlewareRuns", 2);
        }
    }

    @Test
    void clientInitiatedDisconnectIsNotRecoverable() throws Exception {
        start(ConnectionStateRecoveryOptions.DEFAULT);
        try (NodeClient client = connect()) {
            Socket first = connectWithOffset(client);
            first.data().put("marker", "old session");
            client.disconnect();
            assertThat(nextDisconnect()).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            client.connectAgain();
            JsonNode details = client.awaitConnectDetails(WAIT);
            assertThat(details.path("recovered").asBoolean()).isFalse();
            Socket second = nextConnection();
            assertThat(second.recovered()).isFalse();
            assertThat(second.id()).isNotEqualTo(first.id()).isEqualTo(details.path("socketId").asString());
            assertThat(second.data()).doesNotContainKey("marker");
        }
    }

    @Test
    void volatileEventsAndEventsWithAcksAreNotStored() throws Exception {
        start(ConnectionStateRecoveryOptions.DEFAULT);
        try (NodeClient client = connect()) {
            Socket first = connectWithOffset(client);
            client.ackReply("ask", "answer");
            gate.close();
            client.closeEngine();
            nextDisconnect();
            io.to("room1").volatile_().emit("volatile", 1);
            first.volatile_().emit("volatile", 2);
            // no recipient now: completes empty, and the packet is not kept for later
            assertThat(io.to("room1").timeout(Duration.ofSeconds(5)).emitWithAck("ask").get(10, TimeUnit.SECONDS)).isEmpty();
            io.to("room1").emit("stored", 3);
            gate.open();

            assertThat(client.awaitConnectDetails(WAIT).path("recovered").asBoolean()).isTrue();
            assertThat(client.awaitEvent("stored", WAIT).get(0).asInt()).isEqualTo(3);
            io.emit("marker");
            client.awaitEvent("marker", WAIT);
            assertThat(client.received("volatile")).isEmpty();
            assertThat(client.received("ask")).isEmpty();
            assertThat(nextConnection().recovered()).isTrue();
        }
    }
}
