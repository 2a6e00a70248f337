package dev.socketeer.spring.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.ParentNamespace;
import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.NodeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Namespace tags of the Socket.IO meters never come from a client: refused CONNECTs to namespaces that do not
 * exist, however many and however long their names, are one series ({@code namespace="(unknown)"}); children
 * of a dynamic namespace are counted under the parent's pattern. Clients: raw polling (for 100 KB names) and
 * the Node client.
 */
class MetricTagBoundsTest extends AppTestSupport {
    private static final String PATTERN = "^/metrics-dyn-[0-9]+$";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    SocketIoServer io;

    @Test
    void refusedConnectsToUnknownNamespacesAreOneSeriesHoweverLongTheirNames() throws Exception {
        double before = value(scrape(), "socketeer_connect_errors_total", "(unknown)");
        int clients = 40;
        for (int i = 0; i < clients; i++) {
            String name = "/unknown-" + i + "-" + "x".repeat(100_000);
            assertThat(refusedConnect(name)).startsWith("44" + name + ",").contains("Invalid namespace");
        }
        String metrics = scrape();
        assertThat(metrics.length()).as("scrape size").isLessThan(1_000_000);   // 40 x 100 KB names were tags
        assertThat(metrics).doesNotContain("xxxxxxxxxx").doesNotContain("/unknown-");
        assertThat(value(metrics, "socketeer_connect_errors_total", "(unknown)")).isEqualTo(before + clients);
    }

    @Test
    void childrenOfADynamicNamespaceAreCountedUnderTheirParent() {
        ParentNamespace parent = io.of(Pattern.compile(PATTERN));
        parent.use((socket, next) -> {
            if (socket.namespace().name().endsWith("-0")) next.fail("not this one");
            else next.proceed();
        });
        List<NodeClient> children = List.of(websocket("/metrics-dyn-1"), websocket("/metrics-dyn-2"),
                websocket("/metrics-dyn-3"));
        children.forEach(NodeClient::awaitConnect);
        NodeClient refused = websocket("/metrics-dyn-0");
        assertThat(refused.awaitConnectError().path("message").asString()).isEqualTo("not this one");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "socketeer_connects_total", PATTERN)).isEqualTo(3);
            assertThat(value(metrics, "socketeer_sockets_connected", PATTERN)).isEqualTo(3);
            assertThat(value(metrics, "socketeer_connect_errors_total", PATTERN)).isEqualTo(1);
            assertThat(metrics).doesNotContain("namespace=\"/metrics-dyn-");
        });
        children.get(0).close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "socketeer_sockets_connected", PATTERN)).isEqualTo(2);
            assertThat(metrics).contains("socketeer_disconnects_total{namespace=\"" + PATTERN + "\"");
        });
    }

    /** Opens a polling session, CONNECTs to {@code namespace}, returns the server's answer, closes the session. */
    private String refusedConnect(String namespace) throws Exception {
        String open = send(HttpRequest.newBuilder(URI.create(url("/socket.io/?EIO=4&transport=polling"))));
        Matcher sid = Pattern.compile("\"sid\":\"([^\"]+)\"").matcher(open);
        assertThat(sid.find()).as("handshake %s", open).isTrue();
        String session = url("/socket.io/?EIO=4&transport=polling&sid=" + sid.group(1));
        assertThat(send(HttpRequest.newBuilder(URI.create(session))
                .POST(HttpRequest.BodyPublishers.ofString("40" + namespace + ",")))).isEqualTo("ok");
        String answer = send(HttpRequest.newBuilder(URI.create(session)));
        send(HttpRequest.newBuilder(URI.create(session)).POST(HttpRequest.BodyPublishers.ofString("1")));
        return answer;
    }

    private NodeClient websocket(String namespace) {
        return connect(namespace, Map.of("reconnection", false, "transports", List.of("websocket")));
    }

    private String scrape() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url("/actuator/prometheus"))));
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s", response.uri()).isEqualTo(200);
        return response.body();
    }

    /** The value of the series {@code metric{namespace="<namespace>"...}}, 0 when there is none. */
    private static double value(String metrics, String metric, String namespace) {
        String prefix = metric + "{namespace=\"" + namespace + "\"";
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
