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
 * The Java node of a mixed Redis Streams cluster loses Redis (its connections go through a {@link TcpProxy}
 * that the test cuts; the Node node keeps the real server): its local broadcasts go on (without an offset,
 * as none was assigned), {@code fetchSockets} fails at once, and once Redis is back its stream reader
 * resumes from the last entry it had read, so a broadcast the Node node added meanwhile still reaches the
 * Java node's clients, and broadcasts cross both ways again.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class StreamsRedisOutageTest {
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
    void localDeliveryGoesOnAndTheReaderCatchesUpWhenRedisIsBack() throws Exception {
        proxy = new TcpProxy(Service.REDIS.address());
        int port = proxy.start();
        cluster = new MixedCluster();
        cluster.kind = MixedCluster.Kind.STREAMS;
        cluster.start(driver, Duration.ofSeconds(5), io -> { }, "redis://127.0.0.1:" + port);

        proxy.stop();

        cluster.j1.emitWithAck("cast", WAIT, Map.of("event", "news", "args", List.of("while down")));
        assertThat(cluster.j2.awaitEvent("news", WAIT).toString()).isEqualTo("[\"while down\"]");
        long start = System.nanoTime();
        JsonNode fetch = cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0);
        assertThat(fetch.path("ok").asBoolean()).as(fetch.toString()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        cluster.n1.emitWithAck("cast", WAIT, Map.of("event", "meanwhile", "args", List.of("from node")));
        cluster.n2.awaitEvent("meanwhile", WAIT);

        proxy.start();

        String meanwhile = StreamsMixedClusterBroadcastTest.withoutOffset(cluster.j1.awaitEvent("meanwhile",
                Duration.ofSeconds(40))).get(0).asString();
        assertThat(meanwhile).isEqualTo("from node");
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
            cluster.j1.emitWithAck("cast", WAIT, Map.of("event", "back", "args", List.of("from java")));
            return !cluster.n1.received("back").isEmpty();
        });
        cluster.n1.emitWithAck("cast", WAIT, Map.of("event", "back2", "args", List.of("from node")));
        cluster.j1.awaitEvent("back2", WAIT);
        assertThat(cluster.n2.received("news")).isEmpty();
    }
}
