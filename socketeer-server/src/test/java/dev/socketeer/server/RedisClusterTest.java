package dev.socketeer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.redis.RedisAdapter;
import dev.socketeer.server.notifications.SseClient;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.Nginx;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The reference server as a cluster, {@code SPRING_PROFILES_ACTIVE=postgres,redis}: two nodes (two
 * application contexts, two ports) on one throw-away PostgreSQL schema and the real Redis (a channel
 * prefix of their own). What one node publishes reaches the clients of the other.
 */
@RequiresService({Service.POSTGRESQL, Service.REDIS})
@ExtendWith(LeakGuard.class)
class RedisClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int ACCOUNT_FAILURES = 4;

    private static PostgresSchema schema;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static NodeDriver driver;

    @BeforeAll
    static void startCluster() {
        schema = PostgresSchema.create();
        List<String> args = new ArrayList<>();
        schema.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of("--server.port=0",
                "--socketeer.server.jwt.secret=" + TestTokens.SECRET,
                "--socketeer.server.admin.username=" + ApiTestClient.ADMIN_USERNAME,
                "--socketeer.server.admin.password=" + ApiTestClient.ADMIN_PASSWORD,
                "--socketeer.server.api-keys=" + ApiTestClient.API_KEY,
                "--socketeer.server.auth.login-rate.account-failures=" + ACCOUNT_FAILURES,
                "--socketeer.redis.key=cluster-" + UUID.randomUUID(),
                "--spring.data.redis.url=" + Service.REDIS.url()));
        nodeA = start(args);
        nodeB = start(args);
        RedisAdapter adapter = (RedisAdapter) nodeA.getBean(SocketIoServer.class).sockets().adapter();
        await().atMost(WAIT).until(() -> adapter.serverCount().join() == 2);
        driver = new NodeDriver();
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(SocketeerServerApplication.class).profiles("postgres", "redis")
                .run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopCluster() {
        if (driver != null) driver.close();
        if (nodeB != null) nodeB.close();
        if (nodeA != null) nodeA.close();
        if (schema != null) schema.drop();
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    private static String socketUrl(ConfigurableApplicationContext node) {
        return ApiTestClient.socketUrl(node.getBean(SocketIoServer.class), port(node));
    }

    @Test
    void aClaimPostedToNodeAReachesADashboardOfNodeB() {
        ApiTestClient apiA = new ApiTestClient(port(nodeA));
        String token = apiA.newUserToken();
        try (NodeClient dashboardOfB = driver.connect(socketUrl(nodeB) + "/", Map.of("transports", List.of("websocket"), "forceNew", true));
             NodeClient dashboardOfA = driver.connect(socketUrl(nodeA) + "/", Map.of("transports", List.of("websocket"), "forceNew", true))) {
            dashboardOfB.awaitConnect();
            dashboardOfA.awaitConnect();
            JsonNode created = ApiTestClient.json(apiA.http().post().uri("/api/v1/claims")
                    .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("title", "Hail", "description", "roof", "amount", new BigDecimal("310.00"),
                            "currency", "EUR"))
                    .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
            assertSameClaim(dashboardOfB.awaitEvent("newClaim", WAIT).get(0), created);
            assertSameClaim(dashboardOfA.awaitEvent("newClaim", WAIT).get(0), created);
        }
    }

    /**
     * Behind the README's nginx configuration ({@link Nginx#STICKY}), long-polling dashboards land on both
     * nodes and both get a claim posted to one of them.
     */
    @Test
    @RequiresService(Service.NGINX)
    void pollingDashboardsBehindTheReadmesNginxLandOnBothNodesAndGetAClaim(@TempDir Path dir) throws IOException {
        int port = Nginx.freePort();
        SocketIoServer ioA = nodeA.getBean(SocketIoServer.class);
        SocketIoServer ioB = nodeB.getBean(SocketIoServer.class);
        ApiTestClient apiA = new ApiTestClient(port(nodeA));
        String token = apiA.newUserToken();
        Map<String, Object> polling = Map.of("transports", List.of("polling"), "withCredentials", true,
                "forceNew", true, "reconnection", false);
        List<NodeClient> dashboards = new ArrayList<>();
        try (Nginx nginx = Nginx.start(dir, port, Nginx.sticky(port, socketPort(nodeA), socketPort(nodeB)))) {
            for (int i = 0; i < 4; i++) {
                NodeClient dashboard = driver.connect(nginx.url() + "/", polling);
                dashboards.add(dashboard);
                dashboard.awaitConnect();
            }
            assertThat(dashboards).anyMatch(d -> ioA.localSockets().containsKey(d.state().id()))
                    .anyMatch(d -> ioB.localSockets().containsKey(d.state().id()));
            JsonNode created = ApiTestClient.json(apiA.http().post().uri("/api/v1/claims")
                    .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("title", "Flood", "description", "cellar", "amount", new BigDecimal("99.00"),
                            "currency", "EUR"))
                    .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
            for (NodeClient dashboard : dashboards) {
                assertSameClaim(dashboard.awaitEvent("newClaim", WAIT).get(0), created);
                assertThat(dashboard.state().transport()).isEqualTo("polling");
            }
        } finally {
            dashboards.forEach(NodeClient::close);
        }
    }

    /** The port of the node's Socket.IO server: its own, or the WebFlux port it is mounted on. */
    private static int socketPort(ConfigurableApplicationContext node) {
        String url = socketUrl(node);
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** JSON-equal but for how the amount is written (310 or 310.0). */
    private static void assertSameClaim(JsonNode received, JsonNode created) {
        assertThat(received.path("id").asLong()).isEqualTo(created.path("id").asLong());
        assertThat(received.path("title")).isEqualTo(created.path("title"));
        assertThat(received.path("createdBy")).isEqualTo(created.path("createdBy"));
        assertThat(received.path("createdAt")).isEqualTo(created.path("createdAt"));
        assertThat(received.path("amount").decimalValue()).isEqualByComparingTo(created.path("amount").decimalValue());
    }

    @Test
    void aUsersNotificationReachesItsTabsOnBothNodes() {
        ApiTestClient apiA = new ApiTestClient(port(nodeA));
        String token = apiA.newUserToken();
        long userId = apiA.userId(token);
        String otherToken = new ApiTestClient(port(nodeB)).newUserToken();
        Map<String, Object> auth = Map.of("extraHeaders", Map.of("Authorization", "Bearer " + token),
                "transports", List.of("websocket"), "forceNew", true);
        try (NodeClient tabOnA = driver.connect(socketUrl(nodeA) + "/notifications", auth);
             NodeClient tabOnB = driver.connect(socketUrl(nodeB) + "/notifications", auth);
             NodeClient otherUserOnB = driver.connect(socketUrl(nodeB) + "/notifications",
                     Map.of("extraHeaders", Map.of("Authorization", "Bearer " + otherToken),
                             "transports", List.of("websocket"), "forceNew", true))) {
            for (NodeClient tab : List.of(tabOnA, tabOnB, otherUserOnB)) {
                assertThat(tab.awaitEvent("unread_count", WAIT).get(0).path("data").path("count").asLong()).isZero();
                assertThat(tab.emitWithAck("subscribe_notifications", WAIT, Map.of()).get(0).path("success").asBoolean())
                        .isTrue();
            }
            JsonNode created = ApiTestClient.json(apiA.http().post().uri("/api/v1/notifications")
                    .headers(h -> h.setBearerAuth(apiA.adminToken())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("userId", userId, "type", "info", "title", "Across", "message", "both tabs"))
                    .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
            for (NodeClient tab : List.of(tabOnA, tabOnB)) {
                JsonNode event = tab.awaitEvent("notification", WAIT).get(0);
                assertThat(event.path("data")).isEqualTo(created);
            }
            otherUserOnB.assertNoEvent("notification", Duration.ofMillis(700));
        }
    }

    @Test
    void aUsersSseStreamOnNodeBGetsTheNotificationPostedToNodeALive() {
        ApiTestClient apiA = new ApiTestClient(port(nodeA));
        String token = apiA.newUserToken();
        long userId = apiA.userId(token);
        try (SseClient streamOnB = SseClient.open(
                URI.create("http://127.0.0.1:" + port(nodeB) + "/api/v1/notifications/events"),
                Map.of("Authorization", "Bearer " + token))) {
            assertThat(streamOnB.status()).isEqualTo(200);
            JsonNode first = ApiTestClient.json(streamOnB.next(WAIT).data()); // sent once the stream is live
            assertThat(first.path("type").asString()).isEqualTo("unread_count");
            assertThat(first.path("data").path("count").asLong()).isZero();

            JsonNode created = ApiTestClient.json(apiA.http().post().uri("/api/v1/notifications")
                    .headers(h -> h.setBearerAuth(apiA.adminToken())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("userId", userId, "type", "info", "title", "Relayed", "message", "to node B"))
                    .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody());
            Map<String, JsonNode> live = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                SseClient.Message message = streamOnB.next(WAIT);
                JsonNode event = ApiTestClient.json(message.data());
                live.put(event.path("type").asString(), event);
                if ("notification".equals(event.path("type").asString())) {
                    assertThat(message.lastEventId()).isEqualTo(created.path("id").asString());
                }
            }
            assertThat(live.get("notification").path("data")).isEqualTo(created);
            assertThat(live.get("unread_count").path("data").path("count").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aHubTriggerOnNodeAReachesAClientOfNodeBByItsId() {
        ApiTestClient apiA = new ApiTestClient(port(nodeA));
        try (NodeClient clientOfB = driver.connect(socketUrl(nodeB) + "/",
                Map.of("transports", List.of("websocket"), "forceNew", true))) {
            clientOfB.awaitConnect();
            String id = clientOfB.state().id();
            JsonNode answer = ApiTestClient.json(apiA.http().post().uri("/websocket/notify/client/" + id)
                    .header("X-API-Key", ApiTestClient.API_KEY).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("type", "info", "title", "Across", "message", "from node A"))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(answer.path("message").asString()).isEqualTo("Notification sent to client " + id);
            assertThat(clientOfB.awaitEvent("notification", WAIT).get(0).path("title").asString()).isEqualTo("Across");

            apiA.http().post().uri("/websocket/notify/client/no-such-client")
                    .header("X-API-Key", ApiTestClient.API_KEY).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("type", "info", "title", "Nobody", "message", "anywhere"))
                    .exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void failedLoginsOnBothNodesCountAgainstOneBudget() {
        ApiTestClient apiA = new ApiTestClient(port(nodeA));
        ApiTestClient apiB = new ApiTestClient(port(nodeB));
        String username = ApiTestClient.newUsername();
        apiA.register(username, "correct horse battery");
        for (int i = 0; i < ACCOUNT_FAILURES; i++) { // spread over both nodes: each saw half the budget
            (i % 2 == 0 ? apiA : apiB).http().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", "wrong " + i))
                    .exchange().expectStatus().isUnauthorized();
        }
        for (ApiTestClient node : List.of(apiA, apiB)) {
            node.http().post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", "correct horse battery"))
                    .exchange().expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
        }
    }
}
