package dev.socketeer.redis;

import org.junit.jupiter.api.TestInfo;

/**
 * {@link StreamsMixedClusterRequestsTest}'s requests across a mixed cluster on the sharded pub/sub adapters:
 * a Socketeer node with {@link RedisShardedAdapterFactory} and a Node {@code socket.io} 4.8 node with
 * {@code @socket.io/redis-adapter} 8.3's {@code createShardedAdapter} ({@code compat/redis-node.js} with
 * {@code ADAPTER=redis-sharded}), both in the default subscription mode ({@code dynamic}).
 */
class ShardedMixedClusterRequestsTest extends StreamsMixedClusterRequestsTest {

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        cluster.kind = MixedCluster.Kind.SHARDED;
    }
}
