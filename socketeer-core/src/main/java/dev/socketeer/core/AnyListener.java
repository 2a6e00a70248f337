package dev.socketeer.core;

import tools.jackson.databind.JsonNode;

/**
 * Sees every event of a socket, incoming ({@link Socket#onAny}) or outgoing
 * ({@link Socket#onAnyOutgoing}), with its name and its arguments as a JSON array.
 *
 * <p>Threading: runs on the handler executor, in order with the socket's other callbacks.
 */
@FunctionalInterface
public interface AnyListener {
    void onEvent(String event, JsonNode args) throws Exception;
}
