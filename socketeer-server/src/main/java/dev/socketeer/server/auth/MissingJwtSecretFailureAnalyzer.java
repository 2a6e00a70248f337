package dev.socketeer.server.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link MissingJwtSecretException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public final class MissingJwtSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingJwtSecretException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingJwtSecretException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set socketeer.server.jwt.secret (environment variable SOCKETEER_SERVER_JWT_SECRET) to a random"
                        + " value of at least 32 bytes, e.g. the output of: openssl rand -base64 48",
                cause);
    }
}
