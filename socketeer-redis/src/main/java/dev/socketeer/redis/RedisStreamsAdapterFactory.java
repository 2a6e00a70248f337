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
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the {@link RedisStreamsAdapter} of each namespace, like Node's {@code createAdapter(redisClient, opts)}
 * of {@code @socket.io/redis-streams-adapter} 0.3: with the same options (and defaults), its nodes and Node's
 * share one cluster.
 *
 * <pre>{@code
 * RedisStreamsAdapterFactory redis = RedisStreamsAdapterFactory.newBuilder().connect("redis://127.0.0.1:6379");
 * SocketIoServer io = SocketIoServer.builder().adapter(redis)
 *         .connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT).build();
 * ...
 * io.close();
 * redis.close();
 * }</pre>
 *
 * <p>Connections: one for commands ({@code XADD}, {@code XRANGE}, {@code PUBLISH}, {@code SET}, ...), one
 * subscribed to the namespaces' channels, and one per stream that only runs {@code XREAD BLOCK} on a
 * dedicated daemon thread ({@code socketeer-redis-streams-<stream>}), so no engine thread and no Lettuce
 * I/O thread ever waits on Redis. One factory per server (its channels are routed to one adapter each).
 *
 * <p>Lifecycle: {@link Builder#connect} opens the connections and places each stream's read position at
 * its current end (blocking, at start-up; it fails when Redis does not answer): what any node adds
 * afterwards is read, where Node starts its first {@code XREAD} at {@code $} and may miss what is added
 * meanwhile. Afterwards Lettuce reconnects by itself; the readers retry (every 100 ms at most) from the
 * last entry they read, so a short outage loses no stream entry. {@link #close()} after the servers using
 * it are closed.
 *
 * <p>Threading: thread safe. Stream entries are dispatched to the adapters on the stream's reader thread,
 * pub/sub messages on Lettuce's I/O thread.
 */
public final class RedisStreamsAdapterFactory implements AdapterFactory, AutoCloseable, RedisAdapterStatus {
    /** The codec of every connection: UTF-8 keys, channels and field names, binary values. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final boolean ownsClient;
    private final Builder options;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    private final List<StreamReader> readers = new ArrayList<>();
    /** Channel name to the adapter it belongs to. */
    private final Map<String, RedisStreamsAdapter> channels = new ConcurrentHashMap<>();
    /** Namespace name to its adapter. */
    private final Map<String, RedisStreamsAdapter> namespaces = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** With {@code useShardedPubSub}: subscribes the shard channels again after a reconnect. */
    private ShardChannelWatch shardWatch;

    private RedisStreamsAdapterFactory(RedisClient client, boolean ownsClient, Builder options) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options.copy();
        this.commands = client.connect(CODEC);
        try {
            this.sub = client.connectPubSub(CODEC);
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    RedisStreamsAdapter adapter = channels.get(channel);
                    if (adapter != null) {
                        adapter.onPubSubMessage(channel, message);
                    }
                }

                @Override
                public void smessage(String channel, byte[] message) {
                    message(channel, message);
                }
            });
            if (this.options.useShardedPubSub) {
                shardWatch = new ShardChannelWatch(client, sub, channels::keySet);
            }
            for (String stream : streamNames()) {
                StreamReader reader = new StreamReader(client.connect(CODEC), stream, this.options.readCount,
                        this.options.blockTime, namespaces::get);
                readers.add(reader);
                reader.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<String> streamNames() {
        List<String> names = new ArrayList<>();
        if (options.streamCount == 1) {
            names.add(options.streamName);
        } else {
            for (int i = 0; i < options.streamCount; i++) {
                names.add(options.streamName + "-" + i);
            }
        }
        return names;
    }

    /** Options with Node's defaults. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Connects to {@code redisUri} with Node's default options. Blocking. */
    public static RedisStreamsAdapterFactory connect(String redisUri) {
        return newBuilder().connect(redisUri);
    }

    /**
     * The stream a namespace's messages go to: {@code streamName}, or with several streams
     * {@code streamName-i} where {@code i} is Node's {@code hashCode(nsp) % streamCount} (a JavaScript
     * remainder, negative for a negative hash, as Java's).
     */
    String streamOf(String namespace) {
        return options.streamCount == 1 ? options.streamName
                : options.streamName + "-" + (namespace.hashCode() % options.streamCount);
    }

    @Override
    public Adapter create(AdapterContext context) {
        if (closed.get()) {
            throw new IllegalStateException("this RedisStreamsAdapterFactory is closed");
        }
        return new RedisStreamsAdapter(context, this);
    }

    /** Whether every connection is up now ({@code false} while Lettuce reconnects, and after {@link #close()}). */
    @Override
    public boolean connected() {
        return !closed.get() && commands.isOpen() && sub.isOpen() && readers.stream().allMatch(StreamReader::isOpen);
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

    void register(RedisStreamsAdapter adapter, String namespace, List<String> adapterChannels) {
        RedisStreamsAdapter previous = namespaces.putIfAbsent(namespace, adapter);
        if (previous != null && previous != adapter) {
            throw new IllegalStateException("namespace " + namespace + " already has an adapter of this factory:"
                    + " use one RedisStreamsAdapterFactory per server");
        }
        adapterChannels.forEach(channel -> channels.put(channel, adapter));
    }

    void unregister(RedisStreamsAdapter adapter, String namespace, List<String> adapterChannels) {
        namespaces.remove(namespace, adapter);
        adapterChannels.forEach(channel -> channels.remove(channel, adapter));
    }

    /** Stops the readers and closes the connections (and the client when this factory created it). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        readers.forEach(StreamReader::close);
        if (shardWatch != null) {
            shardWatch.close();
        }
        if (sub != null) {
            sub.close();
        }
        commands.close();
        if (ownsClient) {
            client.shutdown();
        }
    }

    /**
     * The options of Node's {@code createAdapter}, with its defaults; then {@link #connect} makes the factory.
     * Not thread safe (configure on one thread).
     */
    public static final class Builder {
        String streamName = "socket.io";
        int streamCount = 1;
        String channelPrefix = "socket.io";
        long maxLen = 10_000;
        int readCount = 100;
        Duration blockTime = Duration.ofSeconds(5);
        String sessionKeyPrefix = "sio:session:";
        boolean onlyPlaintext;
        boolean useShardedPubSub;
        Duration requestsTimeout = ClusterAdapter.DEFAULT_REQUESTS_TIMEOUT;

        private Builder() {
        }

        Builder copy() {
            Builder copy = new Builder();
            copy.streamName = streamName;
            copy.streamCount = streamCount;
            copy.channelPrefix = channelPrefix;
            copy.maxLen = maxLen;
            copy.readCount = readCount;
            copy.blockTime = blockTime;
            copy.sessionKeyPrefix = sessionKeyPrefix;
            copy.onlyPlaintext = onlyPlaintext;
            copy.useShardedPubSub = useShardedPubSub;
            copy.requestsTimeout = requestsTimeout;
            return copy;
        }

        /** The stream's name (Node's {@code streamName}, default {@code socket.io}). */
        public Builder streamName(String streamName) {
            this.streamName = RedisClients.requireKey(streamName);
            return this;
        }

        /** How many streams the namespaces are spread over (Node's {@code streamCount}, default 1). */
        public Builder streamCount(int streamCount) {
            if (streamCount < 1) {
                throw new IllegalArgumentException("streamCount: must be at least 1, was " + streamCount);
            }
            this.streamCount = streamCount;
            return this;
        }

        /** The prefix of the pub/sub channels (Node's {@code channelPrefix}, default {@code socket.io}). */
        public Builder channelPrefix(String channelPrefix) {
            this.channelPrefix = RedisClients.requireKey(channelPrefix);
            return this;
        }

        /** The approximate maximum length of the stream (Node's {@code maxLen}, default 10,000). */
        public Builder maxLen(long maxLen) {
            if (maxLen < 1) {
                throw new IllegalArgumentException("maxLen: must be positive, was " + maxLen);
            }
            this.maxLen = maxLen;
            return this;
        }

        /** How many entries one {@code XREAD} fetches at most (Node's {@code readCount}, default 100). */
        public Builder readCount(int readCount) {
            if (readCount < 1) {
                throw new IllegalArgumentException("readCount: must be positive, was " + readCount);
            }
            this.readCount = readCount;
            return this;
        }

        /** How long one {@code XREAD} blocks (Node's {@code blockTimeInMs}, default 5 s). */
        public Builder blockTime(Duration blockTime) {
            this.blockTime = RedisClients.requirePositive(blockTime, "blockTime");
            return this;
        }

        /** The prefix of the keys of persisted sessions (Node's {@code sessionKeyPrefix}, default {@code sio:session:}). */
        public Builder sessionKeyPrefix(String sessionKeyPrefix) {
            this.sessionKeyPrefix = RedisClients.requireKey(sessionKeyPrefix);
            return this;
        }

        /** Whether stream entries are always JSON, binary or not (Node's {@code onlyPlaintext}, default {@code false}). */
        public Builder onlyPlaintext(boolean onlyPlaintext) {
            this.onlyPlaintext = onlyPlaintext;
            return this;
        }

        /**
         * Whether requests and answers use Redis 7's sharded pub/sub ({@code SPUBLISH}, {@code SSUBSCRIBE},
         * {@code PUBSUB SHARDNUMSUB}; Node's {@code useShardedPubSub}, default {@code false}). All nodes of a
         * cluster must agree.
         */
        public Builder useShardedPubSub(boolean useShardedPubSub) {
            this.useShardedPubSub = useShardedPubSub;
            return this;
        }

        /** How long {@code fetchSockets} and {@code serverSideEmitWithAck} wait for the other nodes (default 5 s, Node's fixed value). */
        public Builder requestsTimeout(Duration requestsTimeout) {
            this.requestsTimeout = RedisClients.requirePositive(requestsTimeout, "requestsTimeout");
            return this;
        }

        /** Connects to {@code redisUri} (e.g. {@code redis://127.0.0.1:6379}). Blocking; the factory owns its client. */
        public RedisStreamsAdapterFactory connect(String redisUri) {
            return connect(RedisURI.create(redisUri));
        }

        /** Connects to {@code redisUri}. Blocking; the factory owns its client. */
        public RedisStreamsAdapterFactory connect(RedisURI redisUri) {
            return RedisClients.withOwnClient(redisUri, c -> new RedisStreamsAdapterFactory(c, true, this));
        }

        /**
         * Uses a client configured by the application, which keeps owning it ({@link #close()} closes only the
         * connections opened here). Blocking.
         */
        public RedisStreamsAdapterFactory connect(RedisClient client) {
            return new RedisStreamsAdapterFactory(Objects.requireNonNull(client, "client"), false, this);
        }
    }

    @Override
    public String kind() {
        return "redis-streams";
    }
}
