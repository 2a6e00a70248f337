package dev.socketeer.server.chat;

import static dev.socketeer.server.projects.SeedTwoApi.TIMEOUT;
import static dev.socketeer.server.projects.SeedTwoApi.ask;
import static dev.socketeer.server.projects.SeedTwoApi.assertError;
import static dev.socketeer.server.projects.SeedTwoApi.barrier;
import static dev.socketeer.server.projects.SeedTwoApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.projects.SeedTwoApi;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's chat events on {@code /} with the real Node client: the ack of {@code message:send}, the
 * {@code message:new} of every socket in the room and the history are the same stored JSON; only participants
 * join or send; anonymous clients (a seed client with {@code query.userId} only) and invalid payloads are
 * refused and store nothing; participants without a socket in the room get {@code notification:new} and a
 * stored notification; leaving, or leaving the project, stops {@code message:new}.
 */
@ServerTest
class ChatEventsTest {

    private static NodeDriver driver;

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    SeedTwoApi api;

    @BeforeAll
    static void startDriver() {
        driver = new NodeDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @BeforeEach
    void setUp() {
        api = new SeedTwoApi(port, io);
    }

    static Map<String, Object> send(long conversationId, String content) {
        return Map.of("conversationId", conversationId, "message", Map.of("content", content, "type", "text"));
    }

    @Test
    void theAckEveryMessageNewAndTheHistoryAreTheStoredMessage() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        long id = api.createConversation(alice, null, bob).path("id").asLong();
        // query.token (the seed's options) and auth.token both identify the user
        try (NodeClient sender = api.connect(driver, alice);
             NodeClient receiver = driver.connect(api.url(), Map.of("auth", Map.of("token", bob.token())))) {
            receiver.awaitConnect(TIMEOUT);
            for (NodeClient c : List.of(sender, receiver)) {
                JsonNode joined = ask(c, "join:conversation", Map.of("conversationId", id));
                assertThat(joined.path("success").asBoolean()).isTrue();
                assertThat(joined.path("conversationId").asLong()).isEqualTo(id);
            }
            Instant before = Instant.now();
            JsonNode ack = ask(sender, "message:send", send(id, "Hello!"));
            assertThat(ack.path("id").asLong()).isPositive();
            assertThat(ack.path("conversationId").asLong()).isEqualTo(id);
            assertThat(ack.path("senderId").asLong()).isEqualTo(alice.id());
            assertThat(ack.path("content").asString()).isEqualTo("Hello!");
            assertThat(ack.path("type").asString()).isEqualTo("text");
            assertThat(Instant.parse(ack.path("createdAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(ack.propertyNames()).containsExactlyInAnyOrder("id", "conversationId", "senderId", "content",
                    "type", "createdAt");
            assertThat(sender.awaitEvent("message:new", TIMEOUT).get(0)).isEqualTo(ack);
            assertThat(receiver.awaitEvent("message:new", TIMEOUT).get(0)).isEqualTo(ack);
            assertThat(api.history(bob, id, 0, 10).path("items")).containsExactly(ack);
            // both were in the room: nobody is notified
            barrier(receiver);
            assertThat(receiver.received("notification:new")).isEmpty();
        }
    }

    @Test
    void nonParticipantsAndAnonymousClientsAreRefusedAndNothingIsStored() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        TestUser eve = api.newUser();
        long id = api.createConversation(alice, null, bob).path("id").asLong();
        try (NodeClient participant = api.connect(driver, bob);
             NodeClient outsider = api.connect(driver, eve);
             NodeClient pretender = api.connectWithUserIdOnly(driver, alice.id());
             NodeClient anonymous = driver.connect(api.url())) {
            anonymous.awaitConnect(TIMEOUT);
            ask(participant, "join:conversation", Map.of("conversationId", id));
            String missing = "Conversation " + id + " does not exist";
            assertError(ask(outsider, "join:conversation", Map.of("conversationId", id)), missing);
            assertError(ask(outsider, "message:send", send(id, "let me in")), missing);
            long unknown = 999_999_999_999L; // a JavaScript number holds it exactly
            assertError(ask(outsider, "join:conversation", Map.of("conversationId", unknown)),
                    "Conversation " + unknown + " does not exist");
            for (NodeClient anon : List.of(pretender, anonymous)) {
                assertError(ask(anon, "join:conversation", Map.of("conversationId", id)), "Unauthorized");
                assertError(ask(anon, "message:send", send(id, "I am alice")), "Unauthorized");
                assertError(ask(anon, "leave:conversation", Map.of("conversationId", id)), "Unauthorized");
            }
            pretender.emit("message:send", send(id, "no ack"));
            assertThat(pretender.awaitEvent("exception", TIMEOUT).get(0).path("message").asString())
                    .isEqualTo("Unauthorized");
            barrier(participant);
            assertThat(participant.received("message:new")).isEmpty();
            assertThat(outsider.received("message:new")).isEmpty(); // its error acks came after any emit
            assertThat(api.history(alice, id, 0, 10).path("items").isEmpty()).isTrue();
        }
    }

    @Test
    void invalidMessagesAreRefusedNamingTheFieldAndStoreNothing() {
        TestUser alice = api.newUser();
        long id = api.createConversation(alice, null).path("id").asLong();
        try (NodeClient client = api.connect(driver, alice)) {
            assertError(ask(client, "message:send", Map.of("conversationId", id,
                    "message", Map.of("content", " ", "type", "text"))), "message.content: must not be blank");
            assertError(ask(client, "message:send", Map.of("conversationId", id,
                    "message", Map.of("content", "hi", "type", "video"))), "message.type: must be one of text, image, file");
            assertError(ask(client, "message:send", Map.of("conversationId", id,
                    "message", Map.of("content", "x".repeat(4001), "type", "text"))),
                    "message.content: size must be between 0 and 4000");
            assertError(ask(client, "message:send", Map.of("conversationId", id)), "message: must not be null");
            assertError(ask(client, "message:send", "just a string"), "Invalid payload: expected SendMessageRequest");
            assertThat(ask(client, "message:send", Map.of("conversationId", id,
                    "message", Map.of("content", "x".repeat(4000), "type", "file"))).path("id").asLong()).isPositive();
            assertThat(api.history(alice, id, 0, 10).path("items").size()).isEqualTo(1);
        }
    }

    @Test
    void participantsWithoutASocketInTheRoomGetNotificationNewAndAStoredNotification() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        TestUser carol = api.newUser();
        long id = api.createConversation(alice, null, bob, carol).path("id").asLong();
        try (NodeClient aliceClient = api.connect(driver, alice);
             NodeClient bobInRoom = api.connect(driver, bob);
             NodeClient carolElsewhere = api.connect(driver, carol)) {
            ask(aliceClient, "join:conversation", Map.of("conversationId", id));
            ask(bobInRoom, "join:conversation", Map.of("conversationId", id));
            JsonNode message = ask(aliceClient, "message:send", send(id, "Lunch?"));

            JsonNode notification = carolElsewhere.awaitEvent("notification:new", TIMEOUT).get(0);
            assertThat(notification.path("userId").asLong()).isEqualTo(carol.id());
            assertThat(notification.path("title").asString()).isEqualTo("New message");
            assertThat(notification.path("message").asString()).isEqualTo(alice.username() + ": Lunch?");
            assertThat(notification.path("data").path("conversationId").asLong()).isEqualTo(id);
            assertThat(notification.path("data").path("messageId").asLong()).isEqualTo(message.path("id").asLong());
            JsonNode stored = body(api.call(HttpMethod.GET, carol, "/api/v1/notifications", null), 200);
            assertThat(stored.path("content").get(0)).isEqualTo(notification);
            // a message:new to carol's socket would have been emitted before her notification
            assertThat(carolElsewhere.received("message:new")).isEmpty();
            barrier(bobInRoom);
            barrier(aliceClient);
            assertThat(bobInRoom.received("notification:new")).isEmpty();
            assertThat(aliceClient.received("notification:new")).isEmpty();
            assertThat(body(api.call(HttpMethod.GET, bob, "/api/v1/notifications", null), 200)
                    .path("totalElements").asLong()).isZero();

            // bob leaves the room: the next message notifies him instead
            assertThat(ask(bobInRoom, "leave:conversation", Map.of("conversationId", id)).path("success").asBoolean())
                    .isTrue();
            bobInRoom.awaitEvent("message:new", TIMEOUT);
            JsonNode second = ask(aliceClient, "message:send", send(id, "Anyone?"));
            assertThat(bobInRoom.awaitEvent("notification:new", TIMEOUT).get(0).path("data").path("messageId").asLong())
                    .isEqualTo(second.path("id").asLong());
            assertThat(bobInRoom.received("message:new")).hasSize(1); // only "Lunch?", from before he left
        }
    }

