package dev.socketeer.core.internal;

import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.ForwardingBroadcastOperator;
import dev.socketeer.core.EventListener;
import dev.socketeer.core.Middleware;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.ParentNamespace;
import dev.socketeer.core.RateLimit;
import dev.socketeer.core.Socket;
import dev.socketeer.core.adapter.Adapter;
import dev.socketeer.core.adapter.BroadcastFlags;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The one {@link Namespace} implementation: middleware, listeners, local sockets, adapter; broadcast
 * methods forward to a selection of every socket. Connection handling lives in
 * {@link NamespaceConnector}. Threading: thread safe.
 */
final class RealNamespace extends ForwardingBroadcastOperator implements Namespace {
    private final ServerRuntime runtime;
    private final String name;
    private final RealParentNamespace parent;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, RealSocket> sockets = new ConcurrentHashMap<>();
    private final Map<String, Socket> socketsView = Collections.unmodifiableMap(sockets);
    private final Map<String, List<EventListener>> serverSideListeners = new ConcurrentHashMap<>();
    private final AtomicInteger ackIds = new AtomicInteger();
    private final Adapter adapter;
    private final NamespaceConnector connector;
    private volatile Runnable onEmpty;
    private volatile Runnable onRemoved;
    private volatile RateLimit rateLimit; // null: the server's

    RealNamespace(ServerRuntime runtime, String name, RealParentNamespace parent) {
        this.runtime = runtime;
        this.name = name;
        this.parent = parent;
        this.adapter = runtime.adapterFactory().create(new NamespaceAdapterContext(this));
        this.adapter.init();
        this.connector = new NamespaceConnector(this);
    }

    ServerRuntime runtime() {
        return runtime;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ParentNamespace parent() {
        return parent;
    }

    @Override
    public Namespace use(Middleware middleware) {
        middlewares.add(Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    @Override
    public Namespace rateLimit(RateLimit rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        return this;
    }

    @Override
    public RateLimit rateLimit() {
        RateLimit own = rateLimit;
        return own != null ? own : runtime.options().rateLimit();
    }

    @Override
    public Namespace onConnection(Consumer<Socket> listener) {
        connectionListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    List<Middleware> middlewares() {
        return middlewares;
    }

    List<Consumer<Socket>> connectionListeners() {
        return connectionListeners;
    }

    @Override
    public Map<String, Socket> sockets() {
        return socketsView;
    }

    RealSocket localSocket(String id) {
        return sockets.get(id);
    }

    Iterable<RealSocket> localSockets() {
        return sockets.values();
    }

    @Override
    public Adapter adapter() {
        return adapter;
    }

    int nextAckId() {
        return ackIds.getAndIncrement();
    }

    /** Starts connecting a client to this namespace (Node's {@code nsp._add}); serial executor of the client. */
    void add(Client client, JsonNode auth, Consumer<RealSocket> onConnected, Runnable onRefused) {
        connector.add(client, auth, onConnected, onRefused);
    }

    void connected(RealSocket socket) {
        sockets.put(socket.id(), socket);
    }

    void remove(RealSocket socket) {
        if (sockets.remove(socket.id(), socket) && sockets.isEmpty()) {
            Runnable hook = onEmpty;
            if (hook != null) {
                hook.run();
            }
        }
    }

    /** Called once the server forgets this namespace (a cleaned-up child). */
    void onRemoved(Runnable hook) {
        this.onRemoved = hook;
    }

    void removed() {
        Runnable hook = onRemoved;
        if (hook != null) {
            hook.run();
        }
    }

    /** Called when the last socket leaves (for cleanupEmptyChildNamespaces). */
    void onEmpty(Runnable hook) {
        this.onEmpty = hook;
    }

    // --- server-side emit ------------------------------------------------------------------------

    @Override
    public boolean serverSideEmit(String event, Object... args) {
        adapter.serverSideEmit(runtime.payloads().serverSideEvent(event, List.of(args)), null);
        return true;
    }

    @Override
    public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(String event, Object... args) {
        CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        BroadcastAckCallback callback = (error, responses) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(responses);
            }
        };
        adapter.serverSideEmit(runtime.payloads().serverSideEvent(event, List.of(args)), callback);
        return result;
    }

    @Override
    public Namespace onServerSideEmit(String event, EventListener listener) {
        serverSideListeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>())
                .add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    List<EventListener> serverSideListeners(String event) {
        return serverSideListeners.getOrDefault(event, List.of());
    }

    // --- broadcasting to the whole namespace ---------------------------------------------------

    /** Every socket of the namespace: what the inherited broadcast methods start from. */
    @Override
    protected BroadcastOperator operator() {
        return new RealBroadcastOperator(this, Set.of(), Set.of(), BroadcastFlags.NONE);
    }

    @Override
    public String toString() {
        return "Namespace[" + ClientText.forLog(name) + "]";
    }
}
