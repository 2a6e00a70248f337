package dev.socketeer.server.hub;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which custom event names a caller may send: not one of Socket.IO's reserved names (the client library
 * would treat them as its own lifecycle events, or refuse them), 1 to {@value #MAX_LENGTH} characters, a
 * letter first, then letters, digits, {@code _ . : -}. Stateless.
 */
final class EventNames {
    static final int MAX_LENGTH = 64;
    static final Set<String> RESERVED = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]*");

    private EventNames() {}

    /** {@code name} when a caller may send it; else an {@link IllegalArgumentException} saying why. */
    static String check(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Event name must be 1 to " + MAX_LENGTH + " characters");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("Event name '" + name + "' is reserved by Socket.IO");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Event name must start with a letter and hold only letters, digits,"
                    + " '_', '.', ':' and '-'");
        }
        return name;
    }
}
