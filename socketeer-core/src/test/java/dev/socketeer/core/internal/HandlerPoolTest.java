package dev.socketeer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerPoolTest {
    /** How long to wait for something that must happen. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private HandlerPool pool;

    @AfterEach
    void shutdown() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void manyShortTasksRunOnTheBaseWorkersOnly() throws InterruptedException {
        // a stall threshold no short task reaches even when a loaded machine preempts its worker mid-task
        // (at 100 ms, a worker descheduled for that long counts as blocked); a cached pool grows regardless
        pool = new HandlerPool(2, 64, 5_000);
        CountDownLatch done = new CountDownLatch(10_000);
        for (int i = 0; i < 10_000; i++) {
            pool.execute(done::countDown);
        }
        assertThat(done.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(pool.getLargestPoolSize()).isEqualTo(2); // a cached pool would have grown with the burst
    }

    @Test
    void blockedWorkersAreReplacedSoOtherTasksStillRun() throws InterruptedException {
        pool = new HandlerPool(2, 64, 50);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blockedStarted = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                blockedStarted.countDown();
                awaitQuietly(release);
            });
        }
        assertThat(blockedStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        // both base workers are stuck: a task queued now must still run, on a worker the watchdog adds
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(ran::countDown);
        assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(pool.blockedWorkers()).isEqualTo(2);
        assertThat(pool.getPoolSize()).isGreaterThanOrEqualTo(3);

        release.countDown();
        await().atMost(WAIT).until(() -> pool.blockedWorkers() == 0 && pool.getCorePoolSize() == 2);
        await().atMost(WAIT).until(() -> pool.getPoolSize() == 2); // the extra workers retire (2 s idle)
    }

    @Test
    void neverGrowsPastItsMaximum() throws InterruptedException {
        pool = new HandlerPool(1, 3, 20);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            pool.execute(() -> {
                started.incrementAndGet();
                awaitQuietly(release);
            });
        }
        await().atMost(WAIT).until(() -> started.get() == 3);
        // the watchdog (every 10 ms) would have added workers many times over by now
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> started.get() == 3);
        assertThat(pool.getPoolSize()).isEqualTo(3);
        assertThat(pool.getLargestPoolSize()).isEqualTo(3);
        release.countDown();
        await().atMost(WAIT).until(() -> started.get() == 10);
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> new HandlerPool(0, 4, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandlerPool(4, 2, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
