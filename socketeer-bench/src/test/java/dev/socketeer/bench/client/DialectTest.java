package dev.socketeer.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator's in-place parse of room messages (pure unit). */
class DialectTest {

    private static long stamp(String frame, int start) {
        ByteBuf buf = Unpooled.copiedBuffer("xx" + frame, StandardCharsets.UTF_8).skipBytes(2);
        long v = Dialect.roomMessageStamp(buf, start);
        assertThat(buf.readerIndex()).as("reader index untouched").isEqualTo(2);
        buf.release();
        return v;
    }

    @Test
    void readsTheTimestampOfARoomMessageInBothDialects() {
        assertThat(stamp("42[\"roomMessage\",{\"room\":\"room-3\",\"message\":1234567890123}]", 2)).isEqualTo(1234567890123L);
        assertThat(stamp("[\"roomMessage\",{\"message\":42,\"room\":\"r\"}]", 0)).isEqualTo(42);
        assertThat(stamp(Dialect.SOCKET_IO.publish("room-1", 987654321L), 2)).isEqualTo(987654321L);
        assertThat(stamp(Dialect.PLAIN.publish("room-1", 987654321L), 0)).isEqualTo(987654321L);
    }

    @Test
    void publishesTheTimestampAsAStringAndReadsItBackWithTheSendersFields() {
        assertThat(Dialect.SOCKET_IO.publish("room-1", 42L)).isEqualTo("42[\"roomMessage\",{\"room\":\"room-1\",\"message\":\"42\"}]");
        assertThat(stamp("42[\"roomMessage\",{\"room\":\"room-3\",\"message\":\"1234567890123\",\"from\":\"abc\"}]", 2))
                .isEqualTo(1234567890123L);
        assertThat(stamp("[\"roomMessage\",{\"room\":\"r\",\"message\":\"7\",\"from\":\"a\"}]", 0)).isEqualTo(7);
    }

    @Test
    void anythingElseIsNotARoomMessage() {
        assertThat(stamp("43[\"roomMessage\",{\"message\":5}]", 2)).isEqualTo(-1);
        assertThat(stamp("42[\"roomJoined\",{\"room\":\"r\"}]", 2)).isEqualTo(-1);
        assertThat(stamp("42[\"roomMessage\",{\"room\":\"r\"}]", 2)).isEqualTo(-1);
        assertThat(stamp("42[\"roomMessage\",{\"message\":\"x\"}]", 2)).isEqualTo(-1);
        assertThat(stamp("42[\"roomMessage\",{\"message\":\"\"}]", 2)).isEqualTo(-1);
        assertThat(stamp("2", 2)).isEqualTo(-1);
        assertThat(stamp("42[\"roomMess", 2)).isEqualTo(-1);
    }
}
