package dev.socketeer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The websocket frame a broadcast shares: built at the second recipient, one buffer, independent views. */
class EngineMessageTest {

    @Test
    void theSecondAndLaterRecipientsShareOneFrameThatOutlivesTheirReleases() {
        EngineMessage m = EngineMessage.text("[\"hi\"]");
        assertThat(m.sharedWebSocketFrame()).as("the first recipient writes its own frame").isNull();

        ByteBuf a = m.sharedWebSocketFrame();
        ByteBuf b = m.sharedWebSocketFrame();
        byte[] payload = "4[\"hi\"]".getBytes(StandardCharsets.UTF_8);
        assertThat(ByteBufUtil.getBytes(a)).startsWith((byte) 0x81, (byte) payload.length).endsWith(payload);
        assertThat(a.unwrap()).as("one buffer behind every view").isSameAs(b.unwrap());

        a.skipBytes(3); // a partial write advances one recipient's view only
        assertThat(b.readableBytes()).isEqualTo(2 + payload.length);
        assertThat(a.release()).isFalse();
        assertThat(b.release()).as("the message keeps its own reference").isFalse();

        ByteBuf c = m.sharedWebSocketFrame();
        assertThat(c.readableBytes()).isEqualTo(2 + payload.length);
        c.release();
    }

    @Test
    void binaryMessagesHaveNoSharedTextFrame() {
        EngineMessage m = EngineMessage.binary(new byte[] {1, 2});
        assertThat(m.sharedWebSocketFrame()).isNull();
        assertThat(m.sharedWebSocketFrame()).isNull();
    }
}
