package dev.socketeer.core;

import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.engine.EngineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every option of a {@link SocketIoServer}, Node's {@code new Server(opts)}: the Socket.IO options, the
 * inbound back-pressure bounds and the {@link EngineOptions} underneath, with Node's defaults.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>host, port</td><td>{@code 0.0.0.0}, 0 (a free port)</td></tr>
 *   <tr><td>ioThreads</td><td>0 (one per core)</td></tr>
 *   <tr><td>connectTimeout</td><td>45 s</td></tr>
 *   <tr><td>connectionStateRecovery</td><td>none (off)</td></tr>
 *   <tr><td>adapter</td><td>in-memory (session-aware with recovery)</td></tr>
 *   <tr><td>handlerExecutor</td><td>a pool owned by the server</td></tr>
 *   <tr><td>jsonMapper</td><td>a default Jackson {@code JsonMapper}</td></tr>
 *   <tr><td>cleanupEmptyChildNamespaces</td><td>false</td></tr>
 *   <tr><td>listeners</td><td>none</td></tr>
 *   <tr><td>maxQueuedPackets</td><td>256 (not in Node)</td></tr>
 *   <tr><td>maxQueuedSends</td><td>65,536 (not in Node)</td></tr>
 *   <tr><td>rateLimit</td><td>{@link RateLimit#NONE} (not in Node)</td></tr>
 *   <tr><td>maxNamespacesPerClient</td><td>100 (not in Node)</td></tr>
 *   <tr><td>maxRoomsPerSocket</td><td>10,000 (not in Node)</td></tr>
 *   <tr><td>maxPendingAcks</td><td>10,000 (not in Node)</td></tr>
 *   <tr><td>maxChildNamespaces</td><td>10,000 (not in Node)</td></tr>
 *   <tr><td>engineOptions</td><td>{@link EngineOptions#DEFAULT}</td></tr>
 * </table>
 *
 * <p>Immutable; safe to share across threads (the executor, mapper, adapter factory and listeners it
 * holds are shared, not copied).
 */
public final class ServerOptions {
    private static final JsonMapper DEFAULT_JSON_MAPPER = JsonMapper.builder().build();

    /** The defaults. */
    public static final ServerOptions DEFAULT = newBuilder().build();

    private final String host;
    private final int port;
    private final int ioThreads;
    private final Duration connectTimeout;
    private final @Nullable ConnectionStateRecoveryOptions connectionStateRecovery;
    private final @Nullable AdapterFactory adapter;
    private final @Nullable Executor handlerExecutor;
    private final JsonMapper jsonMapper;
    private final boolean cleanupEmptyChildNamespaces;
    private final List<ServerListener> listeners;
    private final int maxQueuedPackets;
    private final long maxQueuedSends;
    private final RateLimit rateLimit;
    private final int maxNamespacesPerClient;
    private final int maxRoomsPerSocket;
    private final int maxPendingAcks;
    private final int maxChildNamespaces;
    private final EngineOptions engineOptions;

    private ServerOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.ioThreads = b.ioThreads;
        this.connectTimeout = b.connectTimeout;
        this.connectionStateRecovery = b.connectionStateRecovery;
        this.adapter = b.adapter;
        this.handlerExecutor = b.handlerExecutor;
        this.jsonMapper = b.jsonMapper;
        this.cleanupEmptyChildNamespaces = b.cleanupEmptyChildNamespaces;
        this.listeners = List.copyOf(b.listeners);
        this.maxQueuedPackets = b.maxQueuedPackets;
        this.maxQueuedSends = b.maxQueuedSends;
        this.rateLimit = b.rateLimit;
        this.maxNamespacesPerClient = b.maxNamespacesPerClient;
        this.maxRoomsPerSocket = b.maxRoomsPerSocket;
        this.maxPendingAcks = b.maxPendingAcks;
        this.maxChildNamespaces = b.maxChildNamespaces;
        this.engineOptions = b.engineOptions;
    }

    public static Builder newBuilder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.ioThreads = ioThreads;
        b.connectTimeout = connectTimeout;
        b.connectionStateRecovery = connectionStateRecovery;
        b.adapter = adapter;
        b.handlerExecutor = handlerExecutor;
        b.jsonMapper = jsonMapper;
        b.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
        b.listeners = new ArrayList<>(listeners);
        b.maxQueuedPackets = maxQueuedPackets;
        b.maxQueuedSends = maxQueuedSends;
        b.rateLimit = rateLimit;
        b.maxNamespacesPerClient = maxNamespacesPerClient;
        b.maxRoomsPerSocket = maxRoomsPerSocket;
        b.maxPendingAcks = maxPendingAcks;
        b.maxChildNamespaces = maxChildNamespaces;
        b.engineOptions = engineOptions;
        return b;
    }

    /** The address {@link SocketIoServer#start()} binds. */
    public String host() {
        return host;
    }

    /** The port {@link SocketIoServer#start()} binds; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** The event loops (I/O threads) of the server {@link SocketIoServer#start()} runs; 0 means one per core. */
    public int ioThreads() {
        return ioThreads;
    }

    /** How long a client may stay without joining any namespace before it is closed. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The recovery options, or {@code null} when connection state recovery is off. */
    public @Nullable ConnectionStateRecoveryOptions connectionStateRecovery() {
        return connectionStateRecovery;
    }

    /** The adapter of each namespace, or {@code null} for the in-memory one. */
    public @Nullable AdapterFactory adapter() {
        return adapter;
    }

    /** Where user callbacks run, or {@code null} for a pool owned by the server. */
    public @Nullable Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** The JSON mapper for payloads (binary support is added to a copy). */
    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    /** Whether a dynamic child namespace is removed when its last socket leaves. */
    public boolean cleanupEmptyChildNamespaces() {
        return cleanupEmptyChildNamespaces;
    }

    /** The observers of connections and events, in the order they are called. */
    public List<ServerListener> listeners() {
        return listeners;
    }

    /** Packets of one client that may wait for or run in its handlers before its connection is not read. */
    public int maxQueuedPackets() {
        return maxQueuedPackets;
    }

    /** Writes one client's handlers made that may wait for their event loops before its connection is not read. */
    public long maxQueuedSends() {
        return maxQueuedSends;
    }

    /** The event rate limit of every socket, unless its namespace sets its own ({@link RateLimit#NONE}: none). */
    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** Namespaces one client may be connected to (or connecting to) at once. */
    public int maxNamespacesPerClient() {
        return maxNamespacesPerClient;
    }

    /** Rooms one socket may be in, its own room included. */
    public int maxRoomsPerSocket() {
        return maxRoomsPerSocket;
    }

    /** Acknowledgements the server may wait for from one socket at once. */
    public int maxPendingAcks() {
        return maxPendingAcks;
    }

    /** Namespaces that clients' CONNECTs may create through dynamic namespaces, all parents together. */
    public int maxChildNamespaces() {
        return maxChildNamespaces;
    }

    /** The Engine.IO options. */
    public EngineOptions engineOptions() {
        return engineOptions;
    }

    /** Builds {@link ServerOptions}; validates in {@link #build()}. Not thread safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port;
        private int ioThreads;
        private Duration connectTimeout = Duration.ofSeconds(45);
        private @Nullable ConnectionStateRecoveryOptions connectionStateRecovery;
        private @Nullable AdapterFactory adapter;
        private @Nullable Executor handlerExecutor;
        private JsonMapper jsonMapper = DEFAULT_JSON_MAPPER;
        private boolean cleanupEmptyChildNamespaces;
        private List<ServerListener> listeners = new ArrayList<>();
        private int maxQueuedPackets = 256;
        private long maxQueuedSends = 65_536;
        private RateLimit rateLimit = RateLimit.NONE;
        private int maxNamespacesPerClient = 100;
        private int maxRoomsPerSocket = 10_000;
        private int maxPendingAcks = 10_000;
        private int maxChildNamespaces = 10_000;
        private EngineOptions engineOptions = EngineOptions.DEFAULT;

        private Builder() {
        }

        /** The address to bind, {@code 0.0.0.0} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port for {@link SocketIoServer#start()}; 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The number of event loops (I/O threads) of the server {@link SocketIoServer#start()} runs; 0 (the
         * default) means one per core ({@code Runtime.availableProcessors()}). Sessions are spread over them;
         * a server mounted in another Netty server (Spring Boot) uses that server's loops instead. Node has
         * one thread and no such option.
         */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        /** How long a client may stay without joining any namespace before it is closed (45 s, as Node). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Enables connection state recovery; {@code null} (the default, as Node) disables it. */
        public Builder connectionStateRecovery(@Nullable ConnectionStateRecoveryOptions connectionStateRecovery) {
            this.connectionStateRecovery = connectionStateRecovery;
            return this;
        }

        /**
         * The adapter of each namespace; {@code null} (the default) is the in-memory adapter, Node's
         * {@code Adapter} (its session-aware variant with connection state recovery).
         */
        public Builder adapter(@Nullable AdapterFactory adapter) {
            this.adapter = adapter;
            return this;
        }

        /**
         * Where user callbacks run; {@code null} (the default) is a pool owned by the server:
         * {@code max(2, cores)} daemon threads on one queue, plus one more for every handler that has been
         * running for over 100 ms (up to 256), so a blocking handler delays only its own socket. Callbacks
         * of one client run one at a time; a slow one holds a thread, so an executor given here must be
         * able to grow (or be large enough) for blocking handlers. Node has one thread and no such option.
         */
        public Builder handlerExecutor(@Nullable Executor handlerExecutor) {
            this.handlerExecutor = handlerExecutor;
            return this;
        }

        /** The JSON mapper for payloads (binary support is added to a copy); a default mapper by default. */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /** Whether a dynamic child namespace is removed when its last socket leaves (false, as Node). */
        public Builder cleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
            this.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
            return this;
        }

        /** Adds an observer of connections and events, e.g. for metrics; called in registration order. */
        public Builder listener(ServerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Replaces the observers of connections and events (none by default). */
        public Builder listeners(Collection<? extends ServerListener> listeners) {
            List<ServerListener> all = new ArrayList<>(listeners.size());
            listeners.forEach(l -> all.add(Objects.requireNonNull(l, "listener")));
            this.listeners = all;
            return this;
        }

        /**
         * Inbound back-pressure, in packets (256; Node needs no such bound, its single thread is one): a
         * client's connection is not read (TCP then slows the client down) while more than this many of
         * its packets wait for or run in its handlers. Reading resumes when both backlogs are down to half.
         */
        public Builder maxQueuedPackets(int maxQueuedPackets) {
            this.maxQueuedPackets = maxQueuedPackets;
            return this;
        }

        /**
         * Inbound back-pressure, in writes (65,536; not in Node): a client's connection is not read while
         * more than this many writes its handlers made (a broadcast to 1,000 sockets makes 1,000) wait for
         * their event loops. Without it a client that publishes faster than the loops can fan out queues
         * unbounded work.
         */
        public Builder maxQueuedSends(long maxQueuedSends) {
            this.maxQueuedSends = maxQueuedSends;
            return this;
        }

        /**
         * The event rate limit of every socket ({@link RateLimit#NONE}, the default, is none; not in Node); a
         * namespace may set its own with {@link Namespace#rateLimit(RateLimit)}.
         */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
            return this;
        }

        /**
         * Namespaces one client may be connected to, or connecting to, at once (100; Node has no bound): a
         * CONNECT beyond it is answered with CONNECT_ERROR {@code "too many namespaces"}. It matters with dynamic
         * namespaces, whose names the client chooses.
         */
        public Builder maxNamespacesPerClient(int maxNamespacesPerClient) {
            this.maxNamespacesPerClient = maxNamespacesPerClient;
            return this;
        }

        /**
         * Rooms one socket may be in, its own room included (10,000; Node has no bound):
         * {@link Socket#join} beyond it throws {@link IllegalStateException} and joins none of the rooms given.
         */
        public Builder maxRoomsPerSocket(int maxRoomsPerSocket) {
            this.maxRoomsPerSocket = maxRoomsPerSocket;
            return this;
        }

        /**
         * Acknowledgements the server may wait for from one socket at once (10,000; Node has no bound): an emit
         * with an acknowledgement beyond it is not sent and its callback (or future) fails at once with
         * {@link IllegalStateException} "too many pending acknowledgements"; a broadcast with acknowledgements
         * skips the socket.
         */
        public Builder maxPendingAcks(int maxPendingAcks) {
            this.maxPendingAcks = maxPendingAcks;
            return this;
        }

        /**
         * Child namespaces that clients' CONNECTs may create through dynamic namespaces, all parents together
         * (10,000; Node has no bound): a CONNECT that would create one more is answered with CONNECT_ERROR
         * {@code "too many namespaces"}. Children live until the server closes unless
         * {@link #cleanupEmptyChildNamespaces} removes the empty ones (which frees their places); children the
         * server creates itself with {@link SocketIoServer#of(String)} are not counted.
         */
        public Builder maxChildNamespaces(int maxChildNamespaces) {
            this.maxChildNamespaces = maxChildNamespaces;
            return this;
        }

        /** The Engine.IO options ({@link EngineOptions#DEFAULT} by default). */
        public Builder engineOptions(EngineOptions engineOptions) {
            this.engineOptions = Objects.requireNonNull(engineOptions, "engineOptions");
            return this;
        }

        public ServerOptions build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be between 0 and 65535, was " + port);
            }
            if (ioThreads < 0) {
                throw new IllegalArgumentException("ioThreads: must be 0 (one per core) or positive, was " + ioThreads);
            }
            if (connectTimeout.isZero() || connectTimeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout: must be positive, was " + connectTimeout);
            }
            if (maxQueuedPackets <= 0) {
                throw new IllegalArgumentException("maxQueuedPackets: must be positive, was " + maxQueuedPackets);
            }
            if (maxQueuedSends <= 0) {
                throw new IllegalArgumentException("maxQueuedSends: must be positive, was " + maxQueuedSends);
            }
            if (maxNamespacesPerClient <= 0) {
                throw new IllegalArgumentException("maxNamespacesPerClient: must be positive, was " + maxNamespacesPerClient);
            }
            if (maxRoomsPerSocket <= 0) {
                throw new IllegalArgumentException("maxRoomsPerSocket: must be positive, was " + maxRoomsPerSocket);
            }
            if (maxPendingAcks <= 0) {
                throw new IllegalArgumentException("maxPendingAcks: must be positive, was " + maxPendingAcks);
            }
            if (maxChildNamespaces <= 0) {
                throw new IllegalArgumentException("maxChildNamespaces: must be positive, was " + maxChildNamespaces);
            }
            return new ServerOptions(this);
        }
    }
}
