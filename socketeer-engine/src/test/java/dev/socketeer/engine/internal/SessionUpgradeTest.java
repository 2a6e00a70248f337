package dev.socketeer.engine.internal;

import static dev.socketeer.engine.internal.EmbeddedSession.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineTransport;
import dev.socketeer.testkit.LeakGuard;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The polling-to-websocket upgrade state machine (2probe, 3probe, 5), on embedded channels. */
@ExtendWith(LeakGuard.class)
class SessionUpgradeTest {
    private final EmbeddedSession s = new EmbeddedSession(EngineOptions.newBuilder()
            .pingInterval(Duration.ofMinutes(10)).upgradeTimeout(Duration.ofSeconds(10)).build());
    private PollingTransport polling;

    @BeforeEach
    void handshake() {
        polling = s.polling();
        assertThat(s.get(polling)).startsWith("0{\"sid\":\"sid-0\",\"upgrades\":[\"websocket\"]");
    }

    @AfterEach
    void close() {
        s.close();
    }

    /** A new websocket that has begun upgrading the session. */
    private WebSocketTransport upgrading() {
        WebSocketTransport ws = s.newWebSocket();
        s.session.beginUpgrade(ws);
        return ws;
    }

    /** A websocket upgrading the session whose probe was answered (the answer consumed). */
    private WebSocketTransport probed() throws Exception {
        WebSocketTransport ws = upgrading();
        s.fromClient(ws, "2probe");
        assertThat(frame(ws)).isEqualTo("3probe");
        return ws;
    }

    @Test
    void probeIsAnsweredAndThePendingPollGetsANoopFromTheCheck100MillisecondsLaterLikeNode() throws Exception {
        assertThat(s.get(polling)).isNull(); // held
        WebSocketTransport ws = upgrading();
        s.fromClient(ws, "2probe");
        assertThat(frame(ws)).isEqualTo("3probe");
        assertThat(s.response()).as("not at once").isNull();
        s.advance(99);
        assertThat(s.response()).isNull();
        s.advance(1);
        assertThat(s.response()).isEqualTo("6");
        assertThat(s.get(polling)).as("a poll after the probe waits for the next check").isNull();
        s.advance(100);
        assertThat(s.response()).isEqualTo("6");
        s.advance(100);
        assertThat(s.response()).as("no poll waiting: nothing").isNull();
    }

    @Test
    void checkStopsWhenTheUpgradeCompletes() throws Exception {
        WebSocketTransport ws = probed();
        s.fromClient(ws, "5");
        assertThat(s.get(polling)).isEqualTo("400 {\"code\":3,\"message\":\"Bad request\"}");
        s.advance(1_000);
        assertThat(s.response()).isNull();
        assertThat(frame(ws)).isNull();
    }

    @Test
    void upgradePacketSwitchesTransportAndFlushesTheBufferOnTheWebSocket() throws Exception {
        WebSocketTransport ws = probed();
        s.session.send(EngineMessage.text("queued"));
        s.fromClient(ws, "5");
        assertThat(s.session.transport()).isEqualTo(EngineTransport.WEBSOCKET);
        assertThat(frame(ws)).isEqualTo("4queued");
        assertThat(s.get(polling)).isEqualTo("400 {\"code\":3,\"message\":\"Bad request\"}");
        s.fromClient(ws, "4over ws");
        assertThat(s.messages).containsExactly("over ws");
    }

    @Test
    void pollsDuringTheUpgradeGetBufferedMessagesBeforeNoops() throws Exception {
        WebSocketTransport ws = upgrading();
        s.fromClient(ws, "2probe");
        s.session.send(EngineMessage.text("late"));
        assertThat(s.get(polling)).isEqualTo("4late");
        assertThat(s.get(polling)).isNull();
        s.advance(100);
        assertThat(s.response()).isEqualTo("6");
        s.fromClient(ws, "5");
        assertThat(frame(ws)).isEqualTo("3probe");
        assertThat(frame(ws)).isNull();
    }

    @Test
    void anyOtherPacketDuringTheUpgradeDropsTheWebSocketOnly() throws Exception {
        WebSocketTransport ws = upgrading();
        s.fromClient(ws, "4too early");
        assertThat(frame(ws)).isEqualTo("close");
        assertThat(s.messages).isEmpty();
        assertThat(s.session.isOpen()).isTrue();
        assertThat(s.session.transport()).isEqualTo(EngineTransport.POLLING);
        assertThat(s.session.upgrading()).isFalse();
    }

