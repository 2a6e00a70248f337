package dev.socketeer.engine.internal;

import dev.socketeer.engine.CloseReason;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineRequest;
import dev.socketeer.engine.EngineSocket;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A polling session on {@link EmbeddedChannel}s, no sockets: the polling connection's channel is the
 * session's event loop (time frozen), and each websocket is an embedded channel of its own.
 */
final class EmbeddedSession implements AutoCloseable {
    final EmbeddedChannel http = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> closes = new CopyOnWriteArrayList<>();
    final EngineContext engine;
    final Session session;
    private final List<EmbeddedChannel> sockets = new CopyOnWriteArrayList<>();

    EmbeddedSession(EngineOptions options) {
        http.freezeTime();
        engine = new EngineContext(options, s -> s.setListener(new EngineSocket.Listener() {
            @Override
            public void onMessage(EngineSocket socket, EngineMessage message) {
                messages.add(message.text());
            }

            @Override
            public void onClose(EngineSocket socket, CloseReason reason, String description) {
                closes.add(reason.wireName());
            }
        }));
        EngineRequest request = new EngineRequest("/socket.io/?EIO=4&transport=polling", Map.of(), Map.of(), null, false);
        session = engine.openSession("sid-0", request, http.eventLoop(), s -> new PollingTransport(s, engine), s -> { });
    }

    PollingTransport polling() {
        return (PollingTransport) session.currentTransport();
    }

    /** Sends a GET to the polling transport; returns the body if answered at once, else null. */
    String get(PollingTransport polling) {
        polling.onGet(HttpExchange.of(http.pipeline().firstContext(),
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/socket.io/")));
        return response();
    }

    /** The next HTTP response body written on the polling connection, or null. */
    String response() {
        http.runPendingTasks();
        FullHttpResponse res = http.readOutbound();
        if (res == null) {
            return null;
        }
        try {
            return res.status().code() == 200 ? res.content().toString(StandardCharsets.UTF_8)
                    : res.status().code() + " " + res.content().toString(StandardCharsets.UTF_8);
        } finally {
            res.release();
        }
    }

    WebSocketTransport newWebSocket() {
        WebSocketChannelHandler handler = new WebSocketChannelHandler(engine);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        sockets.add(ch);
        return new WebSocketTransport(ch, handler, EngineOptions.DEFAULT.compressionThreshold());
    }

    /** The next frame the server wrote to this websocket: text, or "close"; null if none. */
    static String frame(WebSocketTransport ws) {
        EmbeddedChannel ch = (EmbeddedChannel) ws.channel();
        ch.runPendingTasks();
        WebSocketFrame f = ch.readOutbound();
        if (f == null) {
            return null;
        }
        try {
            return f instanceof TextWebSocketFrame t ? t.text() : f instanceof CloseWebSocketFrame ? "close" : f.toString();
        } finally {
            f.release();
        }
    }

    void fromClient(Transport t, String packet) throws EngineParseException {
        session.onPacket(t, PacketCodec.decodeText(packet));
        http.runPendingTasks();
    }

    void advance(long millis) {
        http.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        http.runScheduledPendingTasks();
    }

    @Override
    public void close() {
        http.finishAndReleaseAll();
        sockets.forEach(EmbeddedChannel::finishAndReleaseAll);
    }
}
