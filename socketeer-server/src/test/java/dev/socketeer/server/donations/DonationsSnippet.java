package dev.socketeer.server.donations;

import dev.socketeer.server.NodeSnippet;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code compat/seeds/donations-snippet.js} (seed 004's browser snippet, unchanged: {@code io(url +
 * "/donations", {auth: {token}})}) under node with a token and reads the line it prints per event, strictly
 * in arrival order. Not thread safe: one test thread drives it.
 */
final class DonationsSnippet implements AutoCloseable {
    private final NodeSnippet snippet;

    private DonationsSnippet(NodeSnippet snippet) {
        this.snippet = snippet;
    }

    /** Starts the snippet against {@code url} with {@code token} in its (stand-in) {@code localStorage}. */
    static DonationsSnippet start(String url, String token) throws IOException {
        return new DonationsSnippet(NodeSnippet.start("donations-snippet.js",
                Map.of("SOCKETEER_URL", url, "SOCKETEER_TOKEN", token)));
    }

    /** Waits for the snippet's socket to connect. */
    void awaitConnected() throws InterruptedException {
        snippet.nextStrict("connect", Duration.ofSeconds(15));
    }

    /** The next line, which must be {@code event}; returns its {@code data}. */
    JsonNode next(String event, Duration timeout) throws InterruptedException {
        return snippet.nextStrict(event, timeout).get("data");
    }

    /** The next line, whatever it is: {@code {"event": ..., ...}}. */
    JsonNode next(Duration timeout) throws InterruptedException {
        return snippet.nextLine(timeout);
    }

    @Override
    public void close() throws IOException {
        snippet.close();
    }
}
