package dev.socketeer.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload of one Engine.IO MESSAGE packet: a string or binary data, and whether it may be
 * compressed (Node's {@code compress} send option).
 *
 * <p>A compressible message (the default) is compressed as the transport would any other: with
 * permessage-deflate on a websocket, or HTTP compression on a polling answer, when that is enabled and the
 * data reaches {@link EngineOptions#compressionThreshold()}. An {@link #uncompressed()} message never is
 * on a websocket; a polling answer is compressed only if one of its packets may be, as in Node.
 *
 * <p>A message is encoded once and its bytes are shared by every session it is sent to, which is
 * how a broadcast writes the same bytes to every target. Instances are immutable (the binary array
 * must not be modified after construction) and safe to share across threads.
 */
public final class EngineMessage {
    private final String text;
    private final byte[] binary;
    private final boolean compress;
    private volatile byte[] textFrame;
    /** null: never asked for; {@link #SENT_ONCE}; or the shared websocket frame (direct, never modified). */
    private volatile Object webSocketFrame;
    private static final Object SENT_ONCE = new Object();

    private EngineMessage(String text, byte[] binary, boolean compress, byte[] textFrame) {
        this.text = text;
        this.binary = binary;
        this.compress = compress;
        this.textFrame = textFrame;
    }

    /** A text message, compressed per the transport's threshold. */
    public static EngineMessage text(String text) {
        return new EngineMessage(Objects.requireNonNull(text, "text"), null, true, null);
    }

    /**
     * A binary message, compressed per the transport's threshold; the array is not copied and must not
     * be modified afterwards.
     */
    public static EngineMessage binary(byte[] data) {
        return new EngineMessage(null, Objects.requireNonNull(data, "data"), true, null);
    }

    /** This message marked never to be compressed; shares the data (and any encoded frame) with this one. */
    public EngineMessage uncompressed() {
        return compress ? new EngineMessage(text, binary, false, textFrame) : this;
    }

    /** Whether a transport may compress this message; {@code false} after {@link #uncompressed()}. */
    public boolean compress() {
        return compress;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The text, or {@code null} for a binary message. */
    public String text() {
        return text;
    }

    /** The binary data, or {@code null} for a text message. Do not modify it. */
    public byte[] binary() {
        return binary;
    }

    /**
     * The UTF-8 bytes of the encoded packet {@code "4" + text}, computed once and cached; used as the
     * content of a websocket text frame. Do not modify the returned array.
     */
    public byte[] encodedTextPacket() {
        byte[] frame = textFrame;
        if (frame == null) {
            frame = ("4" + text).getBytes(StandardCharsets.UTF_8);
            textFrame = frame;
        }
        return frame;
    }

    /**
     * For the engine's websocket transport: the complete unmasked websocket text frame of this message
     * (FIN, opcode 1, length, payload {@code "4" + text}) in direct memory, as a new retained duplicate
     * that the caller owns and releases (a channel write does); every websocket the message is written to
     * shares the same bytes. {@code null} for binary messages and the first time it is asked for: a
     * message written to one socket (an ack, a unicast emit) is not worth a buffer of its own, so only the
     * second and later recipients share one. Safe from any thread; two threads may race to build the
     * frame, which only costs a copy.
     */
    public ByteBuf sharedWebSocketFrame() {
        if (binary != null) {
            return null;
        }
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
            built = Unpooled.wrappedBuffer(encodeWebSocketFrame(encodedTextPacket()));
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

    @Override
    public String toString() {
        String flag = compress ? "" : ", uncompressed";
        return isBinary() ? "EngineMessage[binary " + binary.length + " bytes" + flag + "]" : "EngineMessage[" + text + flag + "]";
    }
}
