package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The Java client {@code io.socket:socket.io-client} 2.1.2 as a second real peer, on each transport. */
@ExtendWith(LeakGuard.class)
class JavaClientTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;
    private final List<io.socket.client.Socket> clients = new ArrayList<>();
    private final BlockingQueue<Socket> sockets = LiveServer.socketQueue();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

    @AfterEach
    void stopAll() {
        clients.forEach(io.socket.client.Socket::close);
    }

    private void startServer() {
        server = e2e.start(io -> {
            io.onConnection(socket -> {
                sockets.add(socket);
                socket.emit("welcome", Map.of("id", socket.id(), "tags", List.of("a", "b")));
                socket.on("note", (args, ack) -> received.add(args));
                socket.on("sum", (args, ack) -> ack.send(args.get(0).asInt() + args.get(1).asInt(), "done"));
                socket.on("bytes", (args, ack) -> {
                    received.add(args);
                    byte[] in = args.get(0).binaryValue();
                    byte[] reversed = new byte[in.length];
                    for (int i = 0; i < in.length; i++) {
                        reversed[i] = in[in.length - 1 - i];
                    }
                    ack.send(reversed);
                });
            });
            io.of("/locked").use((socket, next) -> next.fail("nope", Map.of("code", 7)));
        });
    }

    private io.socket.client.Socket client(String namespace, String transport) {
        IO.Options options = IO.Options.builder()
                .setTransports(new String[] {transport.equals("websocket") ? WebSocket.NAME : Polling.NAME})
                .setForceNew(true)
                .setReconnection(false)
                .build();
        io.socket.client.Socket socket = IO.socket(URI.create(server.url(namespace)), options);
        clients.add(socket);
        return socket;
    }

    /** Registers {@code event} on the client, connects it, and waits for the connection. */
    private static BlockingQueue<Object[]> connectListening(io.socket.client.Socket client, String... events) {
        BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        for (String event : events) {
            client.on(event, args -> queue.add(prepend(event, args)));
        }
        CompletableFuture<Void> connected = new CompletableFuture<>();
        client.once(io.socket.client.Socket.EVENT_CONNECT, args -> connected.complete(null));
        client.once(io.socket.client.Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error " + java.util.Arrays.toString(args))));
        client.connect();
        LiveServer.await(connected, "connect of the Java client");
        return queue;
    }

    private static Object[] prepend(String event, Object[] args) {
        Object[] out = new Object[args.length + 1];
        out[0] = event;
        System.arraycopy(args, 0, out, 1, args.length);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void javaClientConnectsAndExchangesEventsBothWays(String transport) throws Exception {
        startServer();
        io.socket.client.Socket client = client("/", transport);
        BlockingQueue<Object[]> events = connectListening(client, "welcome");
        Socket socket = LiveServer.next(sockets, "connection");
        assertThat(client.id()).isEqualTo(socket.id());

        Object[] welcome = LiveServer.next(events, "welcome");
        JSONObject payload = (JSONObject) welcome[1];
        assertThat(payload.getString("id")).isEqualTo(socket.id());
        assertThat(payload.getJSONArray("tags").toString()).isEqualTo("[\"a\",\"b\"]");

        client.emit("note", "from java", new JSONObject().put("n", 1), 2.5, true);
        assertThat(LiveServer.next(received, "note")).hasToString("[\"from java\",{\"n\":1},2.5,true]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void acknowledgementsWorkBothWays(String transport) throws Exception {
        startServer();
        io.socket.client.Socket client = client("/", transport);
        client.on("question", args -> ((Ack) args[args.length - 1]).call("java answer", args[0]));
        connectListening(client);
        Socket socket = LiveServer.next(sockets, "connection");

        CompletableFuture<Object[]> sum = new CompletableFuture<>();
        client.emit("sum", new Object[] {2, 40}, sum::complete);
        Object[] answer = LiveServer.await(sum, "ack of sum");
        assertThat(answer).containsExactly(42, "done");

        JsonNode reply = LiveServer.await(socket.timeout(WAIT).emitWithAck("question", "why?"), "ack of question");
        assertThat(reply).hasToString("[\"java answer\",\"why?\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void binaryArgumentsTravelBothWays(String transport) throws Exception {
        startServer();
        io.socket.client.Socket client = client("/", transport);
        BlockingQueue<Object[]> events = connectListening(client, "blob");
        Socket socket = LiveServer.next(sockets, "connection");

        CompletableFuture<Object[]> ack = new CompletableFuture<>();
        client.emit("bytes", new Object[] {new byte[] {1, 2, 3, (byte) 0xff}}, ack::complete);
        assertThat(LiveServer.next(received, "bytes").get(0).binaryValue()).containsExactly(1, 2, 3, 0xff);
        assertThat((byte[]) LiveServer.await(ack, "binary ack")[0]).containsExactly(0xff, 3, 2, 1);

        socket.emit("blob", new byte[] {9, 8, 7}, Map.of("name", "file.bin"));
        Object[] blob = LiveServer.next(events, "blob");
        assertThat((byte[]) blob[1]).containsExactly(9, 8, 7);
        assertThat(((JSONObject) blob[2]).getString("name")).isEqualTo("file.bin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void refusingMiddlewareGivesTheJavaClientAConnectError(String transport) throws Exception {
        startServer();
        io.socket.client.Socket client = client("/locked", transport);
        CompletableFuture<Object> error = new CompletableFuture<>();
        client.on(io.socket.client.Socket.EVENT_CONNECT_ERROR, args -> error.complete(args[0]));
        client.connect();
        JSONObject refusal = (JSONObject) LiveServer.await(error, "connect_error");
        assertThat(refusal.getString("message")).isEqualTo("nope");
        assertThat(refusal.getJSONObject("data").getInt("code")).isEqualTo(7);
        assertThat(client.connected()).isFalse();
        assertThat(server.io.of("/locked").sockets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void disconnectsAreSeenWithNodesReasons(String transport) {
        startServer();
        io.socket.client.Socket client = client("/", transport);
        connectListening(client);
        Socket socket = LiveServer.next(sockets, "connection");
        CompletableFuture<DisconnectReason> serverSaw = new CompletableFuture<>();
        socket.onDisconnect((reason, d) -> serverSaw.complete(reason));
        client.disconnect();
        assertThat(LiveServer.await(serverSaw, "server-side disconnect")).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);

        io.socket.client.Socket second = client("/", transport);
        connectListening(second);
        CompletableFuture<Object> clientSaw = new CompletableFuture<>();
        second.on(io.socket.client.Socket.EVENT_DISCONNECT, args -> clientSaw.complete(args[0]));
        LiveServer.next(sockets, "second connection").disconnect();
        assertThat(LiveServer.await(clientSaw, "client-side disconnect")).isEqualTo("io server disconnect");
    }

    /**
     * A client that emits far faster than its handler runs: the server stops reading its websocket
     * (inbound back-pressure) and resumes as the handler catches up. Nothing may be lost or reordered,
     * and the connection must stay usable.
     */
    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void aFloodOfEventsIntoASlowHandlerIsHandledCompletelyAndInOrder(String transport) throws Exception {
        BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.on("n", (args, ack) -> {
                try {
                    Thread.sleep(0, 300_000); // slower than the client sends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(args.get(0).asInt());
            });
            socket.on("sum", (args, ack) -> ack.send(args.get(0).asInt() + args.get(1).asInt()));
        }));
        io.socket.client.Socket client = client("/", transport);
        connectListening(client);
        int count = 3_000;
        // a polling client sends what it buffered in one POST, which must stay under maxHttpBufferSize (1 MB)
        String padding = "x".repeat(transport.equals("websocket") ? 512 : 16);
        for (int i = 0; i < count; i++) {
            client.emit("n", i, padding);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(LiveServer.next(seen, "event " + i));
        }
        assertThat(order).isEqualTo(java.util.stream.IntStream.range(0, count).boxed().toList());
        CompletableFuture<Object[]> sum = new CompletableFuture<>();
        client.emit("sum", new Object[] {1, 2}, sum::complete);
        assertThat(LiveServer.await(sum, "ack after the flood")).containsExactly(3);
        assertThat(client.connected()).isTrue();
    }
}
