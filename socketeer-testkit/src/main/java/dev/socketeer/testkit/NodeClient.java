package dev.socketeer.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One real {@code socket.io-client} socket living in a {@link NodeDriver}: commands it and records
 * what it receives.
 *
 * <p>Every notification (connect, connect_error, disconnect, upgrade, reconnect, each incoming event)
 * is recorded. The {@code await*} methods consume occurrences in order: each call returns the first
 * occurrence that no earlier await of the same kind returned, waiting (condition wait with a
 * deadline, no sleeps) when there is none yet. {@link #received} is a non-consuming snapshot.
 * Awaits fail with an {@link AssertionError} naming what was awaited and listing recent notifications.
 * Overloads without a {@link Duration} wait {@link #DEFAULT_TIMEOUT}.
 *
 * <p>Arguments may be maps, lists, strings, numbers, booleans, null, records, {@link JsonNode}s and
 * {@code byte[]} anywhere (sent as binary); received binaries are {@code {"$bin":...}} markers, see
 * {@link NodeDriver#bytes}.
 *
 * <p>Lifecycle: created by {@link NodeDriver#connect}; {@link #close} disconnects and forgets it.
 * Threading: thread safe; notifications arrive on the driver's reader thread, awaits block the caller.
 */
public final class NodeClient implements AutoCloseable {

    /** Timeout of the await overloads without a Duration. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What {@link #state()} reports: the socket id (null when not connected), flags, the engine transport, and
     * how many heartbeat PINGs the client has received from the server so far (over every connection of it).
     */
    public record State(String id, boolean connected, boolean recovered, String transport, boolean disconnected,
            int pings) {}

    private static final int RECENT_LIMIT = 50;
    private static final Duration ACK_REPLY_SLACK = Duration.ofSeconds(10);

    private final NodeDriver driver;
    private final long id;
    private final String version;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Occurrences> byKind = new HashMap<>();
    private final Deque<JsonNode> recent = new ArrayDeque<>();
    private String driverGone;

    NodeClient(NodeDriver driver, long id, String version) {
        this.driver = driver;
        this.id = id;
        this.version = version;
    }

    /** The driver-side client number (not the socket id). */
    public long clientId() {
        return id;
    }

    /** The client line: {@code "4"} (4.8.x) or {@code "3"} (3.1.x). */
    public String version() {
        return version;
    }

    // ---- commands ----------------------------------------------------------

    /** Emits without acknowledgement; returns once the client has emitted (or buffered, when disconnected). */
    public void emit(String event, Object... args) {
        driver.call(emitRequest(event, args), NodeDriver.COMMAND_TIMEOUT);
    }

    /** Emits through {@code socket.volatile}: dropped by the client when not connected. */
    public void emitVolatile(String event, Object... args) {
        driver.call(emitRequest(event, args).put("volatile", true), NodeDriver.COMMAND_TIMEOUT);
    }

    /**
     * Emits with {@code socket.timeout(timeout)} and waits for the server's ack.
     *
     * @return the ack arguments as a JSON array
     * @throws AckTimeoutError when the client reports that the ack did not arrive within {@code timeout}
     */
    public ArrayNode emitWithAck(String event, Duration timeout, Object... args) {
        ObjectNode req = emitRequest(event, args).put("ack", true).put("timeout", timeout.toMillis());
        try {
            return (ArrayNode) driver.call(req, timeout.plus(ACK_REPLY_SLACK)).path("args");
        } catch (NodeDriverException e) {
            if ("operation has timed out".equals(e.getMessage())) {
                throw new AckTimeoutError("client " + id + ": no ack for '" + event + "' within " + timeout);
            }
            throw e;
        }
    }

    /** Answers every later server-to-client ack request for {@code event} with {@code args}. */
    public void ackReply(String event, Object... args) {
        ObjectNode req = driver.request("ackReply", id).put("event", event);
        req.set("args", DriverJson.toTree(args == null ? List.of() : Arrays.asList(args)));
        driver.call(req, NodeDriver.COMMAND_TIMEOUT);
    }

    /** Answers every later server-to-client ack request for {@code event} with the received args. */
    public void ackEcho(String event) {
        driver.call(driver.request("ackReply", id).put("event", event).put("echo", true), NodeDriver.COMMAND_TIMEOUT);
    }

    /** Stops answering ack requests for {@code event} (the default: server acks then time out). */
    public void ackNone(String event) {
        driver.call(driver.request("ackReply", id).put("event", event).put("clear", true), NodeDriver.COMMAND_TIMEOUT);
    }

    /** {@code socket.disconnect()}: a client-side disconnect ({@code io client disconnect}), no reconnection. */
    public void disconnect() {
        command("disconnect");
    }

    /** {@code socket.connect()} after a {@link #disconnect()}. */
    public void connectAgain() {
        command("connectAgain");
    }

    /** {@code socket.io.engine.close()}: drops the connection; the client reconnects by itself if allowed. */
    public void closeEngine() {
        command("closeEngine");
    }

    /**
     * Points the client's Manager at {@code url} (another node of a cluster): its next connection, after a
     * {@link #closeEngine()} with reconnection or a {@link #connectAgain()}, goes there, presenting the
     * socket's recovery state ({@code pid} and last offset) as it would to the first node.
     */
    public void moveTo(String url) {
        driver.call(driver.request("moveTo", id).put("url", url), NodeDriver.COMMAND_TIMEOUT);
    }

    /** The client's current state, as the client sees it. */
    public State state() {
        JsonNode s = command("state");
        return new State(textOrNull(s.path("id")), s.path("connected").asBoolean(), s.path("recovered").asBoolean(),
                textOrNull(s.path("transport")), s.path("disconnected").asBoolean(), s.path("pings").asInt());
    }

    /** Disconnects the socket and forgets it in the driver; later notifications are not recorded. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (driverGone != null) return;
        } finally {
            lock.unlock();
        }
        driver.forget(id);
        try {
            command("close");
        } catch (NodeDriverException e) {
            if (!e.getMessage().startsWith("unknown client")) throw e;
        }
    }

    private JsonNode command(String cmd) {
        return driver.call(driver.request(cmd, id), NodeDriver.COMMAND_TIMEOUT);
    }

    private ObjectNode emitRequest(String event, Object[] args) {
        ObjectNode req = driver.request("emit", id).put("event", event);
        req.set("args", DriverJson.toTree(args == null ? List.of() : Arrays.asList(args)));
        return req;
    }

    // ---- awaits --------------------------------------------------------------

    /** Waits for the next {@code connect}; returns the socket id. */
    public String awaitConnect(Duration timeout) {
        return await("connect", timeout, "connect").path("socketId").asString();
    }

    public String awaitConnect() {
        return awaitConnect(DEFAULT_TIMEOUT);
    }

    /** Waits for the next {@code connect}; returns the whole notification ({@code socketId, transport, recovered}). */
    public JsonNode awaitConnectDetails(Duration timeout) {
        return await("connect", timeout, "connect");
    }

    /** Waits for the next {@code connect_error}; returns {@code {message, data}}. */
    public JsonNode awaitConnectError(Duration timeout) {
        JsonNode n = await("connect_error", timeout, "connect_error");
        ObjectNode out = DriverJson.MAPPER.createObjectNode();
        out.set("message", n.get("message"));
        out.set("data", n.get("data"));
        return out;
    }

    public JsonNode awaitConnectError() {
        return awaitConnectError(DEFAULT_TIMEOUT);
    }

    /** Waits for the next {@code disconnect}; returns the reason (for example {@code io server disconnect}). */
    public String awaitDisconnect(Duration timeout) {
        return await("disconnect", timeout, "disconnect").path("reason").asString();
    }

    public String awaitDisconnect() {
        return awaitDisconnect(DEFAULT_TIMEOUT);
    }

    /** Waits for the next engine upgrade; returns the new transport name ({@code websocket}). */
    public String awaitUpgrade(Duration timeout) {
        return await("upgrade", timeout, "upgrade").path("transport").asString();
    }

    public String awaitUpgrade() {
        return awaitUpgrade(DEFAULT_TIMEOUT);
    }

    /** Waits for the manager's next {@code reconnect}; returns the attempt number. */
    public int awaitReconnect(Duration timeout) {
        return await("reconnect", timeout, "reconnect").path("attempt").asInt();
    }

    /** Waits for the next occurrence of {@code event}; returns its args (without the ack callback). */
    public ArrayNode awaitEvent(String event, Duration timeout) {
        return (ArrayNode) awaitEventDetails(event, timeout).path("args");
    }

    public ArrayNode awaitEvent(String event) {
        return awaitEvent(event, DEFAULT_TIMEOUT);
    }

    /** Like {@link #awaitEvent} but returns the notification {@code {name, args, hasAck}}. */
    public JsonNode awaitEventDetails(String event, Duration timeout) {
        return await(eventKey(event), timeout, "event '" + event + "'");
    }

    /** Waits until {@code count} more occurrences of {@code event} are there; returns their args in order. */
    public List<ArrayNode> awaitEvents(String event, int count, Duration timeout) {
        List<ArrayNode> out = new ArrayList<>();
        for (JsonNode n : awaitAll(eventKey(event), count, timeout, count + " x event '" + event + "'")) {
            out.add((ArrayNode) n.path("args"));
        }
        return out;
    }

    /** All args received so far for {@code event}, consumed or not, in arrival order. */
    public List<ArrayNode> received(String event) {
        lock.lock();
        try {
            List<ArrayNode> out = new ArrayList<>();
            for (JsonNode n : occurrences(eventKey(event)).items) out.add((ArrayNode) n.path("args"));
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fails if a not-yet-consumed {@code event} arrives within {@code quiet}; waits the whole period otherwise.
     * On a loaded machine a stray event may come after any quiet period: where the server sends this client
     * something afterwards (a marker event, an ack), await that instead and check {@link #received}, which
     * holds because a client receives its packets in order.
     */
    public void assertNoEvent(String event, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        lock.lock();
        try {
            Occurrences o = occurrences(eventKey(event));
            for (long left; (left = deadline - System.nanoTime()) > 0 && o.cursor >= o.items.size(); ) awaitNanos(left);
            if (o.cursor < o.items.size()) {
                throw new AssertionError("client " + id + ": unexpected event '" + event + "': " + o.items.get(o.cursor));
            }
        } finally {
            lock.unlock();
        }
    }

    /** The most recent notifications (at most 50), oldest first; for diagnostics. */
    public List<JsonNode> recentNotifications() {
        lock.lock();
        try {
            return List.copyOf(recent);
        } finally {
            lock.unlock();
        }
    }

    private JsonNode await(String kind, Duration timeout, String what) {
        return awaitAll(kind, 1, timeout, what).get(0);
    }

    private List<JsonNode> awaitAll(String kind, int count, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            Occurrences o = occurrences(kind);
            while (o.items.size() - o.cursor < count) {
                long left = deadline - System.nanoTime();
                if (driverGone != null || left <= 0) {
                    throw new AssertionError("client " + id + ": no " + what + " within " + timeout
                            + (driverGone != null ? " (driver gone: " + driverGone + ")" : "")
                            + "; got " + (o.items.size() - o.cursor) + "; recent notifications: " + recent);
                }
                awaitNanos(left);
            }
            List<JsonNode> out = new ArrayList<>(o.items.subList(o.cursor, o.cursor + count));
            o.cursor += count;
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void awaitNanos(long nanos) {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("client " + id + ": interrupted while waiting", e);
        }
    }

    // ---- called by NodeDriver's reader thread --------------------------------

    void onNotification(JsonNode n) {
        String kind = n.path("event").asString();
        lock.lock();
        try {
            occurrences("event".equals(kind) ? eventKey(n.path("name").asString()) : kind).items.add(n);
            recent.addLast(n);
            if (recent.size() > RECENT_LIMIT) recent.removeFirst();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void onDriverGone(String reason) {
        lock.lock();
        try {
            driverGone = reason;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Occurrences occurrences(String kind) {
        return byKind.computeIfAbsent(kind, k -> new Occurrences());
    }

    private static String textOrNull(JsonNode n) {
        return n.isString() ? n.stringValue() : null;
    }

    private static String eventKey(String event) {
        return "event:" + event;
    }

    /** Recorded notifications of one kind and how many awaits have consumed. Guarded by {@code lock}. */
    private static final class Occurrences {
        final List<JsonNode> items = new ArrayList<>();
        int cursor;
    }

    @Override
    public String toString() {
        return "NodeClient{" + id + ", v" + version + "}";
    }
}
