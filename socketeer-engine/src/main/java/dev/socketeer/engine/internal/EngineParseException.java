package dev.socketeer.engine.internal;

/** Input that is not a valid Engine.IO packet or payload; closes the session with "parse error". */
final class EngineParseException extends Exception {
    EngineParseException(String message) {
        super(message, null, false, false);
    }
}
