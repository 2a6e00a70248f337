package dev.socketeer.server.donations;

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
 * Runs {@code compat/seeds/donations-snippet.js} (seed 004's browser snippet, unchanged: {@code io(url +
 * "/donations", {auth: {token}})}) under node with a token and reads the JSON line it prints per event, in
 * arrival order. Not thread safe: one test thread drives it.
 */
final class DonationsSnippet implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Process process;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

    private DonationsSnippet(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readLines, "donations-snippet-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the snippet against {@code url} with {@code token} in its (stand-in) {@code localStorage}. */
    static DonationsSnippet start(String url, String token) throws IOException {
        Path compat = compatDir();
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("socketeer.node", "node"),
                compat.resolve("seeds/donations-snippet.js").toString())
                .directory(compat.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SOCKETEER_URL", url);
        builder.environment().put("SOCKETEER_TOKEN", token);
        return new DonationsSnippet(builder.start());
    }

    /** Waits for the snippet's socket to connect. */
    void awaitConnected() throws InterruptedException {
        assertThat(next(Duration.ofSeconds(15)).path("event").asString()).isEqualTo("connect");
    }

    /** The next line, which must be {@code event}; returns its {@code data}. */
    JsonNode next(String event, Duration timeout) throws InterruptedException {
        JsonNode line = next(timeout);
        assertThat(line.path("event").asString()).as("snippet line %s", line).isEqualTo(event);
        return line.get("data");
    }

    /** The next line, whatever it is: {@code {"event": ..., ...}}. */
    JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(line).as("a line from donations-snippet.js within %s (alive: %s)", timeout, process.isAlive())
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
        assertThat(Files.isRegularFile(dir.resolve("seeds/donations-snippet.js"))).isTrue();
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
