package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rooms: join and leave, the socket's own room, and the server-wide room operations. */
@ExtendWith(LeakGuard.class)
class RoomsTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;
    private final BlockingQueue<Socket> sockets = LiveServer.socketQueue();
    private final BlockingQueue<String> disconnects = new java.util.concurrent.LinkedBlockingQueue<>();

    /** Sockets join ({@code join}) and leave ({@code leave}) rooms on request and answer their rooms. */
    private void startRoomServer() {
        server = e2e.start(io -> io.onConnection(socket -> {
            sockets.add(socket);
            socket.onDisconnect((reason, d) -> disconnects.add(socket.id() + ":" + reason.wireName()));
            socket.on("join", (args, ack) -> {
                args.forEach(room -> socket.join(room.asString()));
                ack.send(sorted(socket.rooms()));
            });
            socket.on("leave", (args, ack) -> {
                args.forEach(room -> socket.leave(room.asString()));
                ack.send(sorted(socket.rooms()));
            });
        }));
    }

    private static List<String> sorted(Set<String> rooms) {
        return rooms.stream().sorted().toList();
    }

    private NodeClient connect() {
        NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket());
        client.awaitConnect(WAIT);
        return client;
    }

    @Test
    void joinAndLeaveDecideWhichRoomBroadcastsTheSocketGets() {
        startRoomServer();
        try (NodeClient client = connect()) {
            String id = client.state().id();
            assertThat(client.emitWithAck("join", WAIT, "news").get(0)).isEqualTo(NodeDriver.toJson(sorted(Set.of(id, "news"))));
            server.io.to("news").emit("headline", 1);
            assertThat(client.awaitEvent("headline", WAIT)).hasToString("[1]");

            assertThat(client.emitWithAck("leave", WAIT, "news")).hasToString("[[\"" + id + "\"]]");
            server.io.to("news").emit("headline", 2);
            server.io.emit("marker");
            client.awaitEvent("marker", WAIT);
            assertThat(client.received("headline")).hasToString("[[1]]");
        }
    }

    @Test
    void everySocketIsInItsOwnRoomNamedByItsId() {
        startRoomServer();
        try (NodeClient a = connect(); NodeClient b = connect()) {
            String idA = a.state().id();
            Socket socketA = server.io.localSockets().get(idA);
            assertThat(socketA.rooms()).containsExactly(idA);

            server.io.to(idA).emit("direct", "for a");
            server.io.emit("marker");
            assertThat(a.awaitEvent("direct", WAIT)).hasToString("[\"for a\"]");
            b.awaitEvent("marker", WAIT);
            assertThat(b.received("direct")).isEmpty();
        }
    }

    @Test
    void disconnectedSocketLeavesAllItsRooms() {
        startRoomServer();
        try (NodeClient a = connect(); NodeClient b = connect()) {
            String idA = a.state().id();
            a.emitWithAck("join", WAIT, "shared");
            b.emitWithAck("join", WAIT, "shared");
            a.disconnect();
            assertThat(LiveServer.next(disconnects, "disconnect")).isEqualTo(idA + ":client namespace disconnect");
            List<RemoteSocket> left = LiveServer.await(server.io.in("shared").fetchSockets(), "fetchSockets");
            assertThat(left).extracting(RemoteSocket::id).containsExactly(b.state().id());
            assertThat(server.io.sockets().adapter().socketRooms(idA)).isNullOrEmpty();
            assertThat(LiveServer.await(server.io.sockets().adapter().sockets(Set.of(idA)), "sockets")).isEmpty();
        }
    }

    @Test
    void joinAfterDisconnectIsIgnored() {
        startRoomServer();
        try (NodeClient a = connect()) {
            Socket socket = LiveServer.next(sockets, "connection");
            a.disconnect();
            LiveServer.next(disconnects, "disconnect");
            socket.join("late");
            assertThat(LiveServer.await(server.io.in("late").fetchSockets(), "fetchSockets")).isEmpty();
        }
    }

    @Test
    void fetchSocketsReturnsIdsRoomsDataAndHandshakeOfTheSelectedSockets() {
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.data().put("name", socket.handshake().auth().path("name").asString());
            socket.join("team-" + socket.handshake().auth().path("team").asString());
            socket.emit("ready");
        }));
        try (NodeClient ann = e2e.driver().connect(server.url("/"),
                     LiveServer.websocket("auth", Map.of("name", "ann", "team", "red")));
             NodeClient bob = e2e.driver().connect(server.url("/"),
                     LiveServer.websocket("auth", Map.of("name", "bob", "team", "blue")))) {
            String annId = ann.awaitConnect(WAIT);
            String bobId = bob.awaitConnect(WAIT);
            ann.awaitEvent("ready", WAIT);
            bob.awaitEvent("ready", WAIT);

            List<RemoteSocket> all = LiveServer.await(server.io.fetchSockets(), "fetchSockets");
            assertThat(all).extracting(RemoteSocket::id).containsExactlyInAnyOrder(annId, bobId);

            List<RemoteSocket> red = LiveServer.await(server.io.in("team-red").fetchSockets(), "fetchSockets");
            assertThat(red).hasSize(1);
            RemoteSocket found = red.get(0);
            assertThat(found.id()).isEqualTo(annId);
            assertThat(found.rooms()).containsExactlyInAnyOrder(annId, "team-red");
            assertThat(found.data()).containsEntry("name", "ann");
            assertThat(found.handshake().auth().path("team").asString()).isEqualTo("red");
            assertThat(found.handshake().address()).isEqualTo("127.0.0.1");

            List<RemoteSocket> notRed = LiveServer.await(server.io.except("team-red").fetchSockets(), "fetchSockets");
            assertThat(notRed).extracting(RemoteSocket::id).containsExactly(bobId);
        }
    }

    @Test
    void fetchedSocketCanJoinLeaveEmitAndDisconnect() {
        startRoomServer();
        try (NodeClient a = connect(); NodeClient b = connect()) {
            String idA = a.state().id();
            RemoteSocket fetched = LiveServer.await(server.io.in(idA).fetchSockets(), "fetchSockets").get(0);

            fetched.join("vip", "gold");
            assertThat(server.io.localSockets().get(idA).rooms()).containsExactlyInAnyOrder(idA, "vip", "gold");
            fetched.leave("gold");
            assertThat(server.io.localSockets().get(idA).rooms()).containsExactlyInAnyOrder(idA, "vip");

            fetched.emit("private", "hello a");
            assertThat(a.awaitEvent("private", WAIT)).hasToString("[\"hello a\"]");

            fetched.disconnect(false);
            assertThat(a.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertThat(LiveServer.next(disconnects, "disconnect")).isEqualTo(idA + ":server namespace disconnect");
            server.io.emit("marker");
            b.awaitEvent("marker", WAIT);
            assertThat(b.received("private")).isEmpty();
        }
    }

    @Test
    void socketsJoinAndSocketsLeaveMoveTheSelectedSockets() {
        startRoomServer();
        try (NodeClient a = connect(); NodeClient b = connect(); NodeClient c = connect()) {
            a.emitWithAck("join", WAIT, "red");
            b.emitWithAck("join", WAIT, "red");
            server.io.in("red").socketsJoin("party", "lobby");
            server.io.to("party").emit("invite", 1);
            assertThat(a.awaitEvent("invite", WAIT)).hasToString("[1]");
            assertThat(b.awaitEvent("invite", WAIT)).hasToString("[1]");

            server.io.except(a.state().id()).socketsLeave("party");
            assertThat(LiveServer.await(server.io.in("party").fetchSockets(), "fetchSockets"))
                    .extracting(RemoteSocket::id).containsExactly(a.state().id());
            assertThat(LiveServer.await(server.io.in("lobby").fetchSockets(), "fetchSockets")).hasSize(2);

            server.io.to("party").emit("invite", 2);
            server.io.emit("marker");
            assertThat(a.awaitEvent("invite", WAIT)).hasToString("[2]");
            b.awaitEvent("marker", WAIT);
            c.awaitEvent("marker", WAIT);
            assertThat(b.received("invite")).hasToString("[[1]]");
            assertThat(c.received("invite")).isEmpty();
        }
    }

    @Test
    void disconnectSocketsWithoutCloseLeavesOnlyTheNamespace() {
        server = e2e.start(io -> {
            io.of("/a").onConnection(socket -> {
                socket.join("kick");
                socket.onDisconnect((reason, d) -> disconnects.add("/a:" + reason.wireName()));
            });
            io.of("/b").onConnection(socket -> socket.on("ping", (args, ack) -> ack.send("pong")));
        });
        Map<String, Object> shared = Map.of("transports", List.of("websocket"));
        try (NodeClient a = e2e.driver().connect(server.url("/a"), shared);
             NodeClient b = e2e.driver().connect(server.url("/b"), shared)) {
            a.awaitConnect(WAIT);
            b.awaitConnect(WAIT);
            server.io.of("/a").in("kick").disconnectSockets(false);
            assertThat(a.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertThat(LiveServer.next(disconnects, "disconnect")).isEqualTo("/a:server namespace disconnect");
            assertThat(b.emitWithAck("ping", WAIT)).hasToString("[\"pong\"]");
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);
        }
    }

    @Test
    void disconnectSocketsWithCloseEndsTheWholeConnection() {
        server = e2e.start(io -> {
            io.of("/a").onConnection(socket -> socket.onDisconnect((reason, d) -> disconnects.add("/a:" + reason.wireName())));
            io.of("/b").onConnection(socket -> socket.onDisconnect((reason, d) -> disconnects.add("/b:" + reason.wireName())));
        });
        Map<String, Object> shared = Map.of("transports", List.of("websocket"), "reconnection", false);
        try (NodeClient a = e2e.driver().connect(server.url("/a"), shared);
             NodeClient b = e2e.driver().connect(server.url("/b"), shared);
             NodeClient other = e2e.driver().connect(server.url("/b"), LiveServer.websocket())) {
            a.awaitConnect(WAIT);
            b.awaitConnect(WAIT);
            other.awaitConnect(WAIT);
            String otherId = other.state().id();
            server.io.of("/a").disconnectSockets(true);
            assertThat(a.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertThat(b.awaitDisconnect(WAIT)).isIn("io server disconnect", "transport close");
            assertThat(Set.of(LiveServer.next(disconnects, "disconnect"), LiveServer.next(disconnects, "disconnect")))
                    .containsExactlyInAnyOrder("/a:server namespace disconnect", "/b:server namespace disconnect");
            await().atMost(WAIT).until(() -> server.io.engine().clientsCount() == 1);
            assertThat(server.io.of("/b").sockets().keySet()).containsExactly(otherId);
            assertThat(other.state().connected()).isTrue();
        }
    }

    @Test
    void joiningBeyondMaxRoomsPerSocketThrowsAndJoinsNone() {
        server = e2e.start(SocketIoServer.builder().maxRoomsPerSocket(3), io -> io.onConnection(socket ->
                socket.on("join", (args, ack) -> {
                    try {
                        socket.join(java.util.stream.StreamSupport.stream(args.spliterator(), false)
                                .map(tools.jackson.databind.JsonNode::asString).toArray(String[]::new));
                        ack.send("joined", sorted(socket.rooms()).size());
                    } catch (IllegalStateException e) {
                        ack.send(e.getMessage(), sorted(socket.rooms()).size());
                    }
                })));
        try (NodeClient client = connect()) {
            assertThat(client.emitWithAck("join", WAIT, "a", "b")).hasToString("[\"joined\",3]"); // with its own room
            assertThat(client.emitWithAck("join", WAIT, "a")).hasToString("[\"joined\",3]"); // already in: no new room
            assertThat(client.emitWithAck("join", WAIT, "a", "c").get(0).asString())
                    .startsWith("too many rooms: socket ").endsWith(" is in 3 rooms and may be in 3 (maxRoomsPerSocket)");
            assertThat(server.io.localSockets().get(client.state().id()).rooms()).doesNotContain("c");
            server.io.to("c").emit("headline");
            server.io.to("b").emit("marker");
            client.awaitEvent("marker", WAIT);
            assertThat(client.received("headline")).isEmpty();
        }
    }
}
