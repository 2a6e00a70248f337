package dev.socketeer.redis;

import dev.socketeer.core.adapter.Adapter;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.core.adapter.ClusterAdapter;
import dev.socketeer.redis.internal.RedisClients;
import dev.socketeer.redis.internal.ShardChannelWatch;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the {@link RedisShardedAdapter} of each namespace, like Node's
 * {@code createShardedAdapter(pubClient, subClient, opts)} of {@code @socket.io/redis-adapter} 8.3 (Redis 7's
 * sharded pub/sub: {@code SPUBLISH}, {@code SSUBSCRIBE}): with the same options, its nodes and Node's share
 * one cluster.
 *
 * <pre>{@code
 * RedisShardedAdapterFactory redis = RedisShardedAdapterFactory.newBuilder()
 *         .subscriptionMode(SubscriptionMode.DYNAMIC).connect("redis://127.0.0.1:6379");
 * SocketIoServer io = SocketIoServer.builder().adapter(redis).build();
 * ...
 * io.close();
 * redis.close();
 * }</pre>
 *
 * <p>Connections: one for commands ({@code SPUBLISH}, {@code PUBSUB SHARDNUMSUB}) and one for the
 * subscriptions, Node's {@code pubClient} and {@code subClient}. One factory per server (its channels are
 * routed to one adapter each).
 *
 * <p>Lifecycle: {@link Builder#connect} opens the connections (blocking, at start-up; it fails when Redis
 * does not answer); afterwards Lettuce reconnects by itself and subscribes the channels again.
 * {@link #close()} after the servers using it are closed.
 *
 * <p>Threading: thread safe. Messages are dispatched to the adapters on Lettuce's I/O thread.
 */
public final class RedisShardedAdapterFactory implements AdapterFactory, AutoCloseable, RedisAdapterStatus {

    /** Node's {@code subscriptionMode}: which channels a node subscribes besides its namespace's. */
    public enum SubscriptionMode {
        /** Only {@code <prefix>#<nsp>#} and the answer channel: every broadcast reaches every node. */
        STATIC("static"),
        /** Also one channel per public room (not a socket's own room) while the room has local members (Node's default). */
        DYNAMIC("dynamic"),
        /** Also one channel per room, a socket's own room included. */
        DYNAMIC_PRIVATE("dynamic-private");

        private final String wireName;

        SubscriptionMode(String wireName) {
            this.wireName = wireName;
        }

        /** Node's name of the mode ({@code static}, {@code dynamic}, {@code dynamic-private}). */
        public String wireName() {
            return wireName;
        }

        /** The mode of Node's name. */
        public static SubscriptionMode fromWireName(String name) {
            for (SubscriptionMode mode : values()) {
                if (mode.wireName.equals(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("subscriptionMode: expected static, dynamic or dynamic-private, was " + name);
        }
    }

    private final RedisClient client;
    private final boolean ownsClient;
    private final Builder options;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    /** Channel name to the adapter it belongs to. */
    private final Map<String, RedisShardedAdapter> channels = new ConcurrentHashMap<>();
    /** Namespace name to its adapter. */
    private final Map<String, RedisShardedAdapter> namespaces = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ShardChannelWatch shardWatch;

    private RedisShardedAdapterFactory(RedisClient client, boolean ownsClient, Builder options) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options.copy();
        this.commands = client.connect(RedisStreamsAdapterFactory.CODEC);
        try {
            this.sub = client.connectPubSub(RedisStreamsAdapterFactory.CODEC);
        } catch (RuntimeException e) {
            commands.close();
            throw e;
        }
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(String channel, byte[] message) {
                RedisShardedAdapter adapter = channels.get(channel);
                if (adapter != null) {
                    adapter.onRawMessage(channel, message);
                }
            }
        });
        shardWatch = new ShardChannelWatch(client, sub, channels::keySet);
    }

    /** Options with Node's defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Connects to {@code redisUri} with Node's default options. Blocking. */
    public static RedisShardedAdapterFactory connect(String redisUri) {
        return newBuilder().connect(redisUri);
    }

    @Override
    public Adapter create(AdapterContext context) {
        if (closed.get()) {
            throw new IllegalStateException("this RedisShardedAdapterFactory is closed");
        }
        return new RedisShardedAdapter(context, this);
    }

    /** Whether both connections are up now ({@code false} while Lettuce reconnects, and after {@link #close()}). */
    @Override
    public boolean connected() {
        return !closed.get() && commands.isOpen() && sub.isOpen();
    }

    Builder options() {
        return options;
    }

    StatefulRedisConnection<String, byte[]> commands() {
        return commands;
    }

    StatefulRedisPubSubConnection<String, byte[]> subscriber() {
        return sub;
    }

    void register(RedisShardedAdapter adapter, String namespace, List<String> adapterChannels) {
        RedisShardedAdapter previous = namespaces.putIfAbsent(namespace, adapter);
        if (previous != null && previous != adapter) {
            throw new IllegalStateException("namespace " + namespace + " already has an adapter of this factory:"
                    + " use one RedisShardedAdapterFactory per server");
        }
        adapterChannels.forEach(channel -> channels.put(channel, adapter));
    }

    void unregister(RedisShardedAdapter adapter, String namespace, List<String> adapterChannels) {
        namespaces.remove(namespace, adapter);
        adapterChannels.forEach(channel -> channels.remove(channel, adapter));
    }

    void route(String channel, RedisShardedAdapter adapter) {
        channels.put(channel, adapter);
    }

    void unroute(String channel, RedisShardedAdapter adapter) {
        channels.remove(channel, adapter);
    }

    /** Closes the connections (and the client when this factory created it). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shardWatch.close();
        sub.close();
        commands.close();
        if (ownsClient) {
            client.shutdown();
        }
    }

    /**
     * The options of Node's {@code createShardedAdapter}, with its defaults; then {@link #connect} makes the
     * factory. Not thread safe (configure on one thread).
     */
    public static final class Builder {
        String channelPrefix = "socket.io";
        SubscriptionMode subscriptionMode = SubscriptionMode.DYNAMIC;
        Duration requestsTimeout = ClusterAdapter.DEFAULT_REQUESTS_TIMEOUT;

        private Builder() {
        }

        Builder copy() {
            Builder copy = new Builder();
            copy.channelPrefix = channelPrefix;
            copy.subscriptionMode = subscriptionMode;
            copy.requestsTimeout = requestsTimeout;
            return copy;
        }

        /** The prefix of the channels (Node's {@code channelPrefix}, default {@code socket.io}). */
        public Builder channelPrefix(String channelPrefix) {
            this.channelPrefix = RedisClients.requireKey(channelPrefix);
            return this;
        }

        /** Which channels are subscribed (Node's {@code subscriptionMode}, default {@link SubscriptionMode#DYNAMIC}). All nodes must agree. */
        public Builder subscriptionMode(SubscriptionMode subscriptionMode) {
            this.subscriptionMode = Objects.requireNonNull(subscriptionMode, "subscriptionMode");
            return this;
        }

        /** How long {@code fetchSockets} and {@code serverSideEmitWithAck} wait for the other nodes (default 5 s, Node's fixed value). */
        public Builder requestsTimeout(Duration requestsTimeout) {
            this.requestsTimeout = RedisClients.requirePositive(requestsTimeout, "requestsTimeout");
            return this;
        }

        /** Connects to {@code redisUri} (e.g. {@code redis://127.0.0.1:6379}). Blocking; the factory owns its client. */
        public RedisShardedAdapterFactory connect(String redisUri) {
            return connect(RedisURI.create(redisUri));
        }

        /** Connects to {@code redisUri}. Blocking; the factory owns its client. */
        public RedisShardedAdapterFactory connect(RedisURI redisUri) {
            return RedisClients.withOwnClient(redisUri, c -> new RedisShardedAdapterFactory(c, true, this));
        }

        /**
         * Uses a client configured by the application, which keeps owning it ({@link #close()} closes only the
         * connections opened here). Blocking.
         */
        public RedisShardedAdapterFactory connect(RedisClient client) {
            return new RedisShardedAdapterFactory(Objects.requireNonNull(client, "client"), false, this);
        }
    }

    @Override
    public String kind() {
        return "redis-sharded";
    }
}
