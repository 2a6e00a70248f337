package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RawClient;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code socket.handshake} as Node builds it, and {@code socket.data}. */
@ExtendWith(LeakGuard.class)
class HandshakeTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final DateTimeFormatter JS_DATE = DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.US);

    private LiveServer server;
    private final BlockingQueue<Socket> sockets = LiveServer.socketQueue();

    private void startCollecting() {
        server = e2e.start(io -> {
            io.onConnection(sockets::add);
            io.of("/a").onConnection(sockets::add);
            io.of("/b").onConnection(sockets::add);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void handshakeHoldsHeadersQueryAuthAddressUrlAndTime(String transport) {
        startCollecting();
        long before = System.currentTimeMillis();
        try (NodeClient client = e2e.driver().connect(server.url("/"), Map.of(
                "transports", List.of(transport), "forceNew", true,
                "query", Map.of("room", "a b"),
                "auth", Map.of("token", "t-1", "n", 2),
                "extraHeaders", Map.of("X-Custom", "yes")))) {
            client.awaitConnect(WAIT);
            Handshake handshake = LiveServer.next(sockets, "connection").handshake();
            long after = System.currentTimeMillis();

            assertThat(handshake.header("x-custom")).isEqualTo("yes");
            assertThat(handshake.header("X-CUSTOM")).isEqualTo("yes");
            assertThat(handshake.headers()).containsKey("x-custom").doesNotContainKey("X-Custom");
            assertThat(handshake.header("host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(handshake.query()).containsEntry("room", "a b").containsEntry("EIO", "4")
                    .containsEntry("transport", transport);
            assertThat(handshake.auth()).isEqualTo(NodeDriver.toJson(Map.of("token", "t-1", "n", 2)));
            assertThat(handshake.address()).isEqualTo("127.0.0.1");
            assertThat(handshake.secure()).isFalse();
            assertThat(handshake.xdomain()).isFalse();
            assertThat(handshake.url()).startsWith("/socket.io/?").contains("room=a%20b", "EIO=4", "transport=" + transport);
            assertThat(handshake.issued()).isBetween(before, after);
            assertThat(handshake.time()).matches("\\w{3} \\w{3} \\d{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT[+-]\\d{4} \\(.+\\)");
            long timeSeconds = ZonedDateTime.parse(handshake.time().substring(0, handshake.time().indexOf(" (")), JS_DATE)
                    .toEpochSecond();
            assertThat(timeSeconds).isEqualTo(handshake.issued() / 1000);
        }
    }

    @Test
    void headersAndQueryHaveNodesShapeAndArrivalOrder() throws Exception {
        startCollecting();
        try (RawClient raw = new RawClient(server.port())) {
            raw.write("GET /socket.io/?z=1&EIO=4&a=x&transport=polling&a=y HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nX-Zeta: 1\r\nAccept: a\r\nCookie: c=1\r\nX-Zeta: 2\r\n"
                    + "User-Agent: first\r\nCookie: d=2\r\nAccept: b\r\nUser-Agent: second\r\nHost: other\r\n\r\n");
            String open = raw.readResponse().text();
            int i = open.indexOf("\"sid\":\"") + 7;
            String sid = open.substring(i, open.indexOf('"', i));
            raw.write("POST /socket.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n40");
            assertThat(raw.readResponse().text()).isEqualTo("ok");
            Handshake handshake = LiveServer.next(sockets, "connection").handshake();

            // Node's IncomingMessage.headers: arrival order, duplicates joined (cookie with "; "), some kept once
            assertThat(handshake.headers()).containsExactly(
                    Map.entry("host", "127.0.0.1"), Map.entry("x-zeta", "1, 2"), Map.entry("accept", "a, b"),
                    Map.entry("cookie", "c=1; d=2"), Map.entry("user-agent", "first"));
            assertThat(handshake.headerValues().get("user-agent")).containsExactly("first", "second");
            assertThat(handshake.headerValues().keySet()).containsExactly("host", "x-zeta", "accept", "cookie", "user-agent");
            // order kept; a repeated parameter has its first value in query(), all of them in queryValues()
            assertThat(handshake.query()).containsExactly(Map.entry("z", "1"), Map.entry("EIO", "4"),
                    Map.entry("a", "x"), Map.entry("transport", "polling"));
            assertThat(handshake.queryValues().get("a")).containsExactly("x", "y");
        }
    }

    @Test
    void handshakeWithoutAuthHasAnEmptyAuthObject() {
        startCollecting();
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket())) {
            client.awaitConnect(WAIT);
            Handshake handshake = LiveServer.next(sockets, "connection").handshake();
            assertThat(handshake.auth().isObject()).isTrue();
            assertThat(handshake.auth().isEmpty()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void originHeaderMakesTheHandshakeCrossDomain(String transport) {
        // a websocket from another origin needs a CORS policy (a deliberate deviation from Node, see the engine)
        server = e2e.start(SocketIoServer.builder().cors(cors -> cors.allowedOrigins("http://elsewhere.example")),
                io -> io.onConnection(sockets::add));
        try (NodeClient client = e2e.driver().connect(server.url("/"), Map.of("transports", List.of(transport),
                "forceNew", true, "extraHeaders", Map.of("Origin", "http://elsewhere.example")))) {
            client.awaitConnect(WAIT);
            Handshake handshake = LiveServer.next(sockets, "connection").handshake();
            assertThat(handshake.xdomain()).isTrue();
            assertThat(handshake.header("origin")).isEqualTo("http://elsewhere.example");
        }
    }

    @Test
    void socketsOfOneConnectionShareTheRequestButEachHasItsOwnAuth() {
        startCollecting();
        try (NodeClient a = e2e.driver().connect(server.url("/a"),
                     Map.of("transports", List.of("websocket"), "auth", Map.of("ns", "a")));
             NodeClient b = e2e.driver().connect(server.url("/b"),
                     Map.of("transports", List.of("websocket"), "auth", Map.of("ns", "b")))) {
            a.awaitConnect(WAIT);
            b.awaitConnect(WAIT);
            Handshake first = LiveServer.next(sockets, "connection").handshake();
            Handshake second = LiveServer.next(sockets, "connection").handshake();
            assertThat(server.io.engine().clientsCount()).isEqualTo(1);
            assertThat(first.url()).isEqualTo(second.url());
            assertThat(first.headers()).isEqualTo(second.headers());
            assertThat(List.of(first.auth().path("ns").asString(), second.auth().path("ns").asString()))
                    .containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void socketDataIsSharedWithFetchSockets() {
        server = e2e.start(io -> io
                .use((socket, next) -> {
                    socket.data().put("user", socket.handshake().auth().path("user").asString());
                    next.proceed();
                })
                .onConnection(socket -> {
                    sockets.add(socket);
                    socket.on("score", (args, ack) -> {
                        socket.data().put("score", args.get(0).asInt());
                        ack.send();
                    });
                }));
        try (NodeClient client = e2e.driver().connect(server.url("/"), LiveServer.websocket("auth", Map.of("user", "ann")))) {
            client.awaitConnect(WAIT);
            Socket socket = LiveServer.next(sockets, "connection");
            client.emitWithAck("score", WAIT, 42);

            RemoteSocket fetched = LiveServer.await(server.io.fetchSockets(), "fetchSockets").get(0);
            assertThat(fetched.data()).containsOnly(Map.entry("user", "ann"), Map.entry("score", 42));
            assertThat(fetched.handshake()).isSameAs(socket.handshake());

            socket.data().put("level", "gold");
            assertThat(fetched.data()).containsEntry("level", "gold");
        }
    }
}
