package dev.socketeer.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.core.AckTimeoutException;
import dev.socketeer.core.FetchSocketsTimeoutException;
import dev.socketeer.core.ConnectionStateRecoveryOptions;
import dev.socketeer.core.Handshake;
import dev.socketeer.core.RemoteSocket;
import dev.socketeer.core.Socket;
import dev.socketeer.core.adapter.ClusterMessage.Type;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The cluster protocol between three {@link ClusterAdapter}s joined by an in-process loopback transport
 * that hands each message (a deep copy, as a wire would) to the other nodes, and each response to its
 * requester only; offsets are a counter, as a stream's entry ids would be.
 */
class ClusterAdapterTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The requests timeout of the tests that wait for it; the others use a long one (a loaded machine is slow). */
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(10);

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<LoopbackAdapter> cluster = new CopyOnWriteArrayList<>();
    private final AtomicInteger offsets = new AtomicInteger();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    /** A node of the loopback cluster. */
    private final class LoopbackAdapter extends ClusterAdapter {
        final RecordingAdapterContext context;
        final List<ClusterMessage> published = new CopyOnWriteArrayList<>();
        volatile boolean deaf;

        LoopbackAdapter(RecordingAdapterContext context, String uid, Duration timeout) {
            super(context, uid, timeout);
            this.context = context;
        }

        @Override
        protected CompletableFuture<String> doPublish(ClusterMessage message) {
            published.add(message);
            String offset = "1-" + offsets.incrementAndGet();
            for (LoopbackAdapter node : cluster) {
                if (node != this && !node.deaf) {
                    node.onMessage(copy(message), offset);
                }
            }
            return CompletableFuture.completedFuture(offset);
        }

        @Override
        protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
            for (LoopbackAdapter node : cluster) {
                if (node.uid().equals(requesterUid)) {
                    node.onMessage(copy(response), null);
                }
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Integer> serverCount() {
            return CompletableFuture.completedFuture(cluster.size());
        }
    }

    private static ClusterMessage copy(ClusterMessage message) {
        return new ClusterMessage(message.uid(), message.nsp(), message.type(),
                message.data() == null ? null : message.data().deepCopy());
    }

    private LoopbackAdapter node(String uid) {
        return node(uid, LONG);
    }

    private LoopbackAdapter node(String uid, Duration timeout) {
        RecordingAdapterContext context = new RecordingAdapterContext();
        context.timers = timers;
        LoopbackAdapter adapter = new LoopbackAdapter(context, uid, timeout);
        cluster.add(adapter);
        return adapter;
    }

    /** A connected local socket {@code id} in {@code rooms} (and its own room). */
    private static void connect(LoopbackAdapter adapter, String id, String... rooms) {
        adapter.context.connected.add(id);
        adapter.addAll(id, Set.of(id));
        adapter.addAll(id, Set.of(rooms));
        Handshake handshake = new Handshake(Map.of("host", List.of("h")), "t", "127.0.0.1", false, false, 1, "/",
                Map.of("q", List.of("1")), NODES.objectNode());
        Map<String, Object> data = Map.of("name", id);
        Socket socket = (Socket) Proxy.newProxyInstance(Socket.class.getClassLoader(), new Class<?>[] {Socket.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "handshake" -> handshake;
                    case "rooms" -> adapter.socketRooms(id);
                    case "data" -> data;
                    case "join" -> {
                        adapter.addAll(id, Set.of((String[]) args[0]));
                        yield null;
                    }
                    case "leave" -> {
                        adapter.del(id, (String) args[0]);
                        yield null;
                    }
                    case "disconnect" -> {
                        adapter.delAll(id);
                        adapter.context.connected.remove(id);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        adapter.context.sockets.put(id, socket);
    }

    private static Packet event(String name, Object... args) {
        var data = NODES.arrayNode().add(name);
        for (Object arg : args) {
            data.add(arg instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.stringNode(String.valueOf(arg)));
        }
        return Packet.of(PacketType.EVENT, "/", data);
    }

    private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
        return new BroadcastOptions(rooms, except, BroadcastFlags.NONE);
    }

    @Test
    void aBroadcastReachesTheSelectedSocketsOfEveryNodeOnce() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        LoopbackAdapter c = node("c");
        connect(a, "a1", "red");
        connect(b, "b1", "red");
        connect(b, "b2", "red", "muted");
        connect(c, "c1", "blue");

        a.broadcast(event("hi", new byte[] {1, 2}), to(Set.of("red"), Set.of("muted")));

        assertThat(a.context.recipients()).containsExactly("a1");
        assertThat(b.context.recipients()).containsExactly("b1");
        assertThat(c.context.recipients()).isEmpty();
        JsonNode received = b.context.deliveries.get(0).packet().data();
        assertThat(received.get(1).binaryValue()).containsExactly(1, 2);
        assertThat(a.published).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(Type.BROADCAST);
            assertThat(m.data().path("opts").toString()).isEqualTo("{\"rooms\":[\"red\"],\"except\":[\"muted\"],\"flags\":{}}");
            assertThat(m.data().path("packet").path("type").asInt()).isEqualTo(2);
        });
    }

    @Test
    void aLocalBroadcastIsNotPublished() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        connect(a, "a1");
        connect(b, "b1");

        a.broadcast(event("hi"), BroadcastOptions.all().withLocal());

        assertThat(a.context.recipients()).containsExactly("a1");
        assertThat(b.context.recipients()).isEmpty();
        assertThat(a.published).isEmpty();
    }

    @Test
    void withRecoveryEveryNodeAppendsTheOffsetTheTransportAssigned() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        a.context.recovery = ConnectionStateRecoveryOptions.DEFAULT;
        b.context.recovery = ConnectionStateRecoveryOptions.DEFAULT;
        connect(a, "a1");
        connect(b, "b1");

        a.broadcast(event("hi", "x"), BroadcastOptions.all());
        a.broadcast(event("quiet"), new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE.withVolatile()));

        assertThat(a.context.deliveries.get(0).packet().data().toString()).isEqualTo("[\"hi\",\"x\",\"1-1\"]");
        assertThat(b.context.deliveries.get(0).packet().data().toString()).isEqualTo("[\"hi\",\"x\",\"1-1\"]");
        // what went on the wire has no offset; a volatile packet gets none
        assertThat(a.published.get(0).data().path("packet").path("data").toString()).isEqualTo("[\"hi\",\"x\"]");
        assertThat(b.context.deliveries.get(1).packet().data().toString()).isEqualTo("[\"quiet\"]");
    }

    @Test
    void fetchSocketsCollectsTheSocketsOfEveryNodeWithTheirRoomsDataAndHandshake() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        LoopbackAdapter c = node("c");
        connect(a, "a1", "red");
        connect(b, "b1", "red");
        connect(c, "c1", "blue");

        List<RemoteSocket> sockets = a.fetchSockets(to(Set.of("red"), Set.of())).join();

        assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder("a1", "b1");
        RemoteSocket b1 = sockets.stream().filter(s -> s.id().equals("b1")).findFirst().orElseThrow();
        assertThat(b1.rooms()).containsExactlyInAnyOrder("b1", "red");
        assertThat(b1.data().get("name").toString()).isEqualTo("\"b1\"");
        assertThat(b1.handshake().address()).isEqualTo("127.0.0.1");
        assertThat(b1.handshake().query()).containsEntry("q", "1");
    }

    @Test
    void fetchSocketsFailsAsNodesDoesWhenANodeDoesNotAnswerAndKeepsWhatArrived() {
        LoopbackAdapter a = node("a", TIMEOUT);
        LoopbackAdapter b = node("b");
        LoopbackAdapter c = node("c");
        c.deaf = true;
        connect(a, "a1");
        connect(b, "b1");
        connect(c, "c1");

        long start = System.nanoTime();
        Throwable error = a.fetchSockets(BroadcastOptions.all()).handle((sockets, e) -> e).join();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT);
        assertThat(error).isInstanceOf(FetchSocketsTimeoutException.class)
                .hasMessage("timeout reached: only 1 responses received out of 2");
        assertThat(((FetchSocketsTimeoutException) error).sockets()).extracting(RemoteSocket::id)
                .containsExactlyInAnyOrder("a1", "b1");
    }

    @Test
    void socketsJoinLeaveAndDisconnectActOnEveryNode() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        connect(a, "a1", "red");
        connect(b, "b1", "red");
        connect(b, "b2");

        a.addSockets(to(Set.of("red"), Set.of()), Set.of("green"));
        assertThat(b.socketRooms("b1")).containsExactlyInAnyOrder("b1", "red", "green");
        assertThat(a.socketRooms("a1")).contains("green");
        assertThat(b.socketRooms("b2")).containsExactly("b2");

        a.delSockets(to(Set.of("green"), Set.of()), Set.of("red"));
        assertThat(b.socketRooms("b1")).containsExactlyInAnyOrder("b1", "green");

        a.disconnectSockets(to(Set.of("green"), Set.of()), false);
        assertThat(b.socketRooms("b1")).isNull();
        assertThat(b.socketRooms("b2")).isNotNull();
        assertThat(a.socketRooms("a1")).isNull();
    }

    @Test
    void serverSideEmitReachesTheOtherNodesAndCollectsOneAnswerEach() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        LoopbackAdapter c = node("c");
        List<Object> result = new ArrayList<>();

        a.serverSideEmit(NODES.arrayNode().add("ping").add(1), (error, responses) -> result.add(responses));
        assertThat(a.context.serverSideEmits).isEmpty();
        assertThat(b.context.serverSideEmits).singleElement().satisfies(e -> assertThat(e.getKey().toString()).isEqualTo("[\"ping\",1]"));
        b.context.serverSideEmits.get(0).getValue().send("from b", "ignored");
        b.context.serverSideEmits.get(0).getValue().send("twice");
        assertThat(result).isEmpty();
        c.context.serverSideEmits.get(0).getValue().send(Map.of("from", "c"));

        assertThat(result).singleElement().hasToString("[\"from b\", {\"from\":\"c\"}]");
    }

    @Test
    void serverSideEmitTimesOutWithTheAnswersThatArrived() {
        LoopbackAdapter a = node("a", TIMEOUT);
        LoopbackAdapter b = node("b");
        node("c");
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<List<JsonNode>> answers = new CopyOnWriteArrayList<>();

        a.serverSideEmit(NODES.arrayNode().add("ping"), (error, responses) -> {
            errors.add(error);
            answers.add(responses);
        });
        b.context.serverSideEmits.get(0).getValue().send("b");

        await().atMost(Duration.ofSeconds(5)).until(() -> !answers.isEmpty());
        assertThat(errors.get(0)).isInstanceOf(AckTimeoutException.class);
        assertThat(answers.get(0)).hasToString("[\"b\"]");
    }

    @Test
    void aBroadcastWithAcksCountsTheClientsOfEveryNodeAndForwardsTheirAcks() {
        LoopbackAdapter a = node("a");
        LoopbackAdapter b = node("b");
        connect(a, "a1");
        connect(b, "b1");
        connect(b, "b2");
        List<Integer> counts = new CopyOnWriteArrayList<>();
        List<JsonNode> acks = new CopyOnWriteArrayList<>();
        Packet packet = new Packet(PacketType.EVENT, "/", NODES.arrayNode().add("q"), 7);

        a.broadcastWithAck(packet, new BroadcastOptions(Set.of(), Set.of(),
                BroadcastFlags.NONE.withTimeout(Duration.ofSeconds(5))), counts::add, acks::add);

        assertThat(counts).containsExactlyInAnyOrder(1, 2);
        assertThat(b.published).isEmpty();
        assertThat(a.published.get(0).data().path("packet").has("id")).isFalse();
        assertThat(b.context.deliveries).allSatisfy(d -> assertThat(d.packet().ackId()).isNotNull());
        b.context.ackCallbacks.forEach(ack -> ack.accept(NODES.stringNode("ok from b")));
        a.context.ackCallbacks.forEach(ack -> ack.accept(NODES.stringNode("ok from a")));
        assertThat(acks).extracting(JsonNode::asString).containsExactlyInAnyOrder("ok from b", "ok from b", "ok from a");
    }

    @Test
    void messagesOfThisNodeAndOfOtherNamespacesAreIgnored() {
        LoopbackAdapter a = node("a");
        connect(a, "a1");
        JsonNode data = NODES.objectNode().set("packet", NODES.objectNode().put("type", 2).set("data", NODES.arrayNode().add("x")));
        ((tools.jackson.databind.node.ObjectNode) data).set("opts", NODES.objectNode());

        a.onMessage(new ClusterMessage("a", "/", Type.BROADCAST, data), null);
        a.onMessage(new ClusterMessage("z", "/other", Type.BROADCAST, data), null);
        assertThat(a.context.deliveries).isEmpty();
        a.onMessage(new ClusterMessage("z", "/", Type.BROADCAST, data), null);
        assertThat(a.context.recipients()).containsExactly("a1");
    }

    /** A node of a heartbeat cluster: it counts the nodes it has heard from. */
    private final class HeartbeatAdapter extends ClusterAdapterWithHeartbeat {
        final RecordingAdapterContext context;

        HeartbeatAdapter(RecordingAdapterContext context, String uid) {
            super(context, uid, LONG, Duration.ofMillis(100), Duration.ofSeconds(1));
            this.context = context;
        }

        @Override
        protected CompletableFuture<String> doPublish(ClusterMessage message) {
            for (HeartbeatAdapter node : heartbeatCluster) {
                if (node != this) {
                    node.onMessage(copy(message), null);
                }
            }
            return CompletableFuture.completedFuture("");
        }

        @Override
        protected CompletableFuture<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
            for (HeartbeatAdapter node : heartbeatCluster) {
                if (node.uid().equals(requesterUid)) {
                    node.onMessage(copy(response), null);
                }
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    private final List<HeartbeatAdapter> heartbeatCluster = new CopyOnWriteArrayList<>();

    private HeartbeatAdapter heartbeatNode(String uid) {
        RecordingAdapterContext context = new RecordingAdapterContext();
        context.timers = timers;
        HeartbeatAdapter adapter = new HeartbeatAdapter(context, uid);
        heartbeatCluster.add(adapter);
        adapter.init();
        return adapter;
    }

    @Test
    void heartbeatsCountTheNodesAndAClosedOrSilentNodeIsForgotten() {
        HeartbeatAdapter a = heartbeatNode("a");
        HeartbeatAdapter b = heartbeatNode("b");
        HeartbeatAdapter c = heartbeatNode("c");

        assertThat(a.serverCount().join()).isEqualTo(3);
        assertThat(c.serverCount().join()).isEqualTo(3);

        heartbeatCluster.remove(c);
        c.close(); // ADAPTER_CLOSE reached nobody: c is gone from the list already
        await().atMost(Duration.ofSeconds(5)).until(() -> a.serverCount().join() == 2);
        // b still beats: a keeps counting it
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> a.serverCount().join() == 2);

        b.close();
        heartbeatCluster.remove(b);
        assertThat(a.serverCount().join()).isEqualTo(1);
        a.close();
    }

    @Test
    void aHeartbeatRequestCompletesOnceTheNodesThatDidNotAnswerAreGone() {
        HeartbeatAdapter a = heartbeatNode("a");
        HeartbeatAdapter b = heartbeatNode("b");
        List<List<JsonNode>> answers = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();

        a.serverSideEmit(NODES.arrayNode().add("ping"), (error, responses) -> {
            errors.add(error);
            answers.add(responses);
        });
        assertThat(answers).isEmpty();
        b.close(); // ADAPTER_CLOSE: a stops waiting for b

        assertThat(answers).singleElement().satisfies(list -> assertThat(list).isEmpty());
        assertThat(errors).containsOnlyNulls();
        a.close();
    }
}
