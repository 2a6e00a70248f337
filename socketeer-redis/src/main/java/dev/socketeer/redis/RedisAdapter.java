package dev.socketeer.redis;

import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.adapter.ClusterAdapter;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.redis.internal.BroadcastMessage;
import dev.socketeer.redis.internal.Notepack;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The adapter of one namespace on Redis pub/sub, wire-compatible with Node's {@code @socket.io/redis-adapter}
 * 8.x ({@code RedisAdapter}); created by a {@link RedisAdapterFactory}.
 *
 * <p>Channels, with {@code key} the factory's prefix and {@code nsp} the namespace name:
 * broadcasts go to {@code key#nsp#} (or {@code key#nsp#room#} when they target exactly one room) as
 * notepack MessagePack {@code [uid, packet, opts]}; this adapter pattern-subscribes {@code key#nsp#*}
 * and drops a room channel's message when it has no socket in that room, as Node does. It also
 * subscribes {@code key-request#nsp#}, {@code key-response#nsp#} and {@code key-response#nsp#uid#} so
 * that {@link #serverCount()} ({@code PUBSUB NUMSUB} of the request channel, Node's way) counts it;
 * requests are not answered yet (see {@link ClusterAdapter} for what crosses nodes today).
 *
 * <p>Threading: thread safe; {@link #broadcast} publishes asynchronously and returns at once; messages
 * from Redis are delivered on Lettuce's I/O thread. A message that cannot be decoded is logged (once
 * per adapter at WARN, then at DEBUG) and dropped.
 */
public final class RedisAdapter extends ClusterAdapter {
    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

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
                if (warnedPublish.compareAndSet(false, true)) {
                    log.warn("{}: publishing a broadcast to Redis failed (local delivery goes on): {}",
                            context.namespace(), error.toString());
                } else {
                    log.debug("{}: publishing failed: {}", context.namespace(), error.toString());
                }
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
        int type = RequestPeek.type(message);
        if (warnedRequestTypes.add(type)) {
            log.warn("{}: ignoring a cluster request/response of type {} on {}: not supported yet by Socketeer's"
                    + " Redis adapter (the sending node will time out)", context.namespace(), type, name);
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

    /** Reads just the {@code type} of a JSON or notepack request, for logging. */
    private static final class RequestPeek {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        static int type(byte[] message) {
            try {
                var node = message.length > 0 && message[0] == '{'
                        ? JSON.readTree(message)
                        : Notepack.decode(message);
                return node.path("type").asInt(-1);
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }
}
