package dev.socketeer.core;

import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.core.internal.CompositeServerListener;
import dev.socketeer.core.internal.HandlerPool;
import dev.socketeer.core.internal.ServerRuntime;
import dev.socketeer.engine.CorsOptions;
import dev.socketeer.engine.EngineHttpServer;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A Socket.IO server, Node's {@code new Server(...)}: namespaces, middleware, broadcasting, and the
 * Engine.IO server underneath. Broadcast methods act on the main namespace {@code "/"}.
 *
 * <p>Lifecycle: {@link #builder()} ... {@link Builder#build()}, register namespaces, middleware and
 * listeners, then {@link #start()} to listen on a port (or mount {@link #engine()}'s
 * {@link EngineServer#newHttpHandler()} in an existing Netty pipeline); {@link #close()} disconnects
 * every socket with "server shutting down" and stops listening.
 *
 * <p>Threading: thread safe. See {@link dev.socketeer.core} for where callbacks run.
 */
public final class SocketIoServer implements BroadcastOperator, AutoCloseable {
    private final Builder config;
    private final ServerRuntime runtime;
    private final EngineServer engine;
    private final ExecutorService ownedExecutor;
    private volatile EngineHttpServer httpServer;
    private boolean closed; // guarded by this

    private SocketIoServer(Builder b, EngineOptions engineOptions) {
        this.config = b;
        this.ownedExecutor = b.handlerExecutor == null ? newHandlerPool() : null;
        this.runtime = new ServerRuntime(b.jsonMapper, engineOptions.maxHttpBufferSize(),
                b.handlerExecutor != null ? b.handlerExecutor : ownedExecutor, b.connectTimeout,
                b.recovery, b.adapter, b.cleanupEmptyChildNamespaces);
        if (!b.listeners.isEmpty()) {
            runtime.listener(new CompositeServerListener(b.listeners));
        }
        this.engine = new EngineServer(engineOptions, runtime::onEngineConnection);
        runtime.of("/");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the configured host and port and starts serving; returns this server. */
    public synchronized SocketIoServer start() {
        if (httpServer != null) {
            throw new IllegalStateException("already started");
        }
        httpServer = EngineHttpServer.start(engine, config.host, config.port);
        return this;
    }

    /** The bound port (after {@link #start()}), e.g. when configured with port 0. */
    public int port() {
        EngineHttpServer server = httpServer;
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.port();
    }

    /** The Engine.IO server, e.g. to mount {@link EngineServer#newHttpHandler()} in another Netty server. */
    public EngineServer engine() {
        return engine;
    }

    /**
     * The mapper this server converts payloads with (the configured {@code jsonMapper} plus binary
     * support): what typed listeners use, for integrations that convert arguments themselves.
     */
    public dev.socketeer.core.protocol.PayloadMapper payloadMapper() {
        return runtime.payloadMapper();
    }

    /** The namespace with this name, created if needed; {@code "chat"} means {@code "/chat"}. */
    public Namespace of(String name) {
        return runtime.of(Objects.requireNonNull(name, "name"));
    }

    /** A dynamic namespace whose children are the namespaces matching {@code pattern}. */
    public ParentNamespace of(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return runtime.of((name, auth) -> pattern.matcher(name).find(), pattern);
    }

    /** A dynamic namespace whose children are the namespaces {@code predicate} accepts. */
    public ParentNamespace of(NamespacePredicate predicate) {
        return runtime.of(Objects.requireNonNull(predicate, "predicate"), null);
    }

    /** The main namespace {@code "/"}. */
    public Namespace sockets() {
        return of("/");
    }

    /** Adds connection middleware to {@code "/"}. */
    public SocketIoServer use(Middleware middleware) {
        sockets().use(middleware);
        return this;
    }

    /** Adds a connection listener to {@code "/"}, Node's {@code io.on("connection", ...)}. */
    public SocketIoServer onConnection(Consumer<Socket> listener) {
        sockets().onConnection(listener);
        return this;
    }

    /** The sockets of {@code "/"} on this server, by id. */
    public Map<String, Socket> localSockets() {
        return sockets().sockets();
    }

    public boolean serverSideEmit(String event, Object... args) {
        return sockets().serverSideEmit(event, args);
    }

    public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
        return sockets().serverSideEmitWithAck(event, args);
    }

    @Override
    public BroadcastOperator to(String... rooms) {
        return sockets().to(rooms);
    }

    @Override
    public BroadcastOperator in(String... rooms) {
        return sockets().in(rooms);
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return sockets().except(rooms);
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return sockets().compress(compress);
    }

    @Override
    public BroadcastOperator volatile_() {
        return sockets().volatile_();
    }

    @Override
    public BroadcastOperator local() {
        return sockets().local();
    }

    @Override
    public BroadcastOperator timeout(Duration timeout) {
        return sockets().timeout(timeout);
    }

    @Override
    public boolean emit(String event, Object... args) {
        return sockets().emit(event, args);
    }

    @Override
    public boolean emit(String event, List<?> args, BroadcastAckCallback callback) {
        return sockets().emit(event, args, callback);
    }

    @Override
    public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
        return sockets().emitWithAck(event, args);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return sockets().fetchSockets();
    }

    @Override
    public void socketsJoin(String... rooms) {
        sockets().socketsJoin(rooms);
    }

    @Override
    public void socketsLeave(String... rooms) {
        sockets().socketsLeave(rooms);
    }

    @Override
    public void disconnectSockets(boolean close) {
        sockets().disconnectSockets(close);
    }

    /** Disconnects every socket ("server shutting down"), closes the engine and stops listening. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runtime.close();
        engine.close();
        EngineHttpServer server = httpServer;
        if (server != null) {
            server.close();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    private static ExecutorService newHandlerPool() {
        return HandlerPool.withDefaults();
    }

    /**
     * Builds a {@link SocketIoServer}; options have Node's defaults. Engine options can be set at once
     * ({@link #engineOptions}) or one by one. Not thread safe; validated in {@link #build()}.
     */
    public static final class Builder {
        private int port = 0;
        private String host = "0.0.0.0";
        private EngineOptions.Builder engine = EngineOptions.newBuilder();
        private Duration connectTimeout = Duration.ofSeconds(45);
        private ConnectionStateRecoveryOptions recovery;
        private AdapterFactory adapter;
        private java.util.concurrent.Executor handlerExecutor;
        private tools.jackson.databind.json.JsonMapper jsonMapper = tools.jackson.databind.json.JsonMapper.builder().build();
        private boolean cleanupEmptyChildNamespaces;
        private List<ServerListener> listeners = List.of();

        private Builder() {
        }

        /** The port for {@link SocketIoServer#start()}; 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The address to bind, {@code 0.0.0.0} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Replaces every engine option. */
        public Builder engineOptions(EngineOptions options) {
            this.engine = Objects.requireNonNull(options, "options").toBuilder();
            return this;
        }

        /** Adjusts engine options in place. */
        public Builder engine(Consumer<EngineOptions.Builder> customizer) {
            customizer.accept(engine);
            return this;
        }

        public Builder path(String path) {
            engine.path(path);
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            engine.pingInterval(pingInterval);
            return this;
        }

        public Builder pingTimeout(Duration pingTimeout) {
            engine.pingTimeout(pingTimeout);
            return this;
        }

        public Builder maxHttpBufferSize(int maxHttpBufferSize) {
            engine.maxHttpBufferSize(maxHttpBufferSize);
            return this;
        }

        public Builder transports(dev.socketeer.engine.EngineTransport... transports) {
            engine.transports(transports);
            return this;
        }

        public Builder cors(CorsOptions cors) {
            engine.cors(cors);
            return this;
        }

        public Builder cors(Consumer<CorsOptions.Builder> customizer) {
            CorsOptions.Builder cors = CorsOptions.newBuilder();
            customizer.accept(cors);
            engine.cors(cors.build());
            return this;
        }

        /** How long a client may stay without joining any namespace before it is closed (45 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Enables connection state recovery ({@code null} disables it, the default). */
        public Builder connectionStateRecovery(ConnectionStateRecoveryOptions recovery) {
            this.recovery = recovery;
            return this;
        }

        /** The adapter of each namespace; in-memory (session-aware with recovery) by default. */
        public Builder adapter(AdapterFactory adapter) {
            this.adapter = adapter;
            return this;
        }

        /**
         * Where user callbacks run. By default a pool owned by the server: {@code max(2, cores)} daemon
         * threads on one queue, plus one more for every handler that has been running for over 100 ms (up
         * to 256), so a blocking handler delays only its own socket. Callbacks of one client run one at a
         * time; a slow one holds a thread, so an executor given here must be able to grow (or be large
         * enough) for blocking handlers.
         */
        public Builder handlerExecutor(java.util.concurrent.Executor handlerExecutor) {
            this.handlerExecutor = handlerExecutor;
            return this;
        }

        /** The JSON mapper for payloads (binary support is added to a copy). */
        public Builder jsonMapper(tools.jackson.databind.json.JsonMapper jsonMapper) {
            this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
            return this;
        }

        /** Whether a dynamic child namespace is removed when its last socket leaves (false). */
        public Builder cleanupEmptyChildNamespaces(boolean cleanup) {
            this.cleanupEmptyChildNamespaces = cleanup;
            return this;
        }

        /** Adds an observer of connections and events, e.g. for metrics; called in registration order. */
        public Builder listener(ServerListener listener) {
            Objects.requireNonNull(listener, "listener");
            List<ServerListener> all = new java.util.ArrayList<>(listeners);
            all.add(listener);
            this.listeners = List.copyOf(all);
            return this;
        }

        public SocketIoServer build() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be between 0 and 65535, was " + port);
            }
            if (connectTimeout.isZero() || connectTimeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout: must be positive, was " + connectTimeout);
            }
            EngineOptions engineOptions = engine.build();
            Builder snapshot = copy();
            return new SocketIoServer(snapshot, engineOptions);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.port = port;
            b.host = host;
            b.connectTimeout = connectTimeout;
            b.recovery = recovery;
            b.adapter = adapter;
            b.handlerExecutor = handlerExecutor;
            b.jsonMapper = jsonMapper;
            b.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
            b.listeners = listeners;
            return b;
        }
    }
}
