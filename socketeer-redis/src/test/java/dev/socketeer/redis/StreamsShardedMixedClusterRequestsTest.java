package dev.socketeer.redis;

import org.junit.jupiter.api.TestInfo;

/**
 * {@link StreamsMixedClusterRequestsTest} with both nodes on Redis 7's sharded pub/sub
 * ({@code useShardedPubSub}: {@code SPUBLISH}, {@code SSUBSCRIBE}, {@code PUBSUB SHARDNUMSUB}).
 */
class StreamsShardedMixedClusterRequestsTest extends StreamsMixedClusterRequestsTest {

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        cluster.kind = MixedCluster.Kind.STREAMS;
        cluster.shardedPubSub = true;
    }
}
