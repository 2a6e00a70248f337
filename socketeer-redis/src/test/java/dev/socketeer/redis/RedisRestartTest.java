package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Redis itself dies (SIGKILL) and comes back on the same port while broadcasts flow, under a
 * {@link MixedCluster} of one Java and one Node node that both use it (a {@code redis-server} of the test's
 * own, {@link RedisServerProcess}; {@link RedisOutageTest} cuts only the Java node's connections, Redis
 * staying up). Local delivery never stops; cluster requests fail fast while Redis is away; once it is back
 * both adapters have reconnected and resubscribed by themselves, with nothing restarted.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class RedisRestartTest {
    private static final Duration WAIT = MixedCluster.WAIT;
    private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(5);

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private NodeDriver driver;
    private RedisServerProcess redis;
    private MixedCluster cluster;

    @AfterEach
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
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
    void localDeliveryNeverStopsRequestsFailFastAndTheClusterHealsWhenRedisIsRestarted() {
        Assumptions.assumeTrue(RedisServerProcess.installed(), "redis-server is not on the PATH");
        redis = new RedisServerProcess().start();
        driver = new NodeDriver();
        cluster = new MixedCluster();
        cluster.javaRedisUrl = redis.url();
        cluster.nodeRedisUrl = redis.url();
        cluster.start(driver, REQUESTS_TIMEOUT, io -> { });
        RedisAdapter adapter = cluster.adapter(0);

        // the Java node broadcasts "tick" 0, 1, 2, ... every 20 ms from now on
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> cluster.java.sockets().emit("tick", next.getAndIncrement()), 0, 20, TimeUnit.MILLISECONDS);
        await().atMost(WAIT).until(() -> cluster.n2.received("tick").size() >= 5);

        try (LogCapture log = LogCapture.start()) {
            redis.kill();
            int atKill = next.get();
            await().atMost(WAIT).until(() -> !cluster.redis.connected());

            // local delivery goes on, on both nodes
            await().atMost(WAIT).until(() -> lastTick(cluster.j2) >= atKill + 25);
            cluster.n1.emitWithAck("cast", WAIT, Map.of("event", "nodeLocal", "args", List.of("while down")));
            assertThat(cluster.n2.awaitEvent("nodeLocal", WAIT).get(0).asString()).isEqualTo("while down");
            // ~25 failed publishes, one warning
            assertThat(log.count("publishing a broadcast", "failed")).isEqualTo(1);

            // cluster requests fail at once, with Lettuce's reason, instead of waiting for the timeout
            for (String request : List.of("fetch", "allRooms")) {
                long start = System.nanoTime();
                JsonNode result = cluster.j1.emitWithAck(request, WAIT, Map.of()).get(0);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(request).isLessThan(Duration.ofSeconds(1));
                assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
                assertThat(result.path("error").asString()).as(request).contains("not connected");
            }
            long start = System.nanoTime();
            JsonNode sse = cluster.j1.emitWithAck("sse", WAIT, Map.of("event", "ping", "args", List.of(), "withAck", true)).get(0);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(sse.path("ok").asBoolean()).as(sse.toString()).isFalse();
            assertThat(sse.path("error").asString()).contains("not connected");

            // a broadcast with acknowledgements cannot know the server count: like Node's, it gets the local
            // clients' acknowledgements, then its own timeout
            cluster.j1.ackReply("q", "j1");
            cluster.j2.ackReply("q", "j2");
            JsonNode acks = cluster.j1.emitWithAck("castAck", WAIT, Map.of("event", "q", "args", List.of(), "timeout", 1000)).get(0);
            assertThat(acks.path("ok").asBoolean()).as(acks.toString()).isFalse();
            assertThat(acks.path("error").asString()).isEqualTo("operation has timed out");
            assertThat(acks.path("responses").toString()).contains("j1", "j2");
        }

        redis.start();
        // Lettuce retries with a growing delay (a few seconds at most after an outage this short)
        await().atMost(Duration.ofSeconds(40)).until(() -> cluster.redis.connected());
        int afterRestart = next.get();
        await().atMost(WAIT).until(() -> lastTick(cluster.n1) >= afterRestart);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            cluster.n1.emitWithAck("cast", WAIT, Map.of("event", "fromNode", "args", List.of("back")));
            return !cluster.j1.received("fromNode").isEmpty();
        });
        await().atMost(WAIT).until(() -> adapter.serverCount().join() == 2);
        for (var sender : List.of(cluster.j1, cluster.n1)) {
            JsonNode fetch = sender.emitWithAck("fetch", WAIT, Map.of()).get(0);
            assertThat(fetch.path("ok").asBoolean()).as(fetch.toString()).isTrue();
            assertThat(fetch.path("sockets")).hasSize(4);
        }

        // j2 got every tick, before, during and after the outage, in order
        int last = lastTick(cluster.j2);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            expected.add(i);
        }
        assertThat(ticks(cluster.j2)).isEqualTo(expected);
    }

    private static List<Integer> ticks(dev.socketeer.testkit.NodeClient client) {
        return client.received("tick").stream().map(args -> args.get(0).asInt()).toList();
    }

    private static int lastTick(dev.socketeer.testkit.NodeClient client) {
        List<Integer> ticks = ticks(client);
        return ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1);
    }
}
