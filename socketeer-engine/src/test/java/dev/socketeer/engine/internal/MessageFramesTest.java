package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.EngineMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The websocket frame a broadcast shares: built at the second recipient, one buffer, independent views. */
class MessageFramesTest {

    @Test
    void theSecondAndLaterRecipientsShareOneFrameThatOutlivesTheirReleases() {
        EngineMessage m = EngineMessage.text("[\"hi\"]");
        assertThat(MessageFrames.of(m).sharedWebSocketFrame()).as("the first recipient writes its own frame").isNull();

        ByteBuf a = MessageFrames.of(m).sharedWebSocketFrame();
        ByteBuf b = MessageFrames.of(m).sharedWebSocketFrame();
        byte[] payload = "4[\"hi\"]".getBytes(StandardCharsets.UTF_8);
        assertThat(ByteBufUtil.getBytes(a)).startsWith((byte) 0x81, (byte) payload.length).endsWith(payload);
        assertThat(a.unwrap()).as("one buffer behind every view").isSameAs(b.unwrap());

        a.skipBytes(3); // a partial write advances one recipient's view only
        assertThat(b.readableBytes()).isEqualTo(2 + payload.length);
        assertThat(a.release()).isFalse();
        assertThat(b.release()).as("the message keeps its own reference").isFalse();

        ByteBuf c = MessageFrames.of(m).sharedWebSocketFrame();
        assertThat(c.readableBytes()).isEqualTo(2 + payload.length);
        c.release();
    }

    @Test
    void anUncompressedCopySharesTheEncodings() {
        EngineMessage m = EngineMessage.text("[1]");
        byte[] packet = MessageFrames.textPacket(m);
        assertThat(MessageFrames.textPacket(m.uncompressed())).isSameAs(packet);
    }

    @Test
    void binaryMessagesHaveNoTextEncodings() {
        assertThat(MessageFrames.of(EngineMessage.binary(new byte[] {1, 2}))).isNull();
    }
}
