package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.engine.EngineHttpServer;
import dev.socketeer.engine.EngineServer;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.RawClient;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbound back-pressure bounds hit through real connections: a raw websocket client writes 15 MiB of events
 * as fast as it can while what they cause cannot finish ({@code maxQueuedPackets}: its handler is blocked;
 * {@code maxQueuedSends}: the event loop of the sockets its broadcasts go to is blocked). The server stops
 * reading it once the bound is passed (seen at the session: Socket.IO asks it to stop reading, and the events
 * it was handed stay at the bound plus one read), the client's writes stall as TCP fills, and once the work
 * drains every event is handled, in order. The bounds can be moved with {@code -Dbp.packets} and
 * {@code -Dbp.sends} to see the test fail without them.
 */
@ExtendWith(LeakGuard.class)
class InboundBackPressureTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final int EVENTS = 256;
    /** 256 events of 60 KiB (one frame each): beyond what the kernel buffers of a loopback connection absorb (about 4 MiB seen). */
    private static final String PAD = "x".repeat(60 * 1024);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Integer> handled = new CopyOnWriteArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private volatile IOException writeFailure;
    private final BlockingQueue<ObservedSession> sessions = new LinkedBlockingQueue<>();

    @AfterEach
    void cleanUp() throws Exception {
        release.countDown();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void aClientWhoseHandlerFallsBehindIsNotReadBeyondMaxQueuedPackets() throws Exception {
        int bound = Integer.getInteger("bp.packets", 4);
        int port = start(SocketIoServer.builder().maxQueuedPackets(bound), io -> io.onConnection(socket ->
                socket.on("work", (args, ack) -> {
                    awaitRelease();
                    handled.add(args.get(0).asInt());
                })));
        RawClient publisher = connectRaw(port);
        ObservedSession session = LiveServer.next(sessions, "session");
        Thread writer = startWriting(publisher, "work");

        await().atMost(WAIT.multipliedBy(3)).until(() -> session.pauses.get() > 0);
        awaitWritesStall(writer);
        // the bound, plus what one read of the socket held when it was reached (a 64 KiB read: 2 events)
        assertThat(session.delivered.get()).as("events read").isBetween(bound + 1, bound + 1 + 2);
        assertThat(written.get()).as("bytes the server let the client write").isLessThan(totalBytes());
        assertThat(handled).isEmpty();

        release.countDown();
        writer.join(WAIT.toMillis() * 3);
        await().atMost(WAIT.multipliedBy(3)).until(() -> handled.size() == EVENTS);
        assertThat(handled).isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates();
        assertThat(writeFailure).isNull();
    }

    @Test
    void aClientWhoseBroadcastsWaitForABusyEventLoopIsNotReadBeyondMaxQueuedSends() throws Exception {
        long bound = Long.getLong("bp.sends", 8);
        int receivers = 4;
        // maxQueuedPackets out of the way: only the sends bound can stop reading
        int port = start(SocketIoServer.builder().maxQueuedPackets(1_000_000).maxQueuedSends(bound), io ->
                io.onConnection(socket -> socket.on("pub", (args, ack) -> {
                    socket.broadcast().emit("item", args.get(0).asInt());
                    handled.add(args.get(0).asInt());
                })));
        List<NodeClient> clients = new ArrayList<>();
        List<EventLoop> receiverLoops = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            clients.add(e2e.connect("http://127.0.0.1:" + port + "/", LiveServer.websocket("reconnection", false)));
            receiverLoops.add(LiveServer.next(sessions, "session").eventLoop());
        }
        RawClient publisher = connectRaw(port);
        ObservedSession session = LiveServer.next(sessions, "publisher session");
        EventLoop busy = receiverLoops.stream().filter(l -> l != session.eventLoop()).findFirst()
                .orElseThrow(() -> new AssertionError("every receiver shares the publisher's event loop"));
        CountDownLatch blocked = new CountDownLatch(1);
        busy.execute(() -> { // the event loop of some receivers: the sends to them wait
            blocked.countDown();
            awaitRelease();
        });
        blocked.await();
        Thread writer = startWriting(publisher, "pub");

        await().atMost(WAIT.multipliedBy(3)).until(() -> session.pauses.get() > 0);
        awaitWritesStall(writer);
        // each event makes 4 sends: the bound is passed at the third event, plus what that read held (2 events)
        assertThat(session.delivered.get()).as("events read").isBetween((int) (bound / receivers) + 1,
                (int) (bound / receivers) + 1 + 2);
        assertThat(written.get()).as("bytes the server let the client write").isLessThan(totalBytes());

        release.countDown();
        writer.join(WAIT.toMillis() * 3);
        await().atMost(WAIT.multipliedBy(3)).until(() -> handled.size() == EVENTS);
        assertThat(handled).isSortedAccordingTo(Integer::compare).doesNotHaveDuplicates();
        assertThat(writeFailure).isNull();
        for (NodeClient client : clients) {
            assertThat(client.awaitEvents("item", EVENTS, WAIT.multipliedBy(3))).hasSize(EVENTS);
            client.close();
        }
    }

    /**
     * Starts {@code io} on an engine of its own with two event loops, each session seen through an
     * {@link ObservedSession} (queued in {@link #sessions}); returns the port.
     */
    private int start(SocketIoServer.Builder builder, java.util.function.Consumer<SocketIoServer> setup) {
        SocketIoServer io = builder.build();
        resources.add(io);
        setup.accept(io);
        EngineServer engine = new EngineServer(io.options().engineOptions(), session -> {
            ObservedSession observed = new ObservedSession(session);
            sessions.add(observed);
            io.accept(observed);
        });
        resources.add(engine);
        EngineHttpServer http = EngineHttpServer.start(engine, "127.0.0.1", 0, 2);
        resources.add(http);
        return http.port();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A raw websocket Engine.IO session connected to {@code "/"}. */
    private RawClient connectRaw(int port) throws IOException {
        RawClient raw = new RawClient(port);
        resources.add(raw);
        raw.write(RawClient.upgradeRequest(port, "EIO=4&transport=websocket"));
        assertThat(raw.readResponse().status()).isEqualTo(101);
        assertThat(raw.readFrame().text()).startsWith("0{");
        raw.sendText("40");
        assertThat(raw.readFrame().text()).startsWith("40{");
        return raw;
    }

    /** Writes {@link #EVENTS} events {@code [event, i, PAD]} from a thread of its own, counting the bytes written. */
    private Thread startWriting(RawClient raw, String event) {
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < EVENTS; i++) {
                    byte[] frame = RawClient.frame(1, ("42[\"" + event + "\"," + i + ",\"" + PAD + "\"]").getBytes(StandardCharsets.UTF_8));
                    raw.write(frame);
                    written.addAndGet(frame.length);
                }
            } catch (IOException e) {
                writeFailure = e; // the test's clean-up closing a stalled client, or a failure the test reports
            }
        }, "back-pressure-writer");
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static long totalBytes() {
        return (long) EVENTS * (PAD.length() + 20);
    }

    /** Waits until the client's writes have made no progress for a second, the writer still blocked in one. */
    private void awaitWritesStall(Thread writer) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        await().atMost(WAIT.multipliedBy(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = written.get();
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > 1_000_000_000L;
        });
        assertThat(writer.isAlive()).as("the writer is blocked, not ended (%s)", writeFailure).isTrue();
    }
}
