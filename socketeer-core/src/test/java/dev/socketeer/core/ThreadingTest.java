package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The threading model (package docs): handlers off the IO threads, serial per connection, parallel across. */
@ExtendWith(LeakGuard.class)
class ThreadingTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Heartbeat PINGs the blocked socket must receive while its handler blocks. */
    private static final int PINGS_DURING_BLOCK = 8;
    /** The longest the handler may block before the test gives up on the heartbeat. */
    private static final Duration BLOCK_LIMIT = Duration.ofSeconds(60);

    private SocketIoServer io;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final List<String> disconnects = Collections.synchronizedList(new ArrayList<>());

    private void start(SocketIoServer.Builder builder, java.util.function.Consumer<Socket> setup) {
        io = e2e.start(builder, server -> server.onConnection(socket -> {
            socket.onDisconnect((reason, description) -> disconnects.add(socket.id() + " " + reason));
            setup.accept(socket);
            sockets.put(socket.id(), socket);
        })).io;
    }

    private NodeClient connect() {
        NodeClient client = e2e.driver().connect("http://127.0.0.1:" + io.port() + "/",
                Map.of("transports", List.of("websocket"), "forceNew", true, "reconnection", false));
        client.awaitConnect(WAIT);
        return client;
    }

    /**
     * A handler blocks until its own client has received {@link #PINGS_DURING_BLOCK} heartbeat PINGs, counted by
     * the client: at least 8 intervals of 0.5 s, longer than the 3 s (pingInterval + pingTimeout) after which the
     * client gives up on a silent server, however slow the machine. Were the heartbeat on the blocked thread, no
     * PING would come and the client would disconnect; were other sockets queued behind it, no echo would return.
     */
    @Test
    void handlerBlockingLongerThanAHeartbeatCycleDelaysNeitherOtherSocketsNorAnyHeartbeat() throws Exception {
        AtomicBoolean blocking = new AtomicBoolean();
        CountDownLatch blockStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger echoesDuringBlock = new AtomicInteger();
        start(SocketIoServer.builder().pingInterval(Duration.ofMillis(500)).pingTimeout(Duration.ofMillis(2500)), socket -> {
            socket.on("block", (args, ack) -> {
                blocking.set(true);
                blockStarted.countDown();
                boolean released = release.await(BLOCK_LIMIT.toSeconds(), TimeUnit.SECONDS); // the scenario: a handler that blocks
                blocking.set(false);
                ack.send(released ? "unblocked" : "never released");
            });
            socket.on("echo", (args, ack) -> {
                if (blocking.get()) {
                    echoesDuringBlock.incrementAndGet();
                }
                ack.send(args.get(0));
            });
        });
        try (NodeClient slow = connect(); NodeClient other = connect()) {
            CompletableFuture<JsonNode> blocked =
                    CompletableFuture.supplyAsync(() -> slow.emitWithAck("block", BLOCK_LIMIT.plus(WAIT)));
            try {
                assertThat(blockStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                int slowPingsAtBlock = slow.state().pings();
                int otherPingsAtBlock = other.state().pings();
                long deadline = System.nanoTime() + BLOCK_LIMIT.minus(WAIT).toNanos();
                int echoes = 0;
                for (NodeClient.State state; (state = slow.state()).pings() < slowPingsAtBlock + PINGS_DURING_BLOCK; ) {
                    assertThat(state.connected()).as("blocked socket still connected: %s", state).isTrue();
                    assertThat(System.nanoTime() - deadline).as("blocked socket's PINGs keep coming: %s", state)
                            .isNegative();
                    assertThat(other.emitWithAck("echo", WAIT, echoes)).hasToString("[" + echoes + "]");
                    echoes++;
                }
                assertThat(blocked).as("still blocked after %d PINGs", PINGS_DURING_BLOCK).isNotDone();
                assertThat(echoesDuringBlock.get()).isPositive();
                assertThat(other.state().pings()).isGreaterThan(otherPingsAtBlock);
            } finally {
                release.countDown();
            }
            assertThat(blocked.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasToString("[\"unblocked\"]");
            // both sessions are still the ones from before the block
            assertThat(other.emitWithAck("echo", WAIT, "after")).hasToString("[\"after\"]");
            assertThat(slow.emitWithAck("echo", WAIT, "after")).hasToString("[\"after\"]");
            assertThat(slow.state().connected()).isTrue();
            assertThat(other.state().connected()).isTrue();
            assertThat(slow.recentNotifications()).noneMatch(n -> n.path("event").asString().equals("disconnect"));
            assertThat(disconnects).isEmpty();
        }
    }

    @Test
    void eventsOfOneSocketAreHandledStrictlyInOrder() {
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        start(SocketIoServer.builder(), socket -> {
            socket.on("n", (args, ack) -> {
                int n = args.get(0).asInt();
                if (n % 7 == 0) {
                    Thread.yield(); // give a racing handler a chance to overtake, if one could
                }
                handled.add(n);
            });
            socket.on("done", (args, ack) -> ack.send(handled.size()));
        });
        try (NodeClient client = connect()) {
            for (int n = 0; n < 200; n++) {
                client.emit("n", n);
            }
            assertThat(client.emitWithAck("done", WAIT)).hasToString("[200]");
            assertThat(handled).containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
        }
    }

    @Test
    void emitsFromManyServerThreadsAllReachTheClientInPerThreadOrder() throws Exception {
        start(SocketIoServer.builder(), socket -> { });
        int threads = 8;
        int perThread = 50;
        try (NodeClient client = connect()) {
            // the client sees CONNECT before the server's connection listener (which records the socket)
            // has necessarily run, as in Node: CONNECT is written first
            Socket socket = org.awaitility.Awaitility.await().atMost(WAIT)
                    .until(() -> sockets.get(client.state().id()), java.util.Objects::nonNull);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Void>> senders = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    senders.add(CompletableFuture.runAsync(() -> {
                        awaitQuietly(go);
                        for (int i = 0; i < perThread; i++) {
                            if (i % 2 == 0) {
                                socket.emit("msg", thread, i);
                            } else {
                                io.to(socket.id()).emit("msg", thread, i);
                            }
                        }
                    }, pool));
                }
                go.countDown();
                CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } finally {
                pool.shutdown();
            }
            List<? extends JsonNode> received = client.awaitEvents("msg", threads * perThread, WAIT);
            Map<Integer, List<Integer>> byThread = new HashMap<>();
            for (JsonNode args : received) {
                byThread.computeIfAbsent(args.get(0).asInt(), k -> new ArrayList<>()).add(args.get(1).asInt());
            }
            assertThat(byThread).hasSize(threads);
            List<Integer> expected = IntStream.range(0, perThread).boxed().toList();
            byThread.values().forEach(sequence -> assertThat(sequence).containsExactlyElementsOf(expected));
            io.emit("marker");
            client.awaitEvent("marker", WAIT);
            assertThat(client.received("msg")).hasSize(threads * perThread);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
