package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.protocol.ParseException;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Hostile Socket.IO packets over a hand-driven websocket. As in Node 4.8 (checked against the real
 * server), a packet the parser refuses makes the server tell the socket's error listeners and close
 * the connection ("forced close"); a well-formed packet with nothing to act on is ignored. Either way
 * a real client on another connection keeps working and no buffer leaks (LeakGuard).
 */
@ExtendWith(LeakGuard.class)
class MalformedPacketsTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PLACEHOLDER = "{\"_placeholder\":true,\"num\":0}";

    private SocketIoServer io;
    private NodeClient witness;
    private final Map<String, CompletableFuture<DisconnectReason>> disconnects = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Throwable>> errors = new ConcurrentHashMap<>();
    private final CompletableFuture<JsonNode> numericEvent = new CompletableFuture<>();

    @BeforeEach
    void start() {
        io = e2e.start(SocketIoServer.builder(), server -> {
            server.onConnection(socket -> {
                CompletableFuture<DisconnectReason> disconnect = disconnects.computeIfAbsent(socket.id(), id -> new CompletableFuture<>());
                CompletableFuture<Throwable> error = errors.computeIfAbsent(socket.id(), id -> new CompletableFuture<>());
                socket.onDisconnect((reason, description) -> disconnect.complete(reason));
                socket.onError(error::complete);
                socket.on("echo", (args, ack) -> ack.send(args.get(0)));
                socket.on("1", (args, ack) -> numericEvent.complete(args));
            });
        }).io;
        witness = e2e.connect("http://127.0.0.1:" + io.port() + "/", Map.of("transports", List.of("websocket"), "forceNew", true));
    }

    @AfterEach
    void stop() {
        witness.close();
    }

    /** A raw connection joined to "/"; returns it with its socket id. */
    private RawWebSocketClient rawConnected(String[] sid) throws Exception {
        RawWebSocketClient raw = RawWebSocketClient.open(io.port(), WAIT);
        sid[0] = raw.connectMain(WAIT).replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        return raw;
    }

    private void assertWitnessStillWorks() {
        assertThat(witness.emitWithAck("echo", WAIT, "alive")).hasToString("[\"alive\"]");
        assertThat(witness.state().connected()).isTrue();
    }

    /** Sends the frames (String as text, byte[] as binary) and expects the server to close the connection. */
    private void assertClosedAfter(Object... frames) throws Exception {
        String[] sid = new String[1];
        try (RawWebSocketClient raw = rawConnected(sid)) {
            for (Object frame : frames) {
                try {
                    if (frame instanceof byte[] bytes) {
                        raw.sendBinary(bytes);
                    } else {
                        raw.sendText((String) frame);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // the server may close on an earlier frame (Socketeer checks placeholders before attachments)
                }
            }
            assertThat(raw.closed()).succeedsWithin(WAIT);
            assertThat(disconnects.get(sid[0])).succeedsWithin(WAIT).isEqualTo(DisconnectReason.FORCED_CLOSE);
            assertThat(errors.get(sid[0])).succeedsWithin(WAIT).isInstanceOf(ParseException.class);
        }
        assertWitnessStillWorks();
    }

    /** The connection is still open and serving: an echo with ack id 77 comes back. */
    private static void assertStillServing(RawWebSocketClient raw) throws Exception {
        raw.sendText("4277[\"echo\",\"after\"]");
        assertThat(raw.nextText(WAIT)).isEqualTo("4377[\"after\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"})
    void reservedEventNameClosesTheConnection(String name) throws Exception {
        assertClosedAfter("42[\"" + name + "\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"42[null]", "42[]", "42{\"a\":1}", "42[true]", "42\"x\"", "42[[\"x\"]]"})
    void eventWithoutAStringOrNumberNameClosesTheConnection(String packet) throws Exception {
        assertClosedAfter(packet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42[\"x\"", "42abc", "42[\"x\"]x", "421a[\"x\"]", "49", "4x", "4"})
    void invalidJsonOrPacketTypeClosesTheConnection(String packet) throws Exception {
        assertClosedAfter(packet);
    }

    /** Node's parser accepts a number as event name and emits it under its string form. */
    @Test
    void numericEventNameIsDispatchedLikeNode() throws Exception {
        String[] sid = new String[1];
        try (RawWebSocketClient raw = rawConnected(sid)) {
            raw.sendText("42[1,\"x\"]");
            assertThat(numericEvent).succeedsWithin(WAIT).hasToString("[\"x\"]");
            assertStillServing(raw);
        }
        assertWitnessStillWorks();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "-1", "\"0\"", "1.5", "null"})
    void placeholderNumOutOfRangeOrNotAnIntegerClosesTheConnection(String num) throws Exception {
        assertClosedAfter("451-[\"x\",{\"_placeholder\":true,\"num\":" + num + "}]", new byte[] {1});
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "99999999999999999999999", "0", "", "a", "1a", "-1"})
    void illegalAttachmentCountClosesTheConnection(String count) throws Exception {
        assertClosedAfter("45" + count + "-[\"x\"," + PLACEHOLDER + "]", new byte[] {1});
    }

    /** Node's parser requires at least one attachment ("Illegal attachments"). */
    @Test
    void binaryPacketDeclaringNoAttachmentClosesTheConnection() throws Exception {
        assertClosedAfter("450-[\"x\"]");
    }

    @Test
    void giantAttachmentCountPrefixClosesTheConnection() throws Exception {
        assertClosedAfter("45" + "7".repeat(100_000) + "-[\"x\"]");
    }

    @Test
    void binaryFrameWithoutPendingBinaryPacketClosesTheConnection() throws Exception {
        assertClosedAfter((Object) new byte[] {1, 2, 3});
    }

    @Test
    void textFrameWhileAttachmentsArePendingClosesTheConnection() throws Exception {
        assertClosedAfter("452-[\"x\"," + PLACEHOLDER + ",{\"_placeholder\":true,\"num\":1}]", new byte[] {1},
                "42[\"echo\",1]");
    }

    @Test
    void ackForAnUnknownIdIsIgnored() throws Exception {
        String[] sid = new String[1];
        try (RawWebSocketClient raw = rawConnected(sid)) {
            raw.sendText("4399[\"x\"]");
            raw.sendText("461-12[" + PLACEHOLDER + "]");
            raw.sendBinary(new byte[] {1});
            assertStillServing(raw);
            assertThat(disconnects.get(sid[0])).isNotDone();
            assertThat(errors.get(sid[0])).isNotDone();
        }
        assertWitnessStillWorks();
    }

    /**
     * A CONNECT to a namespace the connection already joined, or a packet for one it never joined, is
     * an invalid state: the connection is closed. Node reports "forced close" on websocket (the engine
     * closes synchronously) and "forced server close" when it does not; Socketeer always the latter.
     */
    @ParameterizedTest
    @ValueSource(strings = {"40", "42/never-joined,[\"x\"]", "41/never-joined,"})
    void invalidStateClosesTheConnection(String packet) throws Exception {
        String[] sid = new String[1];
        try (RawWebSocketClient raw = rawConnected(sid)) {
            raw.sendText(packet);
            assertThat(raw.closed()).succeedsWithin(WAIT);
            assertThat(disconnects.get(sid[0]).get(10, TimeUnit.SECONDS))
                    .isIn(DisconnectReason.FORCED_CLOSE, DisconnectReason.FORCED_SERVER_CLOSE);
        }
        assertWitnessStillWorks();
    }

    @Test
    void manyHostileConnectionsInARowLeaveTheServerServing() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertClosedAfter("451-[\"x\"," + PLACEHOLDER + "]", "42[\"interleaved text\"]");
        }
        assertWitnessStillWorks();
    }
}
