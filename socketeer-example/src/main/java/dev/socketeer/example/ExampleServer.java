package dev.socketeer.example;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.redis.RedisShardedAdapterFactory;
import dev.socketeer.redis.RedisStreamsAdapterFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone server implementing the "room" contract on {@code "/"} (used by tests and benchmarks; the
 * client events of seed 001's event hub, which the reference server's {@code HubGateway} serves):
 * <ul>
 *   <li>{@code joinRoom {"room"}}: joins, emits {@code roomJoined {"room"}}, acks {@code {"room"}};</li>
 *   <li>{@code leaveRoom {"room"}}: leaves, emits {@code roomLeft {"room"}}, acks {@code {"room"}};</li>
 *   <li>{@code roomMessage {"room","message"}}: {@code roomMessage {"room","message","from"}} to the room;</li>
 *   <li>{@code echo}: acks with the same arguments;</li>
 *   <li>{@code message}: {@code messageReceived {"message","timestamp"}} to the sender,
 *       {@code messageBroadcast {"message","from"}} to every other socket.</li>
 * </ul>
 * Runs on port 3000 by default ({@code PORT} environment variable or first argument override);
 * {@code SOCKETEER_CORS_ORIGINS} (comma-separated) sets the CORS allow-list. With
 * {@code SOCKETEER_REDIS_URL} set (e.g. {@code redis://127.0.0.1:6379}) the server joins a cluster over
 * Redis ({@code SOCKETEER_ADAPTER}: {@code redis}, the default then, {@code redis-streams} or {@code redis-sharded};
 * {@code SOCKETEER_REDIS_KEY}: the channel prefix, and with {@code redis-streams} also the stream name,
 * default {@code socket.io}), which Node servers with {@code @socket.io/redis-adapter} (or
 * {@code @socket.io/redis-streams-adapter}, or {@code createShardedAdapter}) may share. See {@link #clusterAdapter}.
 */
public final class ExampleServer {
    private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);

    private ExampleServer() {
    }

    record JoinRoom(String room) {
    }

    record RoomMessage(String room, Object message) {
    }

    record Message(Object message) {
    }

    /** Builds the server from {@code builder} and registers the contract; does not start it. */
    public static SocketIoServer create(SocketIoServer.Builder builder) {
        SocketIoServer io = builder.build();
        io.onConnection(socket -> {
            socket.on("joinRoom", JoinRoom.class, (msg, ack) -> {
                socket.join(msg.room());
                socket.emit("roomJoined", Map.of("room", msg.room()));
                ack.send(Map.of("room", msg.room()));
            });
            socket.on("leaveRoom", JoinRoom.class, (msg, ack) -> {
                socket.leave(msg.room());
                socket.emit("roomLeft", Map.of("room", msg.room()));
                ack.send(Map.of("room", msg.room()));
            });
            socket.on("roomMessage", RoomMessage.class, (msg, ack) -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("room", msg.room());
                out.put("message", msg.message());
                out.put("from", socket.id());
                io.to(msg.room()).emit("roomMessage", out);
            });
            socket.on("echo", (args, ack) -> ack.send(toArray(args)));
            socket.on("message", Message.class, (msg, ack) -> {
                Map<String, Object> received = new LinkedHashMap<>();
                received.put("message", msg.message());
                received.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS));
                socket.emit("messageReceived", received);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("message", msg.message());
                out.put("from", socket.id());
                socket.broadcast().emit("messageBroadcast", out);
            });
        });
        return io;
    }

    private static Object[] toArray(tools.jackson.databind.JsonNode args) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = args.get(i);
        }
        return values;
    }

    /**
     * The cluster adapter the environment asks for: {@code null} (in-memory, one process) unless
     * {@code SOCKETEER_REDIS_URL} is set or {@code SOCKETEER_ADAPTER} names another adapter. Connects to
     * Redis (blocking; fails when it does not answer): a {@link RedisAdapterFactory} or a
     * {@link RedisStreamsAdapterFactory} or a {@link RedisShardedAdapterFactory} (subscription mode {@code dynamic}),
     * which the caller closes after the server.
     *
     * @throws IllegalStateException for an unknown adapter, or a Redis adapter without
     *         {@code SOCKETEER_REDIS_URL}
     */
    public static @Nullable AdapterFactory clusterAdapter(Map<String, String> env) {
        String url = blankToNull(env.get("SOCKETEER_REDIS_URL"));
        String adapter = blankToNull(env.get("SOCKETEER_ADAPTER"));
        String kind = adapter != null ? adapter.trim().toLowerCase(Locale.ROOT) : url != null ? "redis" : "memory";
        switch (kind) {
            case "memory":
                return null;
            case "redis", "redis-streams", "redis-sharded":
                if (url == null) {
                    throw new IllegalStateException("SOCKETEER_ADAPTER=" + kind + " needs SOCKETEER_REDIS_URL"
                            + " (e.g. redis://127.0.0.1:6379)");
                }
                String given = blankToNull(env.get("SOCKETEER_REDIS_KEY"));
                String key = given != null ? given.trim() : RedisAdapterFactory.DEFAULT_KEY;
                return switch (kind) {
                    case "redis" -> RedisAdapterFactory.connect(url.trim(), key);
                    case "redis-sharded" -> RedisShardedAdapterFactory.newBuilder().channelPrefix(key).connect(url.trim());
                    default -> RedisStreamsAdapterFactory.newBuilder().channelPrefix(key).streamName(key).connect(url.trim());
                };
            default:
                throw new IllegalStateException("SOCKETEER_ADAPTER=" + adapter
                        + ": unknown; use memory, redis, redis-streams or redis-sharded");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public static void main(String[] args) {
        String env = System.getenv("PORT");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : env != null ? Integer.parseInt(env) : 3000;
        SocketIoServer.Builder builder = SocketIoServer.builder().host("0.0.0.0").port(port);
        AdapterFactory redis = clusterAdapter(System.getenv());
        if (redis != null) {
            builder.adapter(redis);
        }
        String origins = System.getenv("SOCKETEER_CORS_ORIGINS");
        if (origins != null && !origins.isBlank()) {
            builder.cors(cors -> cors.allowedOrigins(java.util.Arrays.stream(origins.split(","))
                    .map(String::trim).filter(o -> !o.isEmpty()).toList()));
        }
        SocketIoServer io = create(builder).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            io.close();
            if (redis instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("closing the cluster adapter failed", e);
                }
            }
        }, "socketeer-shutdown"));
        log.info("Socketeer example server listening on port {}{}", io.port(),
                redis instanceof RedisAdapterFactory r ? " in the Redis cluster '" + r.key() + "'"
                        : redis != null ? " in a Redis Streams cluster" : "");
    }
}
