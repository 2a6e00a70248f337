package dev.socketeer.engine.internal;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * The websocket flush policy of a task that writes to many sockets ({@link #deliverFlushingEarly}): whether
 * a flush asked for now is made at once or at the end of the loop's batch of tasks
 * ({@link dev.socketeer.engine.spi.DeferredTask}).
 *
 * <p>Threading: the state is per event loop thread, confined to it.
 */
public final class EarlyFlush {
    private static final FastThreadLocal<EarlyFlush> BATCHES = new FastThreadLocal<>() {
        @Override
        protected EarlyFlush initialValue() {
            return new EarlyFlush();
        }
    };

    /** Whether websocket flushes are made at once (see {@link #deliverFlushingEarly}). */
    private boolean early;

    private EarlyFlush() {
    }

    /**
     * Runs {@code step} for items 0 to {@code count - 1} of a task of the current loop that writes to many
     * sockets, making the websocket flush an item asks for ({@link #flushEarly}) at once when
     * {@code flushAtOnce} says so for it, and at the end of the batch otherwise. A socket whose write no
     * later queued write can join is flushed at once: deferring would only make it wait for the other
     * sockets' writes (and a loop with deliveries queued behind would make every socket wait for all of
     * them, for no shared system call unless the same socket is among them). A socket with more already
     * queued for it waits, and its writes leave together. Must be called on the loop.
     */
    public static void deliverFlushingEarly(int count, java.util.function.IntPredicate flushAtOnce,
            java.util.function.IntConsumer step) {
        EarlyFlush b = BATCHES.get();
        boolean before = b.early;
        try {
            for (int i = 0; i < count; i++) {
                b.early = flushAtOnce.test(i);
                step.accept(i);
            }
        } finally {
            b.early = before;
        }
    }

    /** Whether a flush asked for now on this loop should be made at once (see {@link #deliverFlushingEarly}). */
    public static boolean flushEarly() {
        return BATCHES.get().early;
    }
}
