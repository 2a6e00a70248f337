package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** Smoke tests of the core with the real Node {@code socket.io-client} 4.8. */
@ExtendWith(LeakGuard.class)
class SocketIoServerEndToEndTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<String, Object> WS = Map.of("transports", List.of("websocket"), "forceNew", true);

    private SocketIoServer io;

    private SocketIoServer start(SocketIoServer.Builder builder, Consumer<SocketIoServer> setup) {
        io = e2e.start(builder, setup::accept).io;
        return io;
    }

    private interface Consumer<T> {
        void accept(T value);
    }

    private String url(String namespace) {
        return "http://127.0.0.1:" + io.port() + namespace;
    }

    @Test
    void connectsReceivesEventsAndAnswersAcks() {
        start(SocketIoServer.builder(), server -> server.onConnection(socket -> {
            socket.emit("welcome", Map.of("id", socket.id()));
            socket.on("hello", (args, ack) -> ack.send("hi " + args.get(0).asString(), args.size()));
        }));
        try (NodeClient client = e2e.driver().connect(url("/"), Map.of("forceNew", true))) {
            String id = client.awaitConnect();
            assertThat(client.awaitEvent("welcome", WAIT).get(0).path("id").asString()).isEqualTo(id);
            assertThat(client.emitWithAck("hello", WAIT, "bob")).hasToString("[\"hi bob\",1]");
        }
    }

    @Test
    void serverEmitWithAckGetsTheClientsAnswerAndTimesOutOtherwise() throws Exception {
        CompletableFuture<Socket> connected = new CompletableFuture<>();
        start(SocketIoServer.builder(), server -> server.onConnection(connected::complete));
        try (NodeClient client = e2e.driver().connect(url("/"), WS)) {
            client.awaitConnect();
            client.ackReply("question", 42, "yes");
            Socket socket = connected.get(5, TimeUnit.SECONDS);
            JsonNode answer = socket.timeout(WAIT).emitWithAck("question", "?").get(5, TimeUnit.SECONDS);
            assertThat(answer).hasToString("[42,\"yes\"]");
            CompletableFuture<JsonNode> silent = socket.timeout(Duration.ofMillis(200)).emitWithAck("silence");
            assertThat(silent).failsWithin(WAIT).withThrowableThat()
                    .havingCause().isInstanceOf(AckTimeoutException.class).withMessage("operation has timed out");
        }
    }

    @Test
    void middlewareFailureBecomesConnectErrorWithData() {
        start(SocketIoServer.builder(), server -> server.of("/admin")
                .use((socket, next) -> next.fail("Unauthorized", Map.of("code", 401))));
        try (NodeClient client = e2e.driver().connect(url("/admin"), WS)) {
            assertThat(client.awaitConnectError(WAIT)).hasToString("{\"message\":\"Unauthorized\",\"data\":{\"code\":401}}");
        }
    }

    @Test
    void unknownNamespaceIsRefusedAndDynamicNamespaceIsCreated() {
        start(SocketIoServer.builder(), server -> server.of(Pattern.compile("^/room-\\d+$"))
                .onConnection(socket -> socket.emit("where", socket.namespace().name())));
        try (NodeClient unknown = e2e.driver().connect(url("/nope"), WS);
             NodeClient dynamic = e2e.driver().connect(url("/room-7"), WS)) {
            assertThat(unknown.awaitConnectError(WAIT).path("message").asString()).isEqualTo("Invalid namespace");
            dynamic.awaitConnect();
            assertThat(dynamic.awaitEvent("where", WAIT)).hasToString("[\"/room-7\"]");
        }
    }

    @Test
    void roomBroadcastReachesEachMemberOnceAndSkipsExceptedRooms() {
        start(SocketIoServer.builder(), server -> server.onConnection(socket ->
                socket.on("join", (args, ack) -> {
                    for (JsonNode room : args) {
                        socket.join(room.asString());
                    }
                    ack.send();
                })));
        try (NodeClient a = e2e.driver().connect(url("/"), WS); NodeClient b = e2e.driver().connect(url("/"), WS);
             NodeClient c = e2e.driver().connect(url("/"), WS)) {
            a.awaitConnect();
            b.awaitConnect();
            c.awaitConnect();
            a.emitWithAck("join", WAIT, "red", "blue");
            b.emitWithAck("join", WAIT, "blue", "muted");
            c.emitWithAck("join", WAIT, "green");
            io.to("red", "blue").except("muted").emit("news", 1);
            io.to("green").emit("news", 2);
            // a marker to everyone after the broadcasts: each client gets its packets in order, so once it has
            // the marker, it has every news meant for it, however slow the machine
            io.emit("marker");
            for (NodeClient client : List.of(a, b, c)) {
                client.awaitEvent("marker", WAIT);
            }
            assertThat(a.received("news")).hasToString("[[1]]");
            assertThat(b.received("news")).isEmpty();
            assertThat(c.received("news")).hasToString("[[2]]");
        }
    }

    @Test
    void broadcastAckCollectsEveryClientsAnswer() throws Exception {
        start(SocketIoServer.builder(), server -> { });
        try (NodeClient a = e2e.driver().connect(url("/"), WS); NodeClient b = e2e.driver().connect(url("/"), WS)) {
            a.awaitConnect();
            b.awaitConnect();
            a.ackReply("poll", "a");
            b.ackReply("poll", "b");
            List<JsonNode> answers = io.timeout(WAIT).emitWithAck("poll").get(5, TimeUnit.SECONDS);
            assertThat(answers).extracting(JsonNode::asString).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void disconnectReasonsMatchNode() throws Exception {
        CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
        CompletableFuture<Socket> connected = new CompletableFuture<>();
        start(SocketIoServer.builder(), server -> server.onConnection(socket -> {
            socket.onDisconnect((r, description) -> reason.complete(r));
            connected.complete(socket);
        }));
        try (NodeClient client = e2e.driver().connect(url("/"), WS)) {
            client.awaitConnect();
            client.disconnect();
            assertThat(reason.get(5, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            assertThat(connected.get().connected()).isFalse();
        }
        CompletableFuture<Socket> second = new CompletableFuture<>();
        io.onConnection(second::complete);
        try (NodeClient client = e2e.driver().connect(url("/"), WS)) {
            client.awaitConnect();
            second.get(5, TimeUnit.SECONDS).disconnect();
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        }
    }

    @Test
    void connectionStateRecoveryRestoresIdRoomsAndMissedEvents() throws Exception {
        start(SocketIoServer.builder().connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT),
                server -> server.onConnection(socket -> {
                    if (!socket.recovered()) {
                        socket.join("room1");
                        socket.data().put("user", "ann");
                    }
                    socket.emit("state", socket.recovered(), socket.data().get("user"));
                }));
        try (NodeClient client = e2e.driver().connect(url("/"), Map.of("transports", List.of("websocket"), "forceNew", true))) {
            String id = client.awaitConnect();
            client.awaitEvent("state", WAIT);
            io.to("room1").emit("tick", 1);
            client.awaitEvent("tick", WAIT);
            client.closeEngine();
            client.awaitDisconnect(WAIT);
            await().atMost(WAIT).until(() -> io.localSockets().isEmpty());
            io.to("room1").emit("tick", 2);
            JsonNode details = client.awaitConnectDetails(Duration.ofSeconds(10));
            assertThat(details.path("recovered").asBoolean()).isTrue();
            assertThat(details.path("socketId").asString()).isEqualTo(id);
            assertThat(client.awaitEvent("tick", WAIT).get(0).asInt()).isEqualTo(2);
            assertThat(client.awaitEvent("state", WAIT).get(0).asBoolean()).isTrue();
        }
    }

    @Test
    void binaryArgumentsRoundTrip() {
        start(SocketIoServer.builder(), server -> server.onConnection(socket ->
                socket.on("bytes", (args, ack) -> ack.send(args.get(0).binaryValue(), "text"))));
        try (NodeClient client = e2e.driver().connect(url("/"), WS)) {
            client.awaitConnect();
            var ack = client.emitWithAck("bytes", WAIT, (Object) new byte[] {1, 2, 3});
            assertThat(NodeDriver.bytes(ack.get(0))).containsExactly(1, 2, 3);
            assertThat(ack.get(1).asString()).isEqualTo("text");
        }
    }
}
