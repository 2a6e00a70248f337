package dev.socketeer.server.donations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.TestTokens;
import dev.socketeer.server.donations.DonationsApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Namespace {@code /donations} with the real Node client: the handshake needs a valid JWT in
 * {@code auth.token} (missing, expired, tampered and foreign tokens get CONNECT_ERROR and no socket, also for
 * the seed's own snippet), and {@code test} answers {@code test-response} to the sender only.
 */
@ServerTest
class DonationsNamespaceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;
    DonationsApi api;
    NodeDriver driver;

    @BeforeEach
    void setUp() {
        api = new DonationsApi(port);
        driver = new NodeDriver();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** A handshake that must be refused, and the reason CONNECT_ERROR gives. */
    record Refusal(String reason, Map<String, ?> options) {}

    static Map<String, ?> auth(String token) {
        return Map.of("auth", Map.of("token", token));
    }

    String url() {
        return "http://localhost:" + port + DonationsGateway.NAMESPACE;
    }

    @Test
    void refusesMissingExpiredTamperedAndForeignTokensWithConnectErrorAndNoSocket() {
        TestUser donor = api.register("DONOR");
        int before = io.of(DonationsGateway.NAMESPACE).sockets().size();
        List<Refusal> refusals = List.of(
                new Refusal("missing token", Map.of()),
                new Refusal("expired", auth(TestTokens.expired(donor.username()))),
                new Refusal("invalid signature", auth(TestTokens.tampered(donor.token()))),
                new Refusal("invalid signature", auth(TestTokens.wronglySigned(donor.username()))),
                new Refusal("invalid token", auth("not-a-jwt")));
        List<NodeClient> clients = new ArrayList<>();
        for (Refusal refusal : refusals) {
            NodeClient client = driver.connect(url(), refusal.options());
            clients.add(client);
            JsonNode error = client.awaitConnectError(TIMEOUT);
            assertThat(error.path("message").asString()).as(refusal.reason()).isEqualTo("Unauthorized");
            assertThat(error.path("data").path("reason").asString()).isEqualTo(refusal.reason());
            assertThat(client.state().connected()).isFalse();
        }
        assertThat(io.of(DonationsGateway.NAMESPACE).sockets()).hasSize(before);

        NodeClient valid = driver.connect(url(), auth(donor.token()));
        valid.awaitConnect(TIMEOUT);
        String id = api.create(donor, DonationsApi.donation("Rice")).path("id").asString();
        assertThat(valid.awaitEvent(DonationsGateway.CREATED, TIMEOUT).get(0).path("id").asString()).isEqualTo(id);
        assertThat(clients).allSatisfy(c -> assertThat(c.received(DonationsGateway.CREATED)).isEmpty());
        assertThat(clients).allSatisfy(c -> assertThat(c.recentNotifications())
                .noneMatch(n -> n.path("event").asString().equals("connect")));
    }

    @Test
    void seedSnippetWithoutATokenGetsConnectError() throws Exception {
        try (DonationsSnippet snippet = DonationsSnippet.start("http://localhost:" + port, "")) {
            JsonNode line = snippet.next(TIMEOUT);
            assertThat(line.path("event").asString()).isEqualTo("connect_error");
            assertThat(line.path("message").asString()).isEqualTo("Unauthorized");
            assertThat(line.path("data").path("reason").asString()).isEqualTo("missing token");
        }
    }

    @Test
    void testAnswersPongWithAnIsoTimestampToTheSenderOnly() {
        NodeClient donor = driver.connect(url(), auth(api.register("DONOR").token()));
        NodeClient ngo = driver.connect(url(), auth(api.register("NGO").token()));
        donor.awaitConnect(TIMEOUT);
        ngo.awaitConnect(TIMEOUT);

        Instant before = Instant.now().minusMillis(1);
        donor.emit("test", Map.of("hello", "world"));
        JsonNode pong = donor.awaitEvent("test-response", TIMEOUT).get(0);
        assertThat(new ArrayList<>(pong.propertyNames())).containsExactly("message", "timestamp");
        assertThat(pong.path("message").asString()).isEqualTo("Pong!");
        assertThat(Instant.parse(pong.path("timestamp").asString())).isBetween(before, Instant.now());

        ngo.emit("test"); // any payload, none included
        assertThat(ngo.awaitEvent("test-response", TIMEOUT).get(0).path("message").asString()).isEqualTo("Pong!");
        // in order per connection: had the donor's pong gone to the NGO too, it would have arrived before this one
        assertThat(ngo.received("test-response")).hasSize(1);
        assertThat(donor.received("test-response")).hasSize(1);
    }
}
