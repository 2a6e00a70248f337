package dev.socketeer.bench.server;

import dev.socketeer.bench.BenchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A cluster under test: a {@link RedisServer} of its own (or the one at {@code cluster.redis}, a URL, with a
 * channel prefix of the cluster's own) and {@code cluster.nodes} (default 2) processes of one server target
 * joined to it through the environment ({@code SOCKETEER_REDIS_URL} for Socketeer, {@code REDIS_URL} for
 * {@code compat/reference-server.js}, the channel prefix {@value #KEY}), everything behind the same pinning
 * prefix. {@link #start} returns once Redis counts every node on the request channel
 * of {@code "/"}, i.e. once every node's adapter has subscribed.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close()} (the nodes, then Redis). Threading: not thread safe.
 */
public final class Cluster implements AutoCloseable {
    /** The channel prefix of the benchmark's clusters (the Redis server is the cluster's own). */
    static final String KEY = "bench";

    private final RedisServer redis;
    private final List<ServerProcess> nodes;

    private Cluster(RedisServer redis, List<ServerProcess> nodes) {
        this.redis = redis;
        this.nodes = nodes;
    }

    public static Cluster start(ServerTarget target, BenchOptions o, List<String> pin, Path out) {
        int n = o.integer("cluster.nodes", 2);
        String external = o.string("cluster.redis", "");
        RedisServer redis = external.isBlank() ? RedisServer.start(pin, out.resolve("redis.log")) : RedisServer.external(external);
        // a shared Redis may serve other clusters (tests): this one's channels are its own
        String key = external.isBlank() ? KEY : KEY + "-" + Long.toHexString(System.nanoTime());
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            Map<String, String> env = Map.of("SOCKETEER_REDIS_URL", redis.url(), "SOCKETEER_ADAPTER", "redis",
                    "SOCKETEER_REDIS_KEY", key, "REDIS_URL", redis.url(), "REDIS_KEY", key);
            for (int i = 0; i < n; i++) {
                nodes.add(ServerProcess.start(target, pin, out.resolve(target.name() + "-node" + i + ".log"), env));
            }
            String requests = key + "-request#/#";
            if (!redis.awaitSubscribers(requests, n, Duration.ofSeconds(30))) {
                throw new IllegalStateException(target.name() + " cluster: only " + redis.subscribers(requests) + " of " + n
                        + " nodes subscribed to " + requests);
            }
            return new Cluster(redis, List.copyOf(nodes));
        } catch (RuntimeException e) {
            nodes.forEach(ServerProcess::close);
            redis.close();
            throw e;
        }
    }

    public RedisServer redis() {
        return redis;
    }

    public List<ServerProcess> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        try {
            nodes.forEach(ServerProcess::close);
        } finally {
            redis.close();
        }
    }
}
