package dev.socketeer.engine.internal;

import dev.socketeer.engine.spi.SendBatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery tracking of sends handed to another thread's event loop (the back-pressure signal of core). */
class SendBatchTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final EngineContext engine = new EngineContext(EngineOptions.newBuilder().build(), s -> { });

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private Session openSession() throws Exception {
        EngineRequest request = new EngineRequest("/socket.io/?EIO=4&transport=polling", Map.of(), Map.of(), null, false);
        return loop.submit(() -> engine.openSession("sid-1", request, loop, s -> new PollingTransport(s, engine), s -> { }))
                .get(5, TimeUnit.SECONDS);
    }

    /** Keeps the loop busy until the returned latch is counted down (at most 5 s). */
    private CountDownLatch blockLoop() {
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }

    private int buffered(Session s) throws Exception {
        return loop.submit(s::bufferedPackets).get(5, TimeUnit.SECONDS);
    }

    @Test
    void reportsTheSendsAtOnceAndTheirDeliveryOnlyAfterTheLoopHandedThemToTheSession() throws Exception {
        Session session = openSession();
        int before = buffered(session);
        CountDownLatch loopBusy = blockLoop();
        AtomicLong queued = new AtomicLong(-1);
        List<String> delivered = new CopyOnWriteArrayList<>();

        SendBatch.track(() -> {
            session.send(EngineMessage.text("direct"));
            SendBatching.batchSends(() -> {
                session.send(EngineMessage.text("batched-1"));
                session.send(EngineMessage.text("batched-2"));
            });
        }, queued::set, n -> delivered.add(n + " after " + session.bufferedPackets()));

        assertThat(queued.get()).isEqualTo(3);
        assertThat(delivered).as("the loop has not taken the sends yet").isEmpty();
        loopBusy.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !delivered.isEmpty());
        assertThat(delivered).containsExactly("3 after " + (before + 3));
    }

    @Test
    void withoutSendsToOtherLoopsDeliveryIsReportedAtOnceOnTheCallingThread() {
        AtomicLong queued = new AtomicLong(-1);
        List<String> delivered = new CopyOnWriteArrayList<>();

        SendBatch.track(() -> { }, queued::set, n -> delivered.add(n + " on " + Thread.currentThread().getName()));

        assertThat(queued.get()).isZero();
        assertThat(delivered).containsExactly("0 on " + Thread.currentThread().getName());
    }

    /** Records, per packet sent, its text and whether the loop asked for its flush at once. */
    private static final class RecordingTransport implements Transport {
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public dev.socketeer.engine.EngineTransport name() {
            return dev.socketeer.engine.EngineTransport.WEBSOCKET;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(List<EnginePacket> packets) {
            for (EnginePacket p : packets) {
                if (p.message() == null) {
                    continue; // the handshake's open packet
                }
                sent.add(p.message().text() + (EarlyFlush.flushEarly() ? " at once" : " deferred"));
            }
        }

        @Override
        public void close() {
        }
    }

    private Session openSession(String sid, Transport transport) throws Exception {
        EngineRequest request = new EngineRequest("/socket.io/?EIO=4&transport=websocket", Map.of(), Map.of(), null, false);
        return loop.submit(() -> engine.openSession(sid, request, loop, s -> transport, s -> { })).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSessionsWriteIsFlushedAtOnceUnlessALaterQueuedSendIsForTheSameSession() throws Exception {
        RecordingTransport a = new RecordingTransport();
        RecordingTransport b = new RecordingTransport();
        Session sa = openSession("sid-a", a);
        Session sb = openSession("sid-b", b);
        CountDownLatch loopBusy = blockLoop();

        // two batches queue up behind the busy loop: a is in both, b only in the first; the second
        // has two sends for a
        SendBatching.batchSends(() -> {
            sa.send(EngineMessage.text("a1"));
            sb.send(EngineMessage.text("b1"));
        });
        SendBatching.batchSends(() -> {
            sa.send(EngineMessage.text("a2"));
            sa.send(EngineMessage.text("a3"));
        });
        loopBusy.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> a.sent.size() == 3 && b.sent.size() == 1);
        assertThat(a.sent).containsExactly("a1 deferred", "a2 deferred", "a3 at once");
        assertThat(b.sent).as("nothing else queued for b: no reason to wait for a's batch").containsExactly("b1 at once");
    }
}
