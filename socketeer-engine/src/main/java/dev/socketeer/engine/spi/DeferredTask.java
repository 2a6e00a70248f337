package dev.socketeer.engine.spi;

import io.netty.channel.EventLoop;

/**
 * Work deferred to the end of the current batch of an event loop's tasks: one task per loop runs every
 * task {@link #defer deferred} since it was queued, each once however often it was deferred. A broadcast
 * to 1,000 sockets queues one flush task, not 1,000; writes of broadcasts that queued up while the loop
 * was busy leave together (one system call per websocket, one answer per poll); and the Socket.IO layer
 * hands the packets of one round of reads to its handler threads in one step.
 *
 * <p>Lifecycle: an object that defers work (a session, a connection) extends this class once; it can
 * be deferred any number of times. Threading: confined to one event loop: {@link #defer} must be called
 * on {@code loop}, and {@link #runDeferred} runs there.
 */
public abstract class DeferredTask {
    /** Whether this task is in its loop's current batch; loop-confined. */
    private boolean queued;

    protected DeferredTask() {
    }

    /**
     * Runs {@link #runDeferred} at the end of the current batch of {@code loop}'s tasks, once however
     * often it is deferred before then. Work deferred while the batch runs joins the next batch. Must be
     * called on {@code loop}.
     */
    public final void defer(EventLoop loop) {
        if (queued) {
            return;
        }
        queued = true;
        EndOfBatch.add(loop, this);
    }

    /** What to do at the end of the batch; on the loop. An exception is logged and does not stop the batch. */
    protected abstract void runDeferred();

    /** Called by the batch: this task may be deferred again from here on. */
    final void runQueued() {
        queued = false;
        runDeferred();
    }
}
