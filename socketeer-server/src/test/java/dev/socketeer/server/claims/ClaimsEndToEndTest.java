package dev.socketeer.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ApiTestClient;
import dev.socketeer.server.TestTokens;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Seed 000 end to end: claims created over HTTP reach the seed's unchanged front-end snippet (real
 * socket.io-client under node) as {@code newClaim}, JSON-equal to the REST response; refused requests emit
 * nothing. Subclasses choose the database (H2, PostgreSQL); the assertions are the same.
 */
@ExtendWith(LeakGuard.class)
abstract class ClaimsEndToEndTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    ApiTestClient api;
    WebTestClient http;
    SeedSnippet snippet;
    String token;

    @Autowired
    SocketIoServer io;

    String socketUrl() {
        return ApiTestClient.socketUrl(io, port);
    }

    @BeforeEach
    void connectSnippet() throws Exception {
        api = new ApiTestClient(port);
        http = api.http();
        token = api.newUserToken();
        snippet = SeedSnippet.start(socketUrl());
        snippet.awaitConnected();
    }

    @AfterEach
    void closeSnippet() throws Exception {
        if (snippet != null) snippet.close();
    }

    @Test
    void createdClaimReachesSeedSnippetAsStored() throws Exception {
        JsonNode created = post(claim("Broken window", "Storm damage", "125.50", "EUR"), token);
        assertThat(created.path("id").asLong()).isPositive();
        assertThat(created.path("currency").asString()).isEqualTo("EUR");

        JsonNode received = snippet.nextClaim(EVENT_TIMEOUT);
        assertJsonEqual(received, created);

        JsonNode fetched = ApiTestClient.json(http.get().uri("/api/v1/claims/{id}", created.path("id").asLong())
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertJsonEqual(fetched, created);
    }

    @Test
    void websocketOnlyAndV3ClientsReceiveTheSameClaim() throws Exception {
        try (NodeDriver driver = new NodeDriver();
             NodeClient websocket = driver.connect(socketUrl() + "/", Map.of("transports", List.of("websocket")));
             NodeClient v3 = driver.connectV3(socketUrl() + "/")) {
            websocket.awaitConnect();
            v3.awaitConnect();
            JsonNode created = post(claim("Flooded cellar", "water everywhere", "980", "CHF"), token);
            assertJsonEqual(snippet.nextClaim(EVENT_TIMEOUT), created);
            assertJsonEqual(websocket.awaitEvent("newClaim", EVENT_TIMEOUT).get(0), created);
            assertJsonEqual(v3.awaitEvent("newClaim", EVENT_TIMEOUT).get(0), created);
        }
    }

    @Test
    void invalidClaimIs400NamingFieldsAndEmitsNothing() throws Exception {
        http.post().uri("/api/v1/claims").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(claim("Bad", "negative amount, unknown currency", "-3", "EURO"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("amount", "currency"))
                .jsonPath("$.errors.length()").isEqualTo(2);
        assertNextEventIsOnlyTheFollowingValidClaim();
    }

    @Test
    void refusesMissingExpiredTamperedAndForeignTokensWith401AndEmitsNothing() throws Exception {
        Map<String, Object> body = claim("No auth", "should not be stored", "10", "USD");
        http.post().uri("/api/v1/claims").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        for (String bad : new String[] {TestTokens.expired("someone"), TestTokens.tampered(token),
                TestTokens.wronglySigned("someone")}) {
            http.post().uri("/api/v1/claims").headers(h -> h.setBearerAuth(bad))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertNextEventIsOnlyTheFollowingValidClaim();
    }

    @Test
    void missingClaimIs404ProblemAndListingIsPagedNewestFirst() {
        http.get().uri("/api/v1/claims/{id}", Long.MAX_VALUE).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Claim " + Long.MAX_VALUE + " does not exist");

        JsonNode first = post(claim("First", "one", "1", "GBP"), token);
        JsonNode second = post(claim("Second", "two", "2", "GBP"), token);
        JsonNode page = ApiTestClient.json(http.get().uri("/api/v1/claims?page=0&size=1")
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(page.path("totalElements").asLong()).isGreaterThanOrEqualTo(2);
        assertJsonEqual(page.path("content").get(0), second);
        assertThat(first.path("id").asLong()).isLessThan(second.path("id").asLong());

        http.get().uri("/api/v1/claims?size=0").headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        http.get().uri("/api/v1/claims").exchange().expectStatus().isUnauthorized();
    }

    /** Posts a valid claim; the snippet's very next event must be it, so nothing was emitted before. */
    private void assertNextEventIsOnlyTheFollowingValidClaim() throws Exception {
        JsonNode valid = post(claim("Marker", "the only claim that may be emitted", "7", "JPY"), token);
        assertJsonEqual(snippet.nextClaim(EVENT_TIMEOUT), valid);
    }

    private JsonNode post(Map<String, Object> body, String bearer) {
        return ApiTestClient.json(http.post().uri("/api/v1/claims").headers(h -> h.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static Map<String, Object> claim(String title, String description, String amount, String currency) {
        return Map.of("title", title, "description", description, "amount", new BigDecimal(amount),
                "currency", currency);
    }

    /** JSON equality as JavaScript sees it: numbers compare by value (125.50 == 125.5, 7.00 == 7). */
    private static void assertJsonEqual(JsonNode actual, JsonNode expected) {
        assertThat(actual.equals((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, expected))
                .as("%s JSON-equals %s", actual, expected).isTrue();
    }
}
