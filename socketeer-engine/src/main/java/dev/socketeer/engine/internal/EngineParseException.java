package dev.socketeer.engine.internal;

import java.util.List;

/** Input that is not a valid Engine.IO packet or payload; closes the session with "parse error". */
final class EngineParseException extends Exception {
    private final transient List<EnginePacket> decodedBefore;

    EngineParseException(String message) {
        this(message, List.of());
    }

    EngineParseException(String message, List<EnginePacket> decodedBefore) {
        super(message, null, false, false);
        this.decodedBefore = List.copyOf(decodedBefore);
    }

    /** The packets of a polling payload that came before the invalid one (Node processes them). */
    List<EnginePacket> decodedBefore() {
        return decodedBefore;
    }
}
