package dev.socketeer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.ServerOptions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientTest {
    /** Long enough for a test to send CONNECT right after connecting, even on a loaded machine. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long to wait for something that must happen. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** Handler-executor tasks submitted and not yet returned (a serial executor's drain is one task). */
    private final AtomicInteger handlerTasksPending = new AtomicInteger();
    private final ServerRuntime runtime = new ServerRuntime(
            ServerOptions.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(),
            task -> {
                handlerTasksPending.incrementAndGet();
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        handlerTasksPending.decrementAndGet();
                    }
                });
            });
    private final FakeEngineSocket conn = new FakeEngineSocket();

    @AfterEach
    void close() {
        runtime.close();
        pool.shutdownNow();
    }

    private void connect() {
        runtime.of("/");
        runtime.onEngineConnection(conn);
    }

    @Test
    void answersConnectWithAFreshSocketIdDistinctFromTheSession() throws Exception {
        connect();
        conn.receive("0");
        String reply = conn.next();
        assertThat(reply).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
        assertThat(reply).doesNotContain(conn.id());
    }

    @Test
    void unknownNamespaceGetsInvalidNamespace() throws Exception {
        connect();
        conn.receive("0/nope,");
        assertThat(conn.next()).isEqualTo("4/nope,{\"message\":\"Invalid namespace\"}");
        assertThat(conn.open).isTrue();
    }

    @Test
    void closesAClientThatJoinsNoNamespaceInTime() {
        connect();
        await().atMost(WAIT).until(() -> !conn.open);
    }

    @Test
    void staysOpenAfterJoiningANamespace() throws Exception {
        connect();
        conn.receive("0");
        assertThat(conn.next()).startsWith("0{");
        // a connection opened after it is closed by its timer: by then this one's would have fired too
        FakeEngineSocket later = new FakeEngineSocket();
        runtime.onEngineConnection(later);
        await().atMost(WAIT).until(() -> !later.open);
        assertThat(conn.open).isTrue();
    }

    @Test
    void invalidPacketClosesTheConnection() throws Exception {
        CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
        Namespace root = runtime.of("/");
        root.onConnection(socket -> socket.onDisconnect((r, d) -> reason.complete(r)));
        runtime.onEngineConnection(conn);
        conn.receive("0");
        conn.next();
        conn.receive("2[\"unterminated");
        assertThat(reason.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(DisconnectReason.FORCED_CLOSE);
        assertThat(conn.open).isFalse();
    }

    @Test
    void eventWithAckIsAnsweredAndClientDisconnectIsReported() throws Exception {
        CompletableFuture<DisconnectReason> reason = new CompletableFuture<>();
        runtime.of("/").onConnection(socket -> {
            socket.on("sum", (args, ack) -> ack.send(args.get(0).asInt() + args.get(1).asInt()));
            socket.onDisconnect((r, d) -> reason.complete(r));
        });
        runtime.onEngineConnection(conn);
        conn.receive("0");
        conn.next();
        conn.receive("21[\"sum\",1,2]");
        assertThat(conn.next()).isEqualTo("31[3]");
        conn.receive("1");
        assertThat(reason.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
    }

    @Test
    void aSecondConnectToTheSameNamespaceClosesTheConnection() throws Exception {
        connect();
        conn.receive("0");
        conn.next();
        conn.receive("0");
        await().atMost(WAIT).until(() -> !conn.open);
    }

    /** Packets read in one round of the event loop go to the handlers together, in order, before a close read after them. */
    @Test
    void packetsOfOneReadRoundAreHandledInOrderBeforeACloseInTheSameRound() throws Exception {
        java.util.List<Integer> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        CompletableFuture<Integer> seenAtDisconnect = new CompletableFuture<>();
        runtime.of("/").onConnection(socket -> {
            socket.on("n", (args, ack) -> seen.add(args.get(0).asInt()));
            socket.onDisconnect((r, d) -> seenAtDisconnect.complete(seen.size()));
        });
        runtime.onEngineConnection(conn);
        conn.receive("0");
        conn.next();
        conn.inOneRound(() -> {
            for (int i = 0; i < 50; i++) {
                conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"n\"," + i + "]"));
            }
            conn.listener.onClose(conn, dev.socketeer.engine.CloseReason.TRANSPORT_CLOSE, null);
        });
        assertThat(seenAtDisconnect.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(50);
        assertThat(seen).isEqualTo(java.util.stream.IntStream.range(0, 50).boxed().toList());
    }

    @Test
    void stopsReadingAClientWhoseHandlersFallBehindAndResumesOnceTheyCatchUp() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        Namespace root = runtime.of("/");
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        root.onConnection(socket -> {
            socket.on("work", (args, ack) -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.incrementAndGet();
            });
            listening.countDown();
        });
        runtime.onEngineConnection(conn);
        conn.receive("0");
        conn.next();
        // the CONNECT answer is sent before the connection listeners run (in the same serial task);
        // start the burst only once the handler is registered, so that nothing else is still running
        assertThat(listening.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        int burst = runtime.maxQueuedPackets() + 50;
        // one round of reads holding more packets than the bound: reading stops inside the round
        conn.inOneRound(() -> {
            for (int i = 0; i < burst; i++) {
                conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
            }
        });
        await().atMost(WAIT).until(() -> !conn.readingCalls.isEmpty());
        assertThat(conn.readingCalls).as("paused once, not resumed while every handler is blocked (handled: %s)", handled)
                .containsExactly(false);
        assertThat(handled.get()).isZero();

        release.countDown();
        await().atMost(WAIT).until(() -> handled.get() == burst);
        await().atMost(WAIT).until(() -> conn.reading);
        assertThat(conn.readingCalls).containsExactly(false, true);
        assertThat(conn.open).isTrue();
    }

    @Test
    void pausesReadingAtItsOwnServersBound() throws Exception {
        ServerRuntime small = new ServerRuntime(ServerOptions.newBuilder().maxQueuedPackets(4).build(), pool);
        try {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
            small.of("/").onConnection(socket -> {
                socket.on("work", (args, ack) -> awaitLatch(release));
                listening.countDown();
            });
            small.onEngineConnection(conn);
            conn.receive("0");
            conn.next();
            assertThat(listening.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // five packets pass a bound of four, far below the default of 256
            conn.inOneRound(() -> {
                for (int i = 0; i < 5; i++) {
                    conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !conn.readingCalls.isEmpty());
            assertThat(conn.readingCalls).containsExactly(false);
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> conn.reading);
        } finally {
            small.close();
        }
    }

    /** Regression: a handler of an earlier round finishing on its thread while a round pauses did resume reading. */
    @Test
    void aHandlerFinishingWhileARoundPausesDoesNotResumeReading() throws Exception {
        java.util.concurrent.CountDownLatch quickMayFinish = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch quickRunning = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch workStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        runtime.of("/").onConnection(socket -> {
            socket.on("quick", (args, ack) -> {
                quickRunning.countDown();
                awaitLatch(quickMayFinish);
            });
            socket.on("work", (args, ack) -> {
                workStarted.countDown();
                awaitLatch(release);
            });
            listening.countDown();
        });
        runtime.onEngineConnection(conn);
        conn.receive("0");
        conn.next();
        assertThat(listening.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        conn.inOneRound(() -> conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"quick\"]")));
        assertThat(quickRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        conn.inOneRound(() -> {
            for (int i = 0; i < runtime.maxQueuedPackets() + 50; i++) {
                conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
            }
            // reading has paused inside this round; the earlier handler now finishes on its own thread,
            // and reading must stay paused: this round's packets are still waiting (they go to the handlers
            // after the round). The round lasts until no handler task is left: the earlier handler's task,
            // bookkeeping included, is over.
            quickMayFinish.countDown();
            await().atMost(WAIT).until(() -> handlerTasksPending.get() == 0);
        });
        assertThat(workStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(conn.readingCalls).as("paused once, not resumed with the round's packets still waiting").containsExactly(false);

        release.countDown();
        await().atMost(WAIT).until(() -> conn.reading);
        assertThat(conn.readingCalls).containsExactly(false, true);
    }

    private static void awaitLatch(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClientWithinTheBoundIsNeverPaused() throws Exception {
        java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        Namespace root = runtime.of("/");
        java.util.concurrent.CountDownLatch listening = new java.util.concurrent.CountDownLatch(1);
        root.onConnection(socket -> {
            socket.on("work", (args, ack) -> handled.incrementAndGet());
            listening.countDown();
        });
        runtime.onEngineConnection(conn);
        conn.receive("0");
        conn.next();
        assertThat(listening.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        for (int round = 0; round < 20; round++) {
            conn.inOneRound(() -> {
                for (int i = 0; i < runtime.maxQueuedPackets() / 4; i++) {
                    conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
                }
            });
            int expected = (round + 1) * (runtime.maxQueuedPackets() / 4);
            await().atMost(WAIT).until(() -> handled.get() == expected);
        }
        assertThat(conn.readingCalls).isEmpty();
    }
}
