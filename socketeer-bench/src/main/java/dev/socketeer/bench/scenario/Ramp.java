package dev.socketeer.bench.scenario;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Paces actions at a fixed rate on the generator's loop: each wake-up runs every action due by then,
 * passing its intended start time (so latency measured from it includes any lag of the generator
 * itself, avoiding coordinated omission), and schedules the next wake-up for the next intended time.
 * (A fixed 5 ms tick, used before, added 0–5 ms of the generator's own pacing delay to every
 * message.) Runs on the loop; stop with {@link #stop()}.
 */
final class Ramp {
    private final double perSecond;
    private final long limit;
    private final LongConsumer action;
    private long started;
    private long done;
    private EventLoop loop;
    private boolean stopped;
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
        this.loop = loop;
        started = System.nanoTime();
        loop.execute(this::tick);
        return started;
    }

    private long intended(long n) {
        return started + (long) (n * 1e9 / perSecond);
    }

    private void tick() {
        if (stopped) return;
        long now = System.nanoTime();
        long due = Math.min(limit, (long) ((now - started) * perSecond / 1e9) + 1);
        while (done < due) {
            long intended = intended(done);
            done++;
            action.accept(intended);
        }
        if (done >= limit) {
            stop();
        } else {
            task = loop.schedule(this::tick, Math.max(0, intended(done) - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    long done() {
        return done;
    }

    void stop() {
        stopped = true;
        if (task != null) task.cancel(false);
    }
}
