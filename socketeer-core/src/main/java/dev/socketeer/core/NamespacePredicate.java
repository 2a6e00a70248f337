package dev.socketeer.core;

import tools.jackson.databind.JsonNode;

/**
 * Decides whether a CONNECT to an unknown namespace creates a child of a dynamic namespace, Node's
 * {@code io.of((name, auth, next) => next(null, allowed))}.
 *
 * <p>Threading: runs on the handler executor of the connecting client; must not block for long.
 */
@FunctionalInterface
public interface NamespacePredicate {
    boolean test(String name, JsonNode auth);
}
