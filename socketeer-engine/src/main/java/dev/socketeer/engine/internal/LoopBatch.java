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
        LoopBatch b = BATCHES.get();
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
