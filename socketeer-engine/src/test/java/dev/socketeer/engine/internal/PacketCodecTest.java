package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.socketeer.engine.EngineMessage;
import dev.socketeer.testkit.LeakGuard;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakGuard.class)
class PacketCodecTest {

    private static String encode(EnginePacket... packets) {
        return new String(PacketCodec.encodePayload(List.of(packets)), StandardCharsets.UTF_8);
    }

    @Test
    void encodesPacketsSeparatedByRecordSeparator() {
        assertThat(encode(EnginePacket.message(EngineMessage.text("hé")), EnginePacket.PING,
                EnginePacket.control(EnginePacketType.OPEN, "{}"))).isEqualTo("4hé\u001e2\u001e0{}");
    }

    @Test
    void encodesSingleTextMessageAsItsPacket() {
        assertThat(encode(EnginePacket.message(EngineMessage.text("")))).isEqualTo("4");
    }

    @Test
    void encodesBinaryAsBPlusBase64() {
        assertThat(encode(EnginePacket.message(EngineMessage.binary(new byte[] {1, 2, 3})), EnginePacket.NOOP))
                .isEqualTo("bAQID\u001e6");
    }

    @Test
    void decodesPayloadOfTextBinaryAndControlPackets() throws Exception {
        List<EnginePacket> packets = PacketCodec.decodePayload("4a\u001ebAQID\u001e3\u001e2probe\u001e1");
        assertThat(packets).extracting(EnginePacket::type).containsExactly(EnginePacketType.MESSAGE,
                EnginePacketType.MESSAGE, EnginePacketType.PONG, EnginePacketType.PING, EnginePacketType.CLOSE);
        assertThat(packets.get(0).message().text()).isEqualTo("a");
        assertThat(packets.get(1).message().binary()).containsExactly(1, 2, 3);
        assertThat(packets.get(3).data()).isEqualTo("probe");
        assertThat(packets.get(2).data()).isNull();
    }

    @Test
    void decodesEmptyMessageAndEmptyBinary() throws Exception {
        assertThat(PacketCodec.decodePayload("4").get(0).message().text()).isEmpty();
        assertThat(PacketCodec.decodePayload("b").get(0).message().binary()).isEmpty();
    }

    @Test
    void roundTripsWhatItEncodes() throws Exception {
        EnginePacket text = EnginePacket.message(EngineMessage.text("x\u001ey?"));
        List<EnginePacket> back = PacketCodec.decodePayload(encode(EnginePacket.message(EngineMessage.binary(new byte[200])),
                EnginePacket.message(EngineMessage.text("emoji \uD83D\uDE00"))));
        assertThat(back.get(0).message().binary()).hasSize(200);
        assertThat(back.get(1).message().text()).isEqualTo("emoji \uD83D\uDE00");
        assertThat(PacketCodec.encodeControl(EnginePacket.PONG_PROBE)).isEqualTo("3probe");
        assertThat(text.estimatedSize()).isEqualTo(5);
    }

    @Test
    void rejectsEmptyPacket() {
        assertThatThrownBy(() -> PacketCodec.decodeText("")).isInstanceOf(EngineParseException.class)
                .hasMessage("empty packet");
        assertThatThrownBy(() -> PacketCodec.decodePayload("4a\u001e")).hasMessage("empty packet");
    }

    @Test
    void rejectsUnknownPacketType() {
        assertThatThrownBy(() -> PacketCodec.decodeText("9x")).hasMessage("unknown packet type '9'");
        assertThatThrownBy(() -> PacketCodec.decodeText("/")).hasMessage("unknown packet type '/'");
        assertThatThrownBy(() -> PacketCodec.decodeText("7")).hasMessage("unknown packet type '7'");
    }

    @Test
    void rejectsInvalidBase64() {
        assertThatThrownBy(() -> PacketCodec.decodePayload("b!!!")).isInstanceOf(EngineParseException.class)
                .hasMessage("invalid base64 binary packet");
    }

    @Test
    void parseErrorCarriesThePacketsBeforeTheBadOne() {
        assertThatThrownBy(() -> PacketCodec.decodePayload("4a\u001e4b\u001e9\u001e4c"))
                .isInstanceOfSatisfying(EngineParseException.class, e -> assertThat(e.decodedBefore())
                        .extracting(p -> p.message().text()).containsExactly("a", "b"));
    }

    @Test
    void messageTextFrameIsEncodedOnceAndShared() {
        EngineMessage m = EngineMessage.text("héllo");
        assertThat(MessageFrames.textPacket(m)).isSameAs(MessageFrames.textPacket(m));
        assertThat(new String(MessageFrames.textPacket(m), StandardCharsets.UTF_8)).isEqualTo("4héllo");
    }
}
