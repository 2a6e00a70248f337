package dev.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** {@link RequiresService} without any real service: a server socket of our own, and a closed port. */
class ServiceConditionTest {

    private final List<String> warnings = new ArrayList<>();

    @Test
    void enabledWhenTheServiceAnswers() throws IOException {
        try (ServerSocket up = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServiceCondition condition = new ServiceCondition(s -> address(up.getLocalPort()), null, warnings::add);
            assertThat(condition.evaluate("test", Service.POSTGRESQL).isDisabled()).isFalse();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void disabledNamingServiceAndAddressWhenNothingAnswersAndWarnsOnce() throws IOException {
        int closed = closedPort();
        ServiceCondition condition = new ServiceCondition(s -> address(closed), null, warnings::add);
        ConditionEvaluationResult result = condition.evaluate("dev.example.FirstTest", Service.REDIS);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).get().asString()
                .contains("Redis does not answer at 127.0.0.1:" + closed, ServiceCondition.REQUIRE_ENV + "=redis");
        assertThat(condition.evaluate("dev.example.SecondTest", Service.REDIS).isDisabled()).isTrue();
        assertThat(warnings).singleElement().asString()
                .contains("[WARNING] Redis does not answer at 127.0.0.1:" + closed, "SKIPPING",
                        "@RequiresService(REDIS)", "first: dev.example.FirstTest", "Skipped: N",
                        ServiceCondition.REQUIRE_ENV + "=redis")
                .doesNotContain("SecondTest");
    }

    @Test
    void disabledWhenAnyOfSeveralServicesIsMissingAndAnotherIsRequiredButUp() throws IOException {
        int closed = closedPort();
        try (ServerSocket up = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServiceCondition condition = new ServiceCondition(
                    s -> address(s == Service.POSTGRESQL ? up.getLocalPort() : closed), "postgresql", warnings::add);
            ConditionEvaluationResult result = condition.evaluate("test", Service.POSTGRESQL, Service.REDIS);
            assertThat(result.isDisabled()).isTrue();
            assertThat(result.getReason()).get().asString().contains("Redis").doesNotContain("PostgreSQL");
        }
    }

    @Test
    void failsWhenAMissingServiceIsRequired() throws IOException {
        int closed = closedPort();
        for (String env : List.of("postgresql", "redis, POSTGRES", "all")) {
            ServiceCondition condition = new ServiceCondition(s -> address(closed), env, warnings::add);
            assertThatThrownBy(() -> condition.evaluate("test", Service.POSTGRESQL))
                    .as(env).isInstanceOf(ServiceCondition.ServiceUnavailableError.class)
                    .hasMessageContaining("PostgreSQL does not answer at 127.0.0.1:" + closed)
                    .hasMessageContaining(ServiceCondition.REQUIRE_ENV + "=" + env + " requires it");
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void readsTheRequiredServices() {
        assertThat(ServiceCondition.required(null)).isEmpty();
        assertThat(ServiceCondition.required(" ")).isEmpty();
        assertThat(ServiceCondition.required("redis")).containsExactly(Service.REDIS);
        assertThat(ServiceCondition.required("postgresql,redis")).containsExactly(Service.POSTGRESQL, Service.REDIS);
        assertThat(ServiceCondition.required("postgresql,redis,nginx")).isEqualTo(EnumSet.allOf(Service.class));
        assertThat(ServiceCondition.required("ALL")).isEqualTo(EnumSet.allOf(Service.class));
        assertThatThrownBy(() -> ServiceCondition.required("postgresql,mongo"))
                .hasMessageContaining("unknown service 'mongo'");
    }

    @Test
    void addressesComeFromTheUrlProperties() {
        String postgres = System.getProperty(Service.POSTGRESQL.urlProperty());
        String redis = System.getProperty(Service.REDIS.urlProperty());
        try {
            System.clearProperty(Service.POSTGRESQL.urlProperty());
            System.clearProperty(Service.REDIS.urlProperty());
            assertThat(Service.POSTGRESQL.address()).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 5432));
            assertThat(Service.REDIS.address()).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 6379));
            System.setProperty(Service.POSTGRESQL.urlProperty(), "jdbc:postgresql://db.example:6543/app?ssl=true");
            assertThat(Service.POSTGRESQL.address()).isEqualTo(InetSocketAddress.createUnresolved("db.example", 6543));
            System.setProperty(Service.POSTGRESQL.urlProperty(), "jdbc:postgresql://db.example/app");
            assertThat(Service.POSTGRESQL.address()).isEqualTo(InetSocketAddress.createUnresolved("db.example", 5432));
            System.setProperty(Service.REDIS.urlProperty(), "redis://cache:7000/0");
            assertThat(Service.REDIS.address()).isEqualTo(InetSocketAddress.createUnresolved("cache", 7000));
        } finally {
            restore(Service.POSTGRESQL.urlProperty(), postgres);
            restore(Service.REDIS.urlProperty(), redis);
        }
    }

    @Test
    void aProgramIsThereWhenItsExecutableIsFoundAndSkipsOrFailsNamingWhereItWasLookedFor() {
        ServiceCondition installed = new ServiceCondition(s -> {
            throw new AssertionError("a program is not probed over TCP");
        }, s -> Optional.of(Path.of("/usr/sbin/nginx")), "nginx", warnings::add);
        assertThat(installed.evaluate("test", Service.NGINX).isDisabled()).isFalse();

        ServiceCondition missing = new ServiceCondition(s -> address(1), s -> Optional.empty(), null, warnings::add);
        ConditionEvaluationResult result = missing.evaluate("dev.example.ProxyTest", Service.NGINX);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).get().asString()
                .contains("nginx is not installed (no executable", "-Dsocketeer.test.nginx.path=",
                        ServiceCondition.REQUIRE_ENV + "=nginx");
        assertThat(warnings).singleElement().asString().contains("@RequiresService(NGINX)", "Install nginx");

        ServiceCondition required = new ServiceCondition(s -> address(1), s -> Optional.empty(), "redis nginx",
                warnings::add);
        assertThatThrownBy(() -> required.evaluate("test", Service.NGINX))
                .isInstanceOf(ServiceCondition.ServiceUnavailableError.class)
                .hasMessageContaining("nginx is not installed").hasMessageContaining("install it (see .ci/run)");
    }

    @Test
    void aProgramIsFoundByPathOrNameAndHasNoAddress(@TempDir Path dir) throws IOException {
        String old = System.getProperty(Service.NGINX.urlProperty());
        try {
            Path program = Files.createFile(dir.resolve("nginx"));
            System.setProperty(Service.NGINX.urlProperty(), program.toString());
            assertThat(Service.NGINX.locate()).isEmpty(); // not executable
            assertThat(program.toFile().setExecutable(true)).isTrue();
            assertThat(Service.NGINX.program()).isEqualTo(program);
            System.setProperty(Service.NGINX.urlProperty(), dir.resolve("absent").toString());
            assertThatThrownBy(Service.NGINX::program).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nginx is not installed: no executable " + dir.resolve("absent"));
            System.setProperty(Service.NGINX.urlProperty(), "sh"); // a name: looked up on the PATH
            assertThat(Service.NGINX.program().getFileName().toString()).isEqualTo("sh");
        } finally {
            restore(Service.NGINX.urlProperty(), old);
        }
        assertThat(Service.NGINX.isProgram()).isTrue();
        assertThat(Service.REDIS.isProgram()).isFalse();
        assertThatThrownBy(Service.NGINX::address).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(Service.REDIS::program).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Through JUnit itself: the class is skipped (or, when the environment requires PostgreSQL, failed) before
     * its static initializer and {@code @BeforeAll} run, the way Spring tests must be.
     */
    @Test
    void skipsTheAnnotatedClassBeforeItInitializes() throws IOException {
        String property = Service.POSTGRESQL.urlProperty();
        String old = System.getProperty(property);
        List<String> skipped = new ArrayList<>();
        List<TestExecutionResult> failed = new ArrayList<>();
        try {
            System.setProperty(property, "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test");
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(NeedsPostgres.class))
                    .configurationParameter(ServiceCondition.QUIET_PARAMETER, "true").build(), new TestExecutionListener() {
                        @Override
                        public void executionSkipped(TestIdentifier test, String reason) {
                            skipped.add(test.getDisplayName() + ": " + reason);
                        }

                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) failed.add(result);
                        }
                    });
        } finally {
            restore(property, old);
        }
        if (ServiceCondition.required(System.getenv(ServiceCondition.REQUIRE_ENV)).contains(Service.POSTGRESQL)) {
            assertThat(skipped).isEmpty();
            assertThat(failed).singleElement().extracting(r -> r.getThrowable().orElseThrow()).asString()
                    .contains("PostgreSQL does not answer");
        } else {
            assertThat(failed).isEmpty();
            assertThat(skipped).singleElement().asString()
                    .contains("NeedsPostgres: SKIPPED: PostgreSQL does not answer at 127.0.0.1:");
        }
        assertThat(TOUCHED).as("NeedsPostgres initialized or ran").isFalse();
    }

    /** Set by {@link NeedsPostgres} when its class initializes or anything of it runs. */
    private static final AtomicBoolean TOUCHED = new AtomicBoolean();

    @RequiresService(Service.POSTGRESQL)
    static class NeedsPostgres {
        static {
            TOUCHED.set(true); // where a test would create its schema too early
        }

        @BeforeAll
        static void start() {
            TOUCHED.set(true);
        }

        @Test
        void query() {
            TOUCHED.set(true);
        }
    }

    private static InetSocketAddress address(int port) {
        return InetSocketAddress.createUnresolved("127.0.0.1", port);
    }

    /** A loopback port nothing listens on: one the system just gave us and we closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }
}
