package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.Fuzz;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.Mutations;
import dev.socketeer.testkit.RawClient;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End-to-end fuzzing through a real socket: a raw websocket client connects to a running server, sends mutated
 * Engine.IO / Socket.IO frames (text, binary, invalid UTF-8, odd opcodes, oversized), then asks to join a
 * namespace; and the same over polling, with mutated payloads in POST bodies. The server either answers or
 * ends the connection or session; it never hangs, every session ends once its client is gone, no buffer leaks
 * ({@link LeakGuard}), and it still serves new connections.
 * Tries: {@code -Dsocketeer.fuzz.tries} (default 100 here, a connection or session each).
 */
@ExtendWith(LeakGuard.class)
class WireFuzzTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final int MAX_BUFFER = 20_000;
    private static final int CUT_OFF = -1;
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final List<String> VALID = List.of(
            "42[\"echo\",1]", "4211[\"echo\",{\"a\":[1,2.5,null,true,\"x\"]}]", "42/chat,[\"echo\",\"hi\"]", "40/chat,",
            "40/chat,{\"token\":\"t\"}", "41/chat,", "431[\"late\"]", "44{\"message\":\"x\"}",
            "451-[\"echo\",{\"_placeholder\":true,\"num\":0}]", "4612-7[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]",
            "42[\"echo\",\"\\ud800\",1e400]", "2", "3", "2probe", "5", "6", "1", "4", "40");

    /** One frame to send: a websocket opcode and its payload. */
    record Frame(int opcode, byte[] payload) {
        @Override
        public String toString() {
            return opcode + ":" + Fuzz.show(new String(payload, StandardCharsets.UTF_8));
        }
    }

    @Test
    void mutatedFramesGetAnAnswerOrACleanCloseAndLeaveNothingBehind() throws Exception {
        LiveServer server = e2e.start(SocketIoServer.builder().maxHttpBufferSize(MAX_BUFFER), io -> {
            io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args)));
            io.of("/chat").onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args)));
            io.of("/probe");
        });
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();

        Fuzz.check("socket.io over a websocket", 100, WireFuzzTest::frames, WireFuzzTest::shrinkFrames, frames -> {
            try (RawClient raw = new RawClient(server.port())) {
                raw.write(RawClient.upgradeRequest(server.port(), "EIO=4&transport=websocket"));
                assertThat(raw.readResponse().status()).isEqualTo(101);
                assertThat(raw.readFrame().text()).startsWith("0{");
                raw.sendText("40");
                assertThat(raw.readFrame().text()).startsWith("40{");
                try {
                    for (Frame f : frames) {
                        raw.sendFrame(f.opcode(), f.payload(), true);
                    }
                    raw.sendText("40/probe,");
                } catch (IOException closedWhileSending) {
                    closed.incrementAndGet();
                    return;
                }
                if (answersProbe(raw)) {
                    answered.incrementAndGet();
                } else {
                    closed.incrementAndGet();
                }
            }
        });

        System.out.printf("[fuzz] websocket outcomes: %d answered, %d closed by the server%n", answered.get(), closed.get());
        await().atMost(LiveServer.WAIT).until(() -> server.io.engine().clientsCount() == 0);
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(RawClient.upgradeRequest(server.port(), "EIO=4&transport=websocket"));
            assertThat(raw.readResponse().status()).isEqualTo(101);
            assertThat(raw.readFrame().text()).startsWith("0{");
        }
    }

    @Test
    void mutatedPollingPayloadsGetAnAnswerOrEndTheSessionAndLeaveNothingBehind() throws Exception {
        LiveServer server = e2e.start(SocketIoServer.builder().maxHttpBufferSize(MAX_BUFFER), io -> {
            io.onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args)));
            io.of("/chat").onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args)));
            io.of("/probe");
        });
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();

        Fuzz.check("socket.io over polling", 100, WireFuzzTest::payload, Fuzz::shrinkString, payload -> {
            RawClient.Response open = http(server, "GET", "", null);
            assertThat(open.status()).isEqualTo(200);
            Matcher sid = SID.matcher(open.text());
            assertThat(sid.find()).as(open.text()).isTrue();
            String query = "&sid=" + sid.group(1);
            assertThat(http(server, "POST", query, "40").status()).isEqualTo(200);
            assertThat(http(server, "GET", query, null).text()).startsWith("40{");

            int status = http(server, "POST", query, payload).status();
            if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_BUFFER) {
                // answered 413 and closed at once, unread: the client may not even get to read the answer
                assertThat(status).as("answer to an oversized payload").isIn(413, CUT_OFF);
            } else {
                assertThat(status).as("answer to the payload").isIn(200, 400);
            }
            RawClient.Response probe = http(server, "POST", query, "40/probe,");
            if (probe.status() == 400) {
                ended.incrementAndGet();
                return;
            }
            assertThat(probe.status()).isEqualTo(200);
            for (int polls = 0; polls < 10; polls++) {
                RawClient.Response poll = http(server, "GET", query, null);
                if (poll.status() == 400) {
                    ended.incrementAndGet();
                    return;
                }
                assertThat(poll.status()).isEqualTo(200);
                List<String> packets = List.of(poll.text().split("\u001e"));
                if (packets.stream().anyMatch(p -> p.startsWith("40/probe,"))) {
                    answered.incrementAndGet();
                    http(server, "POST", query, "1"); // the client closes its session
                    return;
                }
                if (packets.contains("1")) {
                    ended.incrementAndGet();
                    return;
                }
            }
            throw new AssertionError("the probe was neither answered nor the session ended");
        });

        System.out.printf("[fuzz] polling outcomes: %d answered, %d sessions ended by the server%n", answered.get(), ended.get());
        await().atMost(LiveServer.WAIT).until(() -> server.io.engine().clientsCount() == 0);
        assertThat(http(server, "GET", "", null).status()).isEqualTo(200);
    }

    /**
     * One request on its own connection; {@code query} is appended to the polling query. A connection the
     * server cut off while the request was being sent gives status {@link #CUT_OFF}.
     */
    private static RawClient.Response http(LiveServer server, String method, String query, String body) throws IOException {
        try (RawClient raw = new RawClient(server.port())) {
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            raw.write(method + " /socket.io/?EIO=4&transport=polling" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n"
                    + (bytes == null ? "" : "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + bytes.length + "\r\n")
                    + "\r\n");
            try {
                if (bytes != null) {
                    raw.write(bytes);
                }
                return raw.readResponse();
            } catch (SocketException cutOff) { // reset or broken pipe: the server closed without reading all
                return new RawClient.Response(CUT_OFF, Map.of(), new byte[0]);
            }
        }
    }

    /** A polling payload: valid packets, one a binary one, joined and then mostly mutated. */
    private static String payload(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            if (sb.length() > 0) {
                sb.append('\u001e');
            }
            sb.append(random.nextInt(6) == 0 ? "b" + java.util.Base64.getEncoder().encodeToString(bytes(random, random.nextInt(12)))
                    : VALID.get(random.nextInt(VALID.size())));
        }
        String valid = sb.toString();
        return switch (random.nextInt(4)) {
            case 0 -> valid;
            case 1 -> Mutations.mutateUtf8(random, valid);
            default -> Mutations.mutate(random, valid);
        };
    }

    /**
     * Reads until the probe's answer ({@code true}) or the end of the connection ({@code false}); a server
     * that does neither within the client's read timeout fails the property.
     */
    private static boolean answersProbe(RawClient raw) throws IOException {
        while (true) {
            RawClient.Frame frame;
            try {
                frame = raw.readFrame();
            } catch (java.net.SocketTimeoutException silent) {
                throw new AssertionError("the server neither answered nor closed the connection");
            } catch (IOException end) {
                return false;
            }
            if (frame.opcode() == 8) {
                return false;
            }
            if (frame.opcode() == 1 && frame.text().startsWith("40/probe,")) {
                return true;
            }
        }
    }

    private static List<Frame> frames(SplittableRandom random) {
        List<Frame> frames = new ArrayList<>();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            String valid = VALID.get(random.nextInt(VALID.size()));
            frames.add(switch (random.nextInt(14)) {
                case 0 -> new Frame(2, bytes(random, random.nextInt(64))); // an attachment, expected or not
                case 1 -> new Frame(1, Mutations.mutateUtf8(random, valid).getBytes(StandardCharsets.UTF_8));
                case 2 -> new Frame(1, invalidUtf8(random, valid));
                case 3 -> new Frame(random.nextInt(16), bytes(random, random.nextInt(8))); // any opcode, reserved ones too
                case 4 -> new Frame(1, ("4" + "[".repeat(MAX_BUFFER)).getBytes(StandardCharsets.UTF_8)); // over the limit
                case 5, 6, 7, 8, 9 -> new Frame(1, valid.getBytes(StandardCharsets.UTF_8));
                default -> new Frame(1, Mutations.mutate(random, valid).getBytes(StandardCharsets.UTF_8));
            });
        }
        return frames;
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The text's UTF-8 with a byte that can never appear in UTF-8: Netty's validator must refuse the frame. */
    private static byte[] invalidUtf8(SplittableRandom random, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        b[random.nextInt(b.length)] = (byte) 0xff;
        return b;
    }

    private static List<List<Frame>> shrinkFrames(List<Frame> frames) {
        List<List<Frame>> out = new ArrayList<>();
        for (int i = 0; i < frames.size() && frames.size() > 1; i++) {
            List<Frame> fewer = new ArrayList<>(frames);
            fewer.remove(i);
            out.add(fewer);
        }
        return out;
    }
}
