package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A validly signed token whose user no longer exists is refused on every authenticated path alike: 401 with
 * {@code invalid_token} on REST and SSE, {@code CONNECT_ERROR Unauthorized "unknown user"} on the Socket.IO
 * handshake. A token checked before the deletion stops working within the user cache's time to live.
 */
@ServerTest
class DeletedUserTokenTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;
    @Autowired
    UserRepository users;
    ApiTestClient api;
    WebTestClient http;
    NodeDriver driver;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        http = api.http();
        driver = new NodeDriver();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void tokenOfADeletedUserIsRefusedOnRestSseAndTheHandshake() {
        String token = newUserThenDelete();
        assertRefusedEverywhere(token);
    }

    @Test
    void tokenSeenBeforeTheDeletionStopsWorkingWithinTheCacheTtl() {
        String username = ApiTestClient.newUsername();
        long id = register(username);
        String token = api.login(username, PASSWORD);
        api.userId(token);                                    // the user is now known to the check
        try (NodeClient before = connect("/donations", token)) {
            before.awaitConnect();
        }
        users.deleteById(id);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> http.get()
                .uri("/api/v1/claims?size=1").headers(h -> h.setBearerAuth(token)).exchange()
                .returnResult(String.class).getStatus().value() == 401);
        assertRefusedEverywhere(token);
    }

    private void assertRefusedEverywhere(String token) {
        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized();
        claimsAnswer(token).expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (String path : new String[] {"/api/v1/claims", "/api/v1/notifications/unread-count",
                "/api/v1/notifications/events", "/notifications/events?token=" + token}) {
            http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        for (String namespace : new String[] {"/donations", "/notifications"}) {
            try (NodeClient client = connect(namespace, token)) {
                JsonNode error = client.awaitConnectError();
                assertThat(error.path("message").asString()).as(namespace).isEqualTo("Unauthorized");
                assertThat(error.path("data").path("reason").asString()).as(namespace).isEqualTo("unknown user");
                assertThat(client.state().connected()).isFalse();
            }
        }
    }

    private WebTestClient.ResponseSpec claimsAnswer(String token) {
        return http.post().uri("/api/v1/claims").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Ghost", "description", "by a deleted user", "amount", 1, "currency", "EUR"))
                .exchange();
    }

    private String newUserThenDelete() {
        String username = ApiTestClient.newUsername();
        long id = register(username);
        String token = api.login(username, PASSWORD);
        users.deleteById(id);
        return token;
    }

    private long register(String username) {
        return ApiTestClient.json(http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD))
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).path("id").asLong();
    }

    private NodeClient connect(String namespace, String token) {
        return driver.connect("http://localhost:" + port + namespace,
                Map.of("auth", Map.of("token", token), "reconnection", false, "transports", java.util.List.of("websocket")));
    }
}
