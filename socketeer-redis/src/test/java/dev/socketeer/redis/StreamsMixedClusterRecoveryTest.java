package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Connection state recovery across the two languages of a mixed Redis Streams cluster (see
 * {@link StreamsMixedClusterBroadcastTest}): an official client connects to one node, joins a room, gets data
 * and a broadcast (its offset), loses its connection (the engine closed under it, no automatic reconnection);
 * while it is away the cluster broadcasts to its room, to everyone, to a room it is not in and past it; then
 * it connects to the node of the other language with its session id and offset. It must come back recovered,
 * with its socket id, rooms and data, and get exactly the broadcasts it missed, in order. (And back on the
 * same Java node: its recovery goes through Redis too.)
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class StreamsMixedClusterRecoveryTest {
    private static final Duration WAIT = MixedCluster.WAIT;
    private static NodeDriver driver;
    private MixedCluster cluster;
    private NodeClient wanderer;

    @BeforeAll
    static void startDriver() {
        driver = new NodeDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @BeforeEach
    void startCluster() {
        cluster = new MixedCluster();
        cluster.kind = MixedCluster.Kind.STREAMS;
        cluster.start(driver, Duration.ofSeconds(5), io -> { });
    }

    @AfterEach
    void stopCluster() {
        if (wanderer != null) {
            wanderer.close();
        }
        cluster.close();
    }

    private String url(String node) {
        return node.equals("java") ? "http://127.0.0.1:" + cluster.java.port() + "/" : cluster.node.url("/");
    }

    private static List<String> texts(List<ArrayNode> events) {
        List<String> out = new ArrayList<>();
        events.forEach(args -> out.add(StreamsMixedClusterBroadcastTest.withoutOffset(args).toString()));
        return out;
    }

    @ParameterizedTest(name = "from {0} to {1}")
    @CsvSource({"java, node", "node, java", "java, java"})
    void aClientRecoversOnTheNodeOfTheOtherLanguage(String first, String second) {
        NodeClient sender = first.equals("java") ? cluster.n1 : cluster.j1; // a client on the other node
        wanderer = driver.connect(url(first), Map.of("transports", List.of("websocket"), "forceNew", true,
                "reconnection", false));
        String sid = wanderer.awaitConnect(WAIT);
        wanderer.emitWithAck("join", WAIT, "room");
        wanderer.emitWithAck("setData", WAIT, Map.of("key", "user", "value", Map.of("name", "wanda", "n", 7)));
        sender.emitWithAck("cast", WAIT, Map.of("event", "seen", "args", List.of("before")));
        wanderer.awaitEvent("seen", WAIT);

        wanderer.closeEngine();
        assertThat(wanderer.awaitDisconnect(WAIT)).isEqualTo("forced close"); // the server sees "transport close"
        // the server notices the closed transport and persists the session
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> fetchIds().stream().noneMatch(sid::equals));
        sender.emitWithAck("cast", WAIT, Map.of("to", List.of("room"), "event", "missed", "args", List.of("to room", 1)));
        sender.emitWithAck("cast", WAIT, Map.of("to", List.of("elsewhere"), "event", "missed", "args", List.of("not for it")));
        sender.emitWithAck("cast", WAIT, Map.of("except", List.of("room"), "event", "missed", "args", List.of("except it")));
        sender.emitWithAck("cast", WAIT, Map.of("event", "missed", "args", List.of("to all", Map.of("k", true))));
        for (NodeClient client : List.of(cluster.j1, cluster.n1)) {
            client.awaitEvents("missed", 2, WAIT); // both nodes have read the stream this far
        }

        wanderer.moveTo(url(second));
        wanderer.connectAgain();
        JsonNode connect = wanderer.awaitConnectDetails(WAIT);

        assertThat(connect.path("recovered").asBoolean()).as(connect.toString()).isTrue();
        assertThat(connect.path("socketId").asString()).isEqualTo(sid);
        List<ArrayNode> missed = wanderer.awaitEvents("missed", 2, WAIT);
        assertThat(texts(missed)).containsExactly("[\"to room\",1]", "[\"to all\",{\"k\":true}]");
        JsonNode whoami = wanderer.emitWithAck("whoami", WAIT).get(0);
        List<String> rooms = new ArrayList<>();
        whoami.path("rooms").forEach(r -> rooms.add(r.asString()));
        assertThat(rooms).containsExactlyInAnyOrder(sid, "room");
        assertThat(whoami.path("id").asString()).isEqualTo(sid);
        JsonNode data = wanderer.emitWithAck("getData", WAIT).get(0);
        assertThat(data.path("user").path("name").asString()).isEqualTo("wanda");
        assertThat(data.path("user").path("n").asInt()).isEqualTo(7);
        // recovered on the new node: later broadcasts of either node reach it there
        cluster.sender(first).emitWithAck("cast", WAIT, Map.of("to", List.of("room"), "event", "after", "args", List.of()));
        wanderer.awaitEvent("after", WAIT);
        assertThat(wanderer.received("missed")).hasSize(2);
    }

    private List<String> fetchIds() {
        List<String> ids = new ArrayList<>();
        cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0).path("sockets").forEach(s -> ids.add(s.path("id").asString()));
        return ids;
    }
}
