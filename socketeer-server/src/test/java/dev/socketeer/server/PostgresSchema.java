package dev.socketeer.server;

import dev.socketeer.testkit.Service;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A throw-away schema on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust auth), so
 * concurrent runs never collide. Connects as {@code postgres}, else {@code root}. The host, port and database
 * can be moved with {@code -Dsocketeer.test.postgres.url=jdbc:postgresql://...} ({@link Service#POSTGRESQL}).
 * Test classes using it carry {@code @RequiresService(Service.POSTGRESQL)} and call {@link #create()} lazily
 * (in {@code @DynamicPropertySource}), never in a static initializer, so they skip without PostgreSQL.
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

    /** Points the application's datasource and Flyway at this schema. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> name);
        // Spring keeps every test context (and its pool) open until the JVM ends: a few connections each, so
        // the PostgreSQL classes together stay far below the server's max_connections (100 by default)
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    public void drop() {
        try (Connection c = DriverManager.getConnection(URL, user, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + name, e);
        }
    }
}
