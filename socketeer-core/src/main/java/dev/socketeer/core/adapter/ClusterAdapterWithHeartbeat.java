package dev.socketeer.core.adapter;

import dev.socketeer.core.adapter.ClusterMessage.Type;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ClusterAdapter} that learns the other nodes from their messages, Node's
 * {@code ClusterAdapterWithHeartbeat}: on {@link #init()} it publishes {@code INITIAL_HEARTBEAT} (which every
 * node answers with a {@code HEARTBEAT}), it publishes a {@code HEARTBEAT} when it has published nothing for
 * {@code heartbeatInterval}, and on {@link #close()} an {@code ADAPTER_CLOSE}. A node not heard from for
 * {@code heartbeatTimeout} is gone. {@link #serverCount()} is 1 plus the live nodes; a request waits for
 * the answers of the nodes live when it was sent, and completes early when one of them goes.
 *
 * <p>Threading: thread safe, like {@link ClusterAdapter}; timers run on the context's scheduler.
 */
public abstract class ClusterAdapterWithHeartbeat extends ClusterAdapter {
    /** Node's defaults. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    /** Node uid to when it was last heard from (nanoTime). */
    private final Map<String, Long> nodes = new ConcurrentHashMap<>();
    private volatile long lastPublished = System.nanoTime();
    private volatile @Nullable ScheduledFuture<?> heartbeatTask;
    private volatile @Nullable ScheduledFuture<?> cleanupTask;

    protected ClusterAdapterWithHeartbeat(AdapterContext context, String uid, Duration requestsTimeout,
                                          Duration heartbeatInterval, Duration heartbeatTimeout) {
        super(context, uid, requestsTimeout);
        this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
        this.heartbeatTimeout = positive(heartbeatTimeout, "heartbeatTimeout");
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, was " + value);
        }
        return value;
    }

    @Override
    public void init() {
        super.init();
        publish(Type.INITIAL_HEARTBEAT, null);
        // checks often enough that a heartbeat is never much later than the interval
        long tick = Math.max(10, heartbeatInterval.toMillis() / 5);
        heartbeatTask = context.scheduler().scheduleAtFixedRate(this::heartbeatIfIdle, tick, tick, TimeUnit.MILLISECONDS);
        long cleanup = Math.min(1000, heartbeatTimeout.toMillis());
        cleanupTask = context.scheduler().scheduleAtFixedRate(this::removeSilentNodes, cleanup, cleanup,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        publish(Type.ADAPTER_CLOSE, null);
        cancel(heartbeatTask);
        cancel(cleanupTask);
        super.close();
    }

    private static void cancel(@Nullable ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    protected void beforePublish(Type type) {
        lastPublished = System.nanoTime();
    }

    private void heartbeatIfIdle() {
        if (System.nanoTime() - lastPublished >= heartbeatInterval.toNanos()) {
            publish(Type.HEARTBEAT, null);
        }
    }

    private void removeSilentNodes() {
        long now = System.nanoTime();
        nodes.forEach((nodeUid, lastSeen) -> {
            if (now - lastSeen > heartbeatTimeout.toNanos()) {
                removeNode(nodeUid);
            }
        });
    }

    private void removeNode(String nodeUid) {
        nodes.remove(nodeUid);
        forgetNode(nodeUid);
    }

    @Override
    protected void onMessage(ClusterMessage message, @Nullable String offset) {
        if (uid().equals(message.uid())) {
            return;
        }
        if (!EMITTER_UID.equals(message.uid())) {
            nodes.put(message.uid(), System.nanoTime());
        }
        switch (message.type()) {
            case INITIAL_HEARTBEAT -> publish(Type.HEARTBEAT, null);
            case HEARTBEAT -> {
            }
            case ADAPTER_CLOSE -> removeNode(message.uid());
            default -> super.onMessage(message, offset);
        }
    }

    /** 1 plus the nodes heard from within the heartbeat timeout. */
    @Override
    public CompletableFuture<Integer> serverCount() {
        return CompletableFuture.completedFuture(1 + nodes.size());
    }

    /** The live nodes: a request completes once each has answered or is gone. */
    @Override
    protected CompletableFuture<Responders> responders() {
        Set<String> live = Set.copyOf(nodes.keySet());
        return CompletableFuture.completedFuture(new Responders(live.size(), live));
    }
}
