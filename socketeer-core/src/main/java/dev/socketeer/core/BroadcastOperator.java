package dev.socketeer.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Selects sockets of a namespace by room and sends to them, Node's {@code BroadcastOperator}:
 * {@code io.to("a").to("b").except("c").emit(...)}. A socket in several targeted rooms gets one copy;
 * a socket in an excluded room gets none; no target room means every socket.
 *
 * <p>Immutable: each method returns a new operator. Thread safe. The packet is encoded once and the
 * same bytes are written to every target.
 */
public interface BroadcastOperator {

    BroadcastOperator to(String... rooms);

    BroadcastOperator in(String... rooms);

    BroadcastOperator except(String... rooms);

    /** Whether the event may be compressed; {@code false} sends it uncompressed to every target, as {@link SocketEmitter#compress}. */
    BroadcastOperator compress(boolean compress);

    /** Drops the event for clients whose transport cannot take it right now. */
    BroadcastOperator volatile_();

    /** Only sockets of this server, even with a cluster adapter. */
    BroadcastOperator local();

    /** The time to wait for every acknowledgement. */
    BroadcastOperator timeout(Duration timeout);

    /** Emits to every selected socket; returns {@code true}, like Node. */
    boolean emit(String event, @Nullable Object... args);

    /**
     * Emits and collects every client's acknowledgement (its first argument). Like Node, without a
     * {@link #timeout} the wait is practically zero (Node's {@code setTimeout(fn, undefined)}), so set one.
     */
    boolean emit(String event, List<?> args, BroadcastAckCallback callback);

    /** Like {@link #emit(String, List, BroadcastAckCallback)}, as a future. */
    CompletableFuture<List<JsonNode>> emitWithAck(String event, @Nullable Object... args);

    /** The selected sockets, local ones as {@link Socket}s. */
    CompletableFuture<List<RemoteSocket>> fetchSockets();

    /** Makes the selected sockets join these rooms. */
    void socketsJoin(String... rooms);

    /** Makes the selected sockets leave these rooms. */
    void socketsLeave(String... rooms);

    /** Disconnects the selected sockets; {@code close} closes their whole connections. */
    void disconnectSockets(boolean close);
}
