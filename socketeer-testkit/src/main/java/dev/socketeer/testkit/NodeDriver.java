package dev.socketeer.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives real {@code socket.io-client} instances (4.8.x and 3.1.x) in one long-lived Node process
 * ({@code compat/driver.js}), talking JSON lines over its stdin/stdout.
 *
 * <p>Lifecycle: the constructor starts the process (failing fast with "run npm ci in compat/" when
 * {@code compat/node_modules} is missing); {@link #connect} creates clients; {@link #close} shuts the
 * process down and kills it if needed. Use one driver per test class or per test.
 *
 * <p>Threading: thread safe. A daemon reader thread routes replies to waiting callers and
 * notifications to the {@link NodeClient}s; commands block the calling thread until the driver
 * answers. The node process' stderr is forwarded to {@link System#err} with the prefix {@code [driver] }.
 */
public final class NodeDriver implements AutoCloseable {

    /** How long a plain command may take before the driver is considered stuck. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Writer stdin;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong clientIds = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<Long, NodeClient> clients = new ConcurrentHashMap<>();
    private volatile String exitReason;

    /** Starts {@code node compat/driver.js}. */
    public NodeDriver() {
        process = NodeLauncher.start("driver.js", List.of(), "[driver] ", Map.of());
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLoop, "node-driver-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects a 4.8.x client to {@code url} (which includes the namespace) with socket.io-client options. */
    public NodeClient connect(String url, Map<String, ?> options) {
        return connect(url, options, "4");
    }

    /** Connects a 4.8.x client with default options. */
    public NodeClient connect(String url) {
        return connect(url, Map.of(), "4");
    }

    /** Connects a 3.1.x client ({@code socket.io-client@3.1.3}) to {@code url} with the given options. */
    public NodeClient connectV3(String url, Map<String, ?> options) {
        return connect(url, options, "3");
    }

    /** Connects a 3.1.x client with default options. */
    public NodeClient connectV3(String url) {
        return connect(url, Map.of(), "3");
    }

    private NodeClient connect(String url, Map<String, ?> options, String version) {
        long id = clientIds.incrementAndGet();
        NodeClient client = new NodeClient(this, id, version);
        clients.put(id, client); // registered before the driver can notify about it
        ObjectNode req = request("connect", id).put("url", url).put("version", version);
        req.set("options", DriverJson.toTree(options == null ? Map.of() : options));
        try {
            call(req, COMMAND_TIMEOUT);
        } catch (RuntimeException e) {
            clients.remove(id);
            throw e;
        }
        return client;
    }

    /** Decodes a {@code {"$bin":"<base64>"}} marker (as received in event or ack args) to bytes. */
    public static byte[] bytes(JsonNode marker) {
        return DriverJson.bytes(marker);
    }

    /** Whether {@code node} is a {@code {"$bin":...}} binary marker. */
    public static boolean isBinary(JsonNode node) {
        return DriverJson.isBinary(node);
    }

    /** Converts a Java value (maps, lists, strings, numbers, records, {@code byte[]} anywhere) to the JSON the driver sends. */
    public static JsonNode toJson(Object value) {
        return DriverJson.toTree(value);
    }

    /** Whether the node process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the driver to exit, then kills the process if it has not exited within 5 seconds. Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send(request("shutdown", null));
                stdin.close();
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (NodeDriverException | IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        driverGone("driver closed");
    }

    ObjectNode request(String cmd, Long client) {
        ObjectNode req = DriverJson.MAPPER.createObjectNode().put("cmd", cmd);
        if (client != null) req.put("client", client);
        return req;
    }

    /** Sends {@code req} and waits for its reply; returns {@code result} or throws {@link NodeDriverException}. */
    JsonNode call(ObjectNode req, Duration timeout) {
        long id = requestIds.incrementAndGet();
        req.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            send(req);
            JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.path("ok").asBoolean(false)) return answer.path("result");
            throw new NodeDriverException(answer.path("error").asString("driver error without message"));
        } catch (TimeoutException e) {
            throw new NodeDriverException("driver did not answer " + req + " within " + timeout);
        } catch (ExecutionException e) {
            throw new NodeDriverException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeDriverException("interrupted waiting for " + req, e);
        } finally {
            pending.remove(id);
        }
    }

    private void send(ObjectNode req) {
        String line = DriverJson.MAPPER.writeValueAsString(req) + "\n";
        synchronized (stdin) {
            try {
                stdin.write(line);
                stdin.flush();
            } catch (IOException e) {
                throw new NodeDriverException("cannot write to the driver (" + exitDescription() + ")", e);
            }
        }
    }

    void forget(long clientId) {
        clients.remove(clientId);
    }

    private void readLoop() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) dispatch(line);
        } catch (IOException e) {
            // stream closed: handled below
        }
        driverGone(exitDescription());
    }

    private void dispatch(String line) {
        JsonNode msg;
        try {
            msg = DriverJson.MAPPER.readTree(line);
        } catch (RuntimeException e) {
            System.err.println("[driver] non-protocol stdout line: " + line);
            return;
        }
        if (msg.has("id") && !msg.has("event")) {
            CompletableFuture<JsonNode> reply = pending.get(msg.path("id").asLong());
            if (reply != null) reply.complete(msg);
        } else {
            NodeClient client = clients.get(msg.path("client").asLong());
            if (client != null) client.onNotification(msg);
        }
    }

    private void driverGone(String reason) {
        exitReason = reason;
        NodeDriverException gone = new NodeDriverException("node driver is gone: " + reason);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        clients.values().forEach(c -> c.onDriverGone(reason));
    }

    private String exitDescription() {
        if (exitReason != null) return exitReason;
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? "node exited with code " + process.exitValue() : "stdout closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "stdout closed";
        }
    }
}
