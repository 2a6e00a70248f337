package dev.socketeer.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.core.adapter.AdapterFactory;
import dev.socketeer.redis.RedisAdapter;
import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.redis.RedisShardedAdapterFactory;
import dev.socketeer.redis.RedisStreamsAdapterFactory;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two example servers configured as {@code main} configures them from the environment
 * ({@code SOCKETEER_REDIS_URL}, {@code SOCKETEER_REDIS_KEY}) form a cluster on the real Redis: a room
 * message sent by a client of one reaches the room's member on the other, and not a non-member there.
 */
@RequiresService(Service.REDIS)
class ExampleClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, Object> WS = Map.of("transports", List.of("websocket"), "forceNew", true);

    @Test
    void aRoomMessageCrossesToTheOtherServer() {
        Map<String, String> env = Map.of("SOCKETEER_REDIS_URL", Service.REDIS.url(),
                "SOCKETEER_REDIS_KEY", "example-" + UUID.randomUUID());
        try (RedisAdapterFactory redis1 = (RedisAdapterFactory) ExampleServer.clusterAdapter(env);
             RedisAdapterFactory redis2 = (RedisAdapterFactory) ExampleServer.clusterAdapter(env);
             NodeDriver driver = new NodeDriver()) {
            SocketIoServer one = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0).adapter(redis1)).start();
            SocketIoServer two = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0).adapter(redis2)).start();
            try (NodeClient a = driver.connect("http://127.0.0.1:" + one.port() + "/", WS);
                 NodeClient b = driver.connect("http://127.0.0.1:" + two.port() + "/", WS);
                 NodeClient c = driver.connect("http://127.0.0.1:" + two.port() + "/", WS)) {
                RedisAdapter adapter = (RedisAdapter) one.sockets().adapter();
                await().atMost(WAIT).until(() -> adapter.serverCount().join() == 2);
                String aId = a.awaitConnect();
                b.awaitConnect();
                c.awaitConnect();
                a.emitWithAck("joinRoom", WAIT, Map.of("room", "lobby"));
                b.emitWithAck("joinRoom", WAIT, Map.of("room", "lobby"));
                c.emitWithAck("joinRoom", WAIT, Map.of("room", "other"));

                a.emit("roomMessage", Map.of("room", "lobby", "message", "across"));
                JsonNodeAssert.message(b.awaitEvent("roomMessage", WAIT).get(0), "across", aId);
                JsonNodeAssert.message(a.awaitEvent("roomMessage", WAIT).get(0), "across", aId);
                // a later message to c's room from the same server arrives after the first (one publisher's order)
                a.emit("roomMessage", Map.of("room", "other", "message", "marker"));
                JsonNodeAssert.message(c.awaitEvent("roomMessage", WAIT).get(0), "marker", aId);
                assertThat(c.received("roomMessage")).hasSize(1);
            } finally {
                one.close();
                two.close();
            }
        }
    }

    @Test
    void withoutAUrlTheServerStaysAlone() {
        assertThat(ExampleServer.clusterAdapter(Map.of())).isNull();
        assertThat(ExampleServer.clusterAdapter(Map.of("SOCKETEER_ADAPTER", "memory",
                "SOCKETEER_REDIS_URL", Service.REDIS.url()))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-streams", "redis-sharded"})
    void withTheOtherRedisAdaptersARoomMessageCrossesToTheOtherServer(String adapter) throws Exception {
        Map<String, String> env = Map.of("SOCKETEER_ADAPTER", adapter, "SOCKETEER_REDIS_URL", Service.REDIS.url(),
                "SOCKETEER_REDIS_KEY", "example-" + adapter + "-" + UUID.randomUUID());
        AdapterFactory redis1 = ExampleServer.clusterAdapter(env);
        AdapterFactory redis2 = ExampleServer.clusterAdapter(env);
        assertThat(redis1).isInstanceOf(adapter.equals("redis-streams") ? RedisStreamsAdapterFactory.class
                : RedisShardedAdapterFactory.class);
        try (AutoCloseable closes1 = (AutoCloseable) redis1;
             AutoCloseable closes2 = (AutoCloseable) redis2;
             NodeDriver driver = new NodeDriver()) {
            SocketIoServer one = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0).adapter(redis1)).start();
            SocketIoServer two = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0).adapter(redis2)).start();
            try (NodeClient a = driver.connect("http://127.0.0.1:" + one.port() + "/", WS);
                 NodeClient b = driver.connect("http://127.0.0.1:" + two.port() + "/", WS)) {
                await().atMost(WAIT).until(() -> one.sockets().adapter().serverCount().join() == 2);
                String aId = a.awaitConnect();
                b.awaitConnect();
                a.emitWithAck("joinRoom", WAIT, Map.of("room", "lobby"));
                b.emitWithAck("joinRoom", WAIT, Map.of("room", "lobby"));

                a.emit("roomMessage", Map.of("room", "lobby", "message", "across"));
                JsonNodeAssert.message(b.awaitEvent("roomMessage", WAIT).get(0), "across", aId);
            } finally {
                one.close();
                two.close();
            }
        }
    }

    @Test
    void misconfigurationsAreRefused() {
        assertThatThrownBy(() -> ExampleServer.clusterAdapter(Map.of("SOCKETEER_ADAPTER", "redis-streams")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs SOCKETEER_REDIS_URL");
        assertThatThrownBy(() -> ExampleServer.clusterAdapter(Map.of("SOCKETEER_ADAPTER", "redis")))
                .hasMessageContaining("needs SOCKETEER_REDIS_URL");
        assertThatThrownBy(() -> ExampleServer.clusterAdapter(Map.of("SOCKETEER_ADAPTER", "kafka")))
                .hasMessageContaining("unknown");
    }

    private static final class JsonNodeAssert {
        static void message(tools.jackson.databind.JsonNode event, String message, String from) {
            assertThat(event.path("message").asString()).isEqualTo(message);
            assertThat(event.path("from").asString()).isEqualTo(from);
        }
    }
}
