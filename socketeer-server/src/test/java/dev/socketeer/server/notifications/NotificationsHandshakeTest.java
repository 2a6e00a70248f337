package dev.socketeer.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import dev.socketeer.server.notifications.NotificationsApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /notifications} handshake with the real socket.io-client: a valid token in any of the three
 * places connects and gets {@code unread_count}; a missing, expired, tampered, foreign or uid-less token is
 * {@code CONNECT_ERROR "Unauthorized"}.
 */
@ServerTest
class NotificationsHandshakeTest {

    private static NodeDriver driver;

    @LocalServerPort
    int port;
    NotificationsApi api;
    TestUser user;

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
        user = api.newUser();
    }

    @Test
    void acceptsTheTokenInAnAuthorizationHeaderAuthTokenOrTheQuery() {
        List<Map<String, Object>> ways = List.of(
                Map.of("extraHeaders", Map.of("Authorization", "Bearer " + user.token()), "transports", List.of("websocket")),
                Map.of("extraHeaders", Map.of("Authorization", "Bearer " + user.token())),   // polling first, then upgrade
                Map.of("auth", Map.of("token", user.token())),
                Map.of("query", Map.of("token", user.token()), "transports", List.of("websocket")));
        for (Map<String, Object> options : ways) {
            try (NodeClient client = connect(options)) {
                client.awaitConnect();
                NotificationsEndToEndTest.assertCount(client.awaitEvent("unread_count").get(0), 0);
            }
        }
    }

    @Test
    void refusesMissingExpiredTamperedForeignAndUidLessTokens() {
        String noUid = TestTokens.sign(TestTokens.SECRET, "someone", Instant.now().plusSeconds(600));
        assertRefused(Map.of("transports", List.of("websocket")), "missing token");
        for (String bad : List.of(TestTokens.expired("someone"), TestTokens.tampered(user.token()),
                TestTokens.wronglySigned("someone"), "not-a-jwt", noUid)) {
            assertRefused(Map.of("extraHeaders", Map.of("Authorization", "Bearer " + bad),
                    "transports", List.of("websocket")), null);
            assertRefused(Map.of("auth", Map.of("token", bad)), null);
        }
    }

    private void assertRefused(Map<String, Object> options, String reason) {
        try (NodeClient client = connect(options)) {
            JsonNode error = client.awaitConnectError();
            assertThat(error.path("message").asString()).as("refusal of %s", options).isEqualTo("Unauthorized");
            if (reason != null) assertThat(error.path("data").path("reason").asString()).isEqualTo(reason);
        }
    }

    private NodeClient connect(Map<String, Object> options) {
        Map<String, Object> noRetry = new java.util.HashMap<>(options);
        noRetry.put("reconnection", false);
        return driver.connect("http://localhost:" + port + "/notifications", noRetry);
    }
}
