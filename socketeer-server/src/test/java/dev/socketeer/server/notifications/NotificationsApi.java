package dev.socketeer.server.notifications;

import dev.socketeer.server.ApiTestClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/notifications} over HTTP for tests, plus registering users. Not thread safe. */
final class NotificationsApi {

    /** A registered user: its token and id. */
    record TestUser(String token, long id) {}

    private final ApiTestClient api;
    private final WebTestClient http;
    private final String adminToken;

    NotificationsApi(ApiTestClient api) {
        this.api = api;
        this.http = api.http();
        this.adminToken = api.adminToken();
    }

    TestUser newUser() {
        String token = api.newUserToken();
        return new TestUser(token, api.userId(token));
    }

    /** The body an administrator posts: {@code data} is {@code {"title": title, "tags": [...]}}. */
    static Map<String, Object> body(long userId, String type, String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("type", type);
        body.put("title", title);
        body.put("message", "Message of " + title);
        body.put("data", Map.of("title", title, "tags", java.util.List.of("a", "b"), "nested", Map.of("n", 1)));
        return body;
    }

    /** Creates a notification as the administrator; the 201 body. */
    JsonNode create(long userId, String title) {
        return ok201(post(adminToken, body(userId, "info", title)));
    }

    WebTestClient.ResponseSpec post(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/notifications").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** GET with the token, or without an {@code Authorization} header when it is null. */
    WebTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).headers(h -> {
            if (token != null) h.setBearerAuth(token);
        }).exchange();
    }

    JsonNode page(String token, String query) {
        return ok(get(token, "/api/v1/notifications" + query));
    }

    long unreadCount(String token) {
        return ok(get(token, "/api/v1/notifications/unread-count")).path("count").asLong();
    }

    WebTestClient.ResponseSpec markRead(String token, long id) {
        return http.patch().uri("/api/v1/notifications/{id}/read", id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    JsonNode readAll(String token) {
        return ok(http.post().uri("/api/v1/notifications/read-all").headers(h -> h.setBearerAuth(token)).exchange());
    }

    static JsonNode ok201(WebTestClient.ResponseSpec response) {
        return ApiTestClient.json(response.expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
    }

    static JsonNode ok(WebTestClient.ResponseSpec response) {
        return ApiTestClient.json(response.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }
}
