package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection middleware ({@code io.use}, {@code nsp.use}), handshake auth, and packet middleware ({@code socket.use}). */
@ExtendWith(LeakGuard.class)
class MiddlewareTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static ExecutorService elsewhere;
    private LiveServer server;

    @BeforeAll
    static void startElsewhere() {
        elsewhere = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-elsewhere"));
    }

    @AfterAll
    static void stopElsewhere() {
        elsewhere.shutdownNow();
    }

    // --- connection middleware ------------------------------------------------------------------

    @Test
    void connectionMiddlewareRunsInRegistrationOrderBeforeTheConnectionListener() {
        List<String> steps = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> io
                .use((socket, next) -> {
                    steps.add("first");
                    next.proceed();
                })
                .use((socket, next) -> {
                    steps.add("second");
                    next.proceed();
                })
                .onConnection(socket -> {
                    steps.add("connection");
                    socket.emit("ready");
                }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            client.awaitEvent("ready", WAIT);
            assertThat(steps).containsExactly("first", "second", "connection");
        }
    }

    /** A room joined in connection middleware is joined before CONNECT is written (README: where we differ). */
    @Test
    void aRoomJoinedInMiddlewareReceivesABroadcastMadeAsSoonAsTheClientIsConnected() {
        server = e2e.start(io -> io.use((socket, next) -> {
            socket.join("early");
            next.proceed();
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            server.io.to("early").emit("news", 1); // from another thread, right after the client saw CONNECT
            assertThat(client.awaitEvent("news", WAIT)).hasToString("[1]");
        }
    }

    @Test
    void serverMiddlewareGuardsTheMainNamespaceOnlyAndNamespaceMiddlewareItsOwn() {
        List<String> steps = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> {
            io.use((socket, next) -> {
                steps.add("main:" + socket.namespace().name());
                next.proceed();
            });
            io.of("/admin").use((socket, next) -> {
                steps.add("admin:" + socket.namespace().name());
                next.proceed();
            });
        });
        try (NodeClient admin = e2e.driver().connect(server.url("/admin"), LiveServer.websocket())) {
            admin.awaitConnect(WAIT);
            assertThat(steps).containsExactly("admin:/admin");
        }
        try (NodeClient main = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            main.awaitConnect(WAIT);
            assertThat(steps).containsExactly("admin:/admin", "main:/");
        }
    }

    @Test
    void middlewareMayProceedLaterFromAnotherThread() {
        server = e2e.start(io -> io
                .use((socket, next) -> elsewhere.execute(() -> {
                    socket.data().put("checkedOn", Thread.currentThread().getName());
                    next.proceed();
                }))
                .onConnection(socket -> socket.emit("checked", socket.data().get("checkedOn"))));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            assertThat(client.awaitEvent("checked", WAIT)).hasToString("[\"test-elsewhere\"]");
        }
    }

    @Test
    void failWithMessageAndDataBecomesConnectErrorAsTheClientSeesIt() {
        List<String> later = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> io
                .use((socket, next) -> next.fail("not authorized", Map.of("code", 403, "reasons", List.of("expired"))))
                .use((socket, next) -> {
                    later.add("second middleware");
                    next.proceed();
                })
                .onConnection(socket -> later.add("connection")));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket("reconnection", false))) {
            assertThat(client.awaitConnectError(WAIT)).isEqualTo(NodeDriver.toJson(Map.of(
                    "message", "not authorized", "data", Map.of("code", 403, "reasons", List.of("expired")))));
            assertThat(client.state().connected()).isFalse();
            assertThat(server.io.localSockets()).isEmpty();
            assertThat(later).isEmpty();
        }
    }

    @Test
    void failFromAnotherThreadIsDeliveredToo() {
        server = e2e.start(io -> io.use((socket, next) -> elsewhere.execute(() -> next.fail("later no"))));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket("reconnection", false))) {
            assertThat(client.awaitConnectError(WAIT)).hasToString("{\"message\":\"later no\",\"data\":null}");
        }
    }

    @Test
    void exceptionThrownInMiddlewareBecomesConnectErrorWithItsMessage() {
        server = e2e.start(io -> io.of("/db").use((socket, next) -> {
            throw new IllegalStateException("database unavailable");
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/db"), LiveServer.websocket("reconnection", false))) {
            assertThat(client.awaitConnectError(WAIT).path("message").asString()).isEqualTo("database unavailable");
            assertThat(server.io.of("/db").sockets()).isEmpty();
        }
    }

    @Test
    void refusedClientCanStillUseAnotherNamespaceOfTheSameConnection() {
        server = e2e.start(io -> {
            io.of("/private").use((socket, next) -> next.fail("private"));
            io.onConnection(socket -> socket.emit("hello"));
        });
        Map<String, Object> shared = Map.of("transports", List.of("websocket"));
        try (NodeClient main = e2e.driver().connect(server.url("/"), shared);
             NodeClient refused = e2e.driver().connect(server.url("/private"), Map.of("transports", List.of("websocket"),
                     "reconnection", false))) {
            main.awaitConnect(WAIT);
            assertThat(refused.awaitConnectError(WAIT).path("message").asString()).isEqualTo("private");
            server.io.emit("still", "here");
            assertThat(main.awaitEvent("still", WAIT)).hasToString("[\"here\"]");
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);
        }
    }

    // --- authentication in the handshake ----------------------------------------------------------

    private static Middleware requireToken(java.util.function.Function<Handshake, String> tokenOf) {
        return (socket, next) -> {
            String token = tokenOf.apply(socket.handshake());
            if ("secret".equals(token)) {
                socket.data().put("user", "ann");
                next.proceed();
            } else {
                next.fail("Unauthorized", Map.of("token", String.valueOf(token)));
            }
        };
    }

    private void assertAcceptedAndRefused(Map<String, Object> good, Map<String, Object> bad) {
        try (NodeClient accepted = e2e.driver().connect(server.url("/"), good);
             NodeClient refused = e2e.driver().connect(server.url("/"), bad)) {
            accepted.awaitConnect(WAIT);
            assertThat(accepted.awaitEvent("user", WAIT)).hasToString("[\"ann\"]");
            assertThat(refused.awaitConnectError(WAIT))
                    .hasToString("{\"message\":\"Unauthorized\",\"data\":{\"token\":\"wrong\"}}");
            assertThat(server.io.localSockets()).hasSize(1);
        }
    }

    private void startWithAuth(java.util.function.Function<Handshake, String> tokenOf) {
        server = e2e.start(io -> io.use(requireToken(tokenOf))
                .onConnection(socket -> socket.emit("user", socket.data().get("user"))));
    }

    @Test
    void tokenInTheAuthPayloadIsAcceptedOrRefused() {
        startWithAuth(h -> h.auth().path("token").asString(null));
        assertAcceptedAndRefused(
                LiveServer.websocket("auth", Map.of("token", "secret")),
                LiveServer.websocket("auth", Map.of("token", "wrong"), "reconnection", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void tokenInAQueryParameterIsAcceptedOrRefused(String transport) {
        startWithAuth(h -> h.query().get("token"));
        Map<String, Object> base = Map.of("transports", List.of(transport), "forceNew", true);
        assertAcceptedAndRefused(
                with(base, "query", Map.of("token", "secret")),
                with(with(base, "query", Map.of("token", "wrong")), "reconnection", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void tokenInAnExtraHeaderIsAcceptedOrRefused(String transport) {
        startWithAuth(h -> {
            String header = h.header("Authorization");
            return header == null ? null : header.substring("Bearer ".length());
        });
        Map<String, Object> base = Map.of("transports", List.of(transport), "forceNew", true);
        assertAcceptedAndRefused(
                with(base, "extraHeaders", Map.of("Authorization", "Bearer secret")),
                with(with(base, "extraHeaders", Map.of("Authorization", "Bearer wrong")), "reconnection", false));
    }

    private static Map<String, Object> with(Map<String, Object> options, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(options);
        copy.put(key, value);
        return copy;
    }

    // --- packet middleware (socket.use) -----------------------------------------------------------

    @Test
    void packetMiddlewareLetsEventsThroughInOrder() {
        List<String> steps = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.use((packet, next) -> {
                steps.add("first:" + packet.get(0).asString() + ":" + packet.get(1).asInt());
                next.proceed();
            });
            socket.use((packet, next) -> {
                steps.add("second:" + packet.get(0).asString() + ":" + packet.get(1).asInt());
                next.proceed();
            });
            socket.on("step", (args, ack) -> {
                steps.add("listener:step:" + args.get(0).asInt());
                ack.send(args.get(0));
            });
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            client.emit("step", 1);
            client.emit("step", 2);
            assertThat(client.emitWithAck("step", WAIT, 3)).hasToString("[3]");
            assertThat(steps).containsExactly(
                    "first:step:1", "second:step:1", "listener:step:1",
                    "first:step:2", "second:step:2", "listener:step:2",
                    "first:step:3", "second:step:3", "listener:step:3");
        }
    }

    @Test
    void packetMiddlewareRejectingAnEventTellsTheSocketsErrorListenerNotTheEventListener() {
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.use((packet, next) -> {
                String event = packet.get(0).asString();
                if (event.equals("forbidden")) {
                    next.fail(new SecurityException("forbidden event"));
                } else if (event.equals("broken")) {
                    throw new IllegalArgumentException("middleware bug");
                } else {
                    next.proceed();
                }
            });
            socket.onError(errors::add);
            socket.on("forbidden", (args, ack) -> handled.add("forbidden"));
            socket.on("broken", (args, ack) -> handled.add("broken"));
            socket.on("allowed", (args, ack) -> {
                handled.add("allowed");
                ack.send("ok");
            });
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            client.emit("forbidden", 1);
            client.emit("broken", 2);
            assertThat(client.emitWithAck("allowed", WAIT)).hasToString("[\"ok\"]");
            assertThat(handled).containsExactly("allowed");
            Throwable first = LiveServer.next(errors, "error of the rejected event");
            assertThat(first).isInstanceOf(SecurityException.class).hasMessage("forbidden event");
            assertThat(LiveServer.next(errors, "error of the throwing middleware")).hasMessage("middleware bug");
            assertThat(client.state().connected()).isTrue();
            assertThat(client.recentNotifications()).noneMatch(n -> n.path("event").asString().equals("disconnect"));
        }
    }

    @Test
    void packetMiddlewareMayProceedFromAnotherThread() {
        CompletableFuture<String> listenerThread = new CompletableFuture<>();
        server = e2e.start(io -> io.onConnection(socket -> {
            socket.use((packet, next) -> elsewhere.execute(next::proceed));
            socket.on("late", (args, ack) -> {
                listenerThread.complete(Thread.currentThread().getName());
                ack.send(args.get(0));
            });
        }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            assertThat(client.emitWithAck("late", WAIT, "x")).hasToString("[\"x\"]");
            // the chain continues on the connection's queue, not on the thread that called next
            assertThat(LiveServer.await(listenerThread, "listener")).isNotEqualTo("test-elsewhere");
        }
    }
}
