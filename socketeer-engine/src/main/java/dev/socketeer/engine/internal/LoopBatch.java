package dev.socketeer.engine.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;

/**
 * Work deferred to the end of the current batch of an event loop's tasks: one task per loop runs every
 * {@link Deferred} scheduled since it was queued. A broadcast to 1,000 sockets queues one flush task, not
 * 1,000; and because the task runs after every task queued before it, writes of broadcasts that queued
 * up while the loop was busy leave together: one system call per websocket, one answer per poll. Work
 * deferred while the loop reads runs once the round of reads is over: Socket.IO hands the packets of a
 * round to its handler threads that way.
 *
 * <p>Threading: one instance per event loop thread ({@link #of()}), confined to it.
 */
public final class LoopBatch implements Runnable {
    /** Something to run at the end of the batch, scheduled at most once per batch. Loop-confined. */
    public abstract static class Deferred {
        private boolean deferred;

        /** What to do at the end of the batch; on the loop. */
        protected abstract void runDeferred();
    }

    private static final FastThreadLocal<LoopBatch> BATCHES = new FastThreadLocal<>() {
        @Override
        protected LoopBatch initialValue() {
            return new LoopBatch();
        }
    };

    private ArrayList<Deferred> pending = new ArrayList<>();
    private ArrayList<Deferred> spare = new ArrayList<>();
    private boolean scheduled;
    /** Whether websocket flushes are made at once (see {@link #deliverFlushingEarly}). */
    private boolean early;

    private LoopBatch() {
    }

    /**
     * Runs {@code d} at the end of the current batch of {@code loop}'s tasks, once however often it is
     * deferred before then. Must be called on {@code loop}.
     */
    public static void defer(EventLoop loop, Deferred d) {
        if (d.deferred) {
            return;
        }
        d.deferred = true;
        LoopBatch batch = BATCHES.get();
        batch.pending.add(d);
        if (!batch.scheduled) {
            batch.scheduled = true;
            loop.execute(batch);
        }
    }

    /**
     * Runs {@code deliver}, a task of the current loop that writes to many sockets, making the websocket
     * flushes it asks for ({@link #flushEarly}) at once while {@code nothingBehind} says that no other
     * delivery waits on the loop, rather than at the end of the batch. With nothing behind it no later
     * write can share a socket's system call, so deferring would only make the first recipients wait for
     * the last one's write; as soon as something waits (asked every {@code every} calls of {@code step})
     * the flushes are deferred again, and writes of the deliveries queued up leave together. Must be
     * called on {@code loop}.
     *
     * @param step called with 0, 1, ... {@code count - 1}
     */
    public static void deliverFlushingEarly(int count, int every, java.util.function.BooleanSupplier nothingBehind,
            java.util.function.IntConsumer step) {
        LoopBatch b = BATCHES.get();
        boolean before = b.early;
        try {
            for (int i = 0; i < count; i++) {
                if (i % every == 0) {
                    b.early = nothingBehind.getAsBoolean();
                }
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

    @Override
    public void run() {
        scheduled = false;
        ArrayList<Deferred> batch = pending;
        pending = spare; // what these runs defer again joins the next batch
        spare = batch;
        for (int i = 0; i < batch.size(); i++) {
            Deferred d = batch.get(i);
            d.deferred = false;
            try {
                d.runDeferred();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LoopBatch.class).error("deferred flush failed", e);
            }
        }
        batch.clear();
    }
}
