package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Polling requests that Node answers in particular ways: overlaps, aborts, wrong packets, wrong transport. */
@ExtendWith(LeakGuard.class)
class PollingEdgeCasesTest {
    private final EngineTestServer server = new EngineTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    private String q(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    private CompletableFuture<HttpResponse<String>> pendingPoll(String sid) {
        return server.client.sendAsync(HttpRequest.newBuilder(URI.create(server.url(q(sid)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitClose(String reason) {
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains(reason));
        assertThat(server.engine.clientsCount()).isZero();
    }

    private void awaitHeld(String sid) {
        // a held poll is visible as a session that can take a volatile message
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections.peek().sendVolatile(java.util.List.of()));
    }

    @Test
    void secondConcurrentPollIsAnswered400AndEndsTheSession() throws Exception {
        String sid = server.handshake();
        var first = pendingPoll(sid);
        awaitHeld(sid);
        HttpResponse<String> second = server.get(q(sid));
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).isEmpty();
        awaitClose("transport error");
        assertThat(first.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
    }

    @Test
    void abortedPollEndsTheSessionWithTransportError() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /socket.io/?" + q(sid) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            awaitHeld(sid);
        }
        awaitClose("transport error");
    }

    @Test
    void abortedPostEndsTheSessionWithTransportError() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("POST /socket.io/?" + q(sid) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n4partial");
        }
        awaitClose("transport error");
    }

    @Test
    void pingFromTheClientIsATransportError() throws Exception {
        String sid = server.handshake();
        var poll = pendingPoll(sid);
        awaitHeld(sid);
        assertThat(server.post(q(sid), "2").body()).isEqualTo("ok");
        awaitClose("transport error");
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
    }

    @Test
    void clientCloseAnswersThePendingPollWithANoopLikeNode() throws Exception {
        String sid = server.handshake();
        var poll = pendingPoll(sid);
        awaitHeld(sid);
        assertThat(server.post(q(sid), "1").body()).isEqualTo("ok");
        awaitClose("transport close");
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("6");
    }

    @Test
    void binaryContentTypeIsRefusedAndEndsTheSession() throws Exception {
        String sid = server.handshake();
        HttpResponse<String> res = server.send(q(sid), r -> r.header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString("4hello")));
        assertThat(res.statusCode()).isEqualTo(400);
        awaitClose("transport error");
        assertThat(server.messages).isEmpty();
    }

    @Test
    void postWithTheWrongTransportIsAnsweredCode3() throws Exception {
        String sid = server.handshake();
        HttpResponse<String> res = server.post("EIO=4&transport=websocket&sid=" + sid, "4x");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(server.closes).isEmpty();
    }

    @Test
    void pollArrivingWhileItsSessionClosesIsAnsweredSessionIdUnknownLikeNode() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            // the head is verified while the session is open; the request completes after it closed
            raw.write("GET /socket.io/?" + q(sid) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n");
            assertThat(server.post(q(sid), "1").body()).isEqualTo("ok");
            awaitClose("transport close");
            raw.write("x");
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        }
    }

    @Test
    void postForAnUnknownSessionIsRefusedBeforeItsBody() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("POST /socket.io/?" + q("unknown") + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n4a");
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
            assertThat(res.headers().get("connection")).isEqualTo("close");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void postWhoseSessionClosesMidBodyIsRefusedAtOnce() throws Exception {
        try (EngineTestServer fast = new EngineTestServer(b -> b.pingInterval(Duration.ofMillis(300)).pingTimeout(Duration.ofMillis(300)))) {
            String sid = fast.handshake();
            try (RawClient raw = new RawClient(fast.http.port())) {
                raw.write("POST /socket.io/?" + q(sid) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n4" + "a".repeat(1000));
                // nobody answers the PING: the session ends while the body is still on its way
                RawClient.Response res = raw.readResponse();
                assertThat(res.status()).isEqualTo(400);
                assertThat(res.text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
                assertThat(raw.closedByServer()).isTrue();
            }
            // the close is reported on the session's loop, which may run after the answer reached the client
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !fast.closes.isEmpty());
            assertThat(fast.closes).containsExactly("ping timeout");
        }
    }

    @Test
    void postStillArrivingWhenItsSessionUpgradesIsRefused() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("POST /socket.io/?" + q(sid) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n4slow");
            WsRecorder ws = server.probedSocket(sid);
            ws.send("5");
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            assertThat(raw.closedByServer()).isTrue();
            ws.send("4over the websocket");
            assertThat(ws.next()).isEqualTo("4over the websocket");
        }
        assertThat(server.closes).isEmpty();
    }

    @Test
    void otherMethodsOnASessionAreAnswered500LikeNode() throws Exception {
        String sid = server.handshake();
        HttpResponse<String> res = server.send(q(sid), r -> r.method("PUT", HttpRequest.BodyPublishers.ofString("4x")));
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(server.closes).isEmpty();
    }

    @Test
    void packetsBeforeAnInvalidOneAreDeliveredThenTheSessionEnds() throws Exception {
        String sid = server.handshake();
        assertThat(server.post(q(sid), "4a\u001e4b\u001e9x").body()).isEqualTo("ok");
        awaitClose("parse error");
        assertThat(server.messages).containsExactly("a", "b");
    }

    @Test
    void messagesArriveWhilePongIsAwaitedAndTheSessionSurvives() throws Exception {
        // the two POSTs after the PING may take a while on a loaded machine: the timeout is no part of the test
        try (EngineTestServer fast = new EngineTestServer(b -> b.pingInterval(Duration.ofMillis(100))
                .pingTimeout(Duration.ofSeconds(10)))) {
            String sid = fast.handshake();
            assertThat(fast.get(q(sid)).body()).isEqualTo("2");
            fast.post(q(sid), "4busy");
            fast.post(q(sid), "3");
            // the echo, and the next PING (due 100 ms after the PONG) if this GET came later than that
            assertThat(fast.get(q(sid)).body()).matches("4busy(\u001e2)?");
            assertThat(fast.closes).isEmpty();
        }
    }
}
