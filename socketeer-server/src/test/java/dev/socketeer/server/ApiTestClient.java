package dev.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebTestClient (JDK HTTP client) on a running server plus the register/login steps most tests start with. */
public final class ApiTestClient {

    /** The administrator that {@code @ServerTest} (and tests that need one) configure. */
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin password for tests";
    /** The API keys ({@code X-API-Key}) that {@code @ServerTest} configures. */
    public static final String API_KEY = "test-api-key-0123456789abcdef";
    public static final String SECOND_API_KEY = "second-test-api-key-fedcba9876543210";
    /** The WhatsApp webhook's app secret and verify token that {@code @ServerTest} configures. */
    public static final String WHATSAPP_APP_SECRET = "whatsapp-app-secret-for-tests";
    public static final String WHATSAPP_VERIFY_TOKEN = "whatsapp-verify-token-for-tests";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.net.http.HttpClient JDK_CLIENT = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private final WebTestClient http;

    public ApiTestClient(int port) {
        // The JDK's HTTP client, not Reactor Netty's: LeakGuard then sees the server's buffers only. HTTP/1.1
        // only (by default it offers an h2c upgrade on each new connection), and a new connection per request
        // ("Connection: close", allowed by -Djdk.httpclient.allowRestrictedHeaders=connection in the root
        // pom): under heavy load a request on a reused pooled connection was now and then never answered
        // (20 s timeouts in a few runs, cause not found; see the README's Tests section).
        this.http = WebTestClient.bindToServer(new JdkClientHttpConnector(JDK_CLIENT))
                .defaultHeader("Connection", "close")
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    public WebTestClient http() {
        return http;
    }

    /** A fresh, unique username. */
    public static String newUsername() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public void register(String username, String password) {
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isCreated();
    }

    public String login(String username, String password) {
        JsonNode token = json(http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(token.path("tokenType").asString()).isEqualTo("Bearer");
        return token.path("accessToken").asString();
    }

    /** Registers a new user and returns a token for it. */
    public String newUserToken() {
        String username = newUsername();
        register(username, "correct horse battery");
        return login(username, "correct horse battery");
    }

    /** A token of the configured administrator. */
    public String adminToken() {
        return login(ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    /** The id of the token's user ({@code GET /api/v1/auth/me}). */
    public long userId(String token) {
        return json(http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).path("id").asLong();
    }

    /**
     * The URL Socket.IO clients connect to: the REST port (Socket.IO shares it) unless Socket.IO has its own
     * ({@code socketeer.port}).
     */
    public static String socketUrl(dev.socketeer.core.SocketIoServer io, int restPort) {
        try {
            return "http://localhost:" + io.port();
        } catch (IllegalStateException mountedOnTheWebFluxPort) {
            return "http://localhost:" + restPort;
        }
    }

    public static JsonNode json(String body) {
        assertThat(body).isNotNull();
        return JSON.readTree(body);
    }
}
