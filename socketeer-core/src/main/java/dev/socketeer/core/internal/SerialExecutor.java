package dev.socketeer.core.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared delegate executor: the per-client
 * ordering of user callbacks without a thread per client.
 *
 * <p>Threading: {@link #execute} may be called from any thread. After a batch of tasks the executor
 * yields its delegate thread, so a busy client does not starve others.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final int BATCH = 64;
    private static final ThreadLocal<SerialExecutor> CURRENT = new ThreadLocal<>();

    /** 1 while a drain is queued or running; a field updater rather than an AtomicBoolean (one object less per client). */
    private static final AtomicIntegerFieldUpdater<SerialExecutor> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "scheduled");

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile int scheduled;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    /** Runs {@code task} now if already called from one of this executor's tasks, else queues it. */
    void executeOrRun(Runnable task) {
        if (CURRENT.get() == this) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Whether the calling thread is running one of this executor's tasks. */
    boolean inExecutor() {
        return CURRENT.get() == this;
    }

    private void schedule() {
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                delegate.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled = 0;
                tasks.clear();
                log.debug("handler executor rejected tasks (shut down?)", e);
            }
        }
    }

    private void drain() {
        SerialExecutor previous = CURRENT.get();
        CURRENT.set(this);
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("Uncaught error in a socket task", e);
                }
            }
        } finally {
            CURRENT.set(previous);
            scheduled = 0;
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
