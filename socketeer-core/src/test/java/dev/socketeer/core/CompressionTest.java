package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code compress} flag (Node's {@code socket.compress(false).emit(...)}) on a websocket that negotiated
 * permessage-deflate: a large event is compressed by default and sent as it is with {@code compress(false)},
 * from a socket and from a broadcast, text and binary attachments alike.
 */
@ExtendWith(LeakGuard.class)
class CompressionTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final String BIG = "x".repeat(4000);
    /** The EVENT packet, up to the offset that recovery appends. */
    private static final String BIG_EVENT = "42[\"big\",\"" + BIG + "\"";

    private final BlockingQueue<Socket> sockets = LiveServer.socketQueue();
    private LiveServer server;

    /** Starts a server with permessage-deflate (and recovery, which routes socket emits through the adapter). */
    private RawClient connectRaw(boolean recovery) throws Exception {
        SocketIoServer.Builder builder = SocketIoServer.builder().engine(e -> e.perMessageDeflate(true));
        if (recovery) {
            builder.connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT);
        }
        server = e2e.start(builder, io -> io.onConnection(sockets::add));
        RawClient raw = new RawClient(server.port());
        raw.write(RawClient.upgradeRequest(server.port(), "EIO=4&transport=websocket",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"));
        assertThat(raw.readResponse().headers().get("sec-websocket-extensions")).startsWith("permessage-deflate");
        assertThat(raw.readFrame().text()).startsWith("0{");
        raw.sendText("40");
        assertThat(raw.readFrame().text()).startsWith("40{");
        return raw;
    }

    @ParameterizedTest(name = "recovery {0}")
    @ValueSource(booleans = {false, true})
    void socketEmitIsCompressedByDefaultAndNotWithCompressFalse(boolean recovery) throws Exception {
        try (RawClient raw = connectRaw(recovery)) {
            Socket socket = LiveServer.next(sockets, "connection");

            socket.emit("big", BIG);
            RawClient.Frame compressed = raw.readFrame();
            assertThat(compressed.rsv1()).isTrue();
            assertThat(compressed.payload().length).isLessThan(200);
            assertThat(compressed.inflatedText().startsWith(BIG_EVENT)).as("inflated event").isTrue();

            socket.compress(false).emit("big", BIG);
            RawClient.Frame plain = raw.readFrame();
            assertThat(plain.rsv1()).isFalse();
            assertThat(plain.text().startsWith(BIG_EVENT)).as("plain event").isTrue();
        }
    }

    @ParameterizedTest(name = "recovery {0}")
    @ValueSource(booleans = {false, true})
    void broadcastIsCompressedByDefaultAndNotWithCompressFalse(boolean recovery) throws Exception {
        try (RawClient raw = connectRaw(recovery)) {
            LiveServer.next(sockets, "connection");

            server.io.emit("big", BIG);
            RawClient.Frame compressed = raw.readFrame();
            assertThat(compressed.rsv1()).isTrue();
            assertThat(compressed.inflatedText().startsWith(BIG_EVENT)).as("inflated event").isTrue();

            server.io.compress(false).emit("big", BIG);
            RawClient.Frame plain = raw.readFrame();
            assertThat(plain.rsv1()).isFalse();
            assertThat(plain.text().startsWith(BIG_EVENT)).as("plain event").isTrue();
        }
    }

    @ParameterizedTest(name = "recovery {0}")
    @ValueSource(booleans = {false, true})
    void binaryAttachmentsFollowTheFlagToo(boolean recovery) throws Exception {
        byte[] bytes = new byte[4000];
        try (RawClient raw = connectRaw(recovery)) {
            Socket socket = LiveServer.next(sockets, "connection");

            socket.emit("file", (Object) bytes);
            assertThat(raw.readFrame().rsv1()).isFalse(); // the short BINARY_EVENT text, below the threshold
            assertThat(raw.readFrame().rsv1()).isTrue();

            socket.compress(false).emit("file", (Object) bytes);
            assertThat(raw.readFrame().text()).startsWith("451-[\"file\"");
            RawClient.Frame attachment = raw.readFrame();
            assertThat(attachment.rsv1()).isFalse();
            assertThat(attachment.payload()).isEqualTo(bytes);
        }
    }
}
