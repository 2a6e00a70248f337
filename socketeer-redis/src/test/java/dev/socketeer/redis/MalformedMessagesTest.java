package dev.socketeer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.adapter.BroadcastOptions;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketType;
import dev.socketeer.redis.internal.BroadcastMessage;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeClient;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Garbage on every channel a Socketeer node subscribes to (the broadcast channel, a room's channel, the
 * request channel, the shared and the node's own response channel), as another application or an old
 * version could publish it: not MessagePack, truncated MessagePack, MessagePack that claims more than it
 * holds, nesting deeper than any real message, broken JSON, JSON of the wrong shape or of an unknown
 * request type (192 different ones), and a 4 MB blob. Each node logs one warning for all of it, drops it,
 * and goes on: broadcasts and requests between the nodes still work.
 *
 * <p>Two Java nodes only: Node's {@code @socket.io/redis-adapter} 8.3 does not survive most of this (a
 * message on the broadcast channel that does not decode, or a {@code REMOTE_FETCH} / {@code BROADCAST}
 * request without {@code opts}, throws out of its Redis listener and ends the process).
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
class MalformedMessagesTest {
    private static final java.time.Duration WAIT = MixedCluster.WAIT;

    private NodeDriver driver;
    private MixedCluster cluster;

    @BeforeEach
    void start() {
        driver = new NodeDriver();
        cluster = new MixedCluster(2, 0).start(driver, java.time.Duration.ofSeconds(2), io -> { });
    }

    @AfterEach
    void stop() {
        cluster.close();
        driver.close();
    }

    /** Every kind of garbage, each published on every channel. */
    private static List<byte[]> garbage() {
        byte[] valid = new BroadcastMessage("someone", Packet.of(PacketType.EVENT, "/",
                (JsonNode) NodeDriver.toJson(List.of("never", "seen"))), BroadcastOptions.all()).encode();
        byte[] huge = new byte[4 * 1024 * 1024];
        new Random(17).nextBytes(huge);
        byte[] deep = new byte[200_000];
        Arrays.fill(deep, (byte) 0x91); // [[[[...
        List<byte[]> out = new ArrayList<>();
        out.add(new byte[] {(byte) 0xc1}); // a byte MessagePack never uses
        out.add(new byte[0]);
        out.add(Arrays.copyOf(valid, valid.length / 2)); // truncated
        out.add(new byte[] {(byte) 0x93, (byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // a 2 GB bin, 0 bytes of it
        out.add(new byte[] {(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}); // a 2^31-element array
        out.add(new byte[] {(byte) 0xdf, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}); // a 2^31-entry map
        out.add(deep);
        out.add(new byte[] {(byte) 0x93, 0x01, 0x02, 0x03}); // an array, not [uid, packet, opts]
        out.add(huge);
        for (String json : List.of("{not json", "{\"type\":", "[1,2]", "\"text\"", "{}", "{\"type\":\"5\"}",
                "{\"type\":6,\"uid\":\"x\"}", "{\"type\":5,\"uid\":\"x\"}", "{\"type\":7,\"uid\":\"x\",\"requestId\":\"r\"}",
                "{\"type\":2,\"uid\":\"x\",\"opts\":7}", "{\"type\":8,\"requestId\":\"r\",\"clientCount\":\"many\"}",
                "{\"type\":99,\"uid\":\"x\"}", "{" + "\"a\":{".repeat(5000) + "}".repeat(5001))) {
            out.add(json.getBytes(StandardCharsets.UTF_8));
        }
        for (int type = 8; type < 200; type++) { // response types and unknown ones, each a different one
            out.add(("{\"type\":" + type + ",\"uid\":\"x\",\"requestId\":\"r\"}").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void garbageOnEveryChannelIsLoggedOnceDroppedAndTheNodesGoOn() {
        cluster.j2.emitWithAck("join", WAIT, "room");
        List<String> channels = List.of("#/#", "#/#room#", "-request#/#", "-response#/#",
                "-response#/#" + cluster.adapter(0).uid() + "#", "-response#/#" + cluster.adapter(1).uid() + "#");
        List<byte[]> garbage = garbage();

        try (LogCapture log = LogCapture.start()) {
            RedisClient publisherClient = RedisClient.create(Service.REDIS.url());
            try (var publisher = publisherClient.connect(ByteArrayCodec.INSTANCE)) {
                for (String channel : channels) {
                    byte[] name = (cluster.key + channel).getBytes(StandardCharsets.UTF_8);
                    for (byte[] message : garbage) {
                        publisher.sync().publish(name, message);
                    }
                }
            } finally {
                publisherClient.shutdown();
            }

            // after the garbage (one publisher keeps its order), both nodes still hear each other
            NodeClient second = cluster.javaClients(1).get(0);
            cluster.j1.emitWithAck("cast", WAIT, Map.of("event", "after", "args", List.of("from java0")));
            assertThat(second.awaitEvent("after", WAIT).get(0).asString()).isEqualTo("from java0");
            second.emitWithAck("cast", WAIT, Map.of("to", List.of("room"), "event", "after2", "args", List.of("from java1")));
            assertThat(cluster.j2.awaitEvent("after2", WAIT).get(0).asString()).isEqualTo("from java1");
            JsonNode fetch = second.emitWithAck("fetch", WAIT, Map.of()).get(0);
            assertThat(fetch.path("sockets")).as(fetch.toString()).hasSize(4);
            assertThat(cluster.j1.received("never")).isEmpty();

            // one warning per node for all of it
            assertThat(log.lines("dropping a malformed message")).hasSize(2);
            assertThat(log.lines("WARN")).hasSize(2);
            assertThat(log.lines("Exception")).isEmpty();
            assertThat(log.lines("Error")).isEmpty();
        }
    }
}
