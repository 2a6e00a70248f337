package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The Node {@code socket.io-client} 3.1.x line against the same server, on each transport. */
@ExtendWith(LeakGuard.class)
class ClientVersionsTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;
    private final BlockingQueue<Socket> sockets = LiveServer.socketQueue();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    private void startServer() {
        server = e2e.start(io -> {
            io.onConnection(socket -> {
                sockets.add(socket);
                socket.emit("welcome", socket.id());
                socket.on("note", (args, ack) -> received.add(args));
                socket.on("sum", (args, ack) -> ack.send(args.get(0).asInt() + args.get(1).asInt()));
            });
            io.of("/locked").use((socket, next) -> next.fail("locked", Map.of("retry", false)));
        });
    }

    private static Map<String, Object> options(String transport) {
        return transport.equals("default") ? Map.of("forceNew", true)
                : Map.of("transports", List.of(transport), "forceNew", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling", "default"})
    void version3ClientConnectsEmitsAcksAndReceivesBroadcasts(String transport) throws Exception {
        startServer();
        try (NodeClient v3 = e2e.driver().connectV3(server.url("/"), options(transport));
             NodeClient v4 = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            assertThat(v3.version()).isEqualTo("3");
            String id = v3.awaitConnect(WAIT);
            assertThat(v3.awaitEvent("welcome", WAIT)).hasToString("[\"" + id + "\"]");
            v4.awaitConnect(WAIT);
            Socket socket = LiveServer.next(sockets, "connection");
            Socket v3Socket = socket.id().equals(id) ? socket : LiveServer.next(sockets, "connection");
            assertThat(v3Socket.id()).isEqualTo(id);

            v3.emit("note", "from v3", Map.of("n", 1));
            assertThat(LiveServer.next(received, "note")).hasToString("[\"from v3\",{\"n\":1}]");
            assertThat(v3.emitWithAck("sum", WAIT, 2, 3)).hasToString("[5]");

            v3.ackReply("question", "v3 answer");
            assertThat(v3Socket.timeout(WAIT).emitWithAck("question").get()).hasToString("[\"v3 answer\"]");

            server.io.emit("broadcast", "to every version");
            assertThat(v3.awaitEvent("broadcast", WAIT)).hasToString("[\"to every version\"]");
            assertThat(v4.awaitEvent("broadcast", WAIT)).hasToString("[\"to every version\"]");

            v3Socket.disconnect();
            assertThat(v3.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void version3ClientSeesConnectErrorMessageAndData(String transport) {
        startServer();
        Map<String, Object> options = new java.util.HashMap<>(options(transport));
        options.put("reconnection", false);
        try (NodeClient v3 = e2e.driver().connectV3(server.url("/locked"), options)) {
            assertThat(v3.awaitConnectError(WAIT)).hasToString("{\"message\":\"locked\",\"data\":{\"retry\":false}}");
        }
    }
}
