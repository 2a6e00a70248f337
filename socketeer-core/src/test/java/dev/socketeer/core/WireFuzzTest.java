package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.Fuzz;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.Mutations;
import dev.socketeer.testkit.RawClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End-to-end fuzzing through a real socket: a raw websocket client connects to a running server, sends mutated
 * Engine.IO / Socket.IO frames (text, binary, invalid UTF-8, odd opcodes, oversized), then asks to join a
 * namespace. The server either answers that or closes the connection; it never hangs, every session ends once
 * its client is gone, no buffer leaks ({@link LeakGuard}), and it still serves new connections.
 * Tries: {@code -Dsocketeer.fuzz.tries} (default 200 here, a connection each).
 */
@ExtendWith(LeakGuard.class)
class WireFuzzTest {
    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    private static final int MAX_BUFFER = 20_000;
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

        Fuzz.check("socket.io over a websocket", 200, WireFuzzTest::frames, WireFuzzTest::shrinkFrames, frames -> {
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
