package dev.socketeer.server.bench;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code bench} profile (an unauthenticated Socket.IO contract for benchmarks) together
 * with {@code prod}, before any bean is created: {@link BenchProfileFailureAnalyzer} prints why. Runs once
 * per application start, on the starting thread, after the configuration files are loaded and before the
 * prod secret check, so the clearer reason wins. Stateless.
 */
public final class BenchProfileCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("bench")) && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new BenchProfileInProductionException();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
