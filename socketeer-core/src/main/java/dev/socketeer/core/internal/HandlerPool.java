package dev.socketeer.core.internal;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor for user handlers: a few hot workers ({@code base}, one per core and at least two)
 * taking tasks from one shared queue, so a busy server hands tasks to threads that are already running
 * instead of waking (or creating) a thread per task; and a watchdog that keeps {@code base} workers free
 * when handlers block. Every {@code stall / 2} it counts the workers that have been inside one task for
 * longer than {@code stall} and sizes the pool to {@code base} plus that count (at most {@code max}), so
 * a blocking handler delays its own socket (whose tasks run in order) and, for at most about
 * {@code stall}, tasks queued behind it, never the others for long. Extra workers leave again once
 * the blocked ones are back and they have been idle for two seconds.
 *
 * <p>Compared with a cached thread pool (one hand-off to a parked thread per task, 175 threads after a
 * burst of 1,000 joins on one core), this keeps the thread count at {@code base} under load and turns
 * hand-offs into queue operations while workers are busy.
 *
 * <p>Threading: thread safe; {@link #execute} from any thread. The watchdog runs on one daemon thread
 * shared by every pool in the JVM.
 */
public final class HandlerPool extends ThreadPoolExecutor {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "socketeer-handler-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final int base;
    private final int max;
    private final long stallNanos;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> watchdog;

    /**
     * A worker that publishes when its current task started (0 while idle), for the watchdog. A Netty
     * fast-thread-local thread, so the engine's per-send thread locals are array slots here too.
     */
    private static final class Worker extends FastThreadLocalThread {
        volatile long taskStart;

        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    /**
     * @param base workers kept (and kept free of blocked handlers)
     * @param max the most workers ever, blocked ones included
     * @param stallMillis how long a task may run before its worker counts as blocked
     */
    public HandlerPool(int base, int max, long stallMillis) {
        super(base, Math.max(base, max), 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>()); // extra workers retire after 2 s idle
        if (base < 1 || max < base || stallMillis < 1) {
            throw new IllegalArgumentException("need 1 <= base <= max and stallMillis >= 1");
        }
        this.base = base;
        this.max = max;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        setThreadFactory(r -> {
            Worker[] self = new Worker[1];
            self[0] = new Worker(() -> {
                try {
                    r.run();
                } finally {
                    workers.remove(self[0]);
                }
            }, "socketeer-handler-" + (pool == 1 ? "" : pool + "-") + count.incrementAndGet());
            workers.add(self[0]);
            return self[0];
        });
        long period = Math.max(1, stallMillis / 2);
        this.watchdog = WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** The default: {@code max(2, cores)} workers, at most 256, a task counts as blocked after 100 ms. */
    public static HandlerPool withDefaults() {
        return new HandlerPool(Math.max(2, Runtime.getRuntime().availableProcessors()), 256, 100);
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        if (t instanceof Worker w) {
            w.taskStart = System.nanoTime() | 1; // never 0, which means idle
        }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        if (Thread.currentThread() instanceof Worker w) {
            w.taskStart = 0;
        }
    }

    /** Workers currently inside a task for longer than the stall threshold. */
    int blockedWorkers() {
        long now = System.nanoTime();
        int blocked = 0;
        for (Worker w : workers) {
            long start = w.taskStart;
            if (start != 0 && now - start > stallNanos) {
                blocked++;
            }
        }
        return blocked;
    }

    private void check() {
        if (isShutdown()) {
            return; // terminated() cancels the watchdog
        }
        int wanted = Math.min(max, base + blockedWorkers());
        if (wanted != getCorePoolSize()) {
            // growing starts workers for queued tasks at once; shrinking retires the extra ones when idle
            setCorePoolSize(wanted);
        }
    }

    @Override
    protected void terminated() {
        ScheduledFuture<?> w = watchdog; // null only if the pool ended inside its own constructor
        if (w != null) {
            w.cancel(false);
        }
    }
}
