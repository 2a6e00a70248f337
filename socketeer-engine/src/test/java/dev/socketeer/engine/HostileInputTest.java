package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Malformed and hostile input never crashes the server nor leaks; the server still serves afterwards. */
@ExtendWith(LeakGuard.class)
class HostileInputTest {
    private final EngineTestServer server = new EngineTestServer(b -> b.maxHttpBufferSize(10_000));

    @AfterEach
    void stillServesANewHandshake() throws Exception {
        try {
            assertThat(server.handshake()).hasSize(20);
        } finally {
            server.close();
        }
    }

    private RawClient openRawWebSocket() throws Exception {
        RawClient raw = new RawClient(server.http.port());
        raw.write(RawClient.upgradeRequest(server.http.port(), "EIO=4&transport=websocket"));
        assertThat(raw.readResponse().status()).isEqualTo(101);
        assertThat(raw.readFrame().text()).startsWith("0{");
        return raw;
    }

    @Test
    void giantContentLengthIsRefused413WithoutReadingTheBody() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("POST /socket.io/?EIO=4&transport=polling&sid=" + sid
                    + " HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n\r\n4aaaa");
            assertThat(raw.readResponse().status()).isEqualTo(413);
            assertThat(raw.closedByServer()).isTrue();
        }
        // the client's packets are lost: the session ends (the official client closes it on the failed POST)
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport error"));
        assertThat(server.engine.clientsCount()).isZero();
    }

    @Test
    void oversizedChunkedBodyIsRefused413() throws Exception {
        String sid = server.handshake();
        try (RawClient raw = new RawClient(server.http.port())) {
            String chunk = "4" + "a".repeat(8000);
            String size = Integer.toHexString(chunk.length());
            raw.write("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: x\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + chunk + "\r\n" + size + "\r\n" + chunk + "\r\n");
            assertThat(raw.readResponse().status()).isEqualTo(413);
        }
        assertThat(server.messages).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport error"));
        assertThat(server.engine.clientsCount()).isZero();
    }

    @Test
    void randomBytesInAPostBodyEndTheSessionAsAParseErrorAtWorst() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            String sid = server.handshake();
            byte[] junk = new byte[1 + random.nextInt(500)];
            random.nextBytes(junk);
            junk[0] = (byte) ('7' + random.nextInt(3)); // never a valid packet type
            var res = server.send("EIO=4&transport=polling&sid=" + sid,
                    r -> r.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(junk)));
            assertThat(res.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.size() == 20);
        assertThat(server.closes).containsOnly("parse error");
    }

    @Test
    void invalidUtf8InAPostBecomesReplacementCharactersLikeNode() throws Exception {
        String sid = server.handshake();
        byte[] body = {'4', 'a', (byte) 0xff, (byte) 0xc3};
        server.send("EIO=4&transport=polling&sid=" + sid, r -> r.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(server.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("a\uFFFD\uFFFD");
    }

    @Test
    void junkHttpIsAnsweredOrClosedWithoutHarm() throws Exception {
        for (String junk : new String[] {"\u0000\u0001\u0002garbage\r\n\r\n", "GET /socket.io/?EIO=4 HTTP/9.9\r\n\r\n",
                "GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
                "POST /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                "GET /socket.io/?" + "x".repeat(10_000) + " HTTP/1.1\r\n\r\n"}) {
            try (RawClient raw = new RawClient(server.http.port())) {
                raw.write(junk);
                raw.socket.shutdownOutput();
                assertThat(raw.closedByServer()).as(junk).isTrue();
            }
        }
        assertThat(server.connections).isEmpty();
    }

    @Test
    void malformedPercentEncodingOutsideTheEnginePathIsPassedOn() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /api/v1/claims/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse().status()).isEqualTo(404); // the standalone server's 404, on the same connection
            raw.write("GET /api/%E0%A4%A?q=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse().status()).isEqualTo(404);
        }
    }

    @Test
    void malformedPercentEncodingInAnEngineQueryIsAnswered400Code3() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /socket.io/?EIO=4&transport=polling&x=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        }
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write(RawClient.upgradeRequest(server.http.port(), "EIO=4&transport=websocket&x=%zz"));
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("Bad request");
        }
        assertThat(server.connections).isEmpty();
    }

    @Test
    void upgradeWithoutAWebSocketKeyIsAnswered400LikeWs() throws Exception {
        String sid = server.handshake();
        for (String query : new String[] {"EIO=4&transport=websocket", "EIO=4&transport=websocket&sid=" + sid}) {
            try (RawClient raw = new RawClient(server.http.port())) {
                raw.write(RawClient.upgradeRequest(server.http.port(), query).replace("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", ""));
                RawClient.Response res = raw.readResponse();
                assertThat(res.status()).as(query).isEqualTo(400);
                assertThat(res.text()).isEqualTo("Missing or invalid Sec-WebSocket-Key header");
                assertThat(raw.closedByServer()).isTrue();
            }
        }
        server.assertStillPolling(sid);
        assertThat(server.connections).hasSize(1);
    }

    @Test
    void invalidCloseCodeIsAnsweredWithProtocolErrorCloseFrame() throws Exception {
        try (RawClient raw = openRawWebSocket()) {
            raw.sendFrame(0x8, new byte[] {0x03, (byte) 0xe7}, true); // 999, not a valid close code
            RawClient.Frame close = raw.readFrame();
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(((close.payload()[0] & 0xff) << 8) | (close.payload()[1] & 0xff)).isEqualTo(1002);
            assertThat(raw.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.size() == 1);
    }

    @Test
    void oversizedRequestHeadsAreAnsweredAndClosed() throws Exception {
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /socket.io/?EIO=4&transport=polling&x=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readResponse().status()).isEqualTo(414); // the request line is over 4 KiB
            assertThat(raw.closedByServer()).isTrue();
        }
        try (RawClient raw = new RawClient(server.http.port())) {
            raw.write("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nCookie: " + "a".repeat(9000) + "\r\n\r\n");
            assertThat(raw.readResponse().status()).isEqualTo(431); // the headers are over 8 KiB
            assertThat(raw.closedByServer()).isTrue();
        }
        assertThat(server.connections).isEmpty();
    }

    @Test
    void binaryFrameBeforeTheUpgradePacketDropsOnlyTheWebSocket() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = server.probedSocket(sid);
        ws.ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), true).join();
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        server.assertStillPolling(sid);
    }

    @Test
    void unknownPacketTypeDuringTheUpgradeDropsOnlyTheWebSocket() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = server.probedSocket(sid);
        ws.send("9?");
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        server.assertStillPolling(sid);
    }

    @Test
    void unknownPacketTypeOnAnOpenWebSocketIsAParseError() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
        ws.next();
        ws.send("");
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("parse error"));
    }

    @Test
    void unmaskedClientFrameClosesTheConnectionAsATransportError() throws Exception {
        try (RawClient raw = openRawWebSocket()) {
            raw.sendFrame(1, "4hi".getBytes(StandardCharsets.UTF_8), false);
            assertThat(raw.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport error"));
        assertThat(server.messages).isEmpty();
    }

    @Test
    void invalidUtf8TextFrameClosesTheConnectionAsATransportError() throws Exception {
        try (RawClient raw = openRawWebSocket()) {
            raw.sendFrame(1, new byte[] {'4', (byte) 0xff, (byte) 0xfe}, true);
            assertThat(raw.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport error"));
        assertThat(server.messages).isEmpty();
    }

    @Test
    void unknownOpcodeClosesTheConnectionAsATransportError() throws Exception {
        try (RawClient raw = openRawWebSocket()) {
            raw.sendFrame(0x3, new byte[] {1}, true);
            assertThat(raw.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport error"));
    }

    @Test
    void abruptWebSocketDisconnectIsATransportClose() throws Exception {
        RawClient raw = openRawWebSocket();
        raw.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("transport close"));
        assertThat(server.engine.clientsCount()).isZero();
    }
}
