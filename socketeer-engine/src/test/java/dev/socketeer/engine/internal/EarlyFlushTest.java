package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a delivery on a loop flushes its websocket writes at once, and when it defers them (pure unit, one loop). */
class EarlyFlushTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void flushesAtOnceExactlyTheItemsItIsToldToAndDefersTheOthers() throws Exception {
        List<Boolean> early = new ArrayList<>();
        List<Boolean> outside = new ArrayList<>();

        loop.submit(() -> {
            outside.add(EarlyFlush.flushEarly());
            EarlyFlush.deliverFlushingEarly(5, i -> i % 2 == 0, i -> early.add(EarlyFlush.flushEarly()));
            outside.add(EarlyFlush.flushEarly());
        }).get(5, TimeUnit.SECONDS);

        assertThat(early).containsExactly(true, false, true, false, true);
        assertThat(outside).containsExactly(false, false);
    }

    @Test
    void aDeliveryThatThrowsLeavesTheLoopDeferringAgain() throws Exception {
        List<Boolean> after = new ArrayList<>();

        loop.submit(() -> {
            try {
                EarlyFlush.deliverFlushingEarly(3, i -> true, i -> {
                    throw new IllegalStateException("handler failed");
                });
            } catch (IllegalStateException expected) {
                after.add(EarlyFlush.flushEarly());
            }
        }).get(5, TimeUnit.SECONDS);

        assertThat(after).containsExactly(false);
    }
}
