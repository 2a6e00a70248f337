package dev.socketeer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The polling-to-websocket upgrade as Node's engine times it: the NOOP that releases the client's waiting
 * poll comes from a 100 ms check after the probe, not at once. Answered at once, the official client with
 * {@code retries} sent the packet it emits in its {@code connect} handler twice on about 4 of 10 connections.
 */
@ExtendWith(LeakGuard.class)
class UpgradeTimingTest {
    private static final int CONNECTIONS = 100;

    @RegisterExtension
    static final EndToEnd e2e = new EndToEnd();

    @Test
    void clientsWithRetriesThatEmitInConnectWhileUpgradingSendEachPacketOnce() {
        Map<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        AtomicInteger disconnects = new AtomicInteger();
        LiveServer server = e2e.start(SocketIoServer.builder().ioThreads(2), io -> io.onConnection(socket -> {
            socket.on("hello", (args, ack) -> {
                received.computeIfAbsent(args.get(0).asInt(), i -> new AtomicInteger()).incrementAndGet();
                ack.send("ok");
            });
            socket.onDisconnect((reason, description) -> disconnects.incrementAndGet());
        }));

        String out = NodeScript.run("upgrade-emit.js",
                List.of(server.url("/"), String.valueOf(CONNECTIONS), "4", "3"), Duration.ofMinutes(3));

        JsonNode result = JsonMapper.builder().build().readTree(out);
        assertThat(result.path("errors")).as("client errors").isEmpty();
        assertThat(result.path("acked").asInt()).isEqualTo(CONNECTIONS);
        assertThat(result.path("upgraded").asInt()).as("connections that upgraded").isEqualTo(CONNECTIONS);
        // a second copy travels before the client's disconnect, on the same connection
        await().atMost(LiveServer.WAIT).until(() -> disconnects.get() == CONNECTIONS);
        Map<Integer, Integer> twice = received.entrySet().stream().filter(e -> e.getValue().get() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
        assertThat(twice).as("connections whose packet arrived more than once").isEmpty();
        assertThat(received).hasSize(CONNECTIONS);
    }
}
