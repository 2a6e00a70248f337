package dev.socketeer.redis;

import dev.socketeer.core.SocketIoServer;
import dev.socketeer.testkit.LeakGuard;
import dev.socketeer.testkit.NodeDriver;
import dev.socketeer.testkit.RequiresService;
import dev.socketeer.testkit.Service;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on a fresh {@link MixedCluster} per test (a unique channel prefix each), with one Node driver
 * per class for the clients. Skipped without Redis (failed instead when {@code SOCKETEER_REQUIRE_SERVICES}
 * lists it); fails a class that leaks a buffer.
 */
@RequiresService(Service.REDIS)
@ExtendWith(LeakGuard.class)
abstract class MixedClusterTest {
    static final Duration WAIT = MixedCluster.WAIT;

    private static NodeDriver driver;
    MixedCluster cluster;

    @BeforeAll
    static void startDriver() {
        driver = new NodeDriver();
    }

    @AfterAll
    static void stopDriver() {
        driver.close();
    }

    @BeforeEach
    void startCluster(TestInfo test) {
        cluster = new MixedCluster();
        configure(cluster, test);
        cluster.start(driver, requestsTimeout(), this::setUpJavaNode);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** Both nodes' {@code requestsTimeout}. */
    abstract Duration requestsTimeout();

    /** Sets options of the cluster before it starts; none by default. */
    void configure(MixedCluster cluster, TestInfo test) {
    }

    /** Adds listeners to the Java node before it starts; none by default. */
    void setUpJavaNode(SocketIoServer io) {
    }
}
