package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.EngineTransport;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Engine.IO transports as the Node client uses them: polling, websocket, and the upgrade between them. */
@ExtendWith(LeakGuard.class)
class TransportsTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;

    /** Greets each socket and answers {@code echo} with an ack and a {@code pong} event. */
    private static void echoServer(SocketIoServer io) {
        io.onConnection(socket -> {
            socket.emit("welcome", socket.id());
            socket.on("echo", (args, ack) -> {
                socket.emit("pong", args.get(0));
                ack.send(args.get(0), "ok");
            });
        });
    }

    private static void assertEventsFlowBothWays(NodeClient client) {
        String id = client.awaitConnect(WAIT);
        assertThat(client.awaitEvent("welcome", WAIT)).hasToString("[\"" + id + "\"]");
        assertThat(client.emitWithAck("echo", WAIT, Map.of("n", 1))).hasToString("[{\"n\":1},\"ok\"]");
        assertThat(client.awaitEvent("pong", WAIT)).hasToString("[{\"n\":1}]");
        client.emit("echo", "no ack");
        assertThat(client.awaitEvent("pong", WAIT)).hasToString("[\"no ack\"]");
    }

    @Test
    void websocketOnlyClientExchangesEventsBothWays() {
        server = e2e.start(TransportsTest::echoServer);
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            assertEventsFlowBothWays(client);
            assertThat(client.state().transport()).isEqualTo("websocket");
        }
    }

    @Test
    void pollingOnlyClientExchangesEventsBothWays() {
        server = e2e.start(TransportsTest::echoServer);
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.polling())) {
            assertEventsFlowBothWays(client);
            assertThat(client.state().transport()).isEqualTo("polling");
        }
    }

    @Test
    void defaultClientStartsOnPollingUpgradesToWebsocketAndKeepsExchangingEvents() {
        java.util.concurrent.BlockingQueue<Socket> sockets = LiveServer.socketQueue();
        server = e2e.start(io -> {
            echoServer(io);
            io.onConnection(sockets::add);
        });
        try (NodeClient client = e2e.driver().connect(server.url("/"), Map.of("forceNew", true))) {
            client.awaitConnect(WAIT);
            Socket socket = LiveServer.next(sockets, "connection");
            assertThat(socket.handshake().url()).contains("transport=polling");
            assertThat(client.awaitUpgrade(WAIT)).isEqualTo("websocket");
            assertThat(client.state().transport()).isEqualTo("websocket");
            assertThat(client.awaitEvent("welcome", WAIT)).hasSize(1);
            assertThat(client.emitWithAck("echo", WAIT, "after upgrade")).hasToString("[\"after upgrade\",\"ok\"]");
            // the echo came over the websocket, after the client's upgrade packet: the server has switched
            assertThat(socket.transport()).isEqualTo(EngineTransport.WEBSOCKET);
            assertThat(client.awaitEvent("pong", WAIT)).hasToString("[\"after upgrade\"]");
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);
        }
    }

    @Test
    void eventsEmittedDuringTheUpgradeArriveInOrder() {
        server = e2e.start(io -> io.onConnection(socket -> {
            for (int i = 0; i < 50; i++) {
                socket.emit("seq", i);
            }
            socket.on("seq", (args, ack) -> socket.emit("back", args.get(0)));
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), Map.of("forceNew", true))) {
            client.awaitConnect(WAIT);
            for (int i = 0; i < 50; i++) {
                client.emit("seq", i);
            }
            List<Integer> received = client.awaitEvents("seq", 50, WAIT).stream().map(a -> a.get(0).asInt()).toList();
            List<Integer> echoed = client.awaitEvents("back", 50, WAIT).stream().map(a -> a.get(0).asInt()).toList();
            List<Integer> expected = java.util.stream.IntStream.range(0, 50).boxed().toList();
            assertThat(received).isEqualTo(expected);
            assertThat(echoed).isEqualTo(expected);
            assertThat(client.awaitUpgrade(WAIT)).isEqualTo("websocket");
        }
    }

    @Test
    void websocketOnlyServerAcceptsWebsocketClientsAndRefusesPolling() {
        server = e2e.start(SocketIoServer.builder().transports(EngineTransport.WEBSOCKET), TransportsTest::echoServer);
        try (NodeClient ws = e2e.driver().connect(server.url("/"), LiveServer.websocket());
             NodeClient poll = e2e.driver().connect(server.url("/"), LiveServer.polling("reconnection", false));
             NodeClient fallback = e2e.driver().connect(server.url("/"), Map.of("forceNew", true, "reconnection", false))) {
            assertEventsFlowBothWays(ws);
            assertThat(poll.awaitConnectError(WAIT).path("message").asString()).isEqualTo("xhr poll error");
            assertThat(fallback.awaitConnectError(WAIT).path("message").asString()).isEqualTo("xhr poll error");
            assertThat(server.io.localSockets()).hasSize(1);
        }
    }

    @Test
    void pollingOnlyServerNeverOffersTheUpgrade() {
        server = e2e.start(SocketIoServer.builder().transports(EngineTransport.POLLING), TransportsTest::echoServer);
        try (NodeClient client = e2e.driver().connect(server.url("/"), Map.of("forceNew", true))) {
            assertEventsFlowBothWays(client);
            assertThat(client.state().transport()).isEqualTo("polling");
            assertThat(client.recentNotifications()).noneMatch(n -> n.path("event").asString().equals("upgrade"));
        }
        assertThat(RawPollingClient.handshake(server.port()).openPacket().path("upgrades")).isEmpty();
    }

    @Test
    void clientWithUpgradeDisabledStaysOnPolling() {
        server = e2e.start(TransportsTest::echoServer);
        assertThat(RawPollingClient.handshake(server.port()).openPacket().path("upgrades")).hasToString("[\"websocket\"]");
        try (NodeClient client = e2e.driver().connect(server.url("/"), Map.of("forceNew", true, "upgrade", false))) {
            assertEventsFlowBothWays(client);
            assertThat(client.state().transport()).isEqualTo("polling");
            assertThat(client.recentNotifications()).noneMatch(n -> n.path("event").asString().equals("upgrade"));
        }
    }
}
