package dev.socketeer.redis;

import dev.socketeer.core.Ack;
import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.adapter.ClusterAdapter;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.redis.internal.BroadcastMessage;
import dev.socketeer.redis.internal.Notepack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 * Requests are JSON on {@code key-request#nsp#}; of them, {@code serverSideEmit} (type 6, with and without
 * acknowledgement, the answers on {@code key-response#nsp#}) is implemented both ways; other request
 * types are logged once and not answered yet (see {@link ClusterAdapter}).
 *
 * <p>Threading: thread safe; {@link #broadcast} publishes asynchronously and returns at once; messages
 * from Redis are delivered on Lettuce's I/O thread. A message that cannot be decoded is logged (once
 * per adapter at WARN, then at DEBUG) and dropped.
 */
public final class RedisAdapter extends ClusterAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Node's {@code RequestType.SERVER_SIDE_EMIT}. */
    private static final int SERVER_SIDE_EMIT = 6;

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
    private final Map<String, PendingEmit> pendingEmits = new ConcurrentHashMap<>();

    RedisAdapter(AdapterContext context, RedisAdapterFactory factory) {
        super(context, randomUid());
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
                log.warn("{}: subscribing to Redis failed (Lettuce retries after reconnecting): {}",
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

    @Override
    protected void publishBroadcast(Packet packet, BroadcastOptions options) {
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
        if (type == SERVER_SIDE_EMIT) {
            if (uid().equals(request.path("uid").asString(""))) {
                return;
            }
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
            return;
        }
        if (warnedRequestTypes.add(type)) {
            log.warn("{}: ignoring a cluster request of type {} on {}: not supported yet by Socketeer's"
                    + " Redis adapter (the requesting node will time out)", context.namespace(), type, name);
        }
    }

    private void onResponse(JsonNode response) {
        String requestId = response.path("requestId").asString("");
        PendingEmit emit = pendingEmits.get(requestId);
        if (emit == null) {
            return; // another node's request, or one that timed out
        }
        if (emit.add(response.get("data")) && pendingEmits.remove(requestId, emit)) {
            emit.finish(null);
        }
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
            PendingEmit emit = new PendingEmit(expected, ack);
            pendingEmits.put(requestId, emit);
            emit.timer = context.scheduler().schedule(() -> {
                if (pendingEmits.remove(requestId, emit)) {
                    emit.finish(new AckTimeoutException(emit.responses()));
                }
            }, factory.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ObjectNode request = JSON.createObjectNode();
            request.put("uid", uid());
            request.put("requestId", requestId);
            request.put("type", SERVER_SIDE_EMIT);
            request.set("data", packet);
            publish(requestChannel, request).whenComplete((receivers, error) -> {
                if (error != null && pendingEmits.remove(requestId, emit)) {
                    emit.finish(error);
                }
            });
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

    /** A {@code serverSideEmitWithAck} of this node waiting for the others. */
    private final class PendingEmit {
        private final int expected;
        private final BroadcastAckCallback callback;
        private final List<JsonNode> responses = new ArrayList<>();
        volatile @Nullable ScheduledFuture<?> timer;

        PendingEmit(int expected, BroadcastAckCallback callback) {
            this.expected = expected;
            this.callback = callback;
        }

        /** Adds an answer; whether all expected answers are in. */
        synchronized boolean add(@Nullable JsonNode data) {
            responses.add(data == null ? JSON.nullNode() : data);
            return responses.size() >= expected;
        }

        synchronized List<JsonNode> responses() {
            return List.copyOf(responses);
        }

        /** Called once, by whoever removed this from the pending map. */
        void finish(@Nullable Throwable error) {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            List<JsonNode> result = responses();
            context.handlerExecutor().execute(() -> callback.onAcks(error, result));
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
