package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.testkit.NodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code serverSideEmit} across a {@link MixedCluster}, in both directions: without acknowledgement, with
 * one (each other node's listener answers once), and with a listener that never answers (the request
 * times out with what arrived). Both nodes' server-side listeners are the contract's ({@link RedisNodeContract}):
 * {@code note} re-emits {@code noted} to its local clients, {@code ping} answers, {@code silent} does not;
 * their clients drive them with {@code sse}.
 */
class MixedClusterServerSideEmitTest extends MixedClusterTest {
    private static final Duration REQUESTS_TIMEOUT = Duration.ofMillis(1500);

    @Override
    Duration requestsTimeout() {
        return REQUESTS_TIMEOUT;
    }

    @Test
    void aServerSideEmitFromJavaReachesTheNodeNodesListenersOnly() {
        cluster.j1.emitWithAck("sse", WAIT, Map.of("event", "note", "args", List.of("from java")));

        for (NodeClient client : List.of(cluster.n1, cluster.n2)) {
            assertThat(client.awaitEvent("noted", WAIT).get(0).toString()).isEqualTo("{\"by\":\"node\",\"arg\":\"from java\"}");
        }
        // not to itself: Java's own listener did not run (it would have emitted to j1 and j2)
        cluster.n1.emitWithAck("sse", WAIT, Map.of("event", "note", "args", List.of("from node")));
        assertThat(cluster.j1.awaitEvent("noted", WAIT).get(0).path("arg").asString()).isEqualTo("from node");
        assertThat(cluster.j1.received("noted")).hasSize(1);
        assertThat(cluster.n1.received("noted")).hasSize(1);
    }

    @Test
    void aServerSideEmitFromNodeReachesTheJavaNodesListeners() {
        cluster.n1.emitWithAck("sse", WAIT, Map.of("event", "note", "args", List.of(Map.of("x", 1))));

        for (NodeClient client : List.of(cluster.j1, cluster.j2)) {
            JsonNode noted = client.awaitEvent("noted", WAIT).get(0);
            assertThat(noted.path("by").asString()).isEqualTo("java");
            assertThat(noted.path("arg").path("x").asInt()).isEqualTo(1);
        }
    }

    @Test
    void javaCollectsTheAcknowledgementOfTheNodeNode() {
        JsonNode result = cluster.j1.emitWithAck("sse", WAIT,
                Map.of("event", "ping", "args", List.of("p1"), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("responses").toString()).isEqualTo("[{\"from\":\"node\",\"got\":\"p1\"}]");
    }

    @Test
    void nodeCollectsTheAcknowledgementOfTheJavaNode() {
        JsonNode result = cluster.n1.emitWithAck("sse", WAIT,
                Map.of("event", "ping", "args", List.of("p2"), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("responses")).hasSize(1);
        assertThat(result.path("responses").get(0).path("from").asString()).isEqualTo("java");
        assertThat(result.path("responses").get(0).path("got").asString()).isEqualTo("p2");
    }

    @Test
    void javaTimesOutWhenTheNodeNodeDoesNotAnswer() {
        long start = System.nanoTime();
        JsonNode result = cluster.j1.emitWithAck("sse", WAIT,
                Map.of("event", "silent", "args", List.of(), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("error").asString()).isEqualTo(AckTimeoutException.MESSAGE);
        assertThat(result.path("responses")).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(REQUESTS_TIMEOUT);
    }

    @Test
    void nodeTimesOutWhenTheJavaNodeDoesNotAnswer() {
        JsonNode result = cluster.n1.emitWithAck("sse", WAIT,
                Map.of("event", "silent", "args", List.of(), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("error").asString()).isEqualTo("timeout reached: only 0 responses received out of 1");
    }
}
