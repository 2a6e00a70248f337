package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.engine.EngineOptions;
import dev.socketeer.testkit.LeakGuard;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone server's connection guard as a state machine; its timeouts are tested through sockets (HttpTimeoutsTest). */
@ExtendWith(LeakGuard.class)
class HttpConnectionGuardTest {

    @Test
    void aConnectionWhoseAnswersPileUpIsNotReadUntilTheyDrain() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpConnectionGuard(EngineOptions.DEFAULT));
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(64, 128));
        // pipelined answers the client does not read: queued, not yet taken by the socket
        for (int i = 0; i < 3; i++) {
            ch.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(new byte[100])));
        }
        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.config().isAutoRead()).isFalse();

        ch.flush(); // the client read them
        assertThat(ch.isWritable()).isTrue();
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }
}
