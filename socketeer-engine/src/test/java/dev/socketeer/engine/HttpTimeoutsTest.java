package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18, defect 3: a connection of the standalone server that is not a live session makes progress or
 * goes. Idle connections, slow heads and slow bodies were held for minutes; here, with short timeouts,
 * through raw sockets. Held polls and websockets are bounded by the heartbeat instead, and are left alone.
 */
@ExtendWith(LeakGuard.class)
class HttpTimeoutsTest {
    private final EngineTestServer server = new EngineTestServer(b -> b.idleTimeout(Duration.ofMillis(400))
            .headersTimeout(Duration.ofMillis(600)).requestTimeout(Duration.ofMillis(900))
            .pingInterval(Duration.ofMillis(1500)).pingTimeout(Duration.ofSeconds(5)));

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void connectionThatNeverSendsARequestIsClosed() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void keepAliveConnectionIdleAfterAnAnswerIsClosed() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse().status()).isEqualTo(404);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void headThatKeepsTricklingIsAnswered408() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n");
            RawClient.Response res = trickleUntilAnswered(raw, "X-Slow: 1\r\n");
            assertThat(res.status()).isEqualTo(408);
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(server.connections).isEmpty();
    }

    @Test
    void pollingPostWhoseBodyKeepsTricklingIsAnswered408AndEndsTheSession() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10000\r\n\r\n4");
            RawClient.Response res = trickleUntilAnswered(raw, "a");
            assertThat(res.status()).isEqualTo(408);
            assertThat(raw.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport error"));
        assertThat(server.messages).isEmpty();
    }

    @Test
    void heldPollOutlastsTheTimeoutsAndIsAnsweredByTheHeartbeat() throws Exception {
        String sid = server.handshake();
        long start = System.nanoTime();
        assertThat(server.get("EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("2"); // held for pingInterval
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThan(1000);
        assertThat(server.post("EIO=4&transport=polling&sid=" + sid, "3").body()).isEqualTo("ok");
        assertThat(server.closes).isEmpty();
    }

    @Test
    void webSocketIsBoundedByTheHeartbeatNotByTheTimeouts() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
        ws.next();
        assertThat(ws.next()).isEqualTo("2"); // after pingInterval, longer than every HTTP timeout
        ws.send("3");
        ws.send("4still open");
        assertThat(ws.next()).isEqualTo("4still open");
        assertThat(server.closes).isEmpty();
    }

    @Test
    void timeoutsAreValidatedLikeNode() {
        assertThatThrownBy(() -> EngineOptions.newBuilder().idleTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("idleTimeout:");
        assertThatThrownBy(() -> EngineOptions.newBuilder().headersTimeout(Duration.ofSeconds(301)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("headersTimeout: must not exceed requestTimeout");
        EngineOptions none = EngineOptions.newBuilder().idleTimeout(Duration.ZERO).headersTimeout(Duration.ZERO)
                .requestTimeout(Duration.ZERO).build(); // zero: no limit, as in Node
        assertThat(none.requestTimeout()).isZero();
        assertThat(EngineOptions.DEFAULT.headersTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(EngineOptions.DEFAULT.requestTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(EngineOptions.DEFAULT.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    /** Sends {@code chunk} every 100 ms, as a slow client does, until the server answers (at most 5 s). */
    private static RawClient.Response trickleUntilAnswered(RawClient raw, String chunk) throws Exception {
        InputStream in = raw.socket.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (in.available() == 0 && System.nanoTime() < deadline) {
            try {
                raw.write(chunk);
            } catch (IOException e) {
                break; // closed by the server: its answer, if any, is there to read
            }
            Thread.sleep(100);
        }
        return raw.readResponse();
    }
}
