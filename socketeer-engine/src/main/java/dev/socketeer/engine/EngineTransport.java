package dev.socketeer.engine;

import org.jspecify.annotations.Nullable;

/**
 * The Engine.IO transports, named as on the wire ({@code transport=polling|websocket}).
 *
 * <p>Immutable; safe to share across threads.
 */
public enum EngineTransport {
    POLLING("polling"),
    WEBSOCKET("websocket");

    private final String wireName;

    EngineTransport(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the {@code transport} query parameter and the handshake's {@code upgrades}. */
    public String wireName() {
        return wireName;
    }

    /** Returns the transport with this wire name, or {@code null} when there is none. */
    public static @Nullable EngineTransport fromWireName(String name) {
        for (EngineTransport t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
