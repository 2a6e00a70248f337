package dev.socketeer.core;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Receives the client's acknowledgement of an event emitted to one socket.
 *
 * <p>Called once: with {@code error == null} and the ack arguments as a JSON array, or with an
 * {@link AckTimeoutException} ("operation has timed out") and {@code args == null}, or with an
 * {@link IllegalStateException} ("socket has been disconnected") if the socket left first.
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other callbacks.
 */
@FunctionalInterface
public interface AckCallback {
    void onAck(@Nullable Throwable error, @Nullable JsonNode args);
}
