package dev.socketeer.server.hub;

import static dev.socketeer.server.hub.HubClients.TIMEOUT;
import static dev.socketeer.server.hub.HubClients.barrier;
import static dev.socketeer.server.hub.HubClients.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.testkit.NodeClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code /websocket/*} route of seed 001 with an API key, against node clients using the seed's options:
 * notifications, chat, custom events, WhatsApp and conversation updates to a client, a hub room or everyone;
 * a client id that is not connected is a 404 problem; custom event names are checked (Socket.IO's reserved
 * names, length, characters); the status and client routes show the server's own state.
 */
@ServerTest
class HubTriggersTest {

    private static final Map<String, String> NOTIFICATION = Map.of("type", "info", "title", "Welcome",
            "message", "Welcome to our service!");

    @LocalServerPort
    int port;
    WebTestClient http;
    HubClients clients;

    @BeforeEach
    void setUp() {
        http = new ApiTestClient(port).http();
        clients = new HubClients(port);
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void notificationsReachAClientARoomOrEveryone() {
        try (NodeClient target = clients.connect(); NodeClient roomMate = clients.connect();
             NodeClient bystander = clients.connect()) {
            String id = target.state().id();
            target.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "vip"));
            roomMate.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "vip"));

            JsonNode answer = post("/websocket/notify/client/" + id, NOTIFICATION, HttpStatus.OK);
            assertThat(answer.path("success").asBoolean()).isTrue();
            assertThat(answer.path("message").asString()).isEqualTo("Notification sent to client " + id);
            JsonNode notification = next(target, "notification");
            assertThat(notification.path("type").asString()).isEqualTo("info");
            assertThat(notification.path("title").asString()).isEqualTo("Welcome");
            assertThat(notification.path("message").asString()).isEqualTo("Welcome to our service!");
            assertThat(Instant.parse(notification.path("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));

            post("/websocket/notify/room/vip", Map.of("type", "success", "title", "VIP", "message", "for the room"),
                    HttpStatus.OK);
            for (NodeClient member : List.of(target, roomMate)) {
                assertThat(next(member, "notification").path("title").asString()).isEqualTo("VIP");
            }
            post("/websocket/notify/broadcast", Map.of("type", "warning", "title", "Maintenance",
                    "message", "Scheduled maintenance in 5 minutes"), HttpStatus.OK);
            for (NodeClient client : List.of(target, roomMate, bystander)) {
                assertThat(next(client, "notification").path("title").asString()).isEqualTo("Maintenance");
            }
            barrier(bystander);
            assertThat(bystander.received("notification")).hasSize(1);
            assertThat(roomMate.received("notification")).hasSize(2);
        }
    }

    @Test
    void chatMessagesAndCustomEventsCarryTheBodyAsGiven() {
        try (NodeClient target = clients.connect(); NodeClient other = clients.connect()) {
            String id = target.state().id();
            target.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "team"));
            Map<String, Object> chat = Map.of("from", "agent-7", "text", "How can I help?", "n", 3);

            post("/websocket/chat/client/" + id, chat, HttpStatus.OK);
            assertThat(next(target, "chatMessage")).isEqualTo(json(chat));
            post("/websocket/chat/room/team", Map.of("text", "team chat"), HttpStatus.OK);
            assertThat(next(target, "chatMessage").path("text").asString()).isEqualTo("team chat");

            Map<String, Object> update = Map.of("userId", "123", "action", "profile_updated");
            post("/websocket/event/client/" + id + "/userUpdate", update, HttpStatus.OK);
            assertThat(next(target, "userUpdate")).isEqualTo(json(update));
            post("/websocket/event/room/team/ticket:assigned", Map.of("ticket", 42), HttpStatus.OK);
            assertThat(next(target, "ticket:assigned").path("ticket").asInt()).isEqualTo(42);
            post("/websocket/event/broadcast/userUpdate", update, HttpStatus.OK);
            for (NodeClient client : List.of(target, other)) {
                assertThat(next(client, "userUpdate")).isEqualTo(json(update));
            }
            barrier(other);
            assertThat(other.received("chatMessage")).isEmpty();
            assertThat(other.received("ticket:assigned")).isEmpty();
        }
    }

    @Test
    void whatsappAndConversationUpdatesReachTheClient() {
        try (NodeClient target = clients.connect()) {
            String id = target.state().id();
            post("/websocket/whatsapp/status/" + id, Map.of("id", "wamid.1", "status", "delivered"), HttpStatus.OK);
            assertThat(next(target, "whatsappStatusUpdate").path("status").asString()).isEqualTo("delivered");
            post("/websocket/whatsapp/message/" + id, Map.of("from", "491701234567", "text", "hi"), HttpStatus.OK);
            assertThat(next(target, "whatsappMessageUpdate").path("text").asString()).isEqualTo("hi");
            post("/websocket/conversation/" + id, Map.of("conversationId", "c-9", "unread", 2), HttpStatus.OK);
            assertThat(next(target, "conversationUpdate").path("conversationId").asString()).isEqualTo("c-9");
        }
    }

    @Test
    void aClientIdThatIsNotConnectedIsA404Problem() {
        String gone;
        try (NodeClient client = clients.connect()) {
            gone = client.state().id();
        }
        for (String id : List.of("not-a-client", gone)) {
            for (String path : List.of("/websocket/notify/client/" + id, "/websocket/chat/client/" + id,
                    "/websocket/event/client/" + id + "/custom", "/websocket/whatsapp/status/" + id,
                    "/websocket/whatsapp/message/" + id, "/websocket/conversation/" + id)) {
                JsonNode problem = post(path, NOTIFICATION, HttpStatus.NOT_FOUND);
                assertThat(problem.path("detail").asString()).isEqualTo("Client " + id + " is not connected");
                assertThat(problem.path("status").asInt()).isEqualTo(404);
            }
            JsonNode problem = ApiTestClient.json(http.get().uri("/websocket/clients/{id}/status", id)
                    .header("X-API-Key", ApiTestClient.API_KEY).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody());
            assertThat(problem.path("detail").asString()).isEqualTo("Client " + id + " is not connected");
        }
    }

    @Test
    void customEventNamesAreChecked() {
        try (NodeClient target = clients.connect()) {
            String id = target.state().id();
            for (String reserved : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
                    "removeListener")) {
                for (String path : List.of("/websocket/event/broadcast/" + reserved,
                        "/websocket/event/room/lobby/" + reserved, "/websocket/event/client/" + id + "/" + reserved)) {
                    assertThat(post(path, Map.of(), HttpStatus.BAD_REQUEST).path("detail").asString())
                            .isEqualTo("Event name '" + reserved + "' is reserved by Socket.IO");
                }
            }
            assertThat(post("/websocket/event/broadcast/" + "e".repeat(65), Map.of(), HttpStatus.BAD_REQUEST)
                    .path("detail").asString()).isEqualTo("Event name must be 1 to 64 characters");
            for (String bad : List.of("has space", "1starts-with-digit", "comma,separated", "dollar$", "ümlaut")) {
                assertThat(post("/websocket/event/broadcast/{name}", bad, Map.of(), HttpStatus.BAD_REQUEST)
                        .path("detail").asString()).startsWith("Event name must start with a letter");
            }
            post("/websocket/event/broadcast/" + "e".repeat(64), Map.of(), HttpStatus.OK);
            barrier(target);
            assertThat(target.received("connect_error")).isEmpty();
            assertThat(target.received("disconnect")).isEmpty();
            assertThat(target.state().connected()).isTrue();
        }
    }

    @Test
    void badBodiesAndRoomNamesAre400Problems() {
        JsonNode problem = post("/websocket/notify/broadcast", Map.of("type", "shout", "title", "", "message", "m"),
                HttpStatus.BAD_REQUEST);
        assertThat(problem.path("detail").asString()).contains("title").contains("type must be info, success, warning or error");
        assertThat(post("/websocket/chat/room/lobby", List.of(1, 2), HttpStatus.BAD_REQUEST).path("detail").asString())
                .isEqualTo("The request body must be a JSON object");
        assertThat(post("/websocket/event/broadcast/custom", 42, HttpStatus.BAD_REQUEST).path("detail").asString())
                .isEqualTo("The request body must be a JSON object");
        assertThat(post("/websocket/notify/room/" + "r".repeat(101), NOTIFICATION, HttpStatus.BAD_REQUEST)
                .path("detail").asString()).isEqualTo("room must be at most 100 characters");
    }

    @Test
    void statusAndClientsShowTheServersOwnState() {
        String admin = new ApiTestClient(port).adminToken();
        try (NodeClient anonymous = clients.connect(); NodeClient signedIn = clients.connectWithToken(admin)) {
            anonymous.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "monitoring"));
            signedIn.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "monitoring"));
            JsonNode before = get("/websocket/status");
            anonymous.emit("message", Map.of("message", "counted"));
            next(anonymous, "messageReceived");
            JsonNode status = get("/websocket/status");

            assertThat(status.path("connectedClients").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(status.path("namespaces").path("/").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(status.path("rooms")).anySatisfy(room -> {
                assertThat(room.path("name").asString()).isEqualTo("monitoring");
                assertThat(room.path("clients").asInt()).isEqualTo(2);
            });
            assertThat(status.path("uptimeSeconds").asLong()).isNotNegative();
            assertThat(Instant.parse(status.path("startedAt").asString())).isBefore(Instant.now());
            assertThat(status.path("eventsReceived").asLong()).isGreaterThan(before.path("eventsReceived").asLong());
            assertThat(status.path("eventsSent").asLong()).isGreaterThan(before.path("eventsSent").asLong());

            JsonNode list = get("/websocket/clients");
            String anonymousId = anonymous.state().id();
            String signedInId = signedIn.state().id();
            JsonNode anon = find(list, anonymousId);
            assertThat(anon.path("connected").asBoolean()).isTrue();
            assertThat(anon.path("user").isNull()).isTrue();
            assertThat(anon.path("rooms")).hasToString("[\"hub:monitoring\"]");
            assertThat(anon.path("transport").asString()).isEqualTo("websocket");
            assertThat(anon.path("remoteAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");
            assertThat(Instant.parse(anon.path("connectedAt").asString())).isBefore(Instant.now().plusSeconds(1));
            JsonNode user = find(list, signedInId).path("user");
            assertThat(user.path("username").asString()).isEqualTo(ApiTestClient.ADMIN_USERNAME);
            assertThat(user.path("id").asLong()).isPositive();

            JsonNode one = get("/websocket/clients/" + signedInId + "/status");
            assertThat(one.path("clientId").asString()).isEqualTo(signedInId);
            assertThat(one.path("connected").asBoolean()).isTrue();
            assertThat(one.path("user").path("username").asString()).isEqualTo(ApiTestClient.ADMIN_USERNAME);
        }
    }

    @Test
    void pollingClientsAreListedWithTheirTransport() {
        try (NodeClient polling = clients.connect(Map.of("transports", List.of("polling")))) {
            assertThat(get("/websocket/clients/" + polling.state().id() + "/status").path("transport").asString())
                    .isEqualTo("polling");
        }
    }

    private static JsonNode find(JsonNode list, String clientId) {
        for (JsonNode client : list) {
            if (client.path("clientId").asString().equals(clientId)) return client;
        }
        throw new AssertionError("client " + clientId + " not in " + list);
    }

    private JsonNode get(String path) {
        return ApiTestClient.json(http.get().uri(path).header("X-API-Key", ApiTestClient.API_KEY).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode post(String path, Object body, HttpStatus expected) {
        return post(path, null, body, expected);
    }

    /** POST with the API key; {@code variable} fills a {@code {name}} template (encoded), when given. */
    private JsonNode post(String path, String variable, Object body, HttpStatus expected) {
        WebTestClient.RequestBodySpec request = variable == null
                ? http.post().uri(path) : http.post().uri(path, variable);
        String answer = request.header("X-API-Key", ApiTestClient.API_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isEqualTo(expected)
                .expectBody(String.class).returnResult().getResponseBody();
        return ApiTestClient.json(answer);
    }

    private static JsonNode json(Object value) {
        return dev.socketeer.testkit.NodeDriver.toJson(value);
    }

}
