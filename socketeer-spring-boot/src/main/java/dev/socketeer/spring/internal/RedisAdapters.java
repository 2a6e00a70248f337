package dev.socketeer.spring.internal;

import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.spring.SocketeerProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Builds the {@link RedisAdapterFactory} of {@code socketeer.adapter=redis}: over the application's own
 * Lettuce {@link RedisClient} bean when there is one, otherwise over a {@link RedisURI} made from Spring
 * Boot's {@code spring.data.redis.*} properties (read here with Boot's defaults, so that
 * {@code spring-boot-data-redis} need not be on the class path). Stateless.
 */
public final class RedisAdapters {
    private static final String PREFIX = "spring.data.redis";

    private RedisAdapters() {
    }

    /** Connects (blocking; fails when Redis does not answer) and applies {@code socketeer.redis.*}. */
    public static RedisAdapterFactory connect(SocketeerProperties properties, Environment environment,
                                             @Nullable RedisClient client) {
        SocketeerProperties.Redis redis = properties.getRedis();
        RedisAdapterFactory factory = client != null
                ? RedisAdapterFactory.connect(client, redis.getKey())
                : RedisAdapterFactory.connect(uri(environment), redis.getKey());
        return factory.requestsTimeout(redis.getRequestsTimeout());
    }

    /**
     * Connects the Redis Streams adapter (blocking; fails when Redis does not answer): {@code socketeer.redis.key}
     * is its channel prefix and stream name, {@code requests-timeout} its requests timeout.
     */
    public static dev.socketeer.redis.RedisStreamsAdapterFactory connectStreams(SocketeerProperties properties,
            Environment environment, @Nullable RedisClient client) {
        SocketeerProperties.Redis redis = properties.getRedis();
        var builder = dev.socketeer.redis.RedisStreamsAdapterFactory.newBuilder().channelPrefix(redis.getKey())
                .streamName(redis.getKey()).requestsTimeout(redis.getRequestsTimeout());
        return client != null ? builder.connect(client) : builder.connect(uri(environment));
    }

    /**
     * Connects the sharded pub/sub adapter (blocking; fails when Redis does not answer): {@code socketeer.redis.key}
     * is its channel prefix, {@code subscription-mode} its subscription mode, {@code requests-timeout} its
     * requests timeout.
     */
    public static dev.socketeer.redis.RedisShardedAdapterFactory connectSharded(SocketeerProperties properties,
            Environment environment, @Nullable RedisClient client) {
        SocketeerProperties.Redis redis = properties.getRedis();
        var builder = dev.socketeer.redis.RedisShardedAdapterFactory.newBuilder().channelPrefix(redis.getKey())
                .subscriptionMode(dev.socketeer.redis.RedisShardedAdapterFactory.SubscriptionMode.fromWireName(
                        redis.getSubscriptionMode().trim().toLowerCase(java.util.Locale.ROOT)))
                .requestsTimeout(redis.getRequestsTimeout());
        return client != null ? builder.connect(client) : builder.connect(uri(environment));
    }

    /** The URI of {@code spring.data.redis.*}: {@code url} when set, else host, port, credentials, database. */
    public static RedisURI uri(Environment environment) {
        Binder binder = Binder.get(environment);
        if (binder.bind(PREFIX + ".sentinel.master", String.class).isBound()
                || binder.bind(PREFIX + ".cluster.nodes", String[].class).isBound()) {
            throw new IllegalStateException("socketeer.adapter=redis: spring.data.redis.sentinel and .cluster are not"
                    + " supported; use a single Redis (spring.data.redis.url or host/port) or a RedisClient bean");
        }
        String url = binder.bind(PREFIX + ".url", String.class).orElse(null);
        int database = binder.bind(PREFIX + ".database", Integer.class).orElse(0);
        RedisURI uri;
        if (url != null && !url.isBlank()) {
            uri = RedisURI.create(url);
            if (database != 0 && uri.getDatabase() == 0) {
                uri.setDatabase(database);
            }
        } else {
            String host = binder.bind(PREFIX + ".host", String.class).orElse("localhost");
            int port = binder.bind(PREFIX + ".port", Integer.class).orElse(6379);
            RedisURI.Builder b = RedisURI.builder().withHost(host).withPort(port).withDatabase(database)
                    .withSsl(binder.bind(PREFIX + ".ssl.enabled", Boolean.class).orElse(false));
            String username = binder.bind(PREFIX + ".username", String.class).orElse(null);
            String password = binder.bind(PREFIX + ".password", String.class).orElse(null);
            if (password != null && username != null) {
                b.withAuthentication(username, password);
            } else if (password != null) {
                b.withPassword(password.toCharArray());
            }
            uri = b.build();
        }
        binder.bind(PREFIX + ".timeout", Duration.class).ifBound(uri::setTimeout);
        binder.bind(PREFIX + ".client-name", String.class).ifBound(uri::setClientName);
        return uri;
    }
}
