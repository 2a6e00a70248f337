package dev.socketeer.engine;

/**
 * Decides whether a handshake (or websocket upgrade) request may proceed, like Node's
 * {@code allowRequest} option. A refusal is answered with HTTP 403 and
 * {@code {"code":4,"message":<message>}}.
 *
 * <p>Threading: called on the connection's event loop; must not block. Answer the callback exactly
 * once, from any thread, possibly later.
 */
@FunctionalInterface
public interface AllowRequest {

    void check(EngineRequest request, Callback callback);

    /** The answer to {@link #check}. */
    interface Callback {
        void allow();

        void deny(String message);
    }
}
