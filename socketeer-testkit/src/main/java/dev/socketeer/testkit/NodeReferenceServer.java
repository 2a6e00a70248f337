package dev.socketeer.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Node {@code socket.io} 4.8 server ({@code compat/reference-server.js}) implementing the "room"
 * contract on namespace {@code /}: {@code joinRoom}, {@code roomMessage}, {@code echo} (acked) and
 * {@code message} (broadcast to the others as {@code messageBroadcast}). Used to prove the driver and
 * as the baseline in side-by-side benchmarks.
 *
 * <p>Lifecycle: {@link #start()} launches the process and returns its port (once); {@link #close()}
 * stops it (SIGTERM, then kill). The process also exits when the JVM exits, because its stdin closes.
 * Threading: not thread safe; start and close from one thread. Its output goes to {@link System#err}
 * with the prefix {@code [reference-server] }.
 */
public final class NodeReferenceServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String PREFIX = "[reference-server] ";

    private final int requestedPort;
    private final String script;
    private final Map<String, String> env;
    private Process process;
    private int port;

    /** A server on a free port. */
    public NodeReferenceServer() {
        this(0);
    }

    /** A server on {@code port} (0 picks a free one). */
    public NodeReferenceServer(int port) {
        this(port, "reference-server.js", Map.of());
    }

    private NodeReferenceServer(int port, String script, Map<String, String> env) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port);
        this.requestedPort = port;
        this.script = script;
        this.env = Map.copyOf(env);
    }

    /**
     * Another server script of {@code compat/} with the same start contract (it reads {@code PORT}, takes
     * {@code --exit-with-stdin}, prints {@code {"port":N}} as its first line), e.g. {@code redis-node.js}
     * with the extra environment {@code env}; on a free port.
     */
    public static NodeReferenceServer script(String script, Map<String, String> env) {
        return new NodeReferenceServer(0, script, env);
    }

    /** Starts the server and waits until it listens on 127.0.0.1; returns the port. */
    public int start() {
        if (process != null) throw new IllegalStateException("already started on port " + port);
        Map<String, String> processEnv = new java.util.HashMap<>(env);
        processEnv.put("PORT", Integer.toString(requestedPort));
        process = NodeLauncher.start(script, List.of("--exit-with-stdin"), PREFIX, processEnv);
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                firstLine.complete(r.readLine());
                for (String line; (line = r.readLine()) != null; ) System.err.println(PREFIX + line);
            } catch (IOException e) {
                firstLine.completeExceptionally(e);
            }
        }, "reference-server-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = firstLine.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) throw new IllegalStateException("reference server exited before listening");
            port = DriverJson.MAPPER.readTree(line).path("port").asInt();
            if (port <= 0) throw new IllegalStateException("reference server printed no port: " + line);
            return port;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the reference server", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw new IllegalStateException("reference server did not start within " + START_TIMEOUT, e);
        }
    }

    /** The port, after {@link #start()}. */
    public int port() {
        if (port == 0) throw new IllegalStateException("not started");
        return port;
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code namespace} (for example {@code "/"}). */
    public String url(String namespace) {
        return "http://127.0.0.1:" + port() + namespace;
    }

    /**
     * Kills the server at once (SIGKILL), as a crash would: it closes nothing and tells no one. Returns once
     * the process is gone. Idempotent.
     */
    public void kill() {
        if (process == null || !process.isAlive()) return;
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server. Idempotent. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
