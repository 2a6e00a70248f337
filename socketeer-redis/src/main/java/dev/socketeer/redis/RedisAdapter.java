package dev.socketeer.redis;

import dev.socketeer.core.Ack;
import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.FetchSocketsTimeoutException;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.adapter.ClusterAdapter;
import dev.socketeer.core.adapter.InMemoryAdapter;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.redis.internal.BroadcastMessage;
import dev.socketeer.redis.internal.Notepack;
import dev.socketeer.redis.internal.SocketJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The adapter of one namespace on Redis pub/sub, wire-compatible with Node's {@code @socket.io/redis-adapter}
 * 8.x ({@code RedisAdapter}); created by a {@link RedisAdapterFactory}.
 *
 * <p>Channels, with {@code key} the factory's prefix and {@code nsp} the namespace name:
 * broadcasts go to {@code key#nsp#} (or {@code key#nsp#room#} when they target exactly one room) as
 * notepack MessagePack {@code [uid, packet, opts]}; this adapter pattern-subscribes {@code key#nsp#*}
 * and drops a room channel's message when it has no socket in that room, as Node does. It also
 * subscribes {@code key-request#nsp#}, {@code key-response#nsp#} and {@code key-response#nsp#uid#} so
 * that {@link #serverCount()} ({@code PUBSUB NUMSUB} of the request channel, Node's way) counts it.
 * Requests go to {@code key-request#nsp#} (JSON, or notepack for a broadcast with acks, whose packet may
 * hold binary) and answers to {@code key-response#nsp#} (or, with
 * {@link RedisAdapterFactory#publishOnSpecificResponseChannel(boolean)}, to the requester's
 * {@code key-response#nsp#uid#}): {@code SOCKETS} (0, answered only), {@code ALL_ROOMS} (1,
 * {@link #allRooms()}), {@code REMOTE_JOIN} (2), {@code REMOTE_LEAVE} (3), {@code REMOTE_DISCONNECT} (4),
 * {@code REMOTE_FETCH} (5), {@code SERVER_SIDE_EMIT} (6, with and without acknowledgement; answered on the
 * shared channel, as Node does) and {@code BROADCAST} with acks (7, answered by
 * {@code BROADCAST_CLIENT_COUNT} (8) and {@code BROADCAST_ACK} (9)). The per-socket form of 2-4 (with
 * {@code sid}, which 8.x no longer sends) is logged once and not answered.
 *
 * <p>Its requests are {@code @socket.io/redis-adapter}'s own, not the {@code ClusterMessage}s of
 * {@link ClusterAdapter} (Node's redis-adapter 8 predates that protocol), so it builds on
 * {@link InMemoryAdapter} and keeps its request bookkeeping here.
 *
 * <p>Threading: thread safe; {@link #broadcast} publishes asynchronously and returns at once; messages
 * from Redis are delivered on Lettuce's I/O thread. A message that cannot be decoded, or a request of
 * a type Node does not send, is logged (once per adapter at WARN, then at DEBUG) and dropped.
 */
public final class RedisAdapter extends InMemoryAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    // Node's RequestType values
    private static final int SOCKETS = 0;
    private static final int ALL_ROOMS = 1;
    private static final int REMOTE_JOIN = 2;
    private static final int REMOTE_LEAVE = 3;
    private static final int REMOTE_DISCONNECT = 4;
    private static final int REMOTE_FETCH = 5;
    private static final int SERVER_SIDE_EMIT = 6;
    private static final int BROADCAST = 7;
    private static final int BROADCAST_CLIENT_COUNT = 8;
    private static final int BROADCAST_ACK = 9;

    private final String uid;
    private final RedisAdapterFactory factory;
    private final String channel;
    private final String pattern;
    private final String requestChannel;
    private final String responseChannel;
    private final String specificResponseChannel;
    private final AtomicBoolean warnedMalformed = new AtomicBoolean();
    private final AtomicBoolean warnedPublish = new AtomicBoolean();
    private final Set<Integer> warnedRequestTypes = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    RedisAdapter(AdapterContext context, RedisAdapterFactory factory) {
        super(context);
        this.uid = randomUid();
        this.factory = factory;
        String key = factory.key();
        String nsp = context.namespace();
        this.channel = key + "#" + nsp + "#";
        this.pattern = channel + "*";
        this.requestChannel = key + "-request#" + nsp + "#";
        this.responseChannel = key + "-response#" + nsp + "#";
        this.specificResponseChannel = responseChannel + uid() + "#";
    }

    @Override
    public void init() {
        super.init();
        factory.route(pattern, this);
        factory.route(requestChannel, this);
        factory.route(responseChannel, this);
        factory.route(specificResponseChannel, this);
        var async = factory.subscriber().async();
        // one connection, so Redis handles the pattern before the channels: once NUMSUB counts this
        // node, its broadcast subscription is in place too
        CompletableFuture<Void> patternDone = async.psubscribe(bytes(pattern)).toCompletableFuture();
        CompletableFuture<Void> channelsDone = async.subscribe(bytes(requestChannel), bytes(responseChannel),
                bytes(specificResponseChannel)).toCompletableFuture();
        CompletableFuture.allOf(patternDone, channelsDone).whenComplete((ok, error) -> {
            if (error != null) {
                // not retried: this namespace hears nothing from the other nodes until it is created again
                log.warn("{}: subscribing to Redis failed, this namespace will not receive from other nodes: {}",
                        context.namespace(), error.toString());
                subscribed.completeExceptionally(error);
            } else {
                subscribed.complete(null);
            }
        });
    }

    @Override
    public void close() {
        factory.unroute(pattern, this);
        factory.unroute(requestChannel, this);
        factory.unroute(responseChannel, this);
        factory.unroute(specificResponseChannel, this);
        try {
            var async = factory.subscriber().async();
            async.punsubscribe(bytes(pattern));
            async.unsubscribe(bytes(requestChannel), bytes(responseChannel), bytes(specificResponseChannel));
        } catch (RuntimeException e) {
            log.debug("{}: unsubscribing failed: {}", context.namespace(), e.toString());
        }
        super.close();
    }

    /** Completes once this adapter's channels are subscribed (fails if the first attempt failed). */
    public CompletableFuture<Void> subscribed() {
        return subscribed.copy();
    }

    /** The broadcast channel prefix, {@code key#nsp#}. */
    public String channel() {
        return channel;
    }

    /** The request channel whose subscribers count the nodes, {@code key-request#nsp#}. */
    public String requestChannel() {
        return requestChannel;
    }

    /** The number of nodes: the subscribers of the request channel ({@code PUBSUB NUMSUB}), as Node counts. */
    @Override
    public CompletableFuture<Integer> serverCount() {
        try {
            return factory.publisher().async().pubsubNumsub(bytes(requestChannel)).toCompletableFuture()
                    .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).findFirst().orElse(0));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** This node's id on the wire: messages carrying it are this node's own and are ignored. */
    public String uid() {
        return uid;
    }

    private static String randomUid() {
        return ClusterAdapter.randomUid();
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        if (!options.flags().local()) {
            try {
                publishBroadcast(packet, options);
            } catch (RuntimeException e) {
                // the cluster is best effort for a broadcast; local delivery goes on
                log.warn("{}: broadcast not published to the cluster: {}", context.namespace(), e.toString());
            }
        }
        super.broadcast(packet, options);
    }

    /** Delivers another node's broadcast to the local sockets (not this node's own, nor another namespace's). */
    private void onRemoteBroadcast(String senderUid, Packet packet, BroadcastOptions options) {
        if (uid.equals(senderUid) || !packet.namespace().equals(context.namespace())) {
            return;
        }
        super.broadcast(packet, options);
    }

    private void publishBroadcast(Packet packet, BroadcastOptions options) {
        byte[] message = new BroadcastMessage(uid(), packet, options).encode();
        String target = options.rooms().size() == 1 ? channel + options.rooms().iterator().next() + "#" : channel;
        factory.publisher().async().publish(bytes(target), message).whenComplete((receivers, error) -> {
            if (error != null) {
                publishFailed("a broadcast (local delivery goes on)", error);
            } else {
                warnedPublish.set(false);
            }
        });
    }

    /** A message on {@code key#nsp#...}, from Lettuce's I/O thread. */
    void onPatternMessage(byte[] channelBytes, byte[] message) {
        String name = new String(channelBytes, StandardCharsets.UTF_8);
        if (!name.startsWith(channel) || name.length() < channel.length()) {
            return;
        }
        String room = name.length() > channel.length() ? name.substring(channel.length(), name.length() - 1) : "";
        if (!room.isEmpty() && !hasRoom(room)) {
            return; // nobody here is in that room: skip decoding, as Node does
        }
        BroadcastMessage broadcast;
        try {
            broadcast = BroadcastMessage.decode(message);
        } catch (IllegalArgumentException e) {
            malformed(name, e);
            return;
        }
        onRemoteBroadcast(broadcast.uid(), broadcast.packet(), broadcast.options());
    }

    /** A message on a request or response channel, from Lettuce's I/O thread. */
    void onChannelMessage(byte[] channelBytes, byte[] message) {
        String name = new String(channelBytes, StandardCharsets.UTF_8);
        JsonNode body;
        try {
            // Node's rule: JSON when the first byte is '{', else the parser's MessagePack
            body = message.length > 0 && message[0] == '{' ? JSON.readTree(message) : Notepack.decode(message);
        } catch (RuntimeException e) {
            malformed(name, e);
            return;
        }
        if (!body.isObject()) {
            malformed(name, new IllegalArgumentException("not an object"));
            return;
        }
        if (name.startsWith(responseChannel)) {
            onResponse(body);
        } else {
            onRequest(name, body);
        }
    }

    private void onRequest(String name, JsonNode request) {
        int type = request.path("type").asInt(-1);
        if (uid().equals(request.path("uid").asString(""))) {
            return; // our own: already applied locally
        }
        switch (type) {
            case SERVER_SIDE_EMIT -> {
                JsonNode data = request.get("data");
                if (data == null || !data.isArray()) {
                    malformed(name, new IllegalArgumentException("SERVER_SIDE_EMIT without data"));
                    return;
                }
                JsonNode requestId = request.get("requestId");
                if (requestId == null || requestId.isNull()) {
                    context.onServerSideEmit(data, Ack.NONE);
                } else {
                    context.onServerSideEmit(data, new RemoteAck(requestId));
                }
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> {
                if (!request.has("opts")) {
                    unsupported(name, type, "the per-socket form (sid) of this request");
                    return;
                }
                BroadcastOptions options = options(request.get("opts"));
                if (type == REMOTE_DISCONNECT) {
                    super.disconnectSockets(options, request.path("close").asBoolean(false));
                } else {
                    Set<String> rooms = BroadcastMessage.roomSet(request.get("rooms"));
                    if (type == REMOTE_JOIN) {
                        super.addSockets(options, rooms);
                    } else {
                        super.delSockets(options, rooms);
                    }
                }
            }
            case REMOTE_FETCH -> {
                JsonNode requestId = request.get("requestId");
                if (requestId == null || requestId.isNull()) {
                    malformed(name, new IllegalArgumentException("REMOTE_FETCH without requestId"));
                    return;
                }
                super.fetchSockets(options(request.path("opts"))).thenAccept(sockets -> {
                    ObjectNode response = JSON.createObjectNode();
                    response.set("requestId", requestId);
                    ArrayNode array = response.putArray("sockets");
                    for (RemoteSocket socket : sockets) {
                        array.add(SocketJson.write(socket, JSON));
                    }
                    publishResponse(request, JSON.writeValueAsBytes(response), "a fetchSockets response");
                });
            }
            case SOCKETS, ALL_ROOMS -> {
                JsonNode requestId = request.get("requestId");
                if (requestId == null || requestId.isNull()) {
                    malformed(name, new IllegalArgumentException("request " + type + " without requestId"));
                    return;
                }
                ObjectNode response = JSON.createObjectNode();
                response.set("requestId", requestId);
                if (type == ALL_ROOMS) {
                    ArrayNode rooms = response.putArray("rooms");
                    rooms().forEach(rooms::add);
                } else {
                    ArrayNode ids = response.putArray("sockets");
                    super.sockets(BroadcastMessage.roomSet(request.get("rooms"))).join().forEach(ids::add);
                }
                publishResponse(request, JSON.writeValueAsBytes(response), type == ALL_ROOMS ? "an allRooms response"
                        : "a sockets response");
            }
            case BROADCAST -> onBroadcastWithAck(name, request);
            // a response type, none, or one Node does not know: another application's message (a warning per
            // distinct type would let garbage flood the log and grow the set of warned types)
            default -> malformed(name, new IllegalArgumentException("unknown request type " + request.path("type")));
        }
    }

    /** Another node's broadcast with acks: deliver here, report the client count, forward each ack. */
    private void onBroadcastWithAck(String name, JsonNode request) {
        JsonNode requestId = request.get("requestId");
        JsonNode packetNode = request.get("packet");
        if (requestId == null || packetNode == null || !packetNode.isObject()) {
            malformed(name, new IllegalArgumentException("BROADCAST without requestId or packet"));
            return;
        }
        Packet received;
        try {
            received = BroadcastMessage.readPacket(packetNode);
        } catch (IllegalArgumentException e) {
            malformed(name, e);
            return;
        }
        if (!received.namespace().equals(context.namespace())) {
            return;
        }
        // each node numbers the packet itself, as Node's adapter does (the request carries no id)
        Packet packet = new Packet(received.type(), received.namespace(), received.data(), context.nextAckId());
        super.broadcastWithAck(packet, options(request.path("opts")), clientCount -> {
            ObjectNode response = JSON.createObjectNode();
            response.put("type", BROADCAST_CLIENT_COUNT);
            response.set("requestId", requestId);
            response.put("clientCount", clientCount);
            publishResponse(request, JSON.writeValueAsBytes(response), "a broadcast client count");
        }, ack -> {
            ObjectNode response = JSON.createObjectNode();
            response.put("type", BROADCAST_ACK);
            response.set("requestId", requestId);
            response.set("packet", ack);
            // MessagePack: the acknowledgement may hold binary
            publishResponse(request, Notepack.encode(response), "a broadcast acknowledgement");
        });
    }

    /**
     * Answers {@code request} on the shared response channel, or with
     * {@link RedisAdapterFactory#publishOnSpecificResponseChannel(boolean)} on the requester's own
     * {@code key-response#nsp#uid#}, as Node's {@code publishResponse} does.
     */
    private void publishResponse(JsonNode request, byte[] response, String what) {
        String target = factory.publishOnSpecificResponseChannel()
                ? responseChannel + request.path("uid").asString("") + "#" : responseChannel;
        try {
            factory.publisher().async().publish(bytes(target), response).whenComplete((receivers, error) -> {
                if (error != null) {
                    publishFailed(what, error);
                }
            });
        } catch (RuntimeException e) {
            publishFailed(what, e);
        }
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCountCallback,
                                 Consumer<JsonNode> ackCallback) {
        if (!options.flags().local()) {
            String requestId = randomUid();
            ObjectNode request = JSON.createObjectNode();
            request.put("uid", uid());
            request.put("requestId", requestId);
            request.put("type", BROADCAST);
            // without the id: every node numbers the packet for its own sockets
            request.set("packet", BroadcastMessage.packetNode(new Packet(packet.type(), packet.namespace(), packet.data(), null)));
            ObjectNode opts = optionsJson(options);
            opts.set("flags", BroadcastMessage.flagsNode(options.flags()));
            request.set("opts", opts);
            AckRequest ackRequest = new AckRequest(clientCountCallback, ackCallback);
            ackRequests.put(requestId, ackRequest);
            Duration keep = options.flags().timeout() != null ? options.flags().timeout() : factory.requestsTimeout();
            context.scheduler().schedule(() -> ackRequests.remove(requestId, ackRequest), keep.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                factory.publisher().async().publish(bytes(requestChannel), Notepack.encode(request))
                        .whenComplete((receivers, error) -> {
                            if (error != null) {
                                publishFailed("a broadcast with acknowledgements (local delivery goes on)", error);
                            }
                        });
            } catch (RuntimeException e) {
                publishFailed("a broadcast with acknowledgements (local delivery goes on)", e);
            }
        }
        super.broadcastWithAck(packet, options.withLocal(), clientCountCallback, ackCallback);
    }

    /** Where the other nodes' client counts and acknowledgements of a broadcast of this node go. */
    private record AckRequest(IntConsumer clientCountCallback, Consumer<JsonNode> ackCallback) {
    }

    private void unsupported(String name, int type, String what) {
        if (warnedRequestTypes.add(type)) {
            log.warn("{}: ignoring a cluster request of type {} on {}: {} is not supported yet by Socketeer's"
                    + " Redis adapter (the requesting node may time out)", context.namespace(), type, name, what);
        }
    }

    /** {@code {rooms, except}} of a request, to apply on this node ({@code local}). */
    private static BroadcastOptions options(JsonNode opts) {
        return new BroadcastOptions(BroadcastMessage.roomSet(opts.get("rooms")), BroadcastMessage.roomSet(opts.get("except")),
                BroadcastFlags.NONE.withLocal());
    }

    private static ObjectNode optionsJson(BroadcastOptions options) {
        ObjectNode opts = JSON.createObjectNode();
        ArrayNode rooms = opts.putArray("rooms");
        options.rooms().forEach(rooms::add);
        ArrayNode except = opts.putArray("except");
        options.except().forEach(except::add);
        return opts;
    }

    private void onResponse(JsonNode response) {
        String requestId = response.path("requestId").asString("");
        AckRequest ackRequest = ackRequests.get(requestId);
        if (ackRequest != null) {
            int type = response.path("type").asInt(-1);
            if (type == BROADCAST_CLIENT_COUNT) {
                ackRequest.clientCountCallback().accept(response.path("clientCount").asInt(0));
            } else if (type == BROADCAST_ACK) {
                JsonNode ack = response.get("packet");
                ackRequest.ackCallback().accept(ack == null ? JSON.nullNode() : ack);
            }
            return;
        }
        Pending pending = this.pending.get(requestId);
        if (pending == null) {
            return; // another node's request, or one that timed out
        }
        if (pending.add(response) && this.pending.remove(requestId, pending)) {
            pending.finish(null, false);
        }
    }

    /** Publishes a request without answers; the local part runs right away (not after Redis echoes it). */
    private void publishCommand(int type, BroadcastOptions options, String field, JsonNode value, String what) {
        ObjectNode request = JSON.createObjectNode();
        request.put("uid", uid());
        request.put("type", type);
        request.set("opts", optionsJson(options));
        request.set(field, value);
        publish(requestChannel, request).whenComplete((receivers, error) -> {
            if (error != null) {
                publishFailed(what + " (applied on this node only)", error);
            }
        });
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.flags().local()) {
            publishCommand(REMOTE_JOIN, options, "rooms", roomsJson(rooms), "socketsJoin");
        }
        super.addSockets(options.withLocal(), rooms);
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> rooms) {
        if (!options.flags().local()) {
            publishCommand(REMOTE_LEAVE, options, "rooms", roomsJson(rooms), "socketsLeave");
        }
        super.delSockets(options.withLocal(), rooms);
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        if (!options.flags().local()) {
            publishCommand(REMOTE_DISCONNECT, options, "close", JSON.getNodeFactory().booleanNode(close), "disconnectSockets");
        }
        super.disconnectSockets(options.withLocal(), close);
    }

    private static ArrayNode roomsJson(Set<String> rooms) {
        ArrayNode array = JSON.createArrayNode();
        rooms.forEach(array::add);
        return array;
    }

    /**
     * This node's sockets and those of every other node. When a node does not answer within the requests
     * timeout this fails, as Node's adapter rejects, with a {@link FetchSocketsTimeoutException} ("timeout
     * reached while waiting for fetchSockets response") that holds the sockets of the nodes that did. Fails
     * fast when Redis cannot be asked for the node count. Completes on the handler executor.
     */
    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        if (options.flags().local()) {
            return super.fetchSockets(options);
        }
        CompletableFuture<List<RemoteSocket>> result = new CompletableFuture<>();
        List<RemoteSocket> local = super.fetchSockets(options.withLocal()).join(); // in memory: complete
        serverCount().whenComplete((count, countError) -> {
            if (countError != null) {
                context.handlerExecutor().execute(() -> result.completeExceptionally(countError));
                return;
            }
            int expected = count - 1;
            if (expected <= 0) {
                context.handlerExecutor().execute(() -> result.complete(local));
                return;
            }
            String requestId = randomUid();
            PendingCollect<RemoteSocket, List<RemoteSocket>> fetch = new PendingCollect<>("fetchSockets", expected,
                    new ArrayList<>(local), (response, sockets) -> {
                        for (JsonNode socket : response.path("sockets")) {
                            sockets.add(SocketJson.read(context, socket));
                        }
                    }, List::copyOf, found -> new FetchSocketsTimeoutException(
                            "timeout reached while waiting for fetchSockets response", found), result);
            ObjectNode request = JSON.createObjectNode();
            request.put("uid", uid());
            request.put("requestId", requestId);
            request.put("type", REMOTE_FETCH);
            request.set("opts", optionsJson(options));
            send(requestId, fetch, request);
        });
        return result;
    }

    /**
     * The rooms of every node (Node's {@code adapter.allRooms()}). When a node does not answer within the
     * requests timeout this fails, as Node's adapter rejects, with a {@link TimeoutException} ("timeout
     * reached while waiting for allRooms response"). Fails fast when Redis cannot be asked for the node
     * count. Completes on the handler executor.
     */
    public CompletableFuture<Set<String>> allRooms() {
        CompletableFuture<Set<String>> result = new CompletableFuture<>();
        Set<String> local = rooms();
        serverCount().whenComplete((count, countError) -> {
            if (countError != null) {
                context.handlerExecutor().execute(() -> result.completeExceptionally(countError));
                return;
            }
            if (count <= 1) {
                context.handlerExecutor().execute(() -> result.complete(local));
                return;
            }
            String requestId = randomUid();
            ObjectNode request = JSON.createObjectNode();
            request.put("uid", uid());
            request.put("requestId", requestId);
            request.put("type", ALL_ROOMS);
            send(requestId, new PendingCollect<String, Set<String>>("allRooms", count - 1, new LinkedHashSet<>(local),
                    (response, rooms) -> rooms.addAll(BroadcastMessage.roomSet(response.get("rooms"))), Set::copyOf,
                    found -> new TimeoutException("timeout reached while waiting for allRooms response"), result), request);
        });
        return result;
    }

    /** Registers {@code pending}, arms its timeout and publishes its request. */
    private void send(String requestId, Pending pending, ObjectNode request) {
        this.pending.put(requestId, pending);
        pending.timer = context.scheduler().schedule(() -> {
            if (this.pending.remove(requestId, pending)) {
                pending.finish(null, true);
            }
        }, factory.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
        publish(requestChannel, request).whenComplete((receivers, error) -> {
            if (error != null && this.pending.remove(requestId, pending)) {
                pending.finish(error, false);
            }
        });
    }

    @Override
    public void serverSideEmit(JsonNode packet, @Nullable BroadcastAckCallback ack) {
        if (ack == null) {
            ObjectNode request = JSON.createObjectNode();
            request.put("uid", uid());
            request.put("type", SERVER_SIDE_EMIT);
            request.set("data", packet);
            publish(requestChannel, request).whenComplete((receivers, error) -> {
                if (error != null) {
                    publishFailed("serverSideEmit", error);
                }
            });
            return;
        }
        serverCount().whenComplete((count, countError) -> {
            if (countError != null) {
                // Redis unreachable: fail now rather than after the timeout
                context.handlerExecutor().execute(() -> ack.onAcks(countError, List.of()));
                return;
            }
            int expected = count - 1; // without this node
            if (expected <= 0) {
                context.handlerExecutor().execute(() -> ack.onAcks(null, List.of()));
                return;
            }
            String requestId = randomUid();
            ObjectNode request = JSON.createObjectNode();
            request.put("uid", uid());
            request.put("requestId", requestId);
            request.put("type", SERVER_SIDE_EMIT);
            request.set("data", packet);
            send(requestId, new PendingEmit(expected, ack), request);
        });
    }

    private CompletableFuture<Long> publish(String target, JsonNode json) {
        try {
            return factory.publisher().async().publish(bytes(target), JSON.writeValueAsBytes(json)).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void publishFailed(String what, Throwable error) {
        if (warnedPublish.compareAndSet(false, true)) {
            log.warn("{}: publishing {} to Redis failed: {}", context.namespace(), what, error.toString());
        } else {
            log.debug("{}: publishing {} failed: {}", context.namespace(), what, error.toString());
        }
    }

    /** The answer of a local server-side listener to another node's {@code serverSideEmitWithAck}. */
    private final class RemoteAck implements Ack {
        private final JsonNode requestId;
        private final AtomicBoolean sent = new AtomicBoolean();

        RemoteAck(JsonNode requestId) {
            this.requestId = requestId;
        }

        @Override
        public void send(@Nullable Object... args) {
            if (!sent.compareAndSet(false, true)) {
                return;
            }
            // Node passes on the first argument only ("only one argument is expected")
            Object first = args == null || args.length == 0 ? null : args[0];
            ObjectNode response = JSON.createObjectNode();
            response.put("type", SERVER_SIDE_EMIT);
            response.set("requestId", requestId);
            response.set("data", first == null ? JSON.nullNode() : JSON.valueToTree(first));
            // always the shared response channel: Node's adapter does the same for this request type
            publish(responseChannel, response).whenComplete((receivers, error) -> {
                if (error != null) {
                    publishFailed("a serverSideEmit acknowledgement", error);
                }
            });
        }

        @Override
        public boolean requested() {
            return true;
        }
    }

    /** A request of this node waiting for the other nodes' responses; finished once. */
    private abstract class Pending {
        final int expected;
        private int received;
        volatile @Nullable ScheduledFuture<?> timer;

        Pending(int expected) {
            this.expected = expected;
        }

        /** Takes a response; whether all expected responses are in. */
        final synchronized boolean add(JsonNode response) {
            accept(response);
            return ++received >= expected;
        }

        final synchronized int received() {
            return received;
        }

        abstract void accept(JsonNode response);

        /** Called once, by whoever removed this from the pending map. */
        final void finish(@Nullable Throwable error, boolean timedOut) {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            context.handlerExecutor().execute(() -> complete(error, timedOut));
        }

        abstract void complete(@Nullable Throwable error, boolean timedOut);
    }

    /** A {@code serverSideEmitWithAck}: one answer per other node. */
    private final class PendingEmit extends Pending {
        private final BroadcastAckCallback callback;
        private final List<JsonNode> responses = new ArrayList<>();

        PendingEmit(int expected, BroadcastAckCallback callback) {
            super(expected);
            this.callback = callback;
        }

        @Override
        void accept(JsonNode response) {
            JsonNode data = response.get("data");
            responses.add(data == null ? JSON.nullNode() : data);
        }

        @Override
        void complete(@Nullable Throwable error, boolean timedOut) {
            List<JsonNode> result;
            synchronized (this) {
                result = List.copyOf(responses);
            }
            callback.onAcks(timedOut ? new AckTimeoutException(result) : error, result);
        }
    }

    /**
     * An {@code allRooms} or a {@code fetchSockets}: collects what each other node sends, starting from this
     * node's own; after a timeout, fails with the error {@code timeoutError} makes of what arrived.
     */
    private final class PendingCollect<T, C extends Collection<T>> extends Pending {
        private final String operation;
        private final C items;
        private final BiConsumer<JsonNode, C> accumulator;
        private final Function<C, C> snapshot;
        private final Function<C, Throwable> timeoutError;
        private final CompletableFuture<C> result;

        PendingCollect(String operation, int expected, C local, BiConsumer<JsonNode, C> accumulator,
                Function<C, C> snapshot, Function<C, Throwable> timeoutError, CompletableFuture<C> result) {
            super(expected);
            this.operation = operation;
            this.items = local;
            this.accumulator = accumulator;
            this.snapshot = snapshot;
            this.timeoutError = timeoutError;
            this.result = result;
        }

        @Override
        void accept(JsonNode response) {
            accumulator.accept(response, items);
        }

        @Override
        void complete(@Nullable Throwable error, boolean timedOut) {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            C found;
            synchronized (this) {
                found = snapshot.apply(items);
            }
            if (timedOut) {
                log.debug("{}: {}: only {} of {} other nodes answered within {}", context.namespace(), operation,
                        received(), expected, factory.requestsTimeout());
                result.completeExceptionally(timeoutError.apply(found));
            } else {
                result.complete(found);
            }
        }
    }

    private void malformed(String name, Exception e) {
        if (warnedMalformed.compareAndSet(false, true)) {
            log.warn("{}: dropping a malformed message on {} (further ones are logged at DEBUG): {}",
                    context.namespace(), name, e.getMessage());
        } else {
            log.debug("{}: dropping a malformed message on {}: {}", context.namespace(), name, e.getMessage());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