    @Test
    void aMemberWhoLeavesTheProjectLeavesItsConversations() {
        TestUser owner = api.newUser();
        TestUser member = api.newUser();
        long projectId = api.createProject(owner, "Ship", member).path("id").asLong();
        long id = api.createConversation(owner, projectId, member).path("id").asLong();
        try (NodeClient ownerClient = api.connect(driver, owner);
             NodeClient memberClient = api.connect(driver, member)) {
            ask(ownerClient, "join:conversation", Map.of("conversationId", id));
            ask(memberClient, "join:conversation", Map.of("conversationId", id));
            api.call(HttpMethod.DELETE, member, "/api/v1/projects/" + projectId + "/members/" + member.id(), null)
                    .expectStatus().isNoContent();
            JsonNode after = ask(ownerClient, "message:send", send(id, "Still there?"));
            assertThat(ownerClient.awaitEvent("message:new", TIMEOUT).get(0)).isEqualTo(after);
            assertError(ask(memberClient, "join:conversation", Map.of("conversationId", id)),
                    "Conversation " + id + " does not exist");
            assertError(ask(memberClient, "message:send", send(id, "hello?")), "Conversation " + id + " does not exist");
            // these acks came after anything the owner's message could have sent this socket
            assertThat(memberClient.received("message:new")).isEmpty();
            assertThat(memberClient.received("notification:new")).isEmpty();
            api.call(HttpMethod.GET, member, "/api/v1/conversations/" + id, null).expectStatus().isNotFound();
            assertThat(ConversationsRestTest.ids(body(api.call(HttpMethod.GET, owner, "/api/v1/conversations/" + id,
                    null), 200).path("participantIds"))).containsExactly(owner.id());
        }
    }
}
