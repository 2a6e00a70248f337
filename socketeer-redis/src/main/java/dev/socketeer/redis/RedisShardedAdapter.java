package dev.socketeer.redis;

import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.ClusterAdapter;
import dev.socketeer.core.adapter.ClusterMessage;
import dev.socketeer.redis.RedisShardedAdapterFactory.SubscriptionMode;
import dev.socketeer.redis.internal.ClusterMessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The adapter of one namespace on Redis 7's sharded pub/sub, wire-compatible with Node's
 * {@code @socket.io/redis-adapter} 8.3 {@code createShardedAdapter} ({@code ShardedRedisAdapter}); created by
 * a {@link RedisShardedAdapterFactory}. The cluster protocol is {@link ClusterAdapter}'s; this class is its
 * transport:
 * <ul>
 *   <li>Every message is {@code SPUBLISH}ed to {@code <prefix>#<nsp>#}, except a broadcast without
 *       acknowledgements to exactly one room in the dynamic modes: to that room's channel
 *       {@code <prefix>#<nsp>#<room>#} (in {@link SubscriptionMode#DYNAMIC} only when the room does not look
 *       like a socket id, a 20-character name). Answers go to the requester's
 *       {@code <prefix>#<nsp>#<uid>#}.</li>
 *   <li>A message is the JSON text of {@code {type, data, uid, nsp}}, or its MessagePack when its type may
 *       carry binary and it holds some; what starts with <code>{</code> is read as JSON, anything else as
 *       MessagePack.</li>
 *   <li>This adapter {@code SSUBSCRIBE}s {@code <prefix>#<nsp>#} and its own answer channel; in the dynamic
 *       modes also the channel of each local room while it exists (public rooms only in
 *       {@link SubscriptionMode#DYNAMIC}, every room in {@link SubscriptionMode#DYNAMIC_PRIVATE}).</li>
 *   <li>{@link #serverCount()} is {@code PUBSUB SHARDNUMSUB <prefix>#<nsp>#}, as Node counts.</li>
 * </ul>
 *
 * <p>Threading: thread safe. Operations publish asynchronously and return at once. A room's channel is
 * (un)subscribed asynchronously from the thread that makes its first member join (last member leave),
 * without waiting. Messages arrive on Lettuce's I/O thread, where the local part runs (listeners and request
 * callbacks run on the handler executor, see {@link ClusterAdapter}). A message that cannot be decoded is
 * logged (once per adapter at WARN, then at DEBUG) and dropped.
 */
public final class RedisShardedAdapter extends ClusterAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisShardedAdapter.class);
    /** Node's {@code looksLikeASocketId}: the length of a socket id. */
    private static final int SOCKET_ID_LENGTH = 20;

    private final RedisShardedAdapterFactory factory;
    private final SubscriptionMode mode;
    private final String channel;
    private final String responseChannel;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final AtomicBoolean warnedMalformed = new AtomicBoolean();

    RedisShardedAdapter(AdapterContext context, RedisShardedAdapterFactory factory) {
        super(context, randomId(), factory.options().requestsTimeout);
        this.factory = factory;
        this.mode = factory.options().subscriptionMode;
        this.channel = factory.options().channelPrefix + "#" + context.namespace() + "#";
        this.responseChannel = channel + uid() + "#";
    }

    @Override
    public void init() {
        super.init();
        factory.register(this, context.namespace(), List.of(channel, responseChannel));
        // one channel per SSUBSCRIBE, as Node does: in a Redis Cluster they may hash to different slots
        CompletableFuture.allOf(ssubscribe(channel), ssubscribe(responseChannel)).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("{}: subscribing to Redis failed, this namespace will not hear the other nodes: {}",
                        context.namespace(), error.toString());
                subscribed.completeExceptionally(error);
            } else {
                subscribed.complete(null);
            }
        });
    }

    @Override
    public void close() {
        List<String> channels = new ArrayList<>(List.of(channel, responseChannel));
        if (mode != SubscriptionMode.STATIC) {
            for (String room : rooms()) {
                if (separateChannel(room)) {
                    channels.add(dynamicChannel(room));
                }
            }
        }
        factory.unregister(this, context.namespace(), channels);
        channels.forEach(this::sunsubscribe);
        super.close();
    }

    /** Completes once this adapter's two channels are subscribed (fails if the first attempt failed). */
    public CompletableFuture<Void> subscribed() {
        return subscribed.copy();
    }

    /** The channel every node subscribes, {@code <prefix>#<nsp>#}. */
    public String channel() {
        return channel;
    }

    /** The channel of {@code room}'s broadcasts in the dynamic modes, {@code <prefix>#<nsp>#<room>#}. */
    public String dynamicChannel(String room) {
        return channel + room + "#";
    }

    // --- the rooms' channels ------------------------------------------------------------------------

    @Override
    protected void roomCreated(String room) {
        if (mode != SubscriptionMode.STATIC && separateChannel(room)) {
            String roomChannel = dynamicChannel(room);
            factory.route(roomChannel, this);
            ssubscribe(roomChannel);
        }
    }

    @Override
    protected void roomDeleted(String room) {
        if (mode != SubscriptionMode.STATIC && separateChannel(room)) {
            String roomChannel = dynamicChannel(room);
            factory.unroute(roomChannel, this);
            sunsubscribe(roomChannel);
        }
    }

    /** Node's {@code shouldUseASeparateNamespace}: every room in dynamic-private, public rooms in dynamic. */
    private boolean separateChannel(String room) {
        return mode == SubscriptionMode.DYNAMIC_PRIVATE || mode == SubscriptionMode.DYNAMIC && !isSocketId(room);
    }

    private CompletableFuture<Void> ssubscribe(String name) {
        try {
            return factory.subscriber().async().ssubscribe(name).toCompletableFuture().whenComplete((ok, error) -> {
                if (error != null) {
                    log.debug("{}: SSUBSCRIBE {} failed: {}", context.namespace(), name, error.toString());
                }
            });
        } catch (RuntimeException e) {
            log.debug("{}: SSUBSCRIBE {} failed: {}", context.namespace(), name, e.toString());
            return CompletableFuture.failedFuture(e);
        }
    }

    private void sunsubscribe(String name) {
        try {
            factory.subscriber().async().sunsubscribe(name);
        } catch (RuntimeException e) {
            log.debug("{}: SUNSUBSCRIBE {} failed: {}", context.namespace(), name, e.toString());
        }
    }

    // --- the transport ------------------------------------------------------------------------------

    @Override
    protected CompletableFuture<String> doPublish(ClusterMessage message) {
        return spublish(channelOf(message), message).thenApply(receivers -> "");
    }

    @Override
    protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
        return spublish(channel + requesterUid + "#", response).thenApply(receivers -> null);
    }

    private CompletableFuture<Long> spublish(String target, ClusterMessage message) {
        try {
            return factory.commands().async().spublish(target, ClusterMessageCodec.toJsonOrMsgpack(message))
                    .toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Node's {@code computeChannel}: a broadcast without acknowledgements to one room goes to the room's
     * channel in the dynamic modes (a broadcast with them cannot: the server count is of all nodes).
     */
    String channelOf(ClusterMessage message) {
        if (mode == SubscriptionMode.STATIC || message.type() != ClusterMessage.Type.BROADCAST
                || message.data() == null || message.data().has("requestId")) {
            return channel;
        }
        JsonNode rooms = message.data().path("opts").path("rooms");
        if (rooms.size() != 1 || !rooms.get(0).isString()) {
            return channel;
        }
        String room = rooms.get(0).asString();
        boolean useRoomChannel = mode == SubscriptionMode.DYNAMIC_PRIVATE || room.length() != SOCKET_ID_LENGTH;
        return useRoomChannel ? dynamicChannel(room) : channel;
    }

    /** The number of nodes: the shard subscribers of {@code <prefix>#<nsp>#}. */
    @Override
    public CompletableFuture<Integer> serverCount() {
        try {
            return factory.commands().async().pubsubShardNumsub(channel).toCompletableFuture()
                    .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).findFirst().orElse(0));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A message on one of this adapter's channels, on Lettuce's I/O thread. */
    void onRawMessage(String from, byte[] payload) {
        ClusterMessage message;
        try {
            message = ClusterMessageCodec.fromJsonOrMsgpack(payload);
        } catch (IllegalArgumentException e) {
            malformed(from, e);
            return;
        }
        if (from.equals(responseChannel)) {
            onResponse(message);
        } else {
            onMessage(message, null);
        }
    }

    private void malformed(String where, Exception e) {
        if (warnedMalformed.compareAndSet(false, true)) {
            log.warn("{}: dropping a malformed message on {} (further ones are logged at DEBUG): {}",
                    context.namespace(), where, e.getMessage());
        } else {
            log.debug("{}: dropping a malformed message on {}: {}", context.namespace(), where, e.getMessage());
        }
    }
}
