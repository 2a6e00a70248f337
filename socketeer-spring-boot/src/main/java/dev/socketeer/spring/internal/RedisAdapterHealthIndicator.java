package dev.socketeer.spring.internal;

import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.redis.RedisShardedAdapterFactory;
import dev.socketeer.redis.RedisStreamsAdapterFactory;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code socketeerRedis} health contribution: UP while the Redis adapter's connections are up, DOWN
 * while Lettuce reconnects (local delivery goes on meanwhile; cluster operations fail fast). Thread safe.
 */
public final class RedisAdapterHealthIndicator implements HealthIndicator {
    private final BooleanSupplier connected;
    private final String detail;
    private final String value;

    /** For the pub/sub adapter; the detail {@code key} is its channel prefix. */
    public RedisAdapterHealthIndicator(RedisAdapterFactory factory) {
        this(factory::connected, "key", factory.key());
    }

    /** For the Redis Streams adapter; the detail {@code adapter} is {@code redis-streams}. */
    public RedisAdapterHealthIndicator(RedisStreamsAdapterFactory factory) {
        this(factory::connected, "adapter", "redis-streams");
    }

    /** For the sharded pub/sub adapter; the detail {@code adapter} is {@code redis-sharded}. */
    public RedisAdapterHealthIndicator(RedisShardedAdapterFactory factory) {
        this(factory::connected, "adapter", "redis-sharded");
    }

    private RedisAdapterHealthIndicator(BooleanSupplier connected, String detail, String value) {
        this.connected = connected;
        this.detail = detail;
        this.value = value;
    }

    @Override
    public Health health() {
        return (connected.getAsBoolean() ? Health.up() : Health.down()).withDetail(detail, value).build();
    }
}
