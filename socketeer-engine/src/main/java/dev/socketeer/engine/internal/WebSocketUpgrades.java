package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;

/** Turns an HTTP connection into an Engine.IO websocket: a new session, or an upgrade of a polling one. */
final class WebSocketUpgrades {
    /** Name of {@code EngineHttpServer}'s 404 handler, which sits behind the engine's handlers. */
    private static final String NOT_FOUND = "not-found";

    private WebSocketUpgrades() {
    }

    /** Refuses an upgrade like Node's abortUpgrade: {@code 400} with the message, then close. */
    static void abort(ChannelHandlerContext ctx, String message) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.copiedBuffer(message, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
        HttpUtil.setContentLength(res, res.content().readableBytes());
        HttpUtil.setKeepAlive(res, false);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Whether the request carries a well-formed {@code Sec-WebSocket-Key} (base64 of 16 bytes); if not, it is
     * refused like Node's {@code ws} does ({@code 400} "Missing or invalid Sec-WebSocket-Key header").
     */
    private static boolean checkKey(ChannelHandlerContext ctx, HttpRequest req) {
        String key = req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        boolean valid = key != null && key.length() == 24 && key.endsWith("==");
        for (int i = 0; valid && i < 22; i++) {
            char c = key.charAt(i);
            valid = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
        }
        if (!valid) {
            abort(ctx, "Missing or invalid Sec-WebSocket-Key header");
        }
        return valid;
    }

    /** A websocket for an existing polling session: once open, it is offered to the session's upgrade. */
    static void upgradeSession(ChannelHandlerContext ctx, HttpRequest req, EngineContext engine, Session session) {
        if (!checkKey(ctx, req)) {
            return;
        }
        WebSocketChannelHandler handler = install(ctx, engine);
        doHandshake(ctx, req, engine, handler, channel -> {
            WebSocketTransport ws = new WebSocketTransport(channel, handler, engine.options().compressionThreshold());
            handler.bind(session, ws);
            session.eventLoop().execute(() -> session.beginUpgrade(ws));
        });
    }

    /** A websocket that opens a new session directly (no polling first). */
    static void handshake(ChannelHandlerContext ctx, HttpRequest req, EngineContext engine, String sid,
            EngineRequest snapshot) {
        if (!checkKey(ctx, req)) {
            return;
        }
        WebSocketChannelHandler handler = install(ctx, engine);
        doHandshake(ctx, req, engine, handler, channel -> engine.openSession(sid, snapshot, channel.eventLoop(),
                s -> new WebSocketTransport(channel, handler, engine.options().compressionThreshold()),
                s -> {
                    handler.bind(s, (WebSocketTransport) s.currentTransport());
                    s.flush();
                }));
    }

    /** Replaces the HTTP handler with the websocket frame handlers, before any frame can arrive. */
    private static WebSocketChannelHandler install(ChannelHandlerContext ctx, EngineContext engine) {
        WebSocketChannelHandler handler = new WebSocketChannelHandler(engine);
        ChannelPipeline p = ctx.pipeline();
        // Like Node's ws: a text frame that is not UTF-8 closes the connection (1007) instead of being mangled.
        p.addAfter(ctx.name(), "engine-ws-utf8", new Utf8FrameValidator(false)); // WebSocketChannelHandler sends the close frame
        p.addAfter("engine-ws-utf8", "engine-ws-aggregator", new WebSocketFrameAggregator(engine.options().maxHttpBufferSize()));
        p.addAfter("engine-ws-aggregator", "engine-ws", handler);
        return handler;
    }

    private static void doHandshake(ChannelHandlerContext ctx, HttpRequest req, EngineContext engine,
            WebSocketChannelHandler handler, java.util.function.Consumer<Channel> onOpen) {
        String host = req.headers().get(HttpHeaderNames.HOST, "localhost");
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory("ws://" + host + req.uri(), null,
                engine.webSocketDecoderConfig());
        WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
        Channel channel = ctx.channel();
        ctx.pipeline().remove(ctx.handler());
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return;
        }
        // The standalone server's 404 handler (EngineHttpServer, "not-found") only answers HTTP requests,
        // which a websocket never carries again: drop its per-connection context from the pipeline.
        ChannelPipeline p = ctx.pipeline();
        if (p.get(NOT_FOUND) != null) {
            p.remove(NOT_FOUND);
        }
        if (p.get(HttpConnectionGuard.class) != null) {
            p.remove(HttpConnectionGuard.class); // HTTP timeouts end here: the session's heartbeat bounds a websocket
        }
        FullHttpRequest full = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
                Unpooled.EMPTY_BUFFER, req.headers(), EmptyHttpHeaders.INSTANCE);
        handshaker.handshake(channel, full, null, channel.newPromise()).addListener(f -> {
            if (f.isSuccess()) {
                onOpen.accept(channel);
            } else {
                channel.close();
            }
        });
    }
}
