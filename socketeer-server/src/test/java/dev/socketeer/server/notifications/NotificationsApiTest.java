package dev.socketeer.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import dev.socketeer.server.notifications.NotificationsApi.TestUser;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/notifications} over HTTP: roles, validation, ownership (404, never 403), paging. */
@ServerTest
class NotificationsApiTest {

    @LocalServerPort
    int port;
    NotificationsApi api;
    String adminToken;

    @BeforeEach
    void setUp() {
        ApiTestClient client = new ApiTestClient(port);
        api = new NotificationsApi(client);
        adminToken = client.adminToken();
    }

    @Test
    void onlyAnAdministratorCreatesNotifications() {
        TestUser alice = api.newUser();
        api.post(alice.token(), NotificationsApi.body(alice.id(), "info", "Self-made"))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.post(TestTokens.expired("alice"), NotificationsApi.body(alice.id(), "info", "Expired"))
                .expectStatus().isUnauthorized();
        assertThat(api.unreadCount(alice.token())).isZero();
    }

    @Test
    void createsWithTypeInfoWhenAbsentAndDataNull() {
        TestUser alice = api.newUser();
        Map<String, Object> body = new HashMap<>(Map.of("userId", alice.id(), "title", "Plain", "message", "no data"));
        body.put("data", null);
        JsonNode created = NotificationsApi.ok201(api.post(adminToken, body));
        assertThat(created.path("type").asString()).isEqualTo("info");
        assertThat(created.path("data").isNull()).isTrue();
        assertThat(created.path("readAt").isNull()).isTrue();
        assertThat(created.path("createdAt").asString()).endsWith("Z");
        assertThat(api.page(alice.token(), "").path("content").get(0)).isEqualTo(created);
    }

    @Test
    void unknownUserIs404Problem() {
        api.post(adminToken, NotificationsApi.body(Long.MAX_VALUE, "warning", "Nobody"))
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("User " + Long.MAX_VALUE + " does not exist");
    }

    @Test
    void invalidBodyIs400NamingEachField() {
        Map<String, Object> body = Map.of("userId", 1, "type", "urgent", "title", "t".repeat(201),
                "data", List.of("not", "an", "object"));
        api.post(adminToken, body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString())
                        .contains("type", "title", "message", "data"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("must be one of info, success, warning, error"));
        Map<String, Object> tooMuchData = NotificationsApi.body(1, "error", "Big");
        tooMuchData.put("data", Map.of("blob", "x".repeat(NotificationService.MAX_DATA)));
        api.post(adminToken, tooMuchData).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("data");
    }

    @Test
    void anotherUsersNotificationIsNotFoundAndNotListed() {
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        long id = api.create(alice.id(), "For alice only").path("id").asLong();

        api.markRead(bob.token(), id).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Notification " + id + " does not exist");
        api.markRead(bob.token(), Long.MAX_VALUE).expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Notification " + Long.MAX_VALUE + " does not exist");
        assertThat(api.page(bob.token(), "").path("totalElements").asLong()).isZero();
        assertThat(api.readAll(bob.token()).path("updated").asInt()).isZero();
        assertThat(api.unreadCount(alice.token())).isEqualTo(1);
        assertThat(api.page(alice.token(), "?unread=true").path("content").get(0).path("id").asLong()).isEqualTo(id);
    }

    @Test
    void listsOwnNewestFirstPagedWithAnUnreadFilter() {
        TestUser carol = api.newUser();
        long first = api.create(carol.id(), "One").path("id").asLong();
        long second = api.create(carol.id(), "Two").path("id").asLong();
        long third = api.create(carol.id(), "Three").path("id").asLong();
        JsonNode read = NotificationsApi.ok(api.markRead(carol.token(), second));
        JsonNode again = NotificationsApi.ok(api.markRead(carol.token(), second));
        assertThat(again.path("readAt")).as("marking read twice keeps the first time").isEqualTo(read.path("readAt"));

        JsonNode page = api.page(carol.token(), "?page=0&size=2");
        assertThat(page.path("content").findValues("id").stream().map(JsonNode::asLong).toList())
                .containsExactly(third, second);
        assertThat(page.path("totalElements").asLong()).isEqualTo(3);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(api.page(carol.token(), "?page=1&size=2").path("content").get(0).path("id").asLong()).isEqualTo(first);
        JsonNode unread = api.page(carol.token(), "?unread=true");
        assertThat(unread.path("content").findValues("id").stream().map(JsonNode::asLong).toList())
                .containsExactly(third, first);
        assertThat(api.unreadCount(carol.token())).isEqualTo(2);

        for (String bad : List.of("?size=0", "?size=101", "?page=-1")) {
            api.get(carol.token(), "/api/v1/notifications" + bad).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        api.get(carol.token(), "/api/v1/notifications").expectStatus().isOk();
        api.markRead(carol.token(), 0).expectStatus().isNotFound();
    }

    @Test
    void needsATokenWithAUserId() {
        api.get(null, "/api/v1/notifications/unread-count").expectStatus().isUnauthorized();
        String noUid = TestTokens.sign(TestTokens.SECRET, "someone", Instant.now().plusSeconds(600));
        api.get(noUid, "/api/v1/notifications/unread-count").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
