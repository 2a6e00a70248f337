package dev.socketeer.core;

import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.core.internal.HandlerPool;
import dev.socketeer.core.internal.ServerRuntime;
import dev.socketeer.engine.AllowRequest;
import dev.socketeer.engine.CookieOptions;
import dev.socketeer.engine.CorsOptions;
import dev.socketeer.engine.EngineHttpServer;
import dev.socketeer.engine.EngineOptions;
import dev.socketeer.engine.EngineServer;
import dev.socketeer.engine.EngineTransport;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Socket.IO server, Node's {@code new Server(...)}: namespaces, middleware, broadcasting, and the
 * Engine.IO server underneath. Broadcast methods act on the main namespace {@code "/"}.
 *
 * <p>Lifecycle: {@link #builder()} ... {@link Builder#build()} (or {@link #create(ServerOptions)}),
 * register namespaces, middleware and listeners, then {@link #start()} to listen on a port (or mount
 * {@link #engine()}'s {@link EngineServer#newHttpHandler()} in an existing Netty pipeline);
 * {@link #close()} disconnects every socket with "server shutting down" and stops listening.
 *
 * <p>Threading: thread safe. See {@link dev.socketeer.core} for where callbacks run.
 */
public final class SocketIoServer extends ForwardingBroadcastOperator implements AutoCloseable {
    private final ServerOptions options;
    private final ServerRuntime runtime;
    private final EngineServer engine;
    private final ExecutorService ownedExecutor;
    private volatile EngineHttpServer httpServer;
    private boolean closed; // guarded by this

    private SocketIoServer(ServerOptions options) {
        this.options = options;
        this.ownedExecutor = options.handlerExecutor() == null ? HandlerPool.withDefaults() : null;
        this.runtime = new ServerRuntime(options,
                options.handlerExecutor() != null ? options.handlerExecutor() : ownedExecutor);
        this.engine = new EngineServer(options.engineOptions(), runtime::onEngineConnection);
        runtime.of("/");
    }

    /** A builder with Node's defaults. */
    public static Builder builder() {
        return new Builder(ServerOptions.DEFAULT);
    }

    /** A server with these options, not started. */
    public static SocketIoServer create(ServerOptions options) {
        return new SocketIoServer(Objects.requireNonNull(options, "options"));
    }

    /** The options this server was built with, engine options included. */
    public ServerOptions options() {
        return options;
    }

    /** Binds the configured host and port and starts serving; returns this server. */
    public synchronized SocketIoServer start() {
        if (httpServer != null) {
            throw new IllegalStateException("already started");
        }
        httpServer = EngineHttpServer.start(engine, options.host(), options.port(), options.ioThreads());
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

    /**
     * Serves an Engine.IO session that did not arrive through {@link #engine()}: what the engine's
     * connection listener does for its own sessions (Node's {@code io.bind(engine)}, one session at a time).
     * For a custom transport, or a harness that drives the server without sockets (the JMH benchmarks).
     * Call it once per session, on the session's event loop, before the session delivers any message.
     */
    public void accept(dev.socketeer.engine.EngineSocket session) {
        runtime.onEngineConnection(Objects.requireNonNull(session, "session"));
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

    /** Emits to the other servers of the cluster, on {@code "/"}; see {@link Namespace#serverSideEmit}. */
    public boolean serverSideEmit(String event, @Nullable Object... args) {
        return sockets().serverSideEmit(event, args);
    }

    /** Like {@link #serverSideEmit}, collecting each server's acknowledgement. */
    public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(String event, @Nullable Object... args) {
        return sockets().serverSideEmitWithAck(event, args);
    }

    /** The main namespace {@code "/"}, which the inherited broadcast methods act on. */
    @Override
    protected BroadcastOperator operator() {
        return sockets();
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

    /**
     * Builds a {@link SocketIoServer}: every {@link ServerOptions} option and, as Node's
     * {@code new Server(opts)} takes them, every {@link EngineOptions} option under the same name
     * (defaults and meaning are documented there). Engine options may also be set at once
     * ({@link #engineOptions}) or through {@link #engine}. Not thread safe; validated in {@link #build()}.
     */
    public static final class Builder {
        private ServerOptions.Builder server;
        private EngineOptions.Builder engine;

        private Builder(ServerOptions options) {
            options(options);
        }

        /** Replaces every option, engine options included, with these. */
        public Builder options(ServerOptions options) {
            this.server = Objects.requireNonNull(options, "options").toBuilder();
            this.engine = options.engineOptions().toBuilder();
            return this;
        }

        // --- Socket.IO options (ServerOptions) -----------------------------------------------------

        /** See {@link ServerOptions.Builder#host}. */
        public Builder host(String host) {
            server.host(host);
            return this;
        }

        /** See {@link ServerOptions.Builder#port}. */
        public Builder port(int port) {
            server.port(port);
            return this;
        }

        /** See {@link ServerOptions.Builder#connectTimeout}. */
        public Builder connectTimeout(Duration connectTimeout) {
            server.connectTimeout(connectTimeout);
            return this;
        }

        /** See {@link ServerOptions.Builder#connectionStateRecovery}. */
        public Builder connectionStateRecovery(@Nullable ConnectionStateRecoveryOptions connectionStateRecovery) {
            server.connectionStateRecovery(connectionStateRecovery);
            return this;
        }

        /** See {@link ServerOptions.Builder#adapter}. */
        public Builder adapter(@Nullable AdapterFactory adapter) {
            server.adapter(adapter);
            return this;
        }

        /** See {@link ServerOptions.Builder#handlerExecutor}. */
        public Builder handlerExecutor(@Nullable Executor handlerExecutor) {
            server.handlerExecutor(handlerExecutor);
            return this;
        }

        /** See {@link ServerOptions.Builder#jsonMapper}. */
        public Builder jsonMapper(JsonMapper jsonMapper) {
            server.jsonMapper(jsonMapper);
            return this;
        }

        /** See {@link ServerOptions.Builder#cleanupEmptyChildNamespaces}. */
        public Builder cleanupEmptyChildNamespaces(boolean cleanupEmptyChildNamespaces) {
            server.cleanupEmptyChildNamespaces(cleanupEmptyChildNamespaces);
            return this;
        }

        /** See {@link ServerOptions.Builder#listener}. */
        public Builder listener(ServerListener listener) {
            server.listener(listener);
            return this;
        }

        /** See {@link ServerOptions.Builder#listeners}. */
        public Builder listeners(Collection<? extends ServerListener> listeners) {
            server.listeners(listeners);
            return this;
        }

        /** See {@link ServerOptions.Builder#ioThreads}. */
        public Builder ioThreads(int ioThreads) {
            server.ioThreads(ioThreads);
            return this;
        }

        /** See {@link ServerOptions.Builder#maxQueuedPackets}. */
        public Builder maxQueuedPackets(int maxQueuedPackets) {
            server.maxQueuedPackets(maxQueuedPackets);
            return this;
        }

        /** See {@link ServerOptions.Builder#maxQueuedSends}. */
        public Builder maxQueuedSends(long maxQueuedSends) {
            server.maxQueuedSends(maxQueuedSends);
            return this;
        }

        /** See {@link ServerOptions.Builder#rateLimit}. */
        public Builder rateLimit(RateLimit rateLimit) {
            server.rateLimit(rateLimit);
            return this;
        }

        /** See {@link ServerOptions.Builder#maxNamespacesPerClient}. */
        public Builder maxNamespacesPerClient(int maxNamespacesPerClient) {
            server.maxNamespacesPerClient(maxNamespacesPerClient);
            return this;
        }

        /** See {@link ServerOptions.Builder#maxRoomsPerSocket}. */
        public Builder maxRoomsPerSocket(int maxRoomsPerSocket) {
            server.maxRoomsPerSocket(maxRoomsPerSocket);
            return this;
        }

        /** See {@link ServerOptions.Builder#maxPendingAcks}. */
        public Builder maxPendingAcks(int maxPendingAcks) {
            server.maxPendingAcks(maxPendingAcks);
            return this;
        }

        /** See {@link ServerOptions.Builder#maxChildNamespaces}. */
        public Builder maxChildNamespaces(int maxChildNamespaces) {
            server.maxChildNamespaces(maxChildNamespaces);
            return this;
        }

        // --- Engine.IO options (EngineOptions), mirrored one by one ------------------------------------

        /** Replaces every engine option. */
        public Builder engineOptions(EngineOptions engineOptions) {
            this.engine = Objects.requireNonNull(engineOptions, "engineOptions").toBuilder();
            return this;
        }

        /** Adjusts engine options in place. */
        public Builder engine(Consumer<EngineOptions.Builder> customizer) {
            customizer.accept(engine);
            return this;
        }

        /** See {@link EngineOptions.Builder#path}. */
        public Builder path(String path) {
            engine.path(path);
            return this;
        }

        /** See {@link EngineOptions.Builder#pingInterval}. */
        public Builder pingInterval(Duration pingInterval) {
            engine.pingInterval(pingInterval);
            return this;
        }

        /** See {@link EngineOptions.Builder#pingTimeout}. */
        public Builder pingTimeout(Duration pingTimeout) {
            engine.pingTimeout(pingTimeout);
            return this;
        }

        /** See {@link EngineOptions.Builder#upgradeTimeout}. */
        public Builder upgradeTimeout(Duration upgradeTimeout) {
            engine.upgradeTimeout(upgradeTimeout);
            return this;
        }

        /** See {@link EngineOptions.Builder#maxHttpBufferSize}. */
        public Builder maxHttpBufferSize(int maxHttpBufferSize) {
            engine.maxHttpBufferSize(maxHttpBufferSize);
            return this;
        }

        /** See {@link EngineOptions.Builder#transports(EngineTransport...)}. */
        public Builder transports(EngineTransport... transports) {
            engine.transports(transports);
            return this;
        }

        /** See {@link EngineOptions.Builder#transports(Collection)}. */
        public Builder transports(Collection<EngineTransport> transports) {
            engine.transports(transports);
            return this;
        }

        /** See {@link EngineOptions.Builder#allowUpgrades}. */
        public Builder allowUpgrades(boolean allowUpgrades) {
            engine.allowUpgrades(allowUpgrades);
            return this;
        }

        /** See {@link EngineOptions.Builder#allowRequest}. */
        public Builder allowRequest(@Nullable AllowRequest allowRequest) {
            engine.allowRequest(allowRequest);
            return this;
        }

        /** See {@link EngineOptions.Builder#cors}. */
        public Builder cors(@Nullable CorsOptions cors) {
            engine.cors(cors);
            return this;
        }

        /** Sets {@link #cors(CorsOptions)} from a fresh {@link CorsOptions.Builder}. */
        public Builder cors(Consumer<CorsOptions.Builder> customizer) {
            CorsOptions.Builder cors = CorsOptions.newBuilder();
            customizer.accept(cors);
            engine.cors(cors.build());
            return this;
        }

        /** See {@link EngineOptions.Builder#cookie}. */
        public Builder cookie(@Nullable CookieOptions cookie) {
            engine.cookie(cookie);
            return this;
        }

        /** See {@link EngineOptions.Builder#perMessageDeflate}. */
        public Builder perMessageDeflate(boolean perMessageDeflate) {
            engine.perMessageDeflate(perMessageDeflate);
            return this;
        }

        /** See {@link EngineOptions.Builder#httpCompression}. */
        public Builder httpCompression(boolean httpCompression) {
            engine.httpCompression(httpCompression);
            return this;
        }

        /** See {@link EngineOptions.Builder#compressionThreshold}. */
        public Builder compressionThreshold(int compressionThreshold) {
            engine.compressionThreshold(compressionThreshold);
            return this;
        }

        /** See {@link EngineOptions.Builder#maxOutboundBuffer}. */
        public Builder maxOutboundBuffer(long maxOutboundBuffer) {
            engine.maxOutboundBuffer(maxOutboundBuffer);
            return this;
        }

        /** See {@link EngineOptions.Builder#idleTimeout}. */
        public Builder idleTimeout(Duration idleTimeout) {
            engine.idleTimeout(idleTimeout);
            return this;
        }

        /** See {@link EngineOptions.Builder#headersTimeout}. */
        public Builder headersTimeout(Duration headersTimeout) {
            engine.headersTimeout(headersTimeout);
            return this;
        }

        /** See {@link EngineOptions.Builder#requestTimeout}. */
        public Builder requestTimeout(Duration requestTimeout) {
            engine.requestTimeout(requestTimeout);
            return this;
        }

        /** See {@link EngineOptions.Builder#maxClients}. */
        public Builder maxClients(int maxClients) {
            engine.maxClients(maxClients);
            return this;
        }

        /** Validates the options (engine options first) and builds the server, not started. */
        public SocketIoServer build() {
            EngineOptions engineOptions = engine.build();
            return new SocketIoServer(server.engineOptions(engineOptions).build());
        }
    }
}
