package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.EngineTransport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The websocket transport: one packet per frame, binary as raw binary frames. Writes are flushed once
 * per batch of queued tasks rather than per frame, and the flushes of every channel of an event loop
 * written in that batch share one task ({@link LoopFlusher}): a broadcast to 1,000 sockets queues one
 * flush task, not 1,000, and a flush still runs after every write queued before it, so writes of
 * broadcasts that queued up while the loop was busy leave in one system call per socket. Called on the
 * session's event loop; when that is not the channel's loop (a session upgraded from polling), Netty
 * hands the writes over in order.
 */
final class WebSocketTransport implements Transport {
    private static final FastThreadLocal<LoopFlusher> FLUSHERS = new FastThreadLocal<>() {
        @Override
        protected LoopFlusher initialValue() {
            return new LoopFlusher();
        }
    };

    private final Channel channel;
    private final int compressionThreshold;
    private boolean flushScheduled; // confined to the channel's loop
    private boolean closed;
    /** Whether permessage-deflate was negotiated: 0 not known yet, 1 no, 2 yes. */
    private byte deflate;

    WebSocketTransport(Channel channel, int compressionThreshold) {
        this.channel = channel;
        this.compressionThreshold = compressionThreshold;
    }

    /**
     * The channels of one event loop with writes waiting for a flush, and the one task that flushes them.
     * Confined to its loop's thread (one instance per thread).
     */
    private static final class LoopFlusher implements Runnable {
        private ArrayList<WebSocketTransport> dirty = new ArrayList<>();
        private ArrayList<WebSocketTransport> spare = new ArrayList<>();
        private boolean scheduled;

        void add(WebSocketTransport t) {
            dirty.add(t);
            if (!scheduled) {
                scheduled = true;
                t.channel.eventLoop().execute(this);
            }
        }

        @Override
        public void run() {
            scheduled = false;
            ArrayList<WebSocketTransport> batch = dirty;
            dirty = spare; // a flush may write again (a listener); those join the next batch
            spare = batch;
            for (int i = 0; i < batch.size(); i++) {
                WebSocketTransport t = batch.get(i);
                t.flushScheduled = false;
                t.channel.flush();
            }
            batch.clear();
        }
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

    /** Bytes written but not yet flushed to the socket. */
    long pendingBytes() {
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
            channel.write(shareableFrame(m), channel.voidPromise());
        }
        scheduleFlush();
    }

    /**
     * The bytes of a text message that goes to several sockets (a broadcast), encoded as a websocket frame
     * once and shared by all of them: written as a buffer below the frame encoder, which has nothing to add
     * to a server frame (unmasked) unless permessage-deflate compresses it. Otherwise a frame for the encoder.
     */
    private Object shareableFrame(EngineMessage m) {
        if (!m.isBinary() && !(m.compress() && deflating() && m.encodedTextPacket().length >= compressionThreshold)) {
            ByteBuffer shared = m.sharedWebSocketFrame();
            if (shared != null) {
                return Unpooled.wrappedBuffer(shared);
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
        if (!flushScheduled) {
            flushScheduled = true;
            FLUSHERS.get().add(this);
        }
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
        return PerMessageDeflate.textFrame(Unpooled.wrappedBuffer(m.encodedTextPacket()), m.compress());
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
