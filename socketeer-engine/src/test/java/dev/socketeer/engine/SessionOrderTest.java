package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.RawClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests of one session that arrive on different connections are handled in the order they arrived, as on
 * Node's single thread, whatever the number of I/O threads: two requests sent back to back on two
 * connections are answered as if handled one after the other in that order, every time. With one loop that
 * is epoll's order; with several, the session's loop waits for the other loops' next I/O pass
 * ({@code LoopBarrier}) before a close POST and before a poll once an upgrade probe was answered (before it,
 * two loops on a loaded machine reversed 46 and 143 of 300 such pairs).
 */
@ExtendWith(LeakGuard.class)
class SessionOrderTest {
    private static final int REPETITIONS = 300;
    private static final String BAD_REQUEST = "400 {\"code\":3,\"message\":\"Bad request\"}";

    private EngineTestServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private static String q(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    private static String get(String query) {
        return "GET /socket.io/?" + query + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    private static String post(String query, String body) {
        return "POST /socket.io/?" + query + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String answer(RawClient.Response res) {
        return res.status() == 200 ? res.text() : res.status() + " " + res.text();
    }

    private static String handshake(RawClient c) throws Exception {
        c.write(get("EIO=4&transport=polling"));
        String body = c.readResponse().text();
        int i = body.indexOf("\"sid\":\"") + 7;
        return body.substring(i, body.indexOf('"', i));
    }

    @ParameterizedTest(name = "{0} I/O threads")
    @ValueSource(ints = {1, 2, 4})
    void pollThenClosePostOnTwoConnectionsAreHandledInThatOrder(int ioThreads) throws Exception {
        server = new EngineTestServer(b -> b, ioThreads);
        List<String> reordered = new ArrayList<>();
        try (RawClient handshakes = new RawClient(server.http.port());
             RawClient polls = new RawClient(server.http.port());
             RawClient posts = new RawClient(server.http.port())) {
            for (int i = 0; i < REPETITIONS; i++) {
                String sid = handshake(handshakes);
                polls.write(get(q(sid)));
                posts.write(post(q(sid), "1"));
                String poll = answer(polls.readResponse());
                assertThat(answer(posts.readResponse())).isEqualTo("ok");
                if (!poll.equals("6")) { // held, then answered with a NOOP by the close, like Node
                    reordered.add(i + ": " + poll);
                }
            }
        }
        assertThat(reordered).as("polls handled after the close POST sent after them").isEmpty();
    }

    @ParameterizedTest(name = "{0} I/O threads")
    @ValueSource(ints = {1, 2, 4})
    void upgradePacketThenPollAreHandledInThatOrder(int ioThreads) throws Exception {
        server = new EngineTestServer(b -> b, ioThreads);
        List<String> reordered = new ArrayList<>();
        try (RawClient handshakes = new RawClient(server.http.port());
             RawClient polls = new RawClient(server.http.port())) {
            for (int i = 0; i < REPETITIONS; i++) {
                String sid = handshake(handshakes);
                try (RawClient ws = new RawClient(server.http.port())) {
                    ws.write(RawClient.upgradeRequest(server.http.port(), "EIO=4&transport=websocket&sid=" + sid));
                    assertThat(ws.readResponse().status()).isEqualTo(101);
                    ws.sendText("2probe");
                    assertThat(ws.readFrame().text()).isEqualTo("3probe");
                    ws.sendText("5");
                    polls.write(get(q(sid)));
                    String poll = answer(polls.readResponse());
                    if (!poll.equals(BAD_REQUEST)) { // the session is on the websocket now, like Node
                        reordered.add(i + ": " + poll);
                    }
                }
            }
        }
        assertThat(reordered).as("polls handled before the upgrade packet sent before them").isEmpty();
    }
}
