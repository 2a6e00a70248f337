package dev.socketeer.core.adapter;

import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.protocol.Packet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Room membership and packet delivery of one namespace, mirroring Node's {@code socket.io-adapter}:
 * {@link InMemoryAdapter} serves one server, a cluster adapter also publishes to other servers.
 *
 * <p>Lifecycle: created per namespace by an {@link AdapterFactory}, {@link #init()} once, then
 * {@link #close()} when the namespace or the server closes.
 *
 * <p>Threading: every method may be called from any thread concurrently; implementations must be
 * thread safe and must not block (return futures for remote answers).
 */
public interface Adapter {

    default void init() {
    }

    default void close() {
    }

    /** The number of servers in the cluster (1 for a single server). */
    CompletableFuture<Integer> serverCount();

    /** Adds a socket to rooms. */
    void addAll(String socketId, Set<String> rooms);

    /** Removes a socket from a room. */
    void del(String socketId, String room);

    /** Removes a socket from all its rooms. */
    void delAll(String socketId);

    /** Sends a packet to the selected sockets. */
    void broadcast(Packet packet, BroadcastOptions options);

    /**
     * Sends a packet that carries an ack id to the selected sockets; {@code clientCountCallback} is
     * called once per server with the number of sockets reached, {@code ackCallback} once per answer.
     */
    void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCountCallback,
                          Consumer<JsonNode> ackCallback);

    /** The ids of the sockets in any of these rooms (all sockets when empty). */
    CompletableFuture<Set<String>> sockets(Set<String> rooms);

    /** The rooms of a local socket, or {@code null} if unknown. */
    @Nullable Set<String> socketRooms(String socketId);

    /** How many rooms a local socket is in (0 if unknown); adapters that can should answer without copying. */
    default int socketRoomCount(String socketId) {
        Set<String> rooms = socketRooms(socketId);
        return rooms == null ? 0 : rooms.size();
    }

    CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

    void addSockets(BroadcastOptions options, Set<String> rooms);

    void delSockets(BroadcastOptions options, Set<String> rooms);

    void disconnectSockets(BroadcastOptions options, boolean close);

    /**
     * Sends {@code [event, ...args]} to the other servers; with {@code ack}, collects one answer per
     * other server.
     */
    void serverSideEmit(JsonNode packet, @Nullable BroadcastAckCallback ack);

    /** Keeps a disconnected socket's session for recovery. */
    void persistSession(Session session);

    /**
     * The session for {@code pid} with the packets emitted after {@code offset} that it would have
     * received, or {@code null} (expired, unknown, offset too old).
     */
    CompletableFuture<@Nullable Session> restoreSession(String pid, String offset);
}
