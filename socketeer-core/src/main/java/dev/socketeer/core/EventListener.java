package dev.socketeer.core;

import tools.jackson.databind.JsonNode;

/**
 * Handles one event from a client: Node's {@code socket.on(event, (...args, ack) => ...)}.
 *
 * <p>{@code args} is a JSON array of the event arguments (binary arguments as binary nodes);
 * {@code ack} is {@link Ack#NONE} when the client did not ask for an acknowledgement.
 *
 * <p>Threading: runs on the handler executor, in order with the other callbacks of the same client
 * connection. An exception is logged and passed to the socket's error listeners.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(JsonNode args, Ack ack) throws Exception;
}
