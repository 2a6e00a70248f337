package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One namespace serves anonymous clients and users: {@code @Authenticated} decides per handler. */
class PerHandlerAuthorizationTest extends AppTestSupport {
    private static final Duration ACK = Duration.ofSeconds(10);

    private NodeClient anonymous() {
        NodeClient client = connect("/mixed");
        client.awaitConnect();
        return client;
    }

    private NodeClient user(String token) {
        NodeClient client = connect("/mixed", Map.of("reconnection", false, "auth", Map.of("token", token)));
        client.awaitConnect();
        return client;
    }

    @Test
    void anonymousClientsUseOpenHandlersAndGetUnauthorizedFromTheOthers() {
        NodeClient client = anonymous();
        assertThat(client.emitWithAck("public", ACK).get(0).asString()).isEqualTo("anyone");

        JsonNode refused = client.emitWithAck("private", ACK, Map.of("name", "x")).get(0);
        assertThat(refused.get("status").asString()).isEqualTo("error");
        assertThat(refused.get("message").asString()).isEqualTo("Unauthorized");
        assertThat(client.emitWithAck("admin", ACK).get(0).get("message").asString()).isEqualTo("Unauthorized");
        client.assertNoEvent("welcome", Duration.ofMillis(300));
    }

    @Test
    void anAnonymousCallWithoutAckGetsAnExceptionEventAndRunsNothing() {
        NodeClient client = anonymous();
        int before = MembersGateway.calls;
        client.emit("members");
        JsonNode error = client.awaitEvent("exception").get(0);
        assertThat(error.get("message").asString()).isEqualTo("Unauthorized");
        assertThat(client.emitWithAck("public", ACK).get(0).asString()).isEqualTo("anyone"); // after "members"
        assertThat(MembersGateway.calls).isEqualTo(before);
    }

    @Test
    void usersReachAuthenticatedHandlersAndTheirConnectHandler() {
        NodeClient client = user(token("ada", Instant.now().plusSeconds(600)));
        assertThat(client.awaitEvent("welcome").get(0).asString()).isEqualTo("ada");
        assertThat(client.emitWithAck("private", ACK, Map.of("name", "x")).get(0).asString()).isEqualTo("ada:x");
        assertThat(client.emitWithAck("members", ACK).get(0).asString()).isEqualTo("members only");
        assertThat(client.emitWithAck("public", ACK).get(0).asString()).isEqualTo("anyone");
    }

    @Test
    void aRoleIsNeededWhereOneIsNamed() {
        NodeClient user = user(tokenWithRoles("bob", "USER"));
        assertThat(user.emitWithAck("admin", ACK).get(0).get("message").asString()).isEqualTo("Forbidden");

        NodeClient admin = user(tokenWithRoles("root", "ADMIN"));
        assertThat(admin.emitWithAck("admin", ACK).get(0).asString()).isEqualTo("admin root");
    }

    @Test
    void anInvalidTokenIsStillRefusedOnAnOptionalNamespace() {
        NodeClient client = connect("/mixed", Map.of("reconnection", false, "auth",
                Map.of("token", tokenSignedWithAnotherKey("eve"))));
        assertThat(client.awaitConnectError().get("message").asString()).isEqualTo("Unauthorized");
    }
}
