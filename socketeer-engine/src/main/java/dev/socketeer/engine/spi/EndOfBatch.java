package dev.socketeer.engine.spi;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import org.slf4j.LoggerFactory;

/**
 * The one task per event loop that runs the {@link DeferredTask}s deferred since it was queued. Because
 * it runs after every task queued before it, the work of tasks that queued up while the loop was busy
 * is done together. Threading: one instance per event loop thread, confined to it.
 */
final class EndOfBatch implements Runnable {
    private static final FastThreadLocal<EndOfBatch> BATCHES = new FastThreadLocal<>() {
        @Override
        protected EndOfBatch initialValue() {
            return new EndOfBatch();
        }
    };

    private ArrayList<DeferredTask> pending = new ArrayList<>();
    private ArrayList<DeferredTask> spare = new ArrayList<>();
    private boolean scheduled;

    private EndOfBatch() {
    }

    static void add(EventLoop loop, DeferredTask task) {
        EndOfBatch batch = BATCHES.get();
        batch.pending.add(task);
        if (!batch.scheduled) {
            batch.scheduled = true;
            loop.execute(batch);
        }
    }

    @Override
    public void run() {
        scheduled = false;
        ArrayList<DeferredTask> batch = pending;
        pending = spare; // what these runs defer again joins the next batch
        spare = batch;
        for (int i = 0; i < batch.size(); i++) {
            try {
                batch.get(i).runQueued();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(DeferredTask.class).error("deferred task failed", e);
            }
        }
        batch.clear();
    }
}
