package dev.socketeer.engine.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import dev.socketeer.engine.EngineMessage;

/**
 * Reads websocket frames of one connection and hands them, as Engine.IO packets, to the session on
 * its event loop; answers PINGs; decides whether the connection is read.
 *
 * <p>A client that does not read is not read either: reading stops while the channel is not writable
 * (its outbound buffer is over Netty's high-water mark) and resumes when it drains, so that nothing a
 * client sends, PINGs included, makes the server queue without bound. Reading also stops while the
 * session asks it to ({@link #setSessionReading}, inbound back-pressure). PINGs that arrive while the
 * channel is not writable are answered with one PONG, for the latest, once it is (RFC 6455 §5.5.3).
 *
 * <p>Threading: runs on the channel's event loop; {@link #setSessionReading} may be called from any thread.
 */
final class WebSocketChannelHandler extends ChannelInboundHandlerAdapter {
    private final EngineContext engine;
    private Session session;
    private WebSocketTransport transport;
    private String error;
    private ChannelHandlerContext ctx;
    /** What the session wants (inbound back-pressure); applied with writability on the channel's loop. */
    private volatile boolean sessionReading = true;
    /** The payload of the latest PING not answered yet (the channel was not writable), or null. */
    private ByteBuf unansweredPing;

    WebSocketChannelHandler(EngineContext engine) {
        this.engine = engine;
    }

    void bind(Session session, WebSocketTransport transport) {
        this.session = session;
        this.transport = transport;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseUnansweredPing();
    }

    /** Whether the session wants this connection read; any thread, applied on the channel's loop. */
    void setSessionReading(boolean reading) {
        sessionReading = reading;
        if (ctx.executor().inEventLoop()) {
            applyReading();
        } else {
            ctx.executor().execute(this::applyReading); // applies the latest wish when it runs, so calls cannot reorder
        }
    }

    private void applyReading() {
        Channel channel = ctx.channel();
        if (channel.isOpen()) {
            channel.config().setAutoRead(sessionReading && channel.isWritable());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && unansweredPing != null) {
            ByteBuf payload = unansweredPing;
            unansweredPing = null;
            pong(ctx, payload);
        }
        applyReading();
        ctx.fireChannelWritabilityChanged();
    }

    private void pong(ChannelHandlerContext ctx, ByteBuf payload) {
        ctx.writeAndFlush(new PongWebSocketFrame(payload));
        // every byte queued counts against the cap, control frames too (reached only with a high-water mark above it)
        if (WebSocketTransport.pendingBytes(ctx.channel()) > engine.options().maxOutboundBuffer()) {
            error = "outbound buffer exceeded " + engine.options().maxOutboundBuffer() + " bytes (slow consumer)";
            ctx.close();
        }
    }

    private void releaseUnansweredPing() {
        if (unansweredPing != null) {
            unansweredPing.release();
            unansweredPing = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            onFrame(ctx, frame);
        } finally {
            frame.release();
        }
    }

    private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            // what WebSocketServerHandshaker#close does; the handshaker itself is not kept per connection
            ctx.channel().writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (frame instanceof PingWebSocketFrame) {
            if (ctx.channel().isWritable()) {
                pong(ctx, frame.content().retain());
            } else {
                releaseUnansweredPing();
                unansweredPing = frame.content().retain(); // answered when writable; reading has stopped meanwhile
            }
            return;
        }
        if (frame instanceof PongWebSocketFrame) {
            return;
        }
        Session s = session;
        if (s == null) {
            ctx.close(); // a frame before the session exists: the client did not wait for the handshake
            return;
        }
        WebSocketTransport t = transport;
        EnginePacket packet;
        if (frame instanceof TextWebSocketFrame text) {
            try {
                packet = PacketCodec.decodeText(text.text());
            } catch (EngineParseException e) {
                String detail = e.getMessage();
                run(s, () -> s.onParseError(t, detail));
                return;
            }
        } else if (frame instanceof BinaryWebSocketFrame) {
            packet = EnginePacket.message(EngineMessage.binary(ByteBufUtil.getBytes(frame.content())));
        } else {
            return;
        }
        run(s, () -> s.onPacket(t, packet));
    }

    private static void run(Session s, Runnable task) {
        if (s.eventLoop().inEventLoop()) {
            task.run();
        } else {
            s.eventLoop().execute(task);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseUnansweredPing();
        Session s = session;
        WebSocketTransport t = transport;
        if (s != null) {
            String e = error;
            run(s, () -> {
                if (e == null) {
                    s.onTransportClose(t);
                } else {
                    s.onTransportError(t, e);
                }
            });
        }
        ctx.fireChannelInactive();
    }

    /** Every protocol violation ends here: answered with its close frame (1002, 1007, 1009), then the connection closes. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        WebSocketCloseStatus status = cause instanceof TooLongFrameException ? WebSocketCloseStatus.MESSAGE_TOO_BIG
                : cause instanceof CorruptedWebSocketFrameException corrupted ? corrupted.closeStatus() : null;
        if (status != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
