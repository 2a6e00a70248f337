package dev.socketeer.server.hub;

import static dev.socketeer.server.hub.HubClients.TIMEOUT;
import static dev.socketeer.server.hub.HubClients.all;
import static dev.socketeer.server.hub.HubClients.barrier;
import static dev.socketeer.server.hub.HubClients.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.Socket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.NodeSnippet;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's client events on {@code /} with the real socket.io-client under node and the seed's options
 * ({@code transports: ['websocket'], upgrade: false}; the seed's own snippet too): presence, messages, rooms in
 * the hub's own space, bounds, and invalid payloads answered with an error and emitting nothing.
 */
@ServerTest
class HubGatewayEndToEndTest {

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    HubClients clients;

    @BeforeEach
    void setUp() {
        clients = new HubClients(port);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void theSeedsSnippetConnectsAndIsWelcomedWithItsClientId() throws Exception {
        try (NodeSnippet snippet = NodeSnippet.start("hub-snippet.js", Map.of("SOCKETEER_URL", clients.url()))) {
            String id = snippet.next("connect", TIMEOUT).path("id").asString();
            JsonNode connected = snippet.next("connected", TIMEOUT).path("data");
            assertThat(connected.path("clientId").asString()).isEqualTo(id);
            assertThat(Instant.parse(connected.path("timestamp").asString())).isBetween(
                    Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            assertThat(io.sockets().sockets().get(id).transport().wireName()).isEqualTo("websocket");
        }
    }

    @Test
    void othersAreToldWhenAClientJoinsAndLeaves() {
        try (NodeClient first = clients.connect()) {
            String firstId = first.state().id();
            assertThat(next(first, "connected").path("clientId").asString()).isEqualTo(firstId);
            NodeClient second = clients.connect();
            String secondId = second.state().id();
            assertThat(next(second, "connected").path("clientId").asString()).isEqualTo(secondId);
            assertThat(awaitClient(first, "clientJoined", secondId)).isTrue();
            barrier(second);
            assertThat(all(second, "clientJoined")).noneMatch(e -> e.path("clientId").asString().equals(secondId));
            second.close();
            assertThat(awaitClient(first, "clientLeft", secondId)).isTrue();
        }
    }

    @Test
    void messageIsConfirmedToTheSenderAndBroadcastToEveryoneElse() {
        try (NodeClient sender = clients.connect(); NodeClient other = clients.connect()) {
            String senderId = sender.state().id();
            sender.emit("message", Map.of("message", "Hello everyone"));

            JsonNode received = next(sender, "messageReceived");
            assertThat(received.path("message").asString()).isEqualTo("Hello everyone");
            assertThat(received.has("timestamp")).isTrue();
            JsonNode broadcast = nextFrom(other, "messageBroadcast", senderId);
            assertThat(broadcast.path("message").asString()).isEqualTo("Hello everyone");
            assertThat(fieldNames(broadcast)).containsExactlyInAnyOrder("message", "from");

            barrier(sender);
            assertThat(all(sender, "messageBroadcast")).noneMatch(e -> e.path("from").asString().equals(senderId));
        }
    }

    @Test
    void joinRoomLeaveRoomAndRoomMessagesReachTheMembersOnly() {
        try (NodeClient alice = clients.connect(); NodeClient bob = clients.connect(); NodeClient carol = clients.connect()) {
            String aliceId = alice.state().id();
            assertThat(alice.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "support")).get(0).path("room").asString())
                    .isEqualTo("support");
            assertThat(next(alice, "roomJoined").path("room").asString()).isEqualTo("support");
            bob.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "support"));
            carol.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "sales"));

            alice.emit("roomMessage", Map.of("room", "support", "message", "Ticket 42 is solved"));
            for (NodeClient member : List.of(alice, bob)) {
                JsonNode msg = next(member, "roomMessage");
                assertThat(msg.path("room").asString()).isEqualTo("support");
                assertThat(msg.path("message").asString()).isEqualTo("Ticket 42 is solved");
                assertThat(msg.path("from").asString()).isEqualTo(aliceId);
            }
            barrier(alice);
            barrier(carol);
            assertThat(carol.received("roomMessage")).isEmpty();

            assertThat(bob.emitWithAck("leaveRoom", TIMEOUT, Map.of("room", "support")).get(0).path("room").asString())
                    .isEqualTo("support");
            assertThat(next(bob, "roomLeft").path("room").asString()).isEqualTo("support");
            alice.emit("roomMessage", Map.of("room", "support", "message", "after bob left"));
            assertThat(next(alice, "roomMessage").path("message").asString()).isEqualTo("after bob left");
            barrier(alice);
            barrier(bob);
            assertThat(bob.received("roomMessage")).hasSize(1);
        }
    }

    @Test
    void aHubRoomNamedLikeAnotherFeaturesRoomGivesNoAccessToIt() {
        try (NodeClient intruder = clients.connect(); NodeClient hubPeer = clients.connect()) {
            for (String name : List.of("project:1", "user:1", "conversation:1")) {
                intruder.emitWithAck("joinRoom", TIMEOUT, Map.of("room", name));
            }
            hubPeer.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "project:1"));
            Socket intruderSocket = socket(intruder);
            assertThat(intruderSocket.rooms()).contains("hub:project:1", "hub:user:1", "hub:conversation:1")
                    .doesNotContain("project:1", "user:1", "conversation:1");

            // what the projects, notifications and chat features send to their rooms
            io.sockets().to("project:1").emit("project:update", Map.of("type", "secret"));
            io.sockets().to("user:1").emit("notification:new", Map.of("title", "secret"));
            io.sockets().to("conversation:1").emit("message:new", Map.of("content", "secret"));
            barrier(intruder);
            assertThat(intruder.received("project:update")).isEmpty();
            assertThat(intruder.received("notification:new")).isEmpty();
            assertThat(intruder.received("message:new")).isEmpty();

            // the hub room of that name works as a hub room, under the name the clients use
            hubPeer.emit("roomMessage", Map.of("room", "project:1", "message", "hub only"));
            assertThat(next(intruder, "roomMessage").path("room").asString()).isEqualTo("project:1");
        }
    }

    @Test
    void roomNamesAndRoomsPerSocketAreBounded() {
        try (NodeClient client = clients.connect()) {
            assertError(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "x".repeat(101))).get(0),
                    "room must be at most 100 characters");
            assertError(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "bad\nname")).get(0),
                    "room must not contain control characters");
            assertError(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", " ")).get(0), "room: must not be blank");
            assertThat(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "x".repeat(100))).get(0).has("room")).isTrue();
            for (int i = 1; i < 20; i++) {
                client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "r" + i));
            }
            assertError(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "one too many")).get(0),
                    "A client may be in at most 20 rooms");
            // joining a room it is in, and leaving one to make space, still work
            assertThat(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "r1")).get(0).path("room").asString())
                    .isEqualTo("r1");
            client.emitWithAck("leaveRoom", TIMEOUT, Map.of("room", "r1"));
            assertThat(client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "one too many")).get(0).path("room")
                    .asString()).isEqualTo("one too many");
            assertThat(socket(client).rooms().stream().filter(r -> r.startsWith("hub:"))).hasSize(20);
            assertThat(all(client, "roomJoined")).hasSize(22);
        }
    }

    @Test
    void invalidPayloadsAreAnsweredWithAnErrorAndEmitNothing() {
        try (NodeClient sender = clients.connect(); NodeClient other = clients.connect()) {
            sender.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "lobby"));
            other.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "lobby"));
            assertError(sender.emitWithAck("message", TIMEOUT, Map.of()).get(0), "message: must not be null");
            assertError(sender.emitWithAck("message", TIMEOUT, Map.of("message", "")).get(0),
                    "message: size must be between 1 and 10000");
            assertError(sender.emitWithAck("message", TIMEOUT, Map.of("message", "x".repeat(10_001))).get(0),
                    "message: size must be between 1 and 10000");
            assertError(sender.emitWithAck("message", TIMEOUT, Map.of("message", Map.of("nested", true))).get(0),
                    "Invalid payload: expected MessageRequest");
            assertError(sender.emitWithAck("message", TIMEOUT, "just a string").get(0),
                    "Invalid payload: expected MessageRequest");
            assertError(sender.emitWithAck("roomMessage", TIMEOUT, Map.of("room", "lobby")).get(0),
                    "message: must not be null");
            assertError(sender.emitWithAck("roomMessage", TIMEOUT, Map.of("message", "hi")).get(0),
                    "room: must not be blank");
            assertError(sender.emitWithAck("leaveRoom", TIMEOUT).get(0), "payload: must not be null");

            // without an ack the error comes as an "exception" event
            sender.emit("roomMessage", Map.of("room", "y".repeat(101), "message", "hi"));
            JsonNode exception = next(sender, "exception");
            assertThat(exception.path("status").asString()).isEqualTo("error");
            assertThat(exception.path("message").asString()).isEqualTo("room must be at most 100 characters");

            barrier(sender);
            barrier(other);
            for (NodeClient client : List.of(sender, other)) {
                assertThat(client.received("messageBroadcast")).noneMatch(e -> e.get(0).path("from").asString()
                        .equals(sender.state().id()));
                assertThat(client.received("roomMessage")).isEmpty();
            }
            assertThat(sender.received("messageReceived")).isEmpty();
            assertThat(sender.received("roomLeft")).isEmpty();
        }
    }

    @Test
    void echoAcksWithItsArguments() {
        try (NodeClient client = clients.connect()) {
            assertThat(client.emitWithAck("echo", TIMEOUT, Map.of("n", 1), "two", 3)).hasToString("[{\"n\":1},\"two\",3]");
        }
    }

    @Test
    void aTokenIsOptionalButOneThatIsSentMustBeValid() {
        try (NodeClient expired = clients.connectLater(Map.of("transports", List.of("websocket"),
                "upgrade", false, "auth", Map.of("token", TestTokens.expired("alice"))))) {
            JsonNode error = expired.awaitConnectError(TIMEOUT);
            assertThat(error.path("message").asString()).isEqualTo("Unauthorized");
        }
    }

    private Socket socket(NodeClient client) {
        return io.sockets().sockets().get(client.state().id());
    }

    private static void assertError(JsonNode ack, String message) {
        assertThat(ack.path("status").asString()).isEqualTo("error");
        assertThat(ack.path("message").asString()).isEqualTo(message);
    }

    /** Waits for {@code event} about client {@code id} (others' presence events may come first). */
    private static boolean awaitClient(NodeClient client, String event, String id) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode e = client.awaitEvent(event, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).get(0);
            if (e.path("clientId").asString().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The next {@code event} sent by client {@code from}. */
    private static JsonNode nextFrom(NodeClient client, String event, String from) {
        while (true) {
            JsonNode e = next(client, event);
            if (e.path("from").asString().equals(from)) {
                return e;
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
