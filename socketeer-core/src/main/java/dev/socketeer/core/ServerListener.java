package dev.socketeer.core;

import org.jspecify.annotations.Nullable;

/**
 * Observes what happens on a {@link SocketIoServer}, for metrics and tracing: sockets connecting and
 * disconnecting, refused connections, events received and sent. Register with
 * {@link SocketIoServer.Builder#listener(ServerListener)}; every method does nothing by default.
 *
 * <p>Namespaces that clients name ({@link Namespace#parent() children} of dynamic namespaces, and the names
 * of refused CONNECTs) are unbounded in number and length: a listener that tags or keys by namespace uses
 * the parent's {@link ParentNamespace#name()} for a child and one value for refusals without a namespace.
 *
 * <p>Threading: methods are called on the thread where the thing happened (a handler-executor thread,
 * or the thread that emitted), possibly concurrently, never on an event loop for received events. They
 * must be thread safe, quick and must not block or throw; a thrown exception is logged and ignored.
 */
public interface ServerListener {

    /** A listener that does nothing. */
    ServerListener NONE = new ServerListener() {
    };

    /** A socket connected to its namespace; called before the namespace's connection listeners. */
    default void onConnect(Socket socket) {
    }

    /**
     * A CONNECT was refused with CONNECT_ERROR. {@code namespace} is the namespace whose middleware refused it,
     * or null when no namespace has that name (Node's "Invalid namespace"). {@code name} is the name the client
     * sent: client input, as long as a packet may be, so never a metric tag or log key as it is. A namespace
     * created by a dynamic namespace is client-named too: {@link Namespace#parent()} says which one created it.
     */
    default void onConnectError(@Nullable Namespace namespace, String name, String message) {
    }

    /** A socket left its namespace, after its disconnect listeners ran. */
    default void onDisconnect(Socket socket, DisconnectReason reason) {
    }

    /** An event from the client is about to be dispatched to the socket's listeners. */
    default void onEventReceived(Socket socket, String event) {
    }

    /**
     * An event from the client was over its socket's {@link RateLimit} and was not dispatched; {@code action}
     * is what happens to it. {@code event} is client input: never a metric tag or log key as it is.
     */
    default void onEventRateLimited(Socket socket, String event, RateLimitAction action) {
    }

    /**
     * An event is being written to a socket of this server: {@code broadcast} is true when it was
     * delivered through the namespace's adapter (a broadcast, one call per recipient), false for a
     * direct {@code socket.emit}.
     */
    default void onEventSent(Socket socket, String event, boolean broadcast) {
    }
}
