package dev.socketeer.spring.internal;

import dev.socketeer.engine.EngineServer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import reactor.netty.NettyPipeline;

/**
 * Prepares a Reactor Netty connection for an Engine.IO request before the engine handler sees it.
 *
 * <ul>
 *   <li>Reactor reads on demand (auto-read off) and only for the requests it serves; the engine
 *       expects reads to flow, so auto-read is turned on once the connection carries an engine
 *       request (Reactor still works with it on).</li>
 *   <li>A websocket upgrade turns the connection into an engine websocket for good: Reactor's HTTP
 *       handlers are removed first, because its {@code HttpTrafficHandler} would rewrite the
 *       {@code 101} response (it never saw the request, so it marks it {@code Connection: close}).</li>
 * </ul>
 *
 * <p>One per channel; runs on the channel's event loop.
 */
final class EngineMountHandler extends ChannelInboundHandlerAdapter {
    /** Reactor handlers that only make sense for requests Reactor serves itself. */
    private static final List<String> REACTOR_HTTP_HANDLERS = List.of(NettyPipeline.HttpTrafficHandler,
            NettyPipeline.AccessLogHandler, NettyPipeline.HttpMetricsHandler, NettyPipeline.CompressionHandler,
            NettyPipeline.IdleTimeoutHandler, NettyPipeline.ReadTimeoutHandler, NettyPipeline.ResponseTimeoutHandler);

    private final EngineServer engine;

    EngineMountHandler(EngineServer engine) {
        this.engine = engine;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // routed on the path as sent: decoding it here would fail on a bad escape meant for anyone else
        if (msg instanceof HttpRequest req && engine.handles(req.uri())) {
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            if ("websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
                detachReactor(ctx.pipeline());
                ctx.pipeline().remove(this);
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static void detachReactor(ChannelPipeline p) {
        for (String name : REACTOR_HTTP_HANDLERS) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
    }
}
