package dev.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Proves the driver against the real Node socket.io 4.8 server, independent of Socketeer's own server. */
class NodeDriverReferenceServerTest {

    private static final Map<String, Object> WEBSOCKET_ONLY = Map.of("transports", List.of("websocket"), "forceNew", true);
    private static final Duration ACK = Duration.ofSeconds(5);

    private static NodeReferenceServer server;
    private static NodeDriver driver;

    @BeforeAll
    static void start() {
        server = new NodeReferenceServer();
        server.start();
        driver = new NodeDriver();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.close();
        if (server != null) server.close();
    }

    private static NodeClient connected(Map<String, ?> options) {
        NodeClient client = driver.connect(server.url("/"), options);
        client.awaitConnect();
        return client;
    }

    @Test
    void connectsOverWebSocketOnly() {
        try (NodeClient client = driver.connect(server.url("/"), WEBSOCKET_ONLY)) {
            JsonNode connect = client.awaitConnectDetails(NodeClient.DEFAULT_TIMEOUT);
            assertThat(connect.path("transport").asString()).isEqualTo("websocket");
            assertThat(connect.path("recovered").asBoolean()).isFalse();
            NodeClient.State state = client.state();
            assertThat(state.connected()).isTrue();
            assertThat(state.id()).isEqualTo(connect.path("socketId").asString());
            assertThat(state.transport()).isEqualTo("websocket");
        }
    }

    @Test
    void connectsOverPollingOnly() {
        try (NodeClient client = connected(Map.of("transports", List.of("polling"), "forceNew", true))) {
            assertThat(client.state().transport()).isEqualTo("polling");
            assertThat(client.emitWithAck("echo", ACK, "over polling")).hasToString("[\"over polling\"]");
        }
    }

    @Test
    void upgradesFromPollingToWebSocketByDefault() {
        try (NodeClient client = driver.connect(server.url("/"), Map.of("forceNew", true))) {
            client.awaitConnect();
            assertThat(client.awaitUpgrade()).isEqualTo("websocket");
        }
    }

    @Test
    void joinRoomIsAckedAndConfirmed() {
        try (NodeClient client = connected(WEBSOCKET_ONLY)) {
            ArrayNode ack = client.emitWithAck("joinRoom", ACK, Map.of("room", "lobby"));
            assertThat(ack).hasToString("[{\"room\":\"lobby\"}]");
            assertThat(client.awaitEvent("roomJoined")).hasToString("[{\"room\":\"lobby\"}]");
        }
    }

    @Test
    void roomMessageReachesEveryMemberOnly() {
        try (NodeClient alice = connected(WEBSOCKET_ONLY); NodeClient bob = connected(WEBSOCKET_ONLY);
                NodeClient outsider = connected(WEBSOCKET_ONLY)) {
            alice.emitWithAck("joinRoom", ACK, Map.of("room", "r1"));
            bob.emitWithAck("joinRoom", ACK, Map.of("room", "r1"));
            alice.emit("roomMessage", Map.of("room", "r1", "message", "hello"));
            String aliceId = alice.state().id();
            for (NodeClient member : List.of(alice, bob)) {
                JsonNode msg = member.awaitEvent("roomMessage").get(0);
                assertThat(msg.path("message").asString()).isEqualTo("hello");
                assertThat(msg.path("from").asString()).isEqualTo(aliceId);
            }
            outsider.emitWithAck("echo", ACK); // the server handled everything before this round trip
            assertThat(outsider.received("roomMessage")).isEmpty();
        }
    }

    @Test
    void echoRoundTripsNestedBinary() {
        byte[] top = {1, 2, 3};
        byte[] nested = "nested".getBytes(StandardCharsets.UTF_8);
        byte[] deep = new byte[1000];
        for (int i = 0; i < deep.length; i++) deep[i] = (byte) i;
        for (Map<String, Object> options : List.of(WEBSOCKET_ONLY, Map.<String, Object>of("transports", List.of("polling"), "forceNew", true))) {
            try (NodeClient client = connected(options)) {
                ArrayNode ack = client.emitWithAck("echo", ACK, top, Map.of("file", nested, "parts", List.of(Map.of("deep", deep), "text")), 42);
                assertThat(NodeDriver.bytes(ack.get(0))).containsExactly(top);
                assertThat(NodeDriver.bytes(ack.get(1).path("file"))).containsExactly(nested);
                assertThat(NodeDriver.bytes(ack.get(1).path("parts").get(0).path("deep"))).containsExactly(deep);
                assertThat(ack.get(1).path("parts").get(1).asString()).isEqualTo("text");
                assertThat(ack.get(2).asInt()).isEqualTo(42);
            }
        }
    }

    @Test
    void emitWithAckFailsWhenNobodyAcks() {
        try (NodeClient client = connected(WEBSOCKET_ONLY)) {
            assertThatThrownBy(() -> client.emitWithAck("nobodyListens", Duration.ofMillis(300)))
                    .isInstanceOf(AckTimeoutError.class)
                    .hasMessageContaining("nobodyListens");
        }
    }

