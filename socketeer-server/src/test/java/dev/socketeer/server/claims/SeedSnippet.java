package dev.socketeer.server.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code compat/seeds/claims-snippet.js} (seed 000's front-end code, unchanged) under node against a
 * server URL and reads the JSON lines it prints. Not thread safe: one test thread drives it.
 */
final class SeedSnippet implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Process process;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

    private SeedSnippet(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "claims-snippet-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static SeedSnippet start(String url) throws IOException {
        Path compat = compatDir();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("socketeer.node", "node"),
                compat.resolve("seeds/claims-snippet.js").toString())
                .directory(compat.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SOCKETEER_URL", url);
        return new SeedSnippet(builder.start());
    }

    /** Waits for the snippet's socket to connect. */
    void awaitConnected() throws InterruptedException {
        assertThat(next(Duration.ofSeconds(15)).path("event").asString()).isEqualTo("connect");
    }

    /** The next claim the snippet received as {@code newClaim}. */
    JsonNode nextClaim(Duration timeout) throws InterruptedException {
        JsonNode line = next(timeout);
        assertThat(line.path("event").asString()).as("snippet line %s", line).isEqualTo("newClaim");
        return line.get("claim");
    }

    private JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line from claims-snippet.js within %s (alive: %s)", timeout, process.isAlive())
                .isNotNull();
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
        assertThat(Files.isRegularFile(dir.resolve("seeds/claims-snippet.js"))).isTrue();
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
