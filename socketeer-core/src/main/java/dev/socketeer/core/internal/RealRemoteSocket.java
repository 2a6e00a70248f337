package dev.socketeer.core.internal;

import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.adapter.BroadcastFlags;
import java.util.Map;
import java.util.Set;

/** A socket of another server, driven through the adapter (Node's {@code RemoteSocket}). Thread safe. */
final class RealRemoteSocket implements RemoteSocket {
    private final String id;
    private final Handshake handshake;
    private final Set<String> rooms;
    private final Map<String, Object> data;
    private final BroadcastOperator operator;

    RealRemoteSocket(RealNamespace namespace, String id, Handshake handshake, Set<String> rooms,
                     Map<String, Object> data) {
        this.id = id;
        this.handshake = handshake;
        this.rooms = Set.copyOf(rooms);
        this.data = Map.copyOf(data);
        this.operator = new RealBroadcastOperator(namespace, Set.of(id), Set.of(), BroadcastFlags.NONE);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Handshake handshake() {
        return handshake;
    }

    @Override
    public Set<String> rooms() {
        return rooms;
    }

    @Override
    public Map<String, Object> data() {
        return data;
    }

    @Override
    public boolean emit(String event, Object... args) {
        return operator.emit(event, args);
    }

    @Override
    public void join(String... rooms) {
        operator.socketsJoin(rooms);
    }

    @Override
    public void leave(String room) {
        operator.socketsLeave(room);
    }

    @Override
    public void disconnect(boolean close) {
        operator.disconnectSockets(close);
    }
}
