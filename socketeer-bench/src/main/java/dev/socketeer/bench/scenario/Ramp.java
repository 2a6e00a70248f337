package dev.socketeer.bench.scenario;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Paces actions at a fixed rate on the generator's loop, in 5 ms ticks: each tick runs every action
 * due by then, passing its intended start time (so latency measured from it includes any lag of the
 * generator itself, avoiding coordinated omission). Runs on the loop; stop with {@link #stop()}.
 */
final class Ramp {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final double perSecond;
    private final long limit;
    private final LongConsumer action;
    private long started;
    private long done;
    private ScheduledFuture<?> task;

    /** Runs {@code action} {@code perSecond} times a second, at most {@code limit} times. */
    Ramp(double perSecond, long limit, LongConsumer action) {
        if (perSecond <= 0) throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        this.perSecond = perSecond;
        this.limit = limit;
        this.action = action;
    }

    /** Starts on {@code loop}; returns the start time in {@link System#nanoTime()}. */
    long start(EventLoop loop) {
        started = System.nanoTime();
        task = loop.scheduleAtFixedRate(this::tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
        return started;
    }

    private void tick() {
        long now = System.nanoTime();
        long due = Math.min(limit, (long) ((now - started) * perSecond / 1e9) + 1);
        while (done < due) {
            long intended = started + (long) (done * 1e9 / perSecond);
            done++;
            action.accept(intended);
        }
        if (done >= limit) stop();
    }

    long done() {
        return done;
    }

    void stop() {
        if (task != null) task.cancel(false);
    }
}
