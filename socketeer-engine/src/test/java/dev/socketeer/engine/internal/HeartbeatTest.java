package dev.socketeer.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.testkit.LeakGuard;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The heartbeat state machine on an embedded event loop with frozen, manually advanced time. */
@ExtendWith(LeakGuard.class)
class HeartbeatTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final Heartbeat heartbeat;

    HeartbeatTest() {
        channel.freezeTime();
        heartbeat = new Heartbeat(channel.eventLoop(), 100, 50, pings::incrementAndGet, timeouts::incrementAndGet);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void advance(long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void pingsAfterTheIntervalNotBefore() {
        heartbeat.start();
        advance(99);
        assertThat(pings).hasValue(0);
        advance(1);
        assertThat(pings).hasValue(1);
        assertThat(heartbeat.awaitingPong()).isTrue();
    }

    @Test
    void timesOutWhenNoPongArrives() {
        heartbeat.start();
        advance(100);
        advance(49);
        assertThat(timeouts).hasValue(0);
        advance(1);
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void pongRearmsTheIntervalFromNow() {
        heartbeat.start();
        advance(100);
        advance(40);
        heartbeat.onPong();
        advance(99);
        assertThat(pings).hasValue(1);
        assertThat(timeouts).hasValue(0);
        advance(1);
        assertThat(pings).hasValue(2);
    }

    @Test
    void firstOtherPacketWhileAwaitingPongRestartsTheTimeoutOnce() {
        heartbeat.start();
        advance(100);
        advance(40);
        heartbeat.onOtherPacket();
        advance(40);
        heartbeat.onOtherPacket(); // only the first one counts
        advance(9);
        assertThat(timeouts).hasValue(0);
        advance(1);
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void otherPacketsOutsideAPingDoNothing() {
        heartbeat.start();
        heartbeat.onOtherPacket();
        advance(100);
        assertThat(pings).hasValue(1);
        advance(50);
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void stopCancelsEveryTimer() {
        heartbeat.start();
        advance(100);
        heartbeat.stop();
        advance(10_000);
        assertThat(timeouts).hasValue(0);
        assertThat(pings).hasValue(1);
        heartbeat.onPong(); // late pong after stop: no new timer
        advance(10_000);
        assertThat(pings).hasValue(1);
        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1); // nothing left scheduled
    }

    @Test
    void keepsOnlyOneTimerAtATime() {
        heartbeat.start();
        for (int i = 0; i < 5; i++) {
            heartbeat.onPong(); // unsolicited pongs re-arm, never add timers
        }
        advance(100);
        assertThat(pings).hasValue(1);
        heartbeat.onPong();
        heartbeat.onPong();
        advance(100);
        assertThat(pings).hasValue(2);
        assertThat(timeouts).hasValue(0);
    }

    @Test
    void aPingThatClosesTheSessionSchedulesNoTimeout() {
        Heartbeat[] self = new Heartbeat[1];
        self[0] = new Heartbeat(channel.eventLoop(), 100, 50, () -> self[0].stop(), timeouts::incrementAndGet);
        self[0].start();
        advance(100);
        advance(1000);
        assertThat(timeouts).hasValue(0);
    }
}
