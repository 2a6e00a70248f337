package dev.socketeer.core.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.DisconnectReason;
import dev.socketeer.core.adapter.Session;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lifecycle of one {@link RealSocket}, Node's {@code _onconnect}, {@code _onpacket}, {@code _onclose}
 * and {@code _cleanup}: the CONNECT answer or CONNECT_ERROR, incoming packets, and the close that persists
 * the session for recovery, leaves every room and tells the listeners. Lifecycle: connecting, then
 * connected ({@link #onConnect}), then closed for good ({@link #onClose}); a refused socket is only cleaned up.
 *
 * <p>Threading: every method but the state getters runs on the client's serial executor; {@link #connected()}
 * and {@link #cleanedUp()} may be read from any thread.
 */
final class SocketLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SocketLifecycle.class);

    private final RealSocket socket;
    private final SocketListeners listeners;
    private final SocketEvents events;
    private volatile boolean connected;
    private volatile boolean cleanedUp;

    SocketLifecycle(RealSocket socket, SocketListeners listeners, SocketEvents events) {
        this.socket = socket;
        this.listeners = listeners;
        this.events = events;
    }

    boolean connected() {
        return connected;
    }

    /** Whether the socket has left its rooms and namespace (later joins are ignored). */
    boolean cleanedUp() {
        return cleanedUp;
    }

    /** Node's {@code _onconnect}: joins its own room and answers CONNECT. */
    void onConnect() {
        connected = true;
        socket.join(socket.id());
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("sid", socket.id());
        if (socket.pid() != null) {
            reply.put("pid", socket.pid());
        }
        socket.write(Packet.of(PacketType.CONNECT, namespaceName(), reply));
    }

    void sendConnectError(ConnectRefusal refusal) {
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", refusal.message());
        if (refusal.data() != null) {
            error.set("data", socket.payloads().toNode(refusal.data()));
        }
        socket.write(Packet.of(PacketType.CONNECT_ERROR, namespaceName(), error));
        String name = namespaceName();
        socket.runtime().notify("connect error", l -> l.onConnectError(socket.namespace(), name, refusal.message()));
    }

    void onPacket(Packet packet) {
        switch (packet.type()) {
            case EVENT:
            case BINARY_EVENT:
                EventRateLimiter limiter = socket.rateLimiter();
                if (limiter != null && !limiter.admit(socket, packet)) {
                    break;
                }
                Ack ack = packet.ackId() == null ? Ack.NONE : new RealAck(socket, packet.ackId());
                events.onEvent(packet.data(), ack);
                break;
            case ACK:
            case BINARY_ACK:
                if (!socket.acks().complete(packet.ackId(), packet.data())) {
                    log.debug("bad ack {} on socket {}", packet.ackId(), socket.id());
                }
                break;
            case DISCONNECT:
                onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, null);
                break;
            default:
                break;
        }
    }

    /** Node's {@code socket.disconnect(close)}. */
    void disconnect(boolean close) {
        disconnect(close, null);
    }

    /** Node's {@code socket.disconnect(close)}, with a description for the disconnect listeners. */
    void disconnect(boolean close, String description) {
        if (!connected) {
            return;
        }
        if (close) {
            socket.client().disconnectAll();
        } else {
            socket.write(Packet.of(PacketType.DISCONNECT, namespaceName(), null));
            onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, description);
        }
    }

    /** Node's {@code _onclose}. */
    void onClose(DisconnectReason reason, String description) {
        if (!connected) {
            return;
        }
        events.notifyDisconnect(listeners.disconnecting(), reason, description);
        RealNamespace namespace = socket.realNamespace();
        if (namespace.runtime().recovery() != null && reason.isRecoverable()) {
            namespace.adapter().persistSession(new Session(socket.id(), socket.pid(), socket.rooms(),
                    socket.dataSnapshot(), List.of()));
        }
        cleanup();
        socket.client().remove(socket);
        connected = false;
        socket.acks().failAll(new IllegalStateException("socket has been disconnected"));
        events.notifyDisconnect(listeners.disconnect(), reason, description);
        namespace.runtime().notify("disconnect", l -> l.onDisconnect(socket, reason));
    }

    /** Leaves every room and the namespace; later joins are ignored. */
    void cleanup() {
        cleanedUp = true;
        socket.realNamespace().adapter().delAll(socket.id());
        socket.realNamespace().remove(socket);
    }

    private String namespaceName() {
        return socket.realNamespace().name();
    }
}
