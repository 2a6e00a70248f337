package dev.socketeer.testkit;

import java.lang.management.ManagementFactory;

/**
 * Measures the heap bytes the current thread allocates while running a piece of code, for bounds such as
 * "a decoder allocates in proportion to its input". Uses HotSpot's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean}); counts everything allocated, garbage included.
 *
 * <p>Threading: measures the calling thread only; stateless.
 */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Code to measure; may throw. */
    @FunctionalInterface
    public interface Code {
        void run() throws Exception;
    }

    private Allocations() {}

    /**
     * The bytes allocated by the current thread while {@code code} ran; what it throws is ignored (a
     * decoder's refusal is as interesting to measure as its success), except errors, which propagate.
     */
    public static long measure(Code code) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            code.run();
        } catch (Exception ignored) {
            // the allocation up to the refusal is what counts
        }
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
