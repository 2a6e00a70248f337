package dev.socketeer.core;

import java.util.List;

/**
 * A {@code fetchSockets()} across a cluster did not get the answer of every other node within the adapter's
 * requests timeout (a node died mid-request, or is too slow). The call fails, as Node's adapters reject
 * it, with the message of the Node adapter of the same wire format (for {@code @socket.io/redis-adapter}:
 * {@code "timeout reached while waiting for fetchSockets response"}). {@link #sockets()} still holds what
 * arrived: this node's sockets and those of the nodes that answered (Node drops them).
 *
 * <p>Immutable; safe to share across threads.
 */
public final class FetchSocketsTimeoutException extends RuntimeException {
    private final List<RemoteSocket> sockets;

    public FetchSocketsTimeoutException(String message, List<RemoteSocket> sockets) {
        super(message, null, false, false);
        this.sockets = List.copyOf(sockets);
    }

    /** The sockets of this node and of the nodes that answered in time. */
    public List<RemoteSocket> sockets() {
        return sockets;
    }
}
