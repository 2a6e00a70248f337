package dev.socketeer.engine;

import dev.socketeer.engine.spi.SendBatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sending from the layer above: ordering across threads, volatile drops, the outbound cap, shutdown. */
@ExtendWith(LeakGuard.class)
class SendingTest {
    private final EngineTestServer server = new EngineTestServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void sendFromManyThreadsKeepsEachThreadsOrder() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.url("EIO=4&transport=websocket").replace("http", "ws"));
        ws.next();
        EngineSocket socket = server.connections.take();
        int threads = 8;
        int each = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < each; i++) {
                    socket.send(EngineMessage.text(id + ":" + i));
                }
            });
            sender.start();
            senders.add(sender);
        }
        start.countDown();
        for (Thread t : senders) {
            t.join();
        }
        int[] next = new int[threads];
        for (int n = 0; n < threads * each; n++) {
            String[] f = ws.next().substring(1).split(":");
            int id = Integer.parseInt(f[0]);
            assertThat(Integer.parseInt(f[1])).as("thread %d order", id).isEqualTo(next[id]++);
        }
    }

    @Test
    void volatileMessageIsDroppedWhenNoPollIsPending() throws Exception {
        String sid = server.handshake();
        EngineSocket socket = server.connections.take();
        assertThat(socket.sendVolatile(List.of(EngineMessage.text("lost")))).isFalse();
        var poll = server.client.sendAsync(HttpRequest.newBuilder(URI.create(server.url("EIO=4&transport=polling&sid=" + sid))).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> socket.sendVolatile(List.of(EngineMessage.text("kept"))));
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("4kept");
    }

    @Test
    void sessionWhoseClientNeverPollsIsClosedAtTheOutboundCap() throws Exception {
        try (EngineTestServer capped = new EngineTestServer(b -> b.maxHttpBufferSize(1000).maxOutboundBuffer(10_000))) {
            capped.handshake();
            EngineSocket socket = capped.connections.take();
            for (int i = 0; i < 11; i++) {
                socket.send(EngineMessage.text("z".repeat(1000)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> capped.closes.contains("transport error"));
            assertThat(socket.isOpen()).isFalse();
            assertThat(capped.engine.clientsCount()).isZero();
        }
    }

    @Test
    void closingTheServerEndsEverySessionWithServerShuttingDown() throws Exception {
        String sid = server.handshake();
        WsRecorder ws = WsRecorder.connect(server.client, server.url("EIO=4&transport=websocket").replace("http", "ws"));
        ws.next();
        var poll = server.client.sendAsync(HttpRequest.newBuilder(URI.create(server.url("EIO=4&transport=polling&sid=" + sid))).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connections.peek().sendVolatile(List.of()));
        assertThat(server.engine.clientsCount()).isEqualTo(2);
        server.engine.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.size() == 2);
        assertThat(server.closes).containsOnly("server shutting down");
        assertThat(server.engine.clientsCount()).isZero();
        assertThat(poll.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(server.get("EIO=4&transport=polling").statusCode()).isEqualTo(403);
    }

    @Test
    void clientsCountFollowsOpensAndCloses() throws Exception {
        assertThat(server.engine.clientsCount()).isZero();
        String a = server.handshake();
        String b = server.handshake();
        assertThat(server.engine.clientsCount()).isEqualTo(2);
        server.post("EIO=4&transport=polling&sid=" + a, "1");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.engine.clientsCount() == 1);
        server.connections.take();
        server.connections.take().close(); // no poll pending: the CLOSE packet waits for the next one
        assertThat(server.get("EIO=4&transport=polling&sid=" + b).body()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.engine.clientsCount() == 0);
        assertThat(server.closes).containsExactly("transport close", "forced close");
    }

    @Test
    void batchedSendsReachEverySessionInOrder() throws Exception {
        List<WsRecorder> recorders = new ArrayList<>();
        List<EngineSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
            ws.next();
            recorders.add(ws);
            sockets.add(server.connections.take());
        }
        SendBatching.batchSends(() -> {
            for (int n = 0; n < 100; n++) {
                EngineMessage m = EngineMessage.text("m" + n);
                SendBatching.batchSends(() -> sockets.forEach(s -> s.send(m))); // nested: joins the outer batch
            }
        });
        for (WsRecorder ws : recorders) {
            for (int n = 0; n < 100; n++) {
                assertThat(ws.next()).isEqualTo("4m" + n);
            }
        }
    }

    @Test
    void aCloseInsideABatchComesAfterTheSendsBeforeIt() throws Exception {
        WsRecorder ws = WsRecorder.connect(server.client, server.wsUrl("EIO=4&transport=websocket"));
        ws.next();
        EngineSocket socket = server.connections.take();
        SendBatching.batchSends(() -> {
            socket.send(EngineMessage.text("last words"));
            socket.close();
            assertThat(socket.isOpen()).isTrue(); // nothing has left yet: the batch hands over when it returns
        });
        assertThat(ws.next()).isEqualTo("4last words");
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.closes.contains("forced close"));
    }
}
