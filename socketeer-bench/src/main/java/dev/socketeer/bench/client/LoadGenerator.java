package dev.socketeer.bench.client;

import dev.socketeer.engine.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens bench connections to one server (or to the nodes of a cluster, by index) on one event loop
 * thread, so that scenario code, callbacks and histograms share a thread and need no locks.
 *
 * <p>Lifecycle: one per scenario run; {@link #close()} closes the event loop and every connection.
 * Threading: the factory methods may be called from any thread but connections must then only be
 * used on {@link #loop()}.
 */
public final class LoadGenerator implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NettyTransport.preferred().ioHandlerFactory());
    private final EventLoop loop = group.next();
    private final String host;
    private final int port;
    private final List<Integer> ports;
    private final Dialect dialect;
    private final Bootstrap base;
    /** Every channel opened, so that {@link #close()} closes them (shutting the loop down does not). */
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    public LoadGenerator(String host, int port, Dialect dialect) {
        this(host, List.of(port), dialect);
    }

    /** A generator for the nodes of a cluster listening on {@code ports}; {@link #websocket(BenchConnection.Listener)} goes to the first. */
    public LoadGenerator(String host, List<Integer> ports, Dialect dialect) {
        this.host = host;
        this.ports = List.copyOf(ports);
        this.port = this.ports.get(0);
        this.dialect = dialect;
        this.base = new Bootstrap().group(group).channel(NettyTransport.preferred().socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .remoteAddress(host, port);
    }

    /** The event loop every connection and callback of this generator runs on. */
    public EventLoop loop() {
        return loop;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Starts a websocket connection in this generator's dialect (to the first node of a cluster). */
    public BenchConnection websocket(BenchConnection.Listener listener) {
        return websocket(listener, 0);
    }

    /** The number of nodes this generator can connect to. */
    public int nodes() {
        return ports.size();
    }

    /** Starts a websocket connection in this generator's dialect to node {@code node} (0-based). */
    public BenchConnection websocket(BenchConnection.Listener listener, int node) {
        String path = dialect == Dialect.SOCKET_IO ? "/socket.io/?EIO=4&transport=websocket" : "/ws";
        int nodePort = ports.get(node);
        URI uri = URI.create("ws://" + host + ":" + nodePort + path);
        WsConnection connection = new WsConnection(dialect, listener);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(new DefaultHttpHeaders())
                .maxFramePayloadLength(1 << 20).handshakeTimeoutMillis(30_000).dropPongFrames(true)
                // the generator measures servers, it does not police them: no UTF-8 validation pass per frame
                .withUTF8Validator(false)
                .build();
        base.clone().remoteAddress(host, nodePort).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                channels.add(ch);
                connection.attach(ch);
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                        new WebSocketClientProtocolHandler(config), connection);
            }
        }).connect().addListener(f -> {
            if (!f.isSuccess()) {
                connection.reportClosed("connect failed: " + f.cause());
            }
        });
        return connection;
    }

    /** Starts a Socket.IO connection on long-polling only. */
    public BenchConnection polling(BenchConnection.Listener listener) {
        if (dialect != Dialect.SOCKET_IO) {
            throw new IllegalStateException("long-polling needs the Socket.IO dialect, not " + dialect);
        }
        Bootstrap http = base.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                channels.add(ch);
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 << 20));
            }
        });
        PollingConnection connection = new PollingConnection(listener, http::connect, host + ":" + port);
        loop.execute(connection::start);
        return connection;
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(30, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
