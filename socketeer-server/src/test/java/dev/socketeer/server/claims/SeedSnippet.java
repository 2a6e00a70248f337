package dev.socketeer.server.claims;

import dev.socketeer.server.NodeSnippet;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Runs {@code compat/seeds/claims-snippet.js} (seed 000's front-end code, unchanged) under node against a
 * server URL and reads the lines it prints, strictly in arrival order. Not thread safe: one test thread
 * drives it.
 */
public final class SeedSnippet implements AutoCloseable {
    private final NodeSnippet snippet;

    private SeedSnippet(NodeSnippet snippet) {
        this.snippet = snippet;
    }

    public static SeedSnippet start(String url) throws IOException {
        return new SeedSnippet(NodeSnippet.start("claims-snippet.js", Map.of("SOCKETEER_URL", url)));
    }

    /** Waits for the snippet's socket to connect. */
    public void awaitConnected() throws InterruptedException {
        snippet.nextStrict("connect", Duration.ofSeconds(15));
    }

    /** The next line, which must be a claim received as {@code newClaim}; returns the claim. */
    public JsonNode nextClaim(Duration timeout) throws InterruptedException {
        return snippet.nextStrict("newClaim", timeout).get("claim");
    }

    @Override
    public void close() throws IOException {
        snippet.close();
    }
}
