package dev.socketeer.core;

import dev.socketeer.engine.EngineTransport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client's connection to one namespace, Node's server-side {@code Socket}.
 *
 * <p>Lifecycle: created when a client CONNECTs to a namespace and its middleware passes; the
 * connection listeners see it connected; it disconnects exactly once (client or server namespace
 * disconnect, connection closed, server shutdown), telling {@link #onDisconnecting} then
 * {@link #onDisconnect} listeners. Afterwards emits are dropped and joins ignored.
 *
 * <p>Threading: every method may be called from any thread. Listeners run on the server's handler
 * executor, strictly in order for one client connection (all its namespaces), in parallel across
 * clients. Register listeners in the connection listener so no event is missed.
 */
public interface Socket extends RemoteSocket, SocketEmitter {

    /** The namespace this socket belongs to. */
    Namespace namespace();

    /**
     * The thread-safe mutable data bag ({@code socket.data}); restored with the session on recovery.
     * Values must not be {@code null}.
     */
    @Override
    java.util.Map<String, Object> data();

    /** Whether the socket is connected. */
    boolean connected();

    /** Whether the socket is no longer connected. */
    default boolean disconnected() {
        return !connected();
    }

    /** Whether the session was restored by connection state recovery. */
    boolean recovered();

    /**
     * The transport the client's connection uses right now, Node's {@code socket.conn.transport.name}:
     * it changes from polling to websocket when the client upgrades.
     */
    EngineTransport transport();

    /** Leaves the namespace (sends DISCONNECT); the connection stays open for other namespaces. */
    default void disconnect() {
        disconnect(false);
    }

    // --- incoming events ---------------------------------------------------------------------

    /** Listens to an event; the listener gets the arguments as a JSON array and the ack. */
    Socket on(String event, EventListener listener);

    /** Listens to an event, converting its first argument to {@code type}. */
    <T> Socket on(String event, Class<T> type, TypedEventListener<T> listener);

    /** Removes a listener added with {@link #on(String, EventListener)}. */
    Socket off(String event, EventListener listener);

    Socket onAny(AnyListener listener);

    Socket prependAny(AnyListener listener);

    /** Removes one catch-all listener, or all with {@code null}. */
    Socket offAny(@Nullable AnyListener listener);

    Socket onAnyOutgoing(AnyListener listener);

    Socket prependAnyOutgoing(AnyListener listener);

    Socket offAnyOutgoing(@Nullable AnyListener listener);

    /** Adds an incoming-packet middleware. */
    Socket use(PacketMiddleware middleware);

    /** Told before the socket leaves its rooms. */
    Socket onDisconnecting(DisconnectListener listener);

    /** Told after the socket left its namespace. */
    Socket onDisconnect(DisconnectListener listener);

    /**
     * Receives errors of this socket: packet middleware failures (Node's {@code "error"} event),
     * exceptions thrown by listeners, payloads that could not be converted.
     */
    Socket onError(Consumer<Throwable> listener);

    // --- broadcasting from this socket (excluding itself) --------------------------------------

    /** A broadcast to every other socket of the namespace; the methods below start from it. */
    BroadcastOperator broadcast();

    /** A broadcast to the sockets in these rooms, this socket excluded even if it is in one. */
    default BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    /** Same as {@link #to}. */
    default BroadcastOperator in(String... rooms) {
        return broadcast().in(rooms);
    }

    /** A broadcast to every other socket of the namespace except those in these rooms. */
    default BroadcastOperator except(String... rooms) {
        return broadcast().except(rooms);
    }

    /** A broadcast to every other socket of this server only. */
    default BroadcastOperator local() {
        return broadcast().local();
    }
}
