package dev.socketeer.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.RateLimit;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.server.SocketeerServerApplication;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RawClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The bench profile as socketeer-bench starts it (only {@code --spring.profiles.active=bench} and a port; no
 * JWT secret, no API key, no database URL): the real socket.io-client under node drives the "room" contract,
 * served by the event hub's own gateway on {@code /}, without a token, over websocket and long-polling; the
 * hub announces no clients; the REST API and the hub's triggers keep their authentication, browsers of other
 * origins are refused, and the database is in memory.
 *
 * <p>The application is started by hand, not through the Spring test context cache: the cache pauses a
 * cached context when another one is used, and the Socket.IO server lifecycle cannot be restarted, so a
 * cached bench context would break the {@code @ServerTest} classes that run after it.
 */
@ExtendWith(LeakGuard.class)
class BenchProfileEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static ConfigurableApplicationContext app;
    private static NodeDriver driver;
    private static int port;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(SocketeerServerApplication.class)
                .profiles("bench")
                .run("--server.port=0");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        driver = new NodeDriver();
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.close();
        if (app != null) app.close();
    }

    /** 127.0.0.1, not localhost: the bench profile binds loopback IPv4 only. */
    private NodeClient connect(String... transports) {
        Map<String, ?> options = transports.length == 0 ? Map.of() : Map.of("transports", List.of(transports));
        return driver.connect("http://127.0.0.1:" + port + "/", options);
    }

    @Test
    void joinRoomEmitsRoomJoinedAndAcksTheRoomWithoutAToken() {
        try (NodeClient client = connect()) {
            client.awaitConnect(TIMEOUT);
            ArrayNode ack = client.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "r1"));
            assertThat(ack).hasSize(1);
            assertThat(ack.get(0).path("room").asString()).isEqualTo("r1");
            assertThat(client.awaitEvent("roomJoined", TIMEOUT).get(0).path("room").asString()).isEqualTo("r1");
        }
    }

    @Test
    void roomMessageReachesEveryMemberOverBothTransportsWithTheSender() {
        try (NodeClient sender = connect("websocket");
             NodeClient member = connect("polling");
             NodeClient outsider = connect("websocket")) {
            String senderId = sender.awaitConnect(TIMEOUT);
            member.awaitConnect(TIMEOUT);
            outsider.awaitConnect(TIMEOUT);
            sender.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "lobby"));
            member.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "lobby"));
            outsider.emitWithAck("joinRoom", TIMEOUT, Map.of("room", "elsewhere"));

            // the load generator's publish frame: the timestamp as a decimal string
            sender.emit("roomMessage", Map.of("room", "lobby", "message", "1234567890123"));

            for (NodeClient receiver : List.of(member, sender)) {
                JsonNode msg = receiver.awaitEvent("roomMessage", TIMEOUT).get(0);
                assertThat(msg.path("room").asString()).isEqualTo("lobby");
                assertThat(msg.path("message").asString()).isEqualTo("1234567890123");
                assertThat(msg.path("from").asString()).isEqualTo(senderId);
            }
            // the outsider's next roomMessage is its own room's, so the lobby message never reached it
            outsider.emit("roomMessage", Map.of("room", "elsewhere", "message", "marker"));
            assertThat(outsider.awaitEvent("roomMessage", TIMEOUT).get(0).path("message").asString())
                    .isEqualTo("marker");
        }
    }

    @Test
    void echoAcksWithTheSameArguments() {
        try (NodeClient client = connect("websocket")) {
            client.awaitConnect(TIMEOUT);
            Map<String, Object> payload = Map.of("t", 1234567890123L, "seq", 7, "pad", "xxxx");
            ArrayNode ack = client.emitWithAck("echo", TIMEOUT, payload, "second", 3);
            assertThat(ack).hasSize(3);
            assertThat(ack.get(0)).isEqualTo(NodeDriver.toJson(payload));
            assertThat(ack.get(1).asString()).isEqualTo("second");
            assertThat(ack.get(2).asInt()).isEqualTo(3);
        }
    }

    @Test
    void messageBroadcastsToEveryOtherSocketAndConfirmsToTheSender() {
        try (NodeClient sender = connect(); NodeClient other = connect()) {
            String senderId = sender.awaitConnect(TIMEOUT);
            other.awaitConnect(TIMEOUT);
            sender.emit("message", Map.of("message", "hello all"));
            JsonNode msg = other.awaitEvent("messageBroadcast", TIMEOUT).get(0);
            assertThat(msg.path("message").asString()).isEqualTo("hello all");
            assertThat(msg.path("from").asString()).isEqualTo(senderId);
            assertThat(sender.awaitEvent("messageReceived", TIMEOUT).get(0).path("message").asString())
                    .isEqualTo("hello all");
            // the sender's own first messageBroadcast is the other's reply, not its own message
            other.emit("message", Map.of("message", "reply"));
            assertThat(sender.awaitEvent("messageBroadcast", TIMEOUT).get(0).path("message").asString())
                    .isEqualTo("reply");
        }
    }

    @Test
    void joinRoomWithoutARoomIsAnsweredWithAnError() {
        try (NodeClient client = connect("websocket")) {
            client.awaitConnect(TIMEOUT);
            JsonNode ack = client.emitWithAck("joinRoom", TIMEOUT, Map.of()).get(0);
            assertThat(ack.path("status").asString()).isEqualTo("error");
            assertThat(ack.path("message").asString()).isEqualTo("room: must not be blank");
        }
    }

    @Test
    void noClientIsAnnounced() {
        try (NodeClient first = connect("websocket"); NodeClient second = connect("websocket")) {
            first.awaitConnect(TIMEOUT);
            second.awaitConnect(TIMEOUT);
            // an ack is answered after the socket's connect handlers ran and after anything they emitted
            first.emitWithAck("echo", TIMEOUT, 1);
            second.emitWithAck("echo", TIMEOUT, 2);
            first.emitWithAck("echo", TIMEOUT, 3);
            assertThat(first.received("connected")).isEmpty();
            assertThat(first.received("clientJoined")).isEmpty();
            assertThat(app.getEnvironment().getProperty("socketeer.server.hub.presence-events")).isEqualTo("false");
        }
    }

    @Test
    void eventsAreNotRateLimited() {
        assertThat(app.getBean(SocketIoServer.class).options().rateLimit()).isSameAs(RateLimit.NONE);
        try (NodeClient client = connect("websocket")) {
            client.awaitConnect(TIMEOUT);
            for (int i = 0; i < 300; i++) {
                client.emit("echo", i); // far beyond the default profile's burst of 100
            }
            assertThat(client.emitWithAck("echo", TIMEOUT, "last").get(0).asString()).isEqualTo("last");
        }
    }

    @Test
    void websocketFromTheServersOwnOriginIsAcceptedAndFromOthersRefused() throws Exception {
        // socketeer-bench's generator (Netty's handshaker) sends Origin: http://127.0.0.1:PORT
        assertThat(upgradeStatus("Origin: http://127.0.0.1:" + port)).isEqualTo(101);
        assertThat(upgradeStatus("Origin: http://localhost:5173")).isBetween(400, 499);
    }

    private int upgradeStatus(String originHeader) throws Exception {
        try (RawClient raw = new RawClient(port)) {
            raw.write(RawClient.upgradeRequest(port, "EIO=4&transport=websocket", originHeader));
            return raw.readResponse().status();
        }
    }

    @Test
    void restApiStillNeedsATokenAndTheDatabaseIsInMemory() {
        assertThat(app.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:mem:");
        assertThat(app.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
        WebTestClient http = WebTestClient.bindToServer(new JdkClientHttpConnector(java.net.http.HttpClient.newBuilder()
                        .version(java.net.http.HttpClient.Version.HTTP_1_1).build()))
                .baseUrl("http://127.0.0.1:" + port).build();
        http.get().uri("/api/v1/claims").exchange().expectStatus().isUnauthorized();
        http.get().uri("/websocket/status").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }
}
