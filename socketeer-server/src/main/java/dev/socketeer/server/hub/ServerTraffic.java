package dev.socketeer.server.hub;

import dev.socketeer.core.Namespace;
import dev.socketeer.core.ServerListener;
import dev.socketeer.core.Socket;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the Socket.IO server has done since it was built, for {@code /websocket/status}: events received
 * from clients, events written to clients (one per recipient of a broadcast) and the namespaces clients
 * have connected to. Registered on the server's builder by {@link HubConfiguration}.
 *
 * <p>Threading: called concurrently from handler threads and emitting threads; counters are
 * {@link LongAdder}s, so a call costs an uncontended increment.
 */
final class ServerTraffic implements ServerListener {
    private final Instant startedAt = Instant.now();
    private final LongAdder received = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Set<Namespace> namespaces = Collections.newSetFromMap(new ConcurrentHashMap<>());

    @Override
    public void onConnect(Socket socket) {
        namespaces.add(socket.namespace());
    }

    @Override
    public void onEventReceived(Socket socket, String event) {
        received.increment();
    }

    @Override
    public void onEventSent(Socket socket, String event, boolean broadcast) {
        sent.increment();
    }

    Instant startedAt() {
        return startedAt;
    }

    long eventsReceived() {
        return received.sum();
    }

    long eventsSent() {
        return sent.sum();
    }

    /** Every namespace a client has connected to (a live view). */
    Collection<Namespace> namespaces() {
        return Collections.unmodifiableSet(namespaces);
    }
}
