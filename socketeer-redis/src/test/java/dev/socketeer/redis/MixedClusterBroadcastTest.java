package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ArrayNode;

/**
 * Broadcasts across a mixed cluster on the real Redis: one Socketeer node with {@link RedisAdapterFactory}
 * and one Node {@code socket.io} 4.8 node with {@code @socket.io/redis-adapter} 8.3 ({@code compat/redis-node.js}),
 * a unique channel prefix per test, and two official {@code socket.io-client}s on each node ({@code j1},
 * {@code j2} on Java, {@code n1}, {@code n2} on Node). Each test runs with the broadcast started on
 * either node ({@code origin}); both nodes implement the same {@code join} / {@code cast} contract. What
 * a client must not get is checked after a later {@code marker} broadcast from the same node reached it
 * (pub/sub keeps one publisher's order).
 */
class MixedClusterBroadcastTest extends MixedClusterTest {
    private RedisAdapterFactory redis;
    private NodeClient j1;
    private NodeClient j2;
    private NodeClient n1;
    private NodeClient n2;

    @Override
    Duration requestsTimeout() {
        return RedisAdapterFactory.DEFAULT_REQUESTS_TIMEOUT;
    }

    @BeforeEach
    void names() {
        redis = cluster.redis;
        j1 = cluster.j1;
        j2 = cluster.j2;
        n1 = cluster.n1;
        n2 = cluster.n2;
    }

    private NodeClient sender(String origin) {
        return cluster.sender(origin);
    }

    private static void cast(NodeClient from, Map<String, ?> cmd) {
        from.emitWithAck("cast", WAIT, cmd);
    }

    private void join(NodeClient client, String room) {
        client.emitWithAck("join", WAIT, room);
        afterJoin(client, room);
    }

    /** Waits for what a join sets up beyond its own node, if the adapter does more (nothing here). */
    void afterJoin(NodeClient client, String room) {
    }

