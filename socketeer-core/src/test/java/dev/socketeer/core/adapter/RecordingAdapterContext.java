package dev.socketeer.core.adapter;

import dev.socketeer.core.Ack;
import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.Socket;
import dev.socketeer.core.protocol.EncodedPacket;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketEncoder;
import dev.socketeer.engine.EngineMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** A fake namespace for adapter tests: records every delivery; "connected" sockets are a set of ids. */
final class RecordingAdapterContext implements AdapterContext {
    record Delivery(String socketId, Packet packet, List<EngineMessage> messages) {
    }

    final Set<String> connected = new HashSet<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<Consumer<JsonNode>> ackCallbacks = new ArrayList<>();
    int encodings;
    /** Sockets that {@link #socket} finds (none by default). */
    final java.util.Map<String, Socket> sockets = new java.util.concurrent.ConcurrentHashMap<>();
    /** Server-side events from other nodes, with their acks. */
    final List<java.util.Map.Entry<JsonNode, Ack>> serverSideEmits = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Timers, when a test needs them. */
    ScheduledExecutorService timers;
    ConnectionStateRecoveryOptions recovery;
    private final java.util.concurrent.atomic.AtomicInteger ackIds = new java.util.concurrent.atomic.AtomicInteger();
    private final PacketEncoder encoder = new PacketEncoder();

    @Override
    public String namespace() {
        return "/";
    }

    @Override
    public EncodedPacket encode(Packet packet) {
        encodings++;
        return encoder.encode(packet);
    }

    @Override
    public Socket socket(String id) {
        return sockets.get(id);
    }

    @Override
    public synchronized boolean deliver(String socketId, Packet packet, List<EngineMessage> messages,
                                        BroadcastFlags flags, Consumer<JsonNode> ackCallback) {
        if (!connected.contains(socketId)) {
            return false;
        }
        deliveries.add(new Delivery(socketId, packet, messages));
        if (ackCallback != null) {
            ackCallbacks.add(ackCallback);
        }
        return true;
    }

    List<String> recipients() {
        return deliveries.stream().map(Delivery::socketId).sorted().toList();
    }

    @Override
    public int nextAckId() {
        return ackIds.getAndIncrement();
    }

    @Override
    public void onServerSideEmit(JsonNode packet, Ack ack) {
        serverSideEmits.add(java.util.Map.entry(packet, ack));
    }

    @Override
    public RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {
        return new FakeRemoteSocket(id, handshake, rooms, data);
    }

    /** A socket of another node as the adapter saw it. */
    record FakeRemoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data)
            implements RemoteSocket {
        @Override
        public boolean emit(String event, Object... args) {
            return false;
        }

        @Override
        public void join(String... rooms) {
        }

        @Override
        public void leave(String room) {
        }

        @Override
        public void disconnect(boolean close) {
        }
    }

    @Override
    public ConnectionStateRecoveryOptions connectionStateRecovery() {
        return recovery;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        if (timers == null) {
            throw new UnsupportedOperationException("no timers in this adapter unit test");
        }
        return timers;
    }

    @Override
    public java.util.concurrent.Executor handlerExecutor() {
        return Runnable::run; // unit tests check results on the calling thread
    }
}
