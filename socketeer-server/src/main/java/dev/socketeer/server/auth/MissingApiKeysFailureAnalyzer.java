package dev.socketeer.server.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link MissingApiKeysException} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public final class MissingApiKeysFailureAnalyzer extends AbstractFailureAnalyzer<MissingApiKeysException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingApiKeysException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set socketeer.server.api-keys (environment variable SOCKETEER_SERVER_API_KEYS) to one or more random"
                        + " keys separated by commas, e.g. the output of: openssl rand -base64 32",
                cause);
    }
}
