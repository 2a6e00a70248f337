package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Binary payloads (BINARY_EVENT / BINARY_ACK) in both directions, on polling (base64) and websocket (raw frames). */
@ExtendWith(LeakGuard.class)
class BinaryTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] BIG = new byte[64 * 1024];

    static {
        for (int i = 0; i < BIG.length; i++) {
            BIG[i] = (byte) (i * 31);
        }
    }

    /** A record with a binary field, as an application would emit it. */
    record FilePayload(String name, byte[] content) {}

    private SocketIoServer io;
    private final CompletableFuture<Socket> connected = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> uploaded = new CompletableFuture<>();

    @BeforeEach
    void startServer() {
        io = e2e.start(SocketIoServer.builder(), server -> {
            server.onConnection(socket -> {
                socket.on("upload", (args, ack) -> {
                    uploaded.complete(args);
                    ack.send(args.get(1), args.get(0));
                });
                socket.on("send-binary", (args, ack) -> socket.emit("bin", new byte[] {1, 2, 3}));
                connected.complete(socket);
            });
        }).io;
    }

    private NodeClient connect(String transport) {
        return e2e.connect("http://127.0.0.1:" + io.port() + "/", Map.of("transports", List.of(transport), "forceNew", true));
    }

    private Socket serverSocket() throws Exception {
        return connected.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void clientBinaryNestedInObjectsAndArraysArrivesAsBinaryAndComesBackInTheAck(String transport) throws Exception {
        try (NodeClient client = connect(transport)) {
            Map<String, Object> nested = Map.of("file", new byte[] {2},
                    "meta", Map.of("parts", List.of(new byte[] {3, 3}, "x", Map.of("deep", BIG), new byte[0])));
            JsonNode ack = client.emitWithAck("upload", WAIT, new byte[] {1}, nested, "text");

            JsonNode args = uploaded.get(10, TimeUnit.SECONDS);
            assertThat(args.get(0).isBinary()).isTrue();
            assertThat(args.get(0).binaryValue()).containsExactly(1);
            assertThat(args.get(1).get("file").binaryValue()).containsExactly(2);
            JsonNode parts = args.get(1).get("meta").get("parts");
            assertThat(parts.get(0).binaryValue()).containsExactly(3, 3);
            assertThat(parts.get(1).asString()).isEqualTo("x");
            assertThat(parts.get(2).get("deep").binaryValue()).isEqualTo(BIG);
            assertThat(parts.get(3).binaryValue()).isEmpty();
            assertThat(args.get(2).asString()).isEqualTo("text");

            // the ack sends the object back (binary ack, 5 attachments) with the first buffer
            assertThat(NodeDriver.bytes(ack.get(0).get("file"))).containsExactly(2);
            JsonNode echoed = ack.get(0).get("meta").get("parts");
            assertThat(NodeDriver.bytes(echoed.get(0))).containsExactly(3, 3);
            assertThat(NodeDriver.bytes(echoed.get(2).get("deep"))).isEqualTo(BIG);
            assertThat(NodeDriver.bytes(echoed.get(3))).isEmpty();
            assertThat(NodeDriver.bytes(ack.get(1))).containsExactly(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void serverSendsSeveralAttachmentsInOneEvent(String transport) throws Exception {
        try (NodeClient client = connect(transport)) {
            serverSocket().emit("files", new byte[] {1}, Map.of("b", new byte[] {2, 2}),
                    List.of(new byte[] {3}, "s", List.of(BIG)), 7);
            JsonNode args = client.awaitEvent("files", WAIT);
            assertThat(NodeDriver.bytes(args.get(0))).containsExactly(1);
            assertThat(NodeDriver.bytes(args.get(1).get("b"))).containsExactly(2, 2);
            assertThat(NodeDriver.bytes(args.get(2).get(0))).containsExactly(3);
            assertThat(args.get(2).get(1).asString()).isEqualTo("s");
            assertThat(NodeDriver.bytes(args.get(2).get(2).get(0))).isEqualTo(BIG);
            assertThat(args.get(3).asInt()).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void binaryTravelsInServerToClientAcks(String transport) throws Exception {
        try (NodeClient client = connect(transport)) {
            client.ackEcho("mirror");
            JsonNode answer = serverSocket().timeout(WAIT)
                    .emitWithAck("mirror", Map.of("blob", new byte[] {4, 5, 6}), List.of(new byte[] {7}))
                    .get(10, TimeUnit.SECONDS);
            assertThat(answer.get(0).get("blob").isBinary()).isTrue();
            assertThat(answer.get(0).get("blob").binaryValue()).containsExactly(4, 5, 6);
            assertThat(answer.get(1).get(0).binaryValue()).containsExactly(7);
        }
    }

    @Test
    void byteBufferAndRecordWithByteArrayFieldAreSentAsBinary() throws Exception {
        try (NodeClient client = connect("websocket")) {
            ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4});
            buffer.position(2);
            serverSocket().emit("typed", buffer, new FilePayload("a.bin", new byte[] {9, 8}),
                    List.of(new FilePayload("b.bin", new byte[] {7})));
            JsonNode args = client.awaitEvent("typed", WAIT);
            assertThat(NodeDriver.bytes(args.get(0))).containsExactly(2, 3, 4); // the remaining bytes only
            assertThat(buffer.position()).isEqualTo(2); // and the buffer is not consumed
            assertThat(args.get(1).get("name").asString()).isEqualTo("a.bin");
            assertThat(NodeDriver.bytes(args.get(1).get("content"))).containsExactly(9, 8);
            assertThat(NodeDriver.bytes(args.get(2).get(0).get("content"))).containsExactly(7);
        }
    }

    @Test
    void websocketCarriesBinaryAsRawFrames() throws Exception {
        try (RawWebSocketClient raw = RawWebSocketClient.open(io.port(), WAIT)) {
            raw.connectMain(WAIT);
            raw.sendText("42[\"send-binary\"]");
            assertThat(raw.nextText(WAIT)).isEqualTo("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(raw.nextBinary(WAIT)).containsExactly(1, 2, 3);

            raw.sendText("452-7[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]"
                    .replace("[{", "[\"upload\",{"));
            raw.sendBinary(new byte[] {4, 5});
            raw.sendBinary(new byte[] {6});
            assertThat(raw.nextText(WAIT)).isEqualTo("462-7[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            assertThat(raw.nextBinary(WAIT)).containsExactly(4, 5);
            assertThat(raw.nextBinary(WAIT)).containsExactly(6);
        }
    }

    @Test
    void pollingCarriesBinaryAsBase64() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + io.port() + "/socket.io/?EIO=4&transport=polling";
        String open = get(http, base);
        assertThat(open).startsWith("0{");
        String sid = open.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        String session = base + "&sid=" + sid;

        post(http, session, "40");
        assertThat(poll(http, session, 1).get(0)).startsWith("40{\"sid\":");
        post(http, session, "42[\"send-binary\"]");
        assertThat(poll(http, session, 2)).containsExactly("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]", "bAQID");

        post(http, session, "451-7[\"upload\",{\"_placeholder\":true,\"num\":0}]\u001ebBAU=");
        // the listener acks (args[1], args[0]); a missing argument is null, as JSON.stringify writes undefined
        assertThat(poll(http, session, 2)).containsExactly("461-7[null,{\"_placeholder\":true,\"num\":0}]", "bBAU=");
        assertThat(uploaded.get(10, TimeUnit.SECONDS).get(0).binaryValue()).containsExactly(4, 5);
        post(http, session, "1"); // close the session
    }

    /** Long-polls until {@code count} Engine.IO packets arrived (a payload may hold several). */
    private static List<String> poll(HttpClient http, String url, int count) throws Exception {
        List<String> packets = new ArrayList<>();
        while (packets.size() < count) {
            packets.addAll(Arrays.asList(get(http, url).split("\u001e")));
        }
        return packets;
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }
}
