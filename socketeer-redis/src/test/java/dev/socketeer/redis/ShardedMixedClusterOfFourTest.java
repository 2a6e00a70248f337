package dev.socketeer.redis;

/**
 * {@link MixedClusterOfFourTest} on the sharded pub/sub adapters: two Socketeer nodes with
 * {@link RedisShardedAdapterFactory} and two Node {@code socket.io} 4.8 nodes with
 * {@code @socket.io/redis-adapter} 8.3's {@code createShardedAdapter} (subscription mode {@code dynamic}) on
 * one real Redis; every cluster operation started on each of the four nodes reaches the clients and sockets
 * of the three others.
 */
class ShardedMixedClusterOfFourTest extends MixedClusterOfFourTest {

    @Override
    void configure(MixedCluster cluster) {
        cluster.kind = MixedCluster.Kind.SHARDED;
    }
}
