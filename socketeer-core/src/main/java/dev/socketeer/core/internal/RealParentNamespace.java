package dev.socketeer.core.internal;

import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.Middleware;
import dev.socketeer.core.Namespace;
import dev.socketeer.core.NamespacePredicate;
import dev.socketeer.core.ParentNamespace;
import dev.socketeer.core.RateLimit;
import dev.socketeer.core.Socket;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** The one {@link ParentNamespace} implementation (Node's {@code ParentNamespace}). Thread safe. */
final class RealParentNamespace implements ParentNamespace {
    private final ServerRuntime runtime;
    private final NamespacePredicate predicate;
    private final Pattern pattern;
    private final String name;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final Set<RealNamespace> children = ConcurrentHashMap.newKeySet();
    private volatile RateLimit rateLimit; // null: the server's

    RealParentNamespace(ServerRuntime runtime, NamespacePredicate predicate, Pattern pattern, int index) {
        this.runtime = runtime;
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.pattern = pattern;
        this.name = pattern != null ? pattern.pattern() : "/_" + index;
    }

    @Override
    public String name() {
        return name;
    }

    boolean accepts(String name, JsonNode auth) {
        try {
            return predicate.test(name, auth);
        } catch (RuntimeException e) {
            // Node treats a failing check as "no match": the client gets "Invalid namespace".
            org.slf4j.LoggerFactory.getLogger(RealParentNamespace.class)
                    .warn("namespace predicate of {} failed for {}", this.name, ClientText.forLog(name), e);
            return false;
        }
    }

    /** Whether {@code io.of(name)} should create a child here (only for regex parents, as Node). */
    boolean matchesPattern(String name) {
        return pattern != null && pattern.matcher(name).find();
    }

    /** Creates a child with this parent's middleware and listeners; called inside the namespace map. */
    RealNamespace createChild(String name) {
        RealNamespace child = new RealNamespace(runtime, name, this);
        middlewares.forEach(child::use);
        connectionListeners.forEach(child::onConnection);
        RateLimit limit = rateLimit;
        if (limit != null) {
            child.rateLimit(limit);
        }
        children.add(child);
        if (runtime.cleanupEmptyChildNamespaces()) {
            child.onEmpty(() -> {
                child.adapter().close();
                runtime.removeNamespace(child);
                children.remove(child);
            });
        }
        return child;
    }

    @Override
    public ParentNamespace use(Middleware middleware) {
        middlewares.add(Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    @Override
    public ParentNamespace onConnection(Consumer<Socket> listener) {
        connectionListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public ParentNamespace rateLimit(RateLimit rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        return this;
    }

    @Override
    public Set<Namespace> children() {
        return Set.copyOf(children);
    }

    @Override
    public boolean emit(String event, Object... args) {
        children.forEach(child -> child.emit(event, args));
        return true;
    }

    @Override
    public BroadcastOperator to(String... rooms) {
        return new FanOutBroadcastOperator(this::children, op -> op.to(rooms));
    }

    @Override
    public BroadcastOperator except(String... rooms) {
        return new FanOutBroadcastOperator(this::children, op -> op.except(rooms));
    }

    @Override
    public String toString() {
        return "ParentNamespace[" + name + "]";
    }
}
