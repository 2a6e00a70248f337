package dev.socketeer.server.bench;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link BenchProfileInProductionException} into Spring Boot's short "APPLICATION FAILED TO START"
 * report. Called by Spring Boot on the starting thread when startup fails; stateless.
 */
public final class BenchProfileFailureAnalyzer extends AbstractFailureAnalyzer<BenchProfileInProductionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BenchProfileInProductionException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Remove bench from spring.profiles.active (SPRING_PROFILES_ACTIVE); it is meant for socketeer-bench"
                        + " on a loopback address only.",
                cause);
    }
}
