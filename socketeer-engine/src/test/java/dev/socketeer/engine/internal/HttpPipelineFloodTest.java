package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineServer;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18, defect 2 for HTTP, through a real socket ({@link HttpConnectionGuardTest} shows the same on an
 * embedded channel): a client pipelines requests on one keep-alive connection and never reads the answers.
 * The server's answers pile up to Netty's high-water mark and no further, because the connection stops
 * being read; once the client reads again, every request it sent is answered, in order, on the same
 * connection. The server here is {@code EngineHttpServer}'s pipeline (codec, {@link HttpConnectionGuard},
 * the engine, a 404 for other paths) with a probe behind it that sees the server's side of the connection.
 */
@ExtendWith(LeakGuard.class)
class HttpPipelineFloodTest {
    /** Far above the 64 KiB high-water mark plus one answer. */
    private static final long BOUND = 256 * 1024;
    /** Far beyond what the kernel buffers of both ends absorb of the answers before the server's queue grows. */
    private static final long FLOOD_BYTES = 128L * 1024 * 1024;
    private static final byte[] REQUEST = "GET /elsewhere HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int PER_WRITE = 256;

    private final EngineServer engine = new EngineServer(EngineOptions.DEFAULT, socket -> { });
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicLong maxPending = new AtomicLong();
    private final CountDownLatch stoppedReading = new CountDownLatch(1);
    private volatile Channel serverSide;

    @AfterEach
    void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aClientThatPipelinesRequestsAndDoesNotReadIsNotReadUntilItDoes() throws Exception {
        int port = start();
        try (RawClient raw = new RawClient(port, 64 * 1024)) {
            byte[] batch = new byte[REQUEST.length * PER_WRITE];
            for (int i = 0; i < PER_WRITE; i++) {
                System.arraycopy(REQUEST, 0, batch, i * REQUEST.length, REQUEST.length);
            }
            AtomicLong sentRequests = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread flooder = new Thread(() -> {
                try {
                    while (!stop.get() && sentRequests.get() * REQUEST.length < FLOOD_BYTES) {
                        raw.write(batch);
                        sentRequests.addAndGet(PER_WRITE);
                    }
                } catch (IOException e) {
                    // the test closed the socket
                }
            }, "pipeline-flooder");
            flooder.setDaemon(true);
            flooder.start();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // a loaded core floods slowly
            while (System.nanoTime() < deadline && flooder.isAlive() && maxPending.get() <= BOUND
                    && stoppedReading.getCount() > 0) {
                stoppedReading.await(10, TimeUnit.MILLISECONDS);
                Channel ch = serverSide;
                var outbound = ch == null ? null : ch.unsafe().outboundBuffer();
                if (outbound != null) {
                    maxPending.accumulateAndGet(outbound.totalPendingWriteBytes(), Math::max); // a volatile read
                }
            }
            stop.set(true);
            if (maxPending.get() > BOUND || stoppedReading.getCount() > 0) {
                raw.close(); // end the flood before the failure is reported
            }
            assertThat(maxPending.get()).as("bytes of answers queued for a client that does not read")
                    .isLessThanOrEqualTo(BOUND);
            assertThat(stoppedReading.getCount())
                    .as("a client that does not read is not read (%d requests sent)", sentRequests.get()).isZero();

            // the client reads again: every request it sent is answered, in order, on the same connection
            InputStream in = raw.socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            byte[] status = "HTTP/1.1 404 ".getBytes(StandardCharsets.US_ASCII);
            long answered = 0;
            int matched = 0;
            while (flooder.isAlive() || answered < sentRequests.get()) {
                int n = in.read(buffer);
                assertThat(n).as("the server closed the connection after %d answers", answered).isPositive();
                for (int i = 0; i < n; i++) {
                    matched = buffer[i] == status[matched] ? matched + 1 : (buffer[i] == status[0] ? 1 : 0);
                    if (matched == status.length) {
                        answered++;
                        matched = 0;
                    }
                }
            }
            assertThat(answered).isEqualTo(sentRequests.get());
            assertThat(serverSide.config().isAutoRead()).as("read again once drained").isTrue();
        }
    }

    /** {@code EngineHttpServer}'s pipeline, on one NIO event loop, with the probe at its end. */
    private int start() {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        serverSide = ch;
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("guard", new HttpConnectionGuard(engine.options()));
                        engine.addHandlers(ch.pipeline());
                        ch.pipeline().addLast(new NotFound());
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                                // seen on the event loop itself, so a starved core that samples slowly cannot miss it
                                var outbound = ctx.channel().unsafe().outboundBuffer();
                                if (outbound != null) {
                                    maxPending.accumulateAndGet(outbound.totalPendingWriteBytes(), Math::max);
                                }
                                if (!ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
                                    stoppedReading.countDown();
                                }
                                ctx.fireChannelWritabilityChanged();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static final class NotFound extends SimpleChannelInboundHandler<HttpObject> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest req) {
                var res = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
                HttpUtil.setContentLength(res, 0);
                ctx.writeAndFlush(res);
            }
        }
    }
}
