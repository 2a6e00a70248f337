package dev.socketeer.testkit;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that fails a test class when Netty reports a leaked reference-counted resource
 * (a {@code ByteBuf} not released) while or before its tests ran.
 *
 * <p>Use {@code @ExtendWith(LeakGuard.class)}. Before the class it installs, once per JVM, a
 * {@link ResourceLeakDetectorFactory} whose detectors record leaks instead of only logging them.
 * Netty creates a detector when a resource class initialises, so the factory must be installed
 * before the first buffer is allocated in the JVM: put the extension on every Netty-using test class,
 * or call {@link #install()} early. After all tests of the class it runs the GC a few times, makes
 * every detector poll its queue, and fails if any leak was recorded, printing the records (the
 * surefire configuration runs with {@code -Dio.netty.leakDetection.level=paranoid}, so every buffer is
 * tracked). Recorded leaks are cleared when reported, so one leak fails one class.
 *
 * <p>Threading: detectors may report from any thread; the record list is thread safe.
 */
public final class LeakGuard implements BeforeAllCallback, AfterAllCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final List<ResourceLeakDetector<?>> DETECTORS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    /** Installs the recording detector factory if not yet done. Safe to call repeatedly. */
    public static synchronized void install() {
        if (installed) return;
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    /** Leaks recorded and not yet reported; empty when all is well. */
    public static List<String> recordedLeaks() {
        return List.copyOf(LEAKS);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = detectLeaks();
        if (leaks.isEmpty()) return;
        String report = String.join("\n\n", leaks);
        System.err.println("LeakGuard: " + leaks.size() + " leak(s) in " + context.getDisplayName() + ":\n" + report);
        throw new AssertionError(leaks.size() + " Netty resource leak(s) detected after "
                + context.getDisplayName() + ":\n" + report);
    }

    /** Runs the GC, makes every detector report, and returns (and forgets) the leaks recorded so far. */
    static List<String> detectLeaks() {
        for (int round = 0; round < 3; round++) {
            collectGarbage();
            pokeDetectors();
        }
        List<String> leaks = new ArrayList<>(LEAKS);
        LEAKS.removeAll(leaks);
        return leaks;
    }

    /** GC until a sentinel weak reference is enqueued, so leaked resources' references are queued too. */
    private static void collectGarbage() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        try {
            for (int i = 0; i < 10 && queue.remove(1) == null; i++) {
                byte[][] pressure = new byte[64][];
                for (int j = 0; j < pressure.length; j++) pressure[j] = new byte[16 * 1024];
                System.gc();
                if (queue.remove(100) != null) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sentinel.clear();
    }

    /** A detector reports queued leaks only on its next track(); give each one. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void pokeDetectors() {
        for (ResourceLeakDetector detector : DETECTORS) {
            Object probe = new Object();
            detector.trackForcibly(probe).close(probe);
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            ResourceLeakDetector<T> detector = new RecordingDetector<>(resource, samplingInterval);
            DETECTORS.add(detector);
            return detector;
        }

        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return newResourceLeakDetector(resource, samplingInterval, Long.MAX_VALUE);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                    + " (enable paranoid leak detection for access records)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
