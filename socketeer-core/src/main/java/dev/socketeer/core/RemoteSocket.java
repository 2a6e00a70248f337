package dev.socketeer.core;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A socket found by {@code fetchSockets()}: a local {@link Socket} or a snapshot of a socket on
 * another server of the cluster, which is driven through the adapter.
 *
 * <p>Threading: thread safe. For a remote socket, {@link #rooms()} and {@link #data()} are snapshots.
 */
public interface RemoteSocket {

    /** The socket id (distinct from the Engine.IO session id). */
    String id();

    Handshake handshake();

    /** The rooms the socket is in, including its own id. */
    Set<String> rooms();

    /** Arbitrary data attached to the socket. */
    Map<String, Object> data();

    boolean emit(String event, @Nullable Object... args);

    void join(String... rooms);

    void leave(String room);

    /** Removes the socket from its namespace; {@code close} closes its whole connection. */
    void disconnect(boolean close);
}
