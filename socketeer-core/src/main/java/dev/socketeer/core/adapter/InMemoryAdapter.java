package dev.socketeer.core.adapter;

import dev.socketeer.core.BroadcastAckCallback;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.Socket;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.engine.EngineMessage;
import dev.socketeer.engine.spi.SendBatching;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The adapter of a single server, Node's {@code Adapter}: rooms in memory, broadcasts written to local
 * sockets. Cluster adapters extend it and call {@code super} for local delivery.
 *
 * <p>Threading: thread safe without a global lock: a concurrent map of room to concurrent set of
 * socket ids (and of socket id to rooms); a room is created and removed atomically within its map bin.
 */
public class InMemoryAdapter implements Adapter {
    private static final Logger log = LoggerFactory.getLogger(InMemoryAdapter.class);

    protected final AdapterContext context;
    private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();

    public InMemoryAdapter(AdapterContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    @Override
    public void addAll(String socketId, Set<String> newRooms) {
        // sets start at the smallest table and grow: most sockets are in one or two rooms, most rooms are
        // a socket's own, and an idle server holds one of each per connection
        Set<String> own = sids.computeIfAbsent(socketId, id -> ConcurrentHashMap.newKeySet(1));
        for (String room : newRooms) {
            own.add(room);
            rooms.compute(room, (r, members) -> {
                Set<String> set = members;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet(1);
                    roomCreated(r);
                }
                set.add(socketId);
                return set;
            });
        }
    }

    @Override
    public void del(String socketId, String room) {
        Set<String> own = sids.get(socketId);
        if (own != null) {
            own.remove(room);
        }
        removeFromRoom(room, socketId);
    }

    @Override
    public void delAll(String socketId) {
        Set<String> own = sids.get(socketId);
        if (own != null) {
            // the socket stays known until its rooms are gone, so roomDeleted sees its own room as private (Node's order)
            for (String room : own) {
                removeFromRoom(room, socketId);
            }
            sids.remove(socketId, own);
        }
    }

    private void removeFromRoom(String room, String socketId) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(socketId);
            if (members.isEmpty()) {
                roomDeleted(r);
                return null;
            }
            return members;
        });
    }

    /**
     * Called when {@code room} gets its first local member (Node's {@code "create-room"} event); nothing by
     * default. Runs on the thread that joins the socket (an engine thread, the handler executor, or a
     * transport's receiving thread) while the room's entry is locked, so that the calls for one room come
     * in order (created, deleted, created, ...): it must return quickly, never block, and never join or
     * leave rooms of this adapter. {@link #isSocketId} tells a socket's own room.
     */
    protected void roomCreated(String room) {
    }

    /**
     * Called when {@code room} loses its last local member (Node's {@code "delete-room"} event); nothing by
     * default. Same thread and rules as {@link #roomCreated}; when a socket leaves all its rooms at once,
     * {@link #isSocketId} is still true for its id here.
     */
    protected void roomDeleted(String room) {
    }

    /** Whether {@code room} is the id of a local socket, i.e. that socket's private room (Node's {@code sids.has(room)}). */
    protected final boolean isSocketId(String room) {
        return sids.containsKey(room);
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        List<EngineMessage> messages = context.encode(packet).toEngineMessages();
        // one hand-off per event loop for the whole broadcast, not one per recipient
        SendBatching.batchSends(() -> apply(options, id -> context.deliver(id, packet, messages, options.flags(), null)));
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions options, IntConsumer clientCountCallback,
                                 Consumer<JsonNode> ackCallback) {
        List<EngineMessage> messages = context.encode(packet).toEngineMessages();
        int[] count = {0};
        SendBatching.batchSends(() -> apply(options, id -> {
            if (context.deliver(id, packet, messages, options.flags(), ackCallback)) {
                count[0]++;
            }
        }));
        clientCountCallback.accept(count[0]);
    }

    @Override
    public CompletableFuture<Set<String>> sockets(Set<String> targetRooms) {
        Set<String> ids = new HashSet<>();
        apply(new BroadcastOptions(targetRooms, Set.of(), BroadcastFlags.NONE), ids::add);
        return CompletableFuture.completedFuture(ids);
    }

    @Override
    public @Nullable Set<String> socketRooms(String socketId) {
        Set<String> own = sids.get(socketId);
        return own == null ? null : Set.copyOf(own);
    }

    @Override
    public int socketRoomCount(String socketId) {
        Set<String> own = sids.get(socketId);
        return own == null ? 0 : own.size();
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
        List<RemoteSocket> found = new ArrayList<>();
        applyToSockets(options, found::add);
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public void addSockets(BroadcastOptions options, Set<String> newRooms) {
        String[] array = newRooms.toArray(String[]::new);
        applyToSockets(options, socket -> socket.join(array));
    }

    @Override
    public void delSockets(BroadcastOptions options, Set<String> oldRooms) {
        applyToSockets(options, socket -> oldRooms.forEach(socket::leave));
    }

    @Override
    public void disconnectSockets(BroadcastOptions options, boolean close) {
        applyToSockets(options, socket -> socket.disconnect(close));
    }

    @Override
    public void serverSideEmit(JsonNode packet, @Nullable BroadcastAckCallback ack) {
        log.debug("serverSideEmit on {}: no other server with the in-memory adapter", context.namespace());
        if (ack != null) {
            ack.onAcks(null, List.of());
        }
    }

    @Override
    public void persistSession(Session session) {
    }

    @Override
    public CompletableFuture<@Nullable Session> restoreSession(String pid, String offset) {
        return CompletableFuture.completedFuture(null);
    }

    private void applyToSockets(BroadcastOptions options, Consumer<Socket> action) {
        apply(options, id -> {
            Socket socket = context.socket(id);
            if (socket != null) {
                action.accept(socket);
            }
        });
    }

    /**
     * Calls {@code action} once for each socket id selected by {@code options} (a socket in several
     * targeted rooms once; a socket in an excluded room never), Node's {@code apply}.
     */
    protected void apply(BroadcastOptions options, Consumer<String> action) {
        Set<String> except = exceptIds(options.except());
        if (options.rooms().size() == 1) {
            // one room needs no de-duplication: skip the per-broadcast HashSet (most of a fan-out's allocation)
            Set<String> members = rooms.get(options.rooms().iterator().next());
            if (members != null) {
                for (String id : members) {
                    if (!except.contains(id)) {
                        action.accept(id);
                    }
                }
            }
        } else if (!options.rooms().isEmpty()) {
            Set<String> seen = new HashSet<>();
            for (String room : options.rooms()) {
                Set<String> members = rooms.get(room);
                if (members == null) {
                    continue;
                }
                for (String id : members) {
                    if (!except.contains(id) && seen.add(id)) {
                        action.accept(id);
                    }
                }
            }
        } else {
            for (String id : sids.keySet()) {
                if (!except.contains(id)) {
                    action.accept(id);
                }
            }
        }
    }

    private Set<String> exceptIds(Set<String> exceptRooms) {
        if (exceptRooms.isEmpty()) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (String room : exceptRooms) {
            Set<String> members = rooms.get(room);
            if (members != null) {
                ids.addAll(members);
            }
        }
        return ids;
    }

    /** Whether some local socket is in {@code room}; cheap (no copy), for cluster adapters filtering messages. */
    protected boolean hasRoom(String room) {
        return rooms.containsKey(room);
    }

    /** The room names currently in use (for tests and metrics). */
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }
}
