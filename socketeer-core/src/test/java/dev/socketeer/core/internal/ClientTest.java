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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientTest {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ServerRuntime runtime = new ServerRuntime(
            ServerOptions.newBuilder().connectTimeout(Duration.ofMillis(300)).build(), pool);
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
        await().atMost(Duration.ofSeconds(3)).until(() -> !conn.open);
    }

    @Test
    void staysOpenAfterJoiningANamespace() throws Exception {
        connect();
        conn.receive("0");
        conn.next();
        // past the connect timeout, the connection must stay open the whole time
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> conn.open);
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
        assertThat(reason.get(2, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.FORCED_CLOSE);
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
        assertThat(reason.get(2, TimeUnit.SECONDS)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
    }

    @Test
    void aSecondConnectToTheSameNamespaceClosesTheConnection() throws Exception {
        connect();
        conn.receive("0");
        conn.next();
        conn.receive("0");
        await().atMost(Duration.ofSeconds(2)).until(() -> !conn.open);
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
        assertThat(seenAtDisconnect.get(2, TimeUnit.SECONDS)).isEqualTo(50);
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
        assertThat(listening.await(2, TimeUnit.SECONDS)).isTrue();
        int burst = runtime.maxQueuedPackets() + 50;
        // one round of reads holding more packets than the bound: reading stops inside the round
        conn.inOneRound(() -> {
            for (int i = 0; i < burst; i++) {
                conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !conn.readingCalls.isEmpty());
        assertThat(conn.readingCalls).as("paused once, not resumed while every handler is blocked (handled: %s)", handled)
                .containsExactly(false);
        assertThat(handled.get()).isZero();

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() == burst);
        await().atMost(Duration.ofSeconds(2)).until(() -> conn.reading);
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
            assertThat(listening.await(2, TimeUnit.SECONDS)).isTrue();
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
        assertThat(listening.await(2, TimeUnit.SECONDS)).isTrue();
        conn.inOneRound(() -> conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"quick\"]")));
        assertThat(quickRunning.await(2, TimeUnit.SECONDS)).isTrue();

        conn.inOneRound(() -> {
            for (int i = 0; i < runtime.maxQueuedPackets() + 50; i++) {
                conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
            }
            // reading has paused inside this round; the earlier handler now finishes on its own thread,
            // and reading must stay paused: this round's packets are still waiting
            quickMayFinish.countDown();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> conn.readingCalls.size() == 1);
        });
        assertThat(workStarted.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(conn.readingCalls).as("paused once, not resumed with the round's packets still waiting").containsExactly(false);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> conn.reading);
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
        assertThat(listening.await(2, TimeUnit.SECONDS)).isTrue();
        for (int round = 0; round < 20; round++) {
            conn.inOneRound(() -> {
                for (int i = 0; i < runtime.maxQueuedPackets() / 4; i++) {
                    conn.listener.onMessage(conn, dev.socketeer.engine.EngineMessage.text("2[\"work\"]"));
                }
            });
            int expected = (round + 1) * (runtime.maxQueuedPackets() / 4);
            await().atMost(Duration.ofSeconds(2)).until(() -> handled.get() == expected);
        }
        assertThat(conn.readingCalls).isEmpty();
    }
}
