package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Redis dies (SIGKILL) and comes back on the same port under a mixed cluster on the sharded adapters (a
 * {@code redis-server} of the test's own): Lettuce reconnects and subscribes the sharded channels again, the
 * namespace's, the answer channel and the rooms' (subscription mode {@code dynamic}), with nothing restarted.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class ShardedRedisRestartTest {
    private static final Duration WAIT = MixedCluster.WAIT;

    private NodeDriver driver;
    private RedisServerProcess redis;
    private MixedCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theRoomsChannelsAreSubscribedAgainWhenRedisIsBack() {
        Assumptions.assumeTrue(RedisServerProcess.installed(), "redis-server is not on the PATH");
        redis = new RedisServerProcess().start();
        driver = new NodeDriver();
        cluster = new MixedCluster();
        cluster.kind = MixedCluster.Kind.SHARDED;
        cluster.javaRedisUrl = redis.url();
        cluster.nodeRedisUrl = redis.url();
        cluster.start(driver, Duration.ofSeconds(2), io -> { });
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");

        redis.kill();
        await().atMost(WAIT).until(() -> !cluster.redisSharded.connected());
        JsonNode fetch = cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0);
        assertThat(fetch.path("ok").asBoolean()).as(fetch.toString()).isFalse();
        redis.start();
        await().atMost(Duration.ofSeconds(40)).until(() -> cluster.redisSharded.connected());

        var adapter = cluster.java.sockets().adapter();
        // both clients resubscribe after their own reconnect delays (Lettuce's grows): give them time on a busy machine
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(adapter.serverCount().join())
                .as("shard channels: %s", cluster.redisSharded.commands().sync().pubsubShardChannels()).isEqualTo(2));
        // the room's channel on the Java node (a one-room broadcast goes there), then the namespace's
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            cluster.n1.emitWithAck("cast", WAIT, Map.of("to", List.of("r"), "event", "inRoom", "args", List.of("back")));
            return !cluster.j2.received("inRoom").isEmpty();
        });
        cluster.n1.emitWithAck("cast", WAIT, Map.of("event", "toAll", "args", List.of("back")));
        for (NodeClient client : List.of(cluster.j1, cluster.j2)) {
            assertThat(client.awaitEvent("toAll", WAIT).get(0).asString()).isEqualTo("back");
        }
        for (NodeClient sender : List.of(cluster.j1, cluster.n1)) {
            JsonNode again = sender.emitWithAck("fetch", WAIT, Map.of()).get(0);
            assertThat(again.path("ok").asBoolean()).as(again.toString()).isTrue();
            assertThat(again.path("sockets")).hasSize(4);
        }
    }
}
