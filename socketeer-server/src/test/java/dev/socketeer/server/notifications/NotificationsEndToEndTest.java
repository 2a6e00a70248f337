package dev.socketeer.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.NodeSnippet;
import dev.socketeer.server.notifications.NotificationsApi.TestUser;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 003 end to end: the real socket.io-client (node) with the seed's connection options, the seed's own
 * front-end service ({@code compat/seeds/notifications-snippet.js}), a real SSE client, and the REST API, all
 * for the same users. Subclasses choose the database (H2, PostgreSQL).
 */
@ExtendWith(LeakGuard.class)
abstract class NotificationsEndToEndTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(700);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static NodeDriver driver;

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    NotificationsApi api;
    private final List<NodeClient> sockets = new ArrayList<>();
    private final List<SseClient> streams = new ArrayList<>();

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
        api = new NotificationsApi(new ApiTestClient(port));
    }

    @AfterEach
    void closeClients() {
        sockets.forEach(NodeClient::close);
        streams.forEach(SseClient::close);
    }

    @Test
    void everyDeviceOfTheUserGetsTheNotificationAndTheNewCountAndAnotherUserNothing() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        NodeClient phone = connectAsTheSeed(alice);
        NodeClient laptop = connectAsTheSeed(alice);
        SseClient tablet = stream(alice);
        NodeClient bobsPhone = connectAsTheSeed(bob);
        SseClient bobsTablet = stream(bob);
        for (NodeClient socket : List.of(phone, laptop, bobsPhone)) {
            assertCount(socket.awaitEvent("unread_count", TIMEOUT).get(0), 0);
            assertThat(socket.emitWithAck("subscribe_notifications", TIMEOUT, Map.of()).get(0).path("success").asBoolean())
                    .isTrue();
        }
        for (SseClient stream : List.of(tablet, bobsTablet)) {
            assertCount(unnamed(stream.next(TIMEOUT)), 0);
        }

        JsonNode created = api.create(alice.id(), "Payment received");
        assertThat(created.path("userId").asLong()).isEqualTo(alice.id());
        assertThat(created.path("read").asBoolean()).isFalse();
        assertThat(created.path("data").path("tags").get(1).asString()).isEqualTo("b");

        for (NodeClient socket : List.of(phone, laptop)) {
            JsonNode event = socket.awaitEvent("notification", TIMEOUT).get(0);
            assertThat(event.path("type").asString()).isEqualTo("notification");
            assertThat(event.path("data")).isEqualTo(created);
            assertCount(socket.awaitEvent("unread_count", TIMEOUT).get(0), 1);
        }
        SseClient.Message notification = tablet.next(TIMEOUT);
        assertThat(unnamed(notification).path("type").asString()).isEqualTo("notification");
        assertThat(unnamed(notification).path("data")).isEqualTo(created);
        assertThat(notification.lastEventId()).isEqualTo(created.path("id").asString());
        assertCount(unnamed(tablet.next(TIMEOUT)), 1);

        bobsPhone.assertNoEvent("notification", QUIET);
        bobsPhone.assertNoEvent("unread_count", Duration.ZERO);
        bobsTablet.assertNoMessage(Duration.ZERO);

        JsonNode read = NotificationsApi.ok(api.markRead(alice.token(), created.path("id").asLong()));
        assertThat(read.path("read").asBoolean()).isTrue();
        assertThat(read.path("readAt").isString()).isTrue();
        assertCount(phone.awaitEvent("unread_count", TIMEOUT).get(0), 0);
        assertCount(laptop.awaitEvent("unread_count", TIMEOUT).get(0), 0);
        assertCount(unnamed(tablet.next(TIMEOUT)), 0);
        bobsPhone.assertNoEvent("unread_count", QUIET);
        bobsTablet.assertNoMessage(Duration.ZERO);
    }

    @Test
    void readAllUpdatesTheCountOnEveryDevice() {
        TestUser carol = api.newUser();
        NodeClient phone = connectAsTheSeed(carol);
        SseClient tablet = stream(carol);
        assertCount(phone.awaitEvent("unread_count", TIMEOUT).get(0), 0);
        assertCount(unnamed(tablet.next(TIMEOUT)), 0);
        api.create(carol.id(), "First");
        api.create(carol.id(), "Second");
        assertCount(phone.awaitEvents("unread_count", 2, TIMEOUT).get(1).get(0), 2);
        List<SseClient.Message> sse = tablet.next(4, TIMEOUT);
        assertCount(unnamed(sse.get(3)), 2);
        assertThat(api.unreadCount(carol.token())).isEqualTo(2);

        assertThat(api.readAll(carol.token()).path("updated").asInt()).isEqualTo(2);
        assertCount(phone.awaitEvent("unread_count", TIMEOUT).get(0), 0);
        assertCount(unnamed(tablet.next(TIMEOUT)), 0);
        assertThat(api.unreadCount(carol.token())).isZero();
        assertThat(api.page(carol.token(), "?unread=true").path("totalElements").asLong()).isZero();
        assertThat(api.page(carol.token(), "").path("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void aNotificationCommittedAsSoonAsTheClientIsConnectedReachesIt() {
        TestUser dave = api.newUser();
        NodeClient phone = connectAsTheSeed(dave);
        phone.awaitConnect(TIMEOUT);
        JsonNode created = api.create(dave.id(), "Right after connect");
        assertThat(phone.awaitEvent("notification", TIMEOUT).get(0).path("data")).isEqualTo(created);
    }

    @Test
    void sseReconnectWithLastEventIdReplaysExactlyWhatWasMissed() {
        TestUser erin = api.newUser();
        SseClient stream = stream(erin);
        SseClient.Message first = stream.next(TIMEOUT);
        assertCount(unnamed(first), 0);
        assertThat(first.lastEventId()).isNotEmpty();
        JsonNode seen = api.create(erin.id(), "Seen live");
        assertThat(unnamed(stream.next(TIMEOUT)).path("data")).isEqualTo(seen);
        assertCount(unnamed(stream.next(TIMEOUT)), 1);
        stream.close();

        JsonNode missed1 = api.create(erin.id(), "Missed one");
        JsonNode missed2 = api.create(erin.id(), "Missed two");
        SseClient again = track(stream.reconnect());
        assertThat(again.status()).isEqualTo(200);
        assertCount(unnamed(again.next(TIMEOUT)), 3);
        SseClient.Message replay1 = again.next(TIMEOUT);
        SseClient.Message replay2 = again.next(TIMEOUT);
        assertThat(unnamed(replay1).path("data")).isEqualTo(missed1);
        assertThat(replay1.lastEventId()).isEqualTo(missed1.path("id").asString());
        assertThat(unnamed(replay2).path("data")).isEqualTo(missed2);
        again.assertNoMessage(QUIET);

        JsonNode live = api.create(erin.id(), "Live again");
        assertThat(unnamed(again.next(TIMEOUT)).path("data")).isEqualTo(live);
        assertCount(unnamed(again.next(TIMEOUT)), 4);
        again.assertNoMessage(QUIET);
    }

    @Test
    void theSeedsFrontEndServiceRunsUnchanged() throws Exception {
        TestUser frank = api.newUser();
        try (NodeSnippet seed = NodeSnippet.start("notifications-snippet.js",
                Map.of("SOCKETEER_URL", socketUrl(), "SOCKETEER_TOKEN", frank.token()))) {
            assertThat(seed.next("log", TIMEOUT).path("message").asString()).isEqualTo("Connected to notification system");
            assertThat(seed.next("unread_count", TIMEOUT).path("count").asLong()).isZero();
            assertThat(seed.next("log", TIMEOUT).path("message").asString())
                    .isEqualTo("Successfully subscribed to notifications");
            JsonNode created = api.create(frank.id(), "Seen by the seed's service");
            assertThat(seed.next("notification", TIMEOUT).path("data")).isEqualTo(created);
            assertThat(seed.next("unread_count", TIMEOUT).path("count").asLong()).isEqualTo(1);
        }
    }

    /** The seed's {@code io(`${apiUrl}/notifications`, {extraHeaders: {Authorization: `Bearer ${token}`}, transports: ["websocket"]})}. */
    NodeClient connectAsTheSeed(TestUser user) {
        NodeClient client = driver.connect(socketUrl() + "/notifications", Map.of(
                "extraHeaders", Map.of("Authorization", "Bearer " + user.token()),
                "transports", List.of("websocket")));
        sockets.add(client);
        return client;
    }

    SseClient stream(TestUser user) {
        SseClient stream = track(SseClient.open(URI.create("http://localhost:" + port + "/notifications/events"),
                Map.of("Authorization", "Bearer " + user.token())));
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    private SseClient track(SseClient stream) {
        streams.add(stream);
        return stream;
    }

    String socketUrl() {
        return ApiTestClient.socketUrl(io, port);
    }

    /** The JSON of an SSE message, after checking it is unnamed (what {@code onmessage} receives). */
    static JsonNode unnamed(SseClient.Message message) {
        assertThat(message.type()).as("SSE event type of %s", message).isNull();
        return JSON.readTree(message.data());
    }

    static void assertCount(JsonNode event, long count) {
        assertThat(event.path("type").asString()).as("event %s", event).isEqualTo("unread_count");
        assertThat(event.path("data").path("count").asLong()).as("event %s", event).isEqualTo(count);
    }
}
