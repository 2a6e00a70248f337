package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.NodeScript;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our {@link RedisEmitter} and Node's {@code @socket.io/redis-emitter} 5.1 ({@code compat/redis-emit.js}) publish
 * the same bytes on the same channel for the same call, flags included ({@code volatile}, {@code compress}),
 * rooms, except, another namespace, binary arguments, and each of the other operations. Seen by a plain
 * subscriber on the real Redis.
 */
@RequiresService(Service.REDIS)
class EmitterWireTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String key = "socketeer-wire-" + UUID.randomUUID();
    private final BlockingQueue<String> published = new LinkedBlockingQueue<>();
    private RedisClient client;
    private StatefulRedisPubSubConnection<byte[], byte[]> sub;
    private RedisEmitter emitter;

    @BeforeEach
    void subscribe() {
        client = RedisClient.create(Service.REDIS.url());
        sub = client.connectPubSub(ByteArrayCodec.INSTANCE);
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] pattern, byte[] channel, byte[] message) {
                published.add(new String(channel, StandardCharsets.UTF_8) + " " + HexFormat.of().formatHex(message));
            }
        });
        sub.sync().psubscribe((key + "*").getBytes(StandardCharsets.UTF_8));
        emitter = RedisEmitter.connect(Service.REDIS.url(), key);
    }

    @AfterEach
    void close() {
        if (emitter != null) emitter.close();
        if (sub != null) sub.close();
        if (client != null) client.shutdown();
    }

    /** What Node's emitter published for {@code cmd}, then what ours published for {@code ours}: equal. */
    private void sameBytes(Map<String, Object> cmd, Consumer<RedisEmitter> ours) throws InterruptedException {
        Map<String, Object> full = new HashMap<>(cmd);
        full.put("redisUrl", Service.REDIS.url());
        full.put("key", key);
        assertThat(NodeScript.run("redis-emit.js", List.of(NodeDriver.toJson(full).toString()), WAIT).trim()).isEqualTo("ok");
        String node = published.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(node).as("Node's emitter published").isNotNull();
        ours.accept(emitter);
        String java = published.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(java).as("channel and bytes, as Node's emitter wrote them for " + cmd).isEqualTo(node);
    }

    @Test
    void emissionsWithFlagsRoomsExceptAndBinaryAreByteForByteNodes() throws InterruptedException {
        sameBytes(Map.of("op", "emit", "event", "plain", "args", List.of(1, "two", Map.of("three", 3))),
                e -> e.emit("plain", 1, "two", Map.of("three", 3)).join());
        sameBytes(Map.of("op", "emit", "volatile", true, "event", "v", "args", List.of("x")),
                e -> e.volatile_().emit("v", "x").join());
        sameBytes(Map.of("op", "emit", "compress", false, "event", "c", "args", List.of("x")),
                e -> e.compress(false).emit("c", "x").join());
        sameBytes(Map.of("op", "emit", "volatile", true, "compress", false, "to", List.of("r1", "r2"),
                        "except", List.of("r3"), "event", "all", "args", List.of(true), "binary", List.of(1, 2, 255)),
                e -> e.to("r1", "r2").except("r3").volatile_().compress(false)
                        .emit("all", true, new byte[] {1, 2, (byte) 255}).join());
        sameBytes(Map.of("op", "emit", "nsp", "/chat", "to", List.of("room"), "event", "n", "args", List.of()),
                e -> e.of("/chat").to("room").emit("n").join());
    }

    @Test
    void roomOperationsAndServerSideEmitAreByteForByteNodes() throws InterruptedException {
        sameBytes(Map.of("op", "socketsJoin", "to", List.of("a"), "rooms", List.of("b", "c")),
                e -> e.to("a").socketsJoin("b", "c").join());
        sameBytes(Map.of("op", "socketsLeave", "except", List.of("a"), "rooms", List.of("b")),
                e -> e.except("a").socketsLeave("b").join());
        sameBytes(Map.of("op", "disconnectSockets", "to", List.of("a"), "close", true),
                e -> e.to("a").disconnectSockets(true).join());
        sameBytes(Map.of("op", "serverSideEmit", "event", "hello", "args", List.of(1, "x")),
                e -> e.serverSideEmit("hello", 1, "x").join());
    }
}