    @Test
    void messageReachesOthersButNotTheSender() {
        try (NodeClient sender = connected(WEBSOCKET_ONLY); NodeClient other = connected(WEBSOCKET_ONLY)) {
            sender.emit("message", Map.of("message", "hi all"));
            JsonNode broadcast = other.awaitEvent("messageBroadcast").get(0);
            assertThat(broadcast.path("message").asString()).isEqualTo("hi all");
            assertThat(broadcast.path("from").asString()).isEqualTo(sender.state().id());
            sender.emitWithAck("echo", ACK); // a broadcast to the sender would have arrived before this ack
            assertThat(sender.received("messageBroadcast")).isEmpty();
        }
    }

    @Test
    void closeEngineDropsTheConnectionAndTheClientReconnects() {
        try (NodeClient client = driver.connect(server.url("/"), Map.of("transports", List.of("websocket"),
                "forceNew", true, "reconnectionDelay", 50, "reconnectionDelayMax", 100))) {
            String first = client.awaitConnect();
            client.closeEngine();
            assertThat(client.awaitDisconnect()).isEqualTo("forced close");
            assertThat(client.awaitReconnect(NodeClient.DEFAULT_TIMEOUT)).isEqualTo(1);
            String second = client.awaitConnect();
            assertThat(second).isNotEqualTo(first);
            assertThat(client.emitWithAck("echo", ACK, "again")).hasToString("[\"again\"]");
        }
    }

    @Test
    void disconnectAndConnectAgain() {
        try (NodeClient client = connected(WEBSOCKET_ONLY)) {
            client.disconnect();
            assertThat(client.awaitDisconnect()).isEqualTo("io client disconnect");
            assertThat(client.state().connected()).isFalse();
            client.connectAgain();
            client.awaitConnect();
            assertThat(client.state().connected()).isTrue();
        }
    }

    @Test
    void answersServerAcksAsConfigured() {
        try (NodeClient client = connected(WEBSOCKET_ONLY)) {
            client.emit("askAck", Map.of("event", "quiet", "args", List.of(1), "timeout", 200));
            assertThat(client.awaitEventDetails("quiet", NodeClient.DEFAULT_TIMEOUT).path("hasAck").asBoolean()).isTrue();
            assertThat(client.awaitEvent("askAckResult").get(0).path("ok").asBoolean()).isFalse();

            client.ackReply("fixed", "yes", Map.of("n", 1));
            client.emit("askAck", Map.of("event", "fixed", "args", List.of(1)));
            assertThat(client.awaitEvent("askAckResult").get(0).path("args")).hasToString("[\"yes\",{\"n\":1}]");

            client.ackEcho("mirror");
            client.emit("askAck", Map.of("event", "mirror", "args", List.of("a", Map.of("bin", new byte[] {9}))));
            JsonNode echoed = client.awaitEvent("askAckResult").get(0).path("args");
            assertThat(echoed.get(0).asString()).isEqualTo("a");
            assertThat(NodeDriver.bytes(echoed.get(1).path("bin"))).containsExactly(9);
        }
    }

    @Test
    void awaitsConsumeSuccessiveOccurrences() {
        try (NodeClient client = connected(WEBSOCKET_ONLY)) {
            for (String room : List.of("a", "b", "c")) client.emit("joinRoom", Map.of("room", room));
            assertThat(client.awaitEvent("roomJoined").get(0).path("room").asString()).isEqualTo("a");
            List<ArrayNode> rest = client.awaitEvents("roomJoined", 2, NodeClient.DEFAULT_TIMEOUT);
            assertThat(rest).extracting(a -> a.get(0).path("room").asString()).containsExactly("b", "c");
            assertThat(client.received("roomJoined")).hasSize(3);
        }
    }

    @Test
    void unknownNamespaceIsAConnectError() {
        try (NodeClient client = driver.connect(server.url("/nope"), WEBSOCKET_ONLY)) {
            assertThat(client.awaitConnectError().path("message").asString()).isEqualTo("Invalid namespace");
        }
    }

    @Test
    void v3ClientConnectsAndAcks() {
        try (NodeClient client = driver.connectV3(server.url("/"), Map.of("forceNew", true))) {
            client.awaitConnect();
            assertThat(client.version()).isEqualTo("3");
            ArrayNode ack = client.emitWithAck("echo", ACK, "v3", new byte[] {7});
            assertThat(ack.get(0).asString()).isEqualTo("v3");
            assertThat(NodeDriver.bytes(ack.get(1))).containsExactly(7);
            assertThatThrownBy(() -> client.emitWithAck("nobodyListens", Duration.ofMillis(200)))
                    .isInstanceOf(AckTimeoutError.class);
        }
    }

    @Test
    void badCommandsFailWithoutKillingTheDriver() {
        NodeClient client = connected(WEBSOCKET_ONLY);
        client.close();
        assertThatThrownBy(() -> client.emit("echo")).isInstanceOf(NodeDriverException.class)
                .hasMessageContaining("unknown client");
        assertThatThrownBy(() -> driver.call(driver.request("noSuchCommand", null), NodeDriver.COMMAND_TIMEOUT))
                .isInstanceOf(NodeDriverException.class).hasMessage("unknown cmd \"noSuchCommand\"");
        assertThat(driver.isAlive()).isTrue();
        try (NodeClient next = connected(WEBSOCKET_ONLY)) {
            assertThat(next.emitWithAck("echo", ACK, "still alive")).hasToString("[\"still alive\"]");
        }
    }
}
