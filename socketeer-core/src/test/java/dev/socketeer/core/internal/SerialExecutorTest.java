package dev.socketeer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksInSubmissionOrderOneAtATime() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1000);
        for (int i = 0; i < 1000; i++) {
            int n = i;
            serial.execute(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                seen.add(n);
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(maxRunning.get()).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aBlockedQueueDoesNotDelayAnotherQueue() throws InterruptedException {
        SerialExecutor slow = new SerialExecutor(pool);
        SerialExecutor fast = new SerialExecutor(pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fastRan = new CountDownLatch(1);
        slow.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fast.execute(fastRan::countDown);
        assertThat(fastRan.await(2, TimeUnit.SECONDS)).isTrue();
        release.countDown();
    }

    @Test
    void aFailingTaskDoesNotStopTheQueue() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool);
        CountDownLatch after = new CountDownLatch(1);
        serial.execute(() -> {
            throw new IllegalStateException("boom");
        });
        serial.execute(after::countDown);
        assertThat(after.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void executeOrRunRunsInlineOnlyInsideTheQueue() throws InterruptedException {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        serial.execute(() -> {
            serial.executeOrRun(() -> order.add("inline"));
            order.add("after");
            done.countDown();
        });
        assertThat(done.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("inline", "after");
        assertThat(serial.inExecutor()).isFalse();
    }
}
