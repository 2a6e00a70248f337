package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.NodeScript;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Emitters on a mixed cluster (a Socketeer node with {@link RedisAdapterFactory} and a Node
 * {@code socket.io} node with {@code @socket.io/redis-adapter}, two official clients on each): our
 * {@link RedisEmitter} reaches the clients of both nodes, and Node's {@code @socket.io/redis-emitter} 5.1
 * ({@code compat/redis-emit.js}) reaches the clients of the Socketeer node. What a client must not get is
 * checked after a later {@code marker} from the same emitter reached it (pub/sub keeps one publisher's order).
 */
class MixedClusterEmitterTest extends MixedClusterTest {
    private RedisEmitter emitter;

    @Override
    Duration requestsTimeout() {
        return RedisAdapterFactory.DEFAULT_REQUESTS_TIMEOUT;
    }

    @BeforeEach
    void connectEmitter() {
        emitter = RedisEmitter.connect(Service.REDIS.url(), cluster.key);
    }

    @AfterEach
    void closeEmitter() {
        emitter.close();
    }

    private static void join(NodeClient client, String room) {
        client.emitWithAck("join", WAIT, room);
    }

    private static List<String> rooms(NodeClient client) {
        List<String> rooms = new ArrayList<>();
        client.emitWithAck("whoami", WAIT).get(0).path("rooms").forEach(room -> rooms.add(room.asString()));
        return rooms;
    }

    private void awaitMarker(List<NodeClient> clients) {
        emitter.emit("marker").join();
        clients.forEach(client -> client.awaitEvent("marker", WAIT));
    }

    /** Runs Node's emitter with {@code cmd} (plus this cluster's Redis and key) and waits until it published. */
    private void nodeEmitter(Map<String, Object> cmd) {
        Map<String, Object> full = new HashMap<>(cmd);
        full.put("redisUrl", Service.REDIS.url());
        full.put("key", cluster.key);
        String out = NodeScript.run("redis-emit.js", List.of(NodeDriver.toJson(full).toString()), WAIT);
        assertThat(out.trim()).isEqualTo("ok");
    }

    @Test
    void anEmissionToAllReachesTheClientsOfBothNodesWithBinary() {
        byte[] bytes = {1, 2, 3, (byte) 0xff};
        long receivers = emitter.emit("news", "hello", Map.of("n", 1, "list", List.of(true, "x")),
                Map.of("nested", bytes)).join();

        assertThat(receivers).isEqualTo(2); // each node's pattern subscription
        for (NodeClient client : cluster.all()) {
            ArrayNode args = client.awaitEvent("news", WAIT);
            assertThat(args.get(0).asString()).isEqualTo("hello");
            assertThat(args.get(1)).isEqualTo(NodeDriver.toJson(Map.of("n", 1, "list", List.of(true, "x"))));
            assertThat(NodeDriver.bytes(args.get(2).get("nested"))).isEqualTo(bytes);
        }
    }

    @Test
    void roomsAndExceptSelectClientsOnBothNodes() {
        join(cluster.j2, "r");
        join(cluster.n2, "r");
        join(cluster.j1, "x");
        join(cluster.n1, "x");
        join(cluster.n2, "x");

        emitter.to("r").emit("room", "to r").join();
        emitter.except("x").emit("notx", "not x").join();
        emitter.in("r", "x").except("r").emit("xonly").join();

        assertThat(cluster.j2.awaitEvent("room", WAIT).get(0).asString()).isEqualTo("to r");
        assertThat(cluster.n2.awaitEvent("room", WAIT).get(0).asString()).isEqualTo("to r");
        assertThat(cluster.j2.awaitEvent("notx", WAIT).get(0).asString()).isEqualTo("not x");
        cluster.j1.awaitEvent("xonly", WAIT);
        cluster.n1.awaitEvent("xonly", WAIT);
        awaitMarker(cluster.all());
        assertThat(cluster.j1.received("room")).isEmpty();
        assertThat(cluster.n1.received("room")).isEmpty();
        assertThat(cluster.j1.received("notx")).isEmpty();
        assertThat(cluster.n1.received("notx")).isEmpty();
        assertThat(cluster.n2.received("notx")).isEmpty();
        assertThat(cluster.j2.received("xonly")).isEmpty();
        assertThat(cluster.n2.received("xonly")).isEmpty();
    }

    @Test
    void anotherNamespaceIsNotReached() {
        emitter.of("admin").emit("news").join();
        awaitMarker(cluster.all());
        cluster.all().forEach(client -> assertThat(client.received("news")).isEmpty());
        assertThat(emitter.of("admin").namespace()).isEqualTo("/admin");
    }

    @Test
    void socketsJoinLeaveAndDisconnectActOnTheSocketsOfBothNodes() {
        join(cluster.j1, "a");
        join(cluster.n1, "a");

        emitter.socketsJoin("s", "t").join();
        for (NodeClient client : cluster.all()) {
            await().atMost(WAIT).until(() -> rooms(client).containsAll(List.of("s", "t")));
        }

        emitter.in("a").socketsLeave("s").join();
        for (NodeClient client : List.of(cluster.j1, cluster.n1)) {
            await().atMost(WAIT).until(() -> !rooms(client).contains("s"));
        }
        assertThat(rooms(cluster.j2)).contains("s");
        assertThat(rooms(cluster.n2)).contains("s");

        emitter.in("a").disconnectSockets(false).join();
        cluster.j1.awaitDisconnect(WAIT);
        cluster.n1.awaitDisconnect(WAIT);
        awaitMarker(List.of(cluster.j2, cluster.n2));
        assertThat(rooms(cluster.j2)).contains("s", "t");
        assertThat(cluster.j2.state().connected()).isTrue();
        assertThat(cluster.n2.state().connected()).isTrue();
    }

    @Test
    void serverSideEmitReachesBothServers() {
        emitter.serverSideEmit("note", Map.of("from", "emitter")).join();

        List<JsonNode> notes = new ArrayList<>();
        for (NodeClient client : cluster.all()) {
            notes.add(client.awaitEvent("noted", WAIT).get(0));
        }
        assertThat(notes).extracting(note -> note.path("by").asString())
                .containsExactlyInAnyOrder("java", "java", "node", "node");
        assertThat(notes).allSatisfy(note -> assertThat(note.path("arg").path("from").asString()).isEqualTo("emitter"));
    }

    @Test
    void reservedEventsAndNarrowedServerSideEmitAreRejected() {
        assertThatThrownBy(() -> emitter.emit("disconnect")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emitter.to("r").serverSideEmit("note")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nodesEmitterReachesTheClientsOfTheSocketeerNode() {
        join(cluster.j2, "r");

        nodeEmitter(Map.of("op", "emit", "event", "news", "args", List.of("hi", Map.of("n", 2)), "binary", List.of(9, 8, 7)));
        nodeEmitter(Map.of("op", "emit", "to", List.of("r"), "event", "room", "args", List.of("to r")));
        nodeEmitter(Map.of("op", "emit", "except", List.of("r"), "event", "notr", "args", List.of()));

        for (NodeClient client : List.of(cluster.j1, cluster.j2)) {
            ArrayNode args = client.awaitEvent("news", WAIT);
            assertThat(args.get(0).asString()).isEqualTo("hi");
            assertThat(args.get(1).path("n").asInt()).isEqualTo(2);
            assertThat(NodeDriver.bytes(args.get(2))).isEqualTo(new byte[] {9, 8, 7});
        }
        assertThat(cluster.j2.awaitEvent("room", WAIT).get(0).asString()).isEqualTo("to r");
        cluster.j1.awaitEvent("notr", WAIT);
        nodeEmitter(Map.of("op", "emit", "event", "marker", "args", List.of()));
        cluster.j1.awaitEvent("marker", WAIT);
        cluster.j2.awaitEvent("marker", WAIT);
        assertThat(cluster.j1.received("room")).isEmpty();
        assertThat(cluster.j2.received("notr")).isEmpty();
    }

    @Test
    void nodesEmitterJoinsAndDisconnectsSocketsOfTheSocketeerNode() {
        join(cluster.j1, "a");

        nodeEmitter(Map.of("op", "socketsJoin", "to", List.of("a"), "rooms", List.of("s")));
        await().atMost(WAIT).until(() -> rooms(cluster.j1).contains("s"));
        nodeEmitter(Map.of("op", "socketsLeave", "to", List.of("a"), "rooms", List.of("a")));
        await().atMost(WAIT).until(() -> !rooms(cluster.j1).contains("a"));
        assertThat(rooms(cluster.j2)).doesNotContain("s");

        nodeEmitter(Map.of("op", "disconnectSockets", "to", List.of("s"), "close", false));
        cluster.j1.awaitDisconnect(WAIT);
        nodeEmitter(Map.of("op", "emit", "event", "marker", "args", List.of()));
        cluster.j2.awaitEvent("marker", WAIT);
        assertThat(cluster.j2.state().connected()).isTrue();
    }
}
