package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.RawClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** REST, SSE, actuator and Socket.IO (polling and websocket) answering on the web server's one port. */
class SamePortMountTest extends AppTestSupport {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void restAndSocketIoShareOneKeepAliveConnection() throws Exception {
        assertThat(get("/api/hello").body()).contains("\"hello\":\"world\"");
        HttpResponse<String> handshake = get("/socket.io/?EIO=4&transport=polling");
        assertThat(handshake.statusCode()).isEqualTo(200);
        assertThat(handshake.body()).startsWith("0{\"sid\":");
        assertThat(get("/api/hello").statusCode()).isEqualTo(200);
        assertThat(get("/socket.io/?EIO=4&transport=polling&sid=unknown").statusCode()).isEqualTo(400);
        assertThat(get("/api/hello").statusCode()).isEqualTo(200);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedPercentEncodingIsAnsweredOnAnyPath() throws Exception {
        try (RawClient raw = new RawClient(port)) {
            raw.write("GET /api/hello/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(raw.readResponse().status()).as("answered by WebFlux, not dropped").isBetween(400, 404);
        }
        try (RawClient raw = new RawClient(port)) {
            raw.write("GET /socket.io/?EIO=4&transport=polling&x=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawClient.Response res = raw.readResponse();
            assertThat(res.status()).isEqualTo(400);
            assertThat(res.text()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
            raw.write("GET /api/hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(raw.readResponse().status()).as("the same connection serves REST next").isEqualTo(200);
        }
    }

    @Test
    void serverSentEventsStillStream() throws Exception {
        HttpResponse<String> sse = http.send(HttpRequest.newBuilder(URI.create(url("/api/ticks")))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sse.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(sse.body()).contains("data:tick-0", "data:tick-1", "data:tick-2");
    }

    @Test
    void pollingOnlyClientWorks() {
        assertPingPong(connect("/chat", Map.of("reconnection", false, "transports", List.of("polling"))), "polling");
    }

    @Test
    void websocketOnlyClientWorks() {
        assertPingPong(connect("/chat", Map.of("reconnection", false, "transports", List.of("websocket"))), "websocket");
    }

    @Test
    void pollingClientUpgradesToWebsocket() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        assertThat(client.awaitUpgrade()).isEqualTo("websocket");
        assertThat(client.emitWithAck("ping", Duration.ofSeconds(10)).get(0).asString()).isEqualTo("pong");
        assertThat(get("/api/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void anyServiceCanEmitThroughTheInjectedServer() throws Exception {
        // several websockets: the second and later share one encoded frame, written through Reactor's pipeline
        List<NodeClient> clients = List.of(connect("/chat"),
                connect("/chat", Map.of("reconnection", false, "transports", List.of("websocket"))),
                connect("/chat", Map.of("reconnection", false, "transports", List.of("websocket"))),
                connect("/chat", Map.of("reconnection", false, "transports", List.of("polling"))));
        clients.forEach(NodeClient::awaitConnect);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url("/api/notify?text=hi")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        for (NodeClient client : clients) {
            assertThat(client.awaitEvent("notice").get(0).asString()).isEqualTo("hi");
        }
    }

    @Test
    void blockingHandlerDelaysNeitherOtherSocketsNorHeartbeats() throws Exception {
        ChatGateway.release = new CountDownLatch(1);
        NodeClient blocked = connect("/chat", Map.of("reconnection", false, "transports", List.of("websocket")));
        NodeClient other = connect("/chat", Map.of("reconnection", false, "transports", List.of("polling")));
        blocked.awaitConnect();
        other.awaitConnect();
        int blockedPings = blocked.state().pings();
        int otherPings = other.state().pings();
        blocked.emit("block");
        // the other socket is served while the handler blocks (it waits for the latch, released below)
        assertThat(other.emitWithAck("ping", Duration.ofSeconds(10)).get(0).asString()).isEqualTo("pong");
        // both heartbeats go on: 5 more PINGs (1 s apart) outlast a whole interval + timeout (1 s + 3 s), after
        // which a client whose PINGs stopped would have given up, however slow the machine
        await().atMost(Duration.ofSeconds(15)).until(() -> blocked.state().pings() >= blockedPings + 5);
        await().atMost(Duration.ofSeconds(15)).until(() -> other.state().pings() >= otherPings + 5);
        assertThat(blocked.state().connected()).isTrue();
        assertThat(other.state().connected()).isTrue();
        ChatGateway.release.countDown();
        assertThat(blocked.awaitEvent("woke").get(0).asBoolean()).isTrue();
        assertThat(blocked.recentNotifications()).noneMatch(n -> n.path("event").asString().equals("disconnect"));
    }

    @Test
    void actuatorShowsHealthAndMetrics() {
        NodeClient client = connect("/chat");
        client.awaitConnect();
        client.emitWithAck("ping", Duration.ofSeconds(10));
        JsonNode socketeer = JsonMapper.builder().build().readTree(get("/actuator/health").body())
                .path("components").path("socketeer");
        assertThat(socketeer.path("status").asString()).isEqualTo("UP");
        assertThat(socketeer.path("details").path("clients").asInt()).isPositive();
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("socketeer_sockets_connected{", "namespace=\"/chat\"",
                "socketeer_connects_total{", "socketeer_events_received_total{", "socketeer_events_sent_total{",
                "socketeer_clients ");
    }

    private void assertPingPong(NodeClient client, String transport) {
        assertThat(client.awaitConnectDetails(NodeClient.DEFAULT_TIMEOUT).path("transport").asString())
                .isEqualTo(transport);
        assertThat(client.emitWithAck("ping", Duration.ofSeconds(10)).get(0).asString()).isEqualTo("pong");
        assertThat(client.emitWithAck("echo", Duration.ofSeconds(10), Map.of("name", transport)).get(0)
                .get("name").asString()).isEqualTo(transport.toUpperCase(java.util.Locale.ROOT));
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
