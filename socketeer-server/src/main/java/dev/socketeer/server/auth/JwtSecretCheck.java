package dev.socketeer.server.auth;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile without {@code socketeer.server.jwt.secret}, before any bean is
 * created (no migration, no port): {@link MissingJwtSecretFailureAnalyzer} prints why and what to do.
 * Runs once per application start, after the configuration files are loaded.
 */
public final class JwtSecretCheck implements EnvironmentPostProcessor, Ordered {

    static final String SECRET_PROPERTY = "socketeer.server.jwt.secret";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String secret = environment.getProperty(SECRET_PROPERTY);
        if (environment.acceptsProfiles(Profiles.of("prod")) && (secret == null || secret.isBlank())) {
            throw new MissingJwtSecretException();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
