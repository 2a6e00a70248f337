package dev.socketeer.server.notifications;

import static dev.socketeer.server.notifications.NotificationsEndToEndTest.assertCount;
import static dev.socketeer.server.notifications.NotificationsEndToEndTest.unnamed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import dev.socketeer.server.notifications.NotificationsApi.TestUser;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The SSE streams with a real HTTP client read as an EventSource reads them: auth by header or
 * {@code ?token=}, 401 problems, heartbeat comments, the replay bound, and that a closed stream leaves
 * nothing behind. (Delivery and replay of notifications: {@link NotificationsEndToEndTest}.)
 */
@ServerTest
class NotificationsSseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> PATHS = List.of("/notifications/events", "/api/v1/notifications/events");

    @LocalServerPort
    int port;
    @Autowired
    LiveFeeds feeds;
    @Autowired
    NotificationService notifications;
    NotificationsApi api;

    @BeforeEach
    void setUp() {
        api = new NotificationsApi(new ApiTestClient(port));
    }

    @Test
    void refusesMissingAndBadTokensWith401Problems() {
        TestUser user = api.newUser();
        for (String path : PATHS) {
            assertUnauthorized(open(path, Map.of()), "Bearer");
            for (String bad : List.of(TestTokens.expired("x"), TestTokens.tampered(user.token()), "not-a-jwt")) {
                assertUnauthorized(open(path + "?token=" + bad, Map.of()), "Bearer error=\"invalid_token\"");
                assertUnauthorized(open(path, Map.of("Authorization", "Bearer " + bad)), "Bearer error=\"invalid_token\"");
            }
        }
    }

    @Test
    void acceptsTheTokenInTheHeaderOrTheQueryOnBothPaths() {
        TestUser user = api.newUser();
        for (String path : PATHS) {
            for (SseClient stream : List.of(open(path, Map.of("Authorization", "Bearer " + user.token())),
                    open(path + "?token=" + URLEncoder.encode(user.token(), StandardCharsets.UTF_8), Map.of()))) {
                try (stream) {
                    assertThat(stream.status()).isEqualTo(200);
                    assertThat(stream.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow()).startsWith("text/event-stream");
                    SseClient.Message first = stream.next(TIMEOUT);
                    assertCount(unnamed(first), 0);
                    assertThat(first.lastEventId()).as("every event has an id").isEqualTo("0");
                }
            }
        }
    }

    @Test
    void idleStreamGetsKeepAliveComments() {
        TestUser user = api.newUser();
        try (SseClient stream = open(PATHS.get(0), Map.of("Authorization", "Bearer " + user.token()))) {
            stream.next(TIMEOUT);
            assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo(" keep-alive");
            assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo(" keep-alive");
            stream.assertNoMessage(Duration.ZERO);
        }
    }

    @Test
    void closedStreamsLeaveNoSubscriberBehind() throws InterruptedException {
        TestUser user = api.newUser();
        SseClient phone = open(PATHS.get(0), Map.of("Authorization", "Bearer " + user.token()));
        SseClient laptop = open(PATHS.get(1), Map.of("Authorization", "Bearer " + user.token()));
        phone.next(TIMEOUT);
        laptop.next(TIMEOUT);
        assertThat(feeds.subscribers(user.id())).isEqualTo(2);
        phone.close();
        awaitSubscribers(user.id(), 1);
        laptop.close();
        awaitSubscribers(user.id(), 0);
    }

    @Test
    void reconnectAfterMoreThanTheReplayLimitGetsOnlyTheCount() {
        TestUser user = api.newUser();
        SseClient stream = open(PATHS.get(0), Map.of("Authorization", "Bearer " + user.token()));
        stream.next(TIMEOUT);
        stream.close();
        long last = 0;
        for (int i = 0; i <= 100; i++) {
            last = notifications.notify(user.id(), NotificationType.INFO, "Missed " + i, "while away", null).id();
        }
        try (SseClient again = stream.reconnect()) {
            SseClient.Message first = again.next(TIMEOUT);
            assertCount(unnamed(first), 101);
            assertThat(first.lastEventId()).isEqualTo(Long.toString(last));
            again.assertNoMessage(Duration.ofMillis(700));
        }
    }

    @Test
    void anUnknownLastEventIdStartsAfresh() {
        TestUser user = api.newUser();
        JsonNode before = api.create(user.id(), "Before");
        try (SseClient stream = open(PATHS.get(1), Map.of("Authorization", "Bearer " + user.token(), "Last-Event-ID", "yesterday"))) {
            SseClient.Message first = stream.next(TIMEOUT);
            assertCount(unnamed(first), 1);
            assertThat(first.lastEventId()).isEqualTo(before.path("id").asString());
            stream.assertNoMessage(Duration.ofMillis(700));
        }
    }

    @Test
    void browsersOfAllowedOriginsMayOpenTheSeedsPath() {
        new ApiTestClient(port).http().options().uri(PATHS.get(0))
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "last-event-id")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
    }

    private SseClient open(String pathAndQuery, Map<String, String> headers) {
        return SseClient.open(URI.create("http://localhost:" + port + pathAndQuery), headers);
    }

    private static void assertUnauthorized(SseClient response, String challenge) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE)).hasValue(challenge);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":401");
    }

    private void awaitSubscribers(long userId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (feeds.subscribers(userId) != count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(feeds.subscribers(userId)).as("open streams of user %s", userId).isEqualTo(count);
    }
}
