package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.Service;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;

/**
 * Broadcasts across a mixed cluster on Redis Streams: a Socketeer node with {@link RedisStreamsAdapterFactory}
 * and a Node {@code socket.io} 4.8 node with {@code @socket.io/redis-streams-adapter} 0.3.1
 * ({@code compat/redis-node.js} with {@code ADAPTER=redis-streams}), both with connection state recovery, on
 * a stream and channel prefix unique to the test. With recovery, every node appends the stream entry id to
 * the broadcasts it delivers, so each client's last argument is that id, the same on both nodes.
 */
class StreamsMixedClusterBroadcastTest extends MixedClusterTest {

    @Override
    Duration requestsTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        cluster.kind = MixedCluster.Kind.STREAMS;
    }

    private static void cast(NodeClient from, Map<String, ?> cmd) {
        from.emitWithAck("cast", WAIT, cmd);
    }

    /** The event's arguments without the offset, which must be a stream entry id. */
    static ArrayNode withoutOffset(ArrayNode args) {
        assertThat(args.get(args.size() - 1).asString()).as(args.toString()).matches("[0-9]+-[0-9]+");
        ArrayNode copy = args.deepCopy();
        copy.remove(copy.size() - 1);
        return copy;
    }

    private void awaitMarker(NodeClient from) {
        cast(from, Map.of("event", "marker", "args", List.of()));
        for (NodeClient client : cluster.all()) {
            client.awaitEvent("marker", WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aBroadcastReachesTheClientsOfBothNodesWithTheSameOffset(String origin) {
        List<Object> args = List.of("hello", Map.of("n", 1, "f", 1.5, "list", List.of(true, "x", -7, 300)));
        cast(cluster.sender(origin), Map.of("event", "news", "args", args));

        String offset = null;
        for (NodeClient client : cluster.all()) {
            ArrayNode received = client.awaitEvent("news", WAIT);
            assertThat(withoutOffset(received)).isEqualTo(NodeDriver.toJson(args));
            String last = received.get(received.size() - 1).asString();
            assertThat(offset == null || offset.equals(last)).as("offset %s vs %s", offset, last).isTrue();
            offset = last;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void roomsAndExceptSelectTheSameClientsOnBothNodes(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");
        cluster.n1.emitWithAck("join", WAIT, "x");
        cluster.j1.emitWithAck("join", WAIT, "x");

        cast(cluster.sender(origin), Map.of("to", List.of("r"), "event", "room", "args", List.of("to r")));
        cast(cluster.sender(origin), Map.of("except", List.of("x"), "event", "notx", "args", List.of("not x")));

        for (NodeClient client : List.of(cluster.j2, cluster.n2)) {
            assertThat(withoutOffset(client.awaitEvent("room", WAIT)).get(0).asString()).isEqualTo("to r");
            assertThat(withoutOffset(client.awaitEvent("notx", WAIT)).get(0).asString()).isEqualTo("not x");
        }
        awaitMarker(cluster.sender(origin));
        for (NodeClient client : List.of(cluster.j1, cluster.n1)) {
            assertThat(client.received("room")).isEmpty();
            assertThat(client.received("notx")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void binaryPayloadsCrossNodesAsBinary(String origin) {
        byte[] small = {1, 2, 3, (byte) 0xff};
        byte[] large = new byte[70_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        cast(cluster.sender(origin), Map.of("event", "bin", "args", List.of(small, Map.of("nested", large, "label", "x"))));

        for (NodeClient client : cluster.all()) {
            ArrayNode args = withoutOffset(client.awaitEvent("bin", WAIT));
            assertThat(NodeDriver.bytes(args.get(0))).isEqualTo(small);
            assertThat(NodeDriver.bytes(args.get(1).get("nested"))).isEqualTo(large);
            assertThat(args.get(1).get("label").asString()).isEqualTo("x");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aLocalBroadcastStaysOnItsNode(String origin) {
        cast(cluster.sender(origin), Map.of("local", true, "event", "here", "args", List.of("local")));

        List<NodeClient> same = origin.equals("java") ? List.of(cluster.j1, cluster.j2) : List.of(cluster.n1, cluster.n2);
        List<NodeClient> other = origin.equals("java") ? List.of(cluster.n1, cluster.n2) : List.of(cluster.j1, cluster.j2);
        for (NodeClient client : same) {
            assertThat(client.awaitEvent("here", WAIT).get(0).asString()).isEqualTo("local");
        }
        awaitMarker(cluster.sender(origin));
        for (NodeClient client : other) {
            assertThat(client.received("here")).isEmpty();
        }
    }

    @Test
    void bothNodesWriteTheSameStreamEntryForTheSameBroadcast() {
        byte[] bytes = {9, 8};
        Map<String, Object> plain = Map.of("event", "same", "args", List.of("a", Map.of("k", 1)));
        Map<String, Object> binary = Map.of("event", "same", "args", List.of("b", bytes));
        for (String origin : List.of("java", "node")) {
            cast(cluster.sender(origin), plain);
            cast(cluster.sender(origin), binary);
        }
        for (NodeClient client : cluster.all()) {
            client.awaitEvents("same", 4, WAIT);
        }

        RedisClient redis = RedisClient.create(Service.REDIS.url());
        try (StatefulRedisConnection<String, byte[]> connection = redis.connect(RedisStreamsAdapterFactory.CODEC)) {
            List<StreamMessage<String, byte[]>> entries = connection.sync().xrange(cluster.key, Range.create("-", "+"));
            List<Map<String, String>> broadcasts = entries.stream().map(e -> text(e.getBody()))
                    .filter(fields -> fields.get("type").equals("3")).toList();
            assertThat(broadcasts).hasSize(4);
            String javaUid = broadcasts.get(0).get("uid");
            String nodeUid = broadcasts.get(2).get("uid");
            assertThat(javaUid).isNotEqualTo(nodeUid).matches("[0-9a-f]{16}");
            assertThat(nodeUid).matches("[0-9a-f]{16}");
            for (int i = 0; i < 2; i++) {
                Map<String, String> fromJava = broadcasts.get(i);
                Map<String, String> fromNode = broadcasts.get(i + 2);
                assertThat(fromJava.keySet()).containsExactly("uid", "nsp", "type", "data");
                assertThat(fromNode.keySet()).containsExactly("uid", "nsp", "type", "data");
                assertThat(fromJava.get("nsp")).isEqualTo("/").isEqualTo(fromNode.get("nsp"));
                assertThat(fromJava.get("data")).isEqualTo(fromNode.get("data"));
            }
            // the plain one is JSON, the binary one base64 MessagePack, as Node writes them
            assertThat(broadcasts.get(0).get("data"))
                    .isEqualTo("{\"packet\":{\"type\":2,\"data\":[\"same\",\"a\",{\"k\":1}]},"
                            + "\"opts\":{\"rooms\":[],\"except\":[],\"flags\":{}}}");
            assertThat(broadcasts.get(1).get("data")).doesNotStartWith("{");
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void garbageInTheStreamAndOnTheChannelsIsDroppedAndLaterBroadcastsStillArrive() {
        RedisClient redis = RedisClient.create(Service.REDIS.url());
        try (StatefulRedisConnection<String, byte[]> connection = redis.connect(RedisStreamsAdapterFactory.CODEC)) {
            var sync = connection.sync();
            sync.xadd(cluster.key, Map.of("uid", bytes("x"), "nsp", bytes("/"), "type", bytes("3"), "data", bytes("{not json")));
            sync.xadd(cluster.key, Map.of("uid", bytes("x"), "nsp", bytes("/"), "type", bytes("3"), "data", bytes("!!notbase64")));
            sync.xadd(cluster.key, Map.of("uid", bytes("x"), "nsp", bytes("/"), "type", bytes("99")));
            sync.xadd(cluster.key, Map.of("nothing", bytes("here")));
            sync.publish(cluster.key + "#/#", new byte[] {(byte) 0xc1});
            sync.publish(cluster.key + "#/#", new byte[] {(byte) 0xa3, 'a', 'b', 'c'});
        } finally {
            redis.shutdown();
        }

        for (String origin : List.of("java", "node")) {
            cast(cluster.sender(origin), Map.of("event", "after", "args", List.of(origin)));
        }
        for (NodeClient client : cluster.all()) {
            assertThat(client.awaitEvents("after", 2, WAIT)).hasSize(2);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> text(Map<String, byte[]> fields) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
