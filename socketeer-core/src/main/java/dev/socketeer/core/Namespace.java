package dev.socketeer.core;

import dev.socketeer.core.adapter.Adapter;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A namespace ({@code "/"}, {@code "/chat"}, ...), Node's {@code Namespace}: its middleware, its
 * connection listeners, its sockets and its adapter. Broadcast methods are inherited from
 * {@link BroadcastOperator} with no room selected (every socket of the namespace).
 *
 * <p>Lifecycle: created by {@link SocketIoServer#of(String)} or, for dynamic namespaces, on the first
 * matching CONNECT; lives until the server closes (or, with {@code cleanupEmptyChildNamespaces}, until
 * its last socket leaves).
 *
 * <p>Threading: thread safe. Middleware and connection listeners run on the handler executor.
 */
public interface Namespace extends BroadcastOperator {

    /** The name, e.g. {@code "/chat"}. */
    String name();

    /**
     * The dynamic namespace that created this one on a client's CONNECT (or on {@code io.of(name)} matching
     * its pattern), or null for a namespace created by name. A child's name is the client's choice; its parent's
     * {@link ParentNamespace#name()} is the server's.
     */
    @Nullable ParentNamespace parent();

    /** Adds connection middleware. */
    Namespace use(Middleware middleware);

    /**
     * Sets the event rate limit of this namespace's sockets, replacing the server's
     * {@link ServerOptions#rateLimit()} ({@link RateLimit#NONE} switches it off here). A socket takes the limit
     * in force when it connects. Not in Node.
     */
    Namespace rateLimit(RateLimit rateLimit);

    /** The event rate limit of sockets connecting now: this namespace's own, else the server's. */
    RateLimit rateLimit();

    /** Adds a connection listener, Node's {@code nsp.on("connection", socket => ...)}. */
    Namespace onConnection(Consumer<Socket> listener);

    /** The sockets of this namespace connected to this server, by id (a live, read-only view). */
    Map<String, Socket> sockets();

    Adapter adapter();

    /** Emits to the other servers of the cluster (a no-op for peers with the in-memory adapter). */
    boolean serverSideEmit(String event, @Nullable Object... args);

    /** Like {@link #serverSideEmit}, collecting each server's acknowledgement. */
    java.util.concurrent.CompletableFuture<java.util.List<tools.jackson.databind.JsonNode>> serverSideEmitWithAck(
            String event, @Nullable Object... args);

    /** Listens to events sent by other servers with {@link #serverSideEmit}. */
    Namespace onServerSideEmit(String event, EventListener listener);
}
