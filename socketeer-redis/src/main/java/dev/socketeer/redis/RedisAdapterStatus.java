package dev.socketeer.redis;

/**
 * What every Redis adapter factory of this module tells about its connections, for health checks and
 * metrics: {@link RedisAdapterFactory} (classic pub/sub), {@link RedisStreamsAdapterFactory} and
 * {@link RedisShardedAdapterFactory}.
 *
 * <p>Threading: thread safe; answers from the connections' current state without blocking.
 */
public interface RedisAdapterStatus {

    /** Whether the factory's connections are all up now; {@code false} while Lettuce reconnects and after closing. */
    boolean connected();

    /** The adapter kind, as {@code socketeer.adapter} names it: {@code redis}, {@code redis-streams} or {@code redis-sharded}. */
    String kind();
}
