package dev.socketeer.server.customers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Customers end to end: CRUD with an API key or an ADMIN's token, and {@code customerUpdated {customerId,
 * changes, timestamp}} reaching a hub client (node, the seed's options) after commit, with the stored values;
 * refused requests (invalid, missing, wrong credentials) change and emit nothing. Subclasses choose the
 * database (H2, PostgreSQL).
 */
@ExtendWith(LeakGuard.class)
abstract class CustomersEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Consumer<HttpHeaders> API_KEY = h -> h.set("X-API-Key", ApiTestClient.API_KEY);

    @LocalServerPort
    int port;
    ApiTestClient api;
    WebTestClient http;
    NodeDriver driver;
    NodeClient hubClient;

    @BeforeEach
    void connect() {
        api = new ApiTestClient(port);
        http = api.http();
        driver = new NodeDriver();
        hubClient = driver.connect("http://localhost:" + port + "/",
                Map.of("transports", List.of("websocket"), "upgrade", false));
        hubClient.awaitConnect(TIMEOUT);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void createReadUpdateDeleteAndEveryUpdateReachesTheHubAfterCommit() {
        JsonNode created = send(HttpStatus.CREATED, http.post().uri("/api/v1/customers"), API_KEY,
                Map.of("name", "Ada Lovelace", "email", "ada@example.com", "phone", "+44 20 7946 0958"));
        long id = created.path("id").asLong();
        assertThat(created.path("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(created.path("phone").asString()).isEqualTo("+44 20 7946 0958");
        assertThat(created.path("updatedAt")).isEqualTo(created.path("createdAt"));
        assertThat(get("/api/v1/customers/" + id)).isEqualTo(created);
        assertThat(get("/api/v1/customers?size=100").path("content")).contains(created);

        JsonNode renamed = send(HttpStatus.OK, http.patch().uri("/api/v1/customers/{id}", id), API_KEY,
                Map.of("name", "  Ada King  ", "email", "ada@king.example"));
        assertThat(renamed.path("name").asString()).isEqualTo("Ada King");
        assertThat(renamed.path("phone").asString()).isEqualTo("+44 20 7946 0958");
        JsonNode event = nextUpdate(id);
        assertThat(event.path("changes")).isEqualTo(ApiTestClient.json(
                "{\"name\":\"Ada King\",\"email\":\"ada@king.example\"}"));
        assertThat(event.path("timestamp")).isEqualTo(renamed.path("updatedAt"));
        assertThat(fields(event)).containsExactly("customerId", "changes", "timestamp");

        String admin = api.adminToken();
        JsonNode noPhone = send(HttpStatus.OK, http.patch().uri("/api/v1/customers/{id}", id),
                h -> h.setBearerAuth(admin), Map.of("phone", ""));
        assertThat(noPhone.path("phone").isNull()).isTrue();
        assertThat(nextUpdate(id).path("changes")).isEqualTo(ApiTestClient.json("{\"phone\":null}"));
        assertThat(get("/api/v1/customers/" + id)).isEqualTo(noPhone);

        http.delete().uri("/api/v1/customers/{id}", id).headers(API_KEY).exchange().expectStatus().isNoContent();
        problem(HttpStatus.NOT_FOUND, http.get().uri("/api/v1/customers/{id}", id), API_KEY, null);
        problem(HttpStatus.NOT_FOUND, http.patch().uri("/api/v1/customers/{id}", id), API_KEY, Map.of("name", "x"));
        problem(HttpStatus.NOT_FOUND, http.delete().uri("/api/v1/customers/{id}", id), API_KEY, null);
        assertNoMoreUpdates();
    }

    @Test
    void invalidRequestsAre400ProblemsNamingTheFieldsAndEmitNothing() {
        long id = create("Grace Hopper", "grace@example.com");
        JsonNode problem = problem(HttpStatus.BAD_REQUEST, http.post().uri("/api/v1/customers"), API_KEY,
                Map.of("name", "", "email", "not an email", "phone", "call me"));
        assertThat(problem.path("detail").asString()).contains("name").contains("email").contains("phone");
        assertThat(problem(HttpStatus.BAD_REQUEST, http.patch().uri("/api/v1/customers/{id}", id), API_KEY, Map.of())
                .path("detail").asString()).contains("must hold at least one of name, email, phone");
        assertThat(problem(HttpStatus.BAD_REQUEST, http.patch().uri("/api/v1/customers/{id}", id), API_KEY,
                Map.of("name", "   ")).path("detail").asString()).contains("name must not be blank");
        problem(HttpStatus.BAD_REQUEST, http.patch().uri("/api/v1/customers/{id}", id), API_KEY,
                Map.of("email", "nope"));
        problem(HttpStatus.BAD_REQUEST, http.patch().uri("/api/v1/customers/{id}", id), API_KEY,
                Map.of("name", "n".repeat(201)));
        assertThat(get("/api/v1/customers/" + id).path("name").asString()).isEqualTo("Grace Hopper");
        assertNoMoreUpdates();
    }

    @Test
    void onlyAnApiKeyOrAnAdminMayUseCustomers() {
        long id = create("Alan Turing", "alan@example.com");
        String user = api.newUserToken();
        for (Consumer<HttpHeaders> refused : List.<Consumer<HttpHeaders>>of(h -> { }, h -> h.set("X-API-Key", "wrong"))) {
            problem(HttpStatus.UNAUTHORIZED, http.get().uri("/api/v1/customers"), refused, null);
            problem(HttpStatus.UNAUTHORIZED, http.patch().uri("/api/v1/customers/{id}", id), refused, Map.of("name", "x"));
        }
        problem(HttpStatus.FORBIDDEN, http.get().uri("/api/v1/customers/{id}", id), h -> h.setBearerAuth(user), null);
        problem(HttpStatus.FORBIDDEN, http.post().uri("/api/v1/customers"), h -> h.setBearerAuth(user),
                Map.of("name", "x", "email", "x@example.com"));
        problem(HttpStatus.FORBIDDEN, http.patch().uri("/api/v1/customers/{id}", id), h -> h.setBearerAuth(user),
                Map.of("name", "x"));
        problem(HttpStatus.FORBIDDEN, http.delete().uri("/api/v1/customers/{id}", id), h -> h.setBearerAuth(user), null);
        assertThat(get("/api/v1/customers/" + id).path("name").asString()).isEqualTo("Alan Turing");
        assertNoMoreUpdates();
    }

    @Test
    void concurrentUpdatesOfDifferentFieldsKeepBoth() {
        for (int round = 0; round < 5; round++) {
            long id = create("Round " + round, "round" + round + "@example.com");
            CompletableFuture<Void> name = CompletableFuture.runAsync(() ->
                    send(HttpStatus.OK, http.patch().uri("/api/v1/customers/{id}", id), API_KEY, Map.of("name", "renamed")));
            CompletableFuture<Void> phone = CompletableFuture.runAsync(() ->
                    send(HttpStatus.OK, http.patch().uri("/api/v1/customers/{id}", id), API_KEY, Map.of("phone", "+1 555 0100")));
            CompletableFuture.allOf(name, phone).join();
            JsonNode stored = get("/api/v1/customers/" + id);
            assertThat(stored.path("name").asString()).isEqualTo("renamed");
            assertThat(stored.path("phone").asString()).isEqualTo("+1 555 0100");
            assertThat(stored.path("email").asString()).isEqualTo("round" + round + "@example.com");
            List<JsonNode> changes = new ArrayList<>(List.of(nextUpdate(id).path("changes"), nextUpdate(id).path("changes")));
            assertThat(changes).containsExactlyInAnyOrder(ApiTestClient.json("{\"name\":\"renamed\"}"),
                    ApiTestClient.json("{\"phone\":\"+1 555 0100\"}"));
        }
    }

    private long create(String name, String email) {
        Map<String, String> body = new HashMap<>(Map.of("name", name, "email", email));
        return send(HttpStatus.CREATED, http.post().uri("/api/v1/customers"), API_KEY, body).path("id").asLong();
    }

    private JsonNode get(String path) {
        return ApiTestClient.json(http.get().uri(path).headers(API_KEY).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode send(HttpStatus expected, WebTestClient.RequestBodySpec request, Consumer<HttpHeaders> credentials,
                          Object body) {
        return ApiTestClient.json(request.headers(credentials).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(expected).expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode problem(HttpStatus expected, WebTestClient.RequestHeadersSpec<?> request,
                             Consumer<HttpHeaders> credentials, Object body) {
        WebTestClient.RequestHeadersSpec<?> withBody = body == null ? request
                : ((WebTestClient.RequestBodySpec) request).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        String answer = withBody.headers(credentials).exchange().expectStatus().isEqualTo(expected)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return ApiTestClient.json(answer);
    }

    /** The next {@code customerUpdated} about customer {@code id} (other tests' customers are skipped). */
    private JsonNode nextUpdate(long id) {
        while (true) {
            JsonNode event = hubClient.awaitEvent("customerUpdated", TIMEOUT).get(0);
            if (event.path("customerId").asLong() == id) {
                return event;
            }
        }
    }

    /** Everything emitted before now has arrived (an echo ack travels behind it) and no update was among it. */
    private void assertNoMoreUpdates() {
        hubClient.emitWithAck("echo", TIMEOUT, "barrier");
        hubClient.assertNoEvent("customerUpdated", Duration.ZERO);
    }

    private static List<String> fields(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
