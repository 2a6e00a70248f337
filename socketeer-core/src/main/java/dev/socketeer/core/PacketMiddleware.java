package dev.socketeer.core;

import tools.jackson.databind.JsonNode;

/**
 * Per-socket middleware for incoming events, Node's {@code socket.use(([event, ...args], next) => ...)}.
 * {@code packet} is the JSON array {@code [event, ...args]}. {@link Next#fail} stops the event and
 * passes the error to the socket's error listeners (Node's {@code "error"} event); the client is not told.
 *
 * <p>Threading: runs on the handler executor, in order per client connection; {@code next} may be
 * called later, from any thread, once.
 */
@FunctionalInterface
public interface PacketMiddleware {

    void handle(JsonNode packet, Next next) throws Exception;

    /** Continues or ends the chain; only the first call counts. Thread safe. */
    interface Next {
        void proceed();

        void fail(Exception error);
    }
}
