package dev.socketeer.server.auth;

/** Startup refused: the {@code prod} profile is active but {@code socketeer.server.jwt.secret} is not set. */
final class MissingJwtSecretException extends IllegalStateException {

    static final String MESSAGE = "socketeer.server.jwt.secret must be set (at least 32 bytes) when the prod"
            + " profile is active; set it, e.g. through the SOCKETEER_SERVER_JWT_SECRET environment variable";

    MissingJwtSecretException() {
        super(MESSAGE);
    }
}
