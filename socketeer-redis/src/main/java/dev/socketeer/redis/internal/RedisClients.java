package dev.socketeer.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the adapter factory and the emitter open their own Lettuce client: reconnecting by itself, and
 * rejecting commands while Redis is away instead of queueing them (cluster operations fail fast). Stateless.
 */
public final class RedisClients {
    private RedisClients() {
    }

    /** {@code value} when it is a positive duration; else an {@code IllegalArgumentException} naming the option. */
    public static Duration requirePositive(Duration value, String option) {
        Objects.requireNonNull(value, option);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(option + ": must be positive, was " + value);
        }
        return value;
    }

    /**
     * Creates a client for {@code uri} and hands it to {@code owner}; the client is shut down if that fails.
     */
    public static <T> T withOwnClient(RedisURI uri, Function<RedisClient, T> owner) {
        RedisClient client = RedisClient.create(Objects.requireNonNull(uri, "redisUri"));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            return owner.apply(client);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** {@code key}, checked: the channel prefix must not be empty. */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key: must not be empty");
        }
        return key;
    }
}
