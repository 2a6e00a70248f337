package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxClients}, the server-wide bound on Engine.IO sessions, with the Node client: a client beyond it is
 * refused at the handshake (its {@code connect_error}), and its reconnection gets in once another client left.
 */
@ExtendWith(LeakGuard.class)
class MaxClientsTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void aClientBeyondMaxClientsIsRefusedUntilAnotherLeaves(String transport) {
        LiveServer server = e2e.start(SocketIoServer.builder().maxClients(1), io -> { });
        NodeClient first = e2e.connect(server.url("/"), Map.of("transports", List.of(transport), "forceNew", true));
        try (NodeClient second = e2e.driver().connect(server.url("/"), Map.of("transports", List.of(transport),
                "forceNew", true, "reconnectionDelay", 200, "reconnectionDelayMax", 200, "randomizationFactor", 0))) {
            assertThat(second.awaitConnectError(WAIT).path("message").asString())
                    .isIn("xhr poll error", "websocket error");
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);
            first.close();
            second.awaitConnect(WAIT);
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);
        } finally {
            first.close();
        }
    }
}
