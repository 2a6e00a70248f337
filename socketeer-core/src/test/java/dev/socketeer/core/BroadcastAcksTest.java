package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Broadcasts with acknowledgements, Node's {@code io.timeout(ms).emitWithAck(...)}: one response (the
 * first ack argument) per recipient, or "operation has timed out" with the responses collected so far.
 */
@ExtendWith(LeakGuard.class)
class BroadcastAcksTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SocketIoServer io;
    private final Map<String, Socket> byId = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void startServer() {
        io = e2e.start(SocketIoServer.builder(), server -> {
            server.onConnection(socket -> {
                byId.put(socket.id(), socket);
                socket.on("join", (args, ack) -> {
                    socket.join(args.get(0).asString());
                    ack.send();
                });
            });
        }).io;
    }

    /** A websocket client, connected, in {@code room} when not null, answering "poll" with {@code answer}. */
    private NodeClient client(String room, String answer) {
        NodeClient client = e2e.connect("http://127.0.0.1:" + io.port() + "/", Map.of("transports", List.of("websocket"), "forceNew", true));
        if (room != null) {
            client.emitWithAck("join", WAIT, room);
        }
        if (answer != null) {
            client.ackReply("poll", answer, "second argument is dropped");
        }
        return client;
    }

    private static AckTimeoutException timeoutOf(CompletableFuture<?> future) {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AckTimeoutException.class).hasMessage("operation has timed out");
            return (AckTimeoutException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("broadcast ack did not fail in time", e);
        }
        throw new AssertionError("broadcast ack succeeded, expected a timeout");
    }

    @Test
    void collectsTheFirstAckArgumentOfEveryClientInTheRoom() throws Exception {
        try (NodeClient a = client("r", "a"); NodeClient b = client("r", "b"); NodeClient c = client("r", "c");
             NodeClient outsider = client(null, "outsider")) {
            List<JsonNode> responses = io.to("r").timeout(WAIT).emitWithAck("poll", 1).get(10, TimeUnit.SECONDS);
            assertThat(responses).extracting(JsonNode::asString).containsExactlyInAnyOrder("a", "b", "c");
            for (NodeClient member : List.of(a, b, c)) {
                assertThat(member.awaitEventDetails("poll", WAIT).path("args")).hasToString("[1]");
            }
            // the outsider was not asked: the next event it gets is the marker
            io.emit("marker");
            outsider.awaitEvent("marker", WAIT);
            assertThat(outsider.received("poll")).isEmpty();
        }
    }

    @Test
    void timeoutFailsWithTheResponsesCollectedSoFar() throws Exception {
        // a and b must answer within it: a round trip to node, which a loaded machine may stretch to seconds
        Duration timeout = Duration.ofSeconds(3);
        try (NodeClient a = client("r", "a"); NodeClient b = client("r", "b"); NodeClient silent = client("r", null)) {
            AckTimeoutException error = timeoutOf(io.to("r").timeout(timeout).emitWithAck("poll"));
            assertThat(error.responses()).extracting(JsonNode::asString).containsExactlyInAnyOrder("a", "b");
            silent.awaitEvent("poll", WAIT); // it was asked, it just never answered

            CompletableFuture<List<JsonNode>> viaCallback = new CompletableFuture<>();
            io.to("r").timeout(timeout).emit("poll", List.of(), (failure, responses) -> {
                assertThat(failure).isInstanceOf(AckTimeoutException.class);
                assertThat(((AckTimeoutException) failure).responses()).isEqualTo(responses);
                viaCallback.complete(responses);
            });
            assertThat(viaCallback.get(10, TimeUnit.SECONDS)).extracting(JsonNode::asString)
                    .containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void broadcastWithoutRecipientsCompletesWithNoResponses() throws Exception {
        try (NodeClient a = client("r", "a")) {
            assertThat(io.to("empty-room").timeout(WAIT).emitWithAck("poll").get(10, TimeUnit.SECONDS)).isEmpty();
            // as in Node, completeness is checked before the (practically zero) default timer fires
            assertThat(io.to("empty-room").emitWithAck("poll").get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(io.except("r").timeout(WAIT).emitWithAck("poll").get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    /**
     * Node arms the timer with {@code setTimeout(fn, this.flags.timeout)}, so without {@code timeout()}
     * it fires after about 1 ms: a broadcast with recipients fails with "operation has timed out"
     * instead of waiting for the clients.
     */
    @Test
    void withoutTimeoutTheBroadcastDoesNotWaitForClients() {
        try (NodeClient silent = client("r", null)) {
            AckTimeoutException error = timeoutOf(io.to("r").emitWithAck("poll"));
            assertThat(error.responses()).isEmpty();
            silent.awaitEvent("poll", WAIT);
        }
    }

    @Test
    void socketBroadcastWithAckSkipsTheSender() throws Exception {
        try (NodeClient sender = client("r", "sender"); NodeClient other = client("r", "other")) {
            String senderId = sender.state().id();
            Socket socket = byId.get(senderId);
            List<JsonNode> responses = socket.to("r").timeout(WAIT).emitWithAck("poll").get(10, TimeUnit.SECONDS);
            assertThat(responses).extracting(JsonNode::asString).containsExactly("other");
            List<JsonNode> everyoneElse = socket.broadcast().timeout(WAIT).emitWithAck("poll").get(10, TimeUnit.SECONDS);
            assertThat(everyoneElse).extracting(JsonNode::asString).containsExactly("other");
            io.emit("marker");
            sender.awaitEvent("marker", WAIT);
            assertThat(sender.received("poll")).isEmpty();
        }
    }

    @Test
    void lateAnswersAfterATimeoutAreDroppedAndTheNextBroadcastStillWorks() throws Exception {
        try (NodeClient a = client("r", null)) {
            timeoutOf(io.to("r").timeout(Duration.ofMillis(300)).emitWithAck("poll"));
            a.ackReply("poll", "now");
            List<JsonNode> responses = io.to("r").timeout(WAIT).emitWithAck("poll").get(10, TimeUnit.SECONDS);
            assertThat(responses).extracting(JsonNode::asString).containsExactly("now");
        }
    }
}
