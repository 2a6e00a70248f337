package dev.socketeer.testkit;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * An external service some tests need: where it is expected, and the names that
 * {@value ServiceCondition#REQUIRE_ENV} uses for it. See {@link RequiresService}.
 *
 * <p>The address comes from a system property holding the URL the tests connect to (so the probe and the
 * tests can never disagree), with the local default of {@code .ci/run}:
 * <ul>
 *   <li>{@link #POSTGRESQL}: {@code -Dsocketeer.test.postgres.url=jdbc:postgresql://127.0.0.1:5432/test}</li>
 *   <li>{@link #REDIS}: {@code -Dsocketeer.test.redis.url=redis://127.0.0.1:6379}</li>
 * </ul>
 */
public enum Service {

    POSTGRESQL("PostgreSQL", "socketeer.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test", 5432,
            List.of("postgresql", "postgres")),
    REDIS("Redis", "socketeer.test.redis.url", "redis://127.0.0.1:6379", 6379, List.of("redis"));

    private final String displayName;
    private final String urlProperty;
    private final String defaultUrl;
    private final int defaultPort;
    private final List<String> names;

    Service(String displayName, String urlProperty, String defaultUrl, int defaultPort, List<String> names) {
        this.displayName = displayName;
        this.urlProperty = urlProperty;
        this.defaultUrl = defaultUrl;
        this.defaultPort = defaultPort;
        this.names = names;
    }

    /** The URL tests connect to: the system property {@link #urlProperty()}, else the local default. */
    public String url() {
        String url = System.getProperty(urlProperty);
        return url == null || url.isBlank() ? defaultUrl : url.trim();
    }

    /** The system property that moves the service, e.g. {@code socketeer.test.postgres.url}. */
    public String urlProperty() {
        return urlProperty;
    }

    /** The host and port of {@link #url()} (a {@code jdbc:} prefix is ignored; no port: the default one). */
    public InetSocketAddress address() {
        String url = url();
        URI uri;
        try {
            uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + urlProperty + "=" + url + " is not a URL", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("-D" + urlProperty + "=" + url + " names no host");
        }
        return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort());
    }

    /** Human name, e.g. {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /** Whether {@code name} (case-insensitive) names this service in {@value ServiceCondition#REQUIRE_ENV}. */
    boolean isNamed(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The name used in {@value ServiceCondition#REQUIRE_ENV}, e.g. {@code postgresql}. */
    public String requireName() {
        return names.get(0);
    }
}
