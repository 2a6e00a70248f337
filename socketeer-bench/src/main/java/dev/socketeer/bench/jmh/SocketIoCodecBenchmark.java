package dev.socketeer.bench.jmh;

import dev.socketeer.core.protocol.EncodedPacket;
import dev.socketeer.core.protocol.Packet;
import dev.socketeer.core.protocol.PacketDecoder;
import dev.socketeer.core.protocol.PacketEncoder;
import dev.socketeer.core.protocol.PacketType;
import dev.socketeer.core.protocol.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Socket.IO packet encode/decode ({@link PacketEncoder}, {@link PacketDecoder}) for the packets of the
 * fan-out and ack scenarios: a {@code roomMessage} event as broadcast, the same as received from a
 * publisher, and an echo ack.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SocketIoCodecBenchmark {
    private final JsonMapper mapper = JsonMapper.builder().build();
    private PacketEncoder encoder;
    private PacketDecoder decoder;
    private Packet roomMessage;
    private String roomMessageText;
    private String echoText;

    @Setup
    public void setup() {
        encoder = new PacketEncoder(mapper);
        decoder = new PacketDecoder(mapper, PacketDecoder.DEFAULT_MAX_TEXT_LENGTH);
        ArrayNode data = mapper.createArrayNode().add("roomMessage");
        data.addObject().put("room", "room-7").put("message", "1234567890123").put("from", "Xk3c9vQh2LrT0a8NAAAB");
        roomMessage = Packet.of(PacketType.EVENT, "/", data);
        roomMessageText = "2[\"roomMessage\",{\"room\":\"room-7\",\"message\":\"1234567890123\"}]";
        echoText = "217[\"echo\",1234567890123]";
    }

    @Benchmark
    public EncodedPacket encodeRoomMessage() {
        return encoder.encode(roomMessage);
    }

    @Benchmark
    public Packet decodeRoomMessage() throws ParseException {
        return decoder.decodeText(roomMessageText);
    }

    @Benchmark
    public Packet decodeEcho() throws ParseException {
        return decoder.decodeText(echoText);
    }
}