    @Test
    void binaryBeforeTheUpgradePacketDropsTheWebSocketOnly() throws Exception {
        WebSocketTransport ws = probed();
        s.session.onPacket(ws, EnginePacket.message(EngineMessage.binary(new byte[] {1})));
        assertThat(frame(ws)).isEqualTo("close");
        assertThat(s.session.isOpen()).isTrue();
        assertThat(s.closes).isEmpty();
    }

    @Test
    void undecodableFrameOnAProbingWebSocketKeepsTheSession() {
        WebSocketTransport ws = upgrading();
        s.session.onParseError(ws, "unknown packet type '9'");
        assertThat(frame(ws)).isEqualTo("close");
        assertThat(s.session.isOpen()).isTrue();
        assertThat(s.closes).isEmpty();
    }

    @Test
    void upgradeTimeoutClosesTheWebSocketAndKeepsPolling() throws Exception {
        WebSocketTransport ws = probed();
        s.advance(9_999);
        assertThat(frame(ws)).isNull();
        s.advance(1);
        assertThat(frame(ws)).isEqualTo("close");
        assertThat(s.session.upgrading()).isFalse();
        assertThat(s.session.isOpen()).isTrue();
    }

    @Test
    void secondWebSocketDuringAnUpgradeIsRefused() throws Exception {
        WebSocketTransport first = s.newWebSocket();
        WebSocketTransport second = s.newWebSocket();
        s.session.beginUpgrade(first);
        s.session.beginUpgrade(second);
        assertThat(frame(second)).isEqualTo("close");
        s.fromClient(first, "2probe");
        assertThat(frame(first)).isEqualTo("3probe");
    }

    @Test
    void webSocketAfterTheUpgradeIsRefused() throws Exception {
        WebSocketTransport ws = upgrading();
        s.fromClient(ws, "2probe");
        s.fromClient(ws, "5");
        WebSocketTransport late = upgrading();
        assertThat(frame(late)).isEqualTo("close");
        assertThat(s.session.currentTransport()).isSameAs(ws);
    }

    @Test
    void webSocketLostMidUpgradeLetsANewOneTry() throws Exception {
        WebSocketTransport ws = upgrading();
        s.session.onTransportClose(ws);
        assertThat(s.session.upgrading()).isFalse();
        assertThat(s.session.isOpen()).isTrue();
        WebSocketTransport retry = upgrading();
        s.fromClient(retry, "2probe");
        assertThat(frame(retry)).isEqualTo("3probe");
    }

    @Test
    void closeDuringTheUpgradeEndsWithForcedCloseOnceUpgraded() throws Exception {
        WebSocketTransport ws = probed();
        s.session.close(); // no poll pending: waits
        assertThat(s.closes).isEmpty();
        s.fromClient(ws, "5");
        assertThat(frame(ws)).isEqualTo("1");
        assertThat(frame(ws)).isEqualTo("close");
        assertThat(s.closes).containsExactly("forced close");
    }

    @Test
    void sessionCloseDuringTheUpgradeClosesTheProbingWebSocket() throws Exception {
        WebSocketTransport ws = probed();
        s.session.onTransportError("test");
        assertThat(frame(ws)).isEqualTo("close");
        assertThat(s.closes).containsExactly("transport error");
        assertThat(s.engine.clientsCount()).isZero();
    }

    @Test
    void whileReadsArePausedAMissingPongDoesNotEndTheSessionAndAnUpgradeStartsPaused() throws Exception {
        s.session.setReading(false); // back-pressure asked for while the session is still polling
        WebSocketTransport ws = probed();
        s.fromClient(ws, "5");
        assertThat(ws.channel().config().isAutoRead()).as("the websocket starts paused").isFalse();
        while (frame(ws) != null) {
            // what the upgrade flushed
        }

        s.advance(Duration.ofMinutes(10).toMillis());
        assertThat(frame(ws)).isEqualTo("2");
        s.advance(Duration.ofSeconds(25).toMillis()); // past pingTimeout: the PONG may sit unread in our buffer
        assertThat(s.closes).isEmpty();

        s.session.setReading(true);
        assertThat(ws.channel().config().isAutoRead()).isTrue();
        s.advance(Duration.ofSeconds(25).toMillis()); // reading again, and still no PONG
        assertThat(s.closes).containsExactly("ping timeout");
    }
}
