package dev.socketeer.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain server's once-per-broadcast frame bytes equal what Netty's own frame encoder writes. */
class PlainContractHandlerTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 1000, 65535, 65536, 70000})
    void encodesATextFrameAsNettysEncoderDoes(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        EmbeddedChannel netty = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        netty.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        ByteBuf expected = Unpooled.buffer();
        for (ByteBuf part; (part = netty.readOutbound()) != null; ) {
            expected.writeBytes(part);
            part.release();
        }
        ByteBuf ours = PlainContractHandler.encodeTextFrame(payload);
        try {
            assertThat(ByteBufUtil.hexDump(ours)).isEqualTo(ByteBufUtil.hexDump(expected));
        } finally {
            ours.release();
            expected.release();
            netty.finishAndReleaseAll();
        }
    }
}
