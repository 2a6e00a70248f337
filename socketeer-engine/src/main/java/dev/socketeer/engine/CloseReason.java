package dev.socketeer.engine;

/**
 * Why an Engine.IO session closed, with the exact strings the Node server uses.
 *
 * <p>Immutable; safe to share across threads.
 */
public enum CloseReason {
    /** The client closed the connection, or sent a CLOSE packet. */
    TRANSPORT_CLOSE("transport close"),
    /** The underlying connection failed (reset, aborted request, I/O error). */
    TRANSPORT_ERROR("transport error"),
    /** The server closed the session ({@link EngineSocket#close()}). */
    FORCED_CLOSE("forced close"),
    /** The client did not answer a ping within {@code pingTimeout}. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is not a valid Engine.IO packet or payload. */
    PARSE_ERROR("parse error"),
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN("server shutting down");

    private final String wireName;

    CloseReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as Node names it, e.g. {@code "ping timeout"}. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
