package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineHttpServer;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineServer;
import dev.socketeer.engine.EngineSocket;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18, defect 2: websocket PINGs from a client that never reads made the server queue a PONG each,
 * without bound (410 MB in 2.4 s). Through a real socket: the server's outbound buffer stays near Netty's
 * high-water mark, the client stops being read, and reading resumes once the client reads again.
 */
@ExtendWith(LeakGuard.class)
class PingFloodTest {
    /** Far above the 64 KiB high-water mark plus one frame; before the fix the buffer passed it within milliseconds. */
    private static final long BOUND = 256 * 1024;
    /** Beyond what the kernel absorbs of the PONGs (the server's send buffer grows to 4 MiB at most). */
    private static final long FLOOD_BYTES = 6L * 1024 * 1024;

    private final BlockingQueue<EngineSocket> sockets = new LinkedBlockingQueue<>();
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final EngineServer engine = new EngineServer(EngineOptions.DEFAULT, socket -> {
        sockets.add(socket);
        socket.setListener(new EngineSocket.Listener() {
            @Override
            public void onMessage(EngineSocket s, EngineMessage message) {
                s.send(message);
            }

            @Override
            public void onClose(EngineSocket s, CloseReason reason, String description) {
                closes.add(reason);
            }
        });
    });
    private final EngineHttpServer http = EngineHttpServer.start(engine, "127.0.0.1", 0);

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void pingFloodFromAClientThatDoesNotReadStaysBoundedAndIsNotRead() throws Exception {
        try (RawClient raw = new RawClient(http.port(), 64 * 1024)) {
            raw.write(RawClient.upgradeRequest(http.port(), "EIO=4&transport=websocket"));
            assertThat(raw.readResponse().status()).isEqualTo(101);
            assertThat(raw.readFrame().text()).startsWith("0{");
            WebSocketTransport ws = (WebSocketTransport) ((Session) sockets.take()).currentTransport();
            Channel channel = ws.channel();

            byte[] batch = pings(500);
            AtomicLong sent = new AtomicLong();
            Thread flooder = new Thread(() -> {
                try {
                    while (sent.get() < FLOOD_BYTES) {
                        raw.write(batch);
                        sent.addAndGet(batch.length);
                    }
                } catch (IOException e) {
                    // the test closed the socket
                }
            }, "ping-flooder");
            flooder.setDaemon(true);
            flooder.start();

            // seen on the event loop itself, so a starved core that samples slowly cannot miss it
            AtomicLong maxPending = new AtomicLong();
            CountDownLatch stoppedReading = new CountDownLatch(1);
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    maxPending.accumulateAndGet(ws.pendingBytes(), Math::max);
                    if (!ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
                        stoppedReading.countDown();
                    }
                    ctx.fireChannelWritabilityChanged();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // a loaded core floods slowly
            while (System.nanoTime() < deadline && maxPending.get() <= BOUND && stoppedReading.getCount() > 0) {
                maxPending.accumulateAndGet(ws.pendingBytes(), Math::max);
                stoppedReading.await(1, TimeUnit.MILLISECONDS);
            }
            maxPending.accumulateAndGet(ws.pendingBytes(), Math::max);
            if (maxPending.get() > BOUND || stoppedReading.getCount() > 0) {
                raw.close(); // stop the flood before the failure is reported
            }
            assertThat(maxPending.get()).as("bytes queued for a client that does not read").isLessThanOrEqualTo(BOUND);
            assertThat(stoppedReading.getCount())
                    .as("a client that does not read is not read (%d of %d bytes of pings sent)", sent.get(), FLOOD_BYTES)
                    .isZero();

            // the client reads again: so does the server, until every ping is answered
            int pongs = 0;
            while (flooder.isAlive()) {
                assertThat(raw.readFrame().opcode()).isEqualTo(0xA);
                pongs++;
            }
            raw.sendText("4still there");
            RawClient.Frame f;
            do {
                f = raw.readFrame();
                pongs += f.opcode() == 0xA ? 1 : 0;
            } while (f.opcode() != 0x1 || !f.text().startsWith("4"));
            assertThat(f.text()).isEqualTo("4still there");
            assertThat(pongs).isPositive();
            assertThat(closes).isEmpty();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> closes.size() == 1);
    }

    private static byte[] pings(int count) {
        byte[] payload = "p".repeat(125).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(RawClient.frame(0x9, payload));
        }
        return out.toByteArray();
    }
}
