package dev.socketeer.server.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /websocket} routes reach every client, so they take an API key ({@code X-API-Key}, any of the
 * configured ones) or an ADMIN's token: no credentials, a wrong key, a foreign token → 401; a USER's token →
 * 403; all as problem details.
 */
@ServerTest
class HubSecurityTest {

    private static final List<String> GETS = List.of("/websocket/status", "/websocket/clients",
            "/websocket/clients/someone/status");
    private static final String POST = "/websocket/notify/broadcast";

    @LocalServerPort
    int port;
    ApiTestClient api;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        api = new ApiTestClient(port);
        http = api.http();
    }

    @Test
    void withoutCredentialsIs401() {
        for (String path : GETS) {
            assertProblem(get(path, h -> { }), HttpStatus.UNAUTHORIZED);
        }
        assertProblem(post(h -> { }), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aWrongApiKeyIs401EvenWithAnAdminToken() {
        String admin = api.adminToken();
        for (String key : List.of("wrong", ApiTestClient.API_KEY + "x", ApiTestClient.API_KEY.substring(1), "")) {
            JsonNode problem = assertProblem(get("/websocket/status", h -> h.set("X-API-Key", key)), HttpStatus.UNAUTHORIZED);
            assertThat(problem.path("detail").asString()).isEqualTo("The X-API-Key header does not hold a valid API key");
            assertProblem(post(h -> {
                h.set("X-API-Key", key);
                h.setBearerAuth(admin);
            }), HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void aUsersTokenIs403AndForeignOrExpiredTokensAre401() {
        String user = api.newUserToken();
        for (String path : GETS) {
            assertProblem(get(path, h -> h.setBearerAuth(user)), HttpStatus.FORBIDDEN);
        }
        assertProblem(post(h -> h.setBearerAuth(user)), HttpStatus.FORBIDDEN);
        assertProblem(get("/websocket/status", h -> h.setBearerAuth(TestTokens.wronglySigned("admin"))), HttpStatus.UNAUTHORIZED);
        assertProblem(get("/websocket/status", h -> h.setBearerAuth(TestTokens.expired("admin"))), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void eitherApiKeyOrAnAdminTokenIsAccepted() {
        String admin = api.adminToken();
        List<Consumer<HttpHeaders>> accepted = List.of(h -> h.set("X-API-Key", ApiTestClient.API_KEY),
                h -> h.set("X-API-Key", ApiTestClient.SECOND_API_KEY), h -> h.setBearerAuth(admin));
        for (Consumer<HttpHeaders> credentials : accepted) {
            get("/websocket/status", credentials).expectStatus().isOk();
            get("/websocket/clients", credentials).expectStatus().isOk();
            get("/websocket/clients/someone/status", credentials).expectStatus().isNotFound();
            post(credentials).expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec get(String path, Consumer<HttpHeaders> credentials) {
        return http.get().uri(path).headers(credentials).exchange();
    }

    private WebTestClient.ResponseSpec post(Consumer<HttpHeaders> credentials) {
        return http.post().uri(POST).headers(credentials).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "info", "title", "t", "message", "m")).exchange();
    }

    private static JsonNode assertProblem(WebTestClient.ResponseSpec response, HttpStatus status) {
        String body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode problem = ApiTestClient.json(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status.value());
        return problem;
    }

    @Test
    void aBrowserConsoleOfAnAllowedOriginMayCallTheRoutes() {
        http.options().uri("/websocket/status")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-api-key")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
        http.options().uri("/websocket/status")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }
}
