package dev.socketeer.engine.internal;

import dev.socketeer.engine.EngineMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * The encodings of one text {@link EngineMessage}, made once and shared by every session it is sent to:
 * how a broadcast writes the same bytes to every target. Kept out of the public value type; the message
 * holds one instance, created on first use, and the transports reach it through {@link #of}.
 *
 * <p>Threading: safe from any thread; two threads may race to build an encoding, which only costs a copy.
 */
public final class MessageFrames {
    private static volatile Function<EngineMessage, MessageFrames> access;

    private final String text;
    private volatile byte[] textPacket;
    /** null: never asked for; {@link #SENT_ONCE}; or the shared websocket frame (direct, never modified). */
    private volatile Object webSocketFrame;
    private static final Object SENT_ONCE = new Object();

    /** For {@link EngineMessage} only: {@code text} is the message's text. */
    public MessageFrames(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /**
     * Called once, by {@link EngineMessage}'s class initializer, with the function that returns a
     * message's frames (the OkHttp {@code Internal} pattern: the value type stays free of engine detail).
     */
    public static void access(Function<EngineMessage, MessageFrames> frames) {
        if (access != null) {
            throw new IllegalStateException("already set");
        }
        access = frames;
    }

    /** The frames of a text message. */
    static MessageFrames of(EngineMessage m) {
        return access.apply(m);
    }

    /** The UTF-8 bytes of the packet {@code "4" + text} of a text message, made once. Do not modify them. */
    static byte[] textPacket(EngineMessage m) {
        return of(m).textPacket();
    }

    byte[] textPacket() {
        byte[] packet = textPacket;
        if (packet == null) {
            packet = ("4" + text).getBytes(StandardCharsets.UTF_8);
            textPacket = packet;
        }
        return packet;
    }

    /**
     * The complete unmasked websocket text frame of a text message (FIN, opcode 1, length, payload
     * {@code "4" + text}) in direct memory, as a new retained duplicate that the caller owns and releases
     * (a channel write does); every websocket the message is written to shares the same bytes.
     * {@code null} the first time it is asked for: a message written to one socket (an ack, a unicast
     * emit) is not worth a buffer of its own, so only the second and later recipients share one.
     */
    ByteBuf sharedWebSocketFrame() {
        Object frame = webSocketFrame;
        if (frame == null) {
            webSocketFrame = SENT_ONCE;
            return null;
        }
        ByteBuf built;
        if (frame instanceof ByteBuf b) {
            built = b;
        } else {
            // one reference held by this message and never released: the duplicates' releases return the
            // count to it, and the direct memory goes with the message (the JDK buffer's cleaner)
            built = Unpooled.wrappedBuffer(encodeWebSocketFrame(textPacket()));
            webSocketFrame = built;
        }
        return built.retainedDuplicate();
    }

    private static ByteBuffer encodeWebSocketFrame(byte[] payload) {
        int n = payload.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        ByteBuffer b = ByteBuffer.allocateDirect(header + n);
        b.put((byte) 0x81); // FIN + text
        if (n < 126) {
            b.put((byte) n);
        } else if (n <= 0xFFFF) {
            b.put((byte) 126).putShort((short) n);
        } else {
            b.put((byte) 127).putLong(n);
        }
        b.put(payload).flip();
        return b;
    }
}
