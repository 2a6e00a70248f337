package dev.socketeer.engine;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The payload of one Engine.IO MESSAGE packet: a string or binary data.
 *
 * <p>A message is encoded once and its bytes are shared by every session it is sent to, which is
 * how a broadcast writes the same bytes to every target. Instances are immutable (the binary array
 * must not be modified after construction) and safe to share across threads.
 */
public final class EngineMessage {
    private final String text;
    private final byte[] binary;
    private volatile byte[] textFrame;

    private EngineMessage(String text, byte[] binary) {
        this.text = text;
        this.binary = binary;
    }

    /** A text message. */
    public static EngineMessage text(String text) {
        return new EngineMessage(Objects.requireNonNull(text, "text"), null);
    }

    /** A binary message; the array is not copied and must not be modified afterwards. */
    public static EngineMessage binary(byte[] data) {
        return new EngineMessage(null, Objects.requireNonNull(data, "data"));
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
        return isBinary() ? "EngineMessage[binary " + binary.length + " bytes]" : "EngineMessage[" + text + "]";
    }
}
