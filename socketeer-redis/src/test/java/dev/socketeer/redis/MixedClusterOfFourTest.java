package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Two Socketeer nodes ({@code java0}, {@code java1}) and two Node {@code socket.io} 4.8 nodes with
 * {@code @socket.io/redis-adapter} 8.3 ({@code node0}, {@code node1}) on one real Redis, two official
 * clients on each: every cluster operation, started on each of the four nodes ({@code origin}), reaches
 * the clients and sockets of the three others. One cluster for the class (starting four nodes is the slow
 * part); each test keeps to its own event and room names, so the tests do not see each other.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedClusterOfFourTest {
    private static final Duration WAIT = MixedCluster.WAIT;
    private static final List<String> NODES = List.of("java0", "java1", "node0", "node1");

    private NodeDriver driver;
    private MixedCluster cluster;
    /** Node name to its two clients. */
    private final Map<String, List<NodeClient>> clients = new LinkedHashMap<>();
    private final Map<NodeClient, String> ids = new HashMap<>();
    private final Map<NodeClient, String> labels = new HashMap<>();

    @BeforeAll
    void start() {
        driver = new NodeDriver();
        cluster = new MixedCluster(2, 2);
        configure(cluster);
        cluster.start(driver, Duration.ofSeconds(3), io -> { });
        clients.put("java0", cluster.javaClients(0));
        clients.put("java1", cluster.javaClients(1));
        clients.put("node0", cluster.nodeClients(0));
        clients.put("node1", cluster.nodeClients(1));
        clients.forEach((node, pair) -> {
            for (int i = 0; i < pair.size(); i++) {
                labels.put(pair.get(i), node + "/" + i);
                ids.put(pair.get(i), pair.get(i).emitWithAck("whoami", WAIT).get(0).path("id").asString());
            }
        });
    }

    /** Sets the cluster up before it starts (the adapter kind); nothing here: the classic adapters. */
    void configure(MixedCluster cluster) {
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        driver.close();
    }

    private NodeClient sender(String origin) {
        return clients.get(origin).get(0);
    }

    private List<NodeClient> all() {
        return clients.values().stream().flatMap(List::stream).toList();
    }

    /** The second client of every node: the targets of the tests that change a socket. */
    private List<NodeClient> seconds() {
        return clients.values().stream().map(pair -> pair.get(1)).toList();
    }

    private List<NodeClient> othersThan(String origin) {
        List<NodeClient> out = new ArrayList<>();
        clients.forEach((node, pair) -> {
            if (!node.equals(origin)) {
                out.addAll(pair);
            }
        });
        return out;
    }

    private static void cast(NodeClient from, Map<String, ?> cmd) {
        from.emitWithAck("cast", WAIT, cmd);
    }

    /** Broadcasts a marker from {@code origin}'s node and waits until all eight clients have it: earlier ones from there are in. */
    private void awaitMarker(String origin, String marker) {
        cast(sender(origin), Map.of("event", marker, "args", List.of()));
        for (NodeClient client : all()) {
            client.awaitEvent(marker, WAIT);
        }
    }

    private static List<String> rooms(NodeClient client) {
        List<String> rooms = new ArrayList<>();
        client.emitWithAck("whoami", WAIT).get(0).path("rooms").forEach(r -> rooms.add(r.asString()));
        return rooms;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(NodeDriver.isBinary(value) ? "bin:" + NodeDriver.bytes(value).length : value.asString()));
        return out;
    }

    /** The Node nodes count 4 too: their broadcast acks (below) complete only once their server count is in. */
    @Test
    void everyJavaNodeCountsFourServers() {
        assertThat(cluster.javas.get(0).sockets().adapter().serverCount().join()).isEqualTo(4);
        assertThat(cluster.javas.get(1).sockets().adapter().serverCount().join()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void aBroadcastToAllReachesTheEightClientsWithItsBinary(String origin) {
        String event = "all-" + origin;
        cast(sender(origin), Map.of("event", event, "args", List.of("hi", Map.of("bin", new byte[] {1, 2, (byte) 0xff}))));

        for (NodeClient client : all()) {
            JsonNode args = client.awaitEvent(event, WAIT);
            assertThat(args.get(0).asString()).as(labels.get(client)).isEqualTo("hi");
            assertThat(NodeDriver.bytes(args.get(1).get("bin"))).as(labels.get(client)).isEqualTo(new byte[] {1, 2, (byte) 0xff});
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void aBroadcastToARoomExceptAnotherReachesTheRightClientsOfEveryNode(String origin) {
        String room = "r-" + origin;
        String excluded = "x-" + origin;
        for (NodeClient client : seconds()) {
            client.emitWithAck("join", WAIT, room);
        }
        clients.get("node1").get(1).emitWithAck("join", WAIT, excluded);
        clients.get("java1").get(1).emitWithAck("join", WAIT, excluded);

        cast(sender(origin), Map.of("to", List.of(room), "except", List.of(excluded), "event", room, "args", List.of(1)));

        List<NodeClient> expected = List.of(clients.get("java0").get(1), clients.get("node0").get(1));
        for (NodeClient client : expected) {
            client.awaitEvent(room, WAIT);
        }
        awaitMarker(origin, "marker-" + room);
        for (NodeClient client : all()) {
            assertThat(client.received(room)).as(labels.get(client)).hasSize(expected.contains(client) ? 1 : 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void aLocalBroadcastStaysOnItsNode(String origin) {
        String event = "local-" + origin;
        cast(sender(origin), Map.of("local", true, "event", event, "args", List.of()));

        for (NodeClient client : clients.get(origin)) {
            client.awaitEvent(event, WAIT);
        }
        awaitMarker(origin, "marker-" + event);
        for (NodeClient client : othersThan(origin)) {
            assertThat(client.received(event)).as(labels.get(client)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void fetchSocketsFindsTheSocketsOfEveryNode(String origin) {
        String room = "f-" + origin;
        for (NodeClient client : seconds()) {
            client.emitWithAck("join", WAIT, room);
        }

        JsonNode everyone = sender(origin).emitWithAck("fetch", WAIT, Map.of()).get(0);
        JsonNode inRoom = sender(origin).emitWithAck("fetch", WAIT, Map.of("in", List.of(room))).get(0);

        assertThat(everyone.path("ok").asBoolean()).as(everyone.toString()).isTrue();
        List<String> found = new ArrayList<>();
        everyone.path("sockets").forEach(s -> found.add(s.path("id").asString()));
        assertThat(found).containsExactlyInAnyOrderElementsOf(all().stream().map(ids::get).toList());
        List<String> members = new ArrayList<>();
        inRoom.path("sockets").forEach(s -> members.add(s.path("id").asString()));
        assertThat(members).containsExactlyInAnyOrderElementsOf(seconds().stream().map(ids::get).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void aFetchedSocketOfAnotherNodeCanBeEmittedToAndMadeToJoinAndLeave(String origin) {
        String room = "rj-" + origin;
        for (NodeClient target : othersThan(origin)) {
            String id = ids.get(target);
            assertThat(sender(origin).emitWithAck("remoteEmit", WAIT,
                    Map.of("id", id, "event", "direct-" + origin, "args", List.of(id))).get(0).asBoolean()).isTrue();
            assertThat(target.awaitEvent("direct-" + origin, WAIT).get(0).asString()).isEqualTo(id);

            assertThat(sender(origin).emitWithAck("remoteJoin", WAIT, Map.of("id", id, "room", room)).get(0).asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> rooms(target).contains(room));
            assertThat(sender(origin).emitWithAck("remoteLeave", WAIT, Map.of("id", id, "room", room)).get(0).asBoolean()).isTrue();
            await().atMost(WAIT).until(() -> !rooms(target).contains(room));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void socketsJoinAndSocketsLeaveActOnTheSocketsOfEveryNode(String origin) {
        String room = "s-" + origin;
        for (NodeClient client : seconds()) {
            client.emitWithAck("join", WAIT, room);
        }

        sender(origin).emitWithAck("sjoin", WAIT, Map.of("in", List.of(room), "rooms", List.of(room + "-b", room + "-c")));

        for (NodeClient client : seconds()) {
            await().atMost(WAIT).until(() -> rooms(client).containsAll(List.of(room + "-b", room + "-c")));
        }
        for (NodeClient client : clients.values().stream().map(pair -> pair.get(0)).toList()) {
            assertThat(rooms(client)).as(labels.get(client)).doesNotContain(room + "-b", room + "-c");
        }

        sender(origin).emitWithAck("sleave", WAIT, Map.of("in", List.of(room), "rooms", List.of(room + "-b")));

        for (NodeClient client : seconds()) {
            await().atMost(WAIT).until(() -> !rooms(client).contains(room + "-b"));
            assertThat(rooms(client)).as(labels.get(client)).contains(room, room + "-c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void disconnectSocketsAndAFetchedSocketsDisconnectReachEveryNode(String origin) {
        String room = "d-" + origin;
        Map<String, NodeClient> extra = new LinkedHashMap<>();
        Map<String, NodeClient> extraForRemote = new LinkedHashMap<>();
        try {
            for (String node : NODES) {
                extra.put(node, connectTo(node));
                extra.get(node).emitWithAck("join", WAIT, room);
                if (!node.equals(origin)) {
                    extraForRemote.put(node, connectTo(node));
                }
            }

            sender(origin).emitWithAck("sdisconnect", WAIT, Map.of("in", List.of(room), "close", false));
            for (NodeClient client : extraForRemote.values()) {
                String id = client.emitWithAck("whoami", WAIT).get(0).path("id").asString();
                assertThat(sender(origin).emitWithAck("remoteDisconnect", WAIT, Map.of("id", id, "close", true))
                        .get(0).asBoolean()).isTrue();
            }

            // with close too: Node's client._disconnect() sends each namespace a DISCONNECT before closing
            extra.forEach((node, client) -> assertThat(client.awaitDisconnect(WAIT)).as(node).isEqualTo("io server disconnect"));
            extraForRemote.forEach((node, client) -> assertThat(client.awaitDisconnect(WAIT)).as(node).isEqualTo("io server disconnect"));
            for (NodeClient client : all()) {
                assertThat(client.state().connected()).as(labels.get(client)).isTrue();
            }
        } finally {
            extra.values().forEach(NodeClient::close);
            extraForRemote.values().forEach(NodeClient::close);
        }
    }

    private NodeClient connectTo(String node) {
        int index = node.charAt(node.length() - 1) - '0';
        String url = node.startsWith("java") ? "http://127.0.0.1:" + cluster.javas.get(index).port() + "/"
                : cluster.nodes.get(index).url("/");
        NodeClient client = driver.connect(url, Map.of("transports", List.of("websocket"), "forceNew", true, "reconnection", false));
        client.awaitConnect(WAIT);
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void aServerSideEmitReachesTheThreeOtherNodesAndCollectsTheirThreeAcknowledgements(String origin) {
        JsonNode result = sender(origin).emitWithAck("sse", WAIT, Map.of("event", "name", "args", List.of(), "withAck", true)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(strings(result.path("responses"))).containsExactlyInAnyOrderElementsOf(
                NODES.stream().filter(node -> !node.equals(origin)).toList());

        sender(origin).emitWithAck("sse", WAIT, Map.of("event", "note", "args", List.of(origin)));
        for (NodeClient client : othersThan(origin)) {
            assertThat(client.awaitEvent("noted", WAIT).get(0).path("arg").asString()).as(labels.get(client)).isEqualTo(origin);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java0", "java1", "node0", "node1"})
    void aBroadcastWithAcknowledgementsCountsTheClientsOfEveryNode(String origin) {
        String event = "q-" + origin;
        for (NodeClient client : all()) {
            client.ackReply(event, labels.get(client));
        }

        JsonNode result = sender(origin).emitWithAck("castAck", WAIT, Map.of("event", event, "args", List.of(), "timeout", 5000)).get(0);

        assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
        assertThat(strings(result.path("responses"))).containsExactlyInAnyOrderElementsOf(all().stream().map(labels::get).toList());
    }
}
