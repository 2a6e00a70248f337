package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineTransport;
import dev.socketeer.engine.spi.DeferredTask;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The websocket transport: one packet per frame, binary as raw binary frames. Writes are flushed once
 * per batch of queued tasks rather than per frame ({@link DeferredTask}). Called on the
 * session's event loop; when that is not the channel's loop (a session upgraded from polling), Netty
 * hands the writes over in order.
 */
final class WebSocketTransport extends DeferredTask implements Transport {
    private final Channel channel;
    private final WebSocketChannelHandler reader;
    private final int compressionThreshold;
    private boolean closed;
    /** Whether permessage-deflate was negotiated: 0 not known yet, 1 no, 2 yes. */
    private byte deflate;
    /**
     * The frame encoder's context, where the bytes of an encoded frame enter the pipeline (see
     * {@link #rawOut}); null until looked up, or when the pipeline has none. Volatile: an upgraded
     * session's loop and the channel's loop may both look it up (the same context either way).
     */
    private volatile ChannelHandlerContext encoder;

    WebSocketTransport(Channel channel, WebSocketChannelHandler reader, int compressionThreshold) {
        this.channel = channel;
        this.reader = reader;
        this.compressionThreshold = compressionThreshold;
    }

    /** The coalesced flush ({@link DeferredTask}); not for other callers. */
    @Override
    protected void runDeferred() {
        rawOut().flush();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public EngineTransport name() {
        return EngineTransport.WEBSOCKET;
    }

    @Override
    public boolean writable() {
        return !closed && channel.isActive();
    }

    /** Whether Netty's outbound buffer is below its high-water mark (volatile packets are dropped otherwise). */
    boolean channelWritable() {
        return channel.isWritable();
    }

    /** Whether the session wants the connection read (inbound back-pressure); any thread. */
    void setReading(boolean reading) {
        reader.setSessionReading(reading);
    }

    /** Bytes queued for the client and not yet taken by the socket: frames, control frames included. */
    long pendingBytes() {
        return pendingBytes(channel);
    }

    static long pendingBytes(Channel channel) {
        var buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void send(List<EnginePacket> packets) {
        for (EnginePacket p : packets) {
            channel.write(frame(p), channel.voidPromise());
        }
        scheduleFlush();
    }

    /** Writes messages without wrapping them in packets first (the session's fast path); flushes like {@link #send}. */
    void sendMessages(List<EngineMessage> messages) {
        for (EngineMessage m : messages) {
            Object frame = shareableFrame(m);
            if (frame instanceof WebSocketFrame) {
                channel.write(frame, channel.voidPromise());
            } else {
                rawOut().write(frame, channel.voidPromise());
            }
        }
        scheduleFlush();
    }

    /**
     * Where bytes that are already a websocket frame, and flushes, enter the pipeline: at the frame
     * encoder, so they pass exactly the handlers between it and the socket (TLS, say) that the encoder's
     * own output passes, and not the handlers behind it, which expect frame objects and only hand bytes
     * on. For a broadcast that is most of the pipeline, per recipient. The channel itself when there is
     * no encoder (not yet, or removed).
     */
    private ChannelOutboundInvoker rawOut() {
        ChannelHandlerContext e = encoder;
        if (e == null || e.isRemoved()) {
            e = channel.pipeline().context(WebSocketFrameEncoder.class);
            if (e == null) {
                return channel;
            }
            encoder = e;
        }
        return e;
    }

    /**
     * The bytes of a text message that goes to several sockets (a broadcast), encoded as a websocket frame
     * once and shared by all of them: written as a buffer below the frame encoder, which has nothing to add
     * to a server frame (unmasked) unless permessage-deflate compresses it. Otherwise a frame for the encoder.
     */
    private Object shareableFrame(EngineMessage m) {
        if (!m.isBinary() && !(m.compress() && deflating() && MessageFrames.textPacket(m).length >= compressionThreshold)) {
            ByteBuf shared = MessageFrames.of(m).sharedWebSocketFrame();
            if (shared != null) {
                return shared;
            }
        }
        return frame(m);
    }

    private boolean deflating() {
        if (deflate == 0) {
            // the extension encoder joins the pipeline with the handshake response, before any message is sent
            deflate = channel.pipeline().get(WebSocketExtensionEncoder.class) != null ? (byte) 2 : (byte) 1;
        }
        return deflate == 2;
    }

    private void scheduleFlush() {
        if (!channel.eventLoop().inEventLoop()) {
            // An upgraded session may live on another loop than this channel: the writes above were
            // queued to the channel's loop, so a flush queued now runs after them. (The coalescing flag
            // below is confined to the channel's loop and would race here.)
            channel.flush();
            return;
        }
        if (EarlyFlush.flushEarly()) {
            rawOut().flush(); // a delivery with nothing queued behind it on this loop
            return;
        }
        defer(channel.eventLoop());
    }

    private static WebSocketFrame frame(EnginePacket p) {
        EngineMessage m = p.message();
        if (m == null) {
            return new TextWebSocketFrame(Unpooled.copiedBuffer(PacketCodec.encodeControl(p), StandardCharsets.UTF_8));
        }
        return frame(m);
    }

    private static WebSocketFrame frame(EngineMessage m) {
        if (m.isBinary()) {
            return PerMessageDeflate.binaryFrame(Unpooled.wrappedBuffer(m.binary()), m.compress());
        }
        return PerMessageDeflate.textFrame(Unpooled.wrappedBuffer(MessageFrames.textPacket(m)), m.compress());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
