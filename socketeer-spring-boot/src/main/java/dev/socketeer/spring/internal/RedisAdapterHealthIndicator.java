package dev.socketeer.spring.internal;

import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.redis.RedisAdapterStatus;
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

    /**
     * For any of the Redis adapters; the detail {@code key} is the classic adapter's channel prefix, the detail
     * {@code adapter} the kind of the others ({@code redis-streams}, {@code redis-sharded}).
     */
    public RedisAdapterHealthIndicator(RedisAdapterStatus status) {
        this.connected = status::connected;
        if (status instanceof RedisAdapterFactory classic) {
            this.detail = "key";
            this.value = classic.key();
        } else {
            this.detail = "adapter";
            this.value = status.kind();
        }
    }

    @Override
    public Health health() {
        return (connected.getAsBoolean() ? Health.up() : Health.down()).withDetail(detail, value).build();
    }
}
