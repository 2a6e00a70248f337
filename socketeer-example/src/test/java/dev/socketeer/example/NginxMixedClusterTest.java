package dev.socketeer.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.redis.RedisAdapter;
import dev.socketeer.redis.RedisAdapterFactory;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.Nginx;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.NodeReferenceServer;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's nginx configuration ({@link Nginx#STICKY}) in front of a mixed cluster: an example server
 * and a Node {@code socket.io} 4.8 node on {@code @socket.io/redis-adapter} ({@code compat/redis-node.js})
 * sharing the real Redis. The cookie is nginx's own, so the Node node needs nothing: long-polling clients
 * land on both, keep their sessions through many polling cycles, and hear broadcasts of either language.
 */
@RequiresService({Service.REDIS, Service.NGINX})
@ExtendWith(LeakGuard.class)
class NginxMixedClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Map<String, Object> POLLING = Map.of("transports", List.of("polling"),
            "withCredentials", true, "forceNew", true, "reconnection", false);

    @Test
    void pollingClientsOnAJavaAndANodeNodeBehindNginxHearBothNodes(@TempDir Path dir) throws Exception {
        String key = "nginx-mixed-" + UUID.randomUUID();
        List<NodeClient> clients = new ArrayList<>();
        try (RedisAdapterFactory redis = RedisAdapterFactory.connect(Service.REDIS.url(), key);
             NodeReferenceServer node = NodeReferenceServer.script("redis-node.js",
                     Map.of("REDIS_URL", Service.REDIS.url(), "KEY", key, "PING_INTERVAL", "250"));
             NodeDriver driver = new NodeDriver()) {
            SocketIoServer java = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0)
                    .adapter(redis).pingInterval(Duration.ofMillis(250)).pingTimeout(Duration.ofSeconds(5))).start();
            try {
                node.start();
                RedisAdapter adapter = (RedisAdapter) java.sockets().adapter();
                await().atMost(WAIT).until(() -> adapter.serverCount().join() == 2);
                int port = Nginx.freePort();
                try (Nginx nginx = Nginx.start(dir, port, Nginx.sticky(port, java.port(), node.port()))) {
                    List<NodeClient> onJava = new ArrayList<>();
                    List<NodeClient> onNode = new ArrayList<>();
                    for (int i = 0; i < 4; i++) { // one after the other: round-robin between the two nodes
                        NodeClient c = driver.connect(nginx.url() + "/", POLLING);
                        clients.add(c);
                        (java.localSockets().containsKey(c.awaitConnect(WAIT)) ? onJava : onNode).add(c);
                    }
                    assertThat(onJava).as("clients on the Java node").isNotEmpty();
                    assertThat(onNode).as("clients on the Node node").isNotEmpty();
                    for (NodeClient c : clients) await().atMost(WAIT).until(() -> c.state().pings() >= 8);

                    java.emit("news", "from java");
                    onNode.get(0).emitWithAck("cast", WAIT, Map.of("event", "news", "args", List.of("from node")));
                    for (NodeClient c : clients) {
                        List<String> news = c.awaitEvents("news", 2, WAIT).stream()
                                .map(args -> args.get(0).asString()).toList();
                        assertThat(news).containsExactlyInAnyOrder("from java", "from node");
                        assertThat(c.state().connected()).isTrue();
                        assertThat(c.state().transport()).isEqualTo("polling");
                    }
                    assertThat(onJava.get(0).emitWithAck("echo", WAIT, "java").get(0).asString()).isEqualTo("java");
                    assertThat(nginx.accessLog()).noneMatch(line -> line.contains(" 400 "));
                }
            } finally {
                clients.forEach(NodeClient::close);
                java.close();
            }
        }
    }
}
