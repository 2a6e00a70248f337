package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code @BeforeConnect}: a gateway's connection middleware, after authentication and before CONNECT. */
class BeforeConnectTest extends AppTestSupport {

    @Autowired
    SocketIoServer io;

    @Test
    void roomJoinedBeforeConnectGetsWhatIsEmittedAsSoonAsTheClientIsConnected() {
        RoomsGateway.onConnectGate = new CountDownLatch(1);
        try {
            NodeClient client = connect("/rooms", auth("dora"));
            client.awaitConnect();
            // @OnConnect is still held back: only a room joined before CONNECT can deliver this
            io.of("/rooms").to("user:dora").emit("news", "hello dora");
            assertThat(client.awaitEvent("news").get(0).asString()).isEqualTo("hello dora");
            client.assertNoEvent("ready", Duration.ofMillis(100));
        } finally {
            RoomsGateway.onConnectGate.countDown();
        }
    }

    @Test
    void onConnectRunsAfterBeforeConnect() {
        NodeClient client = connect("/rooms", auth("emil"));
        client.awaitConnect();
        assertThat(client.awaitEvent("ready").get(0).asBoolean()).isTrue();
        assertThat(RoomsGateway.beforeConnectCalls).contains("emil");
    }

    @Test
    void socketErrorRefusesWithItsMessageAndTheRefusedSocketLeavesItsRooms() throws Exception {
        JsonNode error = connect("/rooms", auth("banned")).awaitConnectError();
        assertThat(error.get("message").asString()).isEqualTo("Banned");
        assertThat(io.of("/rooms").adapter().sockets(Set.of("user:banned")).get()).isEmpty();
    }

    @Test
    void unexpectedExceptionRefusesWithoutItsMessage() {
        JsonNode error = connect("/rooms", auth("broken")).awaitConnectError();
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
    }

    @Test
    void authenticationRunsFirst() {
        int calls = RoomsGateway.beforeConnectCalls.size();
        JsonNode error = connect("/rooms", Map.of("reconnection", false)).awaitConnectError();
        assertThat(error.get("message").asString()).isEqualTo("Unauthorized");
        assertThat(RoomsGateway.beforeConnectCalls).hasSize(calls);
    }

    private static Map<String, Object> auth(String subject) {
        return Map.of("reconnection", false, "auth", Map.of("token", token(subject, Instant.now().plusSeconds(600))));
    }
}
