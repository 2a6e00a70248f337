package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token buckets behind the login throttle, on a hand-driven clock (nanoseconds). */
class FailureBudgetsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void allowsABurstThenOneMorePerWindowOverCapacity() {
        FailureBudgets budgets = new FailureBudgets(3, Duration.ofSeconds(30), 100);
        for (int i = 0; i < 3; i++) assertThat(budgets.take("a", 0)).isZero();
        assertThat(budgets.take("a", 0)).isCloseTo(10 * SECOND, within(1000L));
        assertThat(budgets.take("a", 4 * SECOND)).isCloseTo(6 * SECOND, within(1000L));
        assertThat(budgets.take("a", 11 * SECOND)).isZero();
        assertThat(budgets.waitNanos("a", 11 * SECOND)).isCloseTo(9 * SECOND, within(1000L));
        assertThat(budgets.take("b", 11 * SECOND)).as("another key has its own budget").isZero();
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainButNeverOverCapacity() {
        FailureBudgets budgets = new FailureBudgets(1, Duration.ofSeconds(10), 100);
        assertThat(budgets.take("a", 0)).isZero();
        budgets.giveBack("a", 0);
        budgets.giveBack("a", 0);
        assertThat(budgets.take("a", 0)).isZero();
        assertThat(budgets.take("a", 0)).isPositive();
    }

    @Test
    void staysWithinMaxKeysForgettingTheLeastRecentlyUsed() {
        FailureBudgets budgets = new FailureBudgets(1, Duration.ofSeconds(10), 3);
        budgets.take("first", 0);
        budgets.take("second", 0);
        budgets.take("third", 0);
        assertThat(budgets.take("first", 0)).isPositive();   // now the most recently used
        budgets.take("fourth", 0);
        assertThat(budgets.size()).isEqualTo(3);
        assertThat(budgets.waitNanos("first", 0)).as("kept").isPositive();
        assertThat(budgets.waitNanos("second", 0)).as("forgotten").isZero();
        for (int i = 0; i < 1000; i++) budgets.take("flood-" + i, 0);
        assertThat(budgets.size()).isEqualTo(3);
    }
}
