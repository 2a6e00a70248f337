package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a delivery on a loop flushes its websocket writes at once, and when it defers them (pure unit, one loop). */
class LoopBatchTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void flushesEarlyWhileNothingWaitsBehindAndDefersFromTheNextCheckOnceSomethingDoes() throws Exception {
        AtomicBoolean nothingBehind = new AtomicBoolean(true);
        List<Boolean> early = new ArrayList<>();
        List<Boolean> outside = new ArrayList<>();

        loop.submit(() -> {
            outside.add(LoopBatch.flushEarly());
            LoopBatch.deliverFlushingEarly(10, 4, nothingBehind::get, i -> {
                early.add(LoopBatch.flushEarly());
                if (i == 5) {
                    nothingBehind.set(false); // another delivery was queued while this one wrote
                }
            });
            outside.add(LoopBatch.flushEarly());
        }).get(5, TimeUnit.SECONDS);

        // checked before steps 0, 4 and 8: early through step 7, deferred from step 8
        assertThat(early).containsExactly(true, true, true, true, true, true, true, true, false, false);
        assertThat(outside).containsExactly(false, false);
    }

    @Test
    void aDeliveryThatThrowsLeavesTheLoopDeferringAgain() throws Exception {
        List<Boolean> after = new ArrayList<>();

        loop.submit(() -> {
            try {
                LoopBatch.deliverFlushingEarly(3, 64, () -> true, i -> {
                    throw new IllegalStateException("handler failed");
                });
            } catch (IllegalStateException expected) {
                after.add(LoopBatch.flushEarly());
            }
        }).get(5, TimeUnit.SECONDS);

        assertThat(after).containsExactly(false);
    }
}
