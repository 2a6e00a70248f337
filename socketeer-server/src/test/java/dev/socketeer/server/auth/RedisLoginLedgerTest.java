package dev.socketeer.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.socketeer.server.auth.AuthProperties.LoginRate;
import dev.socketeer.server.auth.LoginLedger.Kind;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import dev.socketeer.testkit.TcpProxy;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The login throttle's shared ledger on the real Redis: two ledgers (two nodes) spend one budget, it refills
 * with Redis's clock, a trusted address is seen by both; while Redis is away each node throttles by itself, and
 * once it is back the shared budget counts again.
 */
@RequiresService(Service.REDIS)
class RedisLoginLedgerTest {
    private static final LoginRate RATE = new LoginRate(true, 2, 5, Duration.ofSeconds(2), 100, Duration.ofMinutes(1));

    private final String key = "socketeer-test-" + UUID.randomUUID();
    private final RedisClient client = RedisClient.create(Service.REDIS.url());
    private TcpProxy proxy;
    private RedisClient proxied;

    @AfterEach
    void close() {
        client.shutdown();
        if (proxied != null) proxied.shutdown();
        if (proxy != null) proxy.stop();
    }

    @Test
    void twoNodesSpendOneBudgetThatRefillsAndShareTrustedAddresses() {
        try (RedisLoginLedger nodeA = new RedisLoginLedger(client, key, RATE);
             RedisLoginLedger nodeB = new RedisLoginLedger(client, key, RATE)) {
            assertThat(nodeA.take(Kind.ACCOUNT, "alice")).isZero();
            assertThat(nodeB.take(Kind.ACCOUNT, "alice")).isZero();
            long wait = nodeA.take(Kind.ACCOUNT, "alice");
            assertThat(wait).as("the third failure of a budget of two, on either node").isPositive()
                    .isLessThanOrEqualTo(Duration.ofSeconds(1).toNanos());
            assertThat(nodeB.waitNanos(Kind.ACCOUNT, "alice")).isPositive();
            assertThat(nodeB.take(Kind.ACCOUNT, "bob")).as("another account's budget").isZero();
            assertThat(nodeB.take(Kind.ADDRESS, "alice")).as("an address budget of the same name").isZero();

            nodeB.giveBack(Kind.ACCOUNT, "alice"); // a success gives its token back, without waiting
            await().atMost(Duration.ofSeconds(2)).until(() -> nodeA.waitNanos(Kind.ACCOUNT, "alice") == 0);

            assertThat(nodeB.isTrusted("alice", "10.0.0.1")).isFalse();
            nodeA.trust("alice", "10.0.0.1");
            await().atMost(Duration.ofSeconds(2)).until(() -> nodeB.isTrusted("alice", "10.0.0.1"));
            assertThat(nodeB.isTrusted("alice", "10.0.0.2")).isFalse();
        }
    }

    @Test
    void whileRedisIsAwayEachNodeThrottlesByItselfAndCountsTogetherAgainWhenItIsBack() throws Exception {
        proxy = new TcpProxy(Service.REDIS.address());
        int port = proxy.start();
        proxied = RedisClient.create("redis://127.0.0.1:" + port);
        try (RedisLoginLedger nodeA = new RedisLoginLedger(proxied, key, RATE);
             RedisLoginLedger nodeB = new RedisLoginLedger(client, key, RATE)) {
            proxy.stop();
            long start = System.nanoTime();
            assertThat(nodeA.take(Kind.ACCOUNT, "carol")).isZero();
            assertThat(nodeA.take(Kind.ACCOUNT, "carol")).isZero();
            assertThat(nodeA.take(Kind.ACCOUNT, "carol")).as("node A's own budget of two").isPositive();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no login waits long for an absent Redis")
                    .isLessThan(RedisLoginLedger.TIMEOUT.multipliedBy(4));
            assertThat(nodeB.take(Kind.ACCOUNT, "carol")).as("Redis never saw node A's failures").isZero();

            proxy.start();
            AtomicInteger attempt = new AtomicInteger(); // a fresh account each time: Lettuce reconnects when it will
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String account = "dave-" + attempt.incrementAndGet();
                return nodeA.take(Kind.ACCOUNT, account) == 0 && nodeB.waitNanos(Kind.ACCOUNT, account) == 0
                        && nodeA.take(Kind.ACCOUNT, account) == 0 && nodeB.waitNanos(Kind.ACCOUNT, account) > 0;
            });
        }
    }
}
