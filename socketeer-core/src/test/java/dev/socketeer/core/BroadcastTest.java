package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broadcasting: rooms with de-duplication, exclusions, broadcasts from a socket, flags, server-side
 * emit on one node, and the catch-all listeners. Three websocket clients {@code a}, {@code b},
 * {@code c} join the rooms they ask for; every check of what a client did not get is ordered by a
 * later {@code marker} event.
 */
@ExtendWith(LeakGuard.class)
class BroadcastTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;
    private NodeClient a;
    private NodeClient b;
    private NodeClient c;

    @AfterEach
    void stopServer() {
        for (NodeClient client : new NodeClient[] {a, b, c}) {
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * Starts a server whose sockets join rooms on {@code join}, and answer {@code broadcast},
     * {@code to}, {@code local} by broadcasting {@code news} the way the event names; connects a, b, c.
     */
    private void startWithClients() {
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                args.forEach(room -> socket.join(room.asString()));
                ack.send();
            });
            socket.on("broadcast", (args, ack) -> {
                socket.broadcast().emit("news", args.get(0));
                ack.send();
            });
            socket.on("to", (args, ack) -> {
                socket.to(args.get(0).asString()).emit("news", args.get(1));
                ack.send();
            });
            socket.on("except", (args, ack) -> {
                socket.except(args.get(0).asString()).emit("news", args.get(1));
                ack.send();
            });
            socket.on("local", (args, ack) -> {
                socket.local().emit("news", args.get(0));
                ack.send();
            });
        }));
        a = connect();
        b = connect();
        c = connect();
    }

    private NodeClient connect() {
        NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket());
        client.awaitConnect(WAIT);
        return client;
    }

    /** Emits {@code marker} to everyone and waits until each client has it. */
    private void awaitMarker() {
        server.io.emit("marker");
        for (NodeClient client : new NodeClient[] {a, b, c}) {
            client.awaitEvent("marker", WAIT);
        }
    }

    @Test
    void broadcastToSeveralRoomsReachesEachMemberOnce() {
        startWithClients();
        a.emitWithAck("join", WAIT, "red", "blue");
        b.emitWithAck("join", WAIT, "blue");
        server.io.to("red").to("blue").emit("news", 1);
        server.io.in("red", "blue", "green").emit("news", 2);
        awaitMarker();
        assertThat(a.received("news")).hasToString("[[1], [2]]");
        assertThat(b.received("news")).hasToString("[[1], [2]]");
        assertThat(c.received("news")).isEmpty();
    }

    @Test
    void exceptSkipsMembersOfTheExcludedRooms() {
        startWithClients();
        a.emitWithAck("join", WAIT, "red", "muted");
        b.emitWithAck("join", WAIT, "red");
        c.emitWithAck("join", WAIT, "muted");
        server.io.to("red").except("muted").emit("news", "red not muted");
        server.io.except("muted").emit("news", "all not muted");
        awaitMarker();
        assertThat(a.received("news")).isEmpty();
        assertThat(b.received("news")).hasToString("[[\"red not muted\"], [\"all not muted\"]]");
        assertThat(c.received("news")).isEmpty();
    }

    @Test
    void socketBroadcastReachesEveryoneButTheSender() {
        startWithClients();
        a.emitWithAck("broadcast", WAIT, "from a");
        assertThat(b.awaitEvent("news", WAIT)).hasToString("[\"from a\"]");
        assertThat(c.awaitEvent("news", WAIT)).hasToString("[\"from a\"]");
        awaitMarker();
        assertThat(a.received("news")).isEmpty();
    }

    @Test
    void socketToRoomReachesTheOtherMembersEvenWhenTheSenderIsOneOfThem() {
        startWithClients();
        a.emitWithAck("join", WAIT, "red");
        b.emitWithAck("join", WAIT, "red");
        a.emitWithAck("to", WAIT, "red", "hi red");
        c.emitWithAck("to", WAIT, "red", "hi from outside");
        awaitMarker();
        assertThat(a.received("news")).hasToString("[[\"hi from outside\"]]");
        assertThat(b.received("news")).hasToString("[[\"hi red\"], [\"hi from outside\"]]");
        assertThat(c.received("news")).isEmpty();
    }

    @Test
    void socketExceptSkipsTheSenderAndTheExcludedRooms() {
        startWithClients();
        b.emitWithAck("join", WAIT, "muted");
        a.emitWithAck("except", WAIT, "muted", "not muted");
        awaitMarker();
        assertThat(a.received("news")).isEmpty();
        assertThat(b.received("news")).isEmpty();
        assertThat(c.received("news")).hasToString("[[\"not muted\"]]");
    }

    @Test
    void volatileBroadcastIsDeliveredToConnectedWebsocketClients() {
        startWithClients();
        server.io.volatile_().emit("tick", 1);
        assertThat(a.awaitEvent("tick", WAIT)).hasToString("[1]");
        assertThat(b.awaitEvent("tick", WAIT)).hasToString("[1]");
        assertThat(c.awaitEvent("tick", WAIT)).hasToString("[1]");
        server.io.localSockets().get(a.state().id()).volatile_().emit("tick", 2);
        assertThat(a.awaitEvent("tick", WAIT)).hasToString("[2]");
    }

    @Test
    void localBroadcastReachesTheSocketsOfThisServer() {
        startWithClients();
        server.io.local().emit("news", "local");
        a.emitWithAck("local", WAIT, "local from a");
        awaitMarker();
        assertThat(a.received("news")).hasToString("[[\"local\"]]");
        assertThat(b.received("news")).hasToString("[[\"local\"], [\"local from a\"]]");
        assertThat(c.received("news")).hasToString("[[\"local\"], [\"local from a\"]]");
    }

    @Test
    void serverSideEmitOnASingleInMemoryNodeReachesNoListener() {
        List<String> heard = new CopyOnWriteArrayList<>();
        startWithClients();
        server.io.sockets().onServerSideEmit("sync", (args, ack) -> heard.add(args.toString()));
        assertThat(server.io.serverSideEmit("sync", 1)).isTrue();
        // Socketeer answers with no responses where Node's in-memory adapter only warns
        assertThat(LiveServer.await(server.io.serverSideEmitWithAck("sync", 2), "serverSideEmitWithAck")).isEmpty();
        assertThat(heard).isEmpty();
        awaitMarker();
        assertThat(a.received("sync")).isEmpty();
    }

    @Test
    void catchAllListenersSeeIncomingEventsInOrderAndCanBeRemoved() {
        List<String> seen = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            AnyListener removable = (event, args) -> seen.add("removable:" + event);
            socket.onAny((event, args) -> seen.add("first:" + event + args));
            socket.onAny(removable);
            socket.prependAny((event, args) -> seen.add("prepended:" + event));
            socket.on("off", (args, ack) -> {
                socket.offAny(removable);
                ack.send();
            });
            socket.on("offAll", (args, ack) -> {
                socket.offAny(null);
                ack.send();
            });
            socket.on("done", (args, ack) -> ack.send());
        }));
        a = connect();
        a.emit("one", 1, "x");
        a.emitWithAck("off", WAIT);
        a.emitWithAck("done", WAIT);
        a.emitWithAck("offAll", WAIT);
        a.emitWithAck("done", WAIT);
        assertThat(seen).containsExactly(
                "prepended:one", "first:one[1,\"x\"]", "removable:one",
                "prepended:off", "first:off[]", "removable:off",
                "prepended:done", "first:done[]",
                "prepended:offAll", "first:offAll[]");
    }

    @Test
    void outgoingCatchAllListenerSeesDirectAndBroadcastEvents() {
        List<String> sent = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            AnyListener outgoing = (event, args) -> sent.add(event + args);
            socket.onAnyOutgoing(outgoing);
            socket.emit("direct", 1);
            socket.on("stop", (args, ack) -> {
                socket.offAnyOutgoing(outgoing);
                ack.send();
            });
        }));
        a = connect();
        a.awaitEvent("direct", WAIT);
        server.io.emit("everyone", 2);
        server.io.to(a.state().id()).emit("room", 3);
        a.awaitEvent("room", WAIT);
        await().atMost(WAIT).until(() -> sent.size() == 3);
        a.emitWithAck("stop", WAIT);
        server.io.emit("unseen", 4);
        a.awaitEvent("unseen", WAIT);
        server.io.emit("marker");
        a.awaitEvent("marker", WAIT);
        assertThat(sent).containsExactly("direct[1]", "everyone[2]", "room[3]");
    }
}
