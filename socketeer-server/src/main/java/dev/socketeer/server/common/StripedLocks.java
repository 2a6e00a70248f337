package dev.socketeer.server.common;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * In-process mutual exclusion per key (a project, a conversation) without a lock object per key: keys hash
 * onto a fixed number of {@link ReentrantLock} stripes, so two keys may share a stripe (and wait for each other)
 * but one key always maps to the same one. Used to run "change, commit, emit" of one key at a time, so its
 * events leave in commit order. Reentrant; holding two stripes at once must follow one global order.
 *
 * <p>Thread safe. Blocking: waits for the stripe; never call it on an event loop.
 */
public final class StripedLocks {

    private final ReentrantLock[] stripes;

    /** {@code count} stripes (at least 1). */
    public StripedLocks(int count) {
        if (count < 1) throw new IllegalArgumentException("count must be at least 1, not " + count);
        stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code body} holding the stripe of {@code key}; returns its result. */
    public <T> T call(long key, Supplier<T> body) {
        ReentrantLock lock = stripes[Math.floorMod(Long.hashCode(key), stripes.length)];
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} holding the stripe of {@code key}. */
    public void run(long key, Runnable body) {
        call(key, () -> {
            body.run();
            return null;
        });
    }
}
