package dev.socketeer.core;

import static dev.socketeer.core.LiveServer.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a {@link ServerListener} learns about a namespace, with real clients: whether a refused CONNECT named a
 * namespace that exists, and which dynamic namespace created a child, so metrics never need the client's name.
 */
@ExtendWith(LeakGuard.class)
class ServerListenerTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    /** One onConnectError call. */
    record Refusal(@Nullable Namespace namespace, String name, String message) {}

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final List<Socket> connected = new CopyOnWriteArrayList<>();
    private final ServerListener recorder = new ServerListener() {
        @Override
        public void onConnect(Socket socket) {
            connected.add(socket);
        }

        @Override
        public void onConnectError(@Nullable Namespace namespace, String name, String message) {
            refusals.add(new Refusal(namespace, name, message));
        }
    };

    @Test
    void aRefusedConnectToAnUnknownNamespaceComesWithoutANamespace() {
        String longName = "/" + "x".repeat(1_500); // the client parses URLs of up to 2,000 characters
        LiveServer server = e2e.start(SocketIoServer.builder().listener(recorder), io -> io.of("/known"));
        try (NodeClient client = e2e.driver().connect(server.url(longName), LiveServer.websocket("reconnection", false))) {
            assertThat(client.awaitConnectError(WAIT).path("message").asString()).isEqualTo("Invalid namespace");
        }
        await().atMost(WAIT).until(() -> !refusals.isEmpty());
        assertThat(refusals).containsExactly(new Refusal(null, longName, "Invalid namespace"));
    }

    @Test
    void aMiddlewareRefusalNamesTheNamespaceAndAChildNamesItsParent() {
        ParentNamespace[] parents = new ParentNamespace[2];
        LiveServer server = e2e.start(SocketIoServer.builder().listener(recorder), io -> {
            io.of("/guarded").use((socket, next) -> next.fail("no"));
            parents[0] = io.of(Pattern.compile("^/room-\\d+$"));
            parents[0].use((socket, next) -> {
                if (socket.namespace().name().endsWith("0")) next.fail("full");
                else next.proceed();
            });
            parents[1] = io.of((name, auth) -> name.startsWith("/team-"));
        });
        assertThat(parents[0].name()).isEqualTo("^/room-\\d+$");
        assertThat(parents[1].name()).isEqualTo("/_1");
        try (NodeClient guarded = e2e.driver().connect(server.url("/guarded"), LiveServer.websocket("reconnection", false));
             NodeClient full = e2e.driver().connect(server.url("/room-10"), LiveServer.websocket("reconnection", false));
             NodeClient room = e2e.driver().connect(server.url("/room-7"), LiveServer.websocket());
             NodeClient team = e2e.driver().connect(server.url("/team-red"), LiveServer.websocket())) {
            guarded.awaitConnectError(WAIT);
            full.awaitConnectError(WAIT);
            room.awaitConnect(WAIT);
            team.awaitConnect(WAIT);
        }
        await().atMost(WAIT).until(() -> refusals.size() == 2 && connected.size() == 2);
        assertThat(refusals).extracting(r -> r.namespace().name(), Refusal::name, Refusal::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/guarded", "/guarded", "no"),
                        org.assertj.core.groups.Tuple.tuple("/room-10", "/room-10", "full"));
        Refusal full = refusals.stream().filter(r -> r.name().equals("/room-10")).findFirst().orElseThrow();
        assertThat(full.namespace().parent()).isSameAs(parents[0]);
        assertThat(server.io.of("/guarded").parent()).isNull();
        assertThat(connected).extracting(s -> s.namespace().parent())
                .containsExactlyInAnyOrder(parents[0], parents[1]);
    }
}
