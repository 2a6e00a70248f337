package dev.socketeer.spring;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.spring.internal.EngineMountCustomizer;
import dev.socketeer.spring.internal.GatewayRegistrar;
import dev.socketeer.spring.internal.JwtHandshakeAuthentication;
import dev.socketeer.spring.internal.MicrometerServerListener;
import dev.socketeer.spring.internal.OnSharedPortCondition;
import dev.socketeer.spring.internal.PayloadValidations;
import dev.socketeer.spring.internal.RedisAdapterHealthIndicator;
import dev.socketeer.spring.internal.RedisAdapters;
import dev.socketeer.spring.internal.ServerBuilders;
import dev.socketeer.spring.internal.ServerLifecycle;
import dev.socketeer.spring.internal.SocketeerHealthIndicator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of a {@link SocketIoServer} bean from {@link SocketeerProperties}, adjusted by
 * {@link SocketIoServerCustomizer} beans; its start and stop with the context; the
 * {@link SocketGateway} beans; and, unless {@code socketeer.port} is set, the mount of the endpoint on
 * the WebFlux Reactor Netty server (one port, TLS and server settings for REST, SSE and Socket.IO).
 * With {@code socketeer.port} set the server listens on that port instead.
 * With {@code socketeer.adapter=redis}, {@code redis-streams} or {@code redis-sharded} (and {@code socketeer-redis} on the class
 * path) the server is a node of a Redis cluster configured from {@code spring.data.redis.*}.
 *
 * <p>Backs off when the application defines its own {@code SocketIoServer} bean (the lifecycle,
 * gateways and mount then use that bean). Lifecycle: beans are created with the context; the server
 * starts after the web server and stops (closing sockets with "server shutting down") before the web
 * server's graceful shutdown.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(SocketeerProperties.class)
public final class SocketeerAutoConfiguration {
    private static final String REDIS_FACTORY = "dev.socketeer.redis.RedisAdapterFactory";
    private static final String REDIS_STREAMS_FACTORY = "dev.socketeer.redis.RedisStreamsAdapterFactory";
    private static final String REDIS_SHARDED_FACTORY = "dev.socketeer.redis.RedisShardedAdapterFactory";

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    SocketIoServer socketIoServer(SocketeerProperties properties, ObjectProvider<SocketIoServerCustomizer> customizers,
                                  ObjectProvider<JsonMapper> jsonMapper, ResourceLoader resourceLoader) {
        checkAdapter(properties, resourceLoader.getClassLoader());
        SocketIoServer.Builder builder = ServerBuilders.fromProperties(properties);
        jsonMapper.ifUnique(builder::jsonMapper);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        SocketIoServer server = builder.build();
        ServerBuilders.configureNamespaces(server, properties);
        return server;
    }

    private static void checkAdapter(SocketeerProperties properties, @Nullable ClassLoader classLoader) {
        switch (properties.getAdapter()) {
            case MEMORY -> { }
            case REDIS -> {
                if (!ClassUtils.isPresent(REDIS_FACTORY, classLoader)) {
                    throw new IllegalStateException("socketeer.adapter=redis needs dev.socketeer:socketeer-redis on the"
                            + " class path");
                }
            }
            case REDIS_STREAMS -> {
                if (!ClassUtils.isPresent(REDIS_STREAMS_FACTORY, classLoader)) {
                    throw new IllegalStateException("socketeer.adapter=redis-streams needs dev.socketeer:socketeer-redis"
                            + " on the class path");
                }
            }
            case REDIS_SHARDED -> {
                if (!ClassUtils.isPresent(REDIS_SHARDED_FACTORY, classLoader)) {
                    throw new IllegalStateException("socketeer.adapter=redis-sharded needs dev.socketeer:socketeer-redis"
                            + " on the class path");
                }
            }
        }
    }

    @Bean
    @ConditionalOnMissingBean
    ServerLifecycle socketIoServerLifecycle(SocketIoServer server, SocketeerProperties properties) {
        return new ServerLifecycle(server, properties.getPort() != null);
    }

    @Bean
    GatewayRegistrar socketeerGatewayRegistrar(ListableBeanFactory beans, SocketIoServer server,
            SocketeerProperties properties, ObjectProvider<HandshakeAuthentication> authentication,
            ObjectProvider<PayloadValidation> validation) {
        return new GatewayRegistrar(beans, server, properties.getAuth().getDefaultPolicy(),
                authentication.getIfAvailable(), validation.getIfUnique(() -> PayloadValidations.find(beans)));
    }

