package dev.socketeer.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import dev.socketeer.testkit.TcpProxy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code socketeerRedis} health contribution and the {@code socketeer.adapter.redis.connected} gauge
 * follow the adapter's Redis connections (pub/sub and Redis Streams): Redis is cut (a {@link TcpProxy} in front of the real one closes
 * every connection and refuses new ones) and restored.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class RedisAdapterHealthTest {

    @ParameterizedTest
    @ValueSource(strings = {"redis", "redis-streams", "redis-sharded"})
    void healthAndGaugeGoDownWhileRedisIsCutAndUpWhenItIsBack(String adapter) throws Exception {
        try (TcpProxy proxy = new TcpProxy(Service.REDIS.address())) {
            int port = proxy.start();
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
                    .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1", "socketeer.adapter=" + adapter,
                            "socketeer.redis.key=health-" + UUID.randomUUID(),
                            "spring.data.redis.url=redis://127.0.0.1:" + port)
                    .run(ctx -> {
                        HealthIndicator health = ctx.getBean("socketeerRedisHealthIndicator", HealthIndicator.class);
                        SimpleMeterRegistry registry = new SimpleMeterRegistry();
                        ctx.getBean("socketeerRedisConnectedMeter", MeterBinder.class).bindTo(registry);
                        Gauge connected = registry.get("socketeer.adapter.redis.connected").gauge();
                        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                        assertThat(connected.value()).isEqualTo(1.0);

                        proxy.stop();
                        await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.DOWN));
                        assertThat(connected.value()).isEqualTo(0.0);

                        proxy.start();
                        // Lettuce reconnects with a growing delay
                        await().atMost(Duration.ofSeconds(40)).until(() -> health.health().getStatus().equals(Status.UP));
                        assertThat(connected.value()).isEqualTo(1.0);
                    });
        }
    }
}
