package dev.socketeer.server.donations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import tools.jackson.databind.JsonNode;

/** The donations REST calls the tests make, over real HTTP, plus registering users with a role. */
final class DonationsApi {

    static final String PASSWORD = "correct horse battery";

    /** A registered user: username, id (as the API writes user ids: a string) and a token. */
    record TestUser(String username, String id, String token) {}

    private final WebTestClient http;

    DonationsApi(int port) {
        this.http = new ApiTestClient(port).http();
    }

    WebTestClient http() {
        return http;
    }

    /** Registers a new user with {@code role} (USER, DONOR, NGO) and logs in. */
    TestUser register(String role) {
        String username = ApiTestClient.newUsername();
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD, "role", role))
                .exchange().expectStatus().isCreated();
        String token = ApiTestClient.json(http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .path("accessToken").asString();
        JsonNode me = body(http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk());
        return new TestUser(username, me.path("id").asString(), token);
    }

    /** A valid donation body, expiring in two hours, with two images. */
    static Map<String, Object> donation(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("foodType", "Bakery");
        body.put("quantity", "12");
        body.put("unit", "loaves");
        body.put("description", "Baked this morning");
        body.put("location", Map.of("lat", 52.52, "lng", 13.405, "address", "Alexanderplatz 1, Berlin"));
        body.put("expiryTime", Instant.now().plus(2, ChronoUnit.HOURS).toString());
        body.put("imageUrls", List.of("https://img.example/bread-1.jpg", "http://img.example/bread-2.jpg"));
        return body;
    }

    ResponseSpec post(String token, Map<String, Object> body) {
        return http.post().uri("/api/v1/donations").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Creates a donation as {@code donor}; returns the 201's body. */
    JsonNode create(TestUser donor, Map<String, Object> body) {
        return body(post(donor.token(), body).expectStatus().isCreated());
    }

    ResponseSpec claim(String token, String id) {
        return http.post().uri("/api/v1/donations/{id}/claim", id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    ResponseSpec updateStatus(String token, String id, String status) {
        return http.patch().uri("/api/v1/donations/{id}/status", id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", status)).exchange();
    }

    ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }

    /** Asserts a problem-details answer with {@code status} whose detail is exactly {@code detail}. */
    static void assertProblem(ResponseSpec response, int status, String detail) {
        JsonNode problem = body(response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isEqualTo(detail);
    }

    static JsonNode body(ResponseSpec response) {
        return ApiTestClient.json(response.expectBody(String.class).returnResult().getResponseBody());
    }
}
