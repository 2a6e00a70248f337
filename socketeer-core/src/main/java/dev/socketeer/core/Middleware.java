package dev.socketeer.core;

import org.jspecify.annotations.Nullable;

/**
 * Connection middleware of a namespace, Node's {@code io.use((socket, next) => ...)}: runs for each
 * socket before it connects, in registration order. {@link Next#fail} (or an exception thrown here)
 * refuses the connection with {@code CONNECT_ERROR {"message", "data"}}.
 *
 * <p>Threading: runs on the handler executor, in order per client connection; {@code next} may be
 * called later, from any thread, once.
 */
@FunctionalInterface
public interface Middleware {

    void handle(Socket socket, Next next) throws Exception;

    /** Continues or ends the middleware chain; only the first call counts. Thread safe. */
    interface Next {
        /** Runs the next middleware, or connects the socket after the last one. */
        void proceed();

        /** Refuses the connection with {@code {"message": message}}. */
        void fail(String message);

        /** Refuses the connection with {@code {"message": message, "data": data}}. */
        void fail(String message, @Nullable Object data);
    }
}
