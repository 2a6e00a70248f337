package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Static and dynamic namespaces, multiplexing and namespace errors, as in Node's namespaces tests. */
@ExtendWith(LeakGuard.class)
class NamespacesTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private LiveServer server;

    @Test
    void staticNamespacesKeepTheirSocketsAndBroadcastsApart() {
        server = e2e.start(io -> {
            io.of("/chat").onConnection(socket -> socket.emit("where", socket.namespace().name()));
            io.of("/news").onConnection(socket -> socket.emit("where", socket.namespace().name()));
        });
        try (NodeClient chat = e2e.driver().connect(server.url("/chat"), LiveServer.websocket());
             NodeClient news = e2e.driver().connect(server.url("/news"), LiveServer.websocket())) {
            String chatId = chat.awaitConnect(WAIT);
            String newsId = news.awaitConnect(WAIT);
            assertThat(chat.awaitEvent("where", WAIT)).hasToString("[\"/chat\"]");
            assertThat(news.awaitEvent("where", WAIT)).hasToString("[\"/news\"]");
            assertThat(server.io.of("/chat").sockets()).containsOnlyKeys(chatId);
            assertThat(server.io.of("/news").sockets()).containsOnlyKeys(newsId);

            server.io.of("/news").emit("headline", "news only");
            server.io.of("/chat").emit("headline", "chat only");
            server.io.of("/chat").emit("marker");
            server.io.of("/news").emit("marker");
            chat.awaitEvent("marker", WAIT);
            news.awaitEvent("marker", WAIT);
            assertThat(chat.received("headline")).hasToString("[[\"chat only\"]]");
            assertThat(news.received("headline")).hasToString("[[\"news only\"]]");
        }
    }

    @Test
    void connectingToACustomNamespaceDoesNotJoinTheMainNamespace() {
        CompletableFuture<Socket> connected = new CompletableFuture<>();
        server = e2e.start(io -> io.of("/chat").onConnection(connected::complete));
        try (NodeClient chat = e2e.driver().connect(server.url("/chat"), LiveServer.websocket())) {
            chat.awaitConnect(WAIT);
            LiveServer.await(connected, "connection on /chat");
            assertThat(server.io.localSockets()).isEmpty();
        }
    }

    @Test
    void unknownNamespaceIsRefusedWithInvalidNamespace() {
        server = e2e.start(io -> io.of("/known"));
        try (NodeClient client = e2e.driver().connect(server.url("/unknown"), LiveServer.websocket("reconnection", false))) {
            assertThat(client.awaitConnectError(WAIT)).hasToString("{\"message\":\"Invalid namespace\",\"data\":null}");
            assertThat(client.state().connected()).isFalse();
        }
    }

    @Test
    void regexNamespaceCreatesChildOnFirstConnectWithParentMiddlewareAndListeners() {
        List<String> middlewareRuns = new CopyOnWriteArrayList<>();
        ParentNamespace[] parent = new ParentNamespace[1];
        server = e2e.start(io -> {
            parent[0] = io.of(Pattern.compile("^/dyn-\\d+$"));
            parent[0].use((socket, next) -> {
                middlewareRuns.add(socket.namespace().name());
                socket.data().put("via", "parent middleware");
                next.proceed();
            });
            parent[0].onConnection(socket -> socket.emit("hello", socket.namespace().name(), socket.data().get("via")));
        });
        assertThat(parent[0].children()).isEmpty();
        try (NodeClient one = e2e.driver().connect(server.url("/dyn-1"), LiveServer.websocket());
             NodeClient two = e2e.driver().connect(server.url("/dyn-22"), LiveServer.websocket());
             NodeClient other = e2e.driver().connect(server.url("/dyn-x"), LiveServer.websocket("reconnection", false))) {
            one.awaitConnect(WAIT);
            two.awaitConnect(WAIT);
            assertThat(one.awaitEvent("hello", WAIT)).hasToString("[\"/dyn-1\",\"parent middleware\"]");
            assertThat(two.awaitEvent("hello", WAIT)).hasToString("[\"/dyn-22\",\"parent middleware\"]");
            assertThat(other.awaitConnectError(WAIT).path("message").asString()).isEqualTo("Invalid namespace");
            assertThat(middlewareRuns).containsExactlyInAnyOrder("/dyn-1", "/dyn-22");
            assertThat(names(parent[0].children())).containsExactlyInAnyOrder("/dyn-1", "/dyn-22");
            assertThat(server.io.of("/dyn-1").sockets()).hasSize(1);
        }
    }

    @Test
    void predicateNamespaceDecidesFromNameAndAuth() {
        List<String> asked = new CopyOnWriteArrayList<>();
        ParentNamespace[] parent = new ParentNamespace[1];
        server = e2e.start(io -> {
            parent[0] = io.of((name, auth) -> {
                asked.add(name);
                return name.startsWith("/team-") && "let-me-in".equals(auth.path("token").asString(null));
            });
            parent[0].onConnection(socket -> socket.emit("joined", socket.namespace().name()));
        });
        try (NodeClient allowed = e2e.driver().connect(server.url("/team-red"),
                     LiveServer.websocket("auth", Map.of("token", "let-me-in")));
             NodeClient noToken = e2e.driver().connect(server.url("/team-blue"), LiveServer.websocket("reconnection", false));
             NodeClient wrongName = e2e.driver().connect(server.url("/other"),
                     LiveServer.websocket("reconnection", false, "auth", Map.of("token", "let-me-in")))) {
            allowed.awaitConnect(WAIT);
            assertThat(allowed.awaitEvent("joined", WAIT)).hasToString("[\"/team-red\"]");
            assertThat(noToken.awaitConnectError(WAIT).path("message").asString()).isEqualTo("Invalid namespace");
            assertThat(wrongName.awaitConnectError(WAIT).path("message").asString()).isEqualTo("Invalid namespace");
            assertThat(asked).contains("/team-red", "/team-blue", "/other");
            assertThat(names(parent[0].children())).containsExactly("/team-red");
        }
    }

    @Test
    void broadcastOnTheParentReachesEveryChild() {
        ParentNamespace[] parent = new ParentNamespace[1];
        server = e2e.start(io -> {
            parent[0] = io.of(Pattern.compile("^/dyn-\\d+$"));
            parent[0].onConnection(socket -> socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asString());
                ack.send();
            }));
        });
        try (NodeClient one = e2e.driver().connect(server.url("/dyn-1"), LiveServer.websocket());
             NodeClient two = e2e.driver().connect(server.url("/dyn-2"), LiveServer.websocket())) {
            one.awaitConnect(WAIT);
            two.awaitConnect(WAIT);
            one.emitWithAck("join", WAIT, "vip");
            two.emitWithAck("join", WAIT, "regular");

            parent[0].emit("all", "everyone");
            assertThat(one.awaitEvent("all", WAIT)).hasToString("[\"everyone\"]");
            assertThat(two.awaitEvent("all", WAIT)).hasToString("[\"everyone\"]");

            parent[0].to("vip").emit("vip", "only vip");
            parent[0].except("vip").emit("others", "not vip");
            parent[0].emit("marker");
            one.awaitEvent("marker", WAIT);
            two.awaitEvent("marker", WAIT);
            assertThat(one.received("vip")).hasToString("[[\"only vip\"]]");
            assertThat(two.received("vip")).isEmpty();
            assertThat(one.received("others")).isEmpty();
            assertThat(two.received("others")).hasToString("[[\"not vip\"]]");
        }
    }

    @Test
    void ofWithAMatchingNameCreatesAChildOfTheRegexParent() {
        ParentNamespace[] parent = new ParentNamespace[1];
        server = e2e.start(io -> {
            parent[0] = io.of(Pattern.compile("^/dyn-\\d+$"));
            parent[0].onConnection(socket -> socket.emit("from", "parent listener"));
        });
        Namespace child = server.io.of("/dyn-5");
        assertThat(parent[0].children()).containsExactly(child);
        try (NodeClient client = e2e.driver().connect(server.url("/dyn-5"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            assertThat(client.awaitEvent("from", WAIT)).hasToString("[\"parent listener\"]");
        }
    }

    @Test
    void oneClientMultiplexesTwoNamespacesOverOneEngineConnection() {
        BlockingQueue<Socket> sockets = LiveServer.socketQueue();
        server = e2e.start(io -> {
            io.of("/a").onConnection(sockets::add);
            io.of("/b").onConnection(sockets::add);
        });
        Map<String, Object> shared = Map.of("transports", List.of("websocket"));
        try (NodeClient a = e2e.driver().connect(server.url("/a"), shared);
             NodeClient b = e2e.driver().connect(server.url("/b"), shared)) {
            String idA = a.awaitConnect(WAIT);
            String idB = b.awaitConnect(WAIT);
            Socket first = LiveServer.next(sockets, "first connection");
            Socket second = LiveServer.next(sockets, "second connection");
            assertThat(idA).isNotEqualTo(idB);
            assertThat(Set.of(first.id(), second.id())).containsExactlyInAnyOrder(idA, idB);
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);

            server.io.of("/a").emit("msg", "to a");
            server.io.of("/b").emit("msg", "to b");
            assertThat(a.awaitEvent("msg", WAIT)).hasToString("[\"to a\"]");
            assertThat(b.awaitEvent("msg", WAIT)).hasToString("[\"to b\"]");

            // closing the shared connection from one namespace ends both
            server.io.of("/a").sockets().get(idA).disconnect(true);
            assertThat(a.awaitDisconnect(WAIT)).isEqualTo("io server disconnect");
            assertThat(b.awaitDisconnect(WAIT)).isIn("io server disconnect", "transport close");
            await().atMost(WAIT).until(() -> server.io.engine().clientsCount() == 0);
        }
    }

    @Test
    void socketIdIsDistinctPerNamespaceAndFromTheEngineSessionId() {
        server = e2e.start(io -> io.of("/chat"));
        RawPollingClient raw = RawPollingClient.handshake(server.port());
        assertThat(raw.post("40", "40/chat,")).isEqualTo(200);
        List<String> packets = new ArrayList<>();
        for (int i = 0; i < 5 && packets.stream().filter(p -> p.startsWith("40")).count() < 2; i++) {
            packets.addAll(raw.poll().packets());
        }
        String mainId = connectReplySid(packets, "40{");
        String chatId = connectReplySid(packets, "40/chat,{");
        assertThat(mainId).isNotBlank().isNotEqualTo(chatId).isNotEqualTo(raw.sid());
        assertThat(chatId).isNotBlank().isNotEqualTo(raw.sid());
        assertThat(server.io.localSockets()).containsOnlyKeys(mainId);
        assertThat(server.io.of("/chat").sockets()).containsOnlyKeys(chatId);
        assertThat(server.io.of("/chat").sockets().get(chatId).rooms()).containsExactly(chatId);
    }

    @Test
    void emptyChildNamespaceIsRemovedWhenCleanupIsEnabledAndRecreatedOnNextConnect() {
        ParentNamespace[] parent = new ParentNamespace[1];
        List<Socket> connections = new CopyOnWriteArrayList<>();
        server = e2e.start(SocketIoServer.builder().cleanupEmptyChildNamespaces(true), io -> {
            parent[0] = io.of(Pattern.compile("^/dyn-\\d+$"));
            parent[0].onConnection(socket -> {
                connections.add(socket);
                socket.emit("hello", socket.namespace().name());
            });
            io.of("/static").onConnection(socket -> socket.emit("hello", "/static"));
        });
        try (NodeClient dynamic = e2e.driver().connect(server.url("/dyn-1"), LiveServer.websocket());
             NodeClient fixed = e2e.driver().connect(server.url("/static"), LiveServer.websocket())) {
            dynamic.awaitEvent("hello", WAIT);
            fixed.awaitEvent("hello", WAIT);
            Namespace firstChild = parent[0].children().iterator().next();
            dynamic.disconnect();
            fixed.disconnect();
            await().atMost(WAIT).until(() -> parent[0].children().isEmpty());
            await().atMost(WAIT).until(() -> server.io.of("/static").sockets().isEmpty());

            dynamic.connectAgain();
            fixed.connectAgain();
            assertThat(dynamic.awaitEvent("hello", WAIT)).hasToString("[\"/dyn-1\"]");
            assertThat(fixed.awaitEvent("hello", WAIT)).hasToString("[\"/static\"]");
            assertThat(names(parent[0].children())).containsExactly("/dyn-1");
            assertThat(parent[0].children()).doesNotContain(firstChild);
            assertThat(connections).hasSize(2);
        }
    }

    @Test
    void emptyChildNamespaceIsKeptByDefault() {
        ParentNamespace[] parent = new ParentNamespace[1];
        CompletableFuture<DisconnectReason> left = new CompletableFuture<>();
        server = e2e.start(io -> {
            parent[0] = io.of(Pattern.compile("^/dyn-\\d+$"));
            parent[0].onConnection(socket -> socket.onDisconnect((reason, d) -> left.complete(reason)));
        });
        try (NodeClient dynamic = e2e.driver().connect(server.url("/dyn-1"), LiveServer.websocket())) {
            dynamic.awaitConnect(WAIT);
            dynamic.disconnect();
            assertThat(LiveServer.await(left, "disconnect")).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            assertThat(names(parent[0].children())).containsExactly("/dyn-1");
        }
    }

    private static Set<String> names(Set<Namespace> namespaces) {
        return namespaces.stream().map(Namespace::name).collect(Collectors.toSet());
    }

    private static String connectReplySid(List<String> packets, String prefix) {
        String packet = packets.stream().filter(p -> p.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no CONNECT reply " + prefix + " in " + packets));
        return tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(packet.substring(prefix.length() - 1)).path("sid").asString();
    }

    @Test
    void connectBeyondMaxNamespacesPerClientIsRefusedWithoutCreatingTheNamespace() {
        ParentNamespace[] parent = new ParentNamespace[1];
        List<String> refused = new CopyOnWriteArrayList<>();
        server = e2e.start(SocketIoServer.builder().maxNamespacesPerClient(2).listener(new ServerListener() {
            @Override
            public void onConnectError(Namespace namespace, String name, String message) {
                refused.add(name + " " + message + " " + (namespace == null ? "-" : namespace.name()));
            }
        }), io -> parent[0] = io.of(Pattern.compile("^/dyn-\\d+$")));
        // one manager (multiplexed): three namespaces over one connection
        Map<String, Object> options = Map.of("transports", List.of("websocket"), "reconnection", false);
        try (NodeClient one = e2e.driver().connect(server.url("/dyn-1"), options);
             NodeClient two = e2e.driver().connect(server.url("/dyn-2"), options)) {
            one.awaitConnect(WAIT);
            two.awaitConnect(WAIT);
            try (NodeClient three = e2e.driver().connect(server.url("/dyn-3"), options)) {
                assertThat(three.awaitConnectError(WAIT)).hasToString("{\"message\":\"too many namespaces\",\"data\":null}");
                assertThat(names(parent[0].children())).containsExactlyInAnyOrder("/dyn-1", "/dyn-2");
                // the listener hears of the refusal after the client does
                await().atMost(WAIT).untilAsserted(() -> assertThat(refused).containsExactly("/dyn-3 too many namespaces -"));
                assertThat(one.state().id()).isNotNull();
                assertThat(one.state().connected()).isTrue(); // the connection and its other sockets are untouched
            }
        }
    }

    @Test
    void connectThatWouldCreateAChildBeyondMaxChildNamespacesIsRefusedUntilOneIsCleanedUp() {
        ParentNamespace[] parent = new ParentNamespace[1];
        server = e2e.start(SocketIoServer.builder().maxChildNamespaces(2).cleanupEmptyChildNamespaces(true),
                io -> parent[0] = io.of(Pattern.compile("^/dyn-\\d+$")));
        try (NodeClient one = e2e.driver().connect(server.url("/dyn-1"), LiveServer.websocket("reconnection", false));
             NodeClient two = e2e.driver().connect(server.url("/dyn-2"), LiveServer.websocket("reconnection", false));
             NodeClient alsoTwo = e2e.driver().connect(server.url("/dyn-2"), LiveServer.websocket("reconnection", false))) {
            one.awaitConnect(WAIT);
            two.awaitConnect(WAIT);
            alsoTwo.awaitConnect(WAIT); // an existing child takes any number of sockets
            try (NodeClient three = e2e.driver().connect(server.url("/dyn-3"), LiveServer.websocket("reconnection", false))) {
                assertThat(three.awaitConnectError(WAIT)).hasToString("{\"message\":\"too many namespaces\",\"data\":null}");
            }
            assertThat(names(parent[0].children())).containsExactlyInAnyOrder("/dyn-1", "/dyn-2");
            one.close(); // its child is removed when empty, which frees a place
            await().atMost(WAIT).until(() -> parent[0].children().size() == 1);
            try (NodeClient three = e2e.driver().connect(server.url("/dyn-3"), LiveServer.websocket("reconnection", false))) {
                three.awaitConnect(WAIT);
            }
        }
    }
}
