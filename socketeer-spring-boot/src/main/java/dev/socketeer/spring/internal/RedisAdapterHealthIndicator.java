package dev.socketeer.spring.internal;

import dev.socketeer.redis.RedisAdapterFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code socketeerRedis} health contribution: UP while the Redis adapter's two connections are up,
 * DOWN while Lettuce reconnects (local delivery goes on meanwhile; cluster operations fail fast). Thread
 * safe.
 */
public final class RedisAdapterHealthIndicator implements HealthIndicator {
    private final RedisAdapterFactory factory;

    public RedisAdapterHealthIndicator(RedisAdapterFactory factory) {
        this.factory = factory;
    }

    @Override
    public Health health() {
        return (factory.connected() ? Health.up() : Health.down())
                .withDetail("key", factory.key())
                .build();
    }
}
