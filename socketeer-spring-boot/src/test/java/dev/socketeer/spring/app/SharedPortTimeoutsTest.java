package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 18, defect 3 on the shared port (Reactor Netty, which has no head timeout of its own): a request head
 * or a request that keeps trickling is answered 408 and its connection closed, on a REST path as on the
 * Socket.IO path ({@code socketeer.headers-timeout}, {@code socketeer.request-timeout}); a long-poll held longer
 * than both, and a websocket, are not touched.
 */
@TestPropertySource(properties = {"socketeer.headers-timeout=1s", "socketeer.request-timeout=2s",
        "socketeer.ping-interval=3s", "socketeer.ping-timeout=5s"})
class SharedPortTimeoutsTest extends AppTestSupport {

    @Test
    void aRestRequestHeadThatKeepsTricklingIsAnswered408() throws Exception {
        try (RawClient raw = new RawClient(port)) {
            raw.write("GET /api/hello HTTP/1.1\r\nHost: localhost\r\n");
            long start = System.nanoTime();
            RawClient.Response res = trickleUntilAnswered(raw, "X-Slow: 1\r\n");
            assertThat(res.status()).isEqualTo(408);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aRestBodyThatKeepsTricklingIsAnswered408() throws Exception {
        try (RawClient raw = new RawClient(port)) {
            raw.write("POST /api/echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 10000\r\n\r\n{");
            assertThat(trickleUntilAnswered(raw, " ").status()).isEqualTo(408);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aPollingPostThatKeepsTricklingIsAnswered408() throws Exception {
        String sid;
        try (RawClient raw = new RawClient(port)) {
            raw.write("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String body = raw.readResponse().text();
            sid = body.substring(body.indexOf("\"sid\":\"") + 7, body.indexOf('"', body.indexOf("\"sid\":\"") + 7));
        }
        try (RawClient raw = new RawClient(port)) {
            raw.write("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 10000\r\n\r\n4");
            assertThat(trickleUntilAnswered(raw, "a").status()).isEqualTo(408);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aHeldPollAndAWebsocketOutlastTheTimeouts() throws Exception {
        try (RawClient raw = new RawClient(port)) {
            raw.socket.setSoTimeout(10_000);
            raw.write("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String body = raw.readResponse().text();
            String sid = body.substring(body.indexOf("\"sid\":\"") + 7, body.indexOf('"', body.indexOf("\"sid\":\"") + 7));
            long start = System.nanoTime();
            raw.write("GET /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(raw.readResponse().text()).as("held for pingInterval, then the PING").isEqualTo("2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(2));
        }
        NodeClient ws = connect("/chat", Map.of("reconnection", false, "transports", List.of("websocket")));
        ws.awaitConnect();
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(2500)) {
            assertThat(ws.emitWithAck("ping", Duration.ofSeconds(5)).get(0).asString()).isEqualTo("pong");
            Thread.sleep(500); // a client pacing its messages, across the request timeout
        }
        assertThat(ws.state().connected()).isTrue();
    }

    /** Sends {@code chunk} every 100 ms until the server answers (or closes), then reads the answer. */
    private static RawClient.Response trickleUntilAnswered(RawClient raw, String chunk) throws Exception {
        InputStream in = raw.socket.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
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
