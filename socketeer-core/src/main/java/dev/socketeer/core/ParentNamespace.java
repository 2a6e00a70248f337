package dev.socketeer.core;

import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A dynamic namespace, Node's {@code io.of(/^\/room-\d+$/)}: middleware and connection listeners added
 * here apply to every child namespace, created on the first CONNECT whose name matches. Broadcasts go
 * to every child.
 *
 * <p>Threading: thread safe. Add middleware and listeners before clients connect: a child copies them
 * when it is created.
 */
public interface ParentNamespace {

    /**
     * A name for metrics and logs, chosen by the server, never by a client: the regular expression of
     * {@code io.of(Pattern)}, else {@code "/_<n>"} with {@code n} counting this server's dynamic namespaces
     * from 0 (Node names its parent namespaces so).
     */
    String name();

    ParentNamespace use(Middleware middleware);

    ParentNamespace onConnection(Consumer<Socket> listener);

    /**
     * Sets the event rate limit of every child's sockets (see {@link Namespace#rateLimit(RateLimit)}); like
     * middleware, a child takes it when it is created.
     */
    ParentNamespace rateLimit(RateLimit rateLimit);

    /** The children created so far. */
    Set<Namespace> children();

    /** Emits to every socket of every child. */
    boolean emit(String event, @Nullable Object... args);

    /** Emits to these rooms of every child. */
    BroadcastOperator to(String... rooms);

    BroadcastOperator except(String... rooms);
}
