package dev.socketeer.server.auth;

/** Startup refused: the {@code prod} profile is active but {@code socketeer.server.api-keys} is not set. */
final class MissingApiKeysException extends IllegalStateException {

    static final String MESSAGE = "socketeer.server.api-keys must be set when the prod profile is active; set it,"
            + " e.g. through the SOCKETEER_SERVER_API_KEYS environment variable (comma-separated)";

    MissingApiKeysException() {
        super(MESSAGE);
    }
}
