package dev.socketeer.core;

import org.jspecify.annotations.Nullable;

/**
 * Told when a socket is leaving ({@link Socket#onDisconnecting}) or has left
 * ({@link Socket#onDisconnect}) its namespace. {@code description} may be {@code null}.
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other callbacks.
 */
@FunctionalInterface
public interface DisconnectListener {
    void onDisconnect(DisconnectReason reason, @Nullable String description) throws Exception;
}
