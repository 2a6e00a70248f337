package dev.socketeer.engine;

import dev.socketeer.engine.internal.MessageFrames;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
    static {
        MessageFrames.access(EngineMessage::frames);
    }

    private final @Nullable String text;
    private final byte @Nullable [] binary;
    private final boolean compress;
    /** The shared encodings of a text message, made on first use (a benign race: one wins). */
    private volatile @Nullable MessageFrames frames;

    private EngineMessage(@Nullable String text, byte @Nullable [] binary, boolean compress, @Nullable MessageFrames frames) {
        this.text = text;
        this.binary = binary;
        this.compress = compress;
        this.frames = frames;
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
        return compress ? new EngineMessage(text, binary, false, frames()) : this;
    }

    /** Whether a transport may compress this message; {@code false} after {@link #uncompressed()}. */
    public boolean compress() {
        return compress;
    }

    /** Whether this is a binary message. */
    public boolean isBinary() {
        return binary != null;
    }

    /** The text, or {@code null} for a binary message. */
    public @Nullable String text() {
        return text;
    }

    /** The binary data, or {@code null} for a text message. Do not modify it. */
    public byte @Nullable [] binary() {
        return binary;
    }

    private @Nullable MessageFrames frames() {
        if (binary != null) {
            return null;
        }
        MessageFrames f = frames;
        if (f == null) {
            f = new MessageFrames(text);
            frames = f;
        }
        return f;
    }

    @Override
    public String toString() {
        String flag = compress ? "" : ", uncompressed";
        return isBinary() ? "EngineMessage[binary " + binary.length + " bytes" + flag + "]" : "EngineMessage[" + text + flag + "]";
    }
}
