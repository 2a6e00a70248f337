package dev.socketeer.core;

/**
 * Observes what happens on a {@link SocketIoServer}, for metrics and tracing: sockets connecting and
 * disconnecting, refused connections, events received and sent. Register with
 * {@link SocketIoServer.Builder#listener(ServerListener)}; every method does nothing by default.
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

    /** A CONNECT was refused with CONNECT_ERROR (middleware failure or unknown namespace). */
    default void onConnectError(String namespace, String message) {
    }

    /** A socket left its namespace, after its disconnect listeners ran. */
    default void onDisconnect(Socket socket, DisconnectReason reason) {
    }

    /** An event from the client is about to be dispatched to the socket's listeners. */
    default void onEventReceived(Socket socket, String event) {
    }

    /**
     * An event is being written to a socket of this server: {@code broadcast} is true when it was
     * delivered through the namespace's adapter (a broadcast, one call per recipient), false for a
     * direct {@code socket.emit}.
     */
    default void onEventSent(Socket socket, String event, boolean broadcast) {
    }
}
