package dev.socketeer.core.adapter;

import dev.socketeer.core.Ack;
import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.Socket;
import dev.socketeer.core.protocol.EncodedPacket;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.engine.EngineMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link Adapter} may use of its namespace (Node's {@code adapter.nsp}).
 *
 * <p>Threading: thread safe.
 */
public interface AdapterContext {

    /** The namespace name, e.g. {@code "/chat"}. */
    String namespace();

    /** Encodes a packet once for any number of targets. */
    EncodedPacket encode(Packet packet);

    /** A socket of this namespace connected to this server, or {@code null}. */
    @Nullable Socket socket(String id);

    /**
     * Writes an encoded packet to a local socket (telling its outgoing listeners first). With
     * {@code ackCallback}, the socket waits for an ACK with the packet's id and passes its first
     * argument on. Returns whether the socket is connected here.
     */
    boolean deliver(String socketId, Packet packet, List<EngineMessage> messages, BroadcastFlags flags,
                    @Nullable Consumer<JsonNode> ackCallback);

    /** A fresh ack id, unique within this namespace on this server. */
    int nextAckId();

    /** Hands a server-side event from another server ({@code [event, ...args]}) to this namespace's listeners. */
    void onServerSideEmit(JsonNode packet, Ack ack);

    /** A socket of another server, driven through this namespace's adapter. */
    RemoteSocket remoteSocket(String id, Handshake handshake, Set<String> rooms, Map<String, Object> data);

    /** The recovery options, or {@code null} when recovery is disabled. */
    @Nullable ConnectionStateRecoveryOptions connectionStateRecovery();

    /** A shared scheduler for timers; tasks must be short and must not run user code. */
    ScheduledExecutorService scheduler();

    /**
     * Where user code runs (listeners, acknowledgement callbacks): a cluster adapter completes the
     * callbacks of remote answers here, never on its transport's I/O thread.
     */
    Executor handlerExecutor();
}
