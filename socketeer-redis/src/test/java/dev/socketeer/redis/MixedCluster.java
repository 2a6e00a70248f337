package dev.socketeer.redis;

import static org.awaitility.Awaitility.await;

import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.NodeReferenceServer;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One cluster on a real Redis, under a channel prefix unique to this instance: {@code javaCount} Socketeer
 * nodes with {@link RedisAdapterFactory} (named {@code java0}, {@code java1}, ...) and {@code nodeCount}
 * Node {@code socket.io} 4.8 nodes with {@code @socket.io/redis-adapter} 8.3 ({@code compat/redis-node.js},
 * named {@code node0}, ...), two official websocket clients on each; with another {@link #kind}, the Redis
 * Streams adapters (with connection state recovery) or the sharded pub/sub adapters of both languages
 * instead. The Java nodes implement the script's contract ({@link RedisNodeContract}); tests add their own listeners through {@code setup}. The first
 * node of each language and its clients have short names: {@link #java}, {@link #j1}, {@link #j2} and
 * {@link #node}, {@link #n1}, {@link #n2}.
 *
 * <p>Lifecycle: configure, {@link #start}, then {@link #close}; not thread safe (test thread only).
 */
final class MixedCluster implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final String key = "socketeer-test-" + UUID.randomUUID();
    private final int javaCount;
    private final int nodeCount;
    final List<RedisAdapterFactory> factories = new ArrayList<>();
    final List<RedisStreamsAdapterFactory> streamsFactories = new ArrayList<>();
    final List<RedisShardedAdapterFactory> shardedFactories = new ArrayList<>();
    final List<SocketIoServer> javas = new ArrayList<>();
    final List<NodeReferenceServer> nodes = new ArrayList<>();
    private final List<List<NodeClient>> javaClients = new ArrayList<>();
    private final List<List<NodeClient>> nodeClients = new ArrayList<>();
    private final List<NodeClient> clients = new ArrayList<>();
    private final Map<Integer, Map<String, String>> nodeEnv = new HashMap<>();
    RedisAdapterFactory redis;
    /** With {@link Kind#STREAMS}: the first Java node's factory. */
    RedisStreamsAdapterFactory redisStreams;
    /** With {@link Kind#SHARDED}: the first Java node's factory. */
    RedisShardedAdapterFactory redisSharded;
    SocketIoServer java;
    NodeReferenceServer node;
    NodeClient j1;
    NodeClient j2;
    NodeClient n1;
    NodeClient n2;
    /** All nodes answer requests on the requester's own channel ({@code publishOnSpecificResponseChannel}). */
    boolean specificResponses;
    /** Where the Java nodes reach Redis. */
    String javaRedisUrl = Service.REDIS.url();
    /** Where the Node nodes reach Redis. */
    String nodeRedisUrl = Service.REDIS.url();
    /** Which adapter every node uses. */
    Kind kind = Kind.CLASSIC;
    /** With {@link Kind#STREAMS}: every node uses sharded pub/sub ({@code useShardedPubSub}). */
    boolean shardedPubSub;
    /** With {@link Kind#SHARDED}: every node's {@code subscriptionMode}. */
    RedisShardedAdapterFactory.SubscriptionMode subscriptionMode = RedisShardedAdapterFactory.SubscriptionMode.DYNAMIC;

    /** The adapters a cluster can be made of, the same on every node. */
    enum Kind {
        /** {@link RedisAdapterFactory}; {@code @socket.io/redis-adapter} 8.3's {@code createAdapter} on the Node nodes. */
        CLASSIC,
        /**
         * {@link RedisStreamsAdapterFactory}; {@code @socket.io/redis-streams-adapter} 0.3 on the Node nodes, with
         * connection state recovery, the key as channel prefix and stream name, {@code key:session:} as the
         * session key prefix.
         */
        STREAMS,
        /** {@link RedisShardedAdapterFactory}; {@code @socket.io/redis-adapter} 8.3's {@code createShardedAdapter}, the key as channel prefix. */
        SHARDED
    }

    /** One Java node and one Node node. */
    MixedCluster() {
        this(1, 1);
    }

    MixedCluster(int javaCount, int nodeCount) {
        if (javaCount < 0 || nodeCount < 0 || javaCount + nodeCount == 0) {
            throw new IllegalArgumentException("javaCount, nodeCount: " + javaCount + ", " + nodeCount);
        }
        this.javaCount = javaCount;
        this.nodeCount = nodeCount;
    }

    /** More environment for the Node node {@code index} (e.g. {@code RESPONSE_DELAY}), before {@link #start}. */
    MixedCluster nodeEnv(int index, Map<String, String> env) {
        nodeEnv.computeIfAbsent(index, i -> new HashMap<>()).putAll(env);
        return this;
    }

    /**
     * Starts every node, waits until each counts in {@code PUBSUB NUMSUB}, and connects the clients.
     *
     * @param requestsTimeout every adapter's request timeout
     * @param setup more listeners on each Java server, before it starts
     */
    MixedCluster start(NodeDriver driver, Duration requestsTimeout, Consumer<SocketIoServer> setup) {
        for (int i = 0; i < javaCount; i++) {
            SocketIoServer.Builder builder = SocketIoServer.builder().host("127.0.0.1").port(0);
            if (kind == Kind.SHARDED) {
                RedisShardedAdapterFactory factory = RedisShardedAdapterFactory.newBuilder().channelPrefix(key)
                        .subscriptionMode(subscriptionMode).requestsTimeout(requestsTimeout).connect(javaRedisUrl);
                shardedFactories.add(factory);
                builder.adapter(factory);
            } else if (kind == Kind.STREAMS) {
                RedisStreamsAdapterFactory factory = RedisStreamsAdapterFactory.newBuilder().channelPrefix(key)
                        .streamName(key).sessionKeyPrefix(key + ":session:").requestsTimeout(requestsTimeout)
                        .useShardedPubSub(shardedPubSub).connect(javaRedisUrl);
                streamsFactories.add(factory);
                builder.adapter(factory).connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT);
            } else {
                RedisAdapterFactory factory = RedisAdapterFactory.connect(javaRedisUrl, key)
                        .requestsTimeout(requestsTimeout).publishOnSpecificResponseChannel(specificResponses);
                factories.add(factory);
                builder.adapter(factory);
            }
            SocketIoServer server = builder.build();
            javas.add(server);
            RedisNodeContract.install(server, "java" + i);
            setup.accept(server);
            server.start();
        }
        for (int i = 0; i < nodeCount; i++) {
            Map<String, String> env = new HashMap<>();
            env.put("REDIS_URL", nodeRedisUrl);
            env.put("KEY", key);
            env.put("NAME", "node" + i);
            env.put("REQUESTS_TIMEOUT", Long.toString(requestsTimeout.toMillis()));
            env.put("PUBLISH_SPECIFIC", Boolean.toString(specificResponses));
            if (kind == Kind.STREAMS) {
                env.put("ADAPTER", "redis-streams");
                env.put("SHARDED", Boolean.toString(shardedPubSub));
            } else if (kind == Kind.SHARDED) {
                env.put("ADAPTER", "redis-sharded");
                env.put("SUBSCRIPTION_MODE", subscriptionMode.wireName());
            }
            env.putAll(nodeEnv.getOrDefault(i, Map.of()));
            NodeReferenceServer server = NodeReferenceServer.script("redis-node.js", env);
            nodes.add(server);
            server.start();
        }
        if (javaCount > 0) {
            var adapter = javas.get(0).sockets().adapter();
            await().atMost(WAIT).until(() -> adapter.serverCount().join() == javaCount + nodeCount);
        }
        for (SocketIoServer server : javas) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            javaClients.add(List.of(connect(driver, url), connect(driver, url)));
        }
        for (NodeReferenceServer server : nodes) {
            nodeClients.add(List.of(connect(driver, server.url("/")), connect(driver, server.url("/"))));
        }
        if (javaCount > 0) {
            redis = kind == Kind.CLASSIC ? factories.get(0) : null;
            redisStreams = kind == Kind.STREAMS ? streamsFactories.get(0) : null;
            redisSharded = kind == Kind.SHARDED ? shardedFactories.get(0) : null;
            java = javas.get(0);
            j1 = javaClients.get(0).get(0);
            j2 = javaClients.get(0).get(1);
        }
        if (nodeCount > 0) {
            node = nodes.get(0);
            n1 = nodeClients.get(0).get(0);
            n2 = nodeClients.get(0).get(1);
        }
        return this;
    }

    /** Like {@link #start(NodeDriver, Duration, Consumer)}, the Java nodes reaching Redis at {@code javaRedisUrl}. */
    MixedCluster start(NodeDriver driver, Duration requestsTimeout, Consumer<SocketIoServer> setup, String javaRedisUrl) {
        this.javaRedisUrl = javaRedisUrl;
        return start(driver, requestsTimeout, setup);
    }

    /** The adapter of {@code /} on Java node {@code index}. */
    RedisAdapter adapter(int index) {
        return (RedisAdapter) javas.get(index).sockets().adapter();
    }

    /** The two clients of Java node {@code index}. */
    List<NodeClient> javaClients(int index) {
        return javaClients.get(index);
    }

    /** The two clients of Node node {@code index}. */
    List<NodeClient> nodeClients(int index) {
        return nodeClients.get(index);
    }

    private NodeClient connect(NodeDriver driver, String url) {
        NodeClient client = driver.connect(url, Map.of("transports", List.of("websocket"), "forceNew", true));
        clients.add(client);
        client.awaitConnect(WAIT);
        return client;
    }

    /** Every client, Java nodes' first. */
    List<NodeClient> all() {
        return List.copyOf(clients);
    }

    /** The client that sends a command: on the first Java node ({@code "java"}) or on the first Node node. */
    NodeClient sender(String origin) {
        return origin.equals("java") ? j1 : n1;
    }

    @Override
    public void close() {
        clients.forEach(NodeClient::close);
        nodes.forEach(NodeReferenceServer::close);
        javas.forEach(SocketIoServer::close);
        factories.forEach(RedisAdapterFactory::close);
        streamsFactories.forEach(RedisStreamsAdapterFactory::close);
        shardedFactories.forEach(RedisShardedAdapterFactory::close);
    }
}
