package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(dev.socketeer.testkit.LeakGuard.class)
class WebSocketTransportTest {
    private final EngineTestServer server = new EngineTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void directWebSocketHandshakeSendsOpenWithoutUpgrades() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
        assertThat(ws.next()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],.*");
        ws.send("4hello");
        assertThat(ws.next()).isEqualTo("4hello");
        ws.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(ws.next()).isEqualTo("binary:3");
    }

    @Test
    void upgradeFromPollingFollowsProbeAndUpgradePackets() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = server.probedSocket(sid);
        ws.send("5");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.connections.peek().transport() == EngineTransport.WEBSOCKET);
        // After the upgrade, polling requests for the sid are refused with 400.
        assertThat(server.get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
        ws.send("4after");
        assertThat(ws.next()).isEqualTo("4after");
    }

    @Test
    void upgradedSessionOnAnotherLoopDeliversEveryMessage() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = server.probedSocket(sid);
        ws.send("5");
        EngineSocket socket = server.connections.take();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> socket.transport() == EngineTransport.WEBSOCKET);
        for (int i = 0; i < 500; i++) {
            socket.send(EngineMessage.text("m" + i)); // from this thread, neither the session's nor the channel's loop
        }
        for (int i = 0; i < 500; i++) {
            assertThat(ws.next()).isEqualTo("4m" + i);
        }
    }

    @Test
    void closePacketOverWebSocketIsIgnoredLikeNode() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
        ws.next();
        ws.send("1");
        ws.send("4still open");
        assertThat(ws.next()).isEqualTo("4still open");
        assertThat(server.closes).isEmpty();
    }

    @Test
    void pendingPollGetsNoopFromTheUpgradeCheckNotAtOnceLikeNode() throws Exception {
        String sid = server.handshake();
        var poll = server.client.sendAsync(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(server.url("EIO=4&transport=polling&sid=" + sid))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.connections.peek().sendVolatile(java.util.List.of())); // held
        WsRecorder ws = server.probedSocket(sid);
        long probed = System.nanoTime();
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
        // the check comes 100 ms after the probe was answered (never early); answered at once, this took about a millisecond
        assertThat(Duration.ofNanos(System.nanoTime() - probed)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    }

    @Test
    void secondWebSocketForTheSameSidIsRefused() throws Exception {
        String sid = server.handshake();
        WsRecorder first = server.upgradeSocket(sid);
        WsRecorder second = server.upgradeSocket(sid);
        assertThat(second.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        first.send("2probe");
        assertThat(first.next()).isEqualTo("3probe");
    }

    @Test
    void invalidPacketDuringUpgradeDropsTheWebSocketButKeepsPolling() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = server.upgradeSocket(sid);
        ws.send("4too early");
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        server.assertStillPolling(sid);
    }

    @Test
    void resetMidUpgradeKeepsThePollingSession() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = server.probedSocket(sid);
        ws.ws.abort();
        server.assertStillPolling(sid);
    }

    @Test
    void upgradeTimeoutClosesTheWebSocket() throws Exception {
        try (EngineTestServer quick = new EngineTestServer(b -> b.upgradeTimeout(Duration.ofMillis(200)))) {
            String sid = quick.handshake();
            WsRecorder ws = WsRecorder.connect(quick.client,
                    quick.url("EIO=4&transport=websocket&sid=" + sid).replace("http://", "ws://"));
            assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(quick.closes).isEmpty();
        }
    }

    @Test
    void oversizedFrameClosesWith1009() throws Exception {
        try (EngineTestServer small = new EngineTestServer(b -> b.maxHttpBufferSize(100))) {
            WsRecorder ws = WsRecorder.connect(small.client,
                    small.url("EIO=4&transport=websocket").replace("http://", "ws://"));
            ws.next();
            ws.send("4" + "x".repeat(500));
            assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !small.closes.isEmpty());
        }
    }

    @Test
    void unknownSidUpgradeIsRefused() {
        assertThatThrownBy(() -> WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket&sid=nope")))
                .cause().isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
    }

    @Test
    void crossOriginWebSocketIsRefusedWithoutCorsPolicy() throws Exception {
        var builder = server.client.newWebSocketBuilder().header("Origin", "http://evil.example");
        assertThatThrownBy(() -> builder.buildAsync(java.net.URI.create(server.wsUrl("EIO=4&transport=websocket")),
                new WsRecorder()).join())
                .cause().isInstanceOfSatisfying(java.net.http.WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
        assertThat(server.connections).isEmpty();
    }

    @Test
    void serverCloseEndsSessionWithForcedClose() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
        ws.next();
        server.connections.take().close();
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("forced close"));
    }
}
