package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.extension.ExtendWith(dev.socketeer.testkit.LeakGuard.class)
class PollingTransportTest {
    private final EngineTestServer server = new EngineTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void handshakeAnswersOpenPacketWithNodeDefaults() throws Exception {
        HttpResponse<String> res = server.get("EIO=4&transport=polling");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
        assertThat(res.body()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(res.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void postedMessagesArriveAndHeldGetReturnsTheEcho() throws Exception {
        String sid = server.handshake();
        HttpResponse<String> post = server.post("EIO=4&transport=polling&sid=" + sid, "4hello\u001e4world");
        assertThat(post.body()).isEqualTo("ok");
        assertThat(server.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
        assertThat(server.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("world");
        HttpResponse<String> get = server.get("EIO=4&transport=polling&sid=" + sid);
        assertThat(get.body()).isEqualTo("4hello\u001e4world");
    }

    @Test
    void binaryTravelsAsBase64OnPolling() throws Exception {
        String sid = server.handshake();
        server.post("EIO=4&transport=polling&sid=" + sid, "bAQID");
        assertThat(server.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("binary:3");
        assertThat(server.get("EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("bAQID");
    }

    @Test
    void unknownSidIsRejectedWithCode1() throws Exception {
        HttpResponse<String> res = server.get("EIO=4&transport=polling&sid=nope");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void unknownTransportIsRejectedWithCode0() throws Exception {
        HttpResponse<String> res = server.get("EIO=4&transport=carrier-pigeon");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":0,\"message\":\"Transport unknown\"}");
    }

    @Test
    void missingOrWrongProtocolVersionIsRejectedWithCode5() throws Exception {
        for (String q : new String[] {"transport=polling", "EIO=3&transport=polling", "EIO=x&transport=polling"}) {
            HttpResponse<String> res = server.get(q);
            assertThat(res.statusCode()).isEqualTo(400);
            assertThat(res.body()).isEqualTo("{\"code\":5,\"message\":\"Unsupported protocol version\"}");
        }
    }

    @Test
    void handshakeByPostIsRejectedWithCode2() throws Exception {
        HttpResponse<String> res = server.post("EIO=4&transport=polling", "4hi");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body()).isEqualTo("{\"code\":2,\"message\":\"Bad handshake method\"}");
    }

    @Test
    void oversizedPostIsAnswered413() throws Exception {
        try (EngineTestServer small = new EngineTestServer(b -> b.maxHttpBufferSize(100))) {
            String sid = small.handshake();
            HttpResponse<String> res = small.post("EIO=4&transport=polling&sid=" + sid, "4" + "x".repeat(200));
            assertThat(res.statusCode()).isEqualTo(413);
            assertThat(small.messages).isEmpty();
        }
    }

    @Test
    void malformedPayloadClosesWithParseError() throws Exception {
        String sid = server.handshake();
        server.post("EIO=4&transport=polling&sid=" + sid, "9garbage");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("parse error"));
        assertThat(server.get("EIO=4&transport=polling&sid=" + sid).statusCode()).isEqualTo(400);
    }

    @Test
    void missingPongClosesWithPingTimeout() throws Exception {
        // the GET must reach the session before it times out: within 2.1 s of the handshake, on any machine
        try (EngineTestServer fast = new EngineTestServer(b -> b.pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofSeconds(2)))) {
            String sid = fast.handshake();
            assertThat(fast.get("EIO=4&transport=polling&sid=" + sid).body()).isEqualTo("2");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> fast.closes.contains("ping timeout"));
        }
    }

    @Test
    void pongKeepsTheSessionAlive() throws Exception {
        Duration interval = Duration.ofMillis(200);
        Duration timeout = Duration.ofSeconds(2); // what a PONG may take on a loaded machine
        try (EngineTestServer fast = new EngineTestServer(b -> b.pingInterval(interval).pingTimeout(timeout))) {
            String sid = fast.handshake();
            // PINGs are at least an interval apart: these many outlast a whole interval + timeout
            long pings = interval.plus(timeout).dividedBy(interval) + 1;
            for (int i = 0; i < pings; i++) {
                assertThat(fast.get("EIO=4&transport=polling&sid=" + sid).body()).as("PING %d", i).isEqualTo("2");
                fast.post("EIO=4&transport=polling&sid=" + sid, "3");
            }
            assertThat(fast.closes).isEmpty();
            assertThat(fast.engine.clientsCount()).isEqualTo(1);
        }
    }

    @Test
    void clientCloseEndsSessionWithTransportClose() throws Exception {
        String sid = server.handshake();
        server.post("EIO=4&transport=polling&sid=" + sid, "1");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport close"));
        assertThat(server.engine.clientsCount()).isZero();
    }
}
