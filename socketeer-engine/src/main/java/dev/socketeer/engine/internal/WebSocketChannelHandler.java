package dev.socketeer.engine.internal;

import io.netty.buffer.ByteBufUtil;
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
 * its event loop. Runs on the channel's event loop.
 */
final class WebSocketChannelHandler extends ChannelInboundHandlerAdapter {
    private final EngineContext engine;
    private Session session;
    private WebSocketTransport transport;
    private String error;

    WebSocketChannelHandler(EngineContext engine) {
        this.engine = engine;
    }

    void bind(Session session, WebSocketTransport transport) {
        this.session = session;
        this.transport = transport;
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
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
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
