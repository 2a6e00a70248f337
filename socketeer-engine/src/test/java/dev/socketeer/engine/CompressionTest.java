package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP compression of polling answers, and permessage-deflate on websockets. */
@ExtendWith(LeakGuard.class)
class CompressionTest {
    private static final String BIG = "x".repeat(2000);

    /** Queues a message of {@code size} characters on a new session, then polls it with {@code acceptEncoding}. */
    private static HttpResponse<byte[]> pollMessage(UnaryOperator<EngineOptions.Builder> options, int size,
            String acceptEncoding) throws Exception {
        return pollMessage(options, EngineMessage.text("y".repeat(size)), acceptEncoding);
    }

    private static HttpResponse<byte[]> pollMessage(UnaryOperator<EngineOptions.Builder> options, EngineMessage message,
            String acceptEncoding) throws Exception {
        try (EngineTestServer s = new EngineTestServer(options)) {
            String sid = s.handshake();
            s.connections.take().send(message);
            return s.sendForBytes("EIO=4&transport=polling&sid=" + sid,
                    r -> acceptEncoding == null ? r : r.header("Accept-Encoding", acceptEncoding));
        }
    }

    @Test
    void gzipsAPollAnswerAboveTheThresholdWhenAccepted() throws Exception {
        HttpResponse<byte[]> res = pollMessage(b -> b, 2000, "gzip, deflate, br");
        assertThat(res.headers().firstValue("content-encoding")).hasValue("gzip");
        assertThat(res.headers().firstValue("content-type")).hasValue("text/plain; charset=UTF-8");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(res.body())).readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("4" + "y".repeat(2000));
    }

    @Test
    void deflatesWhenOnlyDeflateIsAccepted() throws Exception {
        HttpResponse<byte[]> res = pollMessage(b -> b, 2000, "deflate");
        assertThat(res.headers().firstValue("content-encoding")).hasValue("deflate");
        assertThat(new InflaterInputStream(new ByteArrayInputStream(res.body())).readAllBytes()).hasSize(2001);
    }

    @Test
    void doesNotCompressBelowTheThreshold() throws Exception {
        HttpResponse<byte[]> res = pollMessage(b -> b, 1022, "gzip");
        assertThat(res.headers().firstValue("content-encoding")).isEmpty();
        assertThat(res.body()).hasSize(1023);
        assertThat(pollMessage(b -> b, 1023, "gzip").headers().firstValue("content-encoding")).hasValue("gzip");
    }

    @Test
    void doesNotCompressWhenDisabledOrNotAccepted() throws Exception {
        assertThat(pollMessage(b -> b.httpCompression(false), 2000, "gzip").headers().firstValue("content-encoding")).isEmpty();
        assertThat(pollMessage(b -> b, 2000, null).headers().firstValue("content-encoding")).isEmpty();
        assertThat(pollMessage(b -> b, 2000, "br").headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void doesNotCompressAPollAnswerOfUncompressedMessagesOnly() throws Exception {
        HttpResponse<byte[]> res = pollMessage(b -> b, EngineMessage.text("y".repeat(2000)).uncompressed(), "gzip");
        assertThat(res.headers().firstValue("content-encoding")).isEmpty();
        assertThat(res.body()).hasSize(2001);
    }

    @Test
    void negotiatesPerMessageDeflateWhenEnabledAndCompressesLargeMessagesOnly() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.perMessageDeflate(true));
                RawClient raw = new RawClient(s.http.port())) {
            raw.write(RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket",
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(101);
            assertThat(res.headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");
            RawClient.Frame open = raw.readFrame();
            assertThat(open.rsv1()).isFalse();
            assertThat(open.text()).startsWith("0{");
            raw.sendText("4" + BIG); // clients may send uncompressed frames
            assertThat(s.messages.poll(5, TimeUnit.SECONDS)).isEqualTo(BIG);
            RawClient.Frame echo = raw.readFrame();
            assertThat(echo.rsv1()).isTrue();
            assertThat(echo.payload().length).isLessThan(100);
            assertThat(echo.inflatedText()).isEqualTo("4" + BIG);
            raw.sendText("4small");
            RawClient.Frame small = raw.readFrame();
            assertThat(small.rsv1()).isFalse();
            assertThat(small.text()).isEqualTo("4small");
        }
    }

    @Test
    void neverDeflatesAMessageMarkedUncompressed() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.perMessageDeflate(true));
                RawClient raw = new RawClient(s.http.port())) {
            raw.write(RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket",
                    "Sec-WebSocket-Extensions: permessage-deflate"));
            assertThat(raw.readResponse().headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");
            assertThat(raw.readFrame().text()).startsWith("0{");
            EngineSocket socket = s.connections.take();
            byte[] bytes = BIG.getBytes(StandardCharsets.UTF_8);
            socket.send(List.of(EngineMessage.text(BIG).uncompressed(), EngineMessage.binary(bytes).uncompressed(),
                    EngineMessage.binary(bytes)));
            RawClient.Frame text = raw.readFrame();
            assertThat(text.rsv1()).isFalse();
            assertThat(text.text()).isEqualTo("4" + BIG);
            RawClient.Frame binary = raw.readFrame();
            assertThat(binary.rsv1()).isFalse();
            assertThat(binary.payload()).isEqualTo(bytes);
            assertThat(raw.readFrame().rsv1()).isTrue(); // the same data, compressible
        }
    }

    /**
     * One message sent to several websockets shares one encoded frame, except where permessage-deflate
     * compresses it: every socket must get it whole, at each of the three frame length encodings.
     */
    @Test
    void aMessageSharedByManyWebsocketsArrivesWholeOnEachWithOrWithoutDeflate() throws Exception {
        try (EngineTestServer s = new EngineTestServer(b -> b.perMessageDeflate(true))) {
            List<RawClient> clients = new java.util.ArrayList<>();
            List<EngineSocket> sockets = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    RawClient raw = new RawClient(s.http.port());
                    clients.add(raw);
                    // sockets 0 and 2 negotiate permessage-deflate, 1 and 3 do not
                    raw.write(i % 2 == 0
                            ? RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket",
                                    "Sec-WebSocket-Extensions: permessage-deflate")
                            : RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket"));
                    assertThat(raw.readResponse().status()).isEqualTo(101);
                    assertThat(raw.readFrame().text()).startsWith("0{");
                    sockets.add(s.connections.take());
                }
                for (String text : List.of("small", "m".repeat(300), "L".repeat(70_000), "\u00e9t\u00e9 \u2603")) {
                    EngineMessage message = EngineMessage.text(text);
                    for (EngineSocket socket : sockets) {
                        socket.send(message);
                    }
                    for (int i = 0; i < clients.size(); i++) {
                        RawClient.Frame f = clients.get(i).readFrame();
                        assertThat(f.rsv1() ? f.inflatedText() : f.text()).as("socket %d, %d chars", i, text.length())
                                .isEqualTo("4" + text);
                        boolean compressible = ("4" + text).getBytes(StandardCharsets.UTF_8).length
                                >= EngineOptions.DEFAULT.compressionThreshold();
                        assertThat(f.rsv1()).isEqualTo(i % 2 == 0 && compressible);
                    }
                }
            } finally {
                for (RawClient c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void doesNotNegotiatePerMessageDeflateByDefault() throws Exception {
        try (EngineTestServer s = new EngineTestServer(); RawClient raw = new RawClient(s.http.port())) {
            raw.write(RawClient.upgradeRequest(s.http.port(), "EIO=4&transport=websocket",
                    "Sec-WebSocket-Extensions: permessage-deflate"));
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(101);
            assertThat(res.headers()).doesNotContainKey("sec-websocket-extensions");
        }
    }
}
