package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.AckTimeoutError;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-socket event rate limit with the real Node {@code socket.io-client}: each action over the limit, and
 * the server's limit replaced per namespace. The limits refill one token per 100 s, so a slow machine cannot
 * earn a client a token during a test.
 */
@ExtendWith(LeakGuard.class)
class RateLimitTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final double SLOW = 0.01;

    private final AtomicInteger handled = new AtomicInteger();
    private final Queue<String> limited = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();

    private final ServerListener listener = new ServerListener() {
        @Override
        public void onEventRateLimited(Socket socket, String event, RateLimitAction action) {
            limited.add(socket.namespace().name() + " " + event + " " + action);
        }
    };

    private LiveServer start(SocketIoServer.Builder builder, java.util.function.Consumer<SocketIoServer> setup) {
        return e2e.start(builder.listener(listener), io -> {
            setup.accept(io);
            io.onConnection(this::countTicks);
        });
    }

    private void countTicks(Socket socket) {
        socket.on("tick", (args, ack) -> {
            handled.incrementAndGet();
            ack.send("ok");
        });
        socket.onDisconnect((reason, description) -> disconnects.add(reason.wireName() + ": " + description));
    }

    private NodeClient connect(LiveServer server, String namespace) {
        return e2e.connect(server.url(namespace), LiveServer.websocket("reconnection", false));
    }

    @Test
    void dropActionDropsEventsOverTheBurstAndReportsEach() {
        LiveServer server = start(SocketIoServer.builder().rateLimit(RateLimit.of(SLOW, 3, RateLimitAction.DROP)), io -> { });
        try (NodeClient client = connect(server, "/")) {
            for (int i = 0; i < 10; i++) {
                client.emit("tick", i);
            }
            await().atMost(WAIT).until(() -> handled.get() + limited.size() == 10);
            assertThat(handled).hasValue(3);
            assertThat(limited).hasSize(7).allMatch(l -> l.equals("/ tick DROP"));
            assertThat(client.state().connected()).isTrue();
            // an event with an ack over the limit gets no answer at all
            assertThatThrownBy(() -> client.emitWithAck("tick", java.time.Duration.ofMillis(500)))
                    .isInstanceOf(AckTimeoutError.class);
        }
    }

    @Test
    void errorAckActionAnswersTheAckWithAnErrorAndDropsEventsWithoutOne() {
        LiveServer server = start(SocketIoServer.builder().rateLimit(RateLimit.of(SLOW, 2, RateLimitAction.ERROR_ACK)), io -> { });
        try (NodeClient client = connect(server, "/")) {
            assertThat(client.emitWithAck("tick", WAIT)).hasToString("[\"ok\"]");
            assertThat(client.emitWithAck("tick", WAIT)).hasToString("[\"ok\"]");
            assertThat(client.emitWithAck("tick", WAIT)).hasToString("[{\"status\":\"error\",\"message\":\"rate limit exceeded\"}]");
            client.emit("tick");
            await().atMost(WAIT).until(() -> limited.size() == 2);
            assertThat(handled).hasValue(2);
            assertThat(limited).containsOnly("/ tick ERROR_ACK");
            assertThat(client.state().connected()).isTrue();
        }
    }

    @Test
    void disconnectActionDisconnectsTheSocketFromItsNamespace() throws Exception {
        LiveServer server = start(SocketIoServer.builder().rateLimit(RateLimit.of(SLOW, 2, RateLimitAction.DISCONNECT)), io -> { });
        try (NodeClient client = connect(server, "/")) {
            for (int i = 0; i < 5; i++) {
                client.emit("tick", i);
            }
            assertThat(client.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertThat(disconnects.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isEqualTo("server namespace disconnect: rate limit exceeded");
            assertThat(handled).hasValue(2);
            assertThat(limited).containsExactly("/ tick DISCONNECT"); // what followed was not read as the socket's
            assertThat(server.io.localSockets()).isEmpty();
        }
    }

    @Test
    void aNamespaceReplacesTheServersLimitAndADynamicNamespacePassesItsOwnToChildren() {
        LiveServer server = start(SocketIoServer.builder().rateLimit(RateLimit.of(SLOW, 1, RateLimitAction.DROP)), io -> {
            io.of("/free").rateLimit(RateLimit.NONE).onConnection(this::countTicks);
            io.of("/strict").rateLimit(RateLimit.of(SLOW, 2, RateLimitAction.ERROR_ACK)).onConnection(this::countTicks);
            io.of(java.util.regex.Pattern.compile("^/room-\\d+$"))
                    .rateLimit(RateLimit.of(SLOW, 3, RateLimitAction.ERROR_ACK)).onConnection(this::countTicks);
        });
        assertThat(server.io.of("/").rateLimit()).isEqualTo(RateLimit.of(SLOW, 1, RateLimitAction.DROP));
        try (NodeClient main = connect(server, "/");
             NodeClient free = connect(server, "/free");
             NodeClient strict = connect(server, "/strict");
             NodeClient room = connect(server, "/room-7")) {
            for (int i = 0; i < 20; i++) {
                assertThat(free.emitWithAck("tick", WAIT)).hasToString("[\"ok\"]");
            }
            assertThat(answers(strict, 3)).containsExactly("ok", "ok", "error");
            assertThat(answers(room, 4)).containsExactly("ok", "ok", "ok", "error");
            main.emit("tick");
            main.emit("tick");
            await().atMost(WAIT).until(() -> limited.size() == 3);
            assertThat(limited).containsExactlyInAnyOrder("/strict tick ERROR_ACK", "/room-7 tick ERROR_ACK", "/ tick DROP");
            assertThat(handled).hasValue(20 + 2 + 3 + 1);
        }
    }

    /** Emits {@code n} ticks with acks; "ok" or "error" for each answer. */
    private static List<String> answers(NodeClient client, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> client.emitWithAck("tick", WAIT).get(0))
                .map(a -> a.isString() ? a.asString() : a.path("status").asString())
                .toList();
    }
}
