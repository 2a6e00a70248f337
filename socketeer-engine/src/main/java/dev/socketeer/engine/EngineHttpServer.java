package dev.socketeer.engine;

import dev.socketeer.engine.internal.HttpConnectionGuard;
import dev.socketeer.engine.internal.HttpResponses;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A standalone Netty HTTP server that serves one {@link EngineServer} and answers 404 elsewhere. Its
 * connections make progress or go: {@link EngineOptions#idleTimeout()}, {@link EngineOptions#headersTimeout()}
 * and {@link EngineOptions#requestTimeout()} bound them until they become websockets, and a connection
 * whose client does not read its answers is not read either.
 *
 * <p>Lifecycle: {@link #start} binds and returns once listening; {@link #close()} closes the engine's
 * sessions, then the listening socket and the event loops. Threading: thread safe.
 */
public final class EngineHttpServer implements AutoCloseable {
    /** Shared by every connection: Netty would otherwise create an allocator (not only its handle) per channel. */
    private static final AdaptiveRecvByteBufAllocator RECV_ALLOCATOR = new AdaptiveRecvByteBufAllocator();

    private final EngineServer engine;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private EngineHttpServer(EngineServer engine, EventLoopGroup boss, EventLoopGroup workers, Channel serverChannel) {
        this.engine = engine;
        this.boss = boss;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    /**
     * Binds {@code host:port} (port 0 picks a free port) and serves the engine; I/O threads = cores, on
     * {@link NettyTransport#preferred() the native epoll transport when available}.
     */
    public static EngineHttpServer start(EngineServer engine, String host, int port) {
        return start(engine, host, port, 0);
    }

    /** Like {@link #start(EngineServer, String, int)} with a number of I/O threads (0 = number of cores). */
    public static EngineHttpServer start(EngineServer engine, String host, int port, int ioThreads) {
        NettyTransport transport = NettyTransport.preferred();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
                ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors(), transport.ioHandlerFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV_ALLOCATOR)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("http", new HttpServerCodec());
                            ch.pipeline().addLast("guard", new HttpConnectionGuard(engine.options()));
                            engine.addHandlers(ch.pipeline());
                            ch.pipeline().addLast("not-found", NotFound.INSTANCE);
                        }
                    })
                    .bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            return new EngineHttpServer(engine, boss, workers, ch);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        engine.close();
        serverChannel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /**
     * Answers 404 to requests outside the engine's path, and a request the codec could not read (its head
     * over the codec's limits: a 4 KiB request line, 8 KiB of headers) with 414, 431 or 400, then closes.
     * Stateless, so one instance serves every channel.
     */
    @ChannelHandler.Sharable
    private static final class NotFound extends SimpleChannelInboundHandler<HttpObject> {
        static final NotFound INSTANCE = new NotFound();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpRequest req) {
                Throwable failure = req.decoderResult().cause();
                HttpResponseStatus status = failure == null ? HttpResponseStatus.NOT_FOUND : HttpResponses.decodingFailure(failure);
                FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status, Unpooled.EMPTY_BUFFER);
                HttpUtil.setContentLength(res, 0);
                boolean keepAlive = failure == null && HttpUtil.isKeepAlive(req);
                HttpUtil.setKeepAlive(res, keepAlive);
                var f = ctx.writeAndFlush(res);
                if (!keepAlive) {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }
}
