package dev.socketeer.core.adapter;

import static dev.socketeer.core.adapter.ClusterTrees.NODES;

import dev.socketeer.core.Ack;
import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.adapter.ClusterMessage.Type;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster protocol of Node's {@code socket.io-adapter} 2.5 ({@code ClusterAdapter}), independent of
 * the transport: every cluster operation becomes a {@link ClusterMessage} that the transport publishes
 * ({@link #doPublish}) or sends to one node ({@link #doPublishResponse}), and the transport feeds what it
 * receives into {@link #onMessage} (or {@link #onResponse}). Room membership and local delivery are the
 * {@link InMemoryAdapter}'s. Node's Redis Streams adapter and sharded Redis adapter are transports of this
 * protocol; {@link ClusterAdapterWithHeartbeat} adds node liveness for transports that cannot count nodes.
 *
 * <p>What crosses nodes: broadcasts (rooms, except, {@code volatile}, {@code compress}, binary), broadcasts
 * with acknowledgements ({@code BROADCAST} with a {@code requestId}, answered by
 * {@code BROADCAST_CLIENT_COUNT} and {@code BROADCAST_ACK}), {@code socketsJoin}, {@code socketsLeave},
 * {@code disconnectSockets}, {@code fetchSockets} and {@code serverSideEmit} (with or without
 * acknowledgements). The {@code local} flag keeps an operation on this node. A request waits for
 * {@code serverCount() - 1} answers at most {@code requestsTimeout} (a {@code fetchSockets} with a
 * timeout flag that long); after a timeout {@code fetchSockets} fails as Node's does ("timeout reached: only N
 * responses received out of M") with a {@link dev.socketeer.core.FetchSocketsTimeoutException} that still
 * holds the sockets that arrived, and {@code serverSideEmitWithAck} fails with an {@link AckTimeoutException} holding the answers that arrived.
 *
 * <p>Connection state recovery: {@link #doPublish} returns the message's offset (a stream entry id, or
 * {@code ""} for a transport without offsets). With recovery enabled, a broadcast is delivered locally once
 * published, with its offset appended ({@link #addOffsetIfNecessary}); a broadcast received with an offset
 * gets it too. Keeping sessions ({@link #persistSession}, {@link #restoreSession}) is the transport's.
 * If publishing fails, or gives no offset within {@code requestsTimeout}, local delivery still happens
 * (without an offset): Node drops it, or waits; issue 17 asks that local delivery goes on while the cluster
 * is away.
 *
 * <p>Threading: thread safe. Operations publish asynchronously and never block the caller. {@link #onMessage}
 * runs on the transport's receiving thread and does the local part there (a fan-out, a join); listeners
 * and the callbacks of requests run on the {@link AdapterContext#handlerExecutor()}. With recovery enabled,
 * a broadcast's local delivery runs on the thread that completes the transport's publish future.
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
    private static final Logger log = LoggerFactory.getLogger(ClusterAdapter.class);
    /** The uid of Node's emitters, which send but never answer. */
    protected static final String EMITTER_UID = "emitter";
    /** How long a request waits for the other nodes by default, Node's {@code DEFAULT_TIMEOUT}. */
    public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofSeconds(5);
    private static final char[] UID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String uid;
    private final Duration requestsTimeout;
    private final Map<String, ClusterRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
    private final AtomicBoolean warnedPublish = new AtomicBoolean();

    /**
     * @param context the namespace
     * @param uid this node's id on the wire, unique in the cluster (see {@link #randomId()})
     * @param requestsTimeout how long a request waits for the other nodes' answers
     */
    protected ClusterAdapter(AdapterContext context, String uid, Duration requestsTimeout) {
        super(context);
        this.uid = Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(requestsTimeout, "requestsTimeout");
        if (requestsTimeout.isNegative() || requestsTimeout.isZero()) {
            throw new IllegalArgumentException("requestsTimeout: must be positive, was " + requestsTimeout);
        }
        this.requestsTimeout = requestsTimeout;
    }

    /** A node with a random uid and the default timeout. */
    protected ClusterAdapter(AdapterContext context) {
        this(context, randomId(), DEFAULT_REQUESTS_TIMEOUT);
    }

    /** A random id of 16 hexadecimal digits, the shape of Node's {@code randomBytes(8).toString("hex")}. */
    public static String randomId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A random node id of six letters and digits, the shape of Node's {@code uid2(6)} ({@code @socket.io/redis-adapter}). */
    public static String randomUid() {
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = UID_ALPHABET[RANDOM.nextInt(UID_ALPHABET.length)];
        }
        return new String(id);
    }

    /** This node's id on the wire: messages carrying it are this node's own and are ignored. */
    public final String uid() {
        return uid;
    }

    /** How long a request waits for the other nodes' answers. */
    public final Duration requestsTimeout() {
        return requestsTimeout;
    }

    // --- the transport --------------------------------------------------------------------------

    /**
     * Sends a message to every other node; completes with its offset ({@code ""} when the transport has
     * none). Called on any thread; must not block.
     */
    protected abstract CompletableFuture<String> doPublish(ClusterMessage message);

    /** Sends an answer to the node {@code requesterUid}. Called on any thread; must not block. */
    protected abstract CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response);

    /** Publishes a message of this node; completes with its offset. */
    protected final CompletableFuture<String> publishAndReturnOffset(Type type, @Nullable JsonNode data) {
        beforePublish(type);
        try {
            return doPublish(new ClusterMessage(uid, context.namespace(), type, data));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Publishes a message of this node, logging a failure. */
    protected final void publish(Type type, @Nullable JsonNode data) {
        publishAndReturnOffset(type, data).whenComplete((offset, error) -> {
            if (error != null) {
                publishFailed("a " + type + " message", error);
            }
        });
    }

    /** Called before each message of this node is published (the heartbeat variant re-arms its timer). */
    protected void beforePublish(Type type) {
    }

    private void publishResponse(String requesterUid, Type type, JsonNode data) {
        CompletableFuture<Void> sent;
        try {
            sent = doPublishResponse(requesterUid, new ClusterMessage(uid, context.namespace(), type, data));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                publishFailed("a " + type + " response", error);
            }
        });
    }

    /** Logs a failure to publish: the first of a series at WARN, the others at DEBUG. */
    protected final void publishFailed(String what, Throwable error) {
        if (warnedPublish.compareAndSet(false, true)) {
            log.warn("{}: publishing {} failed: {}", context.namespace(), what, error.toString());
        } else {
            log.debug("{}: publishing {} failed: {}", context.namespace(), what, error.toString());
        }
    }

    /** Called once a publish succeeds again, so that the next failure is logged at WARN. */
    protected final void publishSucceeded() {
        warnedPublish.set(false);
    }

    // --- receiving ------------------------------------------------------------------------------

    /**
     * A message from another node (ignored when it is this node's own or of another namespace);
     * {@code offset} is its position in the transport's log, or {@code null}. Called by the transport on
     * its receiving thread.
     */
    protected void onMessage(ClusterMessage message, @Nullable String offset) {
        if (uid.equals(message.uid()) || !context.namespace().equals(message.nsp())) {
            return;
        }
        JsonNode data = message.data() == null ? NODES.objectNode() : message.data();
        switch (message.type()) {
            case BROADCAST -> onBroadcast(message.uid(), data, offset);
            case SOCKETS_JOIN -> super.addSockets(ClusterTrees.readOptions(data.path("opts")),
                    ClusterTrees.strings(data.get("rooms")));
            case SOCKETS_LEAVE -> super.delSockets(ClusterTrees.readOptions(data.path("opts")),
                    ClusterTrees.strings(data.get("rooms")));
            case DISCONNECT_SOCKETS -> super.disconnectSockets(ClusterTrees.readOptions(data.path("opts")),
                    data.path("close").asBoolean(false));
            case FETCH_SOCKETS -> {
                List<RemoteSocket> sockets = super.fetchSockets(ClusterTrees.readOptions(data.path("opts"))).join();
                ObjectNode response = NODES.objectNode();
                response.set("requestId", data.path("requestId"));
                ArrayNode array = response.putArray("sockets");
                sockets.forEach(socket -> array.add(ClusterTrees.socket(socket)));
                publishResponse(message.uid(), Type.FETCH_SOCKETS_RESPONSE, response);
            }
            case SERVER_SIDE_EMIT -> {
                JsonNode packet = data.get("packet");
                if (packet == null || !packet.isArray()) {
                    log.debug("{}: SERVER_SIDE_EMIT without packet from {}", context.namespace(), message.uid());
                    return;
                }
                JsonNode requestId = data.get("requestId");
                context.onServerSideEmit(packet, requestId == null || requestId.isNull() ? Ack.NONE
                        : new RemoteAck(message.uid(), requestId));
            }
            case BROADCAST_CLIENT_COUNT, BROADCAST_ACK, FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE ->
                    onResponse(message);
            default -> log.debug("{}: ignoring a {} message from {}", context.namespace(), message.type(), message.uid());
        }
    }

    private void onBroadcast(String sender, JsonNode data, @Nullable String offset) {
        Packet packet;
        try {
            packet = ClusterTrees.readPacket(data.path("packet"), context.namespace());
        } catch (IllegalArgumentException e) {
            log.debug("{}: dropping a broadcast from {}: {}", context.namespace(), sender, e.getMessage());
            return;
        }
        BroadcastOptions options = ClusterTrees.readOptions(data.path("opts"));
        JsonNode requestId = data.get("requestId");
        if (requestId == null || requestId.isNull()) {
            super.broadcast(addOffsetIfNecessary(packet, options, offset), options);
            return;
        }
        // each node numbers the packet for its own sockets, as Node's in-memory adapter does
        Packet numbered = new Packet(packet.type(), packet.namespace(), packet.data(), context.nextAckId());
        super.broadcastWithAck(numbered, options, clientCount -> {
            ObjectNode response = NODES.objectNode();
            response.set("requestId", requestId);
            response.put("clientCount", clientCount);
            publishResponse(sender, Type.BROADCAST_CLIENT_COUNT, response);
        }, ack -> {
            ObjectNode response = NODES.objectNode();
            response.set("requestId", requestId);
            response.set("packet", ack);
            publishResponse(sender, Type.BROADCAST_ACK, response);
        });
    }

    /** An answer to a request of this node (ignored when unknown or timed out). Called on the receiving thread. */
    protected void onResponse(ClusterMessage response) {
        JsonNode data = response.data() == null ? NODES.objectNode() : response.data();
        String requestId = data.path("requestId").asString("");
        switch (response.type()) {
            case BROADCAST_CLIENT_COUNT -> {
                AckRequest ackRequest = ackRequests.get(requestId);
                if (ackRequest != null) {
                    int count = data.path("clientCount").asInt(0);
                    context.handlerExecutor().execute(() -> ackRequest.clientCountCallback().accept(count));
                }
            }
            case BROADCAST_ACK -> {
                AckRequest ackRequest = ackRequests.get(requestId);
                if (ackRequest != null) {
                    JsonNode packet = data.has("packet") ? data.get("packet") : NODES.nullNode();
                    context.handlerExecutor().execute(() -> ackRequest.ackCallback().accept(packet));
                }
            }
            case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE -> {
                ClusterRequest request = requests.get(requestId);
                if (request != null && request.add(response.uid(), data) && requests.remove(requestId, request)) {
                    request.finish(false);
                }
            }
            default -> log.debug("{}: ignoring a {} response", context.namespace(), response.type());
        }
    }

    /**
     * The packet with {@code offset} appended to its arguments when recovery is enabled and the packet is
     * an EVENT without ack id whose options are not volatile (Node's {@code addOffsetIfNecessary}); else
     * the packet itself.
     */
    protected final Packet addOffsetIfNecessary(Packet packet, BroadcastOptions options, @Nullable String offset) {
        if (offset == null || context.connectionStateRecovery() == null || !storable(packet, options)) {
            return packet;
        }
        ArrayNode data = ((ArrayNode) packet.data()).deepCopy();
        data.add(offset);
        return new Packet(packet.type(), packet.namespace(), data, null);
    }

    private static boolean storable(Packet packet, BroadcastOptions options) {
        boolean event = packet.type() == PacketType.EVENT || packet.type() == PacketType.BINARY_EVENT;
        return event && packet.ackId() == null && !options.flags().volatile_() && packet.data() instanceof ArrayNode;
    }

    // --- operations -----------------------------------------------------------------------------

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        if (options.flags().local()) {
            super.broadcast(packet, options);
            return;
        }
        ObjectNode data = NODES.objectNode();
        data.set("packet", ClusterTrees.packet(packet));
        data.set("opts", ClusterTrees.options(options));
        CompletableFuture<String> published = publishAndReturnOffset(Type.BROADCAST, data);
        if (context.connectionStateRecovery() == null || !storable(packet, options)) {
            published.whenComplete((offset, error) -> {
                if (error != null) {
                    publishFailed("a broadcast (delivered on this node)", error);
                }
            });
            super.broadcast(packet, options);
            return;
        }
        // the local clients get the offset the transport assigned, so they can recover from it anywhere; a
        // transport that does not answer within the requests timeout does not hold local delivery longer
        published.copy().orTimeout(requestsTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((offset, error) -> {
            if (error != null) {
                publishFailed("a broadcast (delivered on this node without an offset)", error);
                super.broadcast(packet, options);
            } else {
                super.broadcast(addOffsetIfNecessary(packet, options, offset), options);
            }
        });
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCountCallback,
                                 Consumer<JsonNode> ackCallback) {
        if (!options.flags().local()) {
            String requestId = randomId();
            AckRequest ackRequest = new AckRequest(clientCountCallback, ackCallback);
            ackRequests.put(requestId, ackRequest);
            ObjectNode data = NODES.objectNode();
            // without the id: every node numbers the packet for its own sockets
            data.set("packet", ClusterTrees.packet(packet));
            data.put("requestId", requestId);
            data.set("opts", ClusterTrees.options(options));
            publish(Type.BROADCAST, data);
            // no way to know here whether every client answered: forget the request after the timeout
            Duration keep = options.flags().timeout() != null ? options.flags().timeout() : requestsTimeout;
            context.scheduler().schedule(() -> ackRequests.remove(requestId, ackRequest), keep.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        super.broadcastWithAck(packet, options, clientCountCallback, ackCallback);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.flags().local()) {
            ObjectNode data = NODES.objectNode();
            data.set("opts", ClusterTrees.options(options));
            data.set("rooms", ClusterTrees.array(rooms));
            publish(Type.SOCKETS_JOIN, data);
        }
        super.addSockets(options, rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.flags().local()) {
            ObjectNode data = NODES.objectNode();
            data.set("opts", ClusterTrees.options(options));
            data.set("rooms", ClusterTrees.array(rooms));
            publish(Type.SOCKETS_LEAVE, data);
        }
        super.delSockets(options, rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.flags().local()) {
            ObjectNode data = NODES.objectNode();
            data.set("opts", ClusterTrees.options(options));
            data.put("close", close);
            publish(Type.DISCONNECT_SOCKETS, data);
        }
        super.disconnectSockets(options, close);
    }

    /**
     * This node's sockets and those of the other nodes that answer in time. Fails fast when the node count
     * cannot be had. Completes on the handler executor.
     */
    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> local = super.fetchSockets(options).join(); // in memory: complete
        if (options.flags().local()) {
            return CompletableFuture.completedFuture(local);
        }
        CompletableFuture<List<RemoteSocket>> result = new CompletableFuture<>();
        responders().whenComplete((responders, error) -> {
            if (error != null) {
                context.handlerExecutor().execute(() -> result.completeExceptionally(error));
                return;
            }
            if (responders.count() <= 0) {
                context.handlerExecutor().execute(() -> result.complete(local));
                return;
            }
            String requestId = randomId();
            ClusterRequest request = ClusterRequest.fetchSockets(responders, context, local, result);
            ObjectNode data = NODES.objectNode();
            data.set("opts", ClusterTrees.options(options));
            data.put("requestId", requestId);
            Duration timeout = options.flags().timeout() != null ? options.flags().timeout() : requestsTimeout;
            send(requestId, request, timeout, Type.FETCH_SOCKETS, data);
        });
        return result;
    }

    @Override
    public void serverSideEmit(JsonNode packet, @Nullable BroadcastAckCallback ack) {
        if (ack == null) {
            ObjectNode data = NODES.objectNode();
            data.set("packet", packet);
            publish(Type.SERVER_SIDE_EMIT, data);
            return;
        }
        responders().whenComplete((responders, error) -> {
            if (error != null) {
                context.handlerExecutor().execute(() -> ack.onAcks(error, List.of()));
                return;
            }
            if (responders.count() <= 0) {
                context.handlerExecutor().execute(() -> ack.onAcks(null, List.of()));
                return;
            }
            String requestId = randomId();
            ClusterRequest request = ClusterRequest.serverSideEmit(responders, context.handlerExecutor(), ack);
            ObjectNode data = NODES.objectNode();
            data.put("requestId", requestId);
            data.set("packet", packet);
            send(requestId, request, requestsTimeout, Type.SERVER_SIDE_EMIT, data);
        });
    }

    /** Registers {@code request}, arms its timeout and publishes it. */
    private void send(String requestId, ClusterRequest request, Duration timeout, Type type, JsonNode data) {
        requests.put(requestId, request);
        request.timer = context.scheduler().schedule(() -> {
            if (requests.remove(requestId, request)) {
                request.finish(true);
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        publishAndReturnOffset(type, data).whenComplete((offset, error) -> {
            if (error != null && requests.remove(requestId, request)) {
                publishFailed("a " + type + " request", error);
                request.finish(true);
            }
        });
    }

    /**
     * Which nodes a request waits for: by default {@code serverCount() - 1} answers from anyone; the
     * heartbeat variant names them.
     */
    protected CompletableFuture<Responders> responders() {
        return serverCount().thenApply(count -> new Responders(count - 1, null));
    }

    /** Stops waiting for node {@code nodeUid}: requests that only missed its answer complete now. */
    protected final void forgetNode(String nodeUid) {
        requests.forEach((requestId, request) -> {
            if (request.forget(nodeUid) && requests.remove(requestId, request)) {
                request.finish(false);
            }
        });
    }

    /**
     * The nodes a request waits for.
     *
     * @param count how many answers
     * @param uids which nodes, or {@code null} when any {@code count} answers will do
     */
    protected record Responders(int count, @Nullable Set<String> uids) {
    }

    /** Where the other nodes' client counts and acknowledgements of a broadcast of this node go. */
    private record AckRequest(IntConsumer clientCountCallback, Consumer<JsonNode> ackCallback) {
    }

    /** The answer of a local server-side listener to another node's {@code serverSideEmitWithAck}. */
    private final class RemoteAck implements Ack {
        private final String requester;
        private final JsonNode requestId;
        private final AtomicBoolean sent = new AtomicBoolean();

        RemoteAck(String requester, JsonNode requestId) {
            this.requester = requester;
            this.requestId = requestId;
        }

        @Override
        public void send(@Nullable Object... args) {
            if (!sent.compareAndSet(false, true)) {
                return;
            }
            // Node passes on the first argument only ("only one argument is expected")
            Object first = args == null || args.length == 0 ? null : args[0];
            ObjectNode response = NODES.objectNode();
            response.set("requestId", requestId);
            response.set("packet", ClusterTrees.value(first));
            publishResponse(requester, Type.SERVER_SIDE_EMIT_RESPONSE, response);
        }

        @Override
        public boolean requested() {
            return true;
        }
    }
}
