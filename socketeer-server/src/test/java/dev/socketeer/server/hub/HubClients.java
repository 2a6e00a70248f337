package dev.socketeer.server.hub;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Hub clients for tests: the real socket.io-client under node with seed 001's options
 * ({@code transports: ['websocket'], upgrade: false}) on namespace {@code /}. Not thread safe.
 */
final class HubClients implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The seed's {@code io('http://localhost:3000', {...})} options. */
    static final Map<String, Object> SEED_OPTIONS = Map.of("transports", List.of("websocket"), "upgrade", false);

    private final NodeDriver driver = new NodeDriver();
    private final int port;

    HubClients(int port) {
        this.port = port;
    }

    String url() {
        return "http://localhost:" + port;
    }

    /** A connected anonymous client; its socket id is {@link NodeClient#state()}'s id. */
    NodeClient connect() {
        return connect(SEED_OPTIONS);
    }

    NodeClient connect(Map<String, ?> options) {
        NodeClient client = connectLater(options);
        client.awaitConnect(TIMEOUT);
        return client;
    }

    /** A client that is connecting (or being refused). */
    NodeClient connectLater(Map<String, ?> options) {
        return driver.connect(url() + "/", options);
    }

    /** A connected client with a JWT in {@code auth.token}. */
    NodeClient connectWithToken(String token) {
        return connect(Map.of("transports", List.of("websocket"), "upgrade", false, "auth", Map.of("token", token)));
    }

    /**
     * Waits until {@code client} has handled everything sent to it before this call: an {@code echo} ack travels
     * behind every event the server queued for the client earlier (one connection, in order).
     */
    static void barrier(NodeClient client) {
        client.emitWithAck("echo", TIMEOUT, "barrier");
    }

    /** The first argument of the next {@code event}. */
    static JsonNode next(NodeClient client, String event) {
        return client.awaitEvent(event, TIMEOUT).get(0);
    }

    /** The first arguments of every {@code event} received so far. */
    static List<JsonNode> all(NodeClient client, String event) {
        return client.received(event).stream().map((ArrayNode args) -> args.get(0)).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
