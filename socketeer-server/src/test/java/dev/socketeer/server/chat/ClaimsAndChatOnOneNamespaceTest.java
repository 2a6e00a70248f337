package dev.socketeer.server.chat;

import static dev.socketeer.server.projects.SeedTwoApi.TIMEOUT;
import static dev.socketeer.server.projects.SeedTwoApi.ask;
import static dev.socketeer.server.projects.SeedTwoApi.assertError;
import static dev.socketeer.server.projects.SeedTwoApi.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.NodeSnippet;
import dev.socketeer.server.ServerTest;
import dev.socketeer.server.projects.SeedTwoApi;
import dev.socketeer.server.projects.SeedTwoApi.TestUser;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Two features on one namespace {@code /} at once: anonymous claims clients (seed 000's unchanged snippet, and a
 * plain anonymous client) and authenticated chat clients (seed 002's options with a token). While claims are
 * filed over HTTP and chat messages sent over the socket concurrently, the claims clients get every
 * {@code newClaim} and no chat event; the chat clients get every {@code message:new} of their conversation, in
 * order (and, like every client of {@code /}, {@code newClaim}); an anonymous {@code message:send} stores nothing.
 */
@ServerTest
class ClaimsAndChatOnOneNamespaceTest {

    private static final int ROUNDS = 10;

    @LocalServerPort
    int port;
    @Autowired
    SocketIoServer io;

    @Test
    void anonymousClaimsClientsAndAuthenticatedChatClientsEachGetExactlyTheirEvents() throws Exception {
        SeedTwoApi api = new SeedTwoApi(port, io);
        TestUser alice = api.newUser();
        TestUser bob = api.newUser();
        TestUser filer = api.newUser();
        long conversationId = api.createConversation(alice, null, bob).path("id").asLong();
        try (NodeDriver driver = new NodeDriver();
             NodeSnippet claimsSeed = NodeSnippet.start("claims-snippet.js", Map.of("SOCKETEER_URL", api.socketUrl()));
             NodeClient anonymous = driver.connect(api.url());
             NodeClient aliceClient = api.connect(driver, alice);
             NodeClient bobClient = api.connect(driver, bob)) {
            claimsSeed.next("connect", TIMEOUT);
            anonymous.awaitConnect(TIMEOUT);
            for (NodeClient c : List.of(aliceClient, bobClient)) {
                ask(c, "join:conversation", Map.of("conversationId", conversationId));
            }

            CompletableFuture<List<JsonNode>> claims = CompletableFuture.supplyAsync(() -> {
                List<JsonNode> filed = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    filed.add(body(api.call(HttpMethod.POST, filer, "/api/v1/claims", Map.of("title", "Claim " + i,
                            "description", "at the same time as chat", "amount", new BigDecimal("12.50"),
                            "currency", "EUR")), 201));
                }
                return filed;
            });
            List<JsonNode> sent = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                sent.add(ask(i % 2 == 0 ? aliceClient : bobClient, "message:send", Map.of("conversationId",
                        conversationId, "message", Map.of("content", "Message " + i, "type", "text"))));
            }
            List<JsonNode> filed = claims.get();
            assertError(ask(anonymous, "message:send", Map.of("conversationId", conversationId,
                    "message", Map.of("content", "sneaking in", "type", "text"))), "Unauthorized");

            for (JsonNode claim : filed) {
                assertThat(claimsSeed.next("newClaim", TIMEOUT).path("claim").path("id").asLong())
                        .isEqualTo(claim.path("id").asLong());
            }
            assertThat(ids(anonymous.awaitEvents("newClaim", ROUNDS, TIMEOUT))).isEqualTo(ids(filed));
            for (NodeClient chat : List.of(aliceClient, bobClient)) {
                assertThat(chat.awaitEvents("message:new", ROUNDS, TIMEOUT).stream().map(args -> args.get(0)).toList())
                        .isEqualTo(sent);
                assertThat(ids(chat.awaitEvents("newClaim", ROUNDS, TIMEOUT))).isEqualTo(ids(filed));
                assertThat(chat.received("exception")).isEmpty();
            }
            // the anonymous client's refused message:send was answered after every chat event was emitted
            for (String chatEvent : List.of("message:new", "notification:new", "project:update", "stage:completed")) {
                assertThat(anonymous.received(chatEvent)).as(chatEvent).isEmpty();
            }
            assertThat(api.fullHistory(alice, conversationId, 100)).isEqualTo(sent);
        }
    }

    private static List<Long> ids(List<?> claims) {
        return claims.stream().map(c -> c instanceof ArrayNode args ? args.get(0) : (JsonNode) c)
                .map(claim -> claim.path("id").asLong()).toList();
    }
}
