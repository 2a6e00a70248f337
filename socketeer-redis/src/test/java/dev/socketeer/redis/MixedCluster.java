package dev.socketeer.redis;

import static org.awaitility.Awaitility.await;

import dev.socketeer.core.BroadcastOperator;
import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.RemoteSocket;
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
import tools.jackson.databind.JsonNode;

/**
 * Two nodes of one cluster on the real Redis, under a channel prefix unique to this instance: a Socketeer
 * node with {@link RedisAdapterFactory} and a Node {@code socket.io} 4.8 node with
 * {@code @socket.io/redis-adapter} 8.3 ({@code compat/redis-node.js}), two official websocket clients on
 * each ({@link #j1}, {@link #j2} on Java, {@link #n1}, {@link #n2} on Node). The Java node implements the
 * script's client contract ({@code join}, {@code cast}, {@code fetch}, {@code sjoin}, {@code sleave},
 * {@code sdisconnect}, {@code castAck}, {@code allRooms}, {@code setData}, {@code whoami}, {@code remoteEmit}); tests add their own listeners through {@code setup}.
 *
 * <p>Lifecycle: {@link #start} then {@link #close}; not thread safe (test thread only).
 */
final class MixedCluster implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final String key = "socketeer-test-" + UUID.randomUUID();
    RedisAdapterFactory redis;
    /** With {@link #streams}: the Java node's factory. */
    RedisStreamsAdapterFactory redisStreams;
    SocketIoServer java;
    NodeReferenceServer node;
    NodeClient j1;
    NodeClient j2;
    NodeClient n1;
    NodeClient n2;
    private final List<NodeClient> clients = new ArrayList<>();
    /** Both nodes answer requests on the requester's own channel ({@code publishOnSpecificResponseChannel}). */
    boolean specificResponses;
    /**
     * Both nodes use the Redis Streams adapter ({@code @socket.io/redis-streams-adapter} 0.3 on the Node node)
     * with connection state recovery, the key as channel prefix and stream name, {@code key:session:} as the
     * session key prefix.
     */
    boolean streams;
    /** With {@link #streams}: both nodes use sharded pub/sub ({@code useShardedPubSub}). */
    boolean sharded;

    /**
     * Starts both nodes and connects the four clients.
     *
     * @param requestsTimeout both adapters' request timeout
     * @param setup more listeners on the Java server, before it starts
     */
    MixedCluster start(NodeDriver driver, Duration requestsTimeout, Consumer<SocketIoServer> setup) {
        return start(driver, requestsTimeout, setup, Service.REDIS.url());
    }

    /** Like {@link #start(NodeDriver, Duration, Consumer)}, the Java node reaching Redis at {@code javaRedisUrl}. */
    MixedCluster start(NodeDriver driver, Duration requestsTimeout, Consumer<SocketIoServer> setup, String javaRedisUrl) {
        SocketIoServer.Builder builder = SocketIoServer.builder().host("127.0.0.1").port(0);
        if (streams) {
            redisStreams = RedisStreamsAdapterFactory.newBuilder().channelPrefix(key).streamName(key)
                    .sessionKeyPrefix(key + ":session:").requestsTimeout(requestsTimeout).useShardedPubSub(sharded)
                    .connect(javaRedisUrl);
            builder.adapter(redisStreams).connectionStateRecovery(ConnectionStateRecoveryOptions.DEFAULT);
        } else {
            redis = RedisAdapterFactory.connect(javaRedisUrl, key).requestsTimeout(requestsTimeout)
                    .publishOnSpecificResponseChannel(specificResponses);
            builder.adapter(redis);
        }
        java = builder.build();
        java.onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asString());
                ack.send();
            });
            socket.on("cast", (args, ack) -> {
                cast(args.get(0));
                ack.send();
            });
            socket.on("fetch", (args, ack) -> select(args.get(0)).fetchSockets().whenComplete((sockets, error) -> {
                if (error != null) {
                    ack.send(Map.of("ok", false, "error", String.valueOf(error.getMessage())));
                    return;
                }
                List<Map<String, Object>> found = new ArrayList<>();
                for (RemoteSocket s : sockets) {
                    found.add(Map.of("id", s.id(), "rooms", List.copyOf(s.rooms()), "data", s.data(),
                            "query", s.handshake().query(), "address", s.handshake().address()));
                }
                ack.send(Map.of("ok", true, "sockets", found));
            }));
            socket.on("castAck", (args, ack) -> {
                JsonNode cmd = args.get(0);
                BroadcastOperator op = java.sockets();
                for (JsonNode room : cmd.path("to")) {
                    op = op.to(room.asString());
                }
                List<Object> eventArgs = new ArrayList<>();
                cmd.path("args").forEach(eventArgs::add);
                op.timeout(Duration.ofMillis(cmd.path("timeout").asLong(5000)))
                        .emitWithAck(cmd.path("event").asString(), eventArgs.toArray())
                        .whenComplete((responses, error) -> {
                            if (error == null) {
                                ack.send(Map.of("ok", true, "responses", responses));
                            } else {
                                Throwable cause = error instanceof java.util.concurrent.CompletionException ? error.getCause() : error;
                                List<JsonNode> partial = cause instanceof dev.socketeer.core.AckTimeoutException t ? t.responses() : List.of();
                                ack.send(Map.of("ok", false, "error", String.valueOf(cause.getMessage()), "responses", partial));
                            }
                        });
            });
            socket.on("getData", (args, ack) -> ack.send(socket.data()));
            socket.on("allRooms", (args, ack) -> ((RedisAdapter) java.sockets().adapter()).allRooms()
                    .whenComplete((rooms, error) -> ack.send(error == null ? Map.of("ok", true, "rooms", List.copyOf(rooms))
                            : Map.of("ok", false, "error", String.valueOf(error.getMessage())))));
            socket.on("sjoin", (args, ack) -> {
                select(args.get(0)).socketsJoin(strings(args.get(0).path("rooms")));
                ack.send();
            });
            socket.on("sleave", (args, ack) -> {
                select(args.get(0)).socketsLeave(strings(args.get(0).path("rooms")));
                ack.send();
            });
            socket.on("sdisconnect", (args, ack) -> {
                select(args.get(0)).disconnectSockets(args.get(0).path("close").asBoolean(false));
                ack.send();
            });
            socket.on("setData", (args, ack) -> {
                socket.data().put(args.get(0).path("key").asString(), args.get(0).path("value"));
                ack.send();
            });
            socket.on("whoami", (args, ack) -> ack.send(Map.of("id", socket.id(), "rooms", List.copyOf(socket.rooms()))));
            socket.on("remoteEmit", (args, ack) -> {
                JsonNode cmd = args.get(0);
                String id = cmd.path("id").asString();
                java.sockets().in(id).fetchSockets().whenComplete((sockets, error) -> {
                    RemoteSocket target = error != null ? null
                            : sockets.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
                    if (target != null) {
                        List<Object> eventArgs = new ArrayList<>();
                        cmd.path("args").forEach(eventArgs::add);
                        target.emit(cmd.path("event").asString(), eventArgs.toArray());
                    }
                    ack.send(target != null);
                });
            });
        });
        setup.accept(java);
        java.start();
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", Service.REDIS.url());
        env.put("KEY", key);
        env.put("REQUESTS_TIMEOUT", Long.toString(requestsTimeout.toMillis()));
        env.put("PUBLISH_SPECIFIC", Boolean.toString(specificResponses));
        if (streams) {
            env.put("ADAPTER", "redis-streams");
            env.put("SHARDED", Boolean.toString(sharded));
        }
        node = NodeReferenceServer.script("redis-node.js", env);
        node.start();
        var adapter = java.sockets().adapter();
        await().atMost(WAIT).until(() -> adapter.serverCount().join() == 2);

        j1 = connect(driver, "http://127.0.0.1:" + java.port() + "/");
        j2 = connect(driver, "http://127.0.0.1:" + java.port() + "/");
        n1 = connect(driver, node.url("/"));
        n2 = connect(driver, node.url("/"));
        return this;
    }

    /** The Java side of the {@code cast} contract of {@code compat/redis-node.js}. */
    private void cast(JsonNode cmd) {
        BroadcastOperator op = java.sockets();
        for (JsonNode room : cmd.path("to")) {
            op = op.to(room.asString());
        }
        for (JsonNode room : cmd.path("except")) {
            op = op.except(room.asString());
        }
        if (cmd.path("local").asBoolean(false)) {
            op = op.local();
        }
        if (cmd.path("volatile").asBoolean(false)) {
            op = op.volatile_();
        }
        List<Object> eventArgs = new ArrayList<>();
        cmd.path("args").forEach(eventArgs::add);
        op.emit(cmd.path("event").asString(), eventArgs.toArray());
    }

    private BroadcastOperator select(JsonNode cmd) {
        BroadcastOperator op = cmd.path("in").isEmpty() ? java.sockets() : java.sockets().in(strings(cmd.path("in")));
        if (!cmd.path("except").isEmpty()) {
            op = op.except(strings(cmd.path("except")));
        }
        return op;
    }

    private static String[] strings(JsonNode array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asString();
        }
        return out;
    }

    private NodeClient connect(NodeDriver driver, String url) {
        NodeClient client = driver.connect(url, Map.of("transports", List.of("websocket"), "forceNew", true));
        clients.add(client);
        client.awaitConnect(WAIT);
        return client;
    }

    /** The four clients. */
    List<NodeClient> all() {
        return List.of(j1, j2, n1, n2);
    }

    /** The client that sends a command: on the Java node ({@code "java"}) or on the Node node. */
    NodeClient sender(String origin) {
        return origin.equals("java") ? j1 : n1;
    }

    @Override
    public void close() {
        clients.forEach(NodeClient::close);
        if (node != null) {
            node.close();
        }
        if (java != null) {
            java.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (redisStreams != null) {
            redisStreams.close();
        }
    }
}
