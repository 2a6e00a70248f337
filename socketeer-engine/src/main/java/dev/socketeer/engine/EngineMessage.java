package dev.socketeer.engine;

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

    @Override
    public String toString() {
        String flag = compress ? "" : ", uncompressed";
        return isBinary() ? "EngineMessage[binary " + binary.length + " bytes" + flag + "]" : "EngineMessage[" + text + flag + "]";
    }
}
