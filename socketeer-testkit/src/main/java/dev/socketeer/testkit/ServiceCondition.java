package dev.socketeer.testkit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link ExecutionCondition} behind {@link RequiresService}: probes each listed server with a TCP
 * connect ({@link #CONNECT_TIMEOUT}), once per address and JVM, looks for each listed program's executable
 * ({@link Service#program()}), and
 * <ul>
 *   <li>enables the test when all answer (programs: are installed);</li>
 *   <li>disables it when one does not, with a reason naming the service, the address and how to require
 *       it; the first time per service and JVM it also prints a warning to standard error;</li>
 *   <li>throws, failing the test, when a service that does not answer is required by
 *       {@value #REQUIRE_ENV} ({@code postgresql}, {@code redis}, {@code nginx}, comma or space separated, or
 *       {@code all}). An unknown name there fails too, so a typo cannot turn CI's checks into skips.</li>
 * </ul>
 *
 * <p>Threading: stateless apart from the thread-safe probe cache; safe for parallel execution.
 */
public final class ServiceCondition implements ExecutionCondition {

    /** The environment variable listing services whose absence fails tests instead of skipping them. */
    public static final String REQUIRE_ENV = "SOCKETEER_REQUIRE_SERVICES";
    /**
     * JUnit configuration parameter: {@code true} keeps the warning off the console (for tests that run an
     * annotated class through the launcher on purpose); the skip or failure is the same.
     */
    public static final String QUIET_PARAMETER = "socketeer.test.services.quiet";
    /** How long a probe waits for the TCP connect. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Map<InetSocketAddress, Optional<String>> PROBES = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Function<Service, InetSocketAddress> addresses;
    private final Function<Service, Optional<Path>> programs;
    private final String requireEnv;
    private final Map<InetSocketAddress, Optional<String>> probes;
    private final Set<String> warned;
    private final Consumer<String> warnings;

    /**
     * Used by JUnit: addresses from {@link Service#address()}, requirements from {@value #REQUIRE_ENV}, probes
     * and warnings once per JVM, warnings to the console ({@link #printToConsole}).
     */
    public ServiceCondition() {
        this(Service::address, Service::locate, System.getenv(REQUIRE_ENV), PROBES, WARNED,
                ServiceCondition::printToConsole);
    }

    /** For tests of the condition: probes and warnings of its own, programs where {@link Service} finds them. */
    ServiceCondition(Function<Service, InetSocketAddress> addresses, String requireEnv, Consumer<String> warnings) {
        this(addresses, Service::locate, requireEnv, warnings);
    }

    /** For tests of the condition: probes, program look-ups and warnings of its own. */
    ServiceCondition(Function<Service, InetSocketAddress> addresses, Function<Service, Optional<Path>> programs,
            String requireEnv, Consumer<String> warnings) {
        this(addresses, programs, requireEnv, new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet(), warnings);
    }

    private ServiceCondition(Function<Service, InetSocketAddress> addresses, Function<Service, Optional<Path>> programs,
            String requireEnv, Map<InetSocketAddress, Optional<String>> probes, Set<String> warned,
            Consumer<String> warnings) {
        this.addresses = addresses;
        this.programs = programs;
        this.requireEnv = requireEnv;
        this.probes = probes;
        this.warned = warned;
        this.warnings = warnings;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresService> annotation =
                AnnotationSupport.findAnnotation(context.getElement(), RequiresService.class);
        if (annotation.isEmpty()) return ConditionEvaluationResult.enabled("no @RequiresService");
        ServiceCondition condition = context.getConfigurationParameter(QUIET_PARAMETER, Boolean::parseBoolean)
                .orElse(false) ? new ServiceCondition(addresses, programs, requireEnv, text -> {}) : this;
        return condition.evaluate(context.getTestClass().map(Class::getName).orElse(context.getDisplayName()),
                annotation.get().value());
    }

    /**
     * The decision for {@code test} needing {@code services}; throws {@link ServiceUnavailableError} for a
     * required one.
     */
    ConditionEvaluationResult evaluate(String test, Service... services) {
        Set<Service> required = required(requireEnv);
        List<String> missing = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Service service : services) {
            String where = service.isProgram() ? missingProgram(service) : silentServer(service);
            if (where == null) continue;
            if (required.contains(service)) {
                throw new ServiceUnavailableError(where + ", and " + REQUIRE_ENV + "=" + requireEnv
                        + " requires it: " + (service.isProgram() ? "install" : "start") + " it (see .ci/run) or"
                        + " point -D" + service.urlProperty() + " at it");
            }
            if (warned.add(service.name())) warnings.accept(warning(service, where, test));
            missing.add(where);
            names.add(service.requireName());
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(Arrays.stream(services).map(Service::displayName)
                    .collect(Collectors.joining(", ")) + " answering");
        }
        return ConditionEvaluationResult.disabled("SKIPPED: " + String.join("; ", missing)
                + "; set " + REQUIRE_ENV + "=" + String.join(",", names) + " to fail instead");
    }

    /** Why the server {@code service} is missing, or null when it answers. */
    private @Nullable String silentServer(Service service) {
        InetSocketAddress address = addresses.apply(service);
        Optional<String> failure = probes.computeIfAbsent(address, ServiceCondition::probe);
        if (failure.isEmpty()) return null;
        return service.displayName() + " does not answer at " + address.getHostString() + ":" + address.getPort()
                + " (" + failure.get() + "; URL " + service.url() + ", moved with -D" + service.urlProperty() + ")";
    }

    /** Why the program {@code service} is missing, or null when it is installed. */
    private @Nullable String missingProgram(Service service) {
        if (programs.apply(service).isPresent()) return null;
        return service.displayName() + " is not installed (" + service.whereLooked() + ")";
    }

    /** The text of the one warning per service. */
    private static String warning(Service service, String where, String firstTest) {
        String rule = "[WARNING] " + "*".repeat(100);
        return String.join("\n", rule,
                "[WARNING] " + where + ":",
                "[WARNING] SKIPPING every test class of this module marked @RequiresService(" + service.name() + ")"
                        + " (first: " + firstTest + ");",
                "[WARNING] surefire names each below as \"Tests run: N, ..., Skipped: N, ... in <class>\".",
                "[WARNING] " + (service.isProgram() ? "Install " : "Start ") + service.displayName()
                        + " (see .ci/run), or set " + REQUIRE_ENV + "="
                        + service.requireName() + " to fail these tests instead of skipping them.",
                rule);
    }

    /**
     * Prints to the JVM's own standard error, which reaches the Maven console: surefire's
     * {@code redirectTestOutputToFile} captures {@code System.err} into a report file, but copies the forked
     * JVM's native standard error to the console (where a crashing JVM's last words go), so the warning shows
     * in {@code ./mvnw verify} output above the {@code Tests run: ..., Skipped: N ... in <class>} lines that
     * name each skipped class. (Native standard output would corrupt surefire's channel: never use it.)
     */
    private static void printToConsole(String text) {
        @SuppressWarnings("resource") // the process's standard error: never closed
        PrintStream nativeErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        nativeErr.println(text);
        System.err.println(text); // the same in the report file, for IDEs and readers of target/surefire-reports
    }

    /** The services {@code env} requires; unknown names throw. */
    static Set<Service> required(String env) {
        Set<Service> required = EnumSet.noneOf(Service.class);
        if (env == null) return required;
        for (String name : env.trim().split("[,\\s]+")) {
            if (name.isEmpty()) continue;
            if (name.equalsIgnoreCase("all")) return EnumSet.allOf(Service.class);
            Service service = Arrays.stream(Service.values()).filter(s -> s.isNamed(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(REQUIRE_ENV + "=" + env + ": unknown service '"
                            + name + "' (known: " + Arrays.stream(Service.values()).map(Service::requireName)
                            .collect(Collectors.joining(", ")) + ", or all)"));
            required.add(service);
        }
        return required;
    }

    /** Empty when a TCP connect to {@code address} succeeds, else why it failed. */
    private static Optional<String> probe(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
                    (int) CONNECT_TIMEOUT.toMillis());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A service listed in {@value #REQUIRE_ENV} does not answer. */
    public static final class ServiceUnavailableError extends AssertionError {
        private static final long serialVersionUID = 1L;

        ServiceUnavailableError(String message) {
            super(message);
        }
    }
}
