package dev.socketeer.server;

import dev.socketeer.testkit.Service;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A throw-away schema on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), so
 * concurrent runs never collide. Connects as {@code postgres}, else {@code root}. The host, port and database
 * can be moved with {@code -Dsocketeer.test.postgres.url=jdbc:postgresql://...} ({@link Service#POSTGRESQL}).
 * Test classes get one by carrying {@link OnPostgres}: the schema is created when Spring builds the class's
 * context (never earlier, so the class skips without PostgreSQL) and dropped when that context closes.
 */
public final class PostgresSchema {

    private static final String URL = Service.POSTGRESQL.url();
    private final String name;
    private final String user;

    private PostgresSchema(String name, String user) {
        this.name = name;
        this.user = user;
    }

    /** Creates {@code socketeer_test_<random>}; fails with the reason when PostgreSQL cannot be reached. */
    public static PostgresSchema create() {
        String name = "socketeer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SQLException last = null;
        for (String user : List.of("postgres", "root")) {
            try (Connection c = DriverManager.getConnection(URL, user, ""); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + name);
                return new PostgresSchema(name, user);
            } catch (SQLException e) {
                last = e;
            }
        }
        throw new IllegalStateException("PostgreSQL is needed at " + URL + " (trust auth, user postgres or root):"
                + " start it with pg_ctlcluster, or see .ci/run", last);
    }

    /** The application's datasource and Flyway pointed at this schema. */
    Map<String, Object> properties() {
        return Map.of(
                "spring.datasource.url", URL + "?currentSchema=" + name,
                "spring.datasource.username", user,
                "spring.datasource.password", "",
                "spring.flyway.schemas", name,
                // Spring keeps every test context (and its pool) open until the JVM ends: a few connections each,
                // so the PostgreSQL classes together stay far below the server's max_connections (100 by default)
                "spring.datasource.hikari.maximum-pool-size", "4",
                "spring.datasource.hikari.minimum-idle", "1");
    }

    void drop() {
        try (Connection c = DriverManager.getConnection(URL, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + name, e);
        }
    }

    /** Gives each {@link OnPostgres} class's context a schema of its own (one context, one schema, per class). */
    static final class Customizers implements ContextCustomizerFactory {
        @Override
        public @Nullable ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return AnnotatedElementUtils.hasAnnotation(testClass, OnPostgres.class) ? new InSchema(testClass) : null;
        }
    }

    private record InSchema(Class<?> testClass) implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PostgresSchema schema = create();
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("postgres schema " + schema.name, schema.properties()));
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> schema.drop());
        }
    }
}
