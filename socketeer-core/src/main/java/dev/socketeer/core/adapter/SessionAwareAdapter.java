package dev.socketeer.core.adapter;

import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The in-memory adapter with connection state recovery, Node's {@code SessionAwareAdapter}: every
 * EVENT broadcast without ack and not volatile gets a unique offset appended as its last argument and is
 * kept for {@code maxDisconnectionDuration}; disconnected sessions are kept as long; both are purged
 * every minute.
 *
 * <p>Threading: thread safe. Storing a packet and delivering it happen under one lock per namespace so
 * that every client receives stored packets in offset order; room membership stays lock-free.
 */
public class SessionAwareAdapter extends InMemoryAdapter {
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final Duration maxDisconnectionDuration;
    private final Clock clock;
    private final Map<String, PersistedSession> sessions = new ConcurrentHashMap<>();
    private final Deque<StoredPacket> packets = new ArrayDeque<>();
    private final String offsetPrefix = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
    private long offsetCounter;
    private volatile ScheduledFuture<?> purgeTask;

    public SessionAwareAdapter(AdapterContext context, Duration maxDisconnectionDuration) {
        this(context, maxDisconnectionDuration, Clock.systemUTC());
    }

    public SessionAwareAdapter(AdapterContext context, Duration maxDisconnectionDuration, Clock clock) {
        super(context);
        this.maxDisconnectionDuration = maxDisconnectionDuration;
        this.clock = clock;
    }

    @Override
    public void init() {
        long period = PURGE_INTERVAL.toMillis();
        purgeTask = context.scheduler().scheduleAtFixedRate(this::purgeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ScheduledFuture<?> task = purgeTask;
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions options) {
        boolean store = packet.type() == PacketType.EVENT && packet.ackId() == null
                && !options.flags().volatile_() && packet.data() instanceof ArrayNode;
        if (!store) {
            super.broadcast(packet, options);
            return;
        }
        synchronized (packets) {
            String offset = offsetPrefix + "-" + Long.toString(offsetCounter++, 36);
            ArrayNode data = ((ArrayNode) packet.data()).deepCopy();
            data.add(offset);
            packets.addLast(new StoredPacket(offset, options, data, clock.millis()));
            super.broadcast(new Packet(packet.type(), packet.namespace(), data, null), options);
        }
    }

    @Override
    public void persistSession(Session session) {
        sessions.put(session.pid(), new PersistedSession(session, clock.millis()));
    }

    @Override
    public CompletableFuture<@Nullable Session> restoreSession(String pid, String offset) {
        PersistedSession persisted = sessions.get(pid);
        if (persisted == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (persisted.disconnectedAt + maxDisconnectionDuration.toMillis() < clock.millis()) {
            sessions.remove(pid, persisted);
            return CompletableFuture.completedFuture(null);
        }
        List<JsonNode> missed = new ArrayList<>();
        boolean found = false;
        synchronized (packets) {
            for (StoredPacket stored : packets) {
                if (found) {
                    if (stored.options.selects(persisted.session.rooms())) {
                        missed.add(stored.data);
                    }
                } else if (stored.offset.equals(offset)) {
                    found = true;
                }
            }
        }
        return CompletableFuture.completedFuture(found ? persisted.session.withMissedPackets(missed) : null);
    }

    /** Drops sessions and packets older than {@code maxDisconnectionDuration}. */
    public void purgeExpired() {
        long threshold = clock.millis() - maxDisconnectionDuration.toMillis();
        sessions.values().removeIf(s -> s.disconnectedAt < threshold);
        synchronized (packets) {
            for (Iterator<StoredPacket> it = packets.iterator(); it.hasNext(); ) {
                if (it.next().emittedAt < threshold) {
                    it.remove();
                } else {
                    break;
                }
            }
        }
    }

    /** The number of stored packets (for tests and metrics). */
    public int storedPacketCount() {
        synchronized (packets) {
            return packets.size();
        }
    }

    /** The number of persisted sessions (for tests and metrics). */
    public int sessionCount() {
        return sessions.size();
    }

    private record StoredPacket(String offset, BroadcastOptions options, JsonNode data, long emittedAt) {
    }

    private record PersistedSession(Session session, long disconnectedAt) {
    }
}
