package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.redis.RedisShardedAdapterFactory.SubscriptionMode;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subscription modes of the sharded adapters across a mixed cluster (a Socketeer node with
 * {@link RedisShardedAdapterFactory}, a Node node with {@code @socket.io/redis-adapter} 8.3's
 * {@code createShardedAdapter}), each test's mode named in its method: which room channels the nodes
 * subscribe ({@code PUBSUB SHARDNUMSUB}) and where a one-room broadcast is published (seen by a spy
 * subscribed to the namespace's and the room's channels). Also garbage on the channels.
 */
class ShardedSubscriptionModesTest extends MixedClusterTest {
    private RedisClient spyClient;
    private StatefulRedisPubSubConnection<String, byte[]> spy;
    private final BlockingQueue<String> spied = new LinkedBlockingQueue<>();

    @Override
    Duration requestsTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        cluster.kind = MixedCluster.Kind.SHARDED;
        String name = test.getTestMethod().orElseThrow().getName();
        cluster.subscriptionMode = name.startsWith("inStaticMode") ? SubscriptionMode.STATIC
                : name.startsWith("inDynamicPrivateMode") ? SubscriptionMode.DYNAMIC_PRIVATE : SubscriptionMode.DYNAMIC;
    }

    @BeforeEach
    void startSpy() {
        spyClient = RedisClient.create(Service.REDIS.url());
        spy = spyClient.connectPubSub(RedisStreamsAdapterFactory.CODEC);
        spy.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(String channel, byte[] message) {
                spied.add(channel);
            }
        });
    }

    @AfterEach
    void stopSpy() {
        spy.close();
        spyClient.shutdown();
    }

    private String channel() {
        return cluster.key + "#/#";
    }

    private long subscribers(String channel) {
        return cluster.redisSharded.commands().sync().pubsubShardNumsub(channel).getOrDefault(channel, 0L);
    }

    private static String id(NodeClient client) {
        return client.emitWithAck("whoami", WAIT).get(0).path("id").asString();
    }

    /** Broadcasts to {@code room} from {@code origin}, checks that {@code members} get it, and returns the channel it went to. */
    private String castToRoom(String origin, String room, List<NodeClient> members) throws InterruptedException {
        spy.sync().ssubscribe(channel(), channel() + room + "#");
        cluster.sender(origin).emitWithAck("cast", WAIT, Map.of("to", List.of(room), "event", "hi", "args", List.of(room)));
        for (NodeClient member : members) {
            assertThat(member.awaitEvent("hi", WAIT).get(0).asString()).isEqualTo(room);
        }
        String channel = spied.poll(10, TimeUnit.SECONDS);
        assertThat(spied.poll(200, TimeUnit.MILLISECONDS)).as("one message only").isNull();
        spy.sync().sunsubscribe(channel(), channel() + room + "#"); // the spy is not a node: out of the counts
        return channel;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void inStaticModeNoRoomHasAChannelAndAOneRoomBroadcastGoesToTheNamespaceChannel(String origin) throws Exception {
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");

        assertThat(castToRoom(origin, "r", List.of(cluster.j2, cluster.n2))).isEqualTo(channel());
        assertThat(subscribers(channel() + "r#")).isZero();
        assertThat(subscribers(channel())).isEqualTo(2);
    }

    @Test
    void inDynamicModeAPublicRoomHasAChannelWhileItHasMembersAndASocketsOwnRoomHasNone() {
        String room = channel() + "r#";
        cluster.j2.emitWithAck("join", WAIT, "r");
        await().atMost(WAIT).until(() -> subscribers(room) == 1);
        cluster.n2.emitWithAck("join", WAIT, "r");
        await().atMost(WAIT).until(() -> subscribers(room) == 2);
        assertThat(subscribers(channel() + id(cluster.j1) + "#")).isZero();
        assertThat(subscribers(channel() + id(cluster.n1) + "#")).isZero();

        cluster.j1.emitWithAck("sleave", WAIT, Map.of("in", List.of("r"), "rooms", List.of("r")));

        await().atMost(WAIT).until(() -> subscribers(room) == 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void inDynamicModeAOneRoomBroadcastGoesToTheRoomsChannelUnlessTheRoomLooksLikeASocketId(String origin) throws Exception {
        String twenty = "abcdefghijklmnopqrst";
        for (String room : List.of("r", twenty)) {
            cluster.j2.emitWithAck("join", WAIT, room);
            cluster.n2.emitWithAck("join", WAIT, room);
        }
        await().atMost(WAIT).until(() -> subscribers(channel() + "r#") == 2);

        assertThat(castToRoom(origin, "r", List.of(cluster.j2, cluster.n2))).isEqualTo(channel() + "r#");
        assertThat(castToRoom(origin, twenty, List.of(cluster.j2, cluster.n2))).isEqualTo(channel());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void inDynamicPrivateModeASocketsOwnRoomHasAChannelTooAndGetsItsBroadcasts(String origin) throws Exception {
        NodeClient target = origin.equals("java") ? cluster.n2 : cluster.j2;
        String targetId = id(target);
        assertThat(subscribers(channel() + id(cluster.j1) + "#")).isEqualTo(1);
        assertThat(subscribers(channel() + id(cluster.n1) + "#")).isEqualTo(1);

        assertThat(castToRoom(origin, targetId, List.of(target))).isEqualTo(channel() + targetId + "#");

        target.close();
        await().atMost(WAIT).until(() -> subscribers(channel() + targetId + "#") == 0);
    }

    @Test
    void garbageOnTheChannelsIsDroppedAndTheNodesGoOn() {
        cluster.j2.emitWithAck("join", WAIT, "room");
        cluster.n2.emitWithAck("join", WAIT, "room");
        String javaUid = ((RedisShardedAdapter) cluster.java.sockets().adapter()).uid();
        List<String> channels = List.of(channel(), channel() + "room#", channel() + javaUid + "#");
        List<String> garbage = List.of("{not json", "{}", "{\"type\":99,\"uid\":\"x\",\"nsp\":\"/\"}", "\u00c1", "\u0093\u00a1x");

        try (LogCapture log = LogCapture.start()) {
            var publisher = cluster.redisSharded.commands().sync();
            for (String channel : channels) {
                for (String message : garbage) {
                    publisher.spublish(channel, message.getBytes(StandardCharsets.ISO_8859_1));
                }
                publisher.spublish(channel, new byte[0]);
            }

            for (String origin : List.of("java", "node")) {
                cluster.sender(origin).emitWithAck("cast", WAIT, Map.of("to", List.of("room"), "event", "after", "args", List.of(origin)));
                assertThat(cluster.j2.awaitEvent("after", WAIT).get(0).asString()).isEqualTo(origin);
                assertThat(cluster.n2.awaitEvent("after", WAIT).get(0).asString()).isEqualTo(origin);
            }
            var fetched = cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0);
            assertThat(fetched.path("sockets")).as(fetched.toString()).hasSize(4);
            assertThat(log.lines("dropping a malformed message")).hasSize(1);
        }
    }
}
