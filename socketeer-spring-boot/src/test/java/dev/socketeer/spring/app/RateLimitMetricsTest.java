package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.NodeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code socketeer.rate-limit.namespaces.[/limited]} (set in {@link AppTestSupport}: 1 event, then one per 100 s,
 * {@code error-ack}) reaches the namespace, and what is over it is counted as
 * {@code socketeer.events.rate-limited}, tagged by namespace and action. Client: the Node client.
 */
class RateLimitMetricsTest extends AppTestSupport {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    SocketIoServer io;

    @Test
    void eventsOverTheNamespacesLimitAreAnsweredWithAnErrorAndCounted() throws Exception {
        io.of("/limited").onConnection(socket -> socket.on("tick", (args, ack) -> ack.send("ok")));
        NodeClient client = connect("/limited", Map.of("reconnection", false, "transports", List.of("websocket")));
        client.awaitConnect();
        double before = rateLimited(scrape());
        assertThat(client.emitWithAck("tick", Duration.ofSeconds(10))).hasToString("[\"ok\"]");
        assertThat(client.emitWithAck("tick", Duration.ofSeconds(10)))
                .hasToString("[{\"status\":\"error\",\"message\":\"rate limit exceeded\"}]");
        client.emit("tick");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rateLimited(scrape())).isEqualTo(before + 2));
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus")))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double rateLimited(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("socketeer_events_rate_limited_total{")
                        && line.contains("namespace=\"/limited\"") && line.contains("action=\"error-ack\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
