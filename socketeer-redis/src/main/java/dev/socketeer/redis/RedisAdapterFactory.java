package dev.socketeer.redis;

import dev.socketeer.core.adapter.Adapter;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.redis.internal.RedisClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the {@link RedisAdapter} of each namespace over two shared Redis connections (one publishes,
 * one is subscribed), like Node's {@code createAdapter(pubClient, subClient, {key})}.
 *
 * <pre>{@code
 * RedisAdapterFactory redis = RedisAdapterFactory.connect("redis://127.0.0.1:6379");
 * SocketIoServer io = SocketIoServer.builder().adapter(redis).build();
 * ...
 * io.close();
 * redis.close();
 * }</pre>
 *
 * <p>One factory per server: its connections subscribe once per namespace, so two servers in one JVM
 * need a factory each (a second adapter for the same channels fails).
 *
 * <p>Lifecycle: {@link #connect} opens both connections (blocking, at start-up; it fails when Redis does
 * not answer); afterwards Lettuce reconnects by itself and restores the subscriptions. While Redis is
 * away, local delivery goes on and publishing fails fast (commands are rejected, not queued).
 * {@link #close()} after the servers using it are closed.
 *
 * <p>Threading: thread safe. Messages are dispatched to the adapters on Lettuce's I/O thread.
 */
public final class RedisAdapterFactory implements AdapterFactory, AutoCloseable, RedisAdapterStatus {
    /** The default channel prefix, Node's default {@code key}. */
    public static final String DEFAULT_KEY = "socket.io";
    /** How long a request waits for the other nodes' answers by default, Node's {@code requestsTimeout}. */
    public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofSeconds(5);

    private final RedisClient client;
    private final boolean ownsClient;
    private final String key;
    private final StatefulRedisConnection<byte[], byte[]> pub;
    private final StatefulRedisPubSubConnection<byte[], byte[]> sub;
    /** Pattern or channel name to the adapter it belongs to. */
    private final Map<String, RedisAdapter> routes = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Duration requestsTimeout = DEFAULT_REQUESTS_TIMEOUT;
    private volatile boolean publishOnSpecificResponseChannel;

    private RedisAdapterFactory(RedisClient client, boolean ownsClient, String key) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.key = key;
        this.pub = client.connect(ByteArrayCodec.INSTANCE);
        try {
            this.sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            pub.close();
            throw e;
        }
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                RedisAdapter adapter = routes.get(new String(channel, StandardCharsets.UTF_8));
                if (adapter != null) {
                    adapter.onChannelMessage(channel, message);
                }
            }

            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
                RedisAdapter adapter = routes.get(new String(pattern, StandardCharsets.UTF_8));
                if (adapter != null) {
                    adapter.onPatternMessage(channel, message);
                }
            }
        });
    }

    /** Connects to {@code redisUri} (e.g. {@code redis://127.0.0.1:6379}) with the default key. Blocking. */
    public static RedisAdapterFactory connect(String redisUri) {
        return connect(redisUri, DEFAULT_KEY);
    }

    /**
     * Connects to {@code redisUri} with the channel prefix {@code key} (Node's {@code key} option: nodes
     * share a cluster when they use the same key). Blocking; the factory owns the client it creates.
     */
    public static RedisAdapterFactory connect(String redisUri, String key) {
        return connect(RedisURI.create(redisUri), key);
    }

    /**
     * Connects to {@code redisUri} (host, port, credentials, database, TLS, timeouts as the URI holds them)
     * with the channel prefix {@code key}. Blocking; the factory owns the client it creates.
     */
    public static RedisAdapterFactory connect(RedisURI redisUri, String key) {
        String checkedKey = RedisClients.requireKey(key);
        return RedisClients.withOwnClient(redisUri, client -> new RedisAdapterFactory(client, true, checkedKey));
    }

    /**
     * Uses a client configured by the application (which keeps owning it; {@link #close()} closes only the
     * two connections opened here). Blocking.
     */
    public static RedisAdapterFactory connect(RedisClient client, String key) {
        return new RedisAdapterFactory(Objects.requireNonNull(client, "client"), false, RedisClients.requireKey(key));
    }

    /**
     * Sets how long a request waits for the other nodes' answers (Node's {@code requestsTimeout}, default
     * 5 s): then {@code serverSideEmitWithAck} fails with an {@code AckTimeoutException} holding the answers
     * that arrived, {@code fetchSockets} with a {@code FetchSocketsTimeoutException} holding the sockets found,
     * {@code allRooms} with a {@code TimeoutException}, as Node's adapter rejects them.
     */
    public RedisAdapterFactory requestsTimeout(Duration timeout) {
        this.requestsTimeout = RedisClients.requirePositive(timeout, "requestsTimeout");
        return this;
    }

    /** How long a request waits for answers. */
    public Duration requestsTimeout() {
        return requestsTimeout;
    }

    /**
     * Whether this node answers another node's request on that node's own channel
     * {@code key-response#nsp#uid#} rather than the shared {@code key-response#nsp#} (Node's option of the
     * same name, default {@code false}). Either way this node hears answers on both.
     */
    public RedisAdapterFactory publishOnSpecificResponseChannel(boolean specific) {
        this.publishOnSpecificResponseChannel = specific;
        return this;
    }

    /** Whether answers go to the requester's own response channel. */
    public boolean publishOnSpecificResponseChannel() {
        return publishOnSpecificResponseChannel;
    }

    /**
     * Whether both connections (publishing and subscribed) are up now. {@code false} while Lettuce
     * reconnects after Redis went away, and after {@link #close()}.
     */
    @Override
    public boolean connected() {
        return !closed.get() && pub.isOpen() && sub.isOpen();
    }

    /** The channel prefix. */
    public String key() {
        return key;
    }

    /**
     * The Lettuce client the adapter's connections come from, for an application's own commands on the same
     * Redis (the reference server's shared login throttle). Connections opened on it are the caller's to
     * close, before this factory closes; do not shut the client down.
     */
    public RedisClient client() {
        return client;
    }

    @Override
    public Adapter create(AdapterContext context) {
        if (closed.get()) {
            throw new IllegalStateException("this RedisAdapterFactory is closed");
        }
        return new RedisAdapter(context, this);
    }

    StatefulRedisConnection<byte[], byte[]> publisher() {
        return pub;
    }

    StatefulRedisPubSubConnection<byte[], byte[]> subscriber() {
        return sub;
    }

    void route(String channelOrPattern, RedisAdapter adapter) {
        RedisAdapter previous = routes.putIfAbsent(channelOrPattern, adapter);
        if (previous != null && previous != adapter) {
            throw new IllegalStateException(channelOrPattern + " is already served by another adapter of this factory:"
                    + " use one RedisAdapterFactory per server");
        }
    }

    void unroute(String channelOrPattern, RedisAdapter adapter) {
        routes.remove(channelOrPattern, adapter);
    }

    /** Closes the connections (and the client when this factory created it). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sub.close();
        pub.close();
        if (ownsClient) {
            client.shutdown();
        }
    }

    @Override
    public String kind() {
        return "redis";
    }
}
