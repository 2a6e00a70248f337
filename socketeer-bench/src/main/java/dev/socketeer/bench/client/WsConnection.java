package dev.socketeer.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;

/**
 * A websocket bench connection: Engine.IO 4 / Socket.IO 5 on namespace {@code /} (answers pings,
 * sends CONNECT on open) or the plain ceiling protocol. One per channel; runs on its event loop.
 */
final class WsConnection extends SimpleChannelInboundHandler<WebSocketFrame> implements BenchConnection {
    private final Dialect dialect;
    private final Listener listener;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private Channel channel;
    private boolean connected;
    private boolean reading;
    private boolean flushPending;
    private boolean closing;
    private boolean closedReported;
    private String failure;

    WsConnection(Dialect dialect, Listener listener) {
        this.dialect = dialect;
        this.listener = listener;
    }

    void attach(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(String frame) {
        if (connected && reading) {
            // an answer to what was just read: flushed once at read-complete with the others of this batch
            channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
            flushPending = true;
        } else if (connected) {
            channel.writeAndFlush(new TextWebSocketFrame(frame), channel.voidPromise());
        } else if (!closing) {
            queued.add(frame);
        }
    }

    @Override
    public void close() {
        closing = true;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public boolean isWritable() {
        return channel != null && channel.isWritable();
    }

    @Override
    public boolean isConnected() {
        return connected && channel.isActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE && dialect == Dialect.PLAIN) {
            onConnected();
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            failure = "websocket handshake timed out";
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        super.channelRead(ctx, msg);
    }

    /** Sends made while handling this read batch go out in one flush, as a client answering a burst would. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        // the hot path, a room message, is read from the frame's bytes without decoding a String
        long stamp = Dialect.roomMessageStamp(text.content(), dialect == Dialect.PLAIN ? 0 : 2);
        if (stamp >= 0) {
            listener.onRoomMessage(this, stamp);
            return;
        }
        String t = text.text();
        if (dialect == Dialect.PLAIN) {
            Dialect.dispatchEvent(t, 0, this, listener);
            return;
        }
        switch (t.isEmpty() ? ' ' : t.charAt(0)) {
            case '0' -> send40(ctx);
            case '2' -> {
                ctx.write(new TextWebSocketFrame("3"), ctx.voidPromise());
                flushPending = true;
            }
            case '4' -> onSocketIo(t);
            case '1' -> fail("engine close packet");
            default -> { }
        }
    }

    private void send40(ChannelHandlerContext ctx) {
        ctx.write(new TextWebSocketFrame("40"), ctx.voidPromise());
        flushPending = true;
    }

    private void onSocketIo(String t) {
        char type = t.length() > 1 ? t.charAt(1) : ' ';
        switch (type) {
            case '0' -> onConnected();
            case '2' -> Dialect.dispatchEvent(t, 2, this, listener);
            case '3' -> {
                int bracket = t.indexOf('[', 2);
                listener.onAck(this, bracket < 0 ? -1 : Dialect.numberAt(t, bracket + 1));
            }
            case '1' -> fail("socket.io disconnect packet");
            case '4' -> fail("connect_error " + t);
            default -> { }
        }
    }

    private void onConnected() {
        connected = true;
        for (String frame; (frame = queued.poll()) != null; ) {
            channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
        }
        channel.flush();
        listener.onConnected(this);
    }

    private void fail(String reason) {
        failure = reason;
        channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause.toString();
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reportClosed(failure != null ? failure : "connection closed by peer");
    }

    void reportClosed(String reason) {
        if (closedReported) {
            return;
        }
        closedReported = true;
        connected = false;
        listener.onClosed(this, closing, reason);
    }
}
