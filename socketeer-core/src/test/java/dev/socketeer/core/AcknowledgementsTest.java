package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.testkit.AckTimeoutError;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Acknowledgements in both directions with the real Node {@code socket.io-client} 4.8. */
@ExtendWith(LeakGuard.class)
class AcknowledgementsTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SocketIoServer io;
    private final CompletableFuture<Socket> connected = new CompletableFuture<>();

    private void start(Consumer<Socket> onConnection) {
        io = e2e.start(SocketIoServer.builder(), server -> {
            server.onConnection(socket -> {
                onConnection.accept(socket);
                connected.complete(socket);
            });
        }).io;
    }

    private NodeClient connect(String transport) {
        return e2e.connect("http://127.0.0.1:" + io.port() + "/", Map.of("transports", List.of(transport), "forceNew", true));
    }

    private Socket serverSocket() throws Exception {
        return connected.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void listenerAnswersClientAckWithSeveralArguments(String transport) {
        start(socket -> socket.on("sum", (args, ack) ->
                ack.send(args.get(0).asInt() + args.get(1).asInt(), "ok", Map.of("n", 2), null, List.of(1, "two"))));
        try (NodeClient client = connect(transport)) {
            JsonNode answer = client.emitWithAck("sum", WAIT, 1, 2);
            assertThat(answer).hasToString("[3,\"ok\",{\"n\":2},null,[1,\"two\"]]");
        }
    }

    @Test
    void ackCanBeSentLaterFromAnotherThreadAndOnlyOnce() {
        start(socket -> socket.on("slow", (args, ack) -> CompletableFuture.runAsync(() -> {
            ack.send("first");
            ack.send("second");
        })));
        try (NodeClient client = connect("websocket")) {
            assertThat(client.emitWithAck("slow", WAIT)).hasToString("[\"first\"]");
            // the duplicate never reaches the client as a second answer: the next ack still matches its own event
            assertThat(client.emitWithAck("slow", WAIT)).hasToString("[\"first\"]");
        }
    }

    @Test
    void eventWithoutAckGivesListenerAckNone() throws Exception {
        CompletableFuture<Boolean> requested = new CompletableFuture<>();
        start(socket -> socket.on("fire", (args, ack) -> {
            requested.complete(ack.requested());
            ack.send("answer");
        }));
        try (NodeClient client = connect("websocket")) {
            client.emit("fire", 1);
            assertThat(requested.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
            // the same listener answers when the client does ask
            assertThat(client.emitWithAck("fire", WAIT)).hasToString("[\"answer\"]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void serverEmitWithAckCompletesWithTheClientsArguments(String transport) throws Exception {
        start(socket -> { });
        try (NodeClient client = connect(transport)) {
            client.ackReply("question", "yes", 42, Map.of("k", List.of(true)));
            JsonNode answer = serverSocket().timeout(WAIT).emitWithAck("question", "?").get(10, TimeUnit.SECONDS);
            assertThat(answer).hasToString("[\"yes\",42,{\"k\":[true]}]");
            JsonNode withoutTimeout = serverSocket().emitWithAck("question").get(10, TimeUnit.SECONDS);
            assertThat(withoutTimeout).hasToString("[\"yes\",42,{\"k\":[true]}]");
            JsonNode args = client.awaitEventDetails("question", WAIT);
            assertThat(args.path("hasAck").asBoolean()).isTrue();
            assertThat(args.path("args")).hasToString("[\"?\"]");
        }
    }

    @Test
    void callbackFormIsCalledOnceWithTheClientsArguments() throws Exception {
        start(socket -> { });
        try (NodeClient client = connect("websocket")) {
            client.ackEcho("echo");
            List<String> calls = new ArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            serverSocket().timeout(WAIT).emit("echo", List.of("a", 1), (error, args) -> {
                synchronized (calls) {
                    calls.add(error + " " + args);
                }
                done.complete(null);
            });
            done.get(10, TimeUnit.SECONDS);
            // a later round trip orders the check: no second call can still be on its way
            serverSocket().timeout(WAIT).emitWithAck("echo").get(10, TimeUnit.SECONDS);
            synchronized (calls) {
                assertThat(calls).containsExactly("null [\"a\",1]");
            }
        }
    }

    @Test
    void timeoutExpiresWhenTheClientNeverAnswers() throws Exception {
        start(socket -> { });
        try (NodeClient client = connect("websocket")) {
            client.ackNone("silence");
            CompletableFuture<JsonNode> future = serverSocket().timeout(Duration.ofMillis(300)).emitWithAck("silence");
            assertThat(future).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isInstanceOf(AckTimeoutException.class).withMessage("operation has timed out");

            CompletableFuture<Object[]> callback = new CompletableFuture<>();
            serverSocket().timeout(Duration.ofMillis(300)).emit("silence", List.of(),
                    (error, args) -> callback.complete(new Object[] {error, args}));
            Object[] result = callback.get(10, TimeUnit.SECONDS);
            assertThat((Throwable) result[0]).isInstanceOf(AckTimeoutException.class)
                    .hasMessage(AckTimeoutException.MESSAGE);
            assertThat(((AckTimeoutException) result[0]).responses()).isEmpty();
            assertThat(result[1]).isNull();
            assertThat(client.awaitEvents("silence", 2, WAIT)).allSatisfy(args -> assertThat(args).isEmpty());
        }
    }

    @Test
    void clientSideTimeoutFiresWhenTheServerNeverAcksAndALateAckIsIgnored() throws Exception {
        CompletableFuture<Ack> held = new CompletableFuture<>();
        start(socket -> {
            socket.on("hold", (args, ack) -> held.complete(ack));
            socket.on("echo", (args, ack) -> ack.send(args.get(0)));
        });
        try (NodeClient client = connect("websocket")) {
            assertThatThrownBy(() -> client.emitWithAck("hold", Duration.ofMillis(500)))
                    .isInstanceOf(AckTimeoutError.class);
            held.get(10, TimeUnit.SECONDS).send("too late");
            assertThat(client.emitWithAck("echo", WAIT, "still fine")).hasToString("[\"still fine\"]");
            assertThat(client.state().connected()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void pendingAcksFailWhenTheSocketDisconnects(String transport) throws Exception {
        CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
        CompletableFuture<Ack> held = new CompletableFuture<>();
        start(socket -> {
            socket.onDisconnect((r, description) -> reason.complete(r));
            socket.on("hold", (args, ack) -> held.complete(ack));
        });
        try (NodeClient client = connect(transport)) {
            client.ackNone("pending");
            CompletableFuture<JsonNode> withoutTimeout = serverSocket().emitWithAck("pending");
            CompletableFuture<JsonNode> withTimeout = serverSocket().timeout(Duration.ofMinutes(5)).emitWithAck("pending");
            client.awaitEvents("pending", 2, WAIT);
            client.emit("hold");
            Ack ack = held.get(10, TimeUnit.SECONDS);

            client.disconnect();
            assertThat(reason.get(10, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            // Socketeer fails pending acks (Node leaves them pending forever; see README)
            for (CompletableFuture<JsonNode> future : Arrays.asList(withoutTimeout, withTimeout)) {
                assertThat(future).failsWithin(WAIT).withThrowableThat().havingCause()
                        .isInstanceOf(IllegalStateException.class).withMessage("socket has been disconnected");
            }
            ack.send("after disconnect"); // dropped silently
            assertThat(serverSocket().connected()).isFalse();
        }
    }

    @Test
    void emitWithAckBeyondMaxPendingAcksFailsAtOnceAndIsNotSent() throws Exception {
        io = e2e.start(SocketIoServer.builder().maxPendingAcks(2), server -> server.onConnection(connected::complete)).io;
        try (NodeClient client = connect("websocket"); NodeClient other = connect("websocket")) {
            client.ackNone("pending");
            other.ackReply("pending", "answer");
            Socket socket = serverSocket();
            CompletableFuture<JsonNode> first = socket.emitWithAck("pending", 1);
            CompletableFuture<JsonNode> second = socket.timeout(Duration.ofMinutes(5)).emitWithAck("pending", 2);
            CompletableFuture<JsonNode> third = socket.emitWithAck("pending", 3);
            assertThat(third).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isInstanceOf(IllegalStateException.class).withMessageStartingWith("too many pending acknowledgements");
            // a broadcast with acks skips the socket at the bound instead of waiting for it
            List<JsonNode> responses = io.timeout(WAIT).emitWithAck("pending", 4).get(10, TimeUnit.SECONDS);
            assertThat(responses).hasToString("[\"answer\"]");
            assertThat(client.awaitEvents("pending", 2, WAIT)).extracting(Object::toString).containsExactly("[1]", "[2]");
            client.assertNoEvent("marker", Duration.ofMillis(200)); // let a third, wrongly sent, arrive
            assertThat(client.received("pending")).hasSize(2);
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
        }
    }
}
