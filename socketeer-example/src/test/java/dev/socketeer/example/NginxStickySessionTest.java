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
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's nginx configuration ({@link Nginx#STICKY}, run as it is but for the addresses) in
 * front of two example servers that form a cluster on the real Redis: official clients connect through
 * nginx, long-polling ones (with {@code withCredentials}, so socket.io-client keeps nginx's cookie in
 * Node as a browser does), websocket-only ones and ones that upgrade; they land on both nodes, stay
 * there through many polling cycles, and hear broadcasts of either node. Without the cookie a polling
 * session breaks (the negative control); when a node goes away, its clients start over on the other.
 */
@RequiresService({Service.REDIS, Service.NGINX})
@ExtendWith(LeakGuard.class)
class NginxStickySessionTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration PING_INTERVAL = Duration.ofMillis(250);
    /** An access log line: request, status, the upstream address(es), the Cookie header. */
    private static final Pattern LOG_LINE =
            Pattern.compile("^(\\S+) (\\S+) \\S+ (\\d{3}) (.*) cookie=(.*)$");
    private static final Pattern NODE_COOKIE = Pattern.compile("socketeer_node=([^;\\s]+)");

    @TempDir
    Path dir;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private SocketIoServer one;
    private SocketIoServer two;
    private Nginx nginx;
    private NodeDriver driver;

    @BeforeEach
    void startClusterBehindNginx() throws IOException {
        Map<String, String> env = Map.of("SOCKETEER_REDIS_URL", Service.REDIS.url(),
                "SOCKETEER_REDIS_KEY", "nginx-" + UUID.randomUUID());
        one = node(env);
        two = node(env);
        RedisAdapter adapter = (RedisAdapter) one.sockets().adapter();
        await().atMost(WAIT).until(() -> adapter.serverCount().join() == 2);
        int port = Nginx.freePort();
        nginx = Nginx.start(dir, port, Nginx.sticky(port, one.port(), two.port()));
        resources.add(nginx);
        driver = new NodeDriver();
        resources.add(driver);
    }

    private SocketIoServer node(Map<String, String> env) {
        RedisAdapterFactory redis = (RedisAdapterFactory) ExampleServer.clusterAdapter(env);
        resources.add(0, redis); // closed after its server
        SocketIoServer io = ExampleServer.create(SocketIoServer.builder().host("127.0.0.1").port(0).adapter(redis)
                .pingInterval(PING_INTERVAL).pingTimeout(Duration.ofSeconds(5))).start();
        resources.add(0, io);
        return io;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources) resource.close();
    }

    private NodeClient client(List<String> transports, boolean cookies, boolean reconnect) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("transports", transports);
        options.put("withCredentials", cookies);
        options.put("forceNew", true);
        options.put("reconnection", reconnect);
        return driver.connect(nginx.url() + "/", options);
    }

    /** Which node holds the socket {@code id}: 1 or 2. */
    private int nodeOf(String id) {
        boolean onOne = one.localSockets().containsKey(id);
        boolean onTwo = two.localSockets().containsKey(id);
        assertThat(onOne ^ onTwo).as("socket %s is on exactly one node", id).isTrue();
        return onOne ? 1 : 2;
    }

    @Test
    void pollingAndWebSocketClientsLandOnBothNodesStayThereAndHearBothNodes() {
        List<NodeClient> polling = new ArrayList<>();
        List<NodeClient> websocket = new ArrayList<>();
        List<NodeClient> upgrading = new ArrayList<>();
        Map<NodeClient, String> ids = new LinkedHashMap<>();
        try {
            // one after the other: each new session is the next in nginx's round-robin
            for (int i = 0; i < 4; i++) {
                NodeClient c = client(List.of("polling"), true, false);
                polling.add(c);
                ids.put(c, c.awaitConnect(WAIT));
            }
            for (int i = 0; i < 4; i++) {
                NodeClient c = client(List.of("websocket"), false, false);
                websocket.add(c);
                ids.put(c, c.awaitConnect(WAIT));
            }
            for (int i = 0; i < 2; i++) {
                NodeClient c = client(List.of("polling", "websocket"), true, false);
                upgrading.add(c);
                ids.put(c, c.awaitConnect(WAIT));
                assertThat(c.awaitUpgrade(WAIT)).isEqualTo("websocket"); // the upgrade request found the session's node
            }
            assertThat(polling.stream().map(c -> nodeOf(ids.get(c)))).as("polling clients' nodes").contains(1, 2);
            assertThat(websocket.stream().map(c -> nodeOf(ids.get(c)))).as("websocket clients' nodes").contains(1, 2);

            // many long-polling cycles: every ping is the answer to one GET, every pong one POST
            for (NodeClient c : polling) {
                await().atMost(WAIT).until(() -> c.state().pings() >= 12);
            }
            int i = 0;
            for (NodeClient c : ids.keySet()) {
                assertThat(c.emitWithAck("echo", WAIT, "ping-" + i, i).toString()).isEqualTo("[\"ping-" + i + "\"," + i + "]");
                i++;
            }

            // a client's broadcast and each node's own reach every client, whichever node holds it
            NodeClient sender = polling.get(0);
            sender.emit("message", Map.of("message", "from a polling client"));
            one.emit("news", "from node one");
            two.emit("news", "from node two");
            for (NodeClient c : ids.keySet()) {
                if (c != sender) {
                    assertThat(c.awaitEvent("messageBroadcast", WAIT).get(0).path("from").asString())
                            .isEqualTo(ids.get(sender));
                }
                List<String> news = c.awaitEvents("news", 2, WAIT).stream().map(args -> args.get(0).asString()).toList();
                assertThat(news).containsExactlyInAnyOrder("from node one", "from node two");
            }
            assertThat(sender.awaitEvent("messageReceived", WAIT).get(0).path("message").asString())
                    .isEqualTo("from a polling client");

            for (NodeClient c : ids.keySet()) {
                NodeClient.State state = c.state();
                assertThat(state.connected()).isTrue();
                assertThat(state.id()).as("never reconnected").isEqualTo(ids.get(c));
                assertThat(state.transport()).isEqualTo(polling.contains(c) ? "polling" : "websocket");
            }
            assertEveryRequestWithACookieWentToItsNode();
        } finally {
            ids.keySet().forEach(NodeClient::close);
        }
    }

    /** The access log: a request naming a node in its cookie was answered by that node, and never refused. */
    private void assertEveryRequestWithACookieWentToItsNode() {
        int withCookie = 0;
        for (String line : nginx.accessLog()) {
            Matcher m = LOG_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            Matcher cookie = NODE_COOKIE.matcher(m.group(5));
            if (!cookie.find()) continue;
            withCookie++;
            assertThat(m.group(4)).as(line).isEqualTo(cookie.group(1));
            assertThat(m.group(3)).as(line).isIn("200", "101");
        }
        assertThat(withCookie).as("requests carrying the cookie").isGreaterThan(4 * 12);
    }

    @Test
    void withoutTheCookieEveryRequestIsBalancedAndAPollingSessionBreaks() {
        try (NodeClient c = client(List.of("polling"), false, false)) {
            // the handshake lands on one node, the next request on the other: "Session ID unknown"
            assertThat(c.awaitConnectError(WAIT).path("message").asString()).startsWith("xhr ");
            assertThat(c.state().connected()).isFalse();
        }
        assertThat(nginx.accessLog()).anyMatch(line -> line.contains("sid=") && line.contains(" 400 "));
    }

    @Test
    void whenANodeGoesAwayItsClientsStartOverOnTheOtherThroughTheirStaleCookie() {
        List<NodeClient> clients = new ArrayList<>();
        try {
            List<NodeClient> onTwo = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                NodeClient c = client(List.of("polling"), true, true);
                clients.add(c);
                if (nodeOf(c.awaitConnect(WAIT)) == 2) onTwo.add(c);
            }
            assertThat(onTwo).isNotEmpty();
            two.close();
            for (NodeClient c : onTwo) {
                c.awaitDisconnect(WAIT);
                String id = c.awaitConnect(WAIT); // the cookie names node two: nginx starts it over on node one
                assertThat(one.localSockets()).containsKey(id);
                assertThat(c.emitWithAck("echo", WAIT, "again").get(0).asString()).isEqualTo("again");
            }
        } finally {
            clients.forEach(NodeClient::close);
        }
    }
}
