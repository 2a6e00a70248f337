package dev.socketeer.core.internal;

import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.NamespacePredicate;
import dev.socketeer.core.ParentNamespace;
import dev.socketeer.core.ServerListener;
import dev.socketeer.core.ServerOptions;
import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.core.adapter.InMemoryAdapter;
import dev.socketeer.core.adapter.SessionAwareAdapter;
import dev.socketeer.core.protocol.PacketDecoder;
import dev.socketeer.core.protocol.PacketEncoder;
import dev.socketeer.core.protocol.PayloadMapper;
import dev.socketeer.engine.EngineSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * The Socket.IO server state behind {@code SocketIoServer}: namespaces, dynamic namespaces, clients,
 * the shared codec and executors. Not part of the public API.
 *
 * <p>Lifecycle: created by {@code SocketIoServer} from its {@link ServerOptions};
 * {@link #onEngineConnection} is the engine's connection listener; {@link #close()} disconnects every
 * socket. Threading: thread safe.
 */
public final class ServerRuntime {
    private static final Logger log = LoggerFactory.getLogger(ServerRuntime.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ServerOptions options;
    private final EventPayloads payloads;
    private final PacketEncoder encoder;
    private final ObjectReader packetReader;
    private final Executor handlerExecutor;
    private final ScheduledExecutorService scheduler;
    private final AdapterFactory adapterFactory;
    private final Map<String, RealNamespace> namespaces = new ConcurrentHashMap<>();
    private final List<RealParentNamespace> parents = new CopyOnWriteArrayList<>();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ServerListener listener;
    /** Children that clients' CONNECTs created and that still exist (maxChildNamespaces). */
    private final java.util.concurrent.atomic.AtomicInteger clientCreatedChildren = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A runtime with these options; {@code handlerExecutor} is where user code runs:
     * {@code options.handlerExecutor()}, or the pool the server made when that is {@code null}.
     */
    public ServerRuntime(ServerOptions options, Executor handlerExecutor) {
        this.options = Objects.requireNonNull(options, "options");
        this.handlerExecutor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
        PayloadMapper mapper = new PayloadMapper(options.jsonMapper());
        this.payloads = new EventPayloads(mapper);
        this.encoder = new PacketEncoder(mapper.mapper());
        this.packetReader = PacketDecoder.readerFor(mapper.mapper());
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "socketeer-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        this.scheduler = timers;
        ConnectionStateRecoveryOptions recovery = options.connectionStateRecovery();
        this.adapterFactory = options.adapter() != null ? options.adapter()
                : recovery != null ? ctx -> new SessionAwareAdapter(ctx, recovery.maxDisconnectionDuration())
                : InMemoryAdapter::new;
        List<ServerListener> listeners = options.listeners();
        this.listener = listeners.isEmpty() ? ServerListener.NONE : new CompositeServerListener(listeners);
    }

    /** The namespace with this name, created if needed (as a child when a pattern parent matches). */
    public Namespace of(String name) {
        String normalized = name.startsWith("/") ? name : "/" + name;
        RealNamespace existing = namespaces.get(normalized);
        if (existing != null) {
            return existing;
        }
        for (RealParentNamespace parent : parents) {
            if (parent.matchesPattern(normalized)) {
                return namespaces.computeIfAbsent(normalized, parent::createChild);
            }
        }
        return namespaces.computeIfAbsent(normalized, n -> new RealNamespace(this, n, null));
    }

    /** A dynamic namespace; {@code pattern} is set when it was created from a regular expression. */
    public synchronized ParentNamespace of(NamespacePredicate predicate, Pattern pattern) {
        RealParentNamespace parent = new RealParentNamespace(this, predicate, pattern, parents.size());
        parents.add(parent);
        return parent;
    }

    /** The engine's connection listener: runs on the session's event loop. */
    public void onEngineConnection(EngineSocket engineSocket) {
        Client client = new Client(this, engineSocket);
        clients.add(client);
        client.start();
    }

    /** Disconnects every socket with "server shutting down" and closes the adapters. */
    public void close() {
        List<CompletableFuture<Void>> done = new java.util.ArrayList<>();
        for (Client client : clients) {
            done.add(CompletableFuture.runAsync(
                    () -> client.onClosed(DisconnectReason.SERVER_SHUTTING_DOWN, null), client.serial()));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Some sockets did not disconnect within {}", CLOSE_WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RealNamespace namespace : namespaces.values()) {
            namespace.adapter().close();
        }
        scheduler.shutdownNow();
    }

    /**
     * The namespace a CONNECT may join: an existing one, or a new child of a dynamic namespace, or null.
     *
     * @throws NamespaceLimitException when the child would be one more than {@code maxChildNamespaces}
     */
    RealNamespace namespaceForConnect(String name, JsonNode auth) {
        RealNamespace existing = namespaces.get(name);
        if (existing != null) {
            return existing;
        }
        for (RealParentNamespace parent : parents) {
            if (parent.accepts(name, auth)) {
                if (clientCreatedChildren.get() >= options.maxChildNamespaces()) {
                    throw new NamespaceLimitException();
                }
                return namespaces.computeIfAbsent(name, n -> {
                    RealNamespace child = parent.createChild(n);
                    clientCreatedChildren.incrementAndGet();
                    child.onRemoved(clientCreatedChildren::decrementAndGet);
                    return child;
                });
            }
        }
        return null;
    }

    /** A CONNECT would create a child namespace beyond {@code maxChildNamespaces}. */
    static final class NamespaceLimitException extends RuntimeException {
        NamespaceLimitException() {
            super("too many child namespaces", null, false, false);
        }
    }

    /** The namespace with this exact name if it exists (never creates one), else null. */
    RealNamespace existingNamespace(String name) {
        return namespaces.get(name);
    }

    void removeNamespace(RealNamespace namespace) {
        if (namespaces.remove(namespace.name(), namespace)) {
            namespace.removed();
        }
    }

    void removeClient(Client client) {
        clients.remove(client);
    }

    /** Tells the server listener, logging (never throwing) its failures. */
    void notify(String what, java.util.function.Consumer<ServerListener> call) {
        ServerListener l = listener;
        if (l == ServerListener.NONE) {
            return;
        }
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            log.warn("server listener failed on {}", what, e);
        }
    }

    /** The mapper that converts payloads to and from JSON trees (binary-aware). */
    public dev.socketeer.core.protocol.PayloadMapper payloadMapper() {
        return payloads.mapper();
    }

    EventPayloads payloads() {
        return payloads;
    }

    PacketEncoder encoder() {
        return encoder;
    }

    /** The reader every connection's packet decoder shares. */
    ObjectReader packetReader() {
        return packetReader;
    }

    /** The options this server was built with. */
    public ServerOptions options() {
        return options;
    }

    int maxTextLength() {
        return options.engineOptions().maxHttpBufferSize();
    }

    Executor handlerExecutor() {
        return handlerExecutor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    Duration connectTimeout() {
        return options.connectTimeout();
    }

    /** The recovery options, or {@code null} when disabled. */
    ConnectionStateRecoveryOptions recovery() {
        return options.connectionStateRecovery();
    }

    AdapterFactory adapterFactory() {
        return adapterFactory;
    }

    boolean cleanupEmptyChildNamespaces() {
        return options.cleanupEmptyChildNamespaces();
    }

    /** Inbound back-pressure bound, in packets (see {@link ServerOptions#maxQueuedPackets()}). */
    int maxQueuedPackets() {
        return options.maxQueuedPackets();
    }

    /** Inbound back-pressure bound, in writes (see {@link ServerOptions#maxQueuedSends()}). */
    long maxQueuedSends() {
        return options.maxQueuedSends();
    }
}
