package dev.socketeer.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.redis.RedisAdapter;
import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.redis.RedisShardedAdapter;
import dev.socketeer.redis.RedisStreamsAdapter;
import dev.socketeer.redis.RedisStreamsAdapterFactory;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code socketeer.adapter=redis} on the real Redis: two contexts (two dedicated ports, the same
 * {@code socketeer.redis.key}) form one cluster, the one configured by {@code spring.data.redis.url}, the
 * other by {@code spring.data.redis.host}/{@code port}; a broadcast from one reaches an official
 * {@code socket.io-client} on the other; the same with {@code socketeer.adapter=redis-streams}. And the
 * startup failures of the values that cannot work.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class RedisAdapterConfigurationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class))
                .withPropertyValues("socketeer.port=0", "socketeer.host=127.0.0.1");
    }

    @Test
    void aBroadcastFromOneContextReachesAClientOfTheOther() {
        String key = "spring-" + UUID.randomUUID();
        InetSocketAddress redis = Service.REDIS.address();
        ApplicationContextRunner a = runner().withPropertyValues("socketeer.adapter=redis",
                "socketeer.redis.key=" + key, "socketeer.redis.requests-timeout=2s",
                "spring.data.redis.url=" + Service.REDIS.url());
        ApplicationContextRunner b = runner().withPropertyValues("socketeer.adapter=REDIS",
                "socketeer.redis.key=" + key, "spring.data.redis.host=" + redis.getHostString(),
                "spring.data.redis.port=" + redis.getPort());
        try (NodeDriver driver = new NodeDriver()) {
            a.run(ctxA -> b.run(ctxB -> {
                assertThat(ctxA).hasNotFailed();
                assertThat(ctxB).hasNotFailed();
                assertThat(ctxA.getBean(RedisAdapterFactory.class).key()).isEqualTo(key);
                assertThat(ctxA.getBean(RedisAdapterFactory.class).requestsTimeout()).isEqualTo(Duration.ofSeconds(2));
                SocketIoServer serverA = ctxA.getBean(SocketIoServer.class);
                SocketIoServer serverB = ctxB.getBean(SocketIoServer.class);
                RedisAdapter adapterA = (RedisAdapter) serverA.sockets().adapter();
                await().atMost(WAIT).until(() -> adapterA.serverCount().join() == 2);

                NodeClient client = driver.connect("http://127.0.0.1:" + serverB.port() + "/",
                        Map.of("reconnection", false, "transports", java.util.List.of("websocket")));
                client.awaitConnect();
                serverA.sockets().emit("news", "from A");
                assertThat(client.awaitEvent("news", WAIT).get(0).asString()).isEqualTo("from A");
            }));
        }
    }

    @Test
    void memoryIsTheDefault() {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(RedisAdapterFactory.class);
        });
    }

    @Test
    void redisStreamsContextsFormOneClusterOnTheirKey() {
        String key = "spring-streams-" + UUID.randomUUID();
        ApplicationContextRunner a = runner().withPropertyValues("socketeer.adapter=redis-streams",
                "socketeer.redis.key=" + key, "spring.data.redis.url=" + Service.REDIS.url());
        ApplicationContextRunner b = runner().withPropertyValues("socketeer.adapter=REDIS-STREAMS",
                "socketeer.redis.key=" + key, "spring.data.redis.url=" + Service.REDIS.url());
        try (NodeDriver driver = new NodeDriver()) {
            a.run(ctxA -> b.run(ctxB -> {
                assertThat(ctxA).hasNotFailed().doesNotHaveBean(RedisAdapterFactory.class);
                assertThat(ctxB).hasNotFailed();
                SocketIoServer serverA = ctxA.getBean(SocketIoServer.class);
                SocketIoServer serverB = ctxB.getBean(SocketIoServer.class);
                RedisStreamsAdapter adapterA = (RedisStreamsAdapter) serverA.sockets().adapter();
                assertThat(adapterA.stream()).isEqualTo(key);
                assertThat(adapterA.publicChannel()).isEqualTo(key + "#/#");
                await().atMost(WAIT).until(() -> adapterA.serverCount().join() == 2);

                NodeClient client = driver.connect("http://127.0.0.1:" + serverB.port() + "/",
                        Map.of("reconnection", false, "transports", java.util.List.of("websocket")));
                client.awaitConnect();
                serverA.sockets().emit("news", "from A");
                assertThat(client.awaitEvent("news", WAIT).get(0).asString()).isEqualTo("from A");
            }));
        }
    }

    @Test
    void redisShardedContextsFormOneClusterOnTheirKey() {
        String key = "spring-sharded-" + UUID.randomUUID();
        ApplicationContextRunner a = runner().withPropertyValues("socketeer.adapter=redis-sharded",
                "socketeer.redis.key=" + key, "socketeer.redis.subscription-mode=static",
                "spring.data.redis.url=" + Service.REDIS.url());
        ApplicationContextRunner b = runner().withPropertyValues("socketeer.adapter=REDIS-SHARDED",
                "socketeer.redis.key=" + key, "socketeer.redis.subscription-mode=static",
                "spring.data.redis.url=" + Service.REDIS.url());
        try (NodeDriver driver = new NodeDriver()) {
            a.run(ctxA -> b.run(ctxB -> {
                assertThat(ctxA).hasNotFailed().doesNotHaveBean(RedisAdapterFactory.class)
                        .doesNotHaveBean(RedisStreamsAdapterFactory.class);
                assertThat(ctxB).hasNotFailed();
                SocketIoServer serverA = ctxA.getBean(SocketIoServer.class);
                SocketIoServer serverB = ctxB.getBean(SocketIoServer.class);
                RedisShardedAdapter adapterA = (RedisShardedAdapter) serverA.sockets().adapter();
                assertThat(adapterA.channel()).isEqualTo(key + "#/#");
                await().atMost(WAIT).until(() -> adapterA.serverCount().join() == 2);

                NodeClient client = driver.connect("http://127.0.0.1:" + serverB.port() + "/",
                        Map.of("reconnection", false, "transports", java.util.List.of("websocket")));
                client.awaitConnect();
                String id = serverB.sockets().fetchSockets().join().get(0).id();
                serverA.sockets().to(id).emit("news", "from A"); // a socket id: on the namespace's channel
                assertThat(client.awaitEvent("news", WAIT).get(0).asString()).isEqualTo("from A");
            }));
        }
    }

    @Test
    void anUnknownSubscriptionModeFailsAtStartup() {
        runner().withPropertyValues("socketeer.adapter=redis-sharded", "socketeer.redis.subscription-mode=sometimes",
                "spring.data.redis.url=" + Service.REDIS.url()).run(ctx ->
                        assertThat(ctx.getStartupFailure()).rootCause()
                                .hasMessageContaining("subscriptionMode: expected static, dynamic or dynamic-private"));
    }

    @Test
    void redisStreamsWithoutTheModuleFailsAtStartup() {
        runner().withClassLoader(new FilteredClassLoader(RedisStreamsAdapterFactory.class))
                .withPropertyValues("socketeer.adapter=redis-streams").run(ctx ->
                        assertThat(ctx.getStartupFailure()).rootCause()
                                .hasMessageContaining("socketeer-redis on the class path"));
    }

    @Test
    void redisWithoutTheModuleFailsAtStartup() {
        runner().withClassLoader(new FilteredClassLoader(RedisAdapterFactory.class))
                .withPropertyValues("socketeer.adapter=redis").run(ctx ->
                        assertThat(ctx.getStartupFailure()).rootCause()
                                .hasMessageContaining("socketeer-redis on the class path"));
    }

    @Test
    void redisThatDoesNotAnswerFailsAtStartup() {
        runner().withPropertyValues("socketeer.adapter=redis", "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=1", "spring.data.redis.timeout=2s").run(ctx ->
                assertThat(ctx).hasFailed());
    }
}
