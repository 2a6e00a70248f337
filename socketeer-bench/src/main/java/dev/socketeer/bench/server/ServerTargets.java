package dev.socketeer.bench.server;

import dev.socketeer.bench.client.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The known servers, by name: {@code node} (compat/reference-server.js), {@code socketeer}
 * (socketeer-example, standalone), {@code socketeer-fixed} (the same with a fixed pool of 2 handler
 * threads), {@code plain} (the Netty ceiling), and {@code spring} (the reference server
 * {@code socketeer-server} on Spring Boot WebFlux with its {@code bench} profile, once its jar has been
 * built). Stateless.
 */
public final class ServerTargets {
    private ServerTargets() {
    }

    /**
     * The targets named in {@code names}, in order; {@code spring} is skipped with a note on stderr when
     * its jar is missing or predates the {@code bench} profile (build it with
     * {@code ./mvnw -pl socketeer-server -am package -DskipTests}; {@code bench/run.sh} does).
     *
     * @param root the checkout root (holds {@code compat/})
     * @param jvmOptions extra JVM options for the Java servers
     */
    public static List<ServerTarget> select(List<String> names, Path root, List<String> jvmOptions) {
        return select(names, root, jvmOptions, List.of());
    }

    /** Like {@link #select(List, Path, List)} with extra {@linkplain #custom custom} targets. */
    public static List<ServerTarget> select(List<String> names, Path root, List<String> jvmOptions, List<ServerTarget> extra) {
        Map<String, ServerTarget> all = available(root, jvmOptions);
        extra.forEach(t -> all.put(t.name(), t));
        List<ServerTarget> out = new ArrayList<>();
        for (String name : names) {
            ServerTarget t = all.get(name);
            if (t != null) {
                out.add(t);
            } else if (name.equals("spring")) {
                System.err.println("[bench] skipping server 'spring': " + springMissing(root)
                        + "; build it with ./mvnw -B -q -pl socketeer-server -am package -DskipTests");
            } else {
                throw new IllegalArgumentException("unknown server: " + name + " (known: " + all.keySet()
                        + (all.containsKey("spring") ? "" : " and spring") + ")");
            }
        }
        return out;
    }

    static Map<String, ServerTarget> available(Path root, List<String> jvmOptions) {
        Map<String, ServerTarget> all = new LinkedHashMap<>();
        Path compat = root.resolve("compat");
        all.put("node", new ServerTarget("node", Dialect.SOCKET_IO, false,
                List.of(System.getProperty("socketeer.node", "node"), compat.resolve("reference-server.js").toString(),
                        "--exit-with-stdin"), true));
        all.put("socketeer", new ServerTarget("socketeer", Dialect.SOCKET_IO, true,
                java(jvmOptions, SocketeerServerMain.class.getName()), true));
        all.put("socketeer-fixed", new ServerTarget("socketeer-fixed", Dialect.SOCKET_IO, true,
                java(jvmOptions, SocketeerServerMain.class.getName()), true)
                .withJvmOption("-D" + SocketeerServerMain.HANDLER_THREADS + "=2"));
        all.put("plain", new ServerTarget("plain", Dialect.PLAIN, true,
                java(jvmOptions, PlainServerMain.class.getName()), false));
        if (springMissing(root) == null) {
            List<String> cmd = new ArrayList<>(List.of(javaBin()));
            cmd.addAll(jvmOptions);
            // server.address: the bench profile binds loopback anyway; said here so the contract is visible
            cmd.addAll(List.of("-jar", root.resolve(SPRING_JAR).toString(), "--spring.profiles.active=" + SPRING_PROFILE,
                    "--server.address=127.0.0.1", "--server.port={port}"));
            all.put("spring", new ServerTarget("spring", Dialect.SOCKET_IO, true, cmd, true));
        }
        return all;
    }

    /**
     * The Spring-mounted reference server, {@code socketeer-server}'s executable jar: with the
     * {@link #SPRING_PROFILE} profile its event hub (seed 001's {@code HubGateway}, a {@code @SocketGateway}
     * for anonymous clients) serves the "room" contract on {@code /}, with presence events off, on
     * {@code --server.port}, logging to stderr. Spring's startup takes seconds; {@link ServerProcess} waits up
     * to 120 s for the port.
     */
    static final String SPRING_JAR = "socketeer-server/target/socketeer-server.jar";
    static final String SPRING_PROFILE = "bench";
    /** A resource only a jar with the bench profile has (an older jar would serve no contract). */
    private static final String SPRING_PROFILE_ENTRY = "BOOT-INF/classes/application-bench.properties";

    /** Why the spring target cannot run here, or null when it can. */
    private static String springMissing(Path root) {
        Path jar = root.resolve(SPRING_JAR);
        if (!Files.isRegularFile(jar)) {
            return "no " + SPRING_JAR;
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(SPRING_PROFILE_ENTRY) == null ? SPRING_JAR + " has no bench profile (stale build)" : null;
        } catch (IOException e) {
            return "cannot read " + SPRING_JAR + ": " + e.getMessage();
        }
    }

    /**
     * Adds targets given as {@code --target.NAME=DIALECT command...} (dialect {@code socket_io} or
     * {@code plain}); the command either prints {@code {"port":N}} for {@code PORT=0} or takes
     * {@code {port}}.
     */
    public static List<ServerTarget> custom(java.util.Map<String, String> given) {
        List<ServerTarget> out = new ArrayList<>();
        given.forEach((key, value) -> {
            if (!key.startsWith("target.")) return;
            String[] parts = value.trim().split("\\s+");
            Dialect dialect = Dialect.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
            List<String> cmd = List.of(parts).subList(1, parts.length);
            out.add(new ServerTarget(key.substring(7), dialect, cmd.get(0).endsWith("java"), cmd, dialect == Dialect.SOCKET_IO));
        });
        return out;
    }

    private static List<String> java(List<String> jvmOptions, String mainClass) {
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        return cmd;
    }

    private static String javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }
}