    /** Broadcasts {@code marker} to everyone from the sender's node and waits until all four have it. */
    private void awaitMarker(NodeClient from) {
        cast(from, Map.of("event", "marker", "args", List.of()));
        for (NodeClient client : List.of(j1, j2, n1, n2)) {
            client.awaitEvent("marker", WAIT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aBroadcastToAllReachesTheClientsOfBothNodes(String origin) {
        List<Object> args = List.of("hello", Map.of("n", 1, "f", 1.5, "list", List.of(true, "x", -7, 300)));
        cast(sender(origin), Map.of("event", "news", "args", args));

        for (NodeClient client : List.of(j1, j2, n1, n2)) {
            assertThat(client.awaitEvent("news", WAIT)).isEqualTo(NodeDriver.toJson(args));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aBroadcastToARoomReachesItsMembersOnBothNodesOnly(String origin) {
        join(j2, "r");
        join(n2, "r");

        cast(sender(origin), Map.of("to", List.of("r"), "event", "room", "args", List.of("to r")));

        assertThat(j2.awaitEvent("room", WAIT).get(0).asString()).isEqualTo("to r");
        assertThat(n2.awaitEvent("room", WAIT).get(0).asString()).isEqualTo("to r");
        awaitMarker(sender(origin));
        assertThat(j1.received("room")).isEmpty();
        assertThat(n1.received("room")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aBroadcastToSeveralRoomsReachesEachMemberOnce(String origin) {
        join(j1, "a");
        join(j1, "b");
        join(n1, "a");
        join(n1, "b");
        join(n2, "b");

        cast(sender(origin), Map.of("to", List.of("a", "b"), "event", "rooms", "args", List.of(1)));

        awaitMarker(sender(origin));
        assertThat(j1.received("rooms")).hasSize(1);
        assertThat(n1.received("rooms")).hasSize(1);
        assertThat(n2.received("rooms")).hasSize(1);
        assertThat(j2.received("rooms")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void exceptLeavesOutTheMembersOfTheExcludedRoomsOnBothNodes(String origin) {
        join(j1, "x");
        join(n1, "x");
        join(j2, "r");
        join(n2, "r");
        join(n2, "x");

        cast(sender(origin), Map.of("except", List.of("x"), "event", "news", "args", List.of("not x")));
        cast(sender(origin), Map.of("to", List.of("r"), "except", List.of("x"), "event", "rnews", "args", List.of("r not x")));

        assertThat(j2.awaitEvent("news", WAIT).get(0).asString()).isEqualTo("not x");
        assertThat(j2.awaitEvent("rnews", WAIT).get(0).asString()).isEqualTo("r not x");
        awaitMarker(sender(origin));
        assertThat(j1.received("news")).isEmpty();
        assertThat(n1.received("news")).isEmpty();
        assertThat(n2.received("news")).isEmpty();
        assertThat(n2.received("rnews")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aLocalBroadcastStaysOnItsNode(String origin) {
        cast(sender(origin), Map.of("local", true, "event", "here", "args", List.of("local")));

        List<NodeClient> same = origin.equals("java") ? List.of(j1, j2) : List.of(n1, n2);
        List<NodeClient> other = origin.equals("java") ? List.of(n1, n2) : List.of(j1, j2);
        for (NodeClient client : same) {
            assertThat(client.awaitEvent("here", WAIT).get(0).asString()).isEqualTo("local");
        }
        awaitMarker(sender(origin));
        for (NodeClient client : other) {
            assertThat(client.received("here")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aVolatileBroadcastReachesWritableClientsOfBothNodes(String origin) {
        cast(sender(origin), Map.of("volatile", true, "event", "tick", "args", List.of(42)));

        for (NodeClient client : List.of(j1, j2, n1, n2)) {
            assertThat(client.awaitEvent("tick", WAIT).get(0).asInt()).isEqualTo(42);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void binaryPayloadsCrossNodesAsBinary(String origin) {
        byte[] small = {1, 2, 3, (byte) 0xff};
        byte[] large = new byte[70_000]; // bin 32 on the wire
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        cast(sender(origin), Map.of("event", "bin", "args", List.of(small, Map.of("nested", large, "label", "x"))));

        for (NodeClient client : List.of(j1, j2, n1, n2)) {
            ArrayNode args = client.awaitEvent("bin", WAIT);
            assertThat(NodeDriver.bytes(args.get(0))).isEqualTo(small);
            assertThat(NodeDriver.bytes(args.get(1).get("nested"))).isEqualTo(large);
            assertThat(args.get(1).get("label").asString()).isEqualTo("x");
        }
    }

    @org.junit.jupiter.api.Test
    void bothNodesPublishTheSameBytesOnTheSameChannelForTheSameBroadcast() throws Exception {
        join(j2, "r");
        join(n2, "r");
        BlockingQueue<String[]> published = new LinkedBlockingQueue<>();
        RedisClient spyClient = RedisClient.create(Service.REDIS.url());
        try (StatefulRedisPubSubConnection<byte[], byte[]> spy = spyClient.connectPubSub(ByteArrayCodec.INSTANCE)) {
            spy.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    published.add(new String[] {new String(channel, StandardCharsets.UTF_8), HexFormat.of().formatHex(message)});
                }
            });
            spy.sync().psubscribe((redis.key() + "#/#*").getBytes(StandardCharsets.UTF_8));
            Map<String, Object> cmd = Map.of("to", List.of("r"), "except", List.of("x"), "volatile", true, "event", "wire",
                    "args", List.of("s", 1.5, -3, Map.of("bin", new byte[] {9, 8}, "nil", NodeDriver.toJson(null))));

            cast(n1, cmd);
            String[] fromNode = published.poll(10, TimeUnit.SECONDS);
            cast(j1, cmd);
            String[] fromJava = published.poll(10, TimeUnit.SECONDS);

            assertThat(fromNode).isNotNull();
            assertThat(fromJava).isNotNull();
            assertThat(fromNode[0]).isEqualTo(redis.key() + "#/#r#");
            assertThat(fromJava[0]).isEqualTo(fromNode[0]);
            // [uid, packet, opts]: 0x93, then the six-character uid as fixstr (0xa6 + 6 bytes), then the rest
            assertThat(fromNode[1]).startsWith("93a6");
            assertThat(fromJava[1]).startsWith("93a6");
            assertThat(fromJava[1].substring(16)).isEqualTo(fromNode[1].substring(16));
        } finally {
            spyClient.shutdown();
        }
    }

    @org.junit.jupiter.api.Test
    void theServerCountIsTheNumberOfSubscribersOfTheRequestChannelAsNodeCountsIt() {
        RedisAdapter adapter = (RedisAdapter) cluster.java.sockets().adapter();
        assertThat(adapter.requestChannel()).isEqualTo(redis.key() + "-request#/#");
        assertThat(adapter.serverCount().join()).isEqualTo(2);

        cluster.node.close();

        await().atMost(WAIT).until(() -> adapter.serverCount().join() == 1);
    }

    @org.junit.jupiter.api.Test
    void javaClientsGetDatesUndefinedAndTypedArraysFromANodeBroadcastAsNodeClientsDo() {
        cast(n1, Map.of("event", "special", "args", List.of("s"), "special", true));

        ArrayNode fromNode = n2.awaitEvent("special", WAIT);
        ArrayNode fromJava = j2.awaitEvent("special", WAIT);
        assertThat(fromNode.get(1).asString()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(fromNode.get(2).toString()).isEqualTo("{\"k\":1}");
        assertThat(fromNode.get(3).toString()).isEqualTo("[null]");
        assertThat(NodeDriver.bytes(fromNode.get(4))).isEqualTo(new byte[] {7, 8});
        assertThat(fromJava).isEqualTo(fromNode);
    }
}
