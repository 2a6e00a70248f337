package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.FetchSocketsTimeoutException;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code fetchSockets}, {@code allRooms}, {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}
 * and emitting to a fetched remote socket across a {@link MixedCluster}, each started on either node ({@code origin}): the
 * other node's sockets are found with their rooms, data and handshake, join and leave rooms, and are
 * disconnected.
 */
class MixedClusterRemoteSocketsTest extends MixedClusterTest {
    @Override
    Duration requestsTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    void configure(MixedCluster cluster, TestInfo test) {
        // the tests named "...OnTheRequestersChannel" run with both nodes answering on the requester's own channel
        cluster.specificResponses = test.getDisplayName().contains("OnTheRequestersChannel")
                || test.getTestMethod().map(m -> m.getName().contains("OnTheRequestersChannel")).orElse(false);
    }

    private static String id(NodeClient client) {
        return client.emitWithAck("whoami", WAIT).get(0).path("id").asString();
    }

    private static List<String> rooms(NodeClient client) {
        List<String> rooms = new ArrayList<>();
        client.emitWithAck("whoami", WAIT).get(0).path("rooms").forEach(r -> rooms.add(r.asString()));
        return rooms;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void fetchSocketsFindsTheSocketsOfBothNodesWithTheirRoomsDataAndHandshake(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "r");
        cluster.n2.emitWithAck("join", WAIT, "r");
        cluster.j2.emitWithAck("setData", WAIT, Map.of("key", "user", "value", Map.of("name", "jay")));
        cluster.n2.emitWithAck("setData", WAIT, Map.of("key", "user", "value", Map.of("name", "nina")));

        JsonNode all = cluster.sender(origin).emitWithAck("fetch", WAIT, Map.of()).get(0);
        JsonNode inRoom = cluster.sender(origin).emitWithAck("fetch", WAIT, Map.of("in", List.of("r"))).get(0);

        assertThat(all.path("ok").asBoolean()).as(all.toString()).isTrue();
        List<String> ids = new ArrayList<>();
        all.path("sockets").forEach(s -> ids.add(s.path("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder(id(cluster.j1), id(cluster.j2), id(cluster.n1), id(cluster.n2));

        assertThat(inRoom.path("sockets")).hasSize(2);
        for (JsonNode socket : inRoom.path("sockets")) {
            String expectedName = socket.path("id").asString().equals(id(cluster.j2)) ? "jay" : "nina";
            assertThat(socket.path("data").path("user").path("name").asString()).isEqualTo(expectedName);
            assertThat(socket.path("rooms").toString()).contains("\"r\"").contains(socket.path("id").asString());
            assertThat(socket.path("query").path("EIO").asString()).isEqualTo("4");
            assertThat(socket.path("query").path("transport").asString()).isEqualTo("websocket");
            assertThat(socket.path("address").asString()).contains("127.0.0.1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void fetchSocketsAndAllRoomsWorkWithAnswersOnTheRequestersChannel(String origin) {
        assertThat(cluster.specificResponses).isTrue();
        cluster.j2.emitWithAck("join", WAIT, "jr");
        cluster.n2.emitWithAck("join", WAIT, "nr");

        JsonNode fetch = cluster.sender(origin).emitWithAck("fetch", WAIT, Map.of()).get(0);
        JsonNode rooms = cluster.sender(origin).emitWithAck("allRooms", WAIT).get(0);

        assertThat(fetch.path("sockets")).as(fetch.toString()).hasSize(4);
        assertThat(strings(rooms.path("rooms"))).as(rooms.toString())
                .contains("jr", "nr", id(cluster.j1), id(cluster.n1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void allRoomsHasTheRoomsOfBothNodes(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "jr");
        cluster.n2.emitWithAck("join", WAIT, "nr");

        JsonNode rooms = cluster.sender(origin).emitWithAck("allRooms", WAIT).get(0);

        assertThat(rooms.path("ok").asBoolean()).as(rooms.toString()).isTrue();
        assertThat(strings(rooms.path("rooms"))).contains("jr", "nr", id(cluster.j1), id(cluster.j2), id(cluster.n1), id(cluster.n2));
    }

    /**
     * A third "node" that subscribes to the request channel but never answers (as one killed mid-request
     * looks until Redis notices): once the requests timeout (2 s here) passes, {@code fetchSockets} fails on
     * both nodes with Node's message; Java's error still holds the sockets of the nodes that did answer.
     */
    @org.junit.jupiter.api.Test
    void fetchSocketsFailsAfterTheTimeoutWhenANodeDoesNotAnswer() {
        RedisClient zombieClient = RedisClient.create(Service.REDIS.url());
        try (var zombie = zombieClient.connectPubSub()) {
            zombie.sync().subscribe(cluster.key + "-request#/#");
            RedisAdapter adapter = (RedisAdapter) cluster.java.sockets().adapter();
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> adapter.serverCount().join() == 3);

            long start = System.nanoTime();
            JsonNode fromJava = cluster.j1.emitWithAck("fetch", WAIT, Map.of()).get(0);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            JsonNode fromNode = cluster.n1.emitWithAck("fetch", WAIT, Map.of()).get(0);
            Throwable error = cluster.java.sockets().fetchSockets().handle((sockets, e) -> e).join();

            assertThat(fromJava.path("ok").asBoolean()).as(fromJava.toString()).isFalse();
            assertThat(fromJava.path("error").asString()).isEqualTo("timeout reached while waiting for fetchSockets response");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(error).isInstanceOf(FetchSocketsTimeoutException.class);
            assertThat(((FetchSocketsTimeoutException) error).sockets()).hasSize(4);
            assertThat(fromNode.path("ok").asBoolean()).as(fromNode.toString()).isFalse();
            assertThat(fromNode.path("error").asString()).isEqualTo("timeout reached while waiting for fetchSockets response");
        } finally {
            zombieClient.shutdown();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asString()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void socketsJoinAndSocketsLeaveActOnTheSocketsOfBothNodes(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "a");
        cluster.n2.emitWithAck("join", WAIT, "a");

        cluster.sender(origin).emitWithAck("sjoin", WAIT, Map.of("in", List.of("a"), "rooms", List.of("b", "c")));

        for (NodeClient client : List.of(cluster.j2, cluster.n2)) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> rooms(client).containsAll(List.of("a", "b", "c")));
        }
        assertThat(rooms(cluster.j1)).doesNotContain("b", "c");
        assertThat(rooms(cluster.n1)).doesNotContain("b", "c");

        cluster.sender(origin).emitWithAck("sleave", WAIT, Map.of("in", List.of("a"), "rooms", List.of("b")));

        for (NodeClient client : List.of(cluster.j2, cluster.n2)) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !rooms(client).contains("b"));
            assertThat(rooms(client)).contains("a", "c");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void disconnectSocketsDisconnectsTheSelectedSocketsOfBothNodes(String origin) {
        cluster.j2.emitWithAck("join", WAIT, "gone");
        cluster.n2.emitWithAck("join", WAIT, "gone");

        cluster.sender(origin).emitWithAck("sdisconnect", WAIT, Map.of("in", List.of("gone"), "close", false));

        assertThat(cluster.j2.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        assertThat(cluster.n2.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
        assertThat(cluster.j1.state().connected()).isTrue();
        assertThat(cluster.n1.state().connected()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "node"})
    void aFetchedSocketOfTheOtherNodeCanBeEmittedTo(String origin) {
        NodeClient target = origin.equals("java") ? cluster.n2 : cluster.j2;

        JsonNode found = cluster.sender(origin).emitWithAck("remoteEmit", WAIT,
                Map.of("id", id(target), "event", "direct", "args", List.of("just you"))).get(0);

        assertThat(found.asBoolean()).isTrue();
        assertThat(target.awaitEvent("direct", WAIT).get(0).asString()).isEqualTo("just you");
    }
}
