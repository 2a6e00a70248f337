package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.FetchSocketsTimeoutException;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The requests of the cluster protocol across a mixed Redis Streams cluster (see
 * {@link StreamsMixedClusterBroadcastTest}), in both directions: {@code fetchSockets}, {@code socketsJoin},
 * {@code socketsLeave}, {@code disconnectSockets}, {@code serverSideEmit} with and without acknowledgements,
 * and broadcasts with acknowledgements counting the clients of both nodes.
 */
class StreamsMixedClusterRequestsTest extends MixedClusterTest {
    private static final Duration REQUESTS_TIMEOUT = Duration.ofMillis(1500);

    @Override
    Duration requestsTimeout() {
        return REQUESTS_TIMEOUT;
    }

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        cluster.kind = MixedCluster.Kind.STREAMS;
    }

    private static String id(NodeClient client) {
        return client.emitWithAck("whoami", WAIT).get(0).path("id").asString();
    }

    private static List<String> rooms(NodeClient client) {
        List<String> rooms = new ArrayList<>();
        client.emitWithAck("whoami", WAIT).get(0).path("rooms").forEach(r -> rooms.add(r.asString()));
        return rooms;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void fetchSocketsFindsTheSocketsOfBothNodesWithTheirRoomsDataAndHandshake(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");
        cluster.j2.emitWithAck("setData", WAIT, Map.of("key", "user", "value", Map.of("name", "jay")));
        cluster.n2.emitWithAck("setData", WAIT, Map.of("key", "user", "value", Map.of("name", "nina")));

        JsonNode all = cluster.sender(origin).emitWithAck("fetch", WAIT, Map.of()).get(0);
        JsonNode inRoom = cluster.sender(origin).emitWithAck("fetch", WAIT, Map.of("in", List.of("r"))).get(0);

        assertThat(all.path("ok").asBoolean()).as(all.toString()).isTrue();
        List<String> ids = new ArrayList<>();
        all.path("sockets").forEach(s -> ids.add(s.path("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder(id(cluster.j1), id(cluster.j2), id(cluster.n1), id(cluster.n2));
        assertThat(inRoom.path("sockets")).hasSize(2);
        for (JsonNode socket : inRoom.path("sockets")) {
            String expectedName = socket.path("id").asString().equals(id(cluster.j2)) ? "jay" : "nina";
            assertThat(socket.path("data").path("user").path("name").asString()).isEqualTo(expectedName);
            assertThat(socket.path("rooms").toString()).contains("\"r\"").contains(socket.path("id").asString());
            assertThat(socket.path("query").path("EIO").asString()).isEqualTo("4");
            assertThat(socket.path("address").asString()).contains("127.0.0.1");
        }
    }

    @Test
    void aNodeThatDoesNotAnswerIsLeftOutOfFetchSocketsAfterTheTimeout() {
        RedisClient redis = RedisClient.create(Service.REDIS.url());
        // a third "node", as one killed mid-request would look: counted (subscribed), never answering
        try (StatefulRedisPubSubConnection<String, byte[]> mute = redis.connectPubSub(RedisStreamsAdapterFactory.CODEC)) {
            subscribe(mute, cluster.key + "#/#");
            await().atMost(WAIT).until(() -> cluster.java.sockets().adapter().serverCount().join() == 3);

            long start = System.nanoTime();
            JsonNode fromJava = cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0);

            // both reject with Node's ClusterAdapter message (Node after its fixed 5 s timeout)
            assertThat(fromJava.path("ok").asBoolean()).as(fromJava.toString()).isFalse();
            assertThat(fromJava.path("error").asString()).isEqualTo("timeout reached: only 1 responses received out of 2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(REQUESTS_TIMEOUT);
            JsonNode fromNode = cluster.n1.emitWithAck("fetch", WAIT, Map.of()).get(0);
            assertThat(fromNode.path("ok").asBoolean()).as(fromNode.toString()).isFalse();
            assertThat(fromNode.path("error").asString()).isEqualTo("timeout reached: only 1 responses received out of 2");
            // the Java caller still has the sockets that arrived: its own two and the Node node's two
            List<RemoteSocket> arrived = cluster.java.sockets().fetchSockets().handle((sockets, error) -> {
                Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                return cause instanceof FetchSocketsTimeoutException t ? t.sockets() : List.<RemoteSocket>of();
            }).join();
            assertThat(arrived).hasSize(4);
        } finally {
            redis.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aFetchedSocketOfTheOtherNodeCanBeEmittedTo(String origin) {
        NodeClient target = origin.equals("java") ? cluster.n2 : cluster.j2;

        JsonNode found = cluster.sender(origin).emitWithAck("remoteEmit", WAIT,
                Map.of("id", id(target), "event", "direct", "args", List.of("just you"))).get(0);

        assertThat(found.asBoolean()).isTrue();
        assertThat(target.awaitEvent("direct", WAIT).get(0).asString()).isEqualTo("just you");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void socketsJoinAndSocketsLeaveActOnTheSocketsOfBothNodes(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "a");
        cluster.n2.emitWithAck("join", WAIT, "a");

        cluster.sender(origin).emitWithAck("sjoin", WAIT, Map.of("in", List.of("a"), "rooms", List.of("b", "c")));

        for (NodeClient client : List.of(cluster.j2, cluster.n2)) {
            await().atMost(WAIT).until(() -> rooms(client).containsAll(List.of("a", "b", "c")));
        }
        assertThat(rooms(cluster.j1)).doesNotContain("b", "c");
        assertThat(rooms(cluster.n1)).doesNotContain("b", "c");

        cluster.sender(origin).emitWithAck("sleave", WAIT, Map.of("in", List.of("a"), "rooms", List.of("b")));

        for (NodeClient client : List.of(cluster.j2, cluster.n2)) {
            await().atMost(WAIT).until(() -> !rooms(client).contains("b"));
            assertThat(rooms(client)).contains("a", "c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void disconnectSocketsDisconnectsTheSelectedSocketsOfBothNodes(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "gone");
        cluster.n2.emitWithAck("join", WAIT, "gone");

        cluster.sender(origin).emitWithAck("sdisconnect", WAIT, Map.of("in", List.of("gone"), "close", false));

        assertThat(cluster.j2.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        assertThat(cluster.n2.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        assertThat(cluster.j1.state().connected()).isTrue();
        assertThat(cluster.n1.state().connected()).isTrue();
    }

    @Test
    void serverSideEmitsReachTheOtherNodesListenersBothWays() {
        cluster.j1.emitWithAck("sse", WAIT, Map.of("event", "note", "args", List.of("from java")));
        for (NodeClient client : List.of(cluster.n1, cluster.n2)) {
            JsonNode noted = client.awaitEvent("noted", WAIT).get(0);
            assertThat(noted.toString()).isEqualTo("{\"by\":\"node\",\"arg\":\"from java\"}");
        }
        cluster.n1.emitWithAck("sse", WAIT, Map.of("event", "note", "args", List.of(Map.of("x", 1))));
        for (NodeClient client : List.of(cluster.j1, cluster.j2)) {
            JsonNode noted = client.awaitEvent("noted", WAIT).get(0);
            assertThat(noted.path("by").asString()).isEqualTo("java");
            assertThat(noted.path("arg").path("x").asInt()).isEqualTo(1);
        }
        // neither ran its own listener; a local broadcast carries no offset
        assertThat(cluster.j1.received("noted").get(0)).hasSize(1);
        assertThat(cluster.j1.received("noted")).hasSize(1);
        assertThat(cluster.n1.received("noted")).hasSize(1);
    }

    @Test
    void bothNodesPublishTheSameMessagePackForTheSameServerSideEmit() throws Exception {
        RedisClient redis = RedisClient.create(Service.REDIS.url());
        BlockingQueue<byte[]> published = new LinkedBlockingQueue<>();
        try (StatefulRedisPubSubConnection<String, byte[]> sub = redis.connectPubSub(RedisStreamsAdapterFactory.CODEC)) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    published.add(message);
                }

                @Override
                public void smessage(String channel, byte[] message) {
                    published.add(message);
                }
            });
            subscribe(sub, cluster.key + "#/#");
            List<Object> args = List.of("x", Map.of("n", 1), List.of(true, 2.5, -300));
            cluster.j1.emitWithAck("sse", WAIT, Map.of("event", "quiet", "args", args));
            byte[] fromJava = published.poll(10, TimeUnit.SECONDS);
            cluster.n1.emitWithAck("sse", WAIT, Map.of("event", "quiet", "args", args));
            byte[] fromNode = published.poll(10, TimeUnit.SECONDS);

            assertThat(fromJava).isNotNull();
            assertThat(fromNode).isNotNull();
            // {type: 9, data: {packet: [...]}, uid: <16 hex digits>, nsp: "/"}: equal but for the uid
            String javaHex = HexFormat.of().formatHex(fromJava);
            String nodeHex = HexFormat.of().formatHex(fromNode);
            String javaUid = HexFormat.of().formatHex(uid(fromJava).getBytes(StandardCharsets.UTF_8));
            String nodeUid = HexFormat.of().formatHex(uid(fromNode).getBytes(StandardCharsets.UTF_8));
            assertThat(javaHex.replace(javaUid, "")).isEqualTo(nodeHex.replace(nodeUid, ""));
            if (cluster.kind == MixedCluster.Kind.SHARDED) {
                // the sharded adapter publishes what holds no binary as JSON text
                assertThat(new String(fromJava, StandardCharsets.UTF_8)).startsWith("{\"type\":9,\"data\":{\"packet\":[\"quiet\",");
            } else {
                assertThat(javaHex).startsWith("84a474797065"); // a map of 4, "type" first
            }
        } finally {
            redis.shutdown();
        }
    }

    /** Subscribes as the nodes do: sharded or not. */
    private void subscribe(StatefulRedisPubSubConnection<String, byte[]> connection, String channel) {
        if (cluster.shardedPubSub || cluster.kind == MixedCluster.Kind.SHARDED) {
            connection.sync().ssubscribe(channel);
        } else {
            connection.sync().subscribe(channel);
        }
    }

    private static String uid(byte[] message) {
        return dev.socketeer.redis.internal.ClusterMessageCodec.fromJsonOrMsgpack(message).uid();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void serverSideEmitWithAckCollectsTheOtherNodesAnswer(String origin) {
        JsonNode result = cluster.sender(origin).emitWithAck("sse", WAIT,
                Map.of("event", "ping", "args", List.of("p"), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        String other = origin.equals("java") ? "node" : "java";
        assertThat(result.path("responses")).hasSize(1);
        assertThat(result.path("responses").get(0).path("from").asString()).isEqualTo(other);
        assertThat(result.path("responses").get(0).path("got").asString()).isEqualTo("p");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void serverSideEmitWithAckTimesOutWhenTheOtherNodeDoesNotAnswer(String origin) {
        JsonNode result = cluster.sender(origin).emitWithAck("sse", WAIT,
                Map.of("event", "silent", "args", List.of(), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("error").asString()).isEqualTo(origin.equals("java") ? AckTimeoutException.MESSAGE
                : "timeout reached: only 0 responses received out of 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aBroadcastWithAcksCountsAndCollectsTheClientsOfBothNodes(String origin) {
        cluster.j1.ackReply("q", "j1");
        cluster.j2.ackReply("q", new byte[] {1, 2, 3});
        cluster.n1.ackReply("q", "n1");
        cluster.n2.ackReply("q", "n2");

        JsonNode result = cluster.sender(origin).emitWithAck("castAck", WAIT,
                Map.of("event", "q", "args", List.of("?"), "timeout", 5000)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        List<String> answers = new ArrayList<>();
        result.path("responses").forEach(value -> answers.add(NodeDriver.isBinary(value)
                ? "bin:" + NodeDriver.bytes(value).length : value.asString()));
        assertThat(answers).containsExactlyInAnyOrder("j1", "bin:3", "n1", "n2");
    }
}
