package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/auth} over HTTP against the real application on an in-memory H2 database. */
@ServerTest
class AuthApiTest {

    private static final String PASSWORD = "correct horse battery";

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
    void registersLogsInAndReadsMe() {
        String username = ApiTestClient.newUsername();
        JsonNode registered = ApiTestClient.json(http.post().uri("/api/v1/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", PASSWORD, "role", "DONOR"))
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(registered.has("passwordHash")).isFalse();

        JsonNode token = ApiTestClient.json(http.post().uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username.toUpperCase(), "password", PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(token.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(token.path("expiresIn").asLong()).isEqualTo(3600);

        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token.path("accessToken").asString()))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(registered.path("id").asLong())
                .jsonPath("$.username").isEqualTo(username)
                .jsonPath("$.roles[0]").isEqualTo("DONOR");
    }

    @Test
    void rejectsDuplicateUsernameWith409IgnoringCase() {
        String username = ApiTestClient.newUsername();
        api.register(username, PASSWORD);
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username.toUpperCase(), "password", PASSWORD))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Username '" + username + "' is already taken");
    }

    @Test
    void rejectsWrongPasswordAndUnknownUserAlikeWith401() {
        String username = ApiTestClient.newUsername();
        api.register(username, PASSWORD);
        for (String user : new String[] {username, ApiTestClient.newUsername()}) {
            http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", user, "password", "wrong password!"))
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo(AuthService.BAD_CREDENTIALS);
        }
    }

    @Test
    void rejectsInvalidRegistrationNamingEachField() {
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "a b", "password", "short"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields.toString()).contains("username", "password"))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("username", "password"))
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void refusesPasswordsOverSeventyTwoUtf8BytesWith400NamingTheField() {
        String fortyAccents = "é".repeat(40); // 40 characters, 80 bytes: BCrypt would refuse it with a 500
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", ApiTestClient.newUsername(), "password", fortyAccents))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("password")
                .jsonPath("$.errors[0].message").isEqualTo("must be at most 72 bytes in UTF-8")
                .jsonPath("$.errors.length()").isEqualTo(1);
        String seventyTwoBytes = "é".repeat(36);
        api.register(ApiTestClient.newUsername(), seventyTwoBytes);
    }

    @Test
    void loginWithAPasswordOverSeventyTwoBytesIs401EvenWhenItStartsWithTheRightOne() {
        String username = ApiTestClient.newUsername();
        String password = "p".repeat(72);
        api.register(username, password);
        api.login(username, password);
        // BCrypt reads 72 bytes only: without a check these would log in with the right first 72 bytes
        for (String tooLong : new String[] {password + "x", password + "é".repeat(14), "é".repeat(50)}) {
            http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", tooLong))
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo(AuthService.BAD_CREDENTIALS);
        }
    }

    @Test
    void rejectsUnknownRoleNamingTheField() {
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", ApiTestClient.newUsername(), "password", PASSWORD, "role", "KING"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("role");
    }

    @Test
    void refusesSelfAssignedAdminWith403() {
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", ApiTestClient.newUsername(), "password", PASSWORD, "role", "ADMIN"))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void meWithoutTokenIs401ProblemWithChallenge() {
        http.get().uri("/api/v1/auth/me")
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void meRefusesExpiredTamperedAndForeignTokens() {
        String username = ApiTestClient.newUsername();
        api.register(username, PASSWORD);
        String good = api.login(username, PASSWORD);
        String stillValidButForeign = TestTokens.sign("x".repeat(40), username, Instant.now().plusSeconds(600));
        for (String bad : new String[] {TestTokens.expired(username), TestTokens.tampered(good),
                TestTokens.wronglySigned(username), stillValidButForeign, "not-a-jwt"}) {
            http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(bad))
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // the good token still works, so the refusals above are about the tokens, not the user
        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(good)).exchange().expectStatus().isOk();
        // a token signed with the server's own key for a user that was never registered
        String ghost = TestTokens.sign(TestTokens.SECRET, "ghost-" + username, Instant.now().plusSeconds(600));
        http.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(ghost)).exchange().expectStatus().isUnauthorized();
    }
}
