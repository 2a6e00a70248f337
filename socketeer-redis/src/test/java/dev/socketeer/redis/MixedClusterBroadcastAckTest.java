package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Broadcasts with acknowledgements across a {@link MixedCluster}, started on either node: the emitter
 * collects the answer of every client of both nodes (one binary), counts only the selected ones, and on
 * timeout gets the answers that arrived.
 */
class MixedClusterBroadcastAckTest extends MixedClusterTest {
    @Override
    Duration requestsTimeout() {
        return Duration.ofSeconds(5);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(NodeDriver.isBinary(value) ? "bin:" + NodeDriver.bytes(value).length : value.asString()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void theAcknowledgementsOfTheClientsOfBothNodesAreCollected(String origin) {
        cluster.j1.ackReply("q", "j1");
        cluster.j2.ackReply("q", new byte[] {1, 2, 3});
        cluster.n1.ackReply("q", "n1");
        cluster.n2.ackReply("q", "n2");

        JsonNode result = cluster.sender(origin).emitWithAck("castAck", WAIT,
                Map.of("event", "q", "args", List.of("?"), "timeout", 5000)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(strings(result.path("responses"))).containsExactlyInAnyOrder("j1", "bin:3", "n1", "n2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void onlyTheSelectedClientsAreAskedAndCounted(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");
        for (var client : cluster.all()) {
            client.ackEcho("q");
        }

        JsonNode result = cluster.sender(origin).emitWithAck("castAck", WAIT,
                Map.of("to", List.of("r"), "event", "q", "args", List.of("r?"), "timeout", 5000)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(strings(result.path("responses"))).containsExactly("r?", "r?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aTimeoutReturnsTheAcknowledgementsThatArrived(String origin) {
        cluster.j1.ackReply("q", "j1");
        cluster.n1.ackReply("q", "n1");
        cluster.j2.ackNone("q");
        cluster.n2.ackNone("q");

        JsonNode result = cluster.sender(origin).emitWithAck("castAck", WAIT,
                Map.of("event", "q", "args", List.of(), "timeout", 1500)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("error").asString()).isEqualTo("operation has timed out");
        assertThat(strings(result.path("responses"))).containsExactlyInAnyOrder("j1", "n1");
    }
}
