package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.redis.internal.ClusterMessageCodec;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@link MixedClusterBroadcastTest}'s broadcasts across a mixed cluster on the sharded pub/sub adapters (a
 * Socketeer node with {@link RedisShardedAdapterFactory}, a Node node with {@code @socket.io/redis-adapter}
 * 8.3's {@code createShardedAdapter}, subscription mode {@code dynamic}), with this adapter's own wire and
 * server count in place of the classic adapter's.
 */
class ShardedMixedClusterBroadcastTest extends MixedClusterBroadcastTest {

    /** Room to the languages whose nodes have a member there (a node subscribes its channel once). */
    private final Map<String, Set<String>> roomNodes = new HashMap<>();
    private RedisClient probe;

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        cluster.kind = MixedCluster.Kind.SHARDED;
    }

    @AfterEach
    void closeProbe() {
        if (probe != null) {
            probe.shutdown();
        }
    }

    /**
     * In the dynamic subscription mode a node subscribes a room's channel when the room appears, and the join
     * returns before that subscription is in place, in Node as here: a broadcast from another node at that
     * moment misses the room's new members. Wait for it, as the tests mean to broadcast to a room joined before.
     */
    @Override
    void afterJoin(NodeClient client, String room) {
        Set<String> nodes = roomNodes.computeIfAbsent(room, r -> new HashSet<>());
        nodes.add(client == cluster.j1 || client == cluster.j2 ? "java" : "node");
        if (probe == null) {
            probe = RedisClient.create(Service.REDIS.url());
        }
        String channel = cluster.key + "#/#" + room + "#";
        try (var connection = probe.connect()) {
            await().atMost(WAIT).until(() ->
                    connection.sync().pubsubShardNumsub(channel).getOrDefault(channel, 0L) >= nodes.size());
        }
    }

    /**
     * A one-room broadcast with binary goes to the room's channel as MessagePack, one to all without binary
     * to the namespace's channel as JSON: the same bytes from both nodes but for the uid.
     */
    @Override
    @Test
    void bothNodesPublishTheSameBytesOnTheSameChannelForTheSameBroadcast() throws Exception {
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");
        String channel = cluster.key + "#/#";
        BlockingQueue<String[]> published = new LinkedBlockingQueue<>();
        RedisClient spyClient = RedisClient.create(Service.REDIS.url());
        try (StatefulRedisPubSubConnection<String, byte[]> spy = spyClient.connectPubSub(RedisStreamsAdapterFactory.CODEC)) {
            spy.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void smessage(String from, byte[] message) {
                    published.add(new String[] {from, withoutUid(message)});
                }
            });
            spy.sync().ssubscribe(channel, channel + "r#");
            Map<String, Object> inRoom = Map.of("to", List.of("r"), "except", List.of("x"), "volatile", true, "event", "wire",
                    "args", List.of("s", 1.5, -3, Map.of("bin", new byte[] {9, 8}, "nil", NodeDriver.toJson(null))));
            Map<String, Object> toAll = Map.of("event", "plain", "args", List.of("s", 1.5, -3, List.of(true, "é")));

            for (Map<String, Object> cmd : List.of(inRoom, toAll)) {
                cluster.n1.emitWithAck("cast", WAIT, cmd);
                String[] fromNode = published.poll(10, TimeUnit.SECONDS);
                cluster.j1.emitWithAck("cast", WAIT, cmd);
                String[] fromJava = published.poll(10, TimeUnit.SECONDS);

                assertThat(fromNode).isNotNull();
                assertThat(fromJava).isNotNull();
                assertThat(fromNode[0]).isEqualTo(cmd == inRoom ? channel + "r#" : channel);
                assertThat(fromJava[0]).isEqualTo(fromNode[0]);
                assertThat(fromJava[1]).isEqualTo(fromNode[1]);
            }
        } finally {
            spyClient.shutdown();
        }
    }

    /** The message's hex (MessagePack) or text (JSON) without its uid. */
    private static String withoutUid(byte[] message) {
        String uid = ClusterMessageCodec.fromJsonOrMsgpack(message).uid();
        if (message[0] == '{') {
            return new String(message, StandardCharsets.UTF_8).replace(uid, "");
        }
        return HexFormat.of().formatHex(message).replace(HexFormat.of().formatHex(uid.getBytes(StandardCharsets.UTF_8)), "");
    }

    @Override
    @Test
    void theServerCountIsTheNumberOfSubscribersOfTheRequestChannelAsNodeCountsIt() {
        RedisShardedAdapter adapter = (RedisShardedAdapter) cluster.java.sockets().adapter();
        assertThat(adapter.channel()).isEqualTo(cluster.key + "#/#");
        assertThat(adapter.serverCount().join()).isEqualTo(2);

        cluster.node.close();

        await().atMost(WAIT).until(() -> adapter.serverCount().join() == 1);
    }
}
