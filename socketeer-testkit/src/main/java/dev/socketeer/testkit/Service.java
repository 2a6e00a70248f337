package dev.socketeer.testkit;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An external service some tests need: where it is expected, and the names that
 * {@value ServiceCondition#REQUIRE_ENV} uses for it. See {@link RequiresService}.
 *
 * <p>A server's address comes from a system property holding the URL the tests connect to (so the probe
 * and the tests can never disagree), with the local default of {@code .ci/run}:
 * <ul>
 *   <li>{@link #POSTGRESQL}: {@code -Dsocketeer.test.postgres.url=jdbc:postgresql://127.0.0.1:5432/test}</li>
 *   <li>{@link #REDIS}: {@code -Dsocketeer.test.redis.url=redis://127.0.0.1:6379}</li>
 * </ul>
 * A program the tests run themselves is there when its executable is found ({@link #program()}):
 * <ul>
 *   <li>{@link #NGINX}: {@code -Dsocketeer.test.nginx.path=/usr/sbin/nginx}, by default {@code nginx} on the
 *       {@code PATH} or in the {@code sbin} directories (Debian's package installs {@code /usr/sbin/nginx},
 *       which a user's {@code PATH} often lacks).</li>
 * </ul>
 */
public enum Service {

    POSTGRESQL("PostgreSQL", "socketeer.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test", 5432,
            List.of("postgresql", "postgres")),
    REDIS("Redis", "socketeer.test.redis.url", "redis://127.0.0.1:6379", 6379, List.of("redis")),
    /** A program, not a server: tests start their own nginx on a free port. */
    NGINX("nginx", "socketeer.test.nginx.path", "nginx", -1, List.of("nginx"));

    /** Where a program named without a directory is looked for after the {@code PATH}. */
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

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

    /**
     * The URL tests connect to (for a program: its path or name): the system property {@link #urlProperty()},
     * else the local default.
     */
    public String url() {
        String url = System.getProperty(urlProperty);
        return url == null || url.isBlank() ? defaultUrl : url.trim();
    }

    /** Whether this is a program the tests run ({@link #program()}) rather than a server they connect to. */
    public boolean isProgram() {
        return defaultPort < 0;
    }

    /**
     * The executable of a program service: {@link #url()} when it names a path, else the first executable
     * of that name on the {@code PATH} or in {@code /usr/local/sbin}, {@code /usr/sbin}, {@code /sbin}.
     *
     * @throws IllegalStateException when there is none, or for a server ({@link #isProgram()} false)
     */
    public Path program() {
        return locate().orElseThrow(() -> new IllegalStateException(displayName + " is not installed: "
                + whereLooked()));
    }

    /** {@link #program()}, or empty when the executable is not there. */
    Optional<Path> locate() {
        if (!isProgram()) throw new IllegalStateException(displayName + " is a server, not a program");
        String name = url();
        if (name.contains(File.separator)) {
            Path path = Path.of(name);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return directories().stream().map(dir -> Path.of(dir, name))
                .filter(path -> Files.isRegularFile(path) && Files.isExecutable(path)).findFirst();
    }

    /** For messages: what {@link #locate()} tried and how to move it. */
    String whereLooked() {
        String name = url();
        return (name.contains(File.separator) ? "no executable " + name
                : "no executable " + name + " on the PATH or in " + String.join(", ", SBIN))
                + "; moved with -D" + urlProperty + "=/path/to/" + requireName();
    }

    private static List<String> directories() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) dirs.add(dir);
            }
        }
        dirs.addAll(SBIN);
        return dirs;
    }

    /** The system property that moves the service, e.g. {@code socketeer.test.postgres.url}. */
    public String urlProperty() {
        return urlProperty;
    }

    /**
     * The host and port of {@link #url()} (a {@code jdbc:} prefix is ignored; no port: the default one).
     *
     * @throws IllegalStateException for a program ({@link #isProgram()})
     */
    public InetSocketAddress address() {
        if (isProgram()) throw new IllegalStateException(displayName + " is a program, not a server: see program()");
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
