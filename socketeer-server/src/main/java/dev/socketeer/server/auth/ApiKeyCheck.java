package dev.socketeer.server.auth;

import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the {@code prod} profile without {@code socketeer.server.api-keys}, before any bean is
 * created: {@link MissingApiKeysFailureAnalyzer} prints why and what to do. Bound like the properties
 * ({@code SOCKETEER_SERVER_API_KEYS=a,b} counts). Runs once per application start, after the configuration
 * files are loaded; listed after {@link JwtSecretCheck} (same order), so a missing secret is reported first.
 */
public final class ApiKeyCheck implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "socketeer.server.api-keys";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> keys = Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
        if (new ApiKeyProperties(keys).keys().isEmpty()) {
            throw new MissingApiKeysException();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
