package dev.socketeer.redis.internal;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps a connection's sharded pub/sub subscriptions ({@code SSUBSCRIBE}) across reconnects. Lettuce
 * subscribes shard channels again after a reconnect, but not every time (seen once in a few Redis restarts,
 * leaving a node deaf for good): once the connection dropped, this subscribes every channel again as soon as
 * it is back (a no-op for Redis when it is subscribed already), and retries until that went through.
 *
 * <p>Lifecycle: one per subscribed connection, {@link #close()} before the connection. Threading: thread safe;
 * the check runs every second on the client's event executors and never blocks.
 */
public final class ShardChannelWatch implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, byte[]> sub;
    private final Supplier<Collection<String>> channels;
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final RedisConnectionStateListener listener;
    private final ScheduledFuture<?> check;

    /** Watches {@code sub}; {@code channels} gives the shard channels it should be subscribed to now. */
    public ShardChannelWatch(RedisClient client, StatefulRedisPubSubConnection<String, byte[]> sub,
                             Supplier<Collection<String>> channels) {
        this.client = client;
        this.sub = sub;
        this.channels = channels;
        this.listener = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == sub) {
                    dropped.set(true);
                }
            }
        };
        client.addListener(listener);
        this.check = client.getResources().eventExecutorGroup()
                .scheduleWithFixedDelay(this::resubscribeAfterDrop, 1, 1, TimeUnit.SECONDS);
    }

    private void resubscribeAfterDrop() {
        if (!sub.isOpen() || !dropped.compareAndSet(true, false)) {
            return;
        }
        CompletableFuture<?>[] all = channels.get().stream()
                .map(channel -> sub.async().ssubscribe(channel).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(all).whenComplete((ok, error) -> {
            if (error != null) {
                dropped.set(true); // dropped again meanwhile: the next round tries again
            }
        });
    }

    @Override
    public void close() {
        check.cancel(false);
        client.removeListener(listener);
    }
}
