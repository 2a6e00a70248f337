package dev.socketeer.core.protocol;

/**
 * A packet that violates Socket.IO protocol 5. The message says exactly what is wrong; the
 * connection that sent it is closed with reason {@code parse error}.
 *
 * <p>Thrown by {@link PacketDecoder} on the thread that decodes; like any exception, not meant to be
 * shared across threads while being modified.
 */
public final class ParseException extends Exception {
    public ParseException(String message) {
        super(message);
    }

    /** A violation detected by a lower layer (e.g. malformed JSON), kept as the cause. */
    public ParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
