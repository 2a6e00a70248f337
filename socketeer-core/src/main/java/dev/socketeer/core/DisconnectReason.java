package dev.socketeer.core;

import dev.socketeer.engine.CloseReason;
import java.util.Set;

/**
 * Why a {@link Socket} left its namespace, with the exact strings Node's socket.io uses.
 *
 * <p>Immutable; safe to share across threads.
 */
public enum DisconnectReason {
    /** The underlying connection failed. */
    TRANSPORT_ERROR("transport error"),
    /** The client closed the connection. */
    TRANSPORT_CLOSE("transport close"),
    /** The engine session was closed by the server. */
    FORCED_CLOSE("forced close"),
    /** The client did not answer a ping in time. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent an invalid Engine.IO packet. */
    PARSE_ERROR("parse error"),
    /** {@link SocketIoServer#close()} was called. */
    SERVER_SHUTTING_DOWN("server shutting down"),
    /** The server closed the whole connection ({@code socket.disconnect(true)}, connect timeout, invalid state). */
    FORCED_SERVER_CLOSE("forced server close"),
    /** The client left the namespace ({@code socket.disconnect()} on the client). */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server removed the socket from the namespace ({@code socket.disconnect()}). */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

    private static final Set<DisconnectReason> RECOVERABLE = Set.of(TRANSPORT_ERROR, TRANSPORT_CLOSE,
            FORCED_CLOSE, PING_TIMEOUT, SERVER_SHUTTING_DOWN, FORCED_SERVER_CLOSE);

    private final String wireName;

    DisconnectReason(String wireName) {
        this.wireName = wireName;
    }

    /** The reason as Node names it, e.g. {@code "ping timeout"}. */
    public String wireName() {
        return wireName;
    }

    /** Whether connection state recovery keeps the session after this reason (Node's list). */
    public boolean isRecoverable() {
        return RECOVERABLE.contains(this);
    }

    /** The reason matching an engine close reason. */
    public static DisconnectReason of(CloseReason reason) {
        switch (reason) {
            case TRANSPORT_CLOSE: return TRANSPORT_CLOSE;
            case TRANSPORT_ERROR: return TRANSPORT_ERROR;
            case FORCED_CLOSE: return FORCED_CLOSE;
            case PING_TIMEOUT: return PING_TIMEOUT;
            case PARSE_ERROR: return PARSE_ERROR;
            case SERVER_SHUTTING_DOWN: return SERVER_SHUTTING_DOWN;
            default: throw new IllegalArgumentException("reason: " + reason);
        }
    }

    @Override
    public String toString() {
        return wireName;
    }
}
