package dev.socketeer.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socketeer.core.RateLimit;
import dev.socketeer.core.RateLimitAction;
import org.junit.jupiter.api.Test;

/** The token bucket alone, on a clock the test moves (the end-to-end behaviour is in {@code RateLimitTest}). */
class EventRateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsWithTheBurstThenRefillsAtTheRate() {
        EventRateLimiter bucket = new EventRateLimiter(RateLimit.of(2, 3, RateLimitAction.DROP), 0);
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isTrue();
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(SECOND / 4)).isFalse(); // half a token so far
        assertThat(bucket.tryTake(SECOND / 2)).isTrue();  // one token after 0.5 s at 2/s
        assertThat(bucket.tryTake(SECOND / 2)).isFalse();
    }

    @Test
    void savesUpNoMoreThanTheBurst() {
        EventRateLimiter bucket = new EventRateLimiter(RateLimit.of(10, 2, RateLimitAction.DROP), 0);
        long later = 3600 * SECOND;
        assertThat(bucket.tryTake(later)).isTrue();
        assertThat(bucket.tryTake(later)).isTrue();
        assertThat(bucket.tryTake(later)).isFalse();
    }

    @Test
    void aClockThatDoesNotMoveForwardAddsNothing() {
        EventRateLimiter bucket = new EventRateLimiter(RateLimit.of(1, 1, RateLimitAction.DROP), 5 * SECOND);
        assertThat(bucket.tryTake(5 * SECOND)).isTrue();
        assertThat(bucket.tryTake(4 * SECOND)).isFalse();
        assertThat(bucket.tryTake(6 * SECOND)).isTrue();
    }
}
