package dev.socketeer.core;

/**
 * What happens to an event a client sends over its socket's {@link RateLimit}. Every action also tells the
 * {@link ServerListener#onEventRateLimited server listeners} (the Spring Boot metrics count it as
 * {@code socketeer.events.rate-limited}); the event never reaches the socket's listeners or middleware.
 *
 * <p>Immutable; safe to share across threads.
 */
public enum RateLimitAction {
    /** The event is dropped; a client waiting for its acknowledgement gets none (its own timeout applies). */
    DROP,
    /**
     * An event with an acknowledgement is answered at once with one argument,
     * {@code {"status":"error","message":"rate limit exceeded"}} (the shape the reference server's handlers
     * answer errors with); an event without one is dropped.
     */
    ERROR_ACK,
    /**
     * The socket is disconnected from its namespace, as {@code socket.disconnect()} does (the client sees
     * {@code "io server disconnect"} and does not reconnect by itself); its disconnect listeners get
     * {@link DisconnectReason#SERVER_NAMESPACE_DISCONNECT} with the description {@value RateLimit#EXCEEDED}.
     */
    DISCONNECT
}
