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
        return null;
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
        return 0;
    }

    @Override
    public void onServerSideEmit(JsonNode packet, Ack ack) {
    }

    @Override
    public RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ConnectionStateRecoveryOptions connectionStateRecovery() {
        return null;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        throw new UnsupportedOperationException("no timers in adapter unit tests");
    }

    @Override
    public java.util.concurrent.Executor handlerExecutor() {
        return Runnable::run; // unit tests check results on the calling thread
    }
}
