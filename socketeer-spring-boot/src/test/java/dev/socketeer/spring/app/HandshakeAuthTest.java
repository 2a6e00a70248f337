package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** JWT handshake authentication of a namespace whose gateway requires it. */
class HandshakeAuthTest extends AppTestSupport {

    @Test
    void validTokenInAuthConnectsAndInjectsThePrincipal() {
        String token = token("alice", Instant.now().plusSeconds(600));
        NodeClient client = connect("/secure", Map.of("reconnection", false, "auth", Map.of("token", token)));
        client.awaitConnect();
        JsonNode whoami = client.awaitEvent("whoami");
        assertThat(whoami.get(0).asString()).isEqualTo("alice");
        assertThat(whoami.get(1).asString()).isEqualTo("alice");
        assertThat(client.emitWithAck("me", Duration.ofSeconds(10)).get(0).asString()).isEqualTo("alice");
    }

    @Test
    void tokenInQueryParameterIsAccepted() {
        String token = token("bob", Instant.now().plusSeconds(600));
        NodeClient client = connect("/secure", Map.of("reconnection", false, "query", Map.of("token", token)));
        client.awaitConnect();
        assertThat(client.awaitEvent("whoami").get(0).asString()).isEqualTo("bob");
    }

    @Test
    void tokenInAuthorizationHeaderIsAccepted() {
        String token = token("carol", Instant.now().plusSeconds(600));
        NodeClient client = connect("/secure", Map.of("reconnection", false, "transports", List.of("polling"),
                "extraHeaders", Map.of("Authorization", "Bearer " + token)));
        client.awaitConnect();
        assertThat(client.awaitEvent("whoami").get(0).asString()).isEqualTo("carol");
    }

    @Test
    void refusesAMissingToken() {
        assertRefused(Map.of("reconnection", false), "missing token");
    }

    @Test
    void refusesAnExpiredToken() {
        String token = token("alice", Instant.now().minusSeconds(3600));
        assertRefused(Map.of("reconnection", false, "auth", Map.of("token", token)), "expired");
    }

    @Test
    void refusesATamperedToken() {
        String token = tokenSignedWithAnotherKey("mallory");
        assertRefused(Map.of("reconnection", false, "auth", Map.of("token", token)), "invalid signature");
    }

    @Test
    void namespaceWithoutAuthNeedsNoToken() {
        connect("/chat").awaitConnect();
    }

    private void assertRefused(Map<String, ?> options, String reason) {
        NodeClient client = connect("/secure", options);
        JsonNode error = client.awaitConnectError();
        assertThat(error.get("message").asString()).isEqualTo("Unauthorized");
        assertThat(error.get("data").get("reason").asString()).isEqualTo(reason);
    }
}