    /** JWT handshake authentication with the application's {@code ReactiveJwtDecoder}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.security.oauth2.jwt.ReactiveJwtDecoder",
            "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter"})
    static class SecurityConfiguration {

        @Bean
        @ConditionalOnMissingBean
        HandshakeAuthentication socketeerHandshakeAuthentication(
                ObjectProvider<org.springframework.security.oauth2.jwt.ReactiveJwtDecoder> decoder,
                ObjectProvider<org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter> converter) {
            return new JwtHandshakeAuthentication(decoder, converter);
        }
    }

    /**
     * The Redis adapter ({@code socketeer.adapter=redis}, {@code socketeer-redis} on the class path): over
     * the application's {@code RedisClient} bean if it has one, else {@code spring.data.redis.*}. The
     * factory connects with the context (startup fails when Redis does not answer) and closes after the
     * server stopped.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REDIS_FACTORY)
    @ConditionalOnProperty(name = "socketeer.adapter", havingValue = "redis")
    static class RedisConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        dev.socketeer.redis.RedisAdapterFactory socketeerRedisAdapterFactory(SocketeerProperties properties,
                Environment environment, ObjectProvider<io.lettuce.core.RedisClient> client) {
            return RedisAdapters.connect(properties, environment, client.getIfUnique());
        }

        @Bean
        SocketIoServerCustomizer socketeerRedisAdapter(dev.socketeer.redis.RedisAdapterFactory factory) {
            return builder -> builder.adapter(factory);
        }


    }

    /**
     * The Redis Streams adapter ({@code socketeer.adapter=redis-streams}, {@code socketeer-redis} on the
     * class path): over the application's {@code RedisClient} bean if it has one, else
     * {@code spring.data.redis.*}. The factory connects with the context (startup fails when Redis does not
     * answer) and closes after the server stopped.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REDIS_STREAMS_FACTORY)
    @ConditionalOnProperty(name = "socketeer.adapter", havingValue = "redis-streams")
    static class RedisStreamsConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        dev.socketeer.redis.RedisStreamsAdapterFactory socketeerRedisStreamsAdapterFactory(SocketeerProperties properties,
                Environment environment, ObjectProvider<io.lettuce.core.RedisClient> client) {
            return RedisAdapters.connectStreams(properties, environment, client.getIfUnique());
        }

        @Bean
        SocketIoServerCustomizer socketeerRedisStreamsAdapter(dev.socketeer.redis.RedisStreamsAdapterFactory factory) {
            return builder -> builder.adapter(factory);
        }


    }

    /**
     * The sharded pub/sub adapter ({@code socketeer.adapter=redis-sharded}, {@code socketeer-redis} on the
     * class path), connected as the Redis Streams adapter is; {@code socketeer.redis.subscription-mode} is
     * Node's {@code subscriptionMode}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REDIS_SHARDED_FACTORY)
    @ConditionalOnProperty(name = "socketeer.adapter", havingValue = "redis-sharded")
    static class RedisShardedConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        dev.socketeer.redis.RedisShardedAdapterFactory socketeerRedisShardedAdapterFactory(SocketeerProperties properties,
                Environment environment, ObjectProvider<io.lettuce.core.RedisClient> client) {
            return RedisAdapters.connectSharded(properties, environment, client.getIfUnique());
        }

        @Bean
        SocketIoServerCustomizer socketeerRedisShardedAdapter(dev.socketeer.redis.RedisShardedAdapterFactory factory) {
            return builder -> builder.adapter(factory);
        }

    }

    /**
     * The health and the gauge of whichever Redis adapter is configured ({@code socketeer.adapter} = {@code redis},
     * {@code redis-streams} or {@code redis-sharded}): every factory is a {@code RedisAdapterStatus}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = REDIS_FACTORY)
    @ConditionalOnExpression("'${socketeer.adapter:memory}'.startsWith('redis')")
    static class RedisStatusConfiguration {

        /** {@code socketeer.adapter.redis.connected}: 1 while the adapter's Redis connections are up, else 0. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
        static class RedisMetricsConfiguration {

            @Bean
            io.micrometer.core.instrument.binder.MeterBinder socketeerRedisConnectedMeter(
                    dev.socketeer.redis.RedisAdapterStatus status) {
                return r -> io.micrometer.core.instrument.Gauge.builder("socketeer.adapter.redis.connected", status,
                                s -> s.connected() ? 1 : 0)
                        .description("1 while the Redis adapter's connections are up, 0 while it reconnects")
                        .register(r);
            }
        }

        /** The {@code socketeerRedis} health contribution. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
        @ConditionalOnEnabledHealthIndicator("socketeer-redis")
        static class RedisHealthConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "socketeerRedisHealthIndicator")
            RedisAdapterHealthIndicator socketeerRedisHealthIndicator(dev.socketeer.redis.RedisAdapterStatus status) {
                return new RedisAdapterHealthIndicator(status);
            }
        }
    }

    /** Micrometer meters, when a {@code MeterRegistry} bean exists. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class MetricsConfiguration {

        @Bean
        SocketIoServerCustomizer socketeerMetricsListener(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
            return builder -> registry.ifUnique(r -> builder.listener(new MicrometerServerListener(r)));
        }

        @Bean
        io.micrometer.core.instrument.binder.MeterBinder socketeerClientsMeter(SocketIoServer server) {
            return r -> io.micrometer.core.instrument.Gauge.builder("socketeer.clients", server,
                            s -> s.engine().clientsCount())
                    .description("Engine.IO clients connected to this server").register(r);
        }
    }

    /** The {@code socketeer} health contribution. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("socketeer")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "socketeerHealthIndicator")
        SocketeerHealthIndicator socketeerHealthIndicator(SocketIoServer server, ServerLifecycle lifecycle) {
            return new SocketeerHealthIndicator(server, lifecycle);
        }
    }

    /** Mounts the endpoint on the WebFlux server (no {@code socketeer.port}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.reactor.netty.NettyServerCustomizer")
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @Conditional(OnSharedPortCondition.class)
    static class MountConfiguration {

        @Bean
        EngineMountCustomizer socketeerEngineMount(SocketIoServer server) {
            return new EngineMountCustomizer(server);
        }
    }
}
