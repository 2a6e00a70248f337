package dev.socketeer.bench.soak;

import dev.socketeer.bench.BenchOptions;
import dev.socketeer.bench.client.Dialect;
import dev.socketeer.bench.server.ServerProcess;
import dev.socketeer.bench.server.ServerTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference server ({@code socketeer-server/target/socketeer-server.jar}) as a separate JVM for the soak
 * and the bad-input check, and its memory readings. Its settings: loopback, a known API key and JWT secret
 * (the clients trigger room notifications and forge tokens of users that do not exist), tokens valid for a
 * day (the soak logs in once), WARN logging, and a database that keeps stored rows out of the heap:
 * PostgreSQL in a schema of its own ({@code --db=postgres}, the default) or an in-memory H2
 * ({@code --db=h2}, nothing to install, but every stored claim then lives in the measured heap).
 *
 * <p>Lifecycle: {@link #start}, {@link #sample}/{@link #heapAfterGcKb} while running, {@link #close()}.
 * Threading: not thread safe.
 */
final class SoakServer implements AutoCloseable {
    static final String JAR = "socketeer-server/target/socketeer-server.jar";
    static final String API_KEY = "soak-api-key-0123456789abcdef";
    static final String JWT_SECRET = "soak-jwt-secret-0123456789abcdef-0123456789";
    /**
     * The server's JVM options unless {@code --jvm.opts} says otherwise: a fixed, bounded heap, touched in full
     * at startup, so that RSS does not grow as the old generation first reaches pages it never touched before
     * (without it a first soak's RSS rose ≈ 50 MiB/h, its heap mapping's share of it), and RSS measures what
     * the heap measurement does not: native memory; serial GC; and native memory tracking, so that RSS that
     * grows can be told apart ({@link #nativeMemory}).
     */
    static final String JVM = "-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:NativeMemoryTracking=summary";

    private final ServerProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long started = System.nanoTime();

    private SoakServer(ServerProcess process) {
        this.process = process;
    }

    static SoakServer start(Path root, BenchOptions o, List<String> pin, Path log) {
        Path jar = root.resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it: ./mvnw -B -pl socketeer-server -am package -DskipTests");
        }
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        Arrays.stream(o.string("jvm.opts", JVM).split(" ")).filter(s -> !s.isBlank()).forEach(cmd::add);
        cmd.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port={port}",
                "--socketeer.server.api-keys=" + API_KEY, "--socketeer.server.jwt.secret=" + JWT_SECRET,
                "--socketeer.server.jwt.ttl=24h", "--logging.level.dev.socketeer=WARN", "--spring.main.banner-mode=off"));
        String db = o.string("db", "postgres");
        switch (db) {
            case "postgres" -> {
                String schema = "soak_" + Long.toString(System.currentTimeMillis(), 36);
                String url = o.string("db.url", "jdbc:postgresql://127.0.0.1:5432/test");
                cmd.addAll(List.of("--spring.datasource.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                        "--spring.datasource.username=" + o.string("db.user", "postgres"),
                        "--spring.datasource.password=" + o.string("db.password", ""),
                        "--spring.flyway.schemas=" + schema, "--spring.datasource.hikari.maximum-pool-size=8"));
                System.out.println("[soak] PostgreSQL schema " + schema + " (drop it afterwards: DROP SCHEMA " + schema + " CASCADE)");
            }
            case "h2" -> cmd.add("--spring.datasource.url=jdbc:h2:mem:soak;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            default -> throw new IllegalArgumentException("--db must be postgres or h2, not " + db);
        }
        ServerTarget target = new ServerTarget("reference-server", Dialect.SOCKET_IO, true, cmd, true);
        return new SoakServer(ServerProcess.start(target, pin, log));
    }

    int port() {
        return process.port();
    }

    long pid() {
        return process.pid();
    }

    /** Heap in use right after a full GC, KiB: the median of {@code n} readings a second apart. */
    long heapAfterGcKb(int n) throws InterruptedException {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) Thread.sleep(1000);
            r[i] = process.heapUsedAfterGcKb();
        }
        Arrays.sort(r);
        return r[n / 2];
    }

    /** {@code jcmd VM.native_memory summary} (a message saying so when tracking is off). */
    String nativeMemory() {
        return process.jcmd("VM.native_memory", "summary");
    }

    long rssKb() {
        return process.rssKb();
    }

    /**
     * A full reading: heap after GC, RSS, threads, descriptors, the Prometheus page's size. The heap is the
     * lower of two readings 3 s apart: a reading also holds what requests in flight hold at that instant (a
     * probe's 1 MB body, a burst of queued broadcasts), which rarely lasts into the second one.
     */
    MemorySample sample() throws InterruptedException {
        long first = process.heapUsedAfterGcKb();
        Thread.sleep(3000);
        long heap = Math.min(first, process.heapUsedAfterGcKb());
        return new MemorySample((System.nanoTime() - started) / 1e9, heap, process.rssKb(), process.threads(), fds(), prometheusBytes());
    }

    private long fds() {
        try (var list = Files.list(Path.of("/proc/" + pid() + "/fd"))) {
            return list.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private long prometheusBytes() {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? r.body().length : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
