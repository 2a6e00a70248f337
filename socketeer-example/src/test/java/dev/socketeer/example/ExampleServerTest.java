package dev.socketeer.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The "room" contract, checked with the real Node client. */
class ExampleServerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Map<String, Object> WS = Map.of("transports", List.of("websocket"), "forceNew", true);

    private static SocketIoServer io;
    private static NodeDriver driver;

    @BeforeAll
    static void start() {
        io = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0)).start();
        driver = new NodeDriver();
    }

    @AfterAll
    static void stop() {
        driver.close();
        io.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + io.port() + "/";
    }

    @Test
    void joinRoomAcksAndConfirmsThenRoomMessagesReachMembers() {
        try (NodeClient a = driver.connect(url(), WS); NodeClient b = driver.connect(url(), WS)) {
            String aId = a.awaitConnect();
            b.awaitConnect();
            assertThat(a.emitWithAck("joinRoom", WAIT, Map.of("room", "lobby"))).hasToString("[{\"room\":\"lobby\"}]");
            assertThat(a.awaitEvent("roomJoined", WAIT)).hasToString("[{\"room\":\"lobby\"}]");
            b.emit("roomMessage", Map.of("room", "lobby", "message", "hi"));
            assertThat(a.awaitEvent("roomMessage", WAIT).get(0).path("message").asString()).isEqualTo("hi");
            assertNothingMoreBefore(b, "roomMessage"); // b is not in the room
            a.emit("roomMessage", Map.of("room", "lobby", "message", "me"));
            assertThat(a.awaitEvent("roomMessage", WAIT).get(0).path("from").asString()).isEqualTo(aId);
        }
    }

    @Test
    void echoAcksWithTheSameArguments() {
        try (NodeClient a = driver.connect(url(), WS)) {
            a.awaitConnect();
            assertThat(a.emitWithAck("echo", WAIT, 1, "two", Map.of("three", 3)))
                    .hasToString("[1,\"two\",{\"three\":3}]");
        }
    }

    @Test
    void messageIsBroadcastToEveryOtherSocket() {
        try (NodeClient a = driver.connect(url(), WS); NodeClient b = driver.connect(url(), WS)) {
            a.awaitConnect();
            String bId = b.awaitConnect();
            b.emit("message", Map.of("message", "yo"));
            assertThat(a.awaitEvent("messageBroadcast", WAIT)).hasToString(
                    "[{\"message\":\"yo\",\"from\":\"" + bId + "\"}]");
            assertNothingMoreBefore(b, "messageBroadcast"); // not back to the sender
        }
    }

    /**
     * Asserts that {@code client} got no {@code event} for what it emitted: an {@code echo} ack afterwards is
     * the barrier (the server handles a socket's events in order and sends it packets in order), so this holds
     * however slow the machine, without a quiet period.
     */
    private static void assertNothingMoreBefore(NodeClient client, String event) {
        assertThat(client.emitWithAck("echo", WAIT, "barrier")).hasToString("[\"barrier\"]");
        assertThat(client.received(event)).isEmpty();
    }

    @Test
    void leaveRoomConfirmsAndMessageIsConfirmedToTheSender() {
        try (NodeClient a = driver.connect(url(), WS)) {
            a.awaitConnect();
            a.emitWithAck("joinRoom", WAIT, Map.of("room", "lobby"));
            assertThat(a.emitWithAck("leaveRoom", WAIT, Map.of("room", "lobby"))).hasToString("[{\"room\":\"lobby\"}]");
            assertThat(a.awaitEvent("roomLeft", WAIT)).hasToString("[{\"room\":\"lobby\"}]");
            a.emit("message", Map.of("message", "hi"));
            JsonNode received = a.awaitEvent("messageReceived", WAIT).get(0);
            assertThat(received.path("message").asString()).isEqualTo("hi");
            assertThat(Instant.parse(received.path("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        }
    }
}
