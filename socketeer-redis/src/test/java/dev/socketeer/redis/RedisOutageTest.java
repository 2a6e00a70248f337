package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import dev.socketeer.testkit.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The Java node of a {@link MixedCluster} loses Redis (its connections go through a {@link TcpProxy} that
 * the test cuts; the Node node keeps the real server): local broadcasts go on, a cluster request fails
 * fast instead of hanging, and once Redis is back the adapter has reconnected and resubscribed by itself,
 * so broadcasts cross in both directions again.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class RedisOutageTest {
    private static final Duration WAIT = MixedCluster.WAIT;

    private static NodeDriver driver;
    private MixedCluster cluster;
    private TcpProxy proxy;

    @BeforeAll
    static void startDriver() {
        driver = new NodeDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void localDeliveryGoesOnWhileRedisIsAwayAndTheClusterHealsWhenItIsBack() throws Exception {
        proxy = new TcpProxy(Service.REDIS.address());
        int port = proxy.start();
        cluster = new MixedCluster();
        cluster.javaRedisUrl = "redis://127.0.0.1:" + port;
        cluster.start(driver, Duration.ofSeconds(5), io -> { });

        proxy.stop();

        cluster.j1.emitWithAck("cast", WAIT, Map.of("event", "news", "args", List.of("while down")));
        assertThat(cluster.j2.awaitEvent("news", WAIT).get(0).asString()).isEqualTo("while down");
        long start = System.nanoTime();
        JsonNode fetch = cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0);
        assertThat(fetch.path("ok").asBoolean()).as(fetch.toString()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        proxy.start();

        // Lettuce reconnects with a growing delay: keep casting until one crosses each way
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            cluster.j1.emitWithAck("cast", WAIT, Map.of("event", "back", "args", List.of("from java")));
            return !cluster.n1.received("back").isEmpty();
        });
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            cluster.n1.emitWithAck("cast", WAIT, Map.of("event", "back2", "args", List.of("from node")));
            return !cluster.j1.received("back2").isEmpty();
        });
        assertThat(cluster.n2.received("news")).isEmpty();
    }
}
