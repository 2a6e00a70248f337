package dev.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a seed's front-end snippet ({@code compat/seeds/<name>}) under node with environment variables and
 * reads the JSON lines it prints, one per event ({@code {"event": ..., ...}}). Not thread safe: one test
 * thread drives it; a daemon thread reads stdout.
 */
public final class NodeSnippet implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Process process;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final List<JsonNode> skipped = new ArrayList<>();

    private NodeSnippet(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "node-snippet-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code compat/seeds/<script>} with these environment variables. */
    public static NodeSnippet start(String script, Map<String, String> environment) throws IOException {
        Path compat = compatDir();
        Path file = compat.resolve("seeds").resolve(script);
        assertThat(Files.isRegularFile(file)).as("%s exists", file).isTrue();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("socketeer.node", "node"), file.toString())
                .directory(compat.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        return new NodeSnippet(builder.start());
    }

    /**
     * The oldest line not yet returned whose {@code event} is {@code event}; lines of other events stay for
     * later calls (events of different kinds may arrive in either order).
     */
    public JsonNode next(String event, Duration timeout) throws InterruptedException {
        for (Iterator<JsonNode> it = skipped.iterator(); it.hasNext(); ) {
            JsonNode line = it.next();
            if (line.path("event").asString().equals(event)) {
                it.remove();
                return line;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line).as("a %s line from the snippet within %s (alive: %s; other lines: %s)", event, timeout,
                    process.isAlive(), skipped).isNotNull();
            if (line.path("event").asString().equals(event)) return line;
            skipped.add(line);
        }
    }

    /** The oldest line not yet returned, whatever its event, in arrival order. */
    public JsonNode nextLine(Duration timeout) throws InterruptedException {
        if (!skipped.isEmpty()) {
            return skipped.remove(0);
        }
        JsonNode line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line from the snippet within %s (alive: %s)", timeout, process.isAlive()).isNotNull();
        return line;
    }

    /** The next line in arrival order, which must be {@code event}. */
    public JsonNode nextStrict(String event, Duration timeout) throws InterruptedException {
        JsonNode line = nextLine(timeout);
        assertThat(line.path("event").asString()).as("snippet line %s", line).isEqualTo(event);
        return line;
    }

    private void readLines() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) lines.add(JSON.readTree(line));
        } catch (IOException e) {
            // the process is gone; a test waiting on next() reports it
        }
    }

    private static Path compatDir() {
        String configured = System.getProperty("socketeer.compat.dir");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "compat");
        assertThat(dir.resolve("node_modules/socket.io-client")).as("npm ci in compat/").exists();
        return dir.toAbsolutePath().normalize();
    }

    /** Closes the snippet's stdin (it exits on that) and waits up to 5 s before killing it. */
    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
