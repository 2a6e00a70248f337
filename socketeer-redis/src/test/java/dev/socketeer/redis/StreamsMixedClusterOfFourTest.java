package dev.socketeer.redis;

/**
 * {@link MixedClusterOfFourTest} on the Redis Streams adapters: two Socketeer nodes with
 * {@link RedisStreamsAdapterFactory} and two Node {@code socket.io} 4.8 nodes with
 * {@code @socket.io/redis-streams-adapter} 0.3.1, with connection state recovery, on one real Redis; every
 * cluster operation started on each of the four nodes reaches the clients and sockets of the three others.
 */
class StreamsMixedClusterOfFourTest extends MixedClusterOfFourTest {

    @Override
    void configure(MixedCluster cluster) {
        cluster.kind = MixedCluster.Kind.STREAMS;
    }
}
