package dev.socketeer.core.internal;

import dev.socketeer.core.Ack;
import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.EventListener;
import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.Socket;
import dev.socketeer.core.adapter.AdapterContext;
import dev.socketeer.core.adapter.BroadcastFlags;
import dev.socketeer.core.protocol.EncodedPacket;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.engine.EngineMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** What a namespace's adapter sees of it. Thread safe. */
final class NamespaceAdapterContext implements AdapterContext {
    private static final Logger log = LoggerFactory.getLogger(NamespaceAdapterContext.class);

    private final RealNamespace namespace;

    NamespaceAdapterContext(RealNamespace namespace) {
        this.namespace = namespace;
    }

    @Override
    public String namespace() {
        return namespace.name();
    }

    @Override
    public EncodedPacket encode(Packet packet) {
        return namespace.runtime().encoder().encode(packet);
    }

    @Override
    public Socket socket(String id) {
        return namespace.localSocket(id);
    }

    @Override
    public boolean deliver(String socketId, Packet packet, List<EngineMessage> messages, BroadcastFlags flags,
                           Consumer<JsonNode> ackCallback) {
        RealSocket socket = namespace.localSocket(socketId);
        if (socket == null || !socket.connected()) {
            return false;
        }
        if (ackCallback != null && packet.ackId() != null && !socket.acks().register(packet.ackId(), (error, args) -> {
            if (error == null) {
                ackCallback.accept(args != null && args.size() > 0 ? args.get(0) : NullNode.getInstance());
            }
        }, null)) {
            return false; // at maxPendingAcks: skipped, so the broadcast does not wait for it
        }
        socket.notifyOutgoing(packet.data(), true);
        socket.client().write(messages, flags);
        return true;
    }

    @Override
    public int nextAckId() {
        return namespace.nextAckId();
    }

    @Override
    public void onServerSideEmit(JsonNode packet, Ack ack) {
        if (packet == null || !packet.isArray() || packet.size() == 0 || !packet.get(0).isString()) {
            return;
        }
        String event = packet.get(0).stringValue();
        JsonNode args = EventPayloads.argsOf(packet);
        Ack answer = ack == null ? Ack.NONE : ack;
        for (EventListener listener : namespace.serverSideListeners(event)) {
            namespace.runtime().handlerExecutor().execute(() -> {
                try {
                    listener.onEvent(args, answer);
                } catch (Exception | Error e) {
                    log.warn("server-side listener of \"{}\" on {} failed", event, namespace.name(), e);
                }
            });
        }
    }

    @Override
    public RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {
        return new RealRemoteSocket(namespace, id, handshake, rooms, data);
    }

    @Override
    public ConnectionStateRecoveryOptions connectionStateRecovery() {
        return namespace.runtime().recovery();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return namespace.runtime().scheduler();
    }

    @Override
    public java.util.concurrent.Executor handlerExecutor() {
        return namespace.runtime().handlerExecutor();
    }
}
