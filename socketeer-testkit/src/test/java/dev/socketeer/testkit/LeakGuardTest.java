package dev.socketeer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import org.junit.jupiter.api.Test;

class LeakGuardTest {

    /** A stand-in for a reference-counted Netty resource. */
    static final class Resource {}

    @Test
    void recordsAResourceThatWasNeverClosed() {
        LeakGuard.install();
        ResourceLeakDetector<Resource> detector =
                ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Resource.class, 1);
        LeakGuard.detectLeaks(); // start clean
        leak(detector);
        assertThat(LeakGuard.detectLeaks()).singleElement().asString()
                .contains("LEAK: LeakGuardTest$Resource", "touched by the test");
        assertThat(LeakGuard.recordedLeaks()).isEmpty();
    }

    @Test
    void recordsNothingWhenResourcesAreClosed() {
        LeakGuard.install();
        ResourceLeakDetector<Resource> detector =
                ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Resource.class, 1);
        Resource resource = new Resource();
        detector.trackForcibly(resource).close(resource);
        assertThat(LeakGuard.detectLeaks()).isEmpty();
    }

    private static void leak(ResourceLeakDetector<Resource> detector) {
        ResourceLeakTracker<Resource> tracker = detector.trackForcibly(new Resource());
        tracker.record("touched by the test");
    }
}
