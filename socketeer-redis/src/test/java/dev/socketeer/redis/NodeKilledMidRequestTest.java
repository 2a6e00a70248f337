package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.FetchSocketsTimeoutException;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A node dies (SIGKILL) while requests wait for it: a cluster of one Java node ({@code java0}) and two Node
 * nodes, of which {@code node1} holds back every answer it publishes ({@code RESPONSE_DELAY}) and is killed
 * once the requests reached it. A {@code fetchSockets} and a broadcast with acknowledgements are pending on
 * the Java node and on {@code node0} at that moment. Each requester completes by its timeout, on both
 * alike: a broadcast with Node's "operation has timed out" and the acknowledgements that arrived, a
 * {@code fetchSockets} with Node's "timeout reached while waiting for fetchSockets response" (Java's
 * {@link FetchSocketsTimeoutException} still holds the live nodes' sockets; Node's error has none).
 * Afterwards the dead node no longer counts.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class NodeKilledMidRequestTest {
    private static final Duration WAIT = MixedCluster.WAIT;
    private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);

    private NodeDriver driver;
    private MixedCluster cluster;
    private RedisClient spyClient;

    @AfterEach
    void stop() {
        if (spyClient != null) {
            spyClient.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void requestsPendingOnANodeThatDiesCompleteByTheirTimeoutWithWhatTheLiveNodesHad() {
        driver = new NodeDriver();
        cluster = new MixedCluster(1, 2).nodeEnv(1, Map.of("RESPONSE_DELAY", "60000"));
        cluster.start(driver, REQUESTS_TIMEOUT, io -> { });
        List<NodeClient> live = List.of(cluster.j1, cluster.j2, cluster.n1, cluster.n2);
        List<NodeClient> doomed = cluster.nodeClients(1);
        for (NodeClient client : cluster.all()) {
            client.ackReply("q", client == cluster.j1 ? "j1" : client == cluster.j2 ? "j2"
                    : client == cluster.n1 ? "n1" : client == cluster.n2 ? "n2" : "doomed");
        }
        List<String> liveIds = live.stream().map(c -> c.emitWithAck("whoami", WAIT).get(0).path("id").asString()).toList();
        // a pattern subscription sees the requests without counting as a node in PUBSUB NUMSUB
        AtomicInteger requestsSeen = new AtomicInteger();
        spyClient = RedisClient.create(Service.REDIS.url());
        var spy = spyClient.connectPubSub();
        spy.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, String message) {
                requestsSeen.incrementAndGet();
            }
        });
        spy.sync().psubscribe(cluster.key + "-request#/#");

        long start = System.nanoTime();
        CompletableFuture<List<RemoteSocket>> javaFetch = cluster.java.sockets().fetchSockets();
        CompletableFuture<Object[]> javaAcks = new CompletableFuture<>();
        cluster.java.sockets().timeout(ACK_TIMEOUT).emit("q", List.of(), (error, responses) -> javaAcks.complete(new Object[] {error, responses}));
        CompletableFuture<JsonNode> nodeFetch = CompletableFuture.supplyAsync(() -> cluster.n1.emitWithAck("fetch", WAIT, Map.of()).get(0));
        CompletableFuture<JsonNode> nodeAcks = CompletableFuture.supplyAsync(() -> cluster.n1.emitWithAck("castAck", WAIT,
                Map.of("event", "q", "args", List.of(), "timeout", ACK_TIMEOUT.toMillis())).get(0));
        // both fetches and both broadcasts were published, so node1 had them; its clients even got "q"
        await().atMost(WAIT).until(() -> requestsSeen.get() >= 4);
        for (NodeClient client : doomed) {
            await().atMost(WAIT).until(() -> client.received("q").size() == 2);
        }
        cluster.nodes.get(1).kill();

        Throwable error = javaFetch.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).handle((sockets, e) -> e).join();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(error).isInstanceOf(FetchSocketsTimeoutException.class)
                .hasMessage("timeout reached while waiting for fetchSockets response");
        assertThat(((FetchSocketsTimeoutException) error).sockets()).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrderElementsOf(liveIds);
        assertThat(took).isGreaterThanOrEqualTo(REQUESTS_TIMEOUT).isLessThan(REQUESTS_TIMEOUT.plusSeconds(2));

        Object[] acks = javaAcks.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        assertThat(acks[0]).isInstanceOf(AckTimeoutException.class);
        assertThat(texts((List<?>) acks[1])).containsExactlyInAnyOrder("j1", "j2", "n1", "n2");

        JsonNode fromNode = nodeFetch.join();
        assertThat(fromNode.path("ok").asBoolean()).as(fromNode.toString()).isFalse();
        assertThat(fromNode.path("error").asString()).isEqualTo("timeout reached while waiting for fetchSockets response");
        JsonNode nodeAck = nodeAcks.join();
        assertThat(nodeAck.path("ok").asBoolean()).as(nodeAck.toString()).isFalse();
        assertThat(nodeAck.path("error").asString()).isEqualTo(AckTimeoutException.MESSAGE);
        assertThat(texts(nodeAck.path("responses"))).containsExactlyInAnyOrder("j1", "j2", "n1", "n2");

        // Redis saw the connections of the dead node close: it no longer counts, and requests no longer wait
        await().atMost(WAIT).until(() -> cluster.adapter(0).serverCount().join() == 2);
        long again = System.nanoTime();
        assertThat(cluster.java.sockets().fetchSockets().join()).hasSize(4);
        assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(REQUESTS_TIMEOUT);
        JsonNode nodeAgain = cluster.n1.emitWithAck("fetch", WAIT, Map.of()).get(0);
        assertThat(nodeAgain.path("sockets")).as(nodeAgain.toString()).hasSize(4);
    }

    private static List<String> texts(Iterable<?> values) {
        List<String> out = new ArrayList<>();
        values.forEach(value -> out.add(((JsonNode) value).asString()));
        return out;
    }
}
